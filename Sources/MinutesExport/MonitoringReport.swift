import Foundation
import MinutesCore

/// A monitoring report: for each working group a heading and a table with one row per project —
/// number, headline, the actions agreed, the update (progress notes since the previous report,
/// or since the group's previous meeting) and the status rating with its comment — as the
/// groups stood on a given day.
public enum MonitoringReport {

    /// A group's heading as the reports write it: "Be Healthy Working Group" → "BE HEALTHY
    /// PRIORITIES" (each row is one of the group's priorities).
    public static func prioritiesHeading(_ groupName: String) -> String {
        var name = groupName.trimmingCharacters(in: .whitespaces)
        for suffix in [" working group", " group"] where name.lowercased().hasSuffix(suffix) && name.count > suffix.count {
            name = String(name.dropLast(suffix.count))
            break
        }
        return name.uppercased() + " PRIORITIES"
    }

    /// The columns, the update's headed with the report's date as the groups head it.
    public static func columns(_ day: Day) -> [String] { ["No.", "Priority", "Actions agreed", "Update \(day.long)", "Status"] }

    /// The groups a request names (every group, in the journal's order, when `slugs` is empty)
    /// and the report's day (`asOf`, else the latest meeting of those groups).
    public static func resolve(groups slugs: [String], asOf: Day?, since: Day?, state: MinutesState) throws -> (groups: [Group], asOf: Day) {
        var groups: [Group] = []
        for slug in slugs {
            guard let group = state.groups[slug] else { throw ExportError.unknownGroup(slug, known: state.groupOrder) }
            if !groups.contains(where: { $0.slug == slug }) { groups.append(group) }
        }
        let day = asOf
            ?? (slugs.isEmpty ? state.groupList : groups).compactMap { $0.latestMeeting?.date }.max()
            ?? state.lastTimestamp.day
        if slugs.isEmpty { groups = state.groups(asOf: day) }
        if let since, since >= day {
            throw ExportError.badDates("--since \(since.iso) must be before the report's date, \(day.iso)")
        }
        return (groups, day)
    }

    /// The monitoring report for `groups` (all when empty) as of `asOf` (the latest meeting when
    /// nil), with updates since `since` (each group's previous meeting when nil), or with
    /// `cumulative` every update since the plan's start as undated bullets. Confidential
    /// actions and notes are left out, and counted, unless `includeConfidential`.
    public static func build(groups slugs: [String] = [], asOf: Day? = nil, since: Day? = nil, cumulative: Bool = false,
                             includeConfidential: Bool = false, state: MinutesState) throws -> ReportDocument {
        let (groups, day) = try resolve(groups: slugs, asOf: asOf, since: since, state: state)
        var withheld = Set<EventID>()
        /// Whether an item goes in this copy (a confidential one is counted once instead).
        func circulated(_ item: Item) -> Bool {
            guard !includeConfidential, state.isConfidential(item) else { return true }
            withheld.insert(item.id)
            return false
        }

        var metadata = [ReportMetadata("Date", day.long)]
        metadata.append(ReportMetadata("Updates since", since.map(\.long) ?? (cumulative ? "the start of each plan" : "the previous meeting")))

        var blocks: [ReportBlock] = []
        if groups.isEmpty { blocks.append(.paragraph("No working groups yet.")) }
        for group in groups {
            blocks.append(.heading(level: 1, text: prioritiesHeading(group.name)))
            let meeting = state.latestMeeting(of: group, onOrBefore: day)
            // Updates cover the meetings after `since`, or after the meeting before this one.
            let updatesAfter = since ?? meeting.flatMap { group.meeting(before: $0.date)?.date }

            var summary: [String] = []
            if let meeting {
                let previous = group.meeting(before: meeting.date).map { " (previous: \($0.date.long))" } ?? ""
                summary.append("Latest meeting: \(meeting.date.long)\(previous).")
            } else {
                summary.append("No meeting on or before \(day.long).")
            }
            if let lead = group.lead {
                summary.append("Lead: " + (state.person(lead).map { "\($0.name) (\($0.initials))" } ?? lead) + ".")
            }
            blocks.append(.paragraph(ReportText(summary.joined(separator: " "))))

            let projects = state.projects(in: group.slug, asOf: day)
            if projects.isEmpty {
                blocks.append(.paragraph("No projects yet."))
                continue
            }
            var rows: [[ReportCell]] = []
            for project in projects {
                let ref = project.ref
                let actions = ReportCell.bullets(state.actions(of: ref, asOf: day).filter(circulated).map { SubPoints.split($0.text).listItem() })

                var update = ReportCell()
                if cumulative {
                    // Since the plan began: the project's start, else the group's, else every note.
                    let start = since ?? (project.plan.startDate ?? group.plan.start).map { $0.day.adding(days: -1) }
                    for block in state.notesByMeeting(of: ref, after: start, through: day) {
                        update.blocks += block.notes.filter(circulated).flatMap { SubPoints.split($0.text).listItem().cellBlocks }
                    }
                } else {
                    for block in state.notesByMeeting(of: ref, after: updatesAfter, through: day) {
                        let notes = block.notes.filter(circulated)
                        guard !notes.isEmpty else { continue }
                        update.blocks.append(.subheading(ReportWording.date(block.day, near: day)))
                        update.blocks += notes.flatMap { SubPoints.split($0.text).listItem().cellBlocks }
                    }
                }
                if update.isEmpty { update = ReportCell(text: "No update.") }

                var status = ReportCell()
                if let rating = state.rating(of: project, asOf: day) {
                    status = RAG.cell(rating.rating)
                    if let comment = rating.comment, !comment.isEmpty {
                        status.blocks.append(.paragraph(ReportText(comment)))
                    }
                    if rating.meeting != meeting?.date {
                        status.blocks.append(.paragraph(ReportText("(rated \(ReportWording.date(rating.meeting, near: day)))")))
                    }
                } else {
                    status = ReportCell(text: "Not rated")
                }

                rows.append([
                    ReportCell(text: ReportText(String(ref.number))),
                    ReportCell(text: ReportText(project.headline)),
                    actions,
                    update,
                    status,
                ])
            }
            blocks.append(.table(ReportTable(columns: columns(day), rows: rows, columnWeights: [0.35, 1.3, 1.6, 2.1, 0.9])))
        }

        if !withheld.isEmpty { blocks.insert(.paragraph(ReportText(ReportWording.withheld(withheld.count))), at: 0) }
        let title = groups.count == 1 ? groups[0].name + " — Monitoring report" : "Monitoring report"
        return ReportDocument(title: title, metadata: metadata, orientation: .landscape, blocks: blocks,
                              footer: title + " · " + day.long)
    }
}
