/// A working group, as replay has built it.
public struct Group: Sendable, Hashable {
    public let slug: String
    public var name: String
    public var lead: String?
    /// The group plan's overall aim.
    public var aim: String?
    /// The group plan's numbered priorities.
    public var priorities: [String] = []
    /// The whole project plan (its lead, aim and priorities are also the fields above).
    public internal(set) var plan: GroupPlan {
        get { planBox.value }
        set { planBox = PlanBox(newValue) }
    }
    /// The plan behind one reference: replay copies groups, and a plan's dozen strings and
    /// lists would each be retained and released on every copy.
    private var planBox = PlanBox(GroupPlan())
    /// Project numbers in agenda order.
    public internal(set) var projectNumbers: [Int] = []
    /// Meetings, oldest first.
    public internal(set) var meetings: [Meeting] = []
    /// The day the group was added.
    public let createdOn: Day
    /// When the group was first added: what is written about it must replay after this.
    let recorded: Timestamp
    /// The group's open follow-ups, kept by `MinutesState.apply` (not part of equality).
    var openFollowUps = OpenFollowUpList()

    init(slug: String, name: String, lead: String?, recorded: Timestamp) {
        self.slug = slug
        self.name = name
        self.lead = lead
        self.createdOn = recorded.day
        self.recorded = recorded
    }

    public static func == (a: Group, b: Group) -> Bool {
        a.slug == b.slug && a.name == b.name && a.lead == b.lead && a.aim == b.aim && a.priorities == b.priorities && a.plan == b.plan
            && a.projectNumbers == b.projectNumbers && a.meetings == b.meetings && a.createdOn == b.createdOn
    }

    public func hash(into h: inout Hasher) { h.combine(slug) }

    /// The latest meeting, which new notes and follow-ups belong to by default.
    public var latestMeeting: Meeting? { meetings.last }

    /// The meeting held on `day`, if any.
    public func meeting(on day: Day) -> Meeting? {
        let i = meetingIndex(onOrAfter: day)
        return i < meetings.count && meetings[i].date == day ? meetings[i] : nil
    }

    /// The index of the first meeting on or after `day`, by binary search.
    func meetingIndex(onOrAfter day: Day) -> Int {
        var lo = 0, hi = meetings.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if meetings[mid].date < day { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// How many of the group's meetings fall strictly after `after` and on or before `through`.
    public func meetingCount(after: Day, through: Day?) -> Int {
        let start = meetingIndex(onOrAfter: after.adding(days: 1))
        let end = through.map { meetingIndex(onOrAfter: $0.adding(days: 1)) } ?? meetings.count
        return max(0, end - start)
    }

    /// Whether the group met on `day` (without copying the meeting out).
    public func hasMeeting(on day: Day) -> Bool {
        // Most items name the latest meeting: no search for those.
        if !meetings.isEmpty, meetings[meetings.count - 1].date == day { return true }
        let i = meetingIndex(onOrAfter: day)
        return i < meetings.count && meetings[i].date == day
    }

    /// The meeting before `day`, if any.
    public func meeting(before day: Day) -> Meeting? {
        let i = meetingIndex(onOrAfter: day)
        return i > 0 ? meetings[i - 1] : nil
    }
}

/// One meeting of a group.
public struct Meeting: Sendable, Hashable {
    public let group: String
    public let date: Day
    public var present: [String] = []
    public var apologies: [String] = []
    public var chair: String?
    public var minuteTaker: String?
    public var next: Day?
    /// Who was in attendance without being a member.
    public var inAttendance: [String] = []
    /// The `meeting` events that opened and continued it, in replay order.
    var contributions: [(id: EventID, fields: MeetingFields)] = []

    init(group: String, date: Day) {
        self.group = group
        self.date = date
    }

    public static func == (a: Meeting, b: Meeting) -> Bool {
        a.group == b.group && a.date == b.date && a.present == b.present && a.apologies == b.apologies
            && a.chair == b.chair && a.minuteTaker == b.minuteTaker && a.next == b.next && a.inAttendance == b.inAttendance
    }

    public func hash(into h: inout Hasher) {
        h.combine(group)
        h.combine(date)
    }

    /// Folds the contributions: lists are merged in order without repeats, fields overwritten.
    mutating func recompute() {
        // Most meetings have one `meeting` event: its lists are used as they are (shared,
        // not copied) when they hold no repeats.
        if contributions.count == 1, let f = contributions.first?.fields,
           !Self.hasRepeats(f.present), !Self.hasRepeats(f.apologies), !Self.hasRepeats(f.inAttendance) {
            present = f.present; apologies = f.apologies; chair = f.chair; minuteTaker = f.minuteTaker; next = f.next
            inAttendance = f.inAttendance
            return
        }
        present = []; apologies = []; chair = nil; minuteTaker = nil; next = nil; inAttendance = []
        for c in contributions {
            for g in c.fields.inAttendance where !inAttendance.contains(g) { inAttendance.append(g) }
            for p in c.fields.present where !present.contains(p) { present.append(p) }
            for a in c.fields.apologies where !apologies.contains(a) { apologies.append(a) }
            if let v = c.fields.chair { chair = v }
            if let v = c.fields.minuteTaker { minuteTaker = v }
            if let v = c.fields.next { next = v }
        }
    }

    /// Names both present and sending apologies once `newest` is merged in, each with the
    /// contribution that put it on the other list (reported once: only names `newest` adds).
    func presentAndApologising(newest: MeetingFields) -> [(name: String, other: EventID)] {
        guard !apologies.isEmpty, !present.isEmpty else { return [] }
        var out: [(String, EventID)] = []
        for name in newest.present where apologies.contains(name) {
            if let c = contributions.first(where: { $0.fields.apologies.contains(name) }) { out.append((name, c.id)) }
        }
        for name in newest.apologies where present.contains(name) && !newest.present.contains(name) {
            if let c = contributions.first(where: { $0.fields.present.contains(name) }) { out.append((name, c.id)) }
        }
        return out
    }

    static func hasRepeats(_ list: [String]) -> Bool {
        for i in list.indices.dropFirst() where list[..<i].contains(list[i]) { return true }
        return false
    }
}

/// A project's status at one meeting.
public struct StatusRating: Sendable, Hashable {
    public let id: EventID
    public let meeting: Day
    public let rating: Rating
    public let comment: String?
}

/// A numbered project of a group, as replay has built it.
public struct Project: Sendable, Hashable {
    public let ref: ProjectRef
    /// The id of the `project` event, which `amend` uses to change the headline.
    public let id: EventID
    public internal(set) var headline: String
    public internal(set) var plan: ProjectPlan {
        get { planBox.value }
        set { planBox = PlanBox(newValue) }
    }
    /// Behind one reference, as `Group.plan` is.
    private var planBox = PlanBox(ProjectPlan())
    public let createdOn: Day
    /// The meeting from which it counts as existing in as-of views, nil when it was added
    /// before its group's first meeting (see `MinutesState.projects(in:)`).
    public let existsFrom: Day?
    /// When the project event was recorded: what is written about it must replay after this.
    let recorded: Timestamp
    let originalHeadline: String

    init(ref: ProjectRef, id: EventID, headline: String, recorded: Timestamp, existsFrom: Day? = nil) {
        self.ref = ref
        self.id = id
        self.headline = headline
        self.originalHeadline = headline
        self.createdOn = recorded.day
        self.recorded = recorded
        self.existsFrom = existsFrom
    }
    /// Ids of agreed actions, in the order recorded.
    public internal(set) var actions: [EventID] = []
    /// Ids of progress notes, ordered by meeting date, then as recorded.
    public internal(set) var notes: [EventID] = []
    /// Ids of follow-ups, ordered by the meeting they were raised at, then as recorded.
    public internal(set) var followUps: [EventID] = []
    /// Ratings, one per meeting (the latest event for a meeting wins), oldest first.
    public internal(set) var ratings: [StatusRating] = []
    /// Ids of decisions, ordered by meeting date, then as recorded.
    public internal(set) var decisions: [EventID] = []

    var headlineHistory: [(id: EventID, text: String)] = []
    var planHistory: [(id: EventID, fields: PlanFields)] = []
    var ratingHistory: [StatusRating] = []
    /// The latest meeting among the notes and follow-ups ever added: a new one of that
    /// meeting or later goes at the end without looking at the items (retractions leave it
    /// as it was, which only makes the check more careful).
    private var latestNoteDay = Day(ordinal: .min)
    private var latestFollowUpDay = Day(ordinal: .min)

    /// Appends a note when it belongs at the end (its meeting is the latest so far); false
    /// when it must be inserted in meeting order instead (`MinutesState.insertOrdered`).
    mutating func appendNote(_ id: EventID, day: Day) -> Bool {
        guard day >= latestNoteDay else { return false }
        notes.append(id)
        latestNoteDay = day
        return true
    }

    /// Appends a follow-up when it belongs at the end, as `appendNote` does for notes.
    mutating func appendFollowUp(_ id: EventID, day: Day) -> Bool {
        guard day >= latestFollowUpDay else { return false }
        followUps.append(id)
        latestFollowUpDay = day
        return true
    }

    public static func == (a: Project, b: Project) -> Bool {
        a.ref == b.ref && a.id == b.id && a.headline == b.headline && a.plan == b.plan && a.actions == b.actions
            && a.notes == b.notes && a.followUps == b.followUps && a.ratings == b.ratings && a.decisions == b.decisions
    }

    public func hash(into h: inout Hasher) { h.combine(ref) }

    /// The rating given at the latest meeting that has one.
    public var latestRating: StatusRating? { ratings.last }

    mutating func recomputeHeadline() {
        headline = headlineHistory.last?.text ?? originalHeadline
    }

    mutating func recomputePlan() {
        var p = ProjectPlan()
        for (_, f) in planHistory { p.apply(f) }
        plan = p
    }

    /// Adds a rating on top of the current ones (the incremental path): it replaces the rating
    /// of its meeting, or goes in meeting order. Gives what `recomputeRatings` would, in
    /// O(log n) for the usual rating of the latest meeting instead of rebuilding every time.
    mutating func addRating(_ r: StatusRating) {
        ratingHistory.append(r)
        // Ratings nearly always come in meeting order: the common case reads only the last
        // one (a binary search read several, each a cache miss in a large journal).
        if let last = ratings.last, last.meeting <= r.meeting {
            if last.meeting == r.meeting { ratings[ratings.count - 1] = r } else { ratings.append(r) }
            return
        }
        var lo = 0, hi = ratings.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ratings[mid].meeting < r.meeting { lo = mid + 1 } else { hi = mid }
        }
        if lo < ratings.count, ratings[lo].meeting == r.meeting { ratings[lo] = r } else { ratings.insert(r, at: lo) }
    }

    mutating func recomputeRatings() {
        var byDay: [Day: StatusRating] = [:]
        for r in ratingHistory { byDay[r.meeting] = r }
        ratings = byDay.values.sorted { $0.meeting < $1.meeting }
    }
}

/// What an item under a project is.
public enum ItemKind: String, Sendable, Hashable {
    case action, note, followUp = "todo", decision
}

/// Where a follow-up stands.
public enum FollowUpState: Sendable, Hashable {
    case open
    case done(outcome: String?, on: Day)
    case dropped(reason: String, on: Day)

    public var isOpen: Bool { if case .open = self { return true } else { return false } }

    /// The journal's word for it: open, done or dropped.
    public var word: String {
        switch self {
        case .open: return "open"
        case .done: return "done"
        case .dropped: return "dropped"
        }
    }

    /// The day it was closed, when it is closed.
    public var closedOn: Day? {
        switch self {
        case .open: return nil
        case .done(_, let d), .dropped(_, let d): return d
        }
    }
}

/// A later event that changed an item.
public struct ItemChange: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case amend(text: String, owners: [Owner]?)
        case done(outcome: String?)
        case drop(reason: String)
        case reassign(owners: [Owner])
        case carry
    }

    public let id: EventID
    public let recorded: Timestamp
    /// The meeting it was decided at, or the day it was recorded.
    public let date: Day
    public let kind: Kind
    public internal(set) var isRetracted = false
}

/// An action, progress note or follow-up, with every change made to it since.
///
/// Laid out for a journal of a million events, where items are most of the state: the fields
/// every item needs are stored inline (80 bytes), and what only a changed item has (its
/// changes, its follow-up state once decided, its original text) lives in a `History` box,
/// created at the first change and copied on write, so an item still behaves as a value.
public struct Item: Sendable, Hashable {
    public let id: EventID
    public let recorded: Timestamp
    public internal(set) var text: String
    /// Owners, for follow-ups.
    public internal(set) var owners: [Owner]
    public let project: ProjectRef
    private var history: History?
    /// The meeting it was recorded at (a follow-up's "raised at"), or the day it was recorded
    /// when the group had no meeting yet.
    public let meeting: Day
    public let kind: ItemKind
    public internal(set) var isRetracted = false

    /// An item's text and owners before its first amend or reassign.
    private final class Original: Sendable {
        let text: String
        let owners: [Owner]
        init(text: String, owners: [Owner]) {
            self.text = text
            self.owners = owners
        }
    }

    /// What an item gains once it is changed.
    private final class History: @unchecked Sendable {
        // @unchecked: a History is only mutated while uniquely referenced (`editHistory`),
        // so a shared one is never written.
        var state: FollowUpState = .open
        /// The first change, kept in the box itself: most changed items are changed once (a
        /// follow-up done or dropped), and an array for that one change was a second
        /// allocation, and a growth of that array, for each of them.
        var firstChange: ItemChange?
        /// The changes after the first.
        var laterChanges: [ItemChange] = []
        var conflictingDecisions: [EventID] = []
        /// The text and owners as first recorded, kept at the first amend or reassign. Only
        /// those change them; a box made for a decision alone never reads the item's text
        /// (with a million items, a cache miss and a retain for nothing).
        var original: Original?

        /// Every change, in the order recorded.
        var changes: [ItemChange] {
            get {
                guard let firstChange else { return [] }
                return laterChanges.isEmpty ? [firstChange] : [firstChange] + laterChanges
            }
            set {
                firstChange = newValue.first
                laterChanges = Array(newValue.dropFirst())
            }
        }

        /// Adds a change at the end.
        func append(_ c: consuming ItemChange) {
            if firstChange == nil { firstChange = c } else { laterChanges.append(c) }
        }

        func copy() -> History {
            let h = History()
            h.original = original
            h.state = state
            h.firstChange = firstChange
            h.laterChanges = laterChanges
            h.conflictingDecisions = conflictingDecisions
            return h
        }
    }

    init(id: EventID, kind: ItemKind, project: ProjectRef, recorded: Timestamp, meeting: Day, text: String, owners: [Owner]) {
        self.id = id
        self.kind = kind
        self.project = project
        self.recorded = recorded
        self.meeting = meeting
        self.text = text
        self.owners = owners
    }

    /// Whether no decision stands (the state is open), read without copying the state.
    var isUndecided: Bool {
        guard let history else { return true }
        if case .open = history.state { return true }
        return false
    }

    public internal(set) var state: FollowUpState {
        get { history?.state ?? .open }
        set { editHistory().state = newValue }
    }

    public internal(set) var changes: [ItemChange] {
        get { history?.changes ?? [] }
        set { editHistory().changes = newValue }
    }

    /// Ids of closing events that contradict an earlier one (done on one laptop, dropped on another).
    public internal(set) var conflictingDecisions: [EventID] {
        get { history?.conflictingDecisions ?? [] }
        set { editHistory().conflictingDecisions = newValue }
    }

    /// The text and owners as first recorded (remembered before the first amend or reassign).
    var originalText: String { history?.original?.text ?? text }
    var originalOwners: [Owner] { history?.original?.owners ?? owners }

    /// The history box, made or copied so that this item holds the only reference before it
    /// is written.
    private mutating func editHistory() -> History {
        if history == nil {
            history = History()
        } else if !isKnownUniquelyReferenced(&history!) {
            history = history!.copy()
        }
        return history!
    }

    /// Remembers the text and owners as they are now, unless an earlier change already did:
    /// called before anything changes them.
    private mutating func rememberOriginal() {
        let h = editHistory()
        if h.original == nil { h.original = Original(text: text, owners: owners) }
    }

    public static func == (a: Item, b: Item) -> Bool {
        a.id == b.id && a.kind == b.kind && a.project == b.project && a.recorded == b.recorded
            && a.meeting == b.meeting && a.text == b.text && a.owners == b.owners && a.isRetracted == b.isRetracted
            && a.state == b.state && a.changes == b.changes && a.conflictingDecisions == b.conflictingDecisions
            && a.originalText == b.originalText && a.originalOwners == b.originalOwners
    }

    public func hash(into h: inout Hasher) {
        h.combine(id)
        h.combine(text)
    }

    /// The latest amendment of the text that still stands, if any: what a new amendment corrects.
    public var latestAmendment: EventID? {
        changes.last { if case .amend = $0.kind, !$0.isRetracted { return true } else { return false } }?.id
    }

    /// Whether the follow-up's owners were ever changed by a reassign that still stands.
    public var wasReassigned: Bool {
        changes.contains { if case .reassign = $0.kind, !$0.isRetracted { return true } else { return false } }
    }

    /// What recording a change did to an item, for the bookkeeping replay does around it.
    struct ChangeOutcome {
        /// It was an open follow-up and is now decided (done or dropped).
        var closed: Bool
        /// The change contradicts an earlier decision (see `conflictingDecisions`).
        var conflict: Bool
    }

    /// Records a change and applies it (the incremental path), appending to the history in
    /// place. What it did is read from the history box directly: reading `state` or
    /// `conflictingDecisions` would copy them. The change is taken (`consuming`), which
    /// saves a copy of it.
    @discardableResult
    mutating func record(_ c: consuming ItemChange) -> ChangeOutcome {
        let wasOpen = isUndecided
        let conflictsBefore = history?.conflictingDecisions.count ?? 0
        apply(c)
        editHistory().append(c)
        return ChangeOutcome(closed: wasOpen && !isUndecided,
                             conflict: (history?.conflictingDecisions.count ?? 0) > conflictsBefore)
    }

    /// Applies one change on top of the current state (the incremental path).
    mutating func apply(_ c: ItemChange) {
        switch c.kind {
        case .amend(let t, let o):
            rememberOriginal()
            text = t
            if let o { owners = o }
        case .reassign(let o):
            rememberOriginal()
            owners = o
        case .carry:
            break
        case .done(let outcome):
            // Done twice (two laptops agreeing) is the same decision, not a conflict.
            let h = editHistory()
            if case .dropped = h.state { h.conflictingDecisions.append(c.id) }
            h.state = .done(outcome: outcome, on: c.date)
        case .drop(let reason):
            let h = editHistory()
            if case .done = h.state { h.conflictingDecisions.append(c.id) }
            h.state = .dropped(reason: reason, on: c.date)
        }
    }

    /// Rebuilds the current state from the original and the changes that still stand
    /// (after a retract).
    mutating func recompute() {
        text = originalText
        owners = originalOwners
        let all = changes
        state = .open
        conflictingDecisions = []
        for c in all where !c.isRetracted { apply(c) }
    }
}
