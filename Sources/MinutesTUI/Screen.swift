import MinutesCore

/// A rendered frame: the cells, and where the terminal cursor should be (on the input line).
public struct Frame: Sendable {
    public var grid: CellGrid
    public var cursor: (x: Int, y: Int)?
}

/// The whole screen as a pure function of the UI state and the journal state.
public enum Screen {
    public static func render(_ ui: UIState, context c: AppContext) -> Frame {
        var grid = CellGrid(width: max(0, ui.width), height: max(0, ui.height))
        let layout = Layout(width: ui.width, height: ui.height)
        if layout.isTooSmall {
            drawTooSmall(into: &grid, width: ui.width, height: ui.height)
            return Frame(grid: grid, cursor: nil)
        }
        HeaderView.draw(into: &grid, rect: layout.header, ui: ui, context: c)
        TabBarView.draw(into: &grid, rect: layout.tabBar, ui: ui, context: c)
        if case .problems = ui.mode {
            // The problems are a screen of their own: nothing of the journal behind them.
        } else if c.state.groupOrder.isEmpty {
            drawEmpty(into: &grid, rect: layout.body)
        } else if case .review(let meeting, let index) = ui.mode {
            ReviewView.draw(into: &grid, rect: layout.body, ui: ui, meeting: meeting, index: index, context: c)
        } else if case .input(let line) = ui.mode, isReviewInput(line.purpose), case .review(let meeting, let index)? = ui.reviewReturn {
            ReviewView.draw(into: &grid, rect: layout.body, ui: ui, meeting: meeting, index: index, context: c)
        } else if AppUpdate.isOutstandingTab(ui, c) {
            OutstandingView.draw(into: &grid, rect: layout.body, ui: ui, context: c)
        } else {
            PanelView.draw(into: &grid, layout: layout, ui: ui, context: c)
        }
        if let overlay = overlay(ui, c, width: layout.body.width) {
            overlay.draw(into: &grid, area: layout.body, top: ui.overlayTop)
        }
        let cursor = StatusLineView.draw(into: &grid, rect: layout.statusLine, ui: ui, context: c)
        FooterView.draw(into: &grid, rect: layout.footer, ui: ui, context: c)
        return Frame(grid: grid, cursor: cursor)
    }

    static func isReviewInput(_ p: InputPurpose) -> Bool {
        switch p {
        case .reviewOutcome, .reviewReassign, .reviewDropReason: return true
        default: return false
        }
    }

    static func overlay(_ ui: UIState, _ c: AppContext, width: Int) -> Overlay? {
        switch ui.mode {
        case .help: return OverlayContent.help(c.keyMap, width: width)
        case .problems: return OverlayContent.problems(c.diagnostics, fileName: c.fileName, width: width)
        case .groupPicker(let i): return OverlayContent.groupPicker(c.state, index: i)
        case .ratingPicker: return AppUpdate.currentProject(ui, c).map(OverlayContent.ratingPicker)
        case .history(let id): return OverlayContent.history(c.state, id: id, width: width)
        case .plan(let ref): return c.state.projects[ref].map { OverlayContent.plan($0, width: width, writable: ui.isWritable) }
        case .groupPlan: return ui.group.flatMap { c.state.groups[$0] }.map { OverlayContent.groupPlan($0, state: c.state, width: width) }
        case .exportMenu(let report): return OverlayContent.exportMenu(report)
        default: return nil
        }
    }

    static func drawEmpty(into grid: inout CellGrid, rect: Rect) {
        let lines = ["This journal has no working group yet.",
                     "Add one from the command line:",
                     "  minutes add group be-safe \"Be Safe Working Group\"",
                     "  minutes add project be-safe \"First project\""]
        for (i, l) in lines.enumerated() { grid.put(l, x: rect.x + 2, y: rect.y + 1 + i, maxWidth: rect.width - 2) }
    }

    /// Below 80×24: a clear message instead of the panel, wrapped to whatever fits, down to 1×1.
    static func drawTooSmall(into grid: inout CellGrid, width: Int, height: Int) {
        guard width > 0, height > 0 else { return }
        let message = "Terminal too small: \(width)×\(height). minutes needs at least \(Layout.minimumWidth)×\(Layout.minimumHeight)."
        let lines = StyledWrap.wrap([Span(message, Theme.warning)], width: width)
        let top = max(0, (height - lines.count) / 2)
        for (i, line) in lines.prefix(height).enumerated() {
            line.draw(into: &grid, x: max(0, (width - line.width) / 2), y: top + i, maxWidth: width)
        }
    }
}
