import ArgumentParser
import MinutesCore

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show the minutes: per project, the actions, the progress and what is to do.",
        discussion: """
            Each project is shown in the three columns of the minutes: "Actions required", \
            "Progress" (notes under their meeting dates) and "To do by next meeting" (open \
            follow-ups, with their owners, id, ↻N when carried over N meetings and due date), \
            then the project's decisions. Confidential items are marked.
            Examples: minutes show; minutes show be-safe/2 --as-of 2009-05-15; minutes show --json
            """)

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("A group, or one project as GROUP/N; by default every group.", valueName: "group-or-project"))
    var target: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Show the minutes as they stood on this date.", valueName: "date"))
    var asOf: String?

    @Flag(help: "Print the whole state as JSON (deterministic: sorted keys, stable order).")
    var json = false

    func run() throws {
        let asOfDay = try Inputs.day(asOf, argument: "--as-of")
        let state = try journal.loadWarning(asOf: asOfDay).state
        var slugs = state.groupOrder
        var only: ProjectRef?
        if let target {
            if target.contains("/") {
                let project = try Inputs.project(target, in: state)
                only = project.ref
                slugs = [project.ref.group]
            } else {
                slugs = [try Inputs.group(target, in: state).slug]
            }
        }
        if json {
            Output.raw(try StateJSON.encode(StateJSON.document(state, groups: slugs, project: only)))
            return
        }
        if slugs.isEmpty {
            Output.line("No groups yet; add one with: minutes add group SLUG \"Name\"")
            return
        }
        var out: [String] = []
        for (n, slug) in slugs.enumerated() {
            guard let group = state.groups[slug] else { continue }
            if n > 0 { out.append("") }
            out += MinutesText.groupHeader(group, state: state)
            let projects = state.projects(in: slug).filter { only == nil || $0.ref == only }
            if projects.isEmpty { out += ["", "No projects yet."] }
            for project in projects {
                out.append("")
                out += MinutesText.project(project, state: state)
            }
        }
        Output.lines(out)
    }
}

/// The minutes as text, a group and its projects at a time.
enum MinutesText {
    static func groupHeader(_ g: Group, state: MinutesState) -> [String] {
        var facts: [String] = []
        if let lead = g.lead { facts.append("lead \(lead)") }
        switch g.meetings.count {
        case 0: facts.append("no meetings yet")
        case 1: facts.append("1 meeting, \(g.meetings[0].date.long)")
        default: facts.append("\(g.meetings.count) meetings, latest \(g.latestMeeting!.date.long)")
        }
        if let next = g.latestMeeting?.next { facts.append("next \(next.long)") }
        if let asOf = state.asOf { facts.append("as of \(asOf.long)") }
        let title = "\(g.name) (\(g.slug))"
        return [title, String(repeating: "=", count: title.count), facts.joined(separator: " · ")]
    }

    static func project(_ p: Project, state: MinutesState) -> [String] {
        var head = "\(p.ref)  \(p.headline)"
        if let r = p.latestRating { head += "  [\(r.rating.title)]" }
        var out = [head]
        if let lead = p.plan.lead { out.append("  Lead: \(lead)") }

        out.append("  Actions required")
        let actions = state.actions(of: p.ref)
        if actions.isEmpty { out.append("    (none)") }
        for a in actions { out.append("    • \(a.text)" + mark(a, state)) }

        out.append("  Progress")
        let notes = state.notesByMeeting(of: p.ref)
        if notes.isEmpty { out.append("    (none)") }
        for (day, items) in notes {
            out.append("    \(day.long)")
            for n in items { out.append("      • \(n.text)" + mark(n, state)) }
        }

        let decisions = state.decisions(of: p.ref)
        if !decisions.isEmpty {
            out.append("  Decisions")
            for d in decisions { out.append("    \(d.meeting.long)  Decision: \(d.text)  (\(d.id))" + mark(d, state)) }
        }

        out.append("  To do by next meeting")
        let open = state.followUps(of: p.ref).filter(\.state.isOpen)
        if open.isEmpty { out.append("    (none)") }
        for f in open {
            out.append("    • " + followUp(f, carried: state.carriedCount(f))
                + (state.dueDate(f).map { "  due \($0.long)" } ?? "") + mark(f, state))
        }
        return out
    }

    /// "  (confidential)" for an item marked so: `show` is for the minute-taker, not circulated.
    static func mark(_ item: Item, _ state: MinutesState) -> String {
        state.isConfidential(item) ? "  (confidential)" : ""
    }

    /// "KP and DD to adjust … (4k7qs0abcd12) ↻2"
    static func followUp(_ f: Item, carried: Int) -> String {
        FollowUpTarget.phrase(f) + "  (\(f.id))" + (carried > 0 ? " ↻\(carried)" : "")
    }

    /// "14 May 2009" as "14 May 2009", short month: "14 May 2009" / "25 Jun 2009".
    static func compact(_ day: Day) -> String {
        "\(day.compact) \(day.components.year)"
    }
}
