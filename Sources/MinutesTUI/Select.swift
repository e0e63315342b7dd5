import MinutesCore

/// What is on screen, worked out from the UI state and the journal state: the selectors
/// both key handling (`AppUpdate`) and the views read, kept here so neither calls the other.
public enum Select {
    /// The most rows the input area grows to while typing a long entry.
    public static let maxInputRows = 5

    /// The screen's layout: the input area takes as many rows as the wrapped text needs.
    public static func layout(_ ui: UIState) -> Layout {
        Layout(width: ui.width, height: ui.height, inputRows: inputRows(ui))
    }

    /// Rows of the input area (1 when not typing).
    static func inputRows(_ ui: UIState) -> Int {
        guard case .input(let line) = ui.mode else { return 1 }
        let limit = max(1, min(maxInputRows, (ui.height - 16) / 2))
        return inputText(line, width: ui.width, maxRows: limit).rows.count
    }

    /// The input line's text wrapped for the input area: the prompt takes the first row's
    /// start, and one column is kept free for the cursor.
    static func inputText(_ line: InputLine, width: Int, maxRows: Int) -> (rows: [String], cursorRow: Int, cursorColumn: Int, hiddenAbove: Bool) {
        let room = max(1, width - promptWidth(line, width: width) - 1)
        return line.editor.rows(width: room, maxRows: maxRows)
    }

    static func promptWidth(_ line: InputLine, width: Int) -> Int {
        min(DisplayWidth.of(line.prompt + " › "), max(0, width / 2))
    }

    public static func projects(_ ui: UIState, _ c: AppContext) -> [Project] {
        ui.group.map { c.state.projects(in: $0) } ?? []
    }

    public static func isOutstandingTab(_ ui: UIState, _ c: AppContext) -> Bool {
        ui.tab >= projects(ui, c).count
    }

    public static func currentProject(_ ui: UIState, _ c: AppContext) -> Project? {
        let ps = projects(ui, c)
        return ui.tab < ps.count ? ps[ui.tab] : nil
    }

    /// The meeting new entries belong to: the one opened with `m`, else the group's latest.
    public static func currentMeeting(_ ui: UIState, _ c: AppContext) -> Day? {
        if let look = ui.lookBack { return look }
        if let m = ui.meeting, let g = ui.group, c.state.groups[g]?.meeting(on: m) != nil { return m }
        return ui.group.flatMap { c.state.groups[$0]?.latestMeeting?.date }
    }

    public static func content(_ ui: UIState, _ c: AppContext, _ column: Column) -> ColumnContent? {
        guard let p = currentProject(ui, c) else { return nil }
        return ColumnContent(column, model: c.panel(p, meeting: currentMeeting(ui, c)),
                             people: c.state.people, width: layout(ui).content(column).width)
    }

    /// The selected row of a column: the stored one if still valid, else the default
    /// (first action, newest note, first follow-up).
    public static func selectedRow(_ ui: UIState, _ content: ColumnContent) -> Int? {
        if let s = ui.selection[content.column], content.id(at: s) != nil { return s }
        return content.column == .progress ? content.lastSelectable : content.firstSelectable
    }

    /// The top row of a column: the stored one adjusted to show the selection, else the
    /// default (Progress scrolled to the newest meeting).
    public static func scrollTop(_ ui: UIState, _ content: ColumnContent, height: Int) -> Int {
        let sel = selectedRow(ui, content)
        if let top = ui.scrollTop[content.column] {
            return sel.map { content.scrollTop(showing: $0, from: top, height: height) } ?? top
        }
        if content.column == .progress { return content.scrollTopShowingEnd(height: height) }
        return sel.map { content.scrollTop(showing: $0, from: 0, height: height) } ?? 0
    }

    public static func selectedID(_ ui: UIState, _ c: AppContext) -> EventID? {
        if isOutstandingTab(ui, c) { return OutstandingModel(ui, c).selectedID(ui) }
        guard let content = content(ui, c, ui.column), let row = selectedRow(ui, content) else { return nil }
        return content.id(at: row)
    }

    public static func selectedItem(_ ui: UIState, _ c: AppContext) -> Item? {
        selectedID(ui, c).flatMap { c.state.item($0) }
    }

    /// Whether an item is on screen now: in the project shown, in a visible row.
    public static func isOnScreen(_ project: ProjectRef?, _ ui: UIState, _ c: AppContext) -> Bool {
        guard let project else { return true }
        return currentProject(ui, c)?.ref == project
    }

    /// The overlay drawn over the body in this mode, if any.
    public static func overlay(_ ui: UIState, _ c: AppContext, width: Int) -> Overlay? {
        switch ui.mode {
        case .help: return OverlayContent.help(c.keyMap, width: width)
        case .problems: return OverlayContent.problems(c.diagnostics, fileName: c.fileName, width: width)
        case .groupPicker(let i): return OverlayContent.groupPicker(c.state, index: i)
        case .ratingPicker: return currentProject(ui, c).map(OverlayContent.ratingPicker)
        case .history(let id): return OverlayContent.history(c.state, id: id, width: width)
        case .plan(let ref):
            return c.state.projects[ref].map { OverlayContent.plan($0, lines: PlanLines.lines(.project(ref), c.state), selected: ui.planRow, width: width).overlay }
        case .groupPlan:
            return ui.group.flatMap { c.state.groups[$0] }.map {
                OverlayContent.groupPlan($0, lines: PlanLines.lines(.group($0.slug), c.state), selected: ui.planRow, width: width).overlay
            }
        case .exportMenu(let report): return OverlayContent.exportMenu(report)
        default: return nil
        }
    }

    /// The key context of what the screen shows.
    static func keyContext(_ ui: UIState, _ c: AppContext) -> KeyContext {
        if case .review = ui.mode { return .review }
        if case .approval = ui.mode { return .approval }
        return isOutstandingTab(ui, c) ? .outstanding : .panel
    }

    /// " 5 carried follow-ups: R reviews them." when there are any: short enough for 80 columns.
    static func reviewOffer(_ ui: UIState, _ day: Day, _ c: AppContext) -> String {
        guard let g = ui.group else { return "" }
        let entries = c.state.reviewEntries(group: g, meeting: day)
        let open = entries.filter { !$0.isReviewed }.count
        guard open > 0 else { return "" }
        return " \(open) carried follow-up\(open == 1 ? "" : "s"): R reviews \(open == 1 ? "it" : "them")."
    }

    /// The date the meeting prompt offers: the next meeting's date set at the group's last
    /// meeting, when it is still to come; else today.
    static func proposedMeetingDate(_ ui: UIState, _ c: AppContext) -> Day {
        if let g = ui.group, let last = c.state.groups[g]?.latestMeeting, let next = last.next, next > last.date {
            return next
        }
        return c.today
    }

    /// Scrolls the plan shown so that its selected line is in view.
    static func keepPlanRowVisible(_ ui: inout UIState, _ c: AppContext) {
        let layout = layout(ui)
        let plan: (overlay: Overlay, rows: [Int])?
        switch ui.mode {
        case .plan(let ref):
            plan = c.state.projects[ref].map { OverlayContent.plan($0, lines: PlanLines.lines(.project(ref), c.state), selected: ui.planRow, width: layout.body.width) }
        case .groupPlan:
            plan = ui.group.flatMap { c.state.groups[$0] }.map {
                OverlayContent.groupPlan($0, lines: PlanLines.lines(.group($0.slug), c.state), selected: ui.planRow, width: layout.body.width)
            }
        default: plan = nil
        }
        guard let plan, ui.planRow < plan.rows.count else { return }
        let visible = plan.overlay.visibleLines(areaHeight: layout.body.height)
        let row = plan.rows[ui.planRow]
        if row < ui.overlayTop { ui.overlayTop = row }
        if row >= ui.overlayTop + visible { ui.overlayTop = row - visible + 1 }
        ui.overlayTop = min(max(0, ui.overlayTop), plan.overlay.maxTop(areaHeight: layout.body.height))
    }
}
