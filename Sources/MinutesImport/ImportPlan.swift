import Foundation
import MinutesCore

/// What the user asked for, besides the document.
public struct ImportOptions: Sendable {
    public var group: String
    /// `--meeting`: the date of the meeting the document is the minutes of.
    public var meeting: Day?
    /// `--undated`: the meeting the notes above the first date line belong to.
    public var undatedMeeting: Day?
    /// People to add to the directory with the import (`--add-person KP="Kim Parker"`).
    public var addPeople: [Person]

    public init(group: String, meeting: Day? = nil, undatedMeeting: Day? = nil, addPeople: [Person] = []) {
        self.group = group
        self.meeting = meeting
        self.undatedMeeting = undatedMeeting
        self.addPeople = addPeople
    }
}

/// Why a document cannot be imported at all.
public enum ImportError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownGroup(String)
    case noProjectTables(tables: Int)
    case noMeetingDate
    case noYear(MinutesDate)

    public var description: String {
        switch self {
        case .unknownGroup(let g): return "unknown group '\(g)' (add it with: minutes add group \(g) \"Name\")"
        case .noProjectTables(let n):
            return "no project tables found (\(n) table\(n == 1 ? "" : "s"); a project table's header row reads 'Actions required - Project N: headline | Progress: date | To do by next meeting')"
        case .noMeetingDate: return "the document names no meeting date (no 'Progress: 26th June' heading); give it with --meeting YYYY-MM-DD"
        case .noYear(let d): return "the document's meeting date '\(d)' has no year; give the date with --meeting YYYY-MM-DD"
        }
    }
}

/// One thing to write. A follow-up that comes in already done is written with its `done`,
/// which names the follow-up's new id: the two are recorded in one batch.
public enum ImportStep: Hashable, Sendable {
    case record(EventBody)
    case recordDone(todo: EventBody, meeting: Day)
}

/// What the import will do to one project, for the preview.
public struct ProjectSummary: Hashable, Sendable {
    public var number: Int
    public var headline: String
    public var isNew: Bool
    public var table: Int
    public var actions = 0
    /// New notes by meeting.
    public var notes: [Day: Int] = [:]
    public var newFollowUps = 0
    public var doneFollowUps = 0
    public var reassigned = 0
    /// Follow-ups the journal has already (carried from an earlier import, or this file again).
    public var carried = 0
    /// Actions and notes the journal has already.
    public var alreadyThere = 0
    public var unowned = 0

    public var newEntries: Int { actions + notes.values.reduce(0, +) + newFollowUps + doneFollowUps + reassigned }
}

public struct ImportPlan: Sendable {
    public var group: String
    public var meeting: Day
    public var steps: [ImportStep] = []
    public var projects: [ProjectSummary] = []
    public var meetingsAdded: [Day] = []
    /// The meeting the undated notes went to, when there were any.
    public var earlierMeeting: Day?
    /// The user named that meeting (`--undated`).
    public var undatedNamed = false
    /// How the document was read: years supplied, columns reordered, headlines that differ.
    public var notices: [String] = []
    /// What was left out, with its place.
    public var unread: [ReadNotice] = []
    public var ownersRecognised: [String] = []
    public var unknownInitials: [String] = []
    /// Open follow-ups from earlier meetings that the document does not list.
    public var leftOpen: [String] = []
    public var peopleAdded: [Person] = []

    /// The number of journal entries the import writes.
    public var entryCount: Int {
        steps.reduce(0) { n, s in if case .recordDone = s { return n + 2 } else { return n + 1 } }
    }
    public var isEmpty: Bool { steps.isEmpty }
}

/// Comparing text from two documents: case, quotes, dashes, spaces and a final full stop do not count.
enum Normal {
    static func key(_ text: String) -> String {
        var t = MinutesLayout.clean(text).lowercased().precomposedStringWithCompatibilityMapping
        for (from, to) in [("’", "'"), ("‘", "'"), ("“", "\""), ("”", "\""), ("–", "-"), ("—", "-"), ("…", "...")] {
            t = t.replacingOccurrences(of: from, with: to)
        }
        while let last = t.last, ".;,".contains(last) { t.removeLast() }
        return t.trimmingCharacters(in: .whitespaces)
    }
}
