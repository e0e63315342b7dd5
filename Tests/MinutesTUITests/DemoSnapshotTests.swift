import MinutesTUI
import Testing

/// A small demo screen built only from the foundations (rects, grid, wrap, sanitizer, line
/// editor, key labels), compared with a golden file so any change in layout is reviewed.
@Suite("Demo snapshot")
struct DemoSnapshotTests {
    static let items: [(time: String, kind: String, text: String)] = [
        ("09:00", "INFO", "Welcome, agenda agreed — café ☕ at 10:30"),
        ("09:04", "DECISION", "Publish the draft on Friday 🎉"),
        ("09:07", "ACTION", "Aisha: اردو ترجمہ مکمل کریں"),
        ("09:12", "NOTE", "ગુજરાતી અનુવાદ તૈયાર છે"),
        ("09:15", "NOTE", "会议纪要由李明整理"),
        ("09:21", "ACTION", "Zoë 👩‍💻 to fix the build, cc 👨‍👩‍👧‍👦 team"),
        ("09:30", "NOTE", "Pasted: \u{1B}]52;c;cm0=\u{7} and abc\u{202E}fed"),
    ]

    static func render(width: Int = 80, height: Int = 24, selected: Int = 2) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        let (header, rest) = grid.bounds.divided(atRow: 1)
        let (body, bottom) = rest.divided(atRow: rest.height - 2)
        let (inputRow, footer) = bottom.divided(atRow: 1)
        let panes = body.columns(2, gap: 1)
        let (list, detail) = (panes[0], panes[1])

        grid.fill(header, style: Style(role: .header))
        grid.put(" minutes · W3C Working Group · 2025-03-14", x: header.x, y: header.y, style: Style(role: .header), maxWidth: header.width)

        for (index, item) in items.enumerated() where index < list.height {
            let row = list.row(index)
            let isSelected = index == selected
            let base = isSelected ? Style(role: .selection) : .plain
            if isSelected { grid.fill(row, style: base) }
            var x = row.x
            x += grid.put(item.time, x: x, y: row.y, style: isSelected ? base : Style(role: .muted), maxWidth: row.maxX - x)
            x += 1
            let kindStyle = isSelected ? base.adding(.bold) : Style(role: item.kind == "ACTION" ? .warning : .accent)
            x += grid.put(item.kind, x: x, y: row.y, style: kindStyle, maxWidth: row.maxX - x)
            x += 1
            grid.put(TextSanitizer.sanitize(item.text), x: x, y: row.y, style: base, maxWidth: row.maxX - x)
        }

        for x in body.x..<body.maxX where x == list.maxX {
            for y in body.y..<body.maxY { grid.put("│", x: x, y: y, style: Style(role: .muted)) }
        }

        let note = TextSanitizer.sanitize(
            "Decision recorded by the chair.\nاردو: اجلاس کا خلاصہ\nગુજરાતી: સભાનો સારાંશ\n中文：会议摘要\nRaw input was \u{1B}[31mred\u{1B}[0m\tand\u{200B}hidden.",
            keepingLineBreaks: true)
        let lines = StyledWrap.wrap([Span(note)], width: detail.width - 1).map { $0.spans.map(\.text).joined() }
        for (index, line) in lines.enumerated() where index < detail.height {
            grid.put(line, x: detail.x + 1, y: detail.y + index, maxWidth: detail.width - 1)
        }

        let editor = LineEditor(text: "New action: 日本語の入力とemoji 👍🏽 in a line long enough that it has to scroll left so the cursor stays visible")
        let prompt = "> "
        let promptWidth = grid.put(prompt, x: inputRow.x, y: inputRow.y, style: Style(role: .accent, bold: true))
        let slice = editor.visibleSlice(width: inputRow.width - promptWidth)
        grid.put(slice.text, x: inputRow.x + promptWidth, y: inputRow.y, maxWidth: inputRow.width - promptWidth)

        let keys: [(Key, String)] = [(.char("q"), "Quit"), (.tab, "Pane"), (.ctrl("w"), "Del word"), (.up, "Prev"), (.down, "Next"), (.function(1), "Help")]
        var x = footer.x
        for (key, action) in keys {
            x += grid.put(key.label, x: x, y: footer.y, style: Style(role: .accent, bold: true), maxWidth: footer.maxX - x)
            x += grid.put(" \(action)  ", x: x, y: footer.y, maxWidth: footer.maxX - x)
        }
        return grid
    }

    @Test func demoScreenMatchesGoldenFile() {
        assertSnapshot(Self.render(), named: "demo-80x24", styles: true)
    }

    @Test func demoScreenSurvivesTinyTerminals() {
        for (width, height) in [(0, 0), (1, 1), (2, 3), (7, 5), (20, 6)] {
            let grid = Self.render(width: width, height: height)
            #expect(grid.width == max(0, width))
            CellGridTests.expectConsistent(grid)
        }
    }
}
