/// One line of the journal: who did what, when, with its own id.
///
/// Events are facts that are never rewritten: a correction is a later event
/// (`amend`, `retract`, `done`, `drop`, `reassign`) that names the earlier one by id.
///
/// A line's `source=` (where an imported entry came from) is written beside the event
/// (`EventWriter.line(for:source:)`) rather than kept in it: replay never reads it, and an
/// event whose only non-trivial part is its body hands that body to the state without a copy.
public struct Event: Hashable, Sendable {
    public var id: EventID
    public var timestamp: Timestamp
    public var body: EventBody

    public init(id: EventID, timestamp: Timestamp, body: EventBody) {
        self.id = id
        self.timestamp = timestamp
        self.body = body
    }

    /// Replay order: by timestamp, then id, so that every copy of a merged journal agrees.
    public static func replayOrder(_ a: Event, _ b: Event) -> Bool {
        a.timestamp != b.timestamp ? a.timestamp < b.timestamp : a.id < b.id
    }

    public var kind: EventKind { body.kind }
}

/// A project as people name it, `be-safe/2` (its group's slug and its number there), and,
/// when known, the id of its `project` event, which is what identifies it.
///
/// Numbers are labels: two copies of a journal may each add a `be-safe/2` offline, and after
/// the merge one of them is shown under another number (see docs/journal-format.md, 7). So
/// the journal names a project by `label@id` (`be-safe/2@2zbt68v9ksts`), the label being what
/// its writer saw, and replay finds the project by the id. Equality and hashing compare the
/// label only: within one state a label names one project, and the states' tables are keyed
/// by it.
public struct ProjectRef: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var group: String
    public var number: Int
    /// The id's value, `noID` for none: an optional id would take 9 bytes and pad the reference,
    /// which every item holds, by 8 more.
    private var rawID: UInt64

    /// No id has this value (ids are 60 bits).
    private static let noID = UInt64.max

    /// The `project` event's id; nil for a bare label (journals of format 1, hand edits).
    public var id: EventID? {
        get { rawID == ProjectRef.noID ? nil : EventID(value: rawID) }
        set { rawID = newValue?.value ?? ProjectRef.noID }
    }

    public init(group: String, number: Int, id: EventID? = nil) {
        self.group = group
        self.number = number
        rawID = id?.value ?? ProjectRef.noID
    }

    /// Parses `slug/N` or `slug/N@ID`.
    public init?(_ text: String) {
        var label = Substring(text)
        var id: EventID?
        if let at = text.firstIndex(of: "@") {
            guard let parsed = EventID.parse(String(text[text.index(after: at)...])) else { return nil }
            id = parsed
            label = text[..<at]
        }
        guard let slash = label.lastIndex(of: "/") else { return nil }
        let slug = String(label[..<slash])
        guard GroupSlug.isValid(slug), let n = ProjectRef.number(label[label.index(after: slash)...]) else { return nil }
        self.init(group: slug, number: n, id: id)
    }

    public static func == (a: ProjectRef, b: ProjectRef) -> Bool { a.number == b.number && a.group == b.group }
    public func hash(into h: inout Hasher) {
        h.combine(group)
        h.combine(number)
    }

    /// The same label without the id.
    public var label: ProjectRef { ProjectRef(group: group, number: number) }

    /// How the journal writes it: `slug/N@ID` when the id is known, else `slug/N`.
    public var journalValue: String { id.map { "\(text)@\($0.text)" } ?? text }

    /// A project number: ASCII digits only (no sign), 1 to 9999.
    static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(text), (1...9999).contains(n)
        else { return nil }
        return n
    }

    public var text: String { "\(group)/\(number)" }
    public var description: String { text }

    public static func < (a: ProjectRef, b: ProjectRef) -> Bool {
        a.group != b.group ? a.group < b.group : a.number < b.number
    }
}

/// The rules for a group's short name: lower-case letters, digits and hyphens, 1–40 long,
/// starting with a letter, so it can stand unquoted in the journal and on a command line.
public enum GroupSlug {
    public static func isValid(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard (1...40).contains(u.count), let first = u.first, first >= 97, first <= 122 else { return false }
        return u.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }
}

/// How a project is going at a meeting, as monitoring reports grade it.
public enum Rating: String, CaseIterable, Sendable, Comparable {
    case unsatisfactory, satisfactory, good, excellent

    public static func < (a: Rating, b: Rating) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// A one-letter marker for tight places such as the tab bar.
    public var marker: String {
        switch self {
        case .unsatisfactory: return "U"
        case .satisfactory: return "S"
        case .good: return "G"
        case .excellent: return "E"
        }
    }

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// The kinds of event, by their journal keyword.
public enum EventKind: String, CaseIterable, Sendable {
    case person, group, project, meeting, action, note, todo, done, drop, reassign, carry, rate, amend, retract, plan,
         decision, aob, approve, due
    /// Journal keywords are at most 8 bytes (the parser packs them into one word).
    case confidential = "withhold"
}

/// What a `meeting` event says about a meeting. Repeating a meeting event for the same
/// group and date continues that meeting: lists are merged, single fields overwritten.
public struct MeetingFields: Hashable, Sendable {
    public var group: String
    public var date: Day
    public var present: [String] = []
    public var apologies: [String] = []
    public var chair: String?
    public var minuteTaker: String?
    public var next: Day?
    /// Who was in attendance without being a member (an officer, a guest): "In attendance".
    public var inAttendance: [String] = []

    public init(group: String, date: Day, present: [String] = [], apologies: [String] = [],
                chair: String? = nil, minuteTaker: String? = nil, next: Day? = nil, inAttendance: [String] = []) {
        self.inAttendance = inAttendance
        self.group = group
        self.date = date
        self.present = present
        self.apologies = apologies
        self.chair = chair
        self.minuteTaker = minuteTaker
        self.next = next
    }
}

/// Plan fields set by a `plan` event; nil (or an empty list) means "not changed by this
/// event", and `clear` names the fields it empties. Group plans use the project-plan fields
/// (title to plans), projects (priorities, focus areas) lead, aim, targets, background,
/// code, start and end, actions (activities of an action plan) owners, timescale,
/// resources and links. See docs/journal-format.md, section 5.
public struct PlanFields: Hashable, Sendable {
    public var lead: String?
    public var aim: String?
    /// A day or a month; `startIsMonth` says which (see `PlanDate`).
    public var start: Day?
    public var end: Day?
    public var startIsMonth = false
    public var endIsMonth = false
    /// Replaces the links when non-empty.
    public var links: [String] = []
    /// Group plans only: replaces the priorities when non-empty.
    public var priorities: [String] = []
    /// The meeting the plan was agreed at, when it was (see `AsOfRule.planPeriod`).
    public var meeting: Day?
    /// Group plans: the document's title ("… PROJECT PLAN 2009 – 2011"), the AIM paragraph,
    /// the lettered approaches, key issues, baseline, success criteria and where the action
    /// plans are. Lists replace the earlier list when non-empty.
    public var title: String?
    /// Group plans: the language the group's documents are written in, a BCP 47 tag ("cy-GB").
    public var language: String?
    public var statement: String?
    public var approaches: [PlanApproach] = []
    public var resources: String?
    public var issues: [String] = []
    public var baseline: String?
    public var success: [String] = []
    public var actionPlans: String?
    /// Projects as focus areas: the targets that achieve the aim, background, code ("FA2").
    public var targets: [String] = []
    public var background: String?
    public var code: String?
    /// Actions as activities: who is responsible (replaces when non-empty) and when.
    public var owners: [Owner] = []
    public var timescale: String?
    /// Fields this event empties, applied before the fields it sets.
    public var clear: [PlanFieldName] = []

    public init(lead: String? = nil, aim: String? = nil, start: Day? = nil, end: Day? = nil,
                links: [String] = [], priorities: [String] = [], meeting: Day? = nil) {
        self.lead = lead
        self.aim = aim
        self.start = start
        self.end = end
        self.links = links
        self.priorities = priorities
        self.meeting = meeting
    }

    public var startDate: PlanDate? {
        get { start.map { PlanDate(day: $0, isMonth: startIsMonth) } }
        set { start = newValue?.day; startIsMonth = newValue?.isMonth ?? false }
    }

    public var endDate: PlanDate? {
        get { end.map { PlanDate(day: $0, isMonth: endIsMonth) } }
        set { end = newValue?.day; endIsMonth = newValue?.isMonth ?? false }
    }

    public var isEmpty: Bool {
        lead == nil && aim == nil && start == nil && end == nil && links.isEmpty && priorities.isEmpty
            && title == nil && language == nil && statement == nil && approaches.isEmpty && resources == nil && issues.isEmpty
            && baseline == nil && success.isEmpty && actionPlans == nil && targets.isEmpty && background == nil
            && code == nil && owners.isEmpty && timescale == nil && clear.isEmpty
    }

    /// The fields set or cleared, as `PlanFieldName`s (for checks of what a target may hold).
    public var touched: [PlanFieldName] {
        var f: [PlanFieldName] = clear
        func add(_ set: Bool, _ field: PlanFieldName) { if set { f.append(field) } }
        add(title != nil, .title); add(language != nil, .language); add(lead != nil, .lead); add(aim != nil, .aim); add(statement != nil, .statement)
        add(!priorities.isEmpty, .priority); add(!approaches.isEmpty, .approach); add(resources != nil, .resources)
        add(start != nil, .start); add(end != nil, .end); add(!links.isEmpty, .link); add(!issues.isEmpty, .issue)
        add(baseline != nil, .baseline); add(!success.isEmpty, .success); add(actionPlans != nil, .plans)
        add(!targets.isEmpty, .target); add(background != nil, .background); add(code != nil, .code)
        add(!owners.isEmpty, .owner); add(timescale != nil, .timescale)
        return f
    }

    /// Whether it says anything format 1 cannot hold (only lead, aim, day dates, links, priorities).
    public var needsFormat2: Bool {
        startIsMonth || endIsMonth || title != nil || language != nil || statement != nil || !approaches.isEmpty || resources != nil
            || !issues.isEmpty || baseline != nil || !success.isEmpty || actionPlans != nil || !targets.isEmpty
            || background != nil || code != nil || !owners.isEmpty || timescale != nil || !clear.isEmpty
    }
}

/// What a plan event applies to.
public enum PlanTarget: Hashable, Sendable {
    case group(String)
    case project(ProjectRef)
    /// An agreed action, by its id: its responsibility, timescale, resources and links.
    case action(EventID)

    /// Which fields a plan of this target may hold.
    public var allowedFields: Set<PlanFieldName> {
        switch self {
        case .group:
            return [.title, .language, .lead, .aim, .statement, .priority, .approach, .resources, .start, .end, .link, .issue,
                    .baseline, .success, .plans]
        case .project: return [.lead, .aim, .target, .background, .code, .start, .end, .link, .resources]
        case .action: return [.owner, .timescale, .resources, .link]
        }
    }
}

/// The content of an event, one case per kind.
public enum EventBody: Hashable, Sendable {
    /// Adds a person to the directory, or updates the person with these initials.
    indirect case person(Person)
    /// Adds a working group, or renames the group with this slug.
    indirect case group(slug: String, name: String, lead: String?)
    /// Adds project `number` to a group; its headline is the "Actions required" title.
    case project(ProjectRef, headline: String)
    /// Opens a meeting, or continues the group's meeting on that date.
    indirect case meeting(MeetingFields)
    /// An agreed action under "Actions required".
    case action(ProjectRef, meeting: Day?, text: String)
    /// A progress note, under its meeting's date.
    case note(ProjectRef, meeting: Day?, text: String)
    /// A follow-up, "To do by next meeting".
    case todo(ProjectRef, meeting: Day?, owners: [Owner], text: String)
    /// A follow-up is done, with an optional outcome.
    case done(ref: EventID, meeting: Day?, outcome: String?)
    /// A follow-up is dropped, with a reason.
    case drop(ref: EventID, meeting: Day?, reason: String)
    /// A follow-up changes hands.
    case reassign(ref: EventID, meeting: Day?, owners: [Owner])
    /// A follow-up was reviewed at a meeting and stays open: "carry on". It changes nothing
    /// but records the decision, so a review pass can be left and resumed.
    case carry(ref: EventID, meeting: Day?)
    /// A project's status rating at a meeting.
    case rate(ProjectRef, meeting: Day?, rating: Rating, comment: String?)
    /// New text (and, for a follow-up, owners) for an action, note, follow-up or project
    /// headline. `base` is the amendment (or the item itself) the writer was correcting: two
    /// amendments with the same base were made apart, and replay warns about them.
    case amend(ref: EventID, text: String, owners: [Owner]?, base: EventID? = nil)
    /// Undoes an earlier event as if it had not happened.
    case retract(ref: EventID, reason: String?)
    /// Sets plan fields of a project or group.
    indirect case plan(PlanTarget, PlanFields)
    /// A decision taken at a meeting, minuted under its project ("Decision: …").
    case decision(ProjectRef, meeting: Day?, text: String)
    /// An item of any other business, minuted for the group rather than for a project.
    case aob(group: String, meeting: Day?, text: String)
    /// The minutes of the group's meeting on `meeting` were approved as a true record at the
    /// meeting on `at`, with the amendments made to them, if any.
    indirect case approve(group: String, meeting: Day, at: Day, amendments: String?)
    /// Sets or changes the date a follow-up is due by (each change kept in its history).
    case due(ref: EventID, meeting: Day?, date: Day)
    /// Marks an item confidential: kept out of every circulated copy (retract to unmark).
    case confidential(ref: EventID)

    public var kind: EventKind {
        switch self {
        case .person: return .person
        case .group: return .group
        case .project: return .project
        case .meeting: return .meeting
        case .action: return .action
        case .note: return .note
        case .todo: return .todo
        case .done: return .done
        case .drop: return .drop
        case .reassign: return .reassign
        case .carry: return .carry
        case .rate: return .rate
        case .amend: return .amend
        case .retract: return .retract
        case .plan: return .plan
        case .decision: return .decision
        case .aob: return .aob
        case .approve: return .approve
        case .due: return .due
        case .confidential: return .confidential
        }
    }

    /// The group this event belongs to, when it belongs to one directly.
    public var group: String? {
        switch self {
        case .group(let slug, _, _): return slug
        case .project(let p, _), .action(let p, _, _), .note(let p, _, _), .todo(let p, _, _, _),
             .rate(let p, _, _, _), .decision(let p, _, _):
            return p.group
        case .aob(let g, _, _), .approve(let g, _, _, _): return g
        case .meeting(let m): return m.group
        case .plan(.group(let g), _): return g
        case .plan(.project(let p), _): return p.group
        case .plan(.action, _): return nil
        case .person, .done, .drop, .reassign, .carry, .amend, .retract, .due, .confidential: return nil
        }
    }

    /// The meeting date written on the event, if any.
    public var meeting: Day? {
        switch self {
        case .action(_, let m, _), .note(_, let m, _), .todo(_, let m, _, _), .rate(_, let m, _, _),
             .done(_, let m, _), .drop(_, let m, _), .reassign(_, let m, _), .carry(_, let m),
             .decision(_, let m, _), .aob(_, let m, _), .due(_, let m, _):
            return m
        case .approve(_, _, let at, _): return at
        case .meeting(let f): return f.date
        case .plan(_, let f): return f.meeting
        case .person, .group, .project, .amend, .retract, .confidential: return nil
        }
    }

    /// The event this one refers to, for corrections.
    public var ref: EventID? {
        switch self {
        case .done(let r, _, _), .drop(let r, _, _), .reassign(let r, _, _), .amend(let r, _, _, _),
             .retract(let r, _), .carry(let r, _), .due(let r, _, _), .confidential(let r):
            return r
        case .plan(.action(let r), _):
            return r
        case .person, .group, .project, .meeting, .action, .note, .todo, .rate, .plan, .decision, .aob, .approve:
            return nil
        }
    }
}
