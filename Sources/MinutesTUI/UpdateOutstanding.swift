import Foundation
import MinutesCore

/// The Outstanding tab: moving through it and jumping to a follow-up's project.
extension AppUpdate {
    static func moveOutstanding(_ ui: inout UIState, _ action: Action, _ c: AppContext) {
        let model = OutstandingModel(ui, c)
        let rows = model.itemRows
        guard !rows.isEmpty else { return }
        let page = max(1, Select.layout(ui).body.height - 3)
        var i = min(ui.outstandingSelection, rows.count - 1)
        switch action {
        case .moveUp: i -= 1
        case .moveDown: i += 1
        case .pageUp: i -= page
        case .pageDown: i += page
        case .moveFirst: i = 0
        case .moveLast: i = rows.count - 1
        default: break
        }
        ui.outstandingSelection = min(max(0, i), rows.count - 1)
    }

    static func jumpToOutstanding(_ ui: inout UIState, _ c: AppContext) {
        let model = OutstandingModel(ui, c)
        guard let id = model.selectedID(ui), let item = c.state.item(id) else { return }
        jump(to: SearchHit(project: item.project, column: .followUps, id: id), &ui, c)
    }

}
