import MinutesCore

/// Makes untrusted journal text safe to print.
///
/// Text in a journal may come from anyone with write access to the file, so it may hold
/// escape sequences that recolour or rewrite the terminal, C1 controls, bidi overrides that
/// make a line read differently from what it says, or invisible characters. Which scalars
/// are unsafe is decided by `UntrustedText`, the one policy every front end shares; this
/// type only chooses the notation: `\u{…}`, a tab as a space, and a line break inside a
/// value as `\n`, so one value always stays on one line.
enum TerminalSafeText {
    static func clean(_ text: String) -> String {
        UntrustedText.rendered(text) { scalar, kind in
            switch (scalar.value, kind) {
            case (0x09, _): return " "
            case (0x0A, _): return "\\n"
            default: return UntrustedText.backslashEscape(scalar)
            }
        }
    }

    /// JSON text with every unsafe scalar inside its strings written as a `\uXXXX` escape
    /// (a surrogate pair above U+FFFF). JSONEncoder already escapes C0 controls inside
    /// strings, so any raw line break or space left is the layout's own and stays. The JSON
    /// means exactly the same.
    static func cleanJSON(_ json: String) -> String {
        UntrustedText.rendered(json) { scalar, _ in
            if scalar.value < 0x7F { return String(scalar) }
            return String(scalar).utf16.map { unit in
                let hex = String(unit, radix: 16, uppercase: true)
                return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            }.joined()
        }
    }
}
