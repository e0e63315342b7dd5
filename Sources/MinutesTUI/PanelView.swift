import MinutesCore

/// A project's panel: three titled columns side by side, each scrolled to keep its selection
/// in view, the focused column's selection highlighted.
public enum PanelView {
    public static func draw(into grid: inout CellGrid, layout: Layout, ui: UIState, context c: AppContext) {
        guard let project = Select.currentProject(ui, c) else { return }
        let model = c.panel(project, meeting: Select.currentMeeting(ui, c))
        let hitID = ui.search.flatMap { $0.hits.isEmpty ? nil : $0.hits[$0.index].id }
        for column in Column.allCases {
            let rect = layout.columns[column.rawValue]
            var title = column.title
            if column == .progress, let m = Select.currentMeeting(ui, c) { title = "Progress: \(m.short)" }
            let focused = column == ui.column
            let area = layout.content(column)
            let content = ColumnContent(column, model: model, people: c.state.people, width: area.width)
            let more = drawColumn(into: &grid, area: area, content: content, ui: ui, focused: focused, hit: hitID)
            // ▲ / ▼ at the end of the title row when rows are scrolled off above / below, so
            // the markers never cover a row's text.
            let marker = (more.above ? "▲" : "") + (more.below ? "▼" : "")
            let titleRoom = marker.isEmpty ? rect.width : max(0, rect.width - 3)
            grid.put(" " + title + " ", x: rect.x, y: rect.y, style: focused ? Theme.focusedTitle : Theme.columnTitle, maxWidth: titleRoom)
            if !marker.isEmpty { grid.put(marker, x: rect.maxX - 2, y: rect.y, style: Theme.muted) }
        }
        for x in [layout.columns[1].x - 1, layout.columns[2].x - 1] {
            for y in layout.body.y..<layout.body.maxY { grid.put("│", x: x, y: y, style: Theme.rule) }
        }
    }

    /// Draws a column's visible rows; returns whether rows are hidden above and below.
    @discardableResult
    static func drawColumn(into grid: inout CellGrid, area: Rect, content: ColumnContent, ui: UIState, focused: Bool,
                           hit: EventID?) -> (above: Bool, below: Bool) {
        guard area.height > 0 else { return (false, false) }
        if content.firstSelectable == nil, content.column != .actions {
            let hint = content.column == .progress ? "No notes yet (n adds one)" : "Nothing to do (t adds one)"
            for (i, line) in StyledWrap.wrap([Span(hint, Theme.muted)], width: area.width).prefix(area.height).enumerated() {
                line.draw(into: &grid, x: area.x, y: area.y + i, maxWidth: area.width)
            }
            return (false, false)
        }
        let selected = Select.selectedRow(ui, content)
        let top = Select.scrollTop(ui, content, height: area.height)
        var row = top
        var y = area.y
        var cut = false
        while row < content.count, y < area.maxY {
            let isSelected = row == selected && content.id(at: row) != nil
            let isHit = hit != nil && content.id(at: row) == hit
            for line in content.lines(at: row) {
                guard y < area.maxY else { cut = true; break }
                if isSelected {
                    grid.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: focused ? Theme.selected : .plain)
                }
                var l = line
                if isSelected && focused {
                    l.spans = l.spans.map { Span($0.text, $0.style.adding(.reverse).with(role: $0.style.role == .normal ? .selection : $0.style.role)) }
                } else if isSelected {
                    l.spans = l.spans.map { Span($0.text, $0.style.adding(.underline)) }
                } else if isHit {
                    l.spans = l.spans.map { Span($0.text, Theme.searchHit) }
                }
                l.draw(into: &grid, x: area.x, y: y, maxWidth: area.width)
                y += 1
            }
            row += 1
        }
        return (top > 0, cut || row < content.count)
    }
}
