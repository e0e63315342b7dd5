import MinutesCore
/// A width × height array of cells: the frame every view draws into.
///
/// Views render into a grid instead of talking to curses, so they can be tested as plain
/// text (`snapshotText()`) and the backend can repaint only the cells that changed.
/// All writes are clipped to the grid and never crash, whatever the coordinates or the
/// grid's size (down to 1×1 and 0×0).
///
/// Invariant: a wide cell (width 2) is always followed on the same row by its continuation
/// cell (width 0), and a continuation cell always follows a wide cell. Overwriting half of a
/// wide character turns the other half into a space.
public struct CellGrid: Hashable, Sendable {
    /// Number of columns.
    public let width: Int
    /// Number of rows.
    public let height: Int
    private var cells: [Cell]

    /// Creates a grid of blank cells in the given style; negative sizes become 0.
    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .space(style), count: self.width * self.height)
    }

    /// The whole grid as a rect, for layout.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (x, y), or nil outside the grid.
    public func cell(x: Int, y: Int) -> Cell? {
        guard x >= 0, x < width, y >= 0, y < height else { return nil }
        return cells[y * width + x]
    }

    /// Writes text at (x, y), one terminal cell per glyph, and returns how many columns it
    /// advanced (its display width, cut to `maxWidth` and to the right edge of the grid).
    ///
    /// Why one call does all this: every view needs the same care with clipping and wide
    /// characters. A wide character that does not fit before the limit is never split: the
    /// remaining column is padded with a space in `style` and writing stops. Columns left of
    /// the grid are skipped (a wide character cut by the left edge leaves a space). Controls
    /// and zero-width format characters are not drawn (see `DisplayWidth`); sanitize
    /// untrusted text with `TextSanitizer` first so they are shown instead.
    @discardableResult
    public mutating func put<S: StringProtocol>(
        _ text: S, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil
    ) -> Int {
        var limit = width
        if let maxWidth {
            let end = x.addingReportingOverflow(max(0, maxWidth))
            if !end.overflow { limit = min(limit, end.partialValue) }
        }
        guard limit > x else { return 0 }
        let rowVisible = y >= 0 && y < height
        var column = x
        var stopped = false
        for character in text {
            DisplayWidth.forEachCell(of: character) { piece, pieceWidth in
                guard !stopped else { return }
                if column + pieceWidth > limit {
                    if column < limit {
                        if rowVisible, column >= 0 { store(.space(style), x: column, y: y) }
                        column += 1
                    }
                    stopped = true
                    return
                }
                if rowVisible {
                    if column >= 0 {
                        store(Cell(text: piece, width: pieceWidth, style: style), x: column, y: y)
                    } else if column + pieceWidth > 0 {
                        store(.space(style), x: 0, y: y)  // right half of a wide char at the left edge
                    }
                }
                column += pieceWidth
            }
            if stopped { break }
        }
        return column - x
    }

    /// Fills a rect (clipped to the grid) with spaces in the given style.
    ///
    /// Used to clear a view's area and to paint backgrounds such as the selection bar.
    public mutating func fill(_ rect: Rect, style: Style = .plain) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for row in area.y..<area.maxY {
            for column in area.x..<area.maxX {
                store(.space(style), x: column, y: row)
            }
        }
    }

    /// Resets every cell to a space in the given style.
    public mutating func clear(style: Style = .plain) {
        for index in cells.indices { cells[index] = .space(style) }
    }

    /// One row as plain text with trailing spaces trimmed (empty outside the grid).
    ///
    /// Used by golden tests and by anyone who needs to read back what a view drew.
    public func text(row y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var line = ""
        for column in 0..<width {
            line += cells[y * width + column].text
        }
        while line.unicodeScalars.last == " " { line.unicodeScalars.removeLast() }
        return line
    }

    /// The whole grid as plain text: every row, trailing spaces trimmed, each ending in "\n".
    ///
    /// The format of the golden snapshot files.
    public func snapshotText() -> String {
        var result = ""
        for row in 0..<height {
            result += text(row: row)
            result += "\n"
        }
        return result
    }

    /// Replaces one cell, keeping the wide-character invariant. `x` and `y` must be inside the
    /// grid, and a wide cell must have room for its continuation.
    private mutating func store(_ cell: Cell, x: Int, y: Int) {
        let index = y * width + x
        let old = cells[index]
        if old.width == 0, x > 0 {
            cells[index - 1] = .space(cells[index - 1].style)
        } else if old.width == 2, x + 1 < width {
            cells[index + 1] = .space(cells[index + 1].style)
        }
        cells[index] = cell
        if cell.width == 2 {
            let next = cells[index + 1]
            if next.width == 2, x + 2 < width {
                cells[index + 2] = .space(cells[index + 2].style)
            }
            cells[index + 1] = .continuation(cell.style)
        }
    }
}
