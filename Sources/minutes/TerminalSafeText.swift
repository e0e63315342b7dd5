import MinutesCore

/// Makes untrusted journal text safe to print.
///
/// Text in a journal may come from anyone with write access to the file, so it may hold
/// escape sequences that recolour or rewrite the terminal, C1 controls, or bidi overrides
/// that make a line read differently from what it says. Every such scalar (the same set
/// the journal writer never writes raw) is shown as `\u{…}`; a tab becomes a space and a
/// line break inside a value shows as `\n`, so one value always stays on one line.
enum TerminalSafeText {
    static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { JournalText.mustEscape($0.value) }) else { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for s in text.unicodeScalars {
            switch s.value {
            case 0x09: out.append(" ")
            case 0x0A: out.append("\\n")
            case let v where JournalText.mustEscape(v):
                out.append("\\u{" + String(v, radix: 16, uppercase: true) + "}")
            default:
                out.unicodeScalars.append(s)
            }
        }
        return out
    }

    /// JSON text with every scalar the terminal could act on written as a `\uXXXX` escape.
    /// JSONEncoder already escapes C0 controls inside strings (so any raw line break left is
    /// the layout's own); this adds DEL, C1, bidi controls and the invisible separators,
    /// which only occur inside strings. The JSON means exactly the same.
    static func cleanJSON(_ json: String) -> String {
        func unsafe(_ v: UInt32) -> Bool { v >= 0x7F && JournalText.mustEscape(v) }
        guard json.unicodeScalars.contains(where: { unsafe($0.value) }) else { return json }
        var out = ""
        for s in json.unicodeScalars {
            if unsafe(s.value) {
                let hex = String(s.value, radix: 16, uppercase: true)
                out.append("\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex)
            } else {
                out.unicodeScalars.append(s)
            }
        }
        return out
    }
}
