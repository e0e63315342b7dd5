import MinutesCore

/// The decisions log of a group: every decision across its meetings, oldest first, one row
/// each (date, project, decision), so that a decision can be found long after the meeting.
public enum DecisionsReport {
    public static let csvColumns = ["id", "date", "group", "project number", "project headline", "decision"]

    public struct Output: Sendable {
        public var document: ReportDocument
        public var records: ReportRecordSet
        public var count: Int
    }

    /// The decisions of `group` taken on or after `since` (every one when nil); confidential
    /// ones are left out and counted unless `includeConfidential`.
    public static func build(group slug: String, since: Day? = nil, includeConfidential: Bool = false,
                             state: MinutesState) throws -> Output {
        guard let group = state.groups[slug] else {
            throw ExportError.unknownGroup(slug, known: state.groupOrder)
        }
        var rows: [(item: Item, project: Project)] = []
        var withheld = 0
        for project in state.projects(in: slug) {
            for item in state.decisions(of: project.ref) where since.map({ item.meeting >= $0 }) ?? true {
                if state.isConfidential(item), !includeConfidential {
                    withheld += 1
                    continue
                }
                rows.append((item, project))
            }
        }
        rows.sort { ($0.item.meeting, $0.project.ref.number, $0.item.recorded) < ($1.item.meeting, $1.project.ref.number, $1.item.recorded) }

        var metadata = [ReportMetadata("Group", group.name)]
        if let since { metadata.append(ReportMetadata("Since", since.long)) }
        metadata.append(ReportMetadata("Decisions", "\(rows.count)"))
        var blocks: [ReportBlock] = []
        if rows.isEmpty {
            blocks.append(.paragraph("No decisions recorded."))
        } else {
            blocks.append(.table(ReportTable(
                columns: ["Date", "Project", "Decision"],
                rows: rows.map { row in
                    let mark: ReportText = state.isConfidential(row.item) ? .bold("[Confidential] ") : ReportText()
                    return [ReportCell(text: ReportText(row.item.meeting.long)),
                            ReportCell(text: ReportText(String(row.project.ref.number) + ". " + row.project.headline)),
                            ReportCell(text: mark + ReportWording.decision(row.item))]
                },
                columnWeights: [0.8, 1.2, 2.5])))
        }
        if withheld > 0 { blocks.append(.paragraph(ReportText(ReportWording.withheld(withheld)))) }
        let title = group.name + " — Decisions log"
        let document = ReportDocument(title: title, metadata: metadata, orientation: .portrait, blocks: blocks,
                                      footer: title)
        let records = ReportRecordSet(header: csvColumns, rows: rows.map { row in
            [row.item.id.text, row.item.meeting.iso, slug, String(row.project.ref.number), row.project.headline, row.item.text]
        })
        return Output(document: document, records: records, count: rows.count)
    }
}
