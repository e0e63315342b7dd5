import ArgumentParser
import MinutesCore

struct TodoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "todo",
        abstract: "List outstanding follow-ups, oldest first.",
        discussion: "Examples: minutes todo --owner KP; minutes todo --group be-safe --min-carried 2 --json")

    @OptionGroup var journal: JournalOptions

    @Option(help: ArgumentHelp("Only follow-ups owned by these initials or this name.", valueName: "owner"))
    var owner: String?

    @Option(help: ArgumentHelp("Only follow-ups of this group.", valueName: "group"))
    var group: String?

    @Option(help: ArgumentHelp("Only follow-ups of this project, as GROUP/N.", valueName: "project"))
    var project: String?

    @Option(name: .customLong("min-carried"), help: ArgumentHelp("Only follow-ups carried over at least this many meetings.", valueName: "n"))
    var minCarried: Int = 0

    @Option(name: .customLong("as-of"), help: ArgumentHelp("List what was outstanding on this date.", valueName: "date"))
    var asOf: String?

    @Flag(help: "Only follow-ups past their due date (or, with none, carried into three or more meetings).")
    var overdue = false

    @Flag(help: "Print a JSON array (deterministic: sorted keys, stable order).")
    var json = false

    func validate() throws {
        if minCarried < 0 { throw ValidationError("--min-carried must be 0 or more") }
    }

    func run() throws {
        let asOfDay = try Inputs.day(asOf, argument: "--as-of")
        let owner = try Inputs.text(self.owner, argument: "--owner")
        let state = try journal.loadWarning(asOf: asOfDay).state
        var filter = FollowUpFilter(owner: owner, minCarried: minCarried)
        if let group { filter.group = try Inputs.group(group, in: state, argument: "--group").slug }
        if let project {
            let p = try Inputs.project(project, in: state, argument: "--project")
            if let g = filter.group, g != p.ref.group {
                throw CLIError.usage("--project \(p.ref) is not in --group \(g)")
            }
            filter.project = p.ref
        }
        let today = asOfDay ?? Day.today()
        var list = state.followUps(matching: filter)
        if overdue { list = list.filter { state.dueStatus($0.item, today: today) == .overdue } }
        if json {
            Output.raw(try StateJSON.encode(list.map { StateJSON.followUp($0.item, carried: $0.carried) }))
            return
        }
        if list.isEmpty {
            Output.line(overdue ? "No overdue follow-ups." : "No outstanding follow-ups.")
            return
        }
        let refWidth = list.map { $0.project.ref.text.count }.max() ?? 0
        Output.lines(list.map { o in
            let ref = o.project.ref.text
            let carried = o.carried > 0 ? "↻\(o.carried)" : ""
            return "\(o.id)  \(MinutesText.compact(o.raised).leftPadded(to: 11))  "
                + ref + String(repeating: " ", count: refWidth - ref.count)
                + "  \(carried.padded(to: 3))  " + FollowUpTarget.phrase(o.item)
                + Self.dueNote(o.item, state: state, today: today)
        })
    }
}

extension TodoCommand {
    /// "  [due 30 Jun 2027 ▲ due soon]", "  [■ overdue]", or nothing for one on track without a date.
    static func dueNote(_ item: Item, state: MinutesState, today: Day) -> String {
        let due = state.dueDate(item)
        guard let status = state.dueStatus(item, today: today) else { return "" }
        if due == nil, status == .onTrack { return "" }
        return "  [" + (due.map { "due \($0.long) " } ?? "") + status.symbol + " " + status.rawValue + "]"
            + (state.isConfidential(item) ? " (confidential)" : "")
    }
}

extension String {
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
