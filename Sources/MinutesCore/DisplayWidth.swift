/// Display width of text in terminal columns, computed in pure Swift.
///
/// Why: the grid, word wrap and the line editor must agree with the terminal on how many
/// columns each piece of text takes, or every later column on the line shifts. Terminals,
/// ncurses and tmux use glibc's `wcwidth`, one scalar at a time, so that is the reference.
///
/// **Per scalar** (`of(_: Unicode.Scalar)`; equal to glibc 2.36 `wcwidth` in C.UTF-8 for every
/// scalar glibc prints, checked by a test over all of them; the one exception is U+1171E,
/// which Unicode 15 made a spacing mark after glibc's Unicode 14 tables):
/// - 0: U+0000; controls (C0, DEL, C1: glibc says -1, they are never drawn); line and
///   paragraph separators; nonspacing and enclosing marks (Mn, Me, e.g. U+0301, Gujarati
///   vowel sign U U+0AC1, Arabic harakat, variation selectors); format characters (Cf, e.g.
///   ZWJ, U+200B, bidi controls) except the soft hyphen U+00AD and the prepended concatenation
///   marks (U+0600–0605, U+06DD, U+070F, U+0890–0891, U+08E2, U+110BD, U+110CD), which are 1;
///   Hangul medial vowels and final consonants (U+1160–11FF, U+D7B0–D7FF).
/// - 2: East Asian Wide and Fullwidth scalars (table below: CJK, Hangul syllables, fullwidth
///   forms, wide emoji) and any scalar with `Emoji_Presentation` (covers emoji newer than
///   glibc) except the regional indicators, which are 1 alone and 2 as a flag pair.
/// - 1: everything else, including spacing marks (Mc, e.g. Gujarati vowel sign AA U+0ABE and
///   Devanagari U+093E, which glibc also counts as 1), Arabic letters, private use, unassigned.
///
/// **Per grapheme cluster** (`of(_: Character)`), which is what the grid draws:
/// - an emoji sequence is 2: a cluster that starts with an `Emoji_Presentation` scalar
///   (👍🏽, 👩‍💻, 🏴 tag flags), a pair of regional indicators (🇫🇷), or an emoji followed by
///   VS16 U+FE0F (❤️, 1️⃣) or joined by ZWJ or a skin-tone modifier;
/// - otherwise invisible scalars are ignored (controls, separators and zero-width format
///   characters: the grid never draws them; run text through `TextSanitizer` to show them),
///   and the width is the sum of the remaining scalars' widths, which is how a terminal
///   lays the cluster out (e + U+0301 is 1, a Devanagari conjunct क्ष is 2, 日 is 2);
/// - a cluster that starts with a zero-width mark (a lone U+0301 or U+FE0F) is drawn on a
///   dotted circle ◌ and counts 1 more.
/// A string's width is the sum of its clusters' widths.
public enum DisplayWidth {
    /// Columns one scalar takes on a terminal: 0, 1 or 2 (see the type's rule).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F { return value >= 0x20 ? 1 : 0 }
        if value < 0xA0 { return 0 }
        if value < 0x300 { return 1 }
        if isHangulJamoFiller(value) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .control, .lineSeparator, .paragraphSeparator:
            return 0
        case .format:
            return isPrintableFormat(value) ? 1 : 0
        default:
            break
        }
        if value >= 0x1100, isWide(value) { return 2 }
        if value >= 0x1F000, scalar.properties.isEmojiPresentation, !isRegionalIndicator(value) {
            return 2
        }
        return 1
    }

    /// Columns one grapheme cluster takes on the grid and the terminal (see the type's rule).
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        let first = scalars.first!
        if first.value < 0x7F, character.utf8.count == 1 {
            return first.value >= 0x20 ? 1 : 0
        }
        if isEmojiSequence(scalars) { return 2 }
        var total = 0
        var sawVisible = false
        for scalar in scalars where isDrawn(scalar) {
            let width = of(scalar)
            if !sawVisible, width == 0 { total += 1 }  // the dotted circle of a lone mark
            sawVisible = true
            total += width
        }
        return total
    }

    /// Columns a string takes: the sum of its grapheme clusters' widths.
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        var total = 0
        for byte in text.utf8 {
            if byte >= 0x80 || byte < 0x20 || byte == 0x7F {
                // Not plain printable ASCII: measure cluster by cluster.
                return text.reduce(0) { $0 + of($1) }
            }
            total += 1
        }
        return total
    }

    // MARK: - Terminal cells

    /// Calls `body` once per terminal cell a grapheme cluster fills, with the text to draw in
    /// that cell and its width (1 or 2); nothing for an invisible cluster.
    ///
    /// Emoji sequences are one 2-column cell. Other clusters are split where the terminal
    /// starts a new cell: at every scalar of nonzero width, zero-width marks staying with the
    /// scalar before them. A lone leading mark is put on a dotted circle ◌. Invisible scalars
    /// (controls, separators, zero-width format characters) are dropped.
    public static func forEachCell(of character: Character, _ body: (String, Int) -> Void) {
        let scalars = character.unicodeScalars
        let first = scalars.first!
        if first.value < 0x7F, character.utf8.count == 1 {
            if first.value >= 0x20 { body(String(character), 1) }
            return
        }
        if isEmojiSequence(scalars) {
            body(String(character), 2)
            return
        }
        var text = String.UnicodeScalarView()
        var width = 0
        for scalar in scalars where isDrawn(scalar) {
            let scalarWidth = of(scalar)
            if scalarWidth == 0 {
                if text.isEmpty {
                    text.append("\u{25CC}")
                    width = 1
                }
                text.append(scalar)
            } else {
                if !text.isEmpty { body(String(text), width) }
                text = String.UnicodeScalarView()
                text.append(scalar)
                width = scalarWidth
            }
        }
        if !text.isEmpty { body(String(text), width) }
    }

    // MARK: - Classification

    /// Whether a cluster is an emoji sequence that terminals draw as one 2-column glyph.
    public static func isEmojiSequence(_ scalars: Character.UnicodeScalarView) -> Bool {
        let first = scalars.first!
        guard first.value >= 0xA9 else {
            // ASCII keycaps: 1️⃣, #️⃣, *️⃣ (digit, VS16, U+20E3).
            return first.properties.isEmoji && scalars.contains("\u{FE0F}")
        }
        if isRegionalIndicator(first.value) {
            return scalars.dropFirst().contains { isRegionalIndicator($0.value) }
        }
        let properties = first.properties
        if properties.isEmojiPresentation { return true }
        guard properties.isEmoji else { return false }
        for scalar in scalars.dropFirst() {
            if scalar.value == 0xFE0F || scalar.value == 0x200D
                || scalar.properties.isEmojiModifier
            {
                return true
            }
        }
        return false
    }

    /// Whether the grid draws this scalar at all (controls, separators and zero-width format
    /// characters are dropped; emoji sequences keep theirs).
    public static func isDrawn(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x7F { return value >= 0x20 }
        if value < 0xA0 { return false }
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return false
        case .format: return isPrintableFormat(value)
        default: return true
        }
    }

    public static func isRegionalIndicator(_ value: UInt32) -> Bool {
        value >= 0x1F1E6 && value <= 0x1F1FF
    }

    /// Format characters that glibc prints with width 1: the soft hyphen and the prepended
    /// concatenation marks (Arabic number signs and the like).
    public static func isPrintableFormat(_ value: UInt32) -> Bool {
        switch value {
        case 0x00AD, 0x0600...0x0605, 0x06DD, 0x070F, 0x0890...0x0891, 0x08E2, 0x110BD, 0x110CD:
            return true
        default:
            return false
        }
    }

    private static func isHangulJamoFiller(_ value: UInt32) -> Bool {
        (value >= 0x1160 && value <= 0x11FF) || (value >= 0xD7B0 && value <= 0xD7FF)
    }

    private static func isWide(_ value: UInt32) -> Bool {
        var low = 0, high = wideRanges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = wideRanges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }

    /// East Asian Wide and Fullwidth scalars, taken from glibc 2.36's `wcwidth` (Unicode 14),
    /// with gaps of unassigned scalars inside wide blocks closed and the CJK planes 2 and 3
    /// included whole, so newer CJK additions are wide too.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
        0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1,
        0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA,
        0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B,
        0x2728...0x2728, 0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55, 0x2E80...0x3029,
        0x302E...0x303E, 0x3041...0x3096, 0x309B...0xA4C6, 0xA960...0xA97C, 0xAC00...0xD7A3, 0xF900...0xFAD9,
        0xFE10...0xFE19, 0xFE30...0xFE6B, 0xFF01...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE3, 0x16FF0...0x1B2FB,
        0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F320, 0x1F32D...0x1F335,
        0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4,
        0x1F3F8...0x1F43E, 0x1F440...0x1F440, 0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567,
        0x1F57A...0x1F57A, 0x1F595...0x1F596, 0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC,
        0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6DF, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7F0, 0x1F90C...0x1F93A,
        0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
