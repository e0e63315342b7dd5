import MinutesCore

/// The top line: group, meeting being minuted, journal file, and markers for read-only,
/// looking back and problems.
public enum HeaderView {
    public static func draw(into grid: inout CellGrid, rect: Rect, ui: UIState, context c: AppContext) {
        grid.fill(rect, style: Theme.header)
        let group = ui.group.flatMap { c.state.groups[$0] }
        let groupName = group.map { TextSanitizer.sanitize($0.name) } ?? "No group yet"
        let meeting = Select.currentMeeting(ui, c)
        func meetingText(compact: Bool) -> String {
            guard group != nil else { return "" }
            guard let m = meeting else { return compact ? " · no meeting yet" : "  ·  no meeting yet (m opens one)" }
            if compact { return " · " + m.long }
            return (ui.lookBack != nil ? "  ·  as at " : "  ·  meeting ") + m.long
        }
        func markers(short: Bool) -> [String] {
            var out: [String] = []
            if ui.lookBack != nil {
                out.append("LOOKING BACK")
            } else if let r = ui.readOnlyReason {
                out.append(short ? "READ-ONLY" : "READ-ONLY: " + r)
            }
            let errors = c.diagnostics.errors.count, warnings = c.diagnostics.warnings.count
            let bang = short ? "" : " (!)"
            if errors > 0 {
                out.append("⚠ \(errors) error\(errors == 1 ? "" : "s")" + bang)
            } else if warnings > 0 {
                out.append("⚠ \(warnings) warning\(warnings == 1 ? "" : "s")" + bang)
            }
            return out
        }
        let file = TextSanitizer.sanitize(c.fileName)
        func rightWidth(_ ms: [String]) -> Int { DisplayWidth.of(" " + ([file] + ms).joined(separator: "  ") + " ") }
        // The group, the meeting and the markers matter most: when everything does not fit,
        // the read-only reason goes first (a write key and the problems screen give it), then
        // the wording around the date, then the end of the group's name.
        var marks = markers(short: false)
        var left = " " + groupName + meetingText(compact: false)
        if DisplayWidth.of(left) + 1 + rightWidth(marks) > rect.width { marks = markers(short: true) }
        if DisplayWidth.of(left) + 1 + rightWidth(marks) > rect.width {
            let date = meetingText(compact: true)
            let room = rect.width - rightWidth(marks) - 1 - DisplayWidth.of(date) - 1
            left = " " + TabBarView.shorten(groupName, to: max(8, room)) + date
        }
        let right = rightWidth(marks)
        grid.put(left, x: rect.x, y: rect.y, style: Theme.header, maxWidth: max(0, rect.width - right - 1))
        var x = rect.x + rect.width - min(right, rect.width)
        x += grid.put(" " + file, x: x, y: rect.y, style: Theme.header, maxWidth: rect.maxX - x)
        for m in marks {
            x += grid.put("  ", x: x, y: rect.y, style: Theme.header, maxWidth: rect.maxX - x)
            x += grid.put(m, x: x, y: rect.y, style: Theme.headerMarker, maxWidth: rect.maxX - x)
        }
    }
}
