import Foundation
import MinutesCore

/// The action list: every open follow-up grouped by owner, oldest first, with its project,
/// the day it was raised and how many meetings it has been carried into. With an owner it is one
/// person's list, ready to paste into an e-mail; the same follow-ups flat are the CSV export.
public enum ActionListReport {

    /// The CSV header, one record per follow-up.
    public static let csvColumns = [
        "id", "group", "project number", "project headline", "owners", "text",
        "raised date", "state", "carried count", "outcome", "due date", "due status",
    ]

    /// The follow-ups an action list shows, and the list in both shapes.
    public struct Output: Sendable {
        /// The follow-ups shown, oldest first.
        public var entries: [OutstandingItem]
        public var document: ReportDocument
        /// The same follow-ups as flat records (`csvColumns`).
        public var records: ReportRecordSet
        /// Things worth telling whoever asked (an owner nobody knows, an empty list).
        public var notes: [String]
        /// The latest meeting of the groups the list covers, if any.
        public var latestMeeting: Day?
    }

    /// The action list of `group` (all groups when nil), for `owner` (initials or a name, any
    /// case; everyone when nil). `includeClosed` adds done and dropped follow-ups.
    /// Confidential follow-ups are in an owner's own list; a list for everyone leaves them out
    /// and says how many, unless `includeConfidential`.
    public static func build(group: String? = nil, owner: String? = nil, includeClosed: Bool = false,
                             includeConfidential: Bool = false, today: Day? = nil,
                             state: MinutesState) throws -> Output {
        if let group, state.groups[group] == nil {
            throw ExportError.unknownGroup(group, known: state.groupOrder)
        }
        let owner = owner?.trimmingCharacters(in: .whitespaces)
        let filterOwner = (owner?.isEmpty ?? true) ? nil : owner
        var entries = state.followUps(matching: FollowUpFilter(group: group, owner: filterOwner, includeClosed: includeClosed))
        var withheld = 0
        if filterOwner == nil, !includeConfidential {
            let before = entries.count
            entries.removeAll { state.isConfidential($0.item) }
            withheld = before - entries.count
        }
        let groups = group.map { [$0] } ?? state.groupOrder
        let latest = groups.compactMap { state.groups[$0]?.latestMeeting?.date }.max()
        // The day a status is judged on: given, else the latest meeting's.
        let today = today ?? latest ?? Day.today()
        let spansGroups = Set(entries.map(\.project.ref.group)).count > 1

        var notes: [String] = []
        let what = includeClosed ? "follow-ups" : "open follow-ups"
        var title = includeClosed ? "Follow-ups" : "Open follow-ups"
        var metadata: [ReportMetadata] = []
        var blocks: [ReportBlock] = []

        if let filterOwner {
            let person = state.person(filterOwner)
            let label = person.map { "\($0.name) (\($0.initials))" }
                ?? entries.lazy.flatMap(\.item.owners).first { $0.key == filterOwner.uppercased() }?.label
                ?? filterOwner
            title = (includeClosed ? "Follow-ups for " : "Open follow-ups for ") + label
            if entries.isEmpty {
                if person == nil {
                    notes.append("nobody with initials \(filterOwner) is in the directory, and no follow-up names \(filterOwner) as owner")
                } else {
                    notes.append("\(label) has no \(what)" + (group.map { " in \($0)" } ?? ""))
                }
            }
        }
        if let group, let name = state.groups[group]?.name {
            metadata.append(ReportMetadata("Group", name))
        } else if state.groupOrder.count == 1, let only = state.groupList.first {
            metadata.append(ReportMetadata("Group", only.name))
        }
        if let latest { metadata.append(ReportMetadata("Latest meeting", latest.long)) }
        metadata.append(ReportMetadata(includeClosed ? "Follow-ups" : "Open", "\(entries.count)"))

        if entries.isEmpty {
            blocks.append(.paragraph(ReportText("No " + what + ".")))
        } else if filterOwner != nil {
            blocks.append(.list(entries.map { entry(for: $0, spansGroups: spansGroups, state: state, today: today) }))
        } else {
            for section in sections(of: entries) {
                blocks.append(.heading(level: 1, text: heading(for: section.owner, state: state)))
                blocks.append(.list(section.entries.map { entry(for: $0, spansGroups: spansGroups, state: state, today: today) }))
            }
        }
        if withheld > 0 { blocks.append(.paragraph(ReportText(ReportWording.withheld(withheld)))) }

        let footer = [title] + (latest.map { ["latest meeting " + $0.long] } ?? [])
        let document = ReportDocument(title: title, metadata: metadata, orientation: .portrait, blocks: blocks,
                                      footer: footer.joined(separator: " · "))
        return Output(entries: entries, document: document, records: records(entries, state: state, today: today), notes: notes, latestMeeting: latest)
    }

    // MARK: Document

    /// Follow-ups grouped by owner: people by initials first, then bodies and names, then
    /// follow-ups nobody owns; each group oldest first. A follow-up with two owners is in both.
    static func sections(of entries: [OutstandingItem]) -> [(owner: Owner?, entries: [OutstandingItem])] {
        var byKey: [String: (owner: Owner, entries: [OutstandingItem])] = [:]
        var unowned: [OutstandingItem] = []
        for entry in entries {
            if entry.item.owners.isEmpty { unowned.append(entry) }
            var seen = Set<String>()
            for owner in entry.item.owners where seen.insert(owner.key).inserted {
                byKey[owner.key, default: (owner, [])].entries.append(entry)
            }
        }
        let ordered = byKey.values.sorted { a, b in
            let aIsInitials = a.owner.initials != nil, bIsInitials = b.owner.initials != nil
            if aIsInitials != bIsInitials { return aIsInitials }
            return a.owner.key < b.owner.key
        }
        var out: [(owner: Owner?, entries: [OutstandingItem])] = ordered.map { ($0.owner, $0.entries) }
        if !unowned.isEmpty { out.append((nil, unowned)) }
        return out
    }

    static func heading(for owner: Owner?, state: MinutesState) -> String {
        guard let owner else { return "No owner" }
        if let initials = owner.initials, let person = state.person(initials) {
            return "\(person.initials) — " + ReportWording.describe(person)
        }
        return owner.label
    }

    /// The follow-up as the minutes write it with its sub-points nested, then two detail
    /// lines: its project, and its age (and, for a closed one, how it ended).
    static func entry(for entry: OutstandingItem, spansGroups: Bool, state: MinutesState, today: Day) -> ReportListItem {
        let item = entry.item
        var project = ""
        if spansGroups {
            project += (state.groups[entry.project.ref.group]?.name ?? entry.project.ref.group) + ", project "
        } else {
            project += "Project "
        }
        project += "\(entry.project.ref.number): \(entry.project.headline)"
        var age = "Raised \(item.meeting.long)"
        if entry.carried > 0 { age += ", carried " + ReportWording.times(entry.carried) }
        switch item.state {
        case .open: break
        case .done(let outcome, let day):
            age += "; done \(day.long)" + (outcome.map { ": " + $0 } ?? "")
        case .dropped(let reason, let day):
            age += "; dropped \(day.long): " + reason
        }
        var detail = ReportText(project + "\n" + age + ".")
        if let status = state.dueStatus(item, today: today), state.dueDate(item) != nil || status != .onTrack {
            detail += ReportText("\n" + (state.dueDate(item).map { "Due \($0.long): " } ?? ""))
                + .coloured(status.symbol + " " + status.rawValue, status.colour)
        } else if let due = state.dueDate(item) {
            detail += ReportText("\nDue \(due.long).")
        }
        let mark: ReportText = state.isConfidential(item) ? .bold("[Confidential] ") : ReportText()
        return SubPoints.split(item.text).listItem(prefix: mark + ReportWording.ownersPrefix(item), detail: detail)
    }

    // MARK: Records

    static func records(_ entries: [OutstandingItem], state: MinutesState, today: Day) -> ReportRecordSet {
        ReportRecordSet(header: csvColumns, rows: entries.map { entry in
            let item = entry.item
            let outcome: String
            switch item.state {
            case .open: outcome = ""
            case .done(let text, _): outcome = text ?? ""
            case .dropped(let reason, _): outcome = reason
            }
            return [
                item.id.text,
                entry.project.ref.group,
                String(entry.project.ref.number),
                entry.project.headline,
                item.owners.map(\.label).joined(separator: "; "),
                item.text,
                item.meeting.iso,
                item.state.word,
                String(entry.carried),
                outcome,
                state.dueDate(item)?.iso ?? "",
                state.dueStatus(item, today: today)?.rawValue ?? "",
            ]
        })
    }
}
