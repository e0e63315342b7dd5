import MinutesCore

/// The sections of the minutes around the projects, in the standard order: minutes of the
/// last meeting, matters arising, any other business, date of next meeting. Each gives no
/// blocks when it has nothing to say, which is how a group leaves out a section it does not use.
enum MinutesSections {
    /// "Minutes of the last meeting": whether this meeting approved the previous one's minutes
    /// (with the amendments), and corrections made since to minutes already approved.
    static func lastMeeting(group: Group, day: Day, state: MinutesState) -> [ReportBlock] {
        var paragraphs: [ReportText] = []
        for a in state.approvals(of: group.slug, at: day).sorted(by: { $0.meeting < $1.meeting }) {
            var text = ReportText("The minutes of the meeting of \(a.meeting.long) were approved as a true record")
            text += ReportText(a.amendments.map { ", with these amendments: \($0)." } ?? ".")
            paragraphs.append(text)
        }
        if paragraphs.isEmpty, let previous = group.meeting(before: day) {
            if let a = state.approval(of: group.slug, meeting: previous.date) {
                paragraphs.append(ReportText("The minutes of the meeting of \(previous.date.long) were approved at the meeting of \(a.at.long)."))
            } else {
                paragraphs.append(ReportText("The minutes of the meeting of \(previous.date.long) have not yet been approved."))
            }
        }
        let corrections = postApprovalAmendments(group: group, day: day, state: state)
        guard !paragraphs.isEmpty || !corrections.isEmpty else { return [] }
        var blocks: [ReportBlock] = [.heading(level: 1, text: "Minutes of the last meeting")]
        blocks += paragraphs.map(ReportBlock.paragraph)
        if !corrections.isEmpty {
            blocks.append(.paragraph(.bold("Amended after approval:")))
            blocks.append(.bulletList(corrections))
        }
        return blocks
    }

    /// Entries of approved minutes amended after the approval, reported once in the minutes
    /// that come next, since the approved record changed: the minutes of the meeting of `day`
    /// report those recorded after the previous meeting (or any, when that meeting is the one
    /// that approved them or an earlier one) and on or before `day` (or any, for the latest
    /// meeting: a correction made since is reported there until a meeting follows it).
    static func postApprovalAmendments(group: Group, day: Day, state: MinutesState) -> [ReportText] {
        let previous = group.meeting(before: day)?.date
        let isLatest = group.latestMeeting?.date == day
        var out: [ReportText] = []
        for project in state.projects(in: group.slug) {
            let items = state.actions(of: project.ref) + state.notes(of: project.ref) + state.followUps(of: project.ref)
                + state.decisions(of: project.ref)
            for item in items where !state.isConfidential(item) {
                for (change, approval) in state.postApprovalAmendments(item) {
                    let d = change.recorded.day
                    guard approval.at < day, isLatest || d <= day,
                          previous.map({ $0 <= approval.at || d > $0 }) ?? true else { continue }
                    out.append(ReportText("Project " + String(project.ref.number) + ", minutes of \(item.meeting.long) (approved \(approval.at.long)), amended \(d.long): ")
                        + (item.kind == .followUp ? ReportWording.followUp(item) : ReportText(item.text)))
                }
            }
        }
        return out
    }

    /// "Matters arising": the follow-ups carried into this meeting from earlier ones, each with
    /// what the meeting decided (done, dropped) or that it stays open.
    static func mattersArising(group: Group, day: Day, state: MinutesState, shown: (Item) -> Bool)
        -> (blocks: [ReportBlock], owners: [String]) {
        var items: [ReportText] = []
        var owners: [String] = []
        for project in state.projects(in: group.slug, asOf: day) {
            for item in state.followUps(of: project.ref) where item.meeting < day {
                let closed = item.state.closedOn
                // Open when the meeting began: raised earlier, not closed before it.
                guard closed.map({ $0 >= day }) ?? true, shown(item) else { continue }
                var text = ReportText("Project " + String(project.ref.number) + ": ") + ReportWording.followUp(item)
                switch item.state {
                case .done(let outcome, let on) where on == day: text += ReportText(" — done" + (outcome.map { ": " + $0 } ?? ""))
                case .dropped(let reason, let on) where on == day: text += ReportText(" — dropped: " + reason)
                default:
                    text += ReportText(" — carried (from \(ReportWording.date(item.meeting, near: day)))")
                    text += ReportWording.due(item, state: state, asOf: day)
                }
                items.append(text)
                owners += item.owners.compactMap(\.initials)
            }
        }
        guard !items.isEmpty else { return ([], []) }
        return ([.heading(level: 1, text: "Matters arising"), .bulletList(items)], owners)
    }

    /// "Any other business" raised at the meeting.
    static func otherBusiness(group: Group, day: Day, state: MinutesState) -> [ReportBlock] {
        let items = state.otherBusiness(of: group.slug, meeting: day)
        guard !items.isEmpty else { return [] }
        return [.heading(level: 1, text: "Any other business"), .bulletList(items.map { ReportText($0.text) })]
    }

    /// "Date of next meeting", when the meeting set one.
    static func nextMeeting(_ meeting: Meeting) -> [ReportBlock] {
        guard let next = meeting.next, next > meeting.date else { return [] }
        return [.heading(level: 1, text: "Date of next meeting"), .paragraph(ReportText(next.long))]
    }
}

extension ReportWording {
    /// A decision as the minutes write it: "**Decision:** the leaflet goes to print".
    static func decision(_ item: Item) -> ReportText {
        .bold("Decision: ") + ReportText(item.text)
    }

    /// " — due 30 June 2027 ▲ due soon" for an open follow-up with a due date or a status
    /// worth showing; the marker is coloured and carries a symbol (colour alone is not enough).
    static func due(_ item: Item, state: MinutesState, asOf day: Day) -> ReportText {
        guard item.kind == .followUp else { return ReportText() }
        let due = state.dueDate(item)
        let carried = state.carriedCount(item, asOf: day)
        let open = item.state.closedOn.map { $0 > day } ?? true
        guard open else { return ReportText() }
        let status = DueStatus.of(due: due, carried: carried, today: day)
        guard due != nil || status != .onTrack else { return ReportText() }
        return ReportText(due.map { " — due \(date($0, near: day)) " } ?? " — ")
            + .coloured(status.symbol + " " + status.rawValue, status.colour)
    }

    /// "1 confidential item was withheld from this copy."
    static func withheld(_ n: Int) -> String {
        n == 1 ? "1 confidential item was withheld from this copy."
            : "\(n) confidential items were withheld from this copy."
    }
}
