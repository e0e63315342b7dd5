/// One column of the screen: the text drawn there, how wide it is, and its style.
///
/// The grid is a plain array of cells so that views can be rendered and compared without a
/// terminal; the backend paints only cells that differ from the last frame.
///
/// `text` is one grapheme cluster (or, for the rare clusters a terminal lays out over several
/// columns, such as Devanagari conjuncts, the piece of it that fills one terminal cell).
/// `width` is 1 or 2 for a cell that starts a glyph, and 0 for a *continuation* cell: the
/// right half of a wide character, whose `text` is empty.
public struct Cell: Hashable, Sendable {
    /// The text drawn in this cell; empty for a continuation cell.
    public let text: String
    /// Columns the text occupies: 1, 2 (wide), or 0 for a continuation cell.
    public let width: Int
    /// How the text is drawn.
    public let style: Style

    init(text: String, width: Int, style: Style) {
        self.text = text
        self.width = width
        self.style = style
    }

    /// A space in the plain style: what a new grid is filled with.
    public static let blank = Cell(text: " ", width: 1, style: .plain)

    /// A space in the given style, used for fills and for padding around clipped wide characters.
    public static func space(_ style: Style) -> Cell {
        Cell(text: " ", width: 1, style: style)
    }

    /// The right half of a wide character in the given style.
    static func continuation(_ style: Style) -> Cell {
        Cell(text: "", width: 0, style: style)
    }

    /// Whether this is the right half of a wide character (drawn by the cell to its left).
    public var isContinuation: Bool { width == 0 }
}
