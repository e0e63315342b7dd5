import Foundation
import MinutesCore

/// The small modal screens: group picker, rating picker, plan, export menu.
extension AppUpdate {
    static func handleGroupPicker(_ ui: inout UIState, _ index: Int, _ key: Key, _ c: AppContext) -> [Effect] {
        let groups = c.state.groupOrder
        switch key {
        case .up, .char("k"): ui.mode = .groupPicker(index: max(0, index - 1))
        case .down, .char("j"): ui.mode = .groupPicker(index: min(groups.count - 1, index + 1))
        case .enter:
            ui.group = groups[index]
            ui.meeting = nil
            selectTab(&ui, 0)
            ui.mode = .browse
        case .escape, .char("q"), .char("g"): ui.mode = .browse
        default: break
        }
        return []
    }

    static func handleRatingPicker(_ ui: inout UIState, _ key: Key, _ c: AppContext) -> [Effect] {
        guard case .char(let ch) = key, let rating = Rating.allCases.first(where: { $0.marker.lowercased() == String(ch).lowercased() }) else {
            if key == .escape || key == .char("q") { ui.mode = .browse }
            return []
        }
        ui.mode = .input(InputLine(.ratingComment(rating), prompt: "\(rating.title). Comment (optional)"))
        return []
    }

    static func handlePlan(_ ui: inout UIState, _ ref: ProjectRef, _ key: Key) -> [Effect] {
        if case .char(let ch) = key, let field = PlanField.allCases.first(where: { $0.key == ch }) {
            guard ui.isWritable else {
                ui.status = .warning("Read-only: the plan cannot be changed here.")
                return []
            }
            ui.mode = .input(InputLine(.planField(ref, field), prompt: "Plan \(field.rawValue)"))
        } else {
            ui.mode = .browse
        }
        return []
    }

    static func handleExportMenu(_ ui: inout UIState, _ report: ExportChoice.Report?, _ key: Key, _ c: AppContext) -> [Effect] {
        guard case .char(let ch) = key else {
            ui.mode = .browse
            return []
        }
        guard let report else {
            switch ch {
            case "m": ui.mode = .exportMenu(report: .minutes)
            case "o": ui.mode = .exportMenu(report: .monitoring)
            case "a": ui.mode = .exportMenu(report: .actions)
            default: ui.mode = .browse
            }
            return []
        }
        let formats: [Character: String] = ["d": "docx", "h": "html", "m": "md", "t": "txt", "c": "csv"]
        guard let format = formats[ch], format != "csv" || report == .actions else {
            ui.mode = .browse
            return []
        }
        let choice = ExportChoice(report: report, format: format)
        let name = exportFileName(choice, group: ui.group ?? "minutes", day: Select.currentMeeting(ui, c) ?? c.today)
        ui.mode = .input(InputLine(.exportPath(choice), prompt: "Export to", text: name))
        return []
    }
}
