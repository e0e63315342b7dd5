/// Every group's projects, in the order they were added, found by reference or by position.
///
/// Why not `[ProjectRef: Project]`: replay finds the project of most events through a cache
/// of where recently named projects sit (`MinutesState.projectPlaces`). A dictionary's
/// indices go stale whenever a key is added, so each new project had to empty that cache,
/// and every project named after it was hashed and looked up again. A journal with ten times
/// the groups has ten times the new projects *and* ten times the projects to look up after
/// each: at a million events (1,040 projects added over the years) that was 149,000
/// dictionary lookups against 3,800 at 100,000 events. A position in an array that only
/// grows never goes stale (projects are never removed: a project event cannot be retracted
/// away, only its headline and plan change).
public struct ProjectTable: Sendable {
    /// The projects in the order they were added; a project keeps its position for good.
    public internal(set) var values: [Project] = []
    private var positions: [ProjectRef: Int] = [:]

    public init() {}

    public var count: Int { values.count }
    public var isEmpty: Bool { values.isEmpty }

    /// The project `ref` names, if it was added.
    public subscript(ref: ProjectRef) -> Project? {
        guard let p = positions[ref] else { return nil }
        return values[p]
    }

    /// Where `ref` sits in `values`, if it was added.
    func position(of ref: ProjectRef) -> Int? { positions[ref] }

    /// Adds a project under its own reference, or replaces the one already there (which keeps
    /// its position); returns the position.
    @discardableResult
    mutating func add(_ project: Project) -> Int {
        if let p = positions[project.ref] {
            values[p] = project
            return p
        }
        values.append(project)
        positions[project.ref] = values.count - 1
        return values.count - 1
    }

    /// Changes the project `ref` names in place; false (and nothing changed) when there is none.
    @discardableResult
    mutating func update(_ ref: ProjectRef, _ change: (inout Project) -> Void) -> Bool {
        guard let p = positions[ref] else { return false }
        change(&values[p])
        return true
    }
}
