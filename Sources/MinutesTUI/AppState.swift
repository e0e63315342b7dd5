import MinutesCore

/// The three columns of a project panel, as the paper minutes have them.
public enum Column: Int, CaseIterable, Sendable {
    case actions, progress, followUps

    public var title: String {
        switch self {
        case .actions: return "Actions required"
        case .progress: return "Progress"
        case .followUps: return "To do by next meeting"
        }
    }
}

/// What the text on the input line is for.
public enum InputPurpose: Sendable, Hashable {
    case addAction, addNote, addFollowUp, addDecision, addOtherBusiness
    case edit(EventID)
    case outcome(EventID)
    case dropReason(EventID)
    case reassign(EventID)
    case search
    case personInitials
    case personName(initials: String)
    case meeting(MeetingDraft)
    case ratingComment(Rating)
    /// A plan line being changed, or (adding) an item typed to go after it.
    case planLine(PlanTarget, PlanLine, adding: Bool)
    case ownerFilter
    case reviewOutcome(EventID)
    case reviewReassign(EventID)
    case reviewDropReason(EventID)
    /// The amendments to the minutes of `previous`, approved at `meeting`.
    case approvalAmendments(meeting: Day, previous: Day)
    case exportPath(ExportChoice)

    /// Whether the text is an entry's, which may hold several lines (sub-points "- …"
    /// typed with Alt-Enter) and is worth asking about before Esc throws it away.
    public var isEntryText: Bool {
        switch self {
        case .addAction, .addNote, .addFollowUp, .addDecision, .addOtherBusiness, .edit, .outcome, .reviewOutcome, .dropReason, .reviewDropReason: return true
        default: return false
        }
    }

    /// Whether the line holds a follow-up or owners, so initials are highlighted and Tab
    /// completes names. Editing a note or an action does not: "PDF" there is just a word.
    func mentionsOwners(in state: MinutesState) -> Bool {
        switch self {
        case .addFollowUp, .reassign, .reviewReassign, .meeting: return true
        case .edit(let id): return state.item(id)?.kind == .followUp
        default: return false
        }
    }
}


/// The meeting being opened with `m`, one question at a time.
public struct MeetingDraft: Sendable, Hashable {
    public enum Step: Int, Sendable, CaseIterable { case date, present, apologies, chair, minuteTaker, next }
    public var step: Step = .date
    public var date: Day
    public var present: [String] = []
    public var apologies: [String] = []
    public var chair: String?
    public var minuteTaker: String?
    public var next: Day?

    public var prompt: String {
        switch step {
        case .date: return "Meeting date"
        case .present: return "Present (initials)"
        case .apologies: return "Apologies"
        case .chair: return "Chair"
        case .minuteTaker: return "Minute-taker"
        case .next: return "Next meeting date"
        }
    }
}

/// An export chosen from the `E` menu.
public struct ExportChoice: Sendable, Hashable {
    public enum Report: String, Sendable, CaseIterable { case minutes, monitoring, actions }
    public var report: Report
    public var format: String
}

/// The input line: a prompt, the text being typed and Tab completion.
public struct InputLine: Sendable, Hashable {
    public var purpose: InputPurpose
    public var prompt: String
    public var editor: LineEditor
    /// Candidates offered by Tab for the word being completed, and which one is shown.
    var completion: Completion?

    struct Completion: Sendable, Hashable {
        var candidates: [String]
        var index: Int
        /// The text before the word being completed, and after it.
        var before: String
        var after: String
    }

    /// A line with `text` already in it is pre-filled: the text is shown selected, the first
    /// character typed replaces it and editing keys edit it (as a GUI's selected text).
    public init(_ purpose: InputPurpose, prompt: String, text: String = "") {
        self.purpose = purpose
        self.prompt = prompt
        self.editor = LineEditor(text: text, multiline: purpose.isEntryText)
        self.editor.isPrefilled = !text.isEmpty
    }
}

/// A message on the status line, and how serious it is.
public struct StatusMessage: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case info, warning, error }
    public var text: String
    public var kind: Kind

    public static func info(_ t: String) -> StatusMessage { .init(text: t, kind: .info) }
    public static func warning(_ t: String) -> StatusMessage { .init(text: t, kind: .warning) }
    public static func error(_ t: String) -> StatusMessage { .init(text: t, kind: .error) }
}

/// How the Outstanding tab lists follow-ups.
public struct OutstandingOptions: Sendable, Hashable {
    public var byProject = false
    public var allGroups = false
    /// Only follow-ups overdue or due soon (the red and amber of the RAG markers).
    public var needingAttention = false
    public var owner: String?
}

/// Where the search is.
public struct SearchState: Sendable, Hashable {
    public var query: String
    public var hits: [SearchHit]
    public var index: Int
}

public struct SearchHit: Sendable, Hashable {
    public let project: ProjectRef
    public let column: Column
    public let id: EventID
}

/// A question the app asks before doing something that cannot be seen or is hard to take
/// back: y does it, any other key does not.
public struct Confirmation: Sendable, Hashable {
    public enum Then: Sendable, Hashable {
        /// Undo the last change of the session (its entry was not on screen).
        case undo
        /// Retract an entry chosen on screen, whoever recorded it.
        case retract(EventID, what: String)
        /// Throw away the text typed on this input line.
        case discard(InputLine)
    }
    public var question: String
    public var then: Then
    /// Where to go back to when the answer is no.
    public var back: Mode
}

/// One change this session made, kept so that `u` can undo it and `^R` redo it.
public struct UndoEntry: Sendable, Hashable {
    /// The events the change recorded (retracted by undo).
    public var ids: [EventID]
    /// What they said (recorded again by redo).
    public var bodies: [EventBody]
    /// "the note 'Hall booked…' in project 1".
    public var what: String
    /// Where the change shows: to tell whether it is on screen.
    public var project: ProjectRef?
}

/// What fills the screen besides the panel.
public enum Mode: Sendable, Hashable {
    case browse
    case input(InputLine)
    case help
    case problems
    case groupPicker(index: Int)
    case ratingPicker
    case review(meeting: Day, index: Int)
    /// The review's first step: approve the minutes of `previous` at `meeting`, or not yet.
    case approval(meeting: Day, previous: Day)
    case history(EventID)
    case plan(ProjectRef)
    case groupPlan
    case exportMenu(report: ExportChoice.Report?)
    indirect case confirm(Confirmation)
}

/// Everything the screen needs besides the journal: the UI's own state.
///
/// A value type, changed only by `AppUpdate.update` (keys and the results of effects both
/// arrive there as `Msg`s), so every change can be tested by calling a function and
/// comparing values.
public struct UIState: Sendable, Hashable {
    public var group: String?
    /// Index into the group's projects; the index one past the last is the Outstanding tab.
    public var tab = 0
    public var column: Column = .followUps
    public var selection: [Column: Int] = [:]
    public var scrollTop: [Column: Int] = [:]
    public var outstandingSelection = 0
    public var outstandingScroll = 0
    public var outstanding = OutstandingOptions()
    public var mode: Mode = .browse
    public var status: StatusMessage?
    /// The meeting being minuted; nil means the group's latest meeting.
    public var meeting: Day?
    /// When set, the screen shows the journal as at the end of this meeting, read-only.
    public var lookBack: Day?
    /// The meetings `[` and `]` step through, taken from the live journal when looking back began.
    public var lookBackDates: [Day] = []
    /// Why nothing can be written, when nothing can.
    public var readOnlyReason: String?
    /// Changes this session recorded, most recent last.
    public var undoStack: [UndoEntry] = []
    /// Changes undone, most recent last, for `^R`; cleared by any new change.
    public var redoStack: [UndoEntry] = []
    public var search: SearchState?
    public var width = 80
    public var height = 24
    /// Unknown initials seen in the last entry, offered for adding with `+`.
    public var unknownInitials: [String] = []
    /// The review pass to go back to after an input line opened from it.
    public var reviewReturn: Mode?
    /// The first line shown of a scrolled overlay (help, problems, history, group plan).
    public var overlayTop = 0
    /// The selected line of the plan shown with `p` or `P`.
    public var planRow = 0

    public init(group: String? = nil) { self.group = group }

    public var isWritable: Bool { readOnlyReason == nil && lookBack == nil }

    public func selected(_ c: Column) -> Int { selection[c] ?? 0 }
}
