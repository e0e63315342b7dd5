/// The caches replay keeps beside the state so that applying an event costs little: the last
/// group and project named, recently named projects, the directory's initials as a set. They
/// only find things faster; nothing in them decides anything, and `MinutesState` reads the
/// same with them empty. Why each exists, with the measurements, is in docs/performance.md.
struct ReplayAccelerators: Sendable {
    /// The group and the project the latest events named, and where each sits in `groups` and
    /// `projects`: consecutive lines mostly name the same ones, and comparing two short slugs
    /// costs far less than hashing one (SipHash was a quarter of applying an event).
    /// `recentGroup` is cleared whenever a group is added, which moves dictionary entries; a
    /// project's position in `projects` never changes, so `recentProject` and `projectPlaces`
    /// stay true for good (see `ProjectTable`).
    var recentGroup: (slug: String, index: Dictionary<String, Group>.Index)?
    var recentProject: (ref: ProjectRef, position: Int)?
    /// Where other recently named projects sit, for when `recentProject` is another one.
    var projectPlaces = ProjectRefCache<Int>()
    /// The directory's initials, answered without hashing (every follow-up's owners and every
    /// meeting's attendance are checked against the directory).
    var knownInitials = InitialsSet()
    /// The last project named by id, and its position in `projects`.
    var recentProjectByID: (id: EventID, position: Int)?
}

extension MinutesState {
    /// Where group `slug` sits in `groups`, through `accelerators.recentGroup`.
    @inline(__always)
    mutating func groupIndex(_ slug: String) -> Dictionary<String, Group>.Index? {
        if let r = accelerators.recentGroup, r.slug == slug { return r.index }
        guard let i = groups.index(forKey: slug) else { return nil }
        accelerators.recentGroup = (slug, i)
        return i
    }

    /// Where the project a reference names sits in `projects.values`: by id when it has one
    /// (see `project(_:)`), else by label.
    @inline(__always)
    mutating func resolvedProjectIndex(_ ref: ProjectRef) -> Int? {
        guard let id = ref.id else { return projectIndex(ref) }
        if let r = accelerators.recentProjectByID, r.id == id { return r.position }
        guard case .project(let label)? = targets[id], label.group == ref.group, let p = projectIndex(label) else { return nil }
        accelerators.recentProjectByID = (id, p)
        return p
    }

    /// Where project `ref` sits in `projects.values`, by its label, through `recentProject`.
    @inline(__always)
    mutating func projectIndex(_ ref: ProjectRef) -> Int? {
        if let r = accelerators.recentProject, r.ref == ref { return r.position }
        if let i = accelerators.projectPlaces.value(for: ref) {
            accelerators.recentProject = (ref, i)
            return i
        }
        guard let i = projects.position(of: ref) else { return nil }
        accelerators.recentProject = (ref, i)
        accelerators.projectPlaces.set(i, for: ref)
        return i
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
    mutating func isPlainlyApplicable(_ event: Event) -> Bool {
        guard targets[event.id] == nil else { return false }
        switch event.body {
        case .action(let ref, _, _), .note(let ref, _, _), .todo(let ref, _, _, _), .rate(let ref, _, _, _):
            // A project only exists in a group that exists.
            return resolvedProjectIndex(ref) != nil
        case .done(let ref, _, _), .drop(let ref, _, _), .reassign(let ref, _, _), .carry(let ref, _):
            guard let p = targets.itemPosition(ref) else { return false }
            return itemStorage.withItem(p) { $0.pointee.kind == .followUp && !$0.pointee.isRetracted }
        case .person, .group, .project, .meeting, .amend, .retract, .plan, .decision, .aob, .approve, .due, .confidential:
            return false
        }
    }

}
