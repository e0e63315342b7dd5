import ArgumentParser
import MinutesCore
import MinutesExport

/// `minutes plan TARGET [options]`: sets (or, with no option, prints) the plan of a group,
/// a project or an action. Each run is one `plan` event; lists given replace the old list.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Set or print the plan of a group (project plan), a project (priority, focus area) or an action.",
        discussion: """
            TARGET is a group (be-safe), a project (be-safe/2) or an action's id. With no option the \
            plan is printed. A list option (--priority, --approach, --link, --issue, --success, \
            --target) may be repeated; the values given replace the whole list. --clear FIELD empties \
            a field (repeatable), named as its option: title, lead, aim, statement, priority, approach, \
            resources, start, end, link, issue, baseline, success, action-plans, target, background, code, \
            responsibility, timescale. \
            Groups take --title to --action-plans; projects --lead, --aim, --target, --background, \
            --code, --start, --end, --link, --resources; actions --responsibility, --timescale, \
            --resources, --link. Example: minutes plan be-safe --start "Jan 2009" --end "Dec 2011" \
            --priority "Staff trained in child protection" --approach "1,2: Share good practice"
            """)

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("A group, GROUP/N for a project, or an action's id.", valueName: "target"))
    var target: String

    @Option(help: ArgumentHelp("Group: the document's title (default: \"<GROUP> PROJECT PLAN <years>\").", valueName: "text"))
    var title: String?
    @Option(help: ArgumentHelp("Group: the language of its documents, a tag such as en-GB or cy-GB (exports use it unless given --lang).", valueName: "tag"))
    var lang: String?
    @Option(help: ArgumentHelp("Group or project: the lead's initials.", valueName: "initials"))
    var lead: String?
    @Option(help: ArgumentHelp("Group: the overall aim; project: its aim.", valueName: "text"))
    var aim: String?
    @Option(help: ArgumentHelp("Group: the AIM paragraph (how the group will work).", valueName: "text"))
    var statement: String?
    @Option(help: ArgumentHelp("Group: a numbered priority (repeat, in order).", valueName: "text"))
    var priority: [String] = []
    @Option(help: ArgumentHelp("Group: a lettered approach, citing priorities first: \"2,4: text\" (repeat).", valueName: "text"))
    var approach: [String] = []
    @Option(help: ArgumentHelp("The resources (time, materials, funding).", valueName: "text"))
    var resources: String?
    @Option(help: ArgumentHelp("Group or project: the start, a date or a month (\"Jan 2009\", 2009-01).", valueName: "date"))
    var start: String?
    @Option(help: ArgumentHelp("Group or project: the end, a date or a month.", valueName: "date"))
    var end: String?
    @Option(help: ArgumentHelp("A link to another plan or an indicator (repeat).", valueName: "text"))
    var link: [String] = []
    @Option(help: ArgumentHelp("Group: a key issue or problem (repeat).", valueName: "text"))
    var issue: [String] = []
    @Option(help: ArgumentHelp("Group: the baseline data or information.", valueName: "text"))
    var baseline: String?
    @Option(help: ArgumentHelp("Group: a success criterion (repeat).", valueName: "text"))
    var success: [String] = []
    @Option(name: .customLong("action-plans"), help: ArgumentHelp("Group: where the action plans are.", valueName: "text"))
    var actionPlans: String?
    @Option(name: .customLong("target"), help: ArgumentHelp("Project: a target that achieves the aim (repeat).", valueName: "text"))
    var targets: [String] = []
    @Option(help: ArgumentHelp("Project: background (objectives served, links, justification).", valueName: "text"))
    var background: String?
    @Option(help: ArgumentHelp("Project: the focus area's code, e.g. FA2.", valueName: "code"))
    var code: String?
    @Option(help: ArgumentHelp("Action: who is responsible, as follow-ups name owners (\"KP and DD\").", valueName: "owners"))
    var responsibility: String?
    @Option(help: ArgumentHelp("Action: when: a date, a month or words such as Ongoing (kept as typed).", valueName: "text"))
    var timescale: String?
    @Option(help: ArgumentHelp("Empty a field (repeat): see the list above.", valueName: "field"))
    var clear: [String] = []
    @Option(help: ArgumentHelp("The meeting that agreed the plan (it must exist).", valueName: "date"))
    var meeting: String?

    func run() throws {
        let session = try journal.openForWriting()
        let state = session.state
        let planTarget = try PlanInputs.target(target, in: state)
        var fields = try fieldsTyped(state: state)
        if let meeting {
            let slug = PlanInputs.group(of: planTarget, in: state)
            fields.meeting = try Inputs.meeting(of: Inputs.group(slug, in: state), explicit: meeting, requireOne: true)
        }
        if fields.isEmpty {
            Output.lines(PlanPrinting.lines(planTarget, state: state))
            return
        }
        let allowed = planTarget.allowedFields
        if let wrong = fields.touched.first(where: { !allowed.contains($0) }) {
            throw CLIError.usage("\(PlanInputs.option(wrong)): \(PlanInputs.describe(planTarget)) has no \(wrong.rawValue); see minutes plan --help")
        }
        try session.recordReporting(.plan(planTarget, fields))
        Output.line("Plan of \(PlanInputs.describe(planTarget, state: state)) updated: \(fields.summary)")
    }

    func fieldsTyped(state: MinutesState) throws -> PlanFields {
        var f = PlanFields()
        f.title = try Inputs.text(title, argument: "--title")
        if let lang {
            guard LanguageTag.isValid(lang) else {
                throw CLIError.usage("--lang: '\(TerminalSafeText.clean(lang))' is not a language tag; use one such as en-GB, cy-GB or ur-PK")
            }
            f.language = lang
        }
        f.lead = try lead.map { try Inputs.initials($0, argument: "--lead") }
        f.aim = try Inputs.text(aim, argument: "--aim")
        f.statement = try Inputs.text(statement, argument: "--statement")
        f.priorities = try priority.map { try Inputs.text($0, argument: "--priority") }
        f.approaches = try approach.map { PlanApproach(journalValue: try Inputs.text($0, argument: "--approach")) }
        f.resources = try Inputs.text(resources, argument: "--resources")
        f.startDate = try start.map { try PlanInputs.date($0, argument: "--start") }
        f.endDate = try end.map { try PlanInputs.date($0, argument: "--end") }
        f.links = try link.map { try Inputs.text($0, argument: "--link") }
        f.issues = try issue.map { try Inputs.text($0, argument: "--issue") }
        f.baseline = try Inputs.text(baseline, argument: "--baseline")
        f.success = try success.map { try Inputs.text($0, argument: "--success") }
        f.actionPlans = try Inputs.text(actionPlans, argument: "--action-plans")
        f.targets = try targets.map { try Inputs.text($0, argument: "--target") }
        f.background = try Inputs.text(background, argument: "--background")
        f.code = try Inputs.text(code, argument: "--code")
        f.owners = try responsibility.map { try PlanInputs.owners($0, state: state) } ?? []
        f.timescale = try Inputs.text(timescale, argument: "--timescale")
        f.clear = try clear.map { name in
            let typed = name.trimmingCharacters(in: .whitespaces).lowercased()
            guard let field = PlanFieldName.allCases.first(where: { $0.rawValue == typed || PlanInputs.option($0) == "--" + typed }) else {
                throw CLIError.usage("--clear: '\(name)' is not a plan field; use one of " + PlanFieldName.allCases.map { String(PlanInputs.option($0).dropFirst(2)) }.joined(separator: ", "))
            }
            return field
        }
        if let s = f.startDate, let e = f.endDate, s.day > e.lastDay {
            throw CLIError.data("--end: the plan would end (\(e.text)) before it starts (\(s.text))")
        }
        return f
    }
}
