import MinutesCore

/// The review pass: the carried follow-up under review, large, with its project, owners,
/// where it came from and how often it was carried, and the pass's progress.
public enum ReviewView {
    public static func draw(into grid: inout CellGrid, rect: Rect, ui: UIState, meeting: Day, index: Int, context c: AppContext) {
        grid.fill(rect)
        guard let g = ui.group else { return }
        let entries = c.state.reviewEntries(group: g, meeting: meeting)
        guard !entries.isEmpty else { return }
        let i = min(index, entries.count - 1)
        let entry = entries[i]
        let reviewed = entries.filter(\.isReviewed).count
        var y = rect.y
        let w = rect.width - 4
        grid.put(" Review of the follow-ups carried into the meeting of \(meeting.long)", x: rect.x, y: y, style: Theme.columnTitle, maxWidth: rect.width)
        y += 1
        grid.put(" \(reviewed) of \(entries.count) reviewed · item \(i + 1) of \(entries.count)", x: rect.x, y: y, style: Theme.info, maxWidth: rect.width)
        y += 1
        if let previous = c.state.groups[g]?.meeting(before: meeting)?.date, let a = c.state.approval(of: g, meeting: previous) {
            grid.put(" Minutes of \(previous.long): approved at the meeting of \(a.at.long).", x: rect.x, y: y, style: Theme.muted, maxWidth: rect.width)
        }
        y += 1
        let project = [Span("Project \(entry.project.ref.number): ", Theme.dateHeading), .untrusted(entry.project.headline, Theme.headline)]
        for line in StyledWrap.wrap(project, width: w, hangingIndent: 2) where y < rect.maxY {
            line.draw(into: &grid, x: rect.x + 2, y: y, maxWidth: w)
            y += 1
        }
        y += 1
        let row = FollowUpRow(item: entry.item, carried: entry.carried)
        for line in StyledWrap.wrap(ItemText.followUp(row, people: c.state.people), width: w, hangingIndent: 2) where y < rect.maxY {
            line.draw(into: &grid, x: rect.x + 2, y: y, maxWidth: w)
            y += 1
        }
        y += 1
        if y < rect.maxY {
            let carried = "Raised at the meeting of \(entry.item.meeting.long); carried \(entry.carried) time\(entry.carried == 1 ? "" : "s")."
            grid.put(carried, x: rect.x + 2, y: y, style: entry.carried >= 2 ? Theme.overdue : Theme.muted, maxWidth: w)
            y += 1
        }
        if let d = entry.decision, y < rect.maxY {
            let words: String
            switch d {
            case .done: words = "Decided: done."
            case .drop: words = "Decided: dropped."
            case .reassign(let o): words = "Decided: reassigned to \(Owner.phrase(o))."
            case .carry: words = "Decided: kept, carried on."
            case .amend: words = ""
            }
            grid.put(TextSanitizer.sanitize(words), x: rect.x + 2, y: y, style: Theme.info, maxWidth: w)
        }
    }

    /// The review's first step: whether the minutes of the last meeting are a true record.
    public static func drawApproval(into grid: inout CellGrid, rect: Rect, meeting: Day, previous: Day) {
        grid.fill(rect)
        let w = rect.width - 4
        grid.put(" Review of the meeting of \(meeting.long)", x: rect.x, y: rect.y, style: Theme.columnTitle, maxWidth: rect.width)
        guard rect.height > 4 else { return }
        grid.put("Minutes of the last meeting (\(previous.long)):", x: rect.x + 2, y: rect.y + 2, style: Theme.headline, maxWidth: w)
        grid.put("approve / approve with amendments / not yet", x: rect.x + 2, y: rect.y + 3, style: Theme.info, maxWidth: w)
        if rect.height > 5 {
            grid.put("Until they are approved, every export of them says DRAFT.", x: rect.x + 2, y: rect.y + 5, style: Theme.muted, maxWidth: w)
        }
    }
}
