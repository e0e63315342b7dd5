import Foundation
import MinutesCore

/// Search (`/`, ^N, ^P) and jumping to an item.
extension AppUpdate {
    static func runSearch(_ ui: inout UIState, _ query: String, _ c: AppContext) {
        guard !query.isEmpty, let g = ui.group else {
            ui.search = nil
            return
        }
        let options: String.CompareOptions = [.caseInsensitive, .diacriticInsensitive]
        // People found by name ("kath" finds Kath Corcoran): their follow-ups match too.
        let named = Set(c.state.directory.filter { $0.name.range(of: query, options: options) != nil }.map { $0.initials.uppercased() })
        func owned(_ item: Item) -> Bool { item.owners.contains { $0.initials.map { named.contains($0) } ?? false } }
        var hits: [SearchHit] = []
        for p in c.state.projects(in: g) {
            for a in c.state.actions(of: p.ref) where a.text.range(of: query, options: options) != nil {
                hits.append(SearchHit(project: p.ref, column: .actions, id: a.id))
            }
            for n in c.state.notes(of: p.ref) where n.text.range(of: query, options: options) != nil {
                hits.append(SearchHit(project: p.ref, column: .progress, id: n.id))
            }
            for f in c.state.followUps(of: p.ref) where owned(f) || followUpText(f).range(of: query, options: options) != nil {
                hits.append(SearchHit(project: p.ref, column: .followUps, id: f.id))
            }
        }
        ui.search = SearchState(query: query, hits: hits, index: 0)
        if hits.isEmpty {
            ui.status = .warning("No match for “\(query)”.")
        } else {
            jump(to: hits[0], &ui, c)
            ui.status = .info("Match 1 of \(hits.count) for “\(query)”: ^N next, ^P previous.")
        }
    }

    static func stepSearch(_ ui: inout UIState, _ step: Int, _ c: AppContext) {
        guard var s = ui.search, !s.hits.isEmpty else {
            ui.status = .info("No search yet: / searches.")
            return
        }
        s.index = (s.index + step + s.hits.count) % s.hits.count
        ui.search = s
        jump(to: s.hits[s.index], &ui, c)
        ui.status = .info("Match \(s.index + 1) of \(s.hits.count) for “\(s.query)”.")
    }

    /// Shows an item: its project's tab, its column, selected and scrolled into view.
    static func jump(to hit: SearchHit, _ ui: inout UIState, _ c: AppContext) {
        ui.group = hit.project.group
        let ps = c.state.projects(in: hit.project.group)
        guard let tab = ps.firstIndex(where: { $0.ref == hit.project }) else { return }
        selectTab(&ui, tab)
        ui.column = hit.column
        if let content = Select.content(ui, c, hit.column), let row = content.row(of: hit.id) {
            let h = Select.layout(ui).content(hit.column).height
            let top = Select.scrollTop(ui, content, height: h)
            ui.selection[hit.column] = row
            ui.scrollTop[hit.column] = content.scrollTop(showing: row, from: top, height: h)
        }
    }
}
