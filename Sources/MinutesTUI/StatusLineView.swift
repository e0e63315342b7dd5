import MinutesCore

/// The line above the footer: the input line while typing, else the latest message.
public enum StatusLineView {
    /// Draws the line; returns where the terminal cursor belongs when an input line is shown.
    @discardableResult
    public static func draw(into grid: inout CellGrid, rect: Rect, ui: UIState, context c: AppContext) -> (x: Int, y: Int)? {
        grid.fill(rect)
        if case .input(let line) = ui.mode {
            return drawInput(line, into: &grid, rect: rect, context: c)
        }
        if case .confirm(let q) = ui.mode {
            grid.put(" " + TextSanitizer.sanitize(q.question), x: rect.x, y: rect.y, style: Theme.warning, maxWidth: rect.width)
            return nil
        }
        if let s = ui.status {
            let style: Style = s.kind == .error ? Theme.error : s.kind == .warning ? Theme.warning : Theme.info
            grid.put(" " + TextSanitizer.sanitize(s.text), x: rect.x, y: rect.y, style: style, maxWidth: rect.width)
        } else if let look = ui.lookBack {
            grid.put(" As at the end of \(look.long) — read-only. [ ] step, Esc returns to now.",
                     x: rect.x, y: rect.y, style: Theme.warning, maxWidth: rect.width)
        }
        return nil
    }

    /// The input area: the prompt, then the text wrapped over as many rows as the area has
    /// (it grows with the text, up to `Select.maxInputRows`), the cursor's row always shown.
    /// A pre-filled value is shown selected (reversed): typing replaces it.
    static func drawInput(_ line: InputLine, into grid: inout CellGrid, rect: Rect, context c: AppContext) -> (x: Int, y: Int) {
        let pw = Select.promptWidth(line, width: rect.width)
        // A prompt too long for half the width is shortened, never cut through its " › ".
        let prompt = DisplayWidth.of(line.prompt + " › ") > pw ? TabBarView.shorten(line.prompt, to: pw - 3) : line.prompt
        grid.put(prompt + " › ", x: rect.x, y: rect.y, style: Theme.prompt, maxWidth: pw)
        let room = max(1, rect.width - pw - 1)
        let shown = Select.inputText(line, width: rect.width, maxRows: rect.height)
        let owners = line.purpose.mentionsOwners(in: c.state)
        for (i, row) in shown.rows.enumerated() {
            let text = TextSanitizer.sanitize(row)
            let y = rect.y + i
            if line.editor.isPrefilled {
                grid.put(text, x: rect.x + pw, y: y, style: Theme.selected, maxWidth: room)
            } else if owners {
                drawHighlightingInitials(text, into: &grid, x: rect.x + pw, y: y, width: room, people: c.state.people)
            } else {
                grid.put(text, x: rect.x + pw, y: y, maxWidth: room)
            }
        }
        if shown.hiddenAbove { grid.put("▲", x: rect.x + pw - 2, y: rect.y, style: Theme.muted) }
        return (rect.x + pw + min(shown.cursorColumn, room), rect.y + shown.cursorRow)
    }

    /// The typed text with unknown initials in the warning colour, known ones in bold.
    static func drawHighlightingInitials(_ text: String, into grid: inout CellGrid, x: Int, y: Int, width: Int,
                                         people: [String: Person]) {
        var col = x
        var word = ""
        func flush() {
            guard !word.isEmpty else { return }
            let bare = word.trimmingCharacters(in: .punctuationCharacters)
            var style = Style.plain
            if Owner.looksLikeInitials(bare) { style = people[bare] == nil ? Theme.unknownOwner : Theme.owner }
            col += grid.put(word, x: col, y: y, style: style, maxWidth: x + width - col)
            word = ""
        }
        for ch in text {
            if ch == " " || ch == "," || ch == "/" {
                flush()
                col += grid.put(String(ch), x: col, y: y, maxWidth: x + width - col)
            } else {
                word.append(ch)
            }
        }
        flush()
    }
}

/// The bottom line: the keys that work here, from the key map (like nano or htop).
public enum FooterView {
    public static func draw(into grid: inout CellGrid, rect: Rect, ui: UIState, context c: AppContext) {
        grid.fill(rect)
        var items: [(String, String)]
        switch ui.mode {
        case .input(let line):
            // The input area covers the status line, so a message about what was typed (an
            // error, "NOT SAVED", a restored draft) takes the footer's place until it changes.
            if let s = ui.status {
                let style: Style = s.kind == .error ? Theme.error : s.kind == .warning ? Theme.warning : Theme.info
                grid.put(" " + TextSanitizer.sanitize(s.text), x: rect.x, y: rect.y, style: style, maxWidth: rect.width)
                return
            }
            items = c.keyMap.footer(for: .input, writable: true).filter { b in
                switch b.action {
                case .lineBreak: return line.editor.multiline
                case .complete: return line.purpose.mentionsOwners(in: c.state)
                default: return true
                }
            }.map { ($0.keyLabel, $0.footer!) }
        case .confirm:
            items = [("y", "yes"), ("any other key", "no")]
        case .review:
            items = c.keyMap.footer(for: .review, writable: ui.isWritable).map { ($0.keyLabel, $0.footer!) }
        case .approval:
            items = c.keyMap.footer(for: .approval, writable: ui.isWritable).map { ($0.keyLabel, $0.footer!) }
        case .browse:
            let context = Select.keyContext(ui, c)
            items = c.keyMap.footer(for: context, writable: ui.isWritable).map { ($0.keyLabel, $0.footer!) }
            if ui.lookBack != nil { items.insert(("Esc", "now"), at: 0) }
        case .ratingPicker:
            items = Rating.allCases.map { ($0.marker.lowercased(), $0.rawValue) } + [("Esc", "cancel")]
        case .plan, .groupPlan:
            items = [("↑↓", "select")] + c.keyMap.footer(for: .plan, writable: ui.isWritable).map { ($0.keyLabel, $0.footer!) }
        case .groupPicker:
            items = [("↑↓", "choose"), ("Enter", "switch"), ("Esc", "cancel")]
        case .exportMenu(let report):
            items = report == nil ? [("m", "minutes"), ("o", "monitoring"), ("a", "actions"), ("Esc", "cancel")]
                : [("d", "docx"), ("h", "html"), ("m", "markdown"), ("t", "text")] + (report == .actions ? [("c", "csv")] : []) + [("Esc", "cancel")]
        default:
            items = [("any key", "close")]
            let layout = Select.layout(ui)
            if let o = Select.overlay(ui, c, width: layout.body.width), o.maxTop(areaHeight: layout.body.height) > 0 {
                items.insert(("↑↓ PgUp/PgDn", "scroll"), at: 0)
            }
        }
        // Help, quit, review and search always stay; other keys are dropped from the end when
        // room runs out, and the order is kept.
        func isPinned(_ item: (String, String)) -> Bool { ["?", "q", "R", "/"].contains(item.0) }
        func need(_ item: (String, String)) -> Int { DisplayWidth.of(item.0) + DisplayWidth.of(item.1) + 2 }
        var room = rect.width - items.filter(isPinned).reduce(0) { $0 + need($1) }
        var shown: [(String, String)] = []
        for item in items {
            if isPinned(item) {
                shown.append(item)
            } else if need(item) <= room {
                shown.append(item)
                room -= need(item)
            }
        }
        var x = rect.x
        for (key, label) in shown {
            x += grid.put(key, x: x, y: rect.y, style: Theme.footerKey)
            x += grid.put(" " + label + " ", x: x, y: rect.y, style: Theme.footerText, maxWidth: rect.maxX - x)
        }
    }
}
