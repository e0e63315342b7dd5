import MinutesCore
/// A run of text in one style.
public struct Span: Sendable, Hashable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// A span of untrusted text, made safe to draw first.
    public static func untrusted(_ text: String, _ style: Style = .plain) -> Span {
        Span(TextSanitizer.sanitize(text), style)
    }
}

/// One screen line of styled text.
public struct StyledLine: Sendable, Hashable {
    public var spans: [Span] = []
    public var width = 0

    public init(_ spans: [Span] = []) {
        self.spans = spans
        self.width = spans.reduce(0) { $0 + DisplayWidth.of($1.text) }
    }

    mutating func append(_ text: String, _ style: Style, width w: Int) {
        if let last = spans.last, last.style == style {
            spans[spans.count - 1].text += text
        } else {
            spans.append(Span(text, style))
        }
        width += w
    }

    /// Draws the line at (x, y), clipped to `maxWidth`.
    public func draw(into grid: inout CellGrid, x: Int, y: Int, maxWidth: Int) {
        var col = x
        for s in spans {
            let remaining = x + maxWidth - col
            guard remaining > 0 else { return }
            col += grid.put(s.text, x: col, y: y, style: s.style, maxWidth: remaining)
        }
    }
}

/// Word wrapping for styled text: breaks at spaces, hard-breaks words wider than the line,
/// measures by display width, and keeps each piece's style.
public enum StyledWrap {
    /// Wraps spans into lines of at most `width` columns. Every line after the first starts
    /// with `hangingIndent` spaces (bullets hang like the paper minutes').
    public static func wrap(_ spans: [Span], width: Int, firstPrefix: Span? = nil, hangingIndent: Int = 0) -> [StyledLine] {
        guard width > 0 else { return [] }
        let indent = min(hangingIndent, max(0, width - 1))
        var lines: [StyledLine] = []
        var line = StyledLine()
        if let firstPrefix { line.append(firstPrefix.text, firstPrefix.style, width: DisplayWidth.of(firstPrefix.text)) }
        let startWidth = line.width
        var pendingSpace: (String, Style)?

        func newLine() {
            lines.append(line)
            line = StyledLine()
            if indent > 0 { line.append(String(repeating: " ", count: indent), .plain, width: indent) }
            pendingSpace = nil
        }

        for word in words(spans) {
            if word.isBreak { newLine(); continue }
            if word.isSpace {
                if line.width > (lines.isEmpty ? startWidth : indent) { pendingSpace = (" ", word.pieces.first?.style ?? .plain) }
                continue
            }
            let w = word.width
            let lineStart = lines.isEmpty ? startWidth : indent
            let spaceW = pendingSpace == nil ? 0 : 1
            if line.width + spaceW + w > width, line.width > lineStart {
                newLine()
            }
            if let sp = pendingSpace, line.width > (lines.isEmpty ? startWidth : indent) {
                line.append(sp.0, sp.1, width: 1)
            }
            pendingSpace = nil
            for piece in word.pieces {
                for ch in piece.text {
                    let cw = DisplayWidth.of(ch)
                    if line.width + cw > width, line.width > (lines.isEmpty ? startWidth : indent) { newLine() }
                    line.append(String(ch), piece.style, width: cw)
                }
            }
        }
        lines.append(line)
        return lines
    }

    struct Word {
        var pieces: [Span] = []
        var isSpace = false
        var isBreak = false
        var width: Int { pieces.reduce(0) { $0 + DisplayWidth.of($1.text) } }
    }

    /// Splits spans into words (possibly of several styles), single spaces and line breaks.
    static func words(_ spans: [Span]) -> [Word] {
        var out: [Word] = []
        var current = Word()
        func flush() { if !current.pieces.isEmpty { out.append(current); current = Word() } }
        for span in spans {
            var buffer = ""
            for ch in span.text {
                if ch == " " || ch == "\n" {
                    if !buffer.isEmpty { current.pieces.append(Span(buffer, span.style)); buffer = "" }
                    flush()
                    var w = Word()
                    if ch == "\n" { w.isBreak = true } else { w.isSpace = true; w.pieces = [Span(" ", span.style)] }
                    out.append(w)
                } else {
                    buffer.append(ch)
                }
            }
            if !buffer.isEmpty { current.pieces.append(Span(buffer, span.style)) }
        }
        flush()
        return out
    }
}
