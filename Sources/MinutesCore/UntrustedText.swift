import Foundation

/// The one policy for untrusted text (anything read from a journal, typed, or given as an
/// argument): which scalars may be shown as they are, and which every front end must mark
/// or drop. The front ends only choose their notation:
/// - the app (`TextSanitizer`): `⟨ESC⟩`, `⟨U+E0041⟩`;
/// - the command line (`TerminalSafeText`) and `Diagnostic.visible`: `\u{1B}`;
/// - the journal writer (`JournalText`): `\u{1B}` inside a quoted value;
/// - exports (`TextEscaping`): dropped (line breaks become line feeds).
///
/// Why: journal text may hold terminal escape sequences, carriage returns and backspaces that
/// overwrite what is shown, bidi overrides that reorder it, and invisible characters that
/// hide or disguise it (tag characters can carry a whole hidden sentence).
///
/// **Unsafe** (`kind(of:)` is not nil): C0 controls, DEL, C1 controls; line and paragraph
/// separators and other line breaks; tab; bidi embeddings, overrides and isolates; bidi marks
/// (LRM, RLM, ALM); the joiners ZWJ and ZWNJ; tag characters U+E0000–U+E007F; every other
/// format or default-ignorable character (ZWSP, word joiner, BOM, soft hyphen, U+180E, CGJ,
/// Hangul fillers, interlinear annotations …); private use; unassigned code points,
/// noncharacters and surrogates. Variation selectors and other combining marks are not
/// unsafe: they attach to the character before them.
///
/// **Kept where the text needs them** (`isShown(_:at:)`), the same in every front end:
/// - a ZWJ between two emoji (👩‍💻), and a ZWJ or ZWNJ between two letters or marks of a
///   non-Latin script (Persian, Urdu, Indic conjuncts) — never next to ASCII, where it could
///   only hide something;
/// - tag characters inside an emoji subdivision flag (🏴 then 1–7 tag letters or digits then
///   CANCEL TAG);
/// - bidi marks in a value that holds right-to-left letters (Hebrew, Arabic, Urdu …), which
///   need them to lay out; elsewhere they only disguise text.
public enum UntrustedText {
    public enum Kind: Sendable, Equatable {
        case control, tab, lineBreak, bidiControl, bidiMark, joiner, tag, invisible, privateUse, unassigned
    }

    /// The scalar's kind when it is unsafe out of context; nil when it is always shown.
    public static func kind(of scalar: Unicode.Scalar) -> Kind? {
        let v = scalar.value
        if v < 0x20 {
            if v == 0x09 { return .tab }
            return v == 0x0A || v == 0x0D ? .lineBreak : .control
        }
        if v < 0x7F { return nil }
        if v < 0xA0 { return v == 0x85 ? .lineBreak : .control }
        if v < 0x300 { return v == 0xAD ? .invisible : nil }
        switch v {
        case 0x061C, 0x200E, 0x200F: return .bidiMark
        case 0x200C, 0x200D: return .joiner
        case 0x202A...0x202E, 0x2066...0x2069: return .bidiControl
        case 0x2028, 0x2029: return .lineBreak
        case 0xE0000...0xE007F: return .tag
        default: break
        }
        let p = scalar.properties
        switch p.generalCategory {
        case .format, .control: return .invisible
        case .lineSeparator, .paragraphSeparator: return .lineBreak
        case .privateUse: return .privateUse
        case .unassigned, .surrogate: return .unassigned
        default: break
        }
        if p.isNoncharacterCodePoint { return .unassigned }
        if p.isDefaultIgnorableCodePoint, !isVariationSelector(v) { return .invisible }
        return nil
    }

    /// Whether the scalar is unsafe out of context (see the type).
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool { kind(of: scalar) != nil }

    /// Whether a text has no unsafe scalar at all, decided quickly for ASCII.
    public static func isAllSafe(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return true }
        return !text.unicodeScalars.contains { kind(of: $0) != nil }
    }

    /// A text's scalars with what is needed to decide in context.
    public struct Scalars {
        public let all: [Unicode.Scalar]
        /// Whether the text holds right-to-left letters (bidi marks are kept then).
        public let hasRightToLeft: Bool

        public init<S: Sequence>(_ scalars: S) where S.Element == Unicode.Scalar {
            all = Array(scalars)
            hasRightToLeft = all.contains { UntrustedText.isRightToLeft($0) }
        }

        /// The kind of the scalar at `i` when a front end must mark or drop it there; nil
        /// when it is shown as it is (safe, or kept in this context).
        public func unsafeKind(at i: Int) -> Kind? {
            guard let kind = UntrustedText.kind(of: all[i]) else { return nil }
            switch kind {
            case .joiner: return keepsJoiner(at: i) ? nil : kind
            case .tag: return isInEmojiFlag(i) ? nil : kind
            case .bidiMark: return hasRightToLeft ? nil : kind
            default: return kind
            }
        }

        private func keepsJoiner(at i: Int) -> Bool {
            guard i > 0, i + 1 < all.count else { return false }
            let before = all[i - 1], after = all[i + 1]
            if all[i].value == 0x200D, isEmojiPart(before), isEmojiPart(after) { return true }
            return isScriptLetterOrMark(before) && isScriptLetterOrMark(after)
        }

        private func isEmojiPart(_ s: Unicode.Scalar) -> Bool {
            s.value > 0x7F && (s.properties.isEmoji || s.value == 0xFE0F || s.properties.isEmojiModifier)
        }

        private func isScriptLetterOrMark(_ s: Unicode.Scalar) -> Bool {
            guard s.value >= 0x300, UntrustedText.kind(of: s) == nil else { return false }
            switch s.properties.generalCategory {
            case .otherLetter, .lowercaseLetter, .uppercaseLetter, .modifierLetter, .titlecaseLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark:
                return true
            default:
                return false
            }
        }

        /// Whether the tag at `i` belongs to 🏴, 1–7 tag letters or digits, CANCEL TAG.
        private func isInEmojiFlag(_ i: Int) -> Bool {
            var start = i
            while start > 0, (0xE0020...0xE007E).contains(all[start - 1].value) { start -= 1 }
            guard start > 0, all[start - 1].value == 0x1F3F4 else { return false }
            var end = i
            while end < all.count, (0xE0020...0xE007E).contains(all[end].value) { end += 1 }
            if all[i].value == 0xE007F { end = i }
            guard end < all.count, all[end].value == 0xE007F else { return false }
            let letters = all[start..<end]
            return (1...7).contains(letters.count) && letters.allSatisfy {
                (0xE0030...0xE0039).contains($0.value) || (0xE0061...0xE007A).contains($0.value)
            }
        }
    }

    /// Walks `text` scalar by scalar: `visit(scalar, nil)` for each one shown as it is,
    /// `visit(scalar, kind)` for each one the front end must mark or drop.
    public static func scan(_ text: String, _ visit: (Unicode.Scalar, Kind?) -> Void) {
        let scalars = Scalars(text.unicodeScalars)
        for i in scalars.all.indices { visit(scalars.all[i], scalars.unsafeKind(at: i)) }
    }

    /// The text with every unsafe scalar replaced by `notation(scalar, kind)`.
    public static func rendered(_ text: String, notation: (Unicode.Scalar, Kind) -> String) -> String {
        if isAllSafe(text) { return text }
        var out = String.UnicodeScalarView()
        scan(text) { scalar, kind in
            if let kind { out.append(contentsOf: notation(scalar, kind).unicodeScalars) } else { out.append(scalar) }
        }
        return String(out)
    }

    /// The scalars, unsafe out of context, that a front end shows as they are in `text`
    /// because the context keeps them: what every display front end must agree on.
    public static func keptInContext(_ text: String) -> Set<UInt32> {
        var out = Set<UInt32>()
        scan(text) { scalar, kind in
            if kind == nil, UntrustedText.kind(of: scalar) != nil { out.insert(scalar.value) }
        }
        return out
    }

    /// The values of the scalars in `text` that are unsafe out of context.
    public static func unsafeScalars(in text: String) -> Set<UInt32> {
        Set(text.unicodeScalars.filter { kind(of: $0) != nil }.map(\.value))
    }

    /// `\u{1B}`: the notation of the command line, diagnostics and the journal file.
    public static func backslashEscape(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    /// Whether a scalar is a letter of a right-to-left script.
    public static func isRightToLeft(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0590...0x05FF, 0x0600...0x06FF, 0x0700...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFE,
             0x10800...0x10FFF, 0x1E800...0x1EFFF:
            return s.properties.generalCategory == .otherLetter || s.properties.generalCategory == .modifierLetter
        default:
            return false
        }
    }

    static func isVariationSelector(_ value: UInt32) -> Bool {
        (0xFE00...0xFE0F).contains(value) || (0xE0100...0xE01EF).contains(value)
            || (0x180B...0x180D).contains(value) || value == 0x180F
    }
}
