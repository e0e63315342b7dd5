import Foundation

/// Everything a journal says, folded event by event: the directory, the groups, their
/// projects and meetings, and every item with its changes.
///
/// `apply` updates the state for one new event in time proportional to that event, not to
/// the journal, so the app records a keystroke's entry without replaying anything. Replay
/// (see `JournalLoader`) is just `apply` for each line in (timestamp, id) order.
public struct MinutesState: Sendable {
    public internal(set) var people: [String: Person] = [:]
    /// The event that last defined each person, by initials.
    var personEvents: [String: EventID] = [:]
    public internal(set) var groupOrder: [String] = []
    public internal(set) var groups: [String: Group] = [:]
    public internal(set) var projects = ProjectTable()
    /// Every item, found by id (see `ItemStore`).
    public var items: ItemStore { ItemStore(targets: targets, storage: itemStorage) }
    /// The items in the order applied; `targets` holds each one's position.
    var itemStorage = ItemStorage()
    /// Problems replay found (unknown references, conflicting decisions, unknown initials …).
    public internal(set) var diagnostics: [Diagnostic] = []
    /// Only events whose date is on or before this day are applied.
    public let asOf: Day?
    /// The number of events applied.
    public internal(set) var eventCount = 0
    /// The latest timestamp applied, so new events can be stamped after it.
    public internal(set) var lastTimestamp = Timestamp(milliseconds: 0)

    /// What each applied event id refers to, so corrections can find their target
    /// (one compact slot per event; see `TargetTable`).
    var targets = TargetTable()
    /// Caches that make replay fast and change nothing it decides (see `ReplayAccelerators`).
    var accelerators = ReplayAccelerators()
    /// With `asOf`: the events left out because they lie after it, so that corrections of
    /// them are left out too, and the latest meeting date of each group among them, so that
    /// items recorded without a meeting still belong to that later meeting.
    var leftOut: Set<EventID> = []
    var leftOutMeetings: [String: Day] = [:]
    /// The plan events of actions (activities of an action plan), by the action's position
    /// in `itemStorage`: few, so kept apart rather than in every item.
    var actionPlanHistory: [Int: [(id: EventID, fields: PlanFields)]] = [:]
    /// Events stamped after this are reported as dated in the future (set by the loader to a
    /// little after its clock; nil for states that are only built, as in tests).
    public var futureLimit: Timestamp?
    /// The lines of the events that merge warnings name besides their own: definitions of
    /// people and projects, meetings and amendments (few, so a dictionary).
    var linesOf: [EventID: Int] = [:]
    /// Items dated to a meeting by `meeting=`, checked when replay ends (the meeting may come
    /// later in replay order, as it does in a merged or back-filled journal).
    var datedToMeeting: [(line: Int, group: String, day: Day)] = []
    /// What only formal minutes record, rare beside the items and so kept apart from them:
    /// due dates, confidential marks, any other business and approvals (see `FormalRecords`).
    public internal(set) var formal = FormalRecords()

    enum Target: Sendable {
        case person, group, retract
        case project(ProjectRef)
        case meeting(group: String, date: Day)
        /// An item, by its position in `itemStorage`.
        case item(Int)
        /// A change of the item at that position.
        case change(item: Int)
        case rating(ProjectRef)
        case plan(PlanTarget)
        case headline(ProjectRef)
        /// A plan event of the action at that position in `itemStorage`.
        case actionPlan(item: Int)
        /// A `due` or `confidential` mark on the item at that position.
        case mark(item: Int)
        /// An item of any other business of the group.
        case otherBusiness(group: String)
        /// An approval of minutes of the group.
        case approval(group: String)
    }

    /// The id and time of the event being applied: all the `apply…` steps need of it besides
    /// the parts of its body they are given: passing the whole event would copy it.
    struct Stamp {
        let id: EventID
        let timestamp: Timestamp
    }

    public init(asOf: Day? = nil) { self.asOf = asOf }

    // MARK: - Looking things up

    public var groupList: [Group] { groupOrder.compactMap { groups[$0] } }

    /// The person with these initials or this full name (any case, accents or not), as people
    /// type an owner on the command line: `KP`, `kp`, `Kieran Patel`.
    public func person(_ initialsOrName: String) -> Person? {
        let typed = initialsOrName.trimmingCharacters(in: .whitespaces)
        if let p = people[typed.uppercased()] { return p }
        return people.values.first { $0.name.compare(typed, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame }
    }

    public var directory: [Person] { people.values.sorted { $0.initials < $1.initials } }

    /// The group's projects by number. As of a day, a project added after it appears only
    /// when it has something of that day or before (a project added to type up old minutes).
    public func projects(in group: String) -> [Project] {
        let all = groups[group]?.projectNumbers.compactMap { projects[ProjectRef(group: group, number: $0)] } ?? []
        guard let asOf else { return all }
        return all.filter { p in
            p.existsFrom.map { $0 <= asOf } ?? true
                || !p.actions.isEmpty || !p.notes.isEmpty || !p.followUps.isEmpty || !p.ratings.isEmpty
        }
    }

    /// The project a reference names: by its id when it carries one (the label may be stale
    /// after a merge renumbered it), else the project with that label now.
    public func project(_ ref: ProjectRef) -> Project? {
        guard let id = ref.id else { return projects[ref] }
        guard case .project(let label)? = targets[id], label.group == ref.group else { return nil }
        return projects[label]
    }

    public func item(_ id: EventID) -> Item? {
        guard let p = itemPosition(id) else { return nil }
        let i = itemStorage[p]
        return i.isRetracted ? nil : i
    }

    /// Where the item recorded by `id` is kept, when `id` is an item.
    func itemPosition(_ id: EventID) -> Int? {
        if case .item(let p)? = targets[id] { return p }
        return nil
    }

    /// Whether an id names an event this journal has applied.
    public func contains(_ id: EventID) -> Bool { targets[id] != nil }

    public func actions(of ref: ProjectRef) -> [Item] { projects[ref]?.actions.compactMap(item) ?? [] }
    public func notes(of ref: ProjectRef) -> [Item] { projects[ref]?.notes.compactMap(item) ?? [] }
    public func followUps(of ref: ProjectRef) -> [Item] { projects[ref]?.followUps.compactMap(item) ?? [] }

    /// How many later meetings of its group a follow-up stayed open into: the meetings after
    /// the one it was raised at, up to the one it was closed at (or all of them while open).
    public func carriedCount(_ item: Item) -> Int {
        guard item.kind == .followUp, let g = groups[item.project.group] else { return 0 }
        return g.meetingCount(after: item.meeting, through: item.state.closedOn)
    }

    /// The event ids whose text form starts with `prefix`.
    public func ids(withPrefix prefix: String) -> [EventID] {
        let p = prefix.lowercased()
        return targets.keys.filter { $0.text.hasPrefix(p) }.sorted()
    }

    // MARK: - Applying events

    /// Applies one event; a problem is recorded as a diagnostic on `line` and the event is
    /// skipped. Returns false when the event was rejected, lies after `asOf`, or corrects an
    /// event that does.
    ///
    /// The event is consumed so that an item's text moves into the state instead of being
    /// copied: a copy retains the string, and in a replay that retain is the applying thread's
    /// first touch of memory the parsing thread wrote, a cache miss per item (see
    /// docs/performance.md, item 40).
    @discardableResult
    public mutating func apply(_ event: consuming Event, line: Int = 0) -> Bool {
        if let asOf, isAfter(asOf, event) {
            leftOut.insert(event.id)
            if case .meeting(let m) = event.body, leftOutMeetings[m.group].map({ $0 < m.date }) ?? true {
                leftOutMeetings[m.group] = m.date
            }
            return false
        }
        if let futureLimit, event.timestamp > futureLimit {
            report(.warning(line: line, column: 1, "this line is dated \(event.timestamp.iso), in the future",
                            hint: "a hand edit or a wrong clock; new entries are stamped with the real time and replay before it"))
        }
        if !isPlainlyApplicable(event), var problem = problem(with: event) {
            problem.line = line
            report(problem)
            return false
        }
        let e = Stamp(id: event.id, timestamp: event.timestamp)
        let ok: Bool
        // Moved out, so that the payloads bound below are owned and can be stored as they are.
        let body = (consume event).body
        switch consume body {
        case .person(let p): ok = applyPerson(e, p, line)
        case .group(let slug, let name, let lead): ok = applyGroup(e, slug, name, lead, line)
        case .project(let ref, let headline): ok = applyProject(e, ref, headline, line)
        case .meeting(let m): ok = applyMeeting(e, m, line)
        case .action(let ref, let m, let text): ok = applyItem(e, .action, ref, m, text, [], line)
        case .note(let ref, let m, let text): ok = applyItem(e, .note, ref, m, text, [], line)
        case .todo(let ref, let m, let owners, let text): ok = applyItem(e, .followUp, ref, m, text, owners, line)
        case .done(let ref, let m, let outcome): ok = applyChange(e, ref, m, .done(outcome: outcome), line)
        case .drop(let ref, let m, let reason): ok = applyChange(e, ref, m, .drop(reason: reason), line)
        case .reassign(let ref, let m, let owners): ok = applyChange(e, ref, m, .reassign(owners: owners), line)
        case .carry(let ref, let m): ok = applyChange(e, ref, m, .carry, line)
        case .amend(let ref, let text, let owners, let base): ok = applyAmend(e, ref, text, owners, base, line)
        case .rate(let ref, let m, let rating, let comment): ok = applyRating(e, ref, m, rating, comment, line)
        case .retract(let ref, _): ok = applyRetract(e, ref, line)
        case .plan(let target, let fields): ok = applyPlan(e, target, fields, line)
        case .decision(let ref, let m, let text): ok = applyItem(e, .decision, ref, m, text, [], line)
        case .aob(let group, let m, let text): ok = applyOtherBusiness(e, group, m, text, line)
        case .approve(let group, let m, let at, let amendments): ok = applyApproval(e, group, m, at, amendments, line)
        case .due(let ref, let m, let date): ok = applyDue(e, ref, m, date, line)
        case .confidential(let ref): ok = applyConfidential(e, ref, line)
        }
        if ok {
            eventCount += 1
            if e.timestamp > lastTimestamp { lastTimestamp = e.timestamp }
        }
        return ok
    }

    /// Whether an event lies after `asOf` and is left out of a replay as of that day: by its
    /// kind's rule (`EventKind.spec.asOf`, docs/journal-format.md section 8), and when it
    /// decides on or corrects an event left out.
    func isAfter(_ asOf: Day, _ event: borrowing Event) -> Bool {
        let rule = event.kind.spec.asOf
        if case .always = rule { return false }
        if let day = effectiveDay(of: event), day > asOf { return true }
        return event.body.ref.map(leftOut.contains) == true
    }

    /// The day an event belongs to for as-of replay; nil when it belongs to every view (the
    /// directory, set-up content recorded before the group's first meeting, corrections).
    /// Meetings counted here include those an as-of replay left out, so that an entry
    /// recorded at a later meeting without `meeting=` stays with that meeting.
    public func effectiveDay(of event: borrowing Event) -> Day? {
        func latestMeeting(_ group: String) -> Day? {
            [groups[group]?.latestMeeting?.date, leftOutMeetings[group]].compactMap { $0 }.max()
        }
        switch event.kind.spec.asOf {
        case .always, .followsTarget:
            return nil
        case .ownDate:
            return event.body.meeting
        case .meetingOrSetUp:
            return event.body.meeting ?? event.body.group.flatMap(latestMeeting)
        case .meetingOrDay:
            return event.body.meeting ?? event.timestamp.day
        case .planPeriod:
            if let m = event.body.meeting { return m }
            var group = event.body.group
            if case .plan(.action(let ref), _) = event.body, let p = itemPosition(ref) { group = itemStorage[p].project.group }
            return group.flatMap(latestMeeting) == nil ? nil : event.timestamp.day
        }
    }

    /// Reports what can only be judged once every event is in: items dated to a meeting the
    /// group never had. Called by the loader when replay ends.
    public mutating func finishReplay() {
        for d in datedToMeeting where groups[d.group]?.meeting(on: d.day) == nil {
            report(.warning(line: d.line, "no meeting of \(d.group) on \(d.day)",
                            hint: "open it with: minutes add meeting \(d.group) \(d.day)", field: "meeting"))
        }
        datedToMeeting = []
    }

    mutating func report(_ d: Diagnostic) { diagnostics.append(d) }

    /// Whether the item at `position` is a follow-up still open.
    func isOpenFollowUp(_ position: Int) -> Bool {
        itemStorage.withItem(position) { Self.isOpen($0) }
    }

}
