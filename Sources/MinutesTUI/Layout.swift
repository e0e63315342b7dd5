/// Where each part of the screen goes at a given size.
public struct Layout: Sendable, Hashable {
    /// The smallest screen the panel is drawn on.
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public let width: Int
    public let height: Int
    /// Rows of the input area above the footer: 1, or more while a long entry is typed.
    public let inputRows: Int

    public init(width: Int, height: Int, inputRows: Int = 1) {
        self.width = width
        self.height = height
        self.inputRows = max(1, inputRows)
    }

    public var isTooSmall: Bool { width < Layout.minimumWidth || height < Layout.minimumHeight }

    public var header: Rect { Rect(x: 0, y: 0, width: width, height: 1) }
    public var tabBar: Rect { Rect(x: 0, y: 1, width: width, height: 1) }
    /// The panel: column titles and content, between the tab bar and the status line.
    public var body: Rect { Rect(x: 0, y: 2, width: width, height: max(0, height - 3 - inputRows)) }
    /// The status line, which becomes the input area (growing upwards) while typing.
    public var statusLine: Rect { Rect(x: 0, y: height - 1 - inputRows, width: width, height: inputRows) }
    public var footer: Rect { Rect(x: 0, y: height - 1, width: width, height: 1) }

    /// The three columns of the body, separated by one-cell rules. The middle column (Progress)
    /// gets any spare cells, since notes are the longest text.
    public var columns: [Rect] {
        let inner = body.width - 2
        let side = inner / 3
        let middle = inner - 2 * side
        return [Rect(x: 0, y: body.y, width: side, height: body.height),
                Rect(x: side + 1, y: body.y, width: middle, height: body.height),
                Rect(x: side + 1 + middle + 1, y: body.y, width: side, height: body.height)]
    }

    /// The content area of a column: below its title row, with a one-cell margin each side.
    public func content(_ column: Column) -> Rect {
        let r = columns[column.rawValue]
        return Rect(x: r.x + 1, y: r.y + 1, width: max(0, r.width - 2), height: max(0, r.height - 1))
    }
}
