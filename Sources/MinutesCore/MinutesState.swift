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
    /// The group and the project the latest events named, and where each sits in `groups` and
    /// `projects`: consecutive lines mostly name the same ones, and comparing two short slugs
    /// costs far less than hashing one (SipHash was a quarter of applying an event).
    /// `recentGroup` is cleared whenever a group is added, which moves dictionary entries; a
    /// project's position in `projects` never changes, so `recentProject` and `projectPlaces`
    /// stay true for good (see `ProjectTable`).
    private var recentGroup: (slug: String, index: Dictionary<String, Group>.Index)?
    private var recentProject: (ref: ProjectRef, position: Int)?
    /// Where other recently named projects sit, for when `recentProject` is another one.
    private var projectPlaces = ProjectRefCache<Int>()
    /// The directory's initials, answered without hashing (every follow-up's owners and every
    /// meeting's attendance are checked against the directory).
    private var knownInitials = InitialsSet()
    /// With `asOf`: the events left out because they lie after it, so that corrections of
    /// them are left out too, and the latest meeting date of each group among them, so that
    /// items recorded without a meeting still belong to that later meeting.
    var leftOut: Set<EventID> = []
    var leftOutMeetings: [String: Day] = [:]
    /// Events stamped after this are reported as dated in the future (set by the loader to a
    /// little after its clock; nil for states that are only built, as in tests).
    public var futureLimit: Timestamp?
    /// The lines of the events that merge warnings name besides their own: definitions of
    /// people and projects, meetings and amendments (few, so a dictionary).
    var linesOf: [EventID: Int] = [:]
    /// Items dated to a meeting by `meeting=`, checked when replay ends (the meeting may come
    /// later in replay order, as it does in a merged or back-filled journal).
    var datedToMeeting: [(line: Int, group: String, day: Day)] = []
    /// The last project named by id, and its position in `projects`.
    private var recentProjectByID: (id: EventID, position: Int)?

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
    }

    /// The id and time of the event being applied: all the `apply…` steps need of it besides
    /// the parts of its body they are given. Passing these two rather than the whole event
    /// took about 50 instructions off each event (callgrind, replay of 100k events).
    struct Stamp {
        let id: EventID
        let timestamp: Timestamp
    }

    public init(asOf: Day? = nil) { self.asOf = asOf }

    // MARK: - Looking things up

    public var groupList: [Group] { groupOrder.compactMap { groups[$0] } }

    public func person(_ initials: String) -> Person? { people[initials.uppercased()] }

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
            return event.body.group.flatMap(latestMeeting) == nil ? nil : event.timestamp.day
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

    /// Where group `slug` sits in `groups`, through `recentGroup`.
    @inline(__always)
    mutating func groupIndex(_ slug: String) -> Dictionary<String, Group>.Index? {
        if let r = recentGroup, r.slug == slug { return r.index }
        guard let i = groups.index(forKey: slug) else { return nil }
        recentGroup = (slug, i)
        return i
    }

    /// Where the project a reference names sits in `projects.values`: by id when it has one
    /// (see `project(_:)`), else by label.
    @inline(__always)
    mutating func resolvedProjectIndex(_ ref: ProjectRef) -> Int? {
        guard let id = ref.id else { return projectIndex(ref) }
        if let r = recentProjectByID, r.id == id { return r.position }
        guard case .project(let label)? = targets[id], label.group == ref.group, let p = projectIndex(label) else { return nil }
        recentProjectByID = (id, p)
        return p
    }

    /// Where project `ref` sits in `projects.values`, by its label, through `recentProject`.
    @inline(__always)
    mutating func projectIndex(_ ref: ProjectRef) -> Int? {
        if let r = recentProject, r.ref == ref { return r.position }
        if let i = projectPlaces.value(for: ref) {
            recentProject = (ref, i)
            return i
        }
        guard let i = projects.position(of: ref) else { return nil }
        recentProject = (ref, i)
        projectPlaces.set(i, for: ref)
        return i
    }

    /// Whether the item at `position` is a follow-up still open.
    func isOpenFollowUp(_ position: Int) -> Bool {
        itemStorage.withItem(position) { Self.isOpen($0) }
    }

    /// Tells the group's list of open follow-ups that the follow-up at `position` was closed
    /// (done, dropped or retracted); the list drops closed ones once they are most of it.
    private mutating func noteClosed(_ position: Int, group: String) {
        guard let gi = groupIndex(group) else { return }
        let compact = Self.update(&groups.values[gi]) { g in g.openFollowUps.closed() }
        if compact {
            let storage = itemStorage
            groups.values[gi].openFollowUps.compact { p in storage.withItem(p) { Self.isOpen($0) } }
        }
    }

    /// Tells the group's list that the follow-up at `position` is open again (a decision
    /// on it was retracted).
    private mutating func noteReopened(_ position: Int, group: String) {
        guard let gi = groupIndex(group) else { return }
        let storage = itemStorage
        groups.values[gi].openFollowUps.reopened(position) { p in storage.withItem(p) { Self.isOpen($0) } }
    }

    /// Whether an item is a follow-up still open (not done, dropped or retracted).
    static func isOpen(_ item: borrowing Item) -> Bool { item.kind == .followUp && !item.isRetracted && item.isUndecided }

    /// The same, read in place through a pointer (see `ItemStorage.withItem`).
    static func isOpen(_ item: UnsafePointer<Item>) -> Bool {
        item.pointee.kind == .followUp && !item.pointee.isRetracted && item.pointee.isUndecided
    }

    /// Runs `body` on a value in place, e.g. `Self.update(&groups.values[i]) { … }`: the value
    /// is neither copied nor are its strings and arrays retained, which is what a read through
    /// the getter costs (and, with a million items spread over memory, a cache miss for each).
    /// Used on the replay path only, where the state is being changed anyway.
    @discardableResult @inline(__always)
    static func update<T, R>(_ value: inout T, _ body: (inout T) -> R) -> R { body(&value) }

    /// Whether `problem(with:)` would find nothing, decided for the common kinds with the
    /// least work: one lookup, no copies, no diagnostics built. False means "ask `problem`".
    private mutating func isPlainlyApplicable(_ event: Event) -> Bool {
        guard targets[event.id] == nil else { return false }
        switch event.body {
        case .action(let ref, _, _), .note(let ref, _, _), .todo(let ref, _, _, _), .rate(let ref, _, _, _):
            // A project only exists in a group that exists.
            return resolvedProjectIndex(ref) != nil
        case .done(let ref, _, _), .drop(let ref, _, _), .reassign(let ref, _, _), .carry(let ref, _):
            guard let p = targets.itemPosition(ref) else { return false }
            return itemStorage.withItem(p) { $0.pointee.kind == .followUp && !$0.pointee.isRetracted }
        default:
            return false
        }
    }

    /// Warns when `initials` name nobody in the directory.
    private mutating func warnIfUnknown(_ initials: String, line: Int, field: String) {
        guard !knownInitials.contains(initials), Owner.looksLikeInitials(initials),
              people.index(forKey: initials) == nil else { return }
        report(.warning(line: line, "unknown initials \(initials)",
                        hint: "add them with: minutes add person \(initials) \"Full Name\"",
                        field: field, fieldValue: initials))
    }

    /// `warnIfUnknown` for each owner written as initials. A plain loop: the generic version
    /// over `owners.lazy.compactMap(\.initials)` ran the key path at run time, and replay of
    /// 100,000 events spent 13.4 M instructions in it (callgrind; 7.1 M now).
    private mutating func warnUnknownOwners(_ owners: [Owner], line: Int) {
        for o in owners {
            if case .initials(let i) = o { warnIfUnknown(i, line: line, field: "owner") }
        }
    }

    private mutating func applyPerson(_ e: Stamp, _ p: Person, _ line: Int) -> Bool {
        var p = p
        p.initials = p.initials.uppercased()
        if let before = people[p.initials], before.name != p.name, let id = personEvents[p.initials] {
            report(.warning(line: line, "\(p.initials) is defined again with another name: \"\(p.name)\" here, \"\(before.name)\" on line \(linesOf[id] ?? 0)",
                            hint: "if these are two people, give one of them other initials; if one person was renamed, this line stands",
                            field: "name"))
        }
        personEvents[p.initials] = e.id
        linesOf[e.id] = line
        people[p.initials] = p
        knownInitials.insert(p.initials)
        targets[e.id] = .person
        return true
    }

    private mutating func applyGroup(_ e: Stamp, _ slug: String, _ name: String, _ lead: String?, _ line: Int) -> Bool {
        if var g = groups[slug] {
            g.name = name
            if let lead { g.lead = lead }
            groups[slug] = g
        } else {
            groups[slug] = Group(slug: slug, name: name, lead: lead, recorded: e.timestamp)
            groupOrder.append(slug)
            recentGroup = nil
        }
        if let lead { warnIfUnknown(lead, line: line, field: "lead") }
        targets[e.id] = .group
        return true
    }

    /// Adds a project under the number it asks for, or, when that number is taken (two copies
    /// each added one offline), under the next free number: numbers are labels, and replay
    /// order decides the same labels on every copy.
    private mutating func applyProject(_ e: Stamp, _ requested: ProjectRef, _ headline: String, _ line: Int) -> Bool {
        var ref = ProjectRef(group: requested.group, number: requested.number, id: e.id)
        if let other = projects[ref] {
            let taken = Set(groups[ref.group]!.projectNumbers)
            var n = ref.number + 1
            while taken.contains(n) { n += 1 }
            report(.warning(line: line, "\(ref.group)/\(ref.number) is also the number of line \(linesOf[other.id] ?? 0) (\"\(other.headline)\"); this project is shown as \(ref.group)/\(n)",
                            hint: "two copies each added a project; both keep their own entries, and this one is now \(ref.group)/\(n)",
                            field: "number"))
            ref.number = n
        }
        linesOf[e.id] = line
        let existsFrom = [groups[ref.group]?.latestMeeting?.date, leftOutMeetings[ref.group]].compactMap { $0 }.max()
        projects.add(Project(ref: ref, id: e.id, headline: headline, recorded: e.timestamp, existsFrom: existsFrom))
        // Mutate in place (`groups[…]!.x`): a copy taken out and written back would copy the
        // group's arrays on every event.
        let at = groups[ref.group]!.projectNumbers.firstIndex { $0 > ref.number } ?? groups[ref.group]!.projectNumbers.count
        groups[ref.group]!.projectNumbers.insert(ref.number, at: at)
        targets[e.id] = .project(ref)
        return true
    }

    private mutating func applyMeeting(_ e: Stamp, _ f: MeetingFields, _ line: Int) -> Bool {
        // In place through the group's index: `groups[slug]!` read copied the whole group.
        let gi = groupIndex(f.group)!
        let both = Self.update(&groups.values[gi]) { g in
            let i = g.meetingIndex(onOrAfter: f.date)
            if i == g.meetings.count || g.meetings[i].date != f.date {
                g.meetings.insert(Meeting(group: f.group, date: f.date), at: i)
            }
            g.meetings[i].contributions.append((e.id, f))
            g.meetings[i].recompute()
            return g.meetings[i].presentAndApologising(newest: f)
        }
        linesOf[e.id] = line
        for (name, other) in both {
            let where_ = other == e.id ? "on this line" : "on line \(linesOf[other] ?? 0)"
            report(.warning(line: line, "\(name) is both present and sending apologies at the meeting of \(f.group) on \(f.date) (\(where_))",
                            hint: "keep one: retract the wrong meeting line with minutes retract ID, or correct it by hand",
                            field: f.present.contains(name) ? "present" : "apology", fieldValue: name))
        }
        for i in f.present { warnIfUnknown(i, line: line, field: "present") }
        if let chair = f.chair { warnIfUnknown(chair, line: line, field: "chair") }
        if let taker = f.minuteTaker { warnIfUnknown(taker, line: line, field: "minutes") }
        targets[e.id] = .meeting(group: f.group, date: f.date)
        return true
    }

    private mutating func applyItem(_ e: Stamp, _ kind: ItemKind, _ named: ProjectRef, _ explicit: Day?,
                                    _ text: consuming String, _ owners: [Owner], _ line: Int) -> Bool {
        // The group and project are read and changed in place (see `update`).
        // The project named by id, when the line gives one: its label may have changed.
        let projectIndex = resolvedProjectIndex(named)!
        let ref = projects.values[projectIndex].ref
        let groupIndex = groupIndex(ref.group)!
        let (knownMeeting, latest) = Self.update(&groups.values[groupIndex]) { g in
            (explicit.map { g.hasMeeting(on: $0) } ?? true, g.meetings.isEmpty ? nil : g.meetings[g.meetings.count - 1].date)
        }
        if let explicit, !knownMeeting { datedToMeeting.append((line, ref.group, explicit)) }
        // Set-up content (no meeting yet) keeps the day it was recorded for display; as-of
        // replay counts it in every meeting (`AsOfRule.meetingOrSetUp`).
        let day = explicit ?? latest ?? e.timestamp.day
        if kind == .followUp {
            if owners.isEmpty {
                report(.warning(line: line, "follow-up has no owner", hint: "write it as \"XX to …\"", field: "text"))
            }
            warnUnknownOwners(owners, line: line)
        }
        let position = itemStorage.append(
            Item(id: e.id, kind: kind, project: ref, recorded: e.timestamp, meeting: day, text: consume text, owners: owners))
        targets[e.id] = .item(position)
        let appended = Self.update(&projects.values[projectIndex]) { p in
            switch kind {
            case .action: p.actions.append(e.id); return true
            case .note: return p.appendNote(e.id, day: day)
            case .followUp: return p.appendFollowUp(e.id, day: day)
            }
        }
        if !appended {  // an older meeting's item typed up late: inserted in meeting order
            let items = self.items
            Self.update(&projects.values[projectIndex]) { p in
                if kind == .note { Self.insertOrdered(e.id, day: day, into: &p.notes, items: items) }
                else { Self.insertOrdered(e.id, day: day, into: &p.followUps, items: items) }
            }
        }
        if kind == .followUp { groups.values[groupIndex].openFollowUps.opened(position) }
        return true
    }

    /// Appends an id, or inserts it after the last item of an earlier or equal meeting when an
    /// older meeting's notes are typed up late: keeps lists in meeting order in O(1) when appending.
    static func insertOrdered(_ id: EventID, day: Day, into list: inout [EventID], items: ItemStore) {
        guard let last = list.last, let lastDay = items[last]?.meeting, lastDay > day else {
            list.append(id)
            return
        }
        var at = list.count
        while at > 0, let d = items[list[at - 1]]?.meeting, d > day { at -= 1 }
        list.insert(id, at: at)
    }

    private mutating func applyChange(_ e: Stamp, _ ref: EventID, _ meeting: Day?, _ kind: ItemChange.Kind, _ line: Int) -> Bool {
        if case .reassign(let owners) = kind {
            warnUnknownOwners(owners, line: line)
        }
        let position = itemPosition(ref)!
        let change = ItemChange(id: e.id, recorded: e.timestamp, date: meeting ?? e.timestamp.day, kind: kind)
        let outcome = itemStorage.record(change, at: position)
        if outcome.closed {
            noteClosed(position, group: itemStorage.withItem(position) { $0.pointee.project.group })
        }
        if outcome.conflict {
            let word = itemStorage.withItem(position) { $0.pointee.state.word }
            report(.warning(line: line, "conflicting decisions on follow-up \(ref): it was already \(word == "done" ? "dropped" : "done"); this later decision (\(word)) stands",
                            hint: "both events stay in the journal; retract the wrong one", field: "ref"))
        }
        targets[e.id] = .change(item: position)
        return true
    }

    private mutating func applyAmend(_ e: Stamp, _ ref: EventID, _ text: String, _ owners: [Owner]?,
                                     _ base: EventID?, _ line: Int) -> Bool {
        linesOf[e.id] = line
        switch targets[ref] {
        case .item(let position)?:
            // Two amendments made apart (each correcting the same version) are both kept, the
            // later in replay order standing; say so rather than let one silently win.
            if let base {
                let (current, currentText) = itemStorage.withItem(position) { item in
                    (item.pointee.latestAmendment ?? item.pointee.id, item.pointee.text)
                }
                if current != base, currentText != text {
                    report(.warning(line: line, "\(ref) was amended apart on line \(linesOf[current] ?? 0) and here; this text stands",
                                    hint: "both amendments stay in the journal; to keep the other text, amend it again with: minutes edit \(ref) TEXT",
                                    field: "base"))
                }
            }
            let change = ItemChange(id: e.id, recorded: e.timestamp, date: e.timestamp.day, kind: .amend(text: text, owners: owners))
            itemStorage.record(change, at: position)
            targets[e.id] = .change(item: position)
            return true
        case .project(let p)?:
            projects.update(p) { project in
                project.headlineHistory.append((e.id, text))
                project.headline = text
            }
            targets[e.id] = .headline(p)
            return true
        default:
            return false
        }
    }

    private mutating func applyRating(_ e: Stamp, _ named: ProjectRef, _ meeting: Day?, _ rating: Rating,
                                      _ comment: String?, _ line: Int) -> Bool {
        let latest = groupIndex(named.group).flatMap { gi in
            Self.update(&groups.values[gi]) { g in g.meetings.isEmpty ? nil : g.meetings[g.meetings.count - 1].date }
        }
        let day = meeting ?? latest ?? e.timestamp.day
        let r = StatusRating(id: e.id, meeting: day, rating: rating, comment: comment)
        guard let pi = resolvedProjectIndex(named) else { return false }
        Self.update(&projects.values[pi]) { $0.addRating(r) }
        targets[e.id] = .rating(projects.values[pi].ref)
        return true
    }

    private mutating func applyPlan(_ e: Stamp, _ target: PlanTarget, _ fields: PlanFields, _ line: Int) -> Bool {
        switch target {
        case .group(let slug):
            if let v = fields.aim { groups[slug]!.aim = v }
            if !fields.priorities.isEmpty { groups[slug]!.priorities = fields.priorities }
            if let v = fields.lead { groups[slug]!.lead = v }
        case .project(let named):
            guard let ref = project(named)?.ref else { return false }
            projects.update(ref) { project in
                project.planHistory.append((e.id, fields))
                project.recomputePlan()
            }
            targets[e.id] = .plan(.project(ref))
        }
        if let lead = fields.lead { warnIfUnknown(lead, line: line, field: "lead") }
        if case .group = target { targets[e.id] = .plan(target) }
        return true
    }

    private mutating func applyRetract(_ e: Stamp, _ ref: EventID, _ line: Int) -> Bool {
        switch targets[ref] {
        case .item(let position)?:
            if itemStorage[position].isRetracted {
                report(.warning(line: line, "\(ref) was already retracted", field: "ref"))
                break
            }
            let wasOpen = isOpenFollowUp(position)
            itemStorage.update(position) { $0.isRetracted = true }
            let item = itemStorage[position]
            let id = item.id
            projects.update(item.project) { project in
                switch item.kind {
                case .action: project.actions.removeAll { $0 == id }
                case .note: project.notes.removeAll { $0 == id }
                case .followUp: project.followUps.removeAll { $0 == id }
                }
            }
            if wasOpen { noteClosed(position, group: item.project.group) }
        case .change(let position)?:
            let wasOpen = isOpenFollowUp(position)
            let retracted = itemStorage.update(position) { item in
                guard let k = item.changes.firstIndex(where: { $0.id == ref }) else { return false }
                item.changes[k].isRetracted = true
                item.recompute()
                return true
            }
            let isOpen = isOpenFollowUp(position)
            if retracted, wasOpen != isOpen {
                let group = itemStorage[position].project.group
                if isOpen { noteReopened(position, group: group) } else { noteClosed(position, group: group) }
            }
        case .meeting(let slug, let date)?:
            var g = groups[slug]!
            let i = g.meetingIndex(onOrAfter: date)
            guard i < g.meetings.count, g.meetings[i].date == date,
                  g.meetings[i].contributions.contains(where: { $0.id == ref }) else {
                report(.warning(line: line, "\(ref) was already retracted", field: "ref"))
                break
            }
            g.meetings[i].contributions.removeAll { $0.id == ref }
            if g.meetings[i].contributions.isEmpty { g.meetings.remove(at: i) } else { g.meetings[i].recompute() }
            groups[slug] = g
        case .rating(let p)?:
            projects.update(p) { project in
                project.ratingHistory.removeAll { $0.id == ref }
                project.recomputeRatings()
            }
        case .plan(.project(let p))?:
            projects.update(p) { project in
                project.planHistory.removeAll { $0.id == ref }
                project.recomputePlan()
            }
        case .headline(let p)?:
            projects.update(p) { project in
                project.headlineHistory.removeAll { $0.id == ref }
                project.recomputeHeadline()
            }
        default:
            return false
        }
        targets[e.id] = .retract
        return true
    }

    // MARK: - Validation

    /// Why `event` cannot be applied to this state, or nil when it can. Nothing is changed,
    /// so the app and the command line check an event here before writing it: a rejected
    /// entry never reaches the journal.
    public func problem(with event: Event) -> Diagnostic? {
        func error(_ message: String, hint: String? = nil, field: String) -> Diagnostic {
            .error(line: 0, message, hint: hint, field: field)
        }
        func group(_ slug: String, field: String = "group") -> Diagnostic? {
            groups[slug] == nil
                ? error("unknown group '\(slug)'", hint: "add it first with: minutes add group \(slug) \"Name\"", field: field)
                : nil
        }
        func project(_ ref: ProjectRef) -> Diagnostic? {
            if let g = group(ref.group, field: "project") { return g }
            if let id = ref.id, self.project(ref) == nil {
                return error("no project of \(ref.group) has the id \(id) (\(ref) when written)",
                             hint: "its project line is missing: was the journal merged completely?", field: "project")
            }
            return self.project(ref) == nil
                ? error("unknown project \(ref)", hint: "add it with: minutes add project \(ref.group) \"Headline\"", field: "project")
                : nil
        }
        func followUp(_ ref: EventID, _ verb: String) -> Diagnostic? {
            guard let item = items[ref] else {
                return error("no follow-up with id \(ref)", hint: "minutes todo lists open follow-ups with their ids", field: "ref")
            }
            guard item.kind == .followUp else {
                return error("\(ref) is \(item.kind == .action ? "an action" : "a progress note"), not a follow-up; only follow-ups can be \(verb)", field: "ref")
            }
            return item.isRetracted ? error("follow-up \(ref) was retracted", field: "ref") : nil
        }
        if targets[event.id] != nil {
            return error("event id \(event.id) is used twice", hint: "every event needs its own id", field: "ref")
        }
        switch event.body {
        case .person, .group:
            return nil
        case .project(let ref, _):
            return group(ref.group)
        case .meeting(let m):
            return group(m.group)
        case .action(let ref, _, _), .note(let ref, _, _), .todo(let ref, _, _, _), .rate(let ref, _, _, _):
            return project(ref)
        case .done(let ref, _, _): return followUp(ref, "marked done")
        case .drop(let ref, _, _): return followUp(ref, "dropped")
        case .reassign(let ref, _, _): return followUp(ref, "reassigned")
        case .carry(let ref, _): return followUp(ref, "carried")
        case .amend(let ref, _, let owners, _):
            switch targets[ref] {
            case .item(let position)?:
                let item = itemStorage[position]
                if item.isRetracted { return error("\(ref) was retracted and cannot be amended", field: "ref") }
                if owners != nil, item.kind != .followUp { return error("only follow-ups have owners", field: "owner") }
                return nil
            case .project?:
                return owners != nil ? error("a project headline has no owners", field: "owner") : nil
            case nil:
                return error("no event with id \(ref)", field: "ref")
            default:
                return error("\(ref) cannot be amended; amend an action, note, follow-up or project", field: "ref")
            }
        case .retract(let ref, _):
            let refuse = { (what: String) in
                error("\(what) cannot be retracted", hint: "amend it instead, or correct the directory", field: "ref")
            }
            switch targets[ref] {
            case nil: return error("no event with id \(ref)", hint: "retract names the id of an earlier event", field: "ref")
            case .person?: return refuse("a person")
            case .group?: return refuse("a group")
            case .project?: return refuse("a project")
            case .retract?: return refuse("a retraction")
            case .plan(.group)?: return refuse("a group plan change")
            case .change(let position)?:
                return itemStorage[position].changes.contains { $0.id == ref } ? nil : refuse("that change")
            default: return nil
            }
        case .plan(.group(let slug), _):
            return group(slug)
        case .plan(.project(let ref), _):
            return project(ref)
        }
    }
}

extension EventKind {
    /// The kinds that build the directory and the groups' structure, applied by an as-of
    /// replay whatever their day.
    var isDirectory: Bool { self == .person || self == .group || self == .project }
}
