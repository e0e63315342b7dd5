import MinutesCore

/// The Outstanding tab's content: open follow-ups grouped by owner (or by project), oldest
/// first, with a count per owner at the top.
public struct OutstandingModel {
    public enum Row: Hashable {
        case header(String, count: Int)
        case item(OutstandingItem)
    }

    public let rows: [Row]
    public let summary: [(owner: Owner, count: Int)]
    /// Indices into `rows` of the selectable item rows.
    public let itemRows: [Int]

    public init(_ ui: UIState, _ c: AppContext) {
        let group = ui.outstanding.allGroups ? nil : ui.group
        // The filter may be typed as a person's name: find their follow-ups by initials.
        let owner = ui.outstanding.owner.map { typed in
            c.state.directory.first { $0.name.compare(typed, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame }?
                .initials ?? typed
        }
        var items = c.state.followUps(matching: FollowUpFilter(group: group, owner: owner))
        if ui.outstanding.needingAttention {
            items = items.filter { c.state.dueStatus($0.item, today: c.today).map { $0 != .onTrack } ?? false }
        }
        // Follow-ups without an owner are "(no owner)" everywhere on screen, as in the panel.
        summary = c.state.openCountsByOwner(in: group).map { entry in
            entry.owner == .named("(unowned)") ? (Owner.named("(no owner)"), entry.count) : entry
        }
        var rows: [Row] = []
        if ui.outstanding.byProject {
            var byProject: [ProjectRef: [OutstandingItem]] = [:]
            for i in items { byProject[i.project.ref, default: []].append(i) }
            for ref in byProject.keys.sorted() {
                let list = byProject[ref]!
                rows.append(.header("\(ref.group == ui.group ? "" : ref.group + " ")\(ref.number). \(list[0].project.headline)", count: list.count))
                rows += list.map(Row.item)
            }
        } else {
            var byOwner: [String: (label: String, items: [OutstandingItem])] = [:]
            for i in items {
                let owners = i.item.owners.isEmpty ? [Owner.named("(no owner)")] : i.item.owners
                for o in owners where owner == nil || o.key == owner!.uppercased()
                    || !i.item.owners.contains(where: { $0.key == owner!.uppercased() }) {
                    byOwner[o.key, default: (o.label, [])].items.append(i)
                }
            }
            let order = byOwner.keys.sorted { a, b in
                let (ca, cb) = (byOwner[a]!.items.count, byOwner[b]!.items.count)
                return ca != cb ? ca > cb : a < b
            }
            for key in order {
                let entry = byOwner[key]!
                let name = c.state.person(entry.label).map { "\(entry.label) — \($0.name)" } ?? entry.label
                rows.append(.header(name, count: entry.items.count))
                rows += entry.items.map(Row.item)
            }
        }
        self.rows = rows
        itemRows = rows.indices.filter { if case .item = rows[$0] { return true } else { return false } }
    }

    public func selectedID(_ ui: UIState) -> EventID? {
        guard !itemRows.isEmpty else { return nil }
        if case .item(let i) = rows[itemRows[min(ui.outstandingSelection, itemRows.count - 1)]] { return i.id }
        return nil
    }
}
