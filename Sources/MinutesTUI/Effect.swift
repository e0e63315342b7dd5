import MinutesCore

/// Everything that changes the UI state arrives as a message into `AppUpdate.update`: a
/// key, or the result of an effect the runtime carried out (as in bubbletea's Msg).
public enum Msg: Sendable, Hashable {
    case key(Key)
    /// The events of a `record` effect were saved.
    case recorded(RecordRequest, ids: [EventID])
    /// Nothing of a `record` effect was saved; `readOnly` says why writing stopped, if it did.
    case recordFailed(RecordRequest, message: String, readOnly: String?)
    /// The screen now shows the journal as at the end of this meeting (nil: now).
    case lookedBack(Day?)
    case exported(path: String)
    case syncFinished(summary: String, ok: Bool)
    /// Something other than this app changed the journal; `message` says what.
    case journalChanged(message: String, isError: Bool)
    /// The session can write again (nil) or no longer can (the reason).
    case writability(String?)
    /// An effect failed before doing anything (an export, reading the journal back).
    case failed(String)
    /// A draft saved when minutes last stopped, to put back on the input line.
    case restoreDraft(text: String, context: String)
}

/// What the UI asks the runtime to do: the only way key handling reaches the journal or
/// the outside world. Each effect's result comes back as a `Msg`.
public enum Effect: Sendable, Hashable {
    /// Write these events as one append; answered by `.recorded` or `.recordFailed`.
    case record(RecordRequest)
    /// Show the journal as at the end of this meeting (nil: back to now); answered by `.lookedBack`.
    case lookBack(Day?)
    /// Write an export to a file; answered by `.exported` or `.failed`.
    case export(ExportChoice, group: String, meeting: Day?, path: String)
    /// Commit, pull and push the journal with git; answered by `.syncFinished`.
    case sync
    case quit
}

/// Events to record and what the UI does once they are saved.
public struct RecordRequest: Sendable, Hashable {
    public enum After: Sendable, Hashable {
        case nothing
        /// Select the new item in this column.
        case select(Column)
        /// Move the review pass on to the next undecided item.
        case advanceReview
        /// The minutes of the last meeting were approved: go on to the follow-ups of this one.
        case approved(Day)
        /// A meeting was opened: offer the review pass if items were carried into it.
        case meetingOpened(Day)
        /// These events retract the last undoable change.
        case undo
        /// These events record again the last change undone.
        case redo
    }

    public var events: [EventBody]
    /// The status line after saving, e.g. "Follow-up recorded for KP".
    public var message: String
    /// The input line to bring back, text intact, if saving fails.
    public var restore: InputLine?
    public var after: After
    /// A due date for the follow-up these events record, at its meeting: recorded once the
    /// follow-up has its id (a `due` names it), as `add todo` records it.
    public var due: (date: Day, meeting: Day)?

    public init(_ events: [EventBody], message: String, restore: InputLine? = nil, after: After = .nothing,
                due: (date: Day, meeting: Day)? = nil) {
        self.events = events
        self.message = message
        self.restore = restore
        self.after = after
        self.due = due
    }

    public static func == (a: RecordRequest, b: RecordRequest) -> Bool {
        a.events == b.events && a.message == b.message && a.restore == b.restore && a.after == b.after
            && a.due?.date == b.due?.date && a.due?.meeting == b.due?.meeting
    }

    public func hash(into h: inout Hasher) {
        h.combine(events)
        h.combine(message)
    }
}

/// What key handling may read: the journal state on screen, the key map, today.
public struct AppContext {
    /// The state on screen: the live journal, or the look-back state when looking back.
    public let state: MinutesState
    public let keyMap: KeyMap
    public let today: Day
    public let diagnostics: [Diagnostic]
    public let fileName: String
    private let panelCache: PanelCache

    public init(state: MinutesState, keyMap: KeyMap = .standard, today: Day = .today(),
                diagnostics: [Diagnostic] = [], fileName: String = "", panelCache: PanelCache = PanelCache()) {
        self.state = state
        self.keyMap = keyMap
        self.today = today
        self.diagnostics = diagnostics
        self.fileName = fileName
        self.panelCache = panelCache
    }

    /// The panel of a project, built once per state version.
    public func panel(_ project: Project, meeting: Day?) -> PanelModel {
        panelCache.model(state: state, project: project, meeting: meeting)
    }

    /// The tab bar's labels and widths, made once per state version and width.
    func tabBar(group: String?, width: Int, make: () -> (labels: [String], widths: [Int])) -> (labels: [String], widths: [Int]) {
        panelCache.tabBar(state: state, group: group, width: width, make: make)
    }

    /// The number of open follow-ups in a group, counted once per state version.
    public func openFollowUpCount(group: String) -> Int {
        panelCache.openCount(state: state, group: group)
    }
}

/// Remembers built panels so moving the selection never rebuilds one: a panel is rebuilt
/// only when the journal changed (another event count) or another project or meeting is shown.
public final class PanelCache: @unchecked Sendable {
    private struct Key: Hashable {
        let ref: ProjectRef
        let meeting: Day?
        let events: Int
        let asOf: Day?
    }

    private var entries: [Key: PanelModel] = [:]
    private var openCounts: [Key: Int] = [:]
    private var tabBars: [Key: (labels: [String], widths: [Int])] = [:]

    public init() {}

    func model(state: MinutesState, project: Project, meeting: Day?) -> PanelModel {
        let key = Key(ref: project.ref, meeting: meeting, events: state.eventCount, asOf: state.asOf)
        if let m = entries[key] { return m }
        if entries.count > 32 { entries.removeAll() }
        let m = PanelModel(state: state, project: project, meeting: meeting)
        entries[key] = m
        return m
    }

    /// The tab bar's labels and widths for a group at a width, made once per state version
    /// (sanitizing and shortening every headline on every frame cost more than drawing them).
    func tabBar(state: MinutesState, group: String?, width: Int,
                make: () -> (labels: [String], widths: [Int])) -> (labels: [String], widths: [Int]) {
        let key = Key(ref: ProjectRef(group: group ?? "", number: width), meeting: nil, events: state.eventCount, asOf: state.asOf)
        if let bar = tabBars[key] { return bar }
        if tabBars.count > 32 { tabBars.removeAll() }
        let bar = make()
        tabBars[key] = bar
        return bar
    }

    /// The number of open follow-ups of a group (the Outstanding tab's label), counted once
    /// per state version instead of on every frame.
    func openCount(state: MinutesState, group: String) -> Int {
        let key = Key(ref: ProjectRef(group: group, number: 0), meeting: nil, events: state.eventCount, asOf: state.asOf)
        if let n = openCounts[key] { return n }
        if openCounts.count > 32 { openCounts.removeAll() }
        let n = state.followUps(matching: FollowUpFilter(group: group)).count
        openCounts[key] = n
        return n
    }
}
