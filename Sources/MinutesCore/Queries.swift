import Foundation

/// A follow-up as the chair's lists show it: with its project and derived carried count.
public struct OutstandingItem: Sendable, Hashable {
    public let item: Item
    public let project: Project
    public let carried: Int

    public var id: EventID { item.id }
    public var raised: Day { item.meeting }
}

/// Which follow-ups to list.
public struct FollowUpFilter: Sendable, Hashable {
    public var group: String?
    public var project: ProjectRef?
    /// Owner by initials or name, matched case-insensitively.
    public var owner: String?
    public var minCarried = 0
    /// Include done and dropped follow-ups too.
    public var includeClosed = false

    public init(group: String? = nil, project: ProjectRef? = nil, owner: String? = nil, minCarried: Int = 0,
                includeClosed: Bool = false) {
        self.group = group
        self.project = project
        self.owner = owner
        self.minCarried = minCarried
        self.includeClosed = includeClosed
    }
}

/// One entry in an item's history, for `minutes log` and the app's `L`.
public struct HistoryEntry: Sendable, Hashable {
    public let id: EventID
    public let recorded: Timestamp
    public let day: Day
    public let summary: String
    public let isRetracted: Bool
}

public extension MinutesState {
    /// Follow-ups matching `filter`, oldest first (by the meeting they were raised at, then
    /// as recorded).
    func followUps(matching filter: FollowUpFilter) -> [OutstandingItem] {
        let slugs: [String]
        if let p = filter.project { slugs = [p.group] } else if let g = filter.group { slugs = [g] } else { slugs = groupOrder }
        // A full name finds the person's initials: `--owner "Sheelagh Davis"` lists SD's.
        let ownerKey = filter.owner.map { person($0)?.initials ?? $0.uppercased() }
        var out: [OutstandingItem] = []
        if !filter.includeClosed {
            // Open ones only: straight from the index of open follow-ups, not every follow-up
            // ever raised (at a million events, 2 000 open among 190 000).
            var project: Project?
            for slug in slugs {
                for position in groups[slug]?.openFollowUps.positions ?? [] {
                    let item = itemStorage[Int(position)]
                    guard MinutesState.isOpen(item) else { continue }
                    if let p = filter.project, item.project != p { continue }
                    if let ownerKey, !item.owners.contains(where: { $0.key == ownerKey || ownerMatches($0, ownerKey) }) { continue }
                    let carried = carriedCount(item)
                    guard carried >= filter.minCarried else { continue }
                    if project?.ref != item.project { project = projects[item.project] }
                    guard let project else { continue }
                    out.append(OutstandingItem(item: item, project: project, carried: carried))
                }
            }
            return out.sorted { a, b in
                (a.raised, a.item.recorded, a.id) < (b.raised, b.item.recorded, b.id)
            }
        }
        for slug in slugs {
            for project in projects(in: slug) where filter.project == nil || filter.project == project.ref {
                for id in project.followUps {
                    guard let item = item(id), filter.includeClosed || item.state.isOpen else { continue }
                    if let ownerKey, !item.owners.contains(where: { $0.key == ownerKey || ownerMatches($0, ownerKey) }) { continue }
                    let carried = carriedCount(item)
                    guard carried >= filter.minCarried else { continue }
                    out.append(OutstandingItem(item: item, project: project, carried: carried))
                }
            }
        }
        return out.sorted { a, b in
            (a.raised, a.item.recorded, a.id) < (b.raised, b.item.recorded, b.id)
        }
    }

    /// Whether an owner written by name is the person with these initials.
    private func ownerMatches(_ owner: Owner, _ key: String) -> Bool {
        guard case .named(let name) = owner, let p = people[key] else { return false }
        return p.name.compare(name, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame
    }

    /// Open follow-ups grouped by owner ("KP 5 · DD 2 · Schools 1"): owners with the most first.
    func openCountsByOwner(in group: String? = nil) -> [(owner: Owner, count: Int)] {
        var counts: [Owner: Int] = [:]
        for o in followUps(matching: FollowUpFilter(group: group)) {
            if o.item.owners.isEmpty { counts[.named("(unowned)"), default: 0] += 1 }
            for owner in o.item.owners { counts[owner, default: 0] += 1 }
        }
        return counts.map { ($0.key, $0.value) }.sorted { ($1.count, $0.owner.label) < ($0.count, $1.owner.label) }
    }

    /// An item's life, event by event: raised, carried into each later meeting, amended,
    /// reassigned, done or dropped, retracted.
    func history(of id: EventID) -> [HistoryEntry] {
        guard let item = items[id] else { return [] }
        var out = [HistoryEntry(id: item.id, recorded: item.recorded, day: item.meeting,
                                summary: "\(item.kind == .followUp ? "raised" : item.kind == .decision ? "decided" : "recorded") at the meeting of \(item.meeting.long): "
                                    + EntryInput.sentence(owners: item.owners, text: item.text),
                                isRetracted: false)]
        if item.kind == .followUp, let g = groups[item.project.group] {
            let through = item.state.closedOn
            for m in g.meetings where m.date > item.meeting && (through == nil || m.date <= through!) {
                out.append(HistoryEntry(id: item.id, recorded: item.recorded, day: m.date,
                                        summary: "carried into the meeting of \(m.date.long)", isRetracted: false))
            }
        }
        let afterApproval = Dictionary(postApprovalAmendments(item).map { ($0.change.id, $0.approval) }, uniquingKeysWith: { a, _ in a })
        for c in item.changes {
            var summary: String
            switch c.kind {
            case .amend(let t, let o):
                summary = "amended: " + (o.map { Owner.phrase($0) + " to " } ?? "") + t
                if let a = afterApproval[c.id] {
                    summary = "post-approval amendment (the minutes were approved at the meeting of \(a.at.long)): "
                        + (o.map { Owner.phrase($0) + " to " } ?? "") + t
                }
            case .done(let outcome): summary = "done" + (outcome.map { ": " + $0 } ?? "")
            case .drop(let reason): summary = "dropped: " + reason
            case .reassign(let o): summary = "reassigned to " + Owner.phrase(o)
            case .carry: summary = "reviewed and carried on"
            }
            out.append(HistoryEntry(id: c.id, recorded: c.recorded, day: c.date, summary: summary, isRetracted: c.isRetracted))
        }
        for (k, d) in dueHistory(item).enumerated() {
            out.append(HistoryEntry(id: d.id, recorded: d.recorded, day: d.decidedOn,
                                    summary: (k == 0 ? "due by " : "due date changed to ") + d.due.long, isRetracted: d.isRetracted))
        }
        for mark in formal.confidentialMarks[item.id] ?? [] {
            out.append(HistoryEntry(id: mark, recorded: item.recorded, day: item.meeting,
                                    summary: "marked confidential", isRetracted: false))
        }
        if item.isRetracted {
            out.append(HistoryEntry(id: item.id, recorded: lastTimestamp, day: lastTimestamp.day, summary: "retracted", isRetracted: false))
        }
        return out.sorted { ($0.day, $0.recorded) < ($1.day, $1.recorded) }
    }

    /// Notes of a project grouped under their meeting dates, oldest meeting first.
    func notesByMeeting(of ref: ProjectRef) -> [(day: Day, notes: [Item])] {
        var out: [(day: Day, notes: [Item])] = []
        for note in notes(of: ref) {
            if let last = out.last, last.day == note.meeting {
                out[out.count - 1].notes.append(note)
            } else {
                out.append((note.meeting, [note]))
            }
        }
        return out
    }
}
