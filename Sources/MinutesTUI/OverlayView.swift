import MinutesCore

/// A framed box drawn over the panel, for help, pickers and details.
public struct Overlay {
    public var title: String
    public var lines: [StyledLine]

    public init(title: String, lines: [StyledLine]) {
        self.title = title
        self.lines = lines
    }

    /// How many lines show in `areaHeight` rows (the frame takes two).
    public func visibleLines(areaHeight: Int) -> Int { max(0, min(areaHeight, lines.count + 2) - 2) }

    /// The largest useful scroll offset: the one that shows the last line at the bottom.
    public func maxTop(areaHeight: Int) -> Int { max(0, lines.count - visibleLines(areaHeight: areaHeight)) }

    /// Draws the box centred in `area`, as wide as it needs up to the area, from line `top`
    /// on, with ▲/▼ on the frame when lines are scrolled off above or below.
    public func draw(into grid: inout CellGrid, area: Rect, top: Int = 0) {
        let contentWidth = max(DisplayWidth.of(title) + 4, lines.map(\.width).max() ?? 0)
        let w = min(area.width, contentWidth + 4)
        let h = min(area.height, lines.count + 2)
        guard w >= 4, h >= 2 else { return }
        let box = Rect(x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h)
        grid.fill(box)
        let horizontal = String(repeating: "─", count: w - 2)
        grid.put("┌" + horizontal + "┐", x: box.x, y: box.y, style: Theme.rule)
        grid.put("└" + horizontal + "┘", x: box.x, y: box.maxY - 1, style: Theme.rule)
        for y in (box.y + 1)..<(box.maxY - 1) {
            grid.put("│", x: box.x, y: y, style: Theme.rule)
            grid.put("│", x: box.maxX - 1, y: y, style: Theme.rule)
        }
        grid.put(" " + title + " ", x: box.x + 2, y: box.y, style: Theme.columnTitle, maxWidth: w - 4)
        let first = min(max(0, top), maxTop(areaHeight: area.height))
        for (i, line) in lines.dropFirst(first).prefix(h - 2).enumerated() {
            line.draw(into: &grid, x: box.x + 2, y: box.y + 1 + i, maxWidth: w - 4)
        }
        if first > 0 { grid.put(" ▲ ", x: max(box.x + 1, box.maxX - 5), y: box.y, style: Theme.muted) }
        if first + (h - 2) < lines.count { grid.put(" ▼ ↓ scrolls ", x: max(box.x + 1, box.maxX - 15), y: box.maxY - 1, style: Theme.muted) }
    }
}

/// The contents of each overlay.
public enum OverlayContent {
    static func text(_ s: String, _ style: Style = .plain) -> StyledLine { StyledLine([Span(s, style)]) }

    /// Every key, by where it works, from the key map.
    public static func help(_ keyMap: KeyMap, width: Int) -> Overlay {
        var lines: [StyledLine] = []
        let sections: [(KeyContext, String)] = [(.panel, "In a project"), (.outstanding, "In the Outstanding tab"),
                                                 (.approval, "Approving the last minutes (R)"), (.review, "In the review pass (R)"), (.plan, "In a plan (p, P)"), (.global, "Everywhere"),
                                                 (.input, "While typing")]
        for (context, title) in sections {
            lines.append(text(title, Theme.dateHeading))
            for b in keyMap.bindings where b.context == context {
                let keys = b.keys.map(\.label).joined(separator: " ")
                let pad = String(repeating: " ", count: max(1, 12 - DisplayWidth.of(keys)))
                lines.append(StyledLine([Span("  " + keys, Theme.owner), Span(pad + b.help)]))
            }
        }
        lines += StyledWrap.wrap([Span("Also while typing: ←/→ ^←/^→ Home/End ^A/^E move, ^K deletes to the end; a pre-filled value is replaced by the first character typed.", Theme.muted)],
                                 width: max(10, width - 8))
        return Overlay(title: "Keys (any key closes)", lines: lines)
    }

    /// Every problem as `FILE:LINE:COL: error: message`, wrapped to the screen.
    public static func problems(_ diagnostics: [Diagnostic], fileName: String, width: Int) -> Overlay {
        var lines = diagnostics.prefix(200).flatMap { d in
            StyledWrap.wrap([Span(TextSanitizer.sanitize(d.headline(file: fileName)), d.isError ? Theme.error : Theme.warning)],
                            width: max(10, width - 8), hangingIndent: 4)
        }
        if lines.isEmpty { lines = [text("No problems found in the journal.")] }
        if diagnostics.hasErrors {
            lines.append(text("The journal has errors, so it is open read-only. Fix them by hand,", Theme.muted))
            lines.append(text("then run: minutes check", Theme.muted))
        }
        return Overlay(title: "Problems in \(TextSanitizer.sanitize(fileName))", lines: lines)
    }

    public static func groupPicker(_ state: MinutesState, index: Int) -> Overlay {
        let lines = state.groupList.enumerated().map { i, g in
            text((i == index ? "▶ " : "  ") + TextSanitizer.sanitize(g.name) + "  (\(g.slug))", i == index ? Theme.selected : .plain)
        }
        return Overlay(title: "Switch group", lines: lines)
    }

    public static func ratingPicker(_ project: Project) -> Overlay {
        var lines = Rating.allCases.map { r in StyledLine([Span("  \(r.marker.lowercased())  ", Theme.owner), Span(r.title)]) }
        if let last = project.latestRating {
            lines.append(text("Last: \(last.rating.title) at \(last.meeting.long)", Theme.muted))
        }
        return Overlay(title: "Rate project \(project.ref.number)", lines: lines)
    }

    public static func history(_ state: MinutesState, id: EventID, width: Int) -> Overlay {
        let entries = state.history(of: id)
        var lines: [StyledLine] = []
        for e in entries {
            let spans = [Span(e.day.long + "  ", Theme.dateHeading), .untrusted(e.summary, e.isRetracted ? Theme.closed : .plain)]
                + (e.isRetracted ? [Span(" (undone)", Theme.muted)] : [])
            lines += StyledWrap.wrap(spans, width: max(10, width - 8), hangingIndent: 2)
        }
        return Overlay(title: "History of \(id)", lines: lines)
    }

    /// A project's plan, one selectable line per field or list item, and the overlay row
    /// each plan line starts on (for scrolling the selection into view).
    public static func plan(_ project: Project, lines: [PlanLine], selected: Int, width: Int) -> (overlay: Overlay, rows: [Int]) {
        let head = StyledWrap.wrap([.untrusted("\(project.ref.number). " + project.headline, Theme.headline)], width: max(10, width - 8))
        return planLines(head, lines, selected: selected, width: width, title: "Plan of project \(project.ref.number)")
    }

    public static func groupPlan(_ group: Group, lines: [PlanLine], selected: Int, width: Int) -> (overlay: Overlay, rows: [Int]) {
        let head = StyledWrap.wrap([.untrusted(group.name, Theme.headline)], width: max(10, width - 8))
        return planLines(head, lines, selected: selected, width: width, title: "Group plan")
    }

    static func planLines(_ head: [StyledLine], _ lines: [PlanLine], selected: Int, width: Int, title: String) -> (overlay: Overlay, rows: [Int]) {
        var out = head
        var rows: [Int] = []
        for (i, line) in lines.enumerated() {
            rows.append(out.count)
            let mark = i == selected ? Span("▸ ", Theme.currentTab) : Span("  ")
            out += StyledWrap.wrap([mark, Span(line.label + ": ", i == selected ? Theme.currentTab : Theme.dateHeading),
                                    .untrusted(line.value ?? "—", line.value == nil ? Theme.muted : .plain)],
                                   width: max(10, width - 8), hangingIndent: 4)
        }
        return (Overlay(title: title, lines: out), rows)
    }

    public static func exportMenu(_ report: ExportChoice.Report?) -> Overlay {
        guard let report else {
            return Overlay(title: "Export", lines: [
                StyledLine([Span("  m  ", Theme.owner), Span("Minutes of this meeting")]),
                StyledLine([Span("  o  ", Theme.owner), Span("Monitoring report")]),
                StyledLine([Span("  a  ", Theme.owner), Span("Action list (open follow-ups by owner)")]),
            ])
        }
        var lines = [StyledLine([Span("  d  ", Theme.owner), Span("Word (.docx)")]),
                     StyledLine([Span("  h  ", Theme.owner), Span("Web page (.html)")]),
                     StyledLine([Span("  m  ", Theme.owner), Span("Markdown (.md)")]),
                     StyledLine([Span("  t  ", Theme.owner), Span("Plain text (.txt)")])]
        if report == .actions { lines.append(StyledLine([Span("  c  ", Theme.owner), Span("Spreadsheet (.csv)")])) }
        return Overlay(title: "Export \(report.rawValue): format", lines: lines)
    }
}
