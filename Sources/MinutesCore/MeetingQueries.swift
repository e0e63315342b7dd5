/// One follow-up in a meeting's review pass, with the decision taken on it, if any.
public struct ReviewEntry: Sendable, Hashable {
    public let item: Item
    public let project: Project
    /// Carried count at this meeting (1 for an item raised at the meeting before).
    public let carried: Int
    /// The decision taken at this meeting, when the item has been reviewed.
    public let decision: ItemChange.Kind?

    public var isReviewed: Bool { decision != nil }
}

/// One project's entry on the agenda for a group's next meeting.
public struct AgendaEntry: Sendable, Hashable {
    public let project: Project
    public let carried: [OutstandingItem]
    public let latestRating: StatusRating?
}

public extension MinutesState {
    /// The follow-ups a meeting should review: raised at an earlier meeting and still open
    /// when this one opened (closed at or after it, or not at all), project by project, oldest first.
    func reviewEntries(group slug: String, meeting day: Day) -> [ReviewEntry] {
        guard let group = groups[slug] else { return [] }
        var out: [ReviewEntry] = []
        for project in projects(in: slug) {
            var entries: [ReviewEntry] = []
            for id in project.followUps {
                guard let item = item(id), item.meeting < day else { continue }
                if let closed = item.state.closedOn, closed < day { continue }
                let decision = item.changes.last { !$0.isRetracted && $0.date == day && $0.isDecision }?.kind
                entries.append(ReviewEntry(item: item, project: project,
                                           carried: group.meetingCount(after: item.meeting, through: day),
                                           decision: decision))
            }
            out += entries.sorted { ($0.item.meeting, $0.item.recorded) < ($1.item.meeting, $1.item.recorded) }
        }
        return out
    }

    /// The agenda for a group's next meeting: projects in order, each with the follow-ups that
    /// will be carried into it and its latest rating.
    func agenda(group slug: String) -> [AgendaEntry] {
        let open = followUps(matching: FollowUpFilter(group: slug))
        return projects(in: slug).map { p in
            AgendaEntry(project: p, carried: open.filter { $0.project.ref == p.ref }, latestRating: p.latestRating)
        }
    }
}

extension ItemChange {
    /// Whether this change is a review decision (done, drop, reassign, carry) rather than an amendment.
    var isDecision: Bool {
        if case .amend = kind { return false }
        return true
    }
}
