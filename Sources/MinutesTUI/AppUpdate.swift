import Foundation
import MinutesCore

/// The one writer of the UI state: a message (a key, or an effect's result) and the state
/// give the next state and the effects to run.
///
/// Pure apart from reading the journal state through `AppContext`, so every change is
/// tested by calling `update` and looking at the result, without a terminal. Each mode's
/// keys are handled in a file of their own (UpdateBrowse, UpdateInput, UpdateMeeting,
/// UpdateReview, UpdatePickers, UpdateSearch, UpdateOutstanding, UpdateUndo); effects'
/// results in UpdateResults.
public enum AppUpdate {
    public static func update(_ ui: inout UIState, _ msg: Msg, context: AppContext) -> [Effect] {
        switch msg {
        case .key(let key): return update(&ui, key: key, context: context)
        default: return result(&ui, msg, context)
        }
    }

    public static func update(_ ui: inout UIState, key: Key, context c: AppContext) -> [Effect] {
        if case .resize(let w, let h) = key {
            ui.width = w
            ui.height = h
            ui.scrollTop = [:]
            return []
        }
        if key == .ctrl("c") {
            // Raw mode turns Ctrl-C into a key: quit as SIGINT would; typed text is kept as a draft.
            return [.quit]
        }
        // While the screen says "Terminal too small" nothing can be seen, so no key acts.
        if Layout(width: ui.width, height: ui.height).isTooSmall { return [] }
        if key == .ctrl("l") { return [] }  // the backend repaints everything
        if ui.group == nil || c.state.groups[ui.group!] == nil {
            ui.group = c.state.groupOrder.first
        }
        switch ui.mode {
        case .input(var line):
            // The state lets go of the line first, so that editing it does not copy its text
            // (a copy per key made a long paste typed key by key quadratic).
            ui.mode = .browse
            return handleInput(&ui, &line, key, c)
        case .groupPlan:
            guard let g = ui.group else { ui.mode = .browse; return [] }
            return handlePlan(&ui, .group(g), key, c)
        case .help, .history:
            if scrollOverlay(&ui, key, c) { return [] }
            // Help opened from the review pass goes back to it.
            if ui.mode == .help, let back = ui.reviewReturn, Self.isReviewMode(back) { ui.mode = back } else { ui.mode = .browse }
            ui.overlayTop = 0
            return []
        case .problems:
            if scrollOverlay(&ui, key, c) { return [] }
            if key == .escape || key == .char("q") || key == .char("!") || key == .enter {
                ui.mode = .browse
                ui.overlayTop = 0
            }
            return []
        case .confirm(let question): return handleConfirm(&ui, question, key, c)
        case .groupPicker(let index): return handleGroupPicker(&ui, index, key, c)
        case .ratingPicker: return handleRatingPicker(&ui, key, c)
        case .review(let meeting, let index): return handleReview(&ui, meeting, index, key, c)
        case .approval(let meeting, let previous): return handleApproval(&ui, meeting, previous, key, c)
        case .plan(let ref): return handlePlan(&ui, .project(ref), key, c)
        case .exportMenu(let report): return handleExportMenu(&ui, report, key, c)
        case .browse: return handleBrowse(&ui, key, c)
        }
    }

    /// Scrolls an overlay too long for the screen (the help at 80×24, many problems) with
    /// ↑↓ j/k, PgUp/PgDn, Space, Home/End; returns false for other keys, or when it all fits.
    static func scrollOverlay(_ ui: inout UIState, _ key: Key, _ c: AppContext) -> Bool {
        let layout = Select.layout(ui)
        guard let overlay = Select.overlay(ui, c, width: layout.body.width) else { return false }
        let maxTop = overlay.maxTop(areaHeight: layout.body.height)
        guard maxTop > 0 else { return false }
        let page = max(1, overlay.visibleLines(areaHeight: layout.body.height) - 1)
        var top = min(ui.overlayTop, maxTop)
        switch key {
        case .down, .char("j"): top += 1
        case .up, .char("k"): top -= 1
        case .pageDown, .char(" "): top += page
        case .pageUp: top -= page
        case .home: top = 0
        case .end: top = maxTop
        default: return false
        }
        ui.overlayTop = min(max(0, top), maxTop)
        return true
    }

    /// A yes/no question: y does what was asked, anything else goes back.
    static func handleConfirm(_ ui: inout UIState, _ q: Confirmation, _ key: Key, _ c: AppContext) -> [Effect] {
        guard key == .char("y") || key == .char("Y") else {
            ui.mode = q.back
            ui.status = .info("Nothing changed.")
            if case .discard = q.then { ui.status = .info("Still typing: Enter saves it.") }
            return []
        }
        ui.mode = q.back
        switch q.then {
        case .undo: return undoNow(&ui)
        case .retract(let id, let what):
            return [.record(RecordRequest([.retract(ref: id, reason: "retracted in the app")],
                                          message: "Retracted \(what).", after: .nothing))]
        case .discard(let line):
            ui.mode = returnMode(line.purpose, ui)
            ui.status = .info("Discarded.")
            return []
        }
    }

    // Compatibility names for the selectors, which live in `Select`.
    public static func currentMeeting(_ ui: UIState, _ c: AppContext) -> Day? { Select.currentMeeting(ui, c) }
    public static func selectedID(_ ui: UIState, _ c: AppContext) -> EventID? { Select.selectedID(ui, c) }

    /// `stay-safe-minutes-2009-06-25.docx`: group, report and date.
    public static func exportFileName(_ choice: ExportChoice, group: String, day: Day) -> String {
        "\(group)-\(choice.report.rawValue)-\(day.iso).\(choice.format)"
    }
}
