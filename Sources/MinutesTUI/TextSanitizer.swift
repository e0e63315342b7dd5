import MinutesCore
/// Turns untrusted text (anything read from a journal) into a string that is safe to draw.
///
/// Why: journal text can contain terminal escape sequences (CSI, OSC 8/52, DCS), carriage
/// returns and backspaces that overwrite what is shown, bidi overrides that reorder it, and
/// invisible characters that hide it. ncurses passes most of these straight to the terminal.
/// After sanitizing, every such scalar is replaced by a visible escape and nothing raw
/// remains, so what you see is what the journal holds.
///
/// **Notation**: one form, `⟨NAME⟩` between U+27E8 and U+27E9 (narrow brackets that do not
/// occur in ordinary text):
/// - C0 controls by their ASCII names: `⟨NUL⟩` … `⟨BEL⟩` `⟨BS⟩` `⟨TAB⟩` `⟨LF⟩` `⟨CR⟩`
///   `⟨ESC⟩` … `⟨US⟩`, and `⟨DEL⟩` for U+007F;
/// - bidi controls by their Unicode abbreviations: `⟨LRE⟩` `⟨RLE⟩` `⟨PDF⟩` `⟨LRO⟩` `⟨RLO⟩`
///   `⟨LRI⟩` `⟨RLI⟩` `⟨FSI⟩` `⟨PDI⟩` `⟨LRM⟩` `⟨RLM⟩` `⟨ALM⟩`;
/// - invisible characters: `⟨ZWSP⟩` `⟨ZWNJ⟩` `⟨ZWJ⟩` `⟨WJ⟩` `⟨BOM⟩` `⟨SHY⟩`;
/// - everything else as its code point: `⟨U+009B⟩`, `⟨U+E000⟩`, `⟨U+1F8FF⟩`.
///
/// **Which scalars** are escaped, and which are kept in context, is `UntrustedText`'s one
/// policy, shared with the command line, the diagnostics, the journal writer and the exports:
/// this type only chooses the notation. With `keepingLineBreaks: true`, LF and CR LF become
/// "\n" (a lone CR is escaped: it would overwrite the line). A mark with nothing to attach
/// to is put on a dotted circle ◌.
public enum TextSanitizer {
    /// Returns a safe, visible version of `text` (see the type's notation).
    ///
    /// - Parameter keepingLineBreaks: keep LF and CR LF as "\n" for multi-line fields (notes);
    ///   otherwise they are escaped like any control.
    public static func sanitize(_ text: String, keepingLineBreaks: Bool = false) -> String {
        if isPlainASCII(text) { return text }
        // Context is only needed when something unsafe is there (most text has nothing).
        let context = UntrustedText.isAllSafe(text) ? nil : UntrustedText.Scalars(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var k = 0
        for character in text {
            let scalars = character.unicodeScalars
            if keepingLineBreaks, character == "\n" || character == "\r\n" {
                output.append("\n")
                k += scalars.count
                continue
            }
            var hasBase = false
            for scalar in scalars {
                defer { k += 1 }
                if context?.unsafeKind(at: k) != nil {
                    output.append(contentsOf: escape(scalar).unicodeScalars)
                    hasBase = true  // marks after an escape attach to its closing bracket
                } else if context != nil, UntrustedText.isUnsafe(scalar) {
                    output.append(scalar)  // kept in context (emoji joiner, flag tag, bidi mark in RTL text)
                    hasBase = true
                } else {
                    if !hasBase, DisplayWidth.of(scalar) == 0 { output.append("\u{25CC}") }
                    output.append(scalar)
                    hasBase = true
                }
            }
        }
        return String(output)
    }

    /// Whether a scalar may never appear raw in sanitized text, except where `UntrustedText`
    /// keeps it in context (emoji ZWJ, emoji tags, joiners in scripts, bidi marks in
    /// right-to-left text) and line breaks.
    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        UntrustedText.isUnsafe(scalar)
    }

    /// The visible escape for one scalar, such as `⟨ESC⟩` or `⟨U+202E⟩`.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        "\u{27E8}\(name(of: scalar))\u{27E9}"
    }

    // MARK: - Implementation

    private static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    private static func name(of scalar: Unicode.Scalar) -> String {
        let value = scalar.value
        if value < 0x20 { return c0Names[Int(value)] }
        switch value {
        case 0x7F: return "DEL"
        case 0xAD: return "SHY"
        case 0x061C: return "ALM"
        case 0x200B: return "ZWSP"
        case 0x200C: return "ZWNJ"
        case 0x200D: return "ZWJ"
        case 0x200E: return "LRM"
        case 0x200F: return "RLM"
        case 0x202A: return "LRE"
        case 0x202B: return "RLE"
        case 0x202C: return "PDF"
        case 0x202D: return "LRO"
        case 0x202E: return "RLO"
        case 0x2060: return "WJ"
        case 0x2066: return "LRI"
        case 0x2067: return "RLI"
        case 0x2068: return "FSI"
        case 0x2069: return "PDI"
        case 0xFEFF: return "BOM"
        default:
            let hex = String(value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
    }

    private static let c0Names = [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF", "VT", "FF", "CR",
        "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC",
        "FS", "GS", "RS", "US",
    ]
}
