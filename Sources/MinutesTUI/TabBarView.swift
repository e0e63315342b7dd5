import MinutesCore

/// One tab per project ("1 Child protection training"), shortened to fit, the current one
/// highlighted, scrolled so it is always visible, then the Outstanding tab.
public enum TabBarView {
    /// The labels the bar would show, before fitting: "1 Headline", "2 …", "Outstanding".
    static func labels(_ projects: [Project], outstanding: Int) -> [String] {
        projects.map { p in
            let marker = p.latestRating.map { "·" + $0.rating.marker } ?? ""
            return "\(p.ref.number)\(marker) " + TextSanitizer.sanitize(p.headline)
        } + ["Outstanding (\(outstanding))"]
    }

    public static func draw(into grid: inout CellGrid, rect: Rect, ui: UIState, context c: AppContext) {
        grid.fill(rect)
        let (labels, widths) = c.tabBar(group: ui.group, width: rect.width) {
            let projects = AppUpdate.projects(ui, c)
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
        // Scroll: the first visible tab is the one that keeps the current tab on screen.
        var first = 0
        func span(_ from: Int, _ to: Int) -> Int { widths[from...to].reduce(0, +) + (to - from) }
        // Room for the "‹ " and " ›" markers is kept only when the tabs do not all fit.
        if span(0, labels.count - 1) > rect.width {
            while first < current, span(first, current) > rect.width - 4 { first += 1 }
        }
        var x = rect.x
        if first > 0 { x += grid.put("‹ ", x: x, y: rect.y, style: Theme.muted) }
        for i in first..<labels.count {
            let w = widths[i]
            let room = rect.maxX - x - (i < labels.count - 1 ? 2 : 0)
            if w > room {
                grid.put(" ›", x: rect.maxX - 2, y: rect.y, style: Theme.muted)
                break
            }
            x += grid.put(" " + labels[i] + " ", x: x, y: rect.y, style: i == current ? Theme.currentTab : Theme.tab)
            if i < labels.count - 1 { x += grid.put("│", x: x, y: rect.y, style: Theme.rule) }
        }
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
