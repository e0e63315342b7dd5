/// Plans as replay has built them: a group's project plan, a project's plan (a priority, or
/// a focus area of an action plan) and an action's plan (an activity). Each is the fold of
/// its `plan` events in replay order: `clear` first, then the fields set.

/// A group's project plan.
public struct GroupPlan: Sendable, Hashable {
    public var title: String?
    /// The language of the group's documents (exports use it unless told otherwise).
    public var language: String?
    public var lead: String?
    public var aim: String?
    /// The AIM paragraph.
    public var statement: String?
    public var priorities: [String] = []
    public var approaches: [PlanApproach] = []
    public var resources: String?
    public var start: PlanDate?
    public var end: PlanDate?
    public var links: [String] = []
    public var issues: [String] = []
    public var baseline: String?
    public var success: [String] = []
    /// Where the action plans are ("Action plans for each priority are kept by the lead").
    public var actionPlans: String?

    public init() {}

    public var isEmpty: Bool { self == GroupPlan() }

    /// The cited priorities no priority has (numbers run from 1), by approach letter.
    public var missingCitations: [(letter: String, priority: Int)] {
        approaches.enumerated().flatMap { i, a in
            a.priorities.filter { $0 > priorities.count }.map { (PlanApproach.letter(i), $0) }
        }
    }

    mutating func apply(_ f: PlanFields) {
        for c in f.clear {
            switch c {
            case .title: title = nil
            case .language: language = nil
            case .lead: lead = nil
            case .aim: aim = nil
            case .statement: statement = nil
            case .priority: priorities = []
            case .approach: approaches = []
            case .resources: resources = nil
            case .start: start = nil
            case .end: end = nil
            case .link: links = []
            case .issue: issues = []
            case .baseline: baseline = nil
            case .success: success = []
            case .plans: actionPlans = nil
            case .target, .background, .code, .owner, .timescale: break
            }
        }
        if let v = f.title { title = v }
        if let v = f.language { language = v }
        if let v = f.lead { lead = v }
        if let v = f.aim { aim = v }
        if let v = f.statement { statement = v }
        if !f.priorities.isEmpty { priorities = f.priorities }
        if !f.approaches.isEmpty { approaches = f.approaches }
        if let v = f.resources { resources = v }
        if let v = f.startDate { start = v }
        if let v = f.endDate { end = v }
        if !f.links.isEmpty { links = f.links }
        if !f.issues.isEmpty { issues = f.issues }
        if let v = f.baseline { baseline = v }
        if !f.success.isEmpty { success = f.success }
        if let v = f.actionPlans { actionPlans = v }
    }
}

/// A project's plan fields: as a priority of a group plan, or as a focus area of an action plan.
public struct ProjectPlan: Sendable, Hashable {
    public var lead: String?
    public var aim: String?
    /// The first day of the start (see `startDate` for a month).
    public var start: Day?
    public var end: Day?
    public var startIsMonth = false
    public var endIsMonth = false
    public var links: [String] = []
    public var targets: [String] = []
    public var background: String?
    /// The focus area's code, "FA2".
    public var code: String?
    public var resources: String?

    public init() {}

    public var startDate: PlanDate? { start.map { PlanDate(day: $0, isMonth: startIsMonth) } }
    public var endDate: PlanDate? { end.map { PlanDate(day: $0, isMonth: endIsMonth) } }

    public var isEmpty: Bool { self == ProjectPlan() }

    mutating func apply(_ f: PlanFields) {
        for c in f.clear {
            switch c {
            case .lead: lead = nil
            case .aim: aim = nil
            case .start: start = nil; startIsMonth = false
            case .end: end = nil; endIsMonth = false
            case .link: links = []
            case .target: targets = []
            case .background: background = nil
            case .code: code = nil
            case .resources: resources = nil
            case .title, .language, .statement, .priority, .approach, .issue, .baseline, .success, .plans, .owner, .timescale: break
            }
        }
        if let v = f.lead { lead = v }
        if let v = f.aim { aim = v }
        if let v = f.start { start = v; startIsMonth = f.startIsMonth }
        if let v = f.end { end = v; endIsMonth = f.endIsMonth }
        if !f.links.isEmpty { links = f.links }
        if !f.targets.isEmpty { targets = f.targets }
        if let v = f.background { background = v }
        if let v = f.code { code = v }
        if let v = f.resources { resources = v }
    }
}

/// An action's plan fields: the action as an activity of an action plan.
public struct ActionPlan: Sendable, Hashable {
    /// Who is responsible (read as follow-ups' owners are).
    public var owners: [Owner] = []
    /// As written: a date, a month or words such as "Ongoing" (see `Timescale`).
    public var timescale: Timescale?
    public var resources: String?
    public var links: [String] = []

    public init() {}

    public var isEmpty: Bool { self == ActionPlan() }

    mutating func apply(_ f: PlanFields) {
        for c in f.clear {
            switch c {
            case .owner: owners = []
            case .timescale: timescale = nil
            case .resources: resources = nil
            case .link: links = []
            case .title, .language, .lead, .aim, .statement, .priority, .approach, .start, .end, .issue, .baseline, .success,
                 .plans, .target, .background, .code: break
            }
        }
        if !f.owners.isEmpty { owners = f.owners }
        if let v = f.timescale { timescale = Timescale(v) }
        if let v = f.resources { resources = v }
        if !f.links.isEmpty { links = f.links }
    }
}

extension MinutesState {
    /// The plan of an action (an activity), empty when none was recorded.
    public func actionPlan(_ action: EventID) -> ActionPlan {
        var p = ActionPlan()
        guard let position = itemPosition(action) else { return p }
        for (_, f) in actionPlanHistory[position] ?? [] { p.apply(f) }
        return p
    }
}

extension PlanFields {
    /// What the event does, in one line: "cleared issue; lead KP; start Jan 2009; priorities …".
    public var summary: String {
        var parts: [String] = []
        func add(_ label: String, _ value: String?) { if let value { parts.append("\(label) \(value)") } }
        func list(_ label: String, _ values: [String]) { if !values.isEmpty { parts.append("\(label) " + values.joined(separator: " | ")) } }
        if !clear.isEmpty { parts.append("cleared " + clear.map(\.rawValue).joined(separator: ", ")) }
        add("title", title)
        add("language", language)
        add("lead", lead)
        add("aim", aim)
        add("AIM", statement)
        add("start", startDate?.text)
        add("end", endDate?.text)
        list("priorities", priorities)
        list("approaches", approaches.map(\.journalValue))
        add("resources", resources)
        list("links", links)
        list("key issues", issues)
        add("baseline", baseline)
        list("success criteria", success)
        add("action plans", actionPlans)
        list("targets", targets)
        add("background", background)
        add("code", code)
        if !owners.isEmpty { parts.append("responsibility " + Owner.phrase(owners)) }
        add("timescale", timescale)
        return parts.joined(separator: "; ")
    }
}

/// A value kept behind a single reference (an indirect enum case: immutable, so copies share
/// it and a change makes a new one), for the large, rarely changed plans inside groups and
/// projects.
enum PlanBox<Value: Sendable & Hashable>: Sendable, Hashable {
    indirect case boxed(Value)

    init(_ value: Value) { self = .boxed(value) }

    var value: Value {
        switch self {
        case .boxed(let v): return v
        }
    }
}
