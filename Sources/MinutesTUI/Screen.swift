import MinutesCore

/// A rendered frame: the cells, and where the terminal cursor should be (on the input line).
public struct Frame: Sendable {
    public var grid: CellGrid
    public var cursor: (x: Int, y: Int)?
}

/// The whole screen as a pure function of the UI state and the journal state.
public enum Screen {
    public static func render(_ asked: UIState, context c: AppContext) -> Frame {
        var grid = CellGrid(width: max(0, asked.width), height: max(0, asked.height))
        let layout = Select.layout(asked)
        if layout.isTooSmall {
            drawTooSmall(into: &grid, width: asked.width, height: asked.height)
            return Frame(grid: grid, cursor: nil)
        }
        let ui = behindQuestion(asked)
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
        } else if case .approval(let meeting, let previous) = ui.mode {
            ReviewView.drawApproval(into: &grid, rect: layout.body, meeting: meeting, previous: previous)
        } else if case .input(let line) = ui.mode, case .approvalAmendments(let meeting, let previous) = line.purpose {
            ReviewView.drawApproval(into: &grid, rect: layout.body, meeting: meeting, previous: previous)
        } else if Select.isOutstandingTab(ui, c) {
            OutstandingView.draw(into: &grid, rect: layout.body, ui: ui, context: c)
        } else {
            PanelView.draw(into: &grid, layout: layout, ui: ui, context: c)
        }
        if let overlay = Select.overlay(ui, c, width: layout.body.width) {
            overlay.draw(into: &grid, area: layout.body, top: ui.overlayTop)
        }
        let cursor = StatusLineView.draw(into: &grid, rect: layout.statusLine, ui: asked, context: c)
        FooterView.draw(into: &grid, rect: layout.footer, ui: asked, context: c)
        return Frame(grid: grid, cursor: cursor)
    }

    /// While a question is asked, the screen behind it is what it was before: the question
    /// itself is on the status line.
    static func behindQuestion(_ ui: UIState) -> UIState {
        guard case .confirm(let q) = ui.mode else { return ui }
        var behind = ui
        behind.mode = q.back
        if case .input = q.back { behind.mode = .browse }
        return behind
    }

    static func isReviewInput(_ p: InputPurpose) -> Bool {
        switch p {
        case .reviewOutcome, .reviewReassign, .reviewDropReason: return true
        default: return false
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
