import MinutesCore
import Testing
@testable import MinutesExport

/// The exporters take byte-level shortcuts for speed; these tests check each one against the
/// character-by-character way it replaced, on text mixed from the pieces that matter: ASCII,
/// the scalars the sanitising policy removes or replaces, combining marks, joiners, prepended
/// marks, wide and right-to-left text, emoji sequences and the escaped punctuation.
@Suite struct FastPathEquivalenceTests {

    static let pieces: [String] = [
        "a", "RO", "KP", "JB", "xy", "Q", " ", "  ", "\n", "\t", "\r", "\r\n", "\u{0}", "\u{7}", "\u{7F}",
        "\u{80}", "\u{85}", "\u{9F}", "\u{A0}", "\u{AD}", "©", "é", "e\u{301}", "\u{301}", "A\u{301}",
        "\u{180E}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{200E}", "\u{200F}", "\u{2013}", "\u{2019}", "…", "•",
        "\u{2028}", "\u{2029}", "\u{202A}", "\u{202E}", "\u{202F}", "\u{2060}", "\u{2066}", "\u{2069}", "\u{206A}",
        "\u{FEFF}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{FDFA}", "\u{0600}", "\u{0600}RO", "\u{0903}",
        "ક\u{0ABE}", "શાળા", "会議", "안전", "готов", "👍🏽", "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
        "👨\u{200D}👩", "🇫🇷", "&", "<", ">", "\"", "'", "&amp;", "*", "#", "|", "\\", "1.", "-",
    ]

    /// Deterministic pseudo-random texts made of `pieces`.
    static func texts(count: Int = 3000, seed: UInt64 = 7) -> [String] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { _ in
            (0..<next(12)).map { _ in pieces[next(pieces.count)] }.joined()
        }
    }

    @Test func sanitizingShortcutAgreesWithTheFullPass() {
        for text in Self.texts() {
            for tabsAsSpaces in [true, false] {
                #expect(TextEscaping.sanitized(text, tabsAsSpaces: tabsAsSpaces)
                    == TextEscaping.sanitizedScalarByScalar(text, tabsAsSpaces: tabsAsSpaces),
                        "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
    }

    @Test func sanitizingShortcutReturnsCleanTextAsItIs() {
        for text in ["", "plain words", "é – “quoted” • 会議 👍🏽", "tab\there"] {  // a bidi mark outside right-to-left text is dropped (UntrustedText)
            #expect(TextEscaping.isAlreadySanitized(text, tabsAsSpaces: false))
        }
        #expect(!TextEscaping.isAlreadySanitized("tab\there", tabsAsSpaces: true))
    }

    @Test func singleLineAgreesWithReplacingLineFeedCharacters() {
        for text in Self.texts() {
            let expected = String(TextEscaping.sanitized(text).map { $0 == "\n" ? " " : $0 })
            #expect(TextEscaping.singleLine(text) == expected)
        }
    }

    @Test func markupEscapingAgreesWithEscapingScalarByScalar() {
        for text in Self.texts() {
            var expected = ""
            for scalar in TextEscaping.sanitized(text, tabsAsSpaces: false).unicodeScalars {
                switch scalar {
                case "&": expected += "&amp;"
                case "<": expected += "&lt;"
                case ">": expected += "&gt;"
                case "\"": expected += "&quot;"
                case "'": expected += "&apos;"
                default: expected.unicodeScalars.append(scalar)
                }
            }
            #expect(TextEscaping.xmlEscape(text) == expected)
        }
    }

    @Test func initialsAreFoundAsWhenReadCharacterByCharacter() throws {
        let state = try ExportFixtures.sampleState()
        func byCharacter(_ text: String) -> [String] {
            var found: [String] = []
            var word = ""
            func flush() {
                if Owner.looksLikeInitials(word), state.person(word) != nil { found.append(word) }
                word = ""
            }
            for character in text {
                if character.isASCII && character.isLetter { word.append(character) } else { flush() }
            }
            flush()
            return found
        }
        for text in Self.texts() {
            #expect(ReportWording.initialsMentioned(in: text, state: state) == byCharacter(text),
                    "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(ReportWording.initialsMentioned(in: "RO and JB met; RO\u{301} did not, nor \u{0600}JB", state: state)
            == ["RO", "JB"])
    }

    @Test func asciiDirectionAgreesWithUnicodeProperties() {
        for value in UInt32(0)..<0x80 {
            let scalar = Unicode.Scalar(value)!
            let byProperties: BidiDirection? = scalar.properties.isAlphabetic
                && scalar.properties.generalCategory != .nonspacingMark
                && scalar.properties.generalCategory != .spacingMark ? .leftToRight : nil
            #expect(BidiDirection.of(scalar) == byProperties, "U+\(String(value, radix: 16))")
        }
    }

    /// `TextRenderer.wrap` as it was written before it split on bytes: character by character.
    static func wrapByCharacter(_ text: String, width: Int, first: String, rest: String) -> [String] {
        let text = TextEscaping.sanitized(text, tabsAsSpaces: true)
        guard text.contains(where: { $0 != " " && $0 != "\n" }) else { return [] }
        var lines: [String] = []
        var prefix = first
        var line = ""
        var lineWidth = 0
        var lineHasWord = false
        func startLine() {
            line = prefix
            lineWidth = DisplayWidth.of(prefix)
            lineHasWord = false
        }
        func finishLine() {
            lines.append(TextRenderer.trimTrailingSpaces(line))
            prefix = rest
            startLine()
        }
        startLine()
        for (hardIndex, hardLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if hardIndex > 0 { finishLine() }
            for word in hardLine.split(separator: " ") {
                let wordWidth = DisplayWidth.of(String(word))
                if lineHasWord && lineWidth + 1 + wordWidth <= width {
                    line += " " + word
                    lineWidth += 1 + wordWidth
                    continue
                }
                if lineHasWord { finishLine() }
                if lineWidth + wordWidth <= width {
                    line += word
                    lineWidth += wordWidth
                    lineHasWord = true
                    continue
                }
                for character in word {
                    let characterWidth = DisplayWidth.of(character)
                    if lineHasWord && lineWidth + characterWidth > width { finishLine() }
                    line.append(character)
                    lineWidth += characterWidth
                    lineHasWord = true
                }
            }
        }
        if lineHasWord || lines.isEmpty { finishLine() }
        while let last = lines.last, last.allSatisfy({ $0 == " " }) { lines.removeLast() }
        return lines
    }

    @Test func wrappingOnBytesAgreesWithWrappingOnCharacters() {
        let extraPieces = [" \u{301}", " \u{200D}", "\u{0600} ", " \u{0903}", "word", "longerwordthanmost", "\u{301} "]
        var state: UInt64 = 11
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let pieces = Self.pieces + extraPieces + [" ", " ", " ", "text"]
        for _ in 0..<3000 {
            let text = (0..<next(30)).map { _ in pieces[next(pieces.count)] }.joined()
            let width = [6, 10, 24, 72][next(4)]
            let (first, rest) = [("", ""), ("  - ", "    "), ("Label: ", "       ")][next(3)]
            #expect(TextRenderer.wrap(text, width: width, first: first, rest: rest)
                == Self.wrapByCharacter(text, width: width, first: first, rest: rest),
                    "\(text.unicodeScalars.map { String($0.value, radix: 16) }) width \(width)")
        }
    }

    @Test func wordWidthAgreesWithDisplayWidth() {
        let latin = (UInt32(0x20)..<0x320).compactMap(Unicode.Scalar.init).map { String($0) }
        for text in Self.texts() + latin + latin.map({ "é" + $0 + "a" }) + latin.map({ $0 + "\u{301}" }) {
            #expect(TextRenderer.displayWidth(text) == DisplayWidth.of(text),
                    "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// `TextEscaping.markdownInline` as it was written before it worked on bytes.
    static func markdownInlineByScalar(_ text: String, lineBreak: String) -> String {
        let scalars = Array(TextEscaping.sanitized(text, tabsAsSpaces: true).unicodeScalars)
        func startsEntity(at index: Int) -> Bool {
            var i = index + 1
            var length = 0
            while i < scalars.count, length <= 32 {
                let s = scalars[i]
                if s == ";" { return length > 0 }
                let isEntityChar = s == "#" || (s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s)))
                if !isEntityChar { return false }
                i += 1
                length += 1
            }
            return false
        }
        var out = ""
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "\\", "`", "*", "_", "|", "[", "]", "~":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += startsEntity(at: index) ? "&amp;" : "&"
            case "\n": out += lineBreak
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    @Test func markdownEscapingOnBytesAgreesWithEscapingScalarByScalar() {
        let entities = ["&amp;", "&#123;", "&#x1F;", "&nbsp", "&a;", "&;", "&é;", "&" + String(repeating: "a", count: 33) + ";",
                        "&" + String(repeating: "b", count: 32) + ";"]
        for text in Self.texts() + entities + entities.map({ "x" + $0 + "y\n" }) {
            for lineBreak in ["<br>", "\n"] {
                #expect(TextEscaping.markdownInline(text, lineBreak: lineBreak)
                    == Self.markdownInlineByScalar(text, lineBreak: lineBreak))
            }
        }
    }

    @Test func htmlLineBreaksAgreeWithSplittingOnCharacters() {
        for text in Self.texts() {
            let expected = TextEscaping.htmlEscape(text).split(separator: "\n", omittingEmptySubsequences: false)
                .joined(separator: "<br />")
            #expect(HTMLRenderer.text(text) == expected)
        }
    }
}
