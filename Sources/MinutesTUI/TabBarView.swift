import MinutesCore

/// One tab per project ("1 Child protection training"), shortened to fit, the current one
/// highlighted, scrolled so it is always visible, then the Outstanding tab.
public enum TabBarView {
    /// The labels the bar would show, before fitting: "1 Headline", "2 …", "Outstanding".
    static func labels(_ projects: [Project], outstanding: Int) -> [String] {
        projects.map { p in
            let marker = p.latestRating.map { "·" + $0.rating.marker } ?? ""
            return "\(p.ref.number)\(marker) " + TextSanitizer.sanitize(p.headline)
        } + ["0 Outstanding (\(outstanding))"]
    }

    public static func draw(into grid: inout CellGrid, rect: Rect, ui: UIState, context c: AppContext) {
        grid.fill(rect)
        let (labels, widths) = c.tabBar(group: ui.group, width: rect.width) {
            let projects = Select.projects(ui, c)
            let open = ui.group.map { c.openFollowUpCount(group: $0) } ?? 0
            var labels = TabBarView.labels(projects, outstanding: open)
            // Each project tab gets an equal share of what the Outstanding tab and the rules
            // between tabs leave (each tab has a space either side), at least 14 columns.
            let fixed = DisplayWidth.of(labels[labels.count - 1]) + 2 + (labels.count - 1)
            let share = max(14, (rect.width - fixed) / max(1, labels.count - 1) - 2)
            labels = labels.enumerated().map { i, l in
                i == labels.count - 1 ? l : shorten(l, to: share)
            }
            return (labels, labels.map { DisplayWidth.of($0) + 2 })
        }
        let current = min(ui.tab, labels.count - 1)
        let last = labels.count - 1
        // The Outstanding tab always stays at the right end (0 reaches it); the project tabs
        // scroll in the room left of it, so the current one is always visible.
        let outstandingX = rect.maxX - widths[last]
        let room = outstandingX - 1 - rect.x
        var first = 0
        func span(_ from: Int, _ to: Int) -> Int { from > to ? 0 : widths[from...to].reduce(0, +) + (to - from) }
        let fitsAll = span(0, last - 1) <= room
        if !fitsAll, current < last {
            while first < current, span(first, current) > room - 4 { first += 1 }
        }
        var x = rect.x
        if first > 0 { x += grid.put("‹ ", x: x, y: rect.y, style: Theme.muted) }
        for i in first..<last {
            let w = widths[i]
            if x + w > outstandingX - 1 - (i < last - 1 ? 2 : 0) {
                grid.put(" ›", x: outstandingX - 3, y: rect.y, style: Theme.muted)
                break
            }
            x += grid.put(" " + labels[i] + " ", x: x, y: rect.y, style: i == current ? Theme.currentTab : Theme.tab)
            if i < last - 1 { x += grid.put("│", x: x, y: rect.y, style: Theme.rule) }
        }
        if fitsAll { x = max(x, rect.x) } else { x = outstandingX - 1 }
        if last > 0 { x += grid.put("│", x: x, y: rect.y, style: Theme.rule) }
        grid.put(" " + labels[last] + " ", x: x, y: rect.y, style: current == last ? Theme.currentTab : Theme.tab, maxWidth: rect.maxX - x)
    }

    /// Cuts text to `width` display columns with an ellipsis.
    public static func shorten(_ text: String, to width: Int) -> String {
        guard DisplayWidth.of(text) > width, width > 1 else { return text }
        var out = ""
        var w = 0
        for ch in text {
            let cw = DisplayWidth.of(ch)
            if w + cw > width - 1 { break }
            out.append(ch)
            w += cw
        }
        return out.trimmingTrailingSpaces() + "…"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
