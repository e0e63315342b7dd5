import MinutesCore

/// The top line: group, meeting being minuted, journal file, and markers for read-only,
/// looking back and problems.
public enum HeaderView {
    public static func draw(into grid: inout CellGrid, rect: Rect, ui: UIState, context c: AppContext) {
        grid.fill(rect, style: Theme.header)
        let group = ui.group.flatMap { c.state.groups[$0] }
        var left = " " + (group.map { TextSanitizer.sanitize($0.name) } ?? "No group yet")
        if let m = AppUpdate.currentMeeting(ui, c) {
            left += ui.lookBack != nil ? "  ·  as at \(m.long)" : "  ·  meeting \(m.long)"
        } else if group != nil {
            left += "  ·  no meeting yet (m opens one)"
        }
        var markers: [String] = []
        if ui.lookBack != nil { markers.append("LOOKING BACK") } else if let r = ui.readOnlyReason { markers.append("READ-ONLY: " + r) }
        let errors = c.diagnostics.errors.count, warnings = c.diagnostics.warnings.count
        if errors > 0 { markers.append("⚠ \(errors) error\(errors == 1 ? "" : "s") (!)") } else if warnings > 0 {
            markers.append("⚠ \(warnings) warning\(warnings == 1 ? "" : "s") (!)")
        }
        let right = ([TextSanitizer.sanitize(c.fileName)] + markers).joined(separator: "  ") + " "
        let rightWidth = DisplayWidth.of(right)
        let leftWidth = max(0, rect.width - rightWidth - 1)
        grid.put(left, x: rect.x, y: rect.y, style: Theme.header, maxWidth: leftWidth)
        var x = rect.x + rect.width - min(rightWidth, rect.width)
        let name = " " + TextSanitizer.sanitize(c.fileName)
        x += grid.put(name, x: x, y: rect.y, style: Theme.header, maxWidth: rect.maxX - x)
        for m in markers {
            x += grid.put("  ", x: x, y: rect.y, style: Theme.header, maxWidth: rect.maxX - x)
            x += grid.put(m, x: x, y: rect.y, style: Theme.headerMarker, maxWidth: rect.maxX - x)
        }
    }
}
