import Foundation
import MinutesCore
import MinutesExport

/// Reading what `minutes plan` is given: its target, dates that may be months, owners.
enum PlanInputs {
    /// A group, `GROUP/N` or an action's id.
    static func target(_ text: String, in state: MinutesState) throws -> PlanTarget {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.contains("/") { return .project(try Inputs.project(t, in: state, argument: "<target>").ref) }
        if let id = EventID.parse(t), state.contains(id) {
            guard let item = state.items[id], item.kind == .action else {
                throw CLIError.data("<target>: \(id) is not an action; only actions (and groups and projects) have plans")
            }
            return .action(id)
        }
        return .group(try Inputs.group(t, in: state, argument: "<target>").slug)
    }

    static func group(of target: PlanTarget, in state: MinutesState) -> String {
        switch target {
        case .group(let g): return g
        case .project(let r): return r.group
        case .action(let id): return state.items[id]!.project.group
        }
    }

    /// A date or a month ("Jan 2009", "January 2009", 2009-01).
    static func date(_ text: String, argument: String) throws -> PlanDate {
        if let d = PlanDate.parseInput(text) { return d }
        throw CLIError.data("\(argument): '\(text)' is not a date or a month; write YYYY-MM-DD, YYYY-MM or e.g. \"Jan 2009\"")
    }

    /// Owners as a follow-up names them ("KP and DD"); a name that is no one's initials is kept as typed.
    static func owners(_ text: String, state: MinutesState) throws -> [Owner] {
        let t = try Inputs.text(text, argument: "--responsibility")
        let owners = EntryInput.owners(t, people: state.directory)
        return owners.isEmpty ? [Owner(journalValue: t)] : owners
    }

    static func option(_ field: PlanFieldName) -> String {
        switch field {
        case .plans: return "--action-plans"
        case .owner: return "--responsibility"
        case .language: return "--lang"
        case .priority, .approach, .link, .issue, .success, .target, .title, .lead, .aim, .statement, .resources,
             .start, .end, .baseline, .background, .code, .timescale:
            return "--" + String(describing: field)
        }
    }

    static func describe(_ target: PlanTarget, state: MinutesState? = nil) -> String {
        switch target {
        case .group(let g): return "group \(g)"
        case .project(let r): return "project \(r)"
        case .action(let id): return "action \(id)"
        }
    }
}

/// `minutes plan TARGET` with no option: the plan as text.
enum PlanPrinting {
    static func lines(_ target: PlanTarget, state: MinutesState) -> [String] {
        switch target {
        case .group(let g):
            return TextRenderer.render(PlanReport.build(group: state.groups[g]!, state: state)).components(separatedBy: "\n")
        case .project(let r):
            let p = state.project(r)!
            let plan = p.plan
            var out = ["\(r)  \(p.headline)"]
            func line(_ label: String, _ v: String?) { if let v { out.append("  \(label): \(v)") } }
            line("Code", plan.code)
            line("Lead", plan.lead)
            line("Aim", plan.aim)
            for t in plan.targets { out.append("  Target: \(t)") }
            line("Background", plan.background)
            line("Resources", plan.resources)
            line("Start", plan.startDate?.text)
            line("End", plan.endDate?.text)
            for l in plan.links { out.append("  Link: \(l)") }
            if out.count == 1 { out.append("  No plan yet: set one with minutes plan \(r) --aim …") }
            return out
        case .action(let id):
            let item = state.items[id]!
            let plan = state.actionPlan(id)
            var out = ["\(id)  \(item.project)  \(item.text)"]
            if !plan.owners.isEmpty { out.append("  Responsibility: " + Owner.phrase(plan.owners)) }
            if let t = plan.timescale { out.append("  Timescale: \(t.text)") }
            if let r = plan.resources { out.append("  Resources: \(r)") }
            for l in plan.links { out.append("  Link: \(l)") }
            if out.count == 1 { out.append("  No plan yet: set one with minutes plan \(id) --responsibility … --timescale …") }
            return out
        }
    }
}
