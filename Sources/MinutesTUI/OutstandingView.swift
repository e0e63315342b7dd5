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
        // Keep the selection on screen: start so that it sits within the area.
        var start = 0
        if selectedRow >= area.height { start = selectedRow - area.height + 1 }
        if start > 0, case .item = model.rows[start], start > 0, selectedRow - start < area.height - 1 { start -= 1 }
        for (offset, row) in model.rows[start...].prefix(area.height).enumerated() {
            let ry = area.y + offset
            switch row {
            case .header(let title, let count):
                let counted = "  (\(count))"
                let name = TabBarView.shorten(" " + TextSanitizer.sanitize(title), to: area.width - DisplayWidth.of(counted))
                grid.put(name + counted, x: area.x, y: ry, style: Theme.dateHeading, maxWidth: area.width)
            case .item(let o):
                let selected = start + offset == selectedRow
                let overdue = o.carried >= 2
                var spans: [Span] = [Span("   ")]
                spans.append(Span(o.raised.compact.padding(toLength: 7, withPad: " ", startingAt: 0), Theme.muted))
                spans.append(Span(o.carried > 0 ? "↻\(o.carried) " : "   ", overdue ? Theme.overdue : Theme.carried))
                let projectLabel = (o.project.ref.group == ui.group ? "" : o.project.ref.group + " ") + "\(o.project.ref.number)"
                spans.append(Span("[\(projectLabel)] ", Theme.muted))
                spans.append(.untrusted(Owner.phrase(o.item.owners), Theme.owner))
                spans.append(.untrusted((o.item.owners.isEmpty ? "" : " to ") + o.item.text))
                if selected {
                    grid.fill(Rect(x: area.x, y: ry, width: area.width, height: 1), style: Theme.selected)
                    spans = spans.map { Span($0.text, $0.style.adding(.reverse).with(role: .selection)) }
                }
                StyledLine(fitting(spans, width: area.width)).draw(into: &grid, x: area.x, y: ry, maxWidth: area.width)
            }
        }
    }

    /// The spans cut to `width` columns, ending in "…" when anything was cut off.
    static func fitting(_ spans: [Span], width: Int) -> [Span] {
        guard StyledLine(spans).width > width else { return spans }
        var out: [Span] = []
        var room = width
        for span in spans {
            let w = DisplayWidth.of(span.text)
            if w < room {
                out.append(span)
                room -= w
                continue
            }
            out.append(Span(TabBarView.shorten(span.text + "…", to: room), span.style))
            break
        }
        return out
    }
}
