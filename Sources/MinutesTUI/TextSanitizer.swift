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
/// **Escaped** (the forbidden set, see `isForbidden`): C0 controls, DEL, C1 controls, line and
/// paragraph separators, every format character (Cf: bidi controls, zero-width characters,
/// U+FEFF, tags, …), private use, unassigned code points and noncharacters, and other
/// default-ignorable scalars (Hangul fillers, U+034F, …). **Kept**, because they are part of
/// the glyph: a ZWJ joining two emoji (👩‍💻), tag characters inside an emoji tag flag
/// (🏴 England, validated: 1–7 tag letters or digits then CANCEL TAG), and variation selectors after a base character. With
/// `keepingLineBreaks: true`, LF and CR LF become "\n" (a lone CR is escaped: it would
/// overwrite the line). A mark with nothing to attach to is put on a dotted circle ◌.
public enum TextSanitizer {
    /// Returns a safe, visible version of `text` (see the type's notation).
    ///
    /// - Parameter keepingLineBreaks: keep LF and CR LF as "\n" for multi-line fields (notes);
    ///   otherwise they are escaped like any control.
    public static func sanitize(_ text: String, keepingLineBreaks: Bool = false) -> String {
        if isPlainASCII(text) { return text }
        var output = String.UnicodeScalarView()
        for character in text {
            appendSanitized(character, keepingLineBreaks: keepingLineBreaks, to: &output)
        }
        return String(output)
    }

    /// Whether a scalar may never appear raw in sanitized text, except in the kept contexts
    /// listed on the type (emoji ZWJ, emoji tags, variation selectors, line breaks).
    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || (value >= 0x7F && value < 0xA0) { return true }
        if value < 0x7F { return false }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .control, .format, .privateUse, .surrogate, .unassigned, .lineSeparator,
            .paragraphSeparator:
            return true
        default:
            break
        }
        if properties.isNoncharacterCodePoint { return true }
        if properties.isDefaultIgnorableCodePoint, !isVariationSelector(value) { return true }
        return false
    }

    /// The visible escape for one scalar, such as `⟨ESC⟩` or `⟨U+202E⟩`.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        "\u{27E8}\(name(of: scalar))\u{27E9}"
    }

    // MARK: - Implementation

    private static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    private static func appendSanitized(
        _ character: Character, keepingLineBreaks: Bool, to output: inout String.UnicodeScalarView
    ) {
        let scalars = character.unicodeScalars
        if keepingLineBreaks, character == "\n" || character == "\r\n" {
            output.append("\n")
            return
        }
        let first = scalars.first!
        if scalars.count == 1, !isForbidden(first) {
            if DisplayWidth.of(first) == 0 { output.append("\u{25CC}") }
            output.append(first)
            return
        }
        let isEmoji = DisplayWidth.isEmojiSequence(scalars)
        let array = Array(scalars)
        let isTagFlag = isEmojiTagSequence(array)
        var hasBase = false
        for (index, scalar) in array.enumerated() {
            if isForbidden(scalar) {
                let value = scalar.value
                let keptJoiner =
                    value == 0x200D && isEmoji && hasBase && index + 1 < array.count
                    && isEmojiComponent(array[index + 1])
                let keptTag = isTagFlag && value >= 0xE0020 && value <= 0xE007F
                if keptJoiner || keptTag {
                    output.append(scalar)
                } else {
                    output.append(contentsOf: escape(scalar).unicodeScalars)
                    hasBase = true  // marks after an escape attach to its closing bracket
                }
                continue
            }
            if !hasBase, DisplayWidth.of(scalar) == 0 { output.append("\u{25CC}") }
            output.append(scalar)
            hasBase = true
        }
    }

    /// Whether the cluster is a subdivision flag: 🏴, 1 to 7 tag letters or digits, CANCEL TAG.
    /// Anything else keeps its tags escaped, so tags cannot smuggle invisible text.
    private static func isEmojiTagSequence(_ scalars: [Unicode.Scalar]) -> Bool {
        guard scalars.count >= 3, scalars.count <= 9, scalars[0].value == 0x1F3F4,
            scalars[scalars.count - 1].value == 0xE007F
        else { return false }
        return scalars[1..<(scalars.count - 1)].allSatisfy {
            ($0.value >= 0xE0030 && $0.value <= 0xE0039) || ($0.value >= 0xE0061 && $0.value <= 0xE007A)
        }
    }

    private static func isEmojiComponent(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value > 0x7F && scalar.properties.isEmoji
    }

    private static func isVariationSelector(_ value: UInt32) -> Bool {
        (value >= 0xFE00 && value <= 0xFE0F) || (value >= 0xE0100 && value <= 0xE01EF)
            || (value >= 0x180B && value <= 0x180D) || value == 0x180F
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
