/// How values are written in a journal line: bare when that is unambiguous, else quoted
/// with backslash escapes.
///
/// The writer escapes every character that could change what a terminal shows
/// (C0 and C1 controls, DEL, bidi controls, line and paragraph separators), so that
/// `cat minutes.journal` is always safe and every event stays on one line.
public enum JournalText {
    /// Whether `value` can be written without quotes: non-empty, printable ASCII with no
    /// space, quote, backslash, `=` or `#` at the start.
    public static func isBare(_ value: String) -> Bool {
        guard !value.isEmpty else { return false }
        for b in value.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                 UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: ","),
                 UInt8(ascii: "@"), UInt8(ascii: "+"):
                continue
            default:
                return false
            }
        }
        return true
    }

    /// Scalars the writer never writes raw: every scalar `UntrustedText` (the one policy)
    /// calls unsafe, whatever its context. Escaping loses nothing here (the parser reads the
    /// escape back) and keeps `cat` and `grep` of the file plain.
    public static func mustEscape(_ v: UInt32) -> Bool {
        Unicode.Scalar(v).map(UntrustedText.isUnsafe) ?? true
    }

    /// Appends `value` in quoted form to `out`. Unsafe scalars are escaped unless the text needs
    /// them where they stand (a joiner inside an emoji or between letters of a non-Latin
    /// script, tags in an emoji flag: `UntrustedText.Scalars.unsafeKind(at:)`), so Urdu,
    /// Persian and emoji sequences stay readable in the file, as every front end shows them.
    /// Bidi marks are always escaped: in a file they could reorder what `cat` shows.
    public static func appendQuoted(_ value: String, to out: inout String) {
        out.append("\"")
        let context = UntrustedText.isAllSafe(value) ? nil : UntrustedText.Scalars(value.unicodeScalars)
        var runStart = value.unicodeScalars.startIndex
        var i = runStart
        var position = 0
        let scalars = value.unicodeScalars
        while i != scalars.endIndex {
            let s = scalars[i]
            defer { position += 1 }
            let needs: String?
            switch s {
            case "\"": needs = "\\\""
            case "\\": needs = "\\\\"
            case "\n": needs = "\\n"
            case "\t": needs = "\\t"
            case "\r": needs = "\\r"
            default:
                let escaped = context?.unsafeKind(at: position) != nil || UntrustedText.kind(of: s) == .bidiMark
                needs = escaped ? UntrustedText.backslashEscape(s) : nil
            }
            if let esc = needs {
                out.unicodeScalars.append(contentsOf: scalars[runStart..<i])
                out.append(esc)
                runStart = scalars.index(after: i)
            }
            i = scalars.index(after: i)
        }
        out.unicodeScalars.append(contentsOf: scalars[runStart..<scalars.endIndex])
        out.append("\"")
    }

    /// The value as it would appear after `key=`.
    public static func encode(_ value: String) -> String {
        if isBare(value) { return value }
        var out = ""
        appendQuoted(value, to: &out)
        return out
    }
}
