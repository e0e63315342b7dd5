import MinutesCore

/// One line of a plan as `p` and `P` show it: a field, or one item of a list field.
public struct PlanLine: Sendable, Hashable {
    public var field: PlanFieldName
    /// The item's position, for a list field that has items.
    public var index: Int?
    public var label: String
    public var value: String?
}

/// A plan as lines to select, change, add to and remove from, and the `plan` event each
/// change is (lists are written whole, as the journal replaces them; an emptied field is
/// written `clear=`).
public enum PlanLines {
    static let lists: Set<PlanFieldName> = [.priority, .approach, .link, .issue, .success, .target]

    public static func lines(_ target: PlanTarget, _ state: MinutesState) -> [PlanLine] {
        var out: [PlanLine] = []
        func one(_ f: PlanFieldName, _ label: String, _ v: String?) { out.append(PlanLine(field: f, label: label, value: v)) }
        func list(_ f: PlanFieldName, _ label: String, _ items: [String], marker: (Int) -> String) {
            if items.isEmpty { out.append(PlanLine(field: f, label: label, value: nil)) }
            for (i, v) in items.enumerated() { out.append(PlanLine(field: f, index: i, label: label + " " + marker(i), value: v)) }
        }
        switch target {
        case .group(let slug):
            guard let g = state.groups[slug] else { return [] }
            let p = g.plan
            one(.title, "Title", p.title)
            one(.lead, "Lead", p.lead ?? g.lead)
            one(.aim, "Overall aim", p.aim)
            list(.priority, "Priority", p.priorities) { "\($0 + 1)" }
            one(.statement, "AIM", p.statement)
            list(.approach, "Approach", p.approaches.map(\.journalValue)) { PlanApproach.letter($0) }
            one(.resources, "Resources", p.resources)
            one(.start, "Start", p.start?.text)
            one(.end, "End", p.end?.text)
            list(.link, "Link", p.links) { "\($0 + 1)" }
            list(.issue, "Key issue", p.issues) { "\($0 + 1)" }
            one(.baseline, "Baseline", p.baseline)
            list(.success, "Success", p.success) { "\($0 + 1)" }
            one(.plans, "Action plans", p.actionPlans)
        case .project(let ref):
            guard let p = state.project(ref)?.plan else { return [] }
            one(.code, "Code", p.code)
            one(.lead, "Lead", p.lead)
            one(.aim, "Aim", p.aim)
            list(.target, "Target", p.targets) { "\($0 + 1)" }
            one(.background, "Background", p.background)
            one(.resources, "Resources", p.resources)
            one(.start, "Start", p.startDate?.text)
            one(.end, "End", p.endDate?.text)
            list(.link, "Link", p.links) { "\($0 + 1)" }
        case .action:
            return []
        }
        return out
    }

    /// The plan fields that set `line` to `text` (or, adding, put `text` after it), or that
    /// remove it when `text` is nil; an error to show when the text is not a value the field takes.
    public static func change(_ target: PlanTarget, _ state: MinutesState, _ line: PlanLine, text: String?,
                              adding: Bool) -> Result<PlanFields, PlanInputError> {
        var f = PlanFields()
        if lists.contains(line.field) {
            var items = current(line.field, target, state)
            let at = line.index ?? items.count - 1
            if let text {
                if adding || line.index == nil { items.insert(text, at: min(items.count, at + 1)) } else { items[at] = text }
            } else if let i = line.index {
                items.remove(at: i)
            }
            if items.isEmpty { f.clear = [line.field] }
            switch line.field {
            case .priority: f.priorities = items
            case .approach: f.approaches = items.map(PlanApproach.init(journalValue:))
            case .link: f.links = items
            case .issue: f.issues = items
            case .success: f.success = items
            default: f.targets = items
            }
            return .success(f)
        }
        guard let text else {
            f.clear = [line.field]
            return .success(f)
        }
        switch line.field {
        case .lead:
            let initials = text.uppercased()
            guard Person.isValidInitials(initials) else { return .failure(PlanInputError("The lead is given by initials, e.g. KP.")) }
            f.lead = initials
        case .start, .end:
            guard let d = PlanDate.parseInput(text) else {
                return .failure(PlanInputError("'\(text)' is not a date or a month: type 2009-06-25, 2009-06 or Jun 2009."))
            }
            if line.field == .start { f.startDate = d } else { f.endDate = d }
        case .title: f.title = text
        case .language:
            guard LanguageTag.isValid(text) else { return .failure(PlanInputError("'\(text)' is not a language tag: type one such as en-GB or cy-GB.")) }
            f.language = text
        case .aim: f.aim = text
        case .statement: f.statement = text
        case .resources: f.resources = text
        case .baseline: f.baseline = text
        case .plans: f.actionPlans = text
        case .background: f.background = text
        case .code: f.code = text
        case .timescale: f.timescale = text
        case .priority, .approach, .link, .issue, .success, .target, .owner: break
        }
        return .success(f)
    }

    static func current(_ field: PlanFieldName, _ target: PlanTarget, _ state: MinutesState) -> [String] {
        switch target {
        case .group(let slug):
            guard let p = state.groups[slug]?.plan else { return [] }
            switch field {
            case .priority: return p.priorities
            case .approach: return p.approaches.map(\.journalValue)
            case .link: return p.links
            case .issue: return p.issues
            case .success: return p.success
            default: return []
            }
        case .project(let ref):
            guard let p = state.project(ref)?.plan else { return [] }
            return field == .link ? p.links : field == .target ? p.targets : []
        case .action:
            return []
        }
    }
}

/// Why typed text is not a value a plan field takes.
public struct PlanInputError: Error, Sendable {
    public let message: String
    init(_ message: String) { self.message = message }
}
