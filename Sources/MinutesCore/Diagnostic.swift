/// A problem found in a journal, with the place it was found.
///
/// The parser and replay collect every problem in one pass instead of stopping at the
/// first, so a hand-edited journal can be fixed in one sitting (as beancount and hledger do).
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case warning, error
        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    public var severity: Severity
    /// 1-based line number in the journal; 0 when the problem is about the file as a whole.
    public var line: Int
    /// 1-based column, counted in Unicode scalars (bytes past an invalid UTF-8 sequence).
    public var column: Int
    public var message: String
    /// A suggestion for fixing the problem, shown under the caret.
    public var hint: String?
    /// The field the problem is in, when replay found it after parsing (used to find the column).
    public var field: String?
    /// The field's value as written, for a field that may repeat (`owner`, `present`,
    /// `apology`): the column is then that value's, not the first such field's.
    public var fieldValue: String?

    public init(_ severity: Severity, line: Int, column: Int = 1, _ message: String,
                hint: String? = nil, field: String? = nil, fieldValue: String? = nil) {
        self.severity = severity
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
        self.field = field
        self.fieldValue = fieldValue
    }

    public static func error(line: Int, column: Int = 1, _ message: String, hint: String? = nil,
                             field: String? = nil) -> Diagnostic {
        Diagnostic(.error, line: line, column: column, message, hint: hint, field: field)
    }

    public static func warning(line: Int, column: Int = 1, _ message: String, hint: String? = nil,
                               field: String? = nil, fieldValue: String? = nil) -> Diagnostic {
        Diagnostic(.warning, line: line, column: column, message, hint: hint, field: field, fieldValue: fieldValue)
    }

    public var isError: Bool { severity == .error }

    /// `FILE:LINE:COL: error: message`, the one-line form.
    public func headline(file: String) -> String {
        "\(file):\(line):\(column): \(severity.rawValue): \(message)"
    }

    /// The one-line form, then the offending line and a caret under the column, then the hint.
    public func rendered(file: String, sourceLine: String?) -> String {
        var out = headline(file: file)
        if let sourceLine {
            let shown = Diagnostic.visible(sourceLine)
            out += "\n    " + shown.text + "\n    "
            out += String(repeating: " ", count: max(0, shown.caretOffset(column))) + "^"
        }
        if let hint { out += "\n    hint: " + hint }
        return out
    }

    public var description: String { headline(file: "journal") }

    /// A line made safe to print on a terminal: every scalar `UntrustedText` calls unsafe
    /// there becomes `\u{…}`. Each scalar's printed width is remembered so the caret lands
    /// under the right column.
    static func visible(_ line: String) -> (text: String, caretOffset: (Int) -> Int) {
        var text = ""
        var widths: [Int] = []
        UntrustedText.scan(line) { s, unsafe in
            if unsafe != nil {
                let esc = UntrustedText.backslashEscape(s)
                text += esc
                widths.append(esc.count)
            } else {
                text.unicodeScalars.append(s)
                widths.append(s.properties.generalCategory == .nonspacingMark || s.properties.isDefaultIgnorableCodePoint ? 0 : 1)
            }
        }
        return (text, { column in widths.prefix(max(0, column - 1)).reduce(0, +) })
    }
}

/// The diagnostics of one journal, sorted by place.
public extension Array where Element == Diagnostic {
    var errors: [Diagnostic] { filter(\.isError) }
    var warnings: [Diagnostic] { filter { !$0.isError } }
    var hasErrors: Bool { contains(where: \.isError) }

    func sortedByPlace() -> [Diagnostic] {
        sorted { ($0.line, $0.column, $0.severity == .error ? 0 : 1, $0.message) < ($1.line, $1.column, $1.severity == .error ? 0 : 1, $1.message) }
    }
}
