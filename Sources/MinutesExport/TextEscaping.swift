import Foundation
import MinutesCore

/// The one place where text from users is made safe for a file format.
///
/// Which scalars are unsafe, and which are kept where text needs them, is `UntrustedText`'s
/// one policy, shared with the app, the command line and the journal writer; for documents
/// the notation is simply to leave them out:
/// - Line breaks (CR LF, CR, LF, NEL U+0085, LS U+2028, PS U+2029) become one line feed.
/// - Tabs become spaces (or stay, for the docx renderer's `<w:tab/>`).
/// - Every other unsafe scalar is removed: controls, bidi embeddings, overrides and isolates,
///   invisible characters (zero-width space, word joiner, BOM, soft hyphen, U+180E, tag
///   characters …), private use, unassigned code points and noncharacters (XML forbids
///   U+FFFE and U+FFFF).
/// - Kept, as everywhere: a ZWJ in an emoji sequence, ZWJ and ZWNJ between letters of a
///   non-Latin script (Persian, Indic), tags in an emoji subdivision flag, and bidi marks in
///   text holding right-to-left letters.
public enum TextEscaping {

    // MARK: Character classes

    /// C0 controls except tab, line feed and carriage return; DEL; C1 controls.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 { return v != 0x09 && v != 0x0A && v != 0x0D }
        return v == 0x7F || (0x80...0x9F).contains(v)
    }

    /// Bidi embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
    public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// Invisible characters that only hide text (see the type's documentation); `previous` is
    /// the scalar before, which decides for the joiners.
    public static func isHidingInvisible(_ scalar: Unicode.Scalar, after previous: Unicode.Scalar?) -> Bool {
        switch scalar.value {
        case 0x200B, 0x2060, 0xFEFF, 0x180E: return true
        case 0x200C, 0x200D: return previous.map { $0.isASCII } ?? true
        default: return false
        }
    }

    /// Characters XML 1.0 does not allow anywhere in a document.
    public static func isXMLForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 { return v != 0x09 && v != 0x0A && v != 0x0D }
        return v == 0xFFFE || v == 0xFFFF || (0xD800...0xDFFF).contains(v)
    }

    /// Scalars that are line breaks; see `sanitized(_:)`.
    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    // MARK: Sanitising

    /// The text with line breaks normalised to "\n" and control, bidi-control and noncharacter
    /// scalars removed (see the type's documentation). Tabs are kept unless `tabsAsSpaces`.
    public static func sanitized(_ text: String, tabsAsSpaces: Bool = true) -> String {
        // Most text has nothing to remove or replace; returning it as it is avoids rebuilding
        // it scalar by scalar, which was the largest cost of every export.
        if isAlreadySanitized(text, tabsAsSpaces: tabsAsSpaces) { return text }
        return sanitizedScalarByScalar(text, tabsAsSpaces: tabsAsSpaces)
    }

    /// Whether `sanitized` would return the text unchanged, decided on its UTF-8 bytes without
    /// decoding: false as soon as a byte sequence could be one of the scalars the policy changes
    /// (C0 controls other than line feed and a kept tab, DEL, C1 controls and NEL (`C2 80–9F`),
    /// U+180E, U+200B–U+200D, U+2028–U+202E, U+2060, U+2066–U+2069, U+FEFF, U+FFFE, U+FFFF).
    /// The joiners U+200C/U+200D count as changed even where they stay; the full pass decides.
    static func isAlreadySanitized(_ text: String, tabsAsSpaces: Bool) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            let count = bytes.count
            var i = 0
            while i < count {
                let byte = bytes[i]
                if byte < 0x80 {
                    if byte < 0x20 {
                        if byte == 0x0A || (byte == 0x09 && !tabsAsSpaces) { i += 1; continue }
                        return false
                    }
                    if byte == 0x7F { return false }
                    i += 1
                    continue
                }
                // Swift strings hold valid UTF-8, so a lead byte is followed by its continuation bytes.
                let length = byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
                // Anything the policy might change (even if the context keeps it) goes the slow way.
                if value >= 0x300 || value < 0xA0 || value == 0xAD,
                   let scalar = Unicode.Scalar(value), UntrustedText.kind(of: scalar) != nil {
                    return false
                }
                i += length
            }
            return true
        }
    }

    /// The sanitising pass itself, one scalar at a time (see `sanitized(_:tabsAsSpaces:)`).
    static func sanitizedScalarByScalar(_ text: String, tabsAsSpaces: Bool) -> String {
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        UntrustedText.scan(text) { scalar, kind in
            defer { previousWasCR = scalar == "\r" }
            switch kind {
            case nil: out.append(scalar)
            case .lineBreak?:
                if scalar == "\n" && previousWasCR { return }
                out.append("\n")
            case .tab?: out.append(tabsAsSpaces ? " " : "\t")
            case _?: return
            }
        }
        return String(out)
    }

    /// Sanitised text on a single line: line breaks and tabs become spaces.
    public static func singleLine(_ text: String) -> String {
        let clean = sanitized(text, tabsAsSpaces: true)
        // A line feed is always a grapheme cluster of its own, so replacing its byte is the same
        // as replacing the character, without walking the text character by character.
        guard clean.utf8.contains(0x0A) else { return clean }
        return String(decoding: clean.utf8.map { $0 == 0x0A ? 0x20 : $0 }, as: UTF8.self)
    }

    // MARK: XML

    /// Sanitised text escaped for XML element content and attribute values. Tabs stay: the
    /// docx renderer turns each into a `<w:tab/>` element.
    public static func xmlEscape(_ text: String) -> String {
        escapeMarkup(sanitized(text, tabsAsSpaces: false), apostrophe: "&apos;")
    }

    // MARK: HTML

    /// Sanitised text escaped for HTML content and quoted attributes. Line feeds stay line feeds;
    /// renderers decide whether they become `<br />`.
    public static func htmlEscape(_ text: String) -> String {
        escapeMarkup(sanitized(text), apostrophe: "&#39;")
    }

    /// `&`, `<`, `>` and both quotes as entities: what XML and HTML share (HTML 4 lacks `&apos;`).
    private static func escapeMarkup(_ clean: String, apostrophe: String) -> String {
        // Most text has none of the five; it is returned as it is.
        guard clean.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return clean
        }
        // All five are ASCII, so they are replaced byte by byte; other bytes are copied.
        var out: [UInt8] = []
        out.reserveCapacity(clean.utf8.count + 32)
        for byte in clean.utf8 {
            switch byte {
            case 0x26: out += "&amp;".utf8
            case 0x3C: out += "&lt;".utf8
            case 0x3E: out += "&gt;".utf8
            case 0x22: out += "&quot;".utf8
            case 0x27: out += apostrophe.utf8
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: CSV

    /// One RFC 4180 field: controls other than tab, CR and LF removed (and bidi controls);
    /// a field that a spreadsheet could read as a formula (starting with `=`, `+`, `-`, `@`, tab
    /// or CR) gets a leading `'`; quoted when it holds a comma, quote, CR or LF, quotes doubled.
    public static func csvField(_ text: String) -> String {
        var cleaned = String.UnicodeScalarView()
        UntrustedText.scan(text) { scalar, kind in
            switch kind {
            case nil: cleaned.append(scalar)
            case .tab?: cleaned.append(" ")
            // CR and LF stay (the field is quoted); NEL, LS and PS are dropped, as they always were here.
            case .lineBreak?: if scalar == "\r" || scalar == "\n" { cleaned.append(scalar) }
            case _?: return
            }
        }
        if let first = cleaned.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            cleaned.insert("'", at: cleaned.startIndex)
        }
        let needsQuotes = cleaned.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return String(cleaned) }
        var out = "\""
        for scalar in cleaned {
            if scalar == "\"" { out += "\"\"" } else { out.unicodeScalars.append(scalar) }
        }
        out += "\""
        return out
    }

    // MARK: Markdown

    /// Sanitised text escaped for inline Markdown (GitHub flavour): Markdown punctuation gets a
    /// backslash, `<` and `>` become entities (no raw HTML), `&` becomes `&amp;` where it would
    /// start an entity, `|` becomes `\|` and line breaks become `lineBreak`.
    public static func markdownInline(_ text: String, lineBreak: String = "<br>") -> String {
        // Everything escaped is ASCII, so the text is escaped byte by byte; other bytes (all of
        // a non-ASCII scalar's) are copied.
        let bytes = Array(sanitized(text, tabsAsSpaces: true).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"),
                 UInt8(ascii: "|"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "~"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case UInt8(ascii: "<"): out += "&lt;".utf8
            case UInt8(ascii: ">"): out += "&gt;".utf8
            case UInt8(ascii: "&"): out += startsEntity(bytes, at: index) ? "&amp;".utf8 : "&".utf8
            case 0x0A: out += lineBreak.utf8
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Text for a GitHub-flavoured Markdown table cell: `|` as `\|`, line breaks as `<br>`.
    public static func markdownCellEscape(_ text: String) -> String {
        markdownInline(text, lineBreak: "<br>")
    }

    /// Whether `&` at `index` begins something a Markdown renderer would read as an entity
    /// (`&name;`, `&#123;`, `&#x1F;`).
    private static func startsEntity(_ bytes: [UInt8], at index: Int) -> Bool {
        var i = index + 1
        var length = 0
        while i < bytes.count, length <= 32 {
            let b = bytes[i]
            if b == UInt8(ascii: ";") { return length > 0 }
            // Only ASCII continues an entity, so counting bytes counts scalars.
            let isEntityChar = b == UInt8(ascii: "#") || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
                || (0x30...0x39).contains(b)
            if !isEntityChar { return false }
            i += 1
            length += 1
        }
        return false
    }

    /// Escapes what would make the start of a Markdown line a heading, list item, quote, rule or
    /// setext underline, for a line that has already been through `markdownInline`.
    /// Leading spaces are dropped (four would start a code block).
    static func markdownLineStart(_ line: String) -> String {
        let line = String(line.drop { $0 == " " })
        guard let first = line.unicodeScalars.first else { return line }
        switch first {
        case "#", ">", "-", "+", "=":
            return "\\" + line
        default:
            break
        }
        // "12. text" or "3) text" would start an ordered list.
        let digits = line.unicodeScalars.prefix { ("0"..."9").contains($0) }
        if !digits.isEmpty, digits.count <= 9 {
            let rest = line.unicodeScalars.dropFirst(digits.count)
            if let marker = rest.first, marker == "." || marker == ")" {
                return String(String.UnicodeScalarView(digits)) + "\\" + String(String.UnicodeScalarView(rest))
            }
        }
        return line
    }
}
