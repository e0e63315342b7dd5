import MinutesCore

/// The chair's view: every open follow-up grouped by owner (or project), oldest first, with
/// project, raised date and carried count, under a per-owner count summary.
public enum OutstandingView {
    public static func draw(into grid: inout CellGrid, rect: Rect, ui: UIState, context c: AppContext) {
        grid.fill(rect)
        let model = OutstandingModel(ui, c)
        var y = rect.y
        let scope = ui.outstanding.allGroups ? "all groups" : "this group"
        var head = "Open follow-ups in \(scope), by \(ui.outstanding.byProject ? "project" : "owner")"
        if let o = ui.outstanding.owner { head += ", owner \(TextSanitizer.sanitize(o))" }
        grid.put(" " + head, x: rect.x, y: y, style: Theme.columnTitle, maxWidth: rect.width)
        y += 1
        let summary = model.summary.map { "\(TextSanitizer.sanitize($0.owner.label)) \($0.count)" }.joined(separator: " · ")
        for line in StyledWrap.wrap([Span(summary.isEmpty ? "Nothing outstanding." : summary, Theme.owner)], width: rect.width - 2).prefix(2) {
            line.draw(into: &grid, x: rect.x + 1, y: y, maxWidth: rect.width - 1)
            y += 1
        }
        y += 1
        let area = Rect(x: rect.x, y: y, width: rect.width, height: max(0, rect.maxY - y))
        guard area.height > 0, !model.rows.isEmpty else { return }
        let selectedRow = model.itemRows.isEmpty ? -1 : model.itemRows[min(ui.outstandingSelection, model.itemRows.count - 1)]
        // Rows wrap (nothing is cut off): start where the selected row ends on screen.
        let rowLines: (Int) -> [StyledLine] = { lines(model.rows[$0], ui: ui, context: c, width: area.width) }
        var start = 0
        if selectedRow >= 0 {
            var used = 0
            var r = selectedRow
            while r >= 0 {
                let h = rowLines(r).count
                if used + h > area.height { break }
                used += h
                start = r
                r -= 1
            }
        }
        y = area.y
        var row = start
        while row < model.rows.count, y < area.maxY {
            let selected = row == selectedRow
            for var line in rowLines(row) where y < area.maxY {
                if selected {
                    grid.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: Theme.selected)
                    line.spans = line.spans.map { Span($0.text, $0.style.adding(.reverse).with(role: .selection)) }
                }
                line.draw(into: &grid, x: area.x, y: y, maxWidth: area.width)
                y += 1
            }
            row += 1
        }
    }

    /// A row's lines: a heading, or a follow-up wrapped under its date and carried count,
    /// with its project's number and headline (unless grouped by project).
    static func lines(_ row: OutstandingModel.Row, ui: UIState, context c: AppContext, width: Int) -> [StyledLine] {
        switch row {
        case .header(let title, let count):
            return StyledWrap.wrap([.untrusted(title, Theme.dateHeading), Span("  (\(count))", Theme.dateHeading)],
                                   width: width - 1, firstPrefix: Span(" "), hangingIndent: 1)
        case .item(let o):
            let overdue = o.carried >= 2
            var spans: [Span] = [Span(o.raised.compact.padding(toLength: 7, withPad: " ", startingAt: 0), Theme.muted),
                                 Span(o.carried > 0 ? "↻\(o.carried) " : "   ", overdue ? Theme.overdue : Theme.carried)]
            let text = EntryInput.sentence(owners: o.item.owners, text: o.item.text, people: c.state.people)
            if !o.item.owners.isEmpty {
                spans.append(.untrusted(Owner.phrase(o.item.owners), Theme.owner))
                spans.append(.untrusted(String(text.dropFirst(Owner.phrase(o.item.owners).count))))
            } else {
                spans.append(.untrusted(text))
            }
            if !ui.outstanding.byProject {
                let group = o.project.ref.group == ui.group ? "" : o.project.ref.group + " "
                spans.append(.untrusted("  — \(group)\(o.project.ref.number). \(o.project.headline)", Theme.muted))
            }
            return StyledWrap.wrap(spans, width: width - 3, firstPrefix: nil, hangingIndent: 10).map {
                var l = $0
                l.spans.insert(Span("   "), at: 0)
                l.width += 3
                return l
            }
        }
    }
}
