import MinutesCore
import MinutesExport

/// The minutes of one meeting as a `ReportDocument`, built here from the state the way the
/// groups lay their minutes out: the date and who came, then per project a three-column table
/// (actions, every meeting's progress notes so far under their dates, follow-ups still open
/// once the meeting closed), then a who's who.
///
/// A stand-in for the export report builders (being written on another branch) so that the
/// renderers can be measured on a realistic document now; the shape and size match theirs.
enum BenchMinutes {
    static func document(state: MinutesState, group slug: String, meeting day: Day) -> ReportDocument? {
        guard let group = state.groups[slug], let meeting = group.meeting(on: day) else { return nil }
        var mentioned = Set<String>()
        var metadata = [ReportMetadata("Date", day.long),
                        ReportMetadata("Present", meeting.present.joined(separator: ", "))]
        if !meeting.apologies.isEmpty { metadata.append(ReportMetadata("Apologies", meeting.apologies.joined(separator: ", "))) }
        if let chair = meeting.chair { metadata.append(ReportMetadata("Chair", chair)) }
        if let taker = meeting.minuteTaker { metadata.append(ReportMetadata("Minutes", taker)) }
        if let next = meeting.next { metadata.append(ReportMetadata("Next meeting", next.long)) }
        mentioned.formUnion(meeting.present + meeting.apologies)

        var blocks: [ReportBlock] = []
        for project in state.projects(in: slug) {
            let ref = project.ref
            var actions = ReportCell([.paragraph(.bold(project.headline))])
            if let lead = project.plan.lead { actions.blocks.append(.paragraph(ReportText("Lead: " + lead))) }
            for a in state.actions(of: ref) where a.meeting <= day { actions.blocks.append(.bullet(ReportText(a.text))) }

            var progress = ReportCell()
            for block in state.notesByMeeting(of: ref) where block.day <= day {
                progress.blocks.append(.subheading(block.day.long))
                for note in block.notes { progress.blocks.append(.bullet(ReportText(note.text))) }
            }

            var toDo = ReportCell()
            for item in state.followUps(of: ref) where item.meeting <= day {
                if let closed = item.state.closedOn, closed <= day { continue }
                var text = ReportText(runs: [])
                for (i, o) in item.owners.enumerated() {
                    if i > 0 { text += ReportText(i == item.owners.count - 1 ? " and " : ", ") }
                    text += .bold(o.label)
                    if let initials = o.initials { mentioned.insert(initials) }
                }
                if !item.owners.isEmpty { text += " to " }
                text += ReportText(item.text)
                if item.meeting < day {
                    let carried = group.meetingCount(after: item.meeting, through: day)
                    text += ReportText(" (from " + item.meeting.short + ", carried " + String(carried) + "×)")
                }
                toDo.blocks.append(.bullet(text))
            }
            if progress.isEmpty { progress = ReportCell(text: "No progress noted yet.") }
            if toDo.isEmpty { toDo = ReportCell(text: "Nothing outstanding.") }
            blocks.append(.heading(level: 1, text: "Project \(ref.number)"))
            blocks.append(.table(ReportTable(columns: ["Actions required", "Progress: \(day.long)", "To do by next meeting"],
                                             rows: [[actions, progress, toDo]], columnWeights: [1.0, 1.35, 1.0])))
        }
        let who = mentioned.sorted().compactMap { i in
            state.person(i).map { ReportDefinition(term: i, definition: ReportText($0.name + ($0.organisation.map { ", " + $0 } ?? ""))) }
        }
        if !who.isEmpty {
            blocks.append(.heading(level: 1, text: "Who's who"))
            blocks.append(.definitionList(who))
        }
        return ReportDocument(title: group.name + " — Minutes", metadata: metadata, orientation: .landscape, blocks: blocks)
    }
}
