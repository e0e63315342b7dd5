/// A rectangle of cells: the unit of layout for views.
///
/// Views get a rect and draw inside it; splitting and insetting rects is how the screen is
/// divided into header, list, detail and footer. Widths and heights are never negative:
/// every operation clamps, so layout code on a tiny terminal cannot produce nonsense.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    /// Left column.
    public var x: Int
    /// Top row.
    public var y: Int
    /// Number of columns (never negative).
    public var width: Int
    /// Number of rows (never negative).
    public var height: Int

    /// Creates a rect; a negative width or height becomes 0.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The empty rect at the origin.
    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    /// The column just right of the rect.
    public var maxX: Int { x + width }
    /// The row just below the rect.
    public var maxY: Int { y + height }
    /// Whether the rect holds no cell.
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// Whether the cell at (x, y) lies inside the rect.
    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }

    /// The overlap of two rects (empty when they do not meet).
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x), top = max(y, other.y)
        let right = min(maxX, other.maxX), bottom = min(maxY, other.maxY)
        guard right > left, bottom > top else { return Rect(x: left, y: top, width: 0, height: 0) }
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// The rect shrunk by `amount` on every side.
    public func inset(by amount: Int) -> Rect {
        inset(top: amount, left: amount, bottom: amount, right: amount)
    }

    /// The rect shrunk by the given margins; it never gets a negative size.
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        let newWidth = max(0, width - left - right)
        let newHeight = max(0, height - top - bottom)
        return Rect(
            x: x + min(left, width), y: y + min(top, height), width: newWidth, height: newHeight)
    }

    /// Splits the rect into a left part `offset` columns wide (clamped) and the rest.
    public func divided(atColumn offset: Int) -> (left: Rect, right: Rect) {
        let cut = min(max(0, offset), width)
        return (
            Rect(x: x, y: y, width: cut, height: height),
            Rect(x: x + cut, y: y, width: width - cut, height: height)
        )
    }

    /// Splits the rect into a top part `offset` rows high (clamped) and the rest.
    public func divided(atRow offset: Int) -> (top: Rect, bottom: Rect) {
        let cut = min(max(0, offset), height)
        return (
            Rect(x: x, y: y, width: width, height: cut),
            Rect(x: x, y: y + cut, width: width, height: height - cut)
        )
    }

    /// Splits the rect into `count` columns of near-equal width separated by `gap` columns;
    /// leftover columns go to the leftmost parts. Returns `[]` when `count` is not positive.
    public func columns(_ count: Int, gap: Int = 0) -> [Rect] {
        Rect.split(length: width, count: count, gap: gap).map {
            Rect(x: x + $0.start, y: y, width: $0.length, height: height)
        }
    }

    /// Splits the rect into `count` rows of near-equal height separated by `gap` rows;
    /// leftover rows go to the topmost parts. Returns `[]` when `count` is not positive.
    public func rows(_ count: Int, gap: Int = 0) -> [Rect] {
        Rect.split(length: height, count: count, gap: gap).map {
            Rect(x: x, y: y + $0.start, width: width, height: $0.length)
        }
    }

    /// The single row `index` rows below the top, clipped to the rect (empty when outside).
    public func row(_ index: Int) -> Rect {
        guard index >= 0, index < height else { return Rect(x: x, y: y + max(0, index), width: width, height: 0) }
        return Rect(x: x, y: y + index, width: width, height: 1)
    }

    /// The rect's fields, for test failures and logs.
    public var description: String { "Rect(x: \(x), y: \(y), width: \(width), height: \(height))" }

    private static func split(length: Int, count: Int, gap: Int) -> [(start: Int, length: Int)] {
        guard count > 0 else { return [] }
        let gap = max(0, gap)
        let usable = max(0, length - gap * (count - 1))
        let base = usable / count, extra = usable % count
        var parts: [(start: Int, length: Int)] = []
        parts.reserveCapacity(count)
        var position = 0
        for index in 0..<count {
            let size = base + (index < extra ? 1 : 0)
            parts.append((min(position, length), size))
            position += size + gap
        }
        return parts
    }
}
