import MinutesCore
import MinutesTUI
import Testing

@Suite("Text sanitizer")
struct TextSanitizerTests {
    /// Hostile or invisible payloads; none may come out with a forbidden scalar.
    static let payloads: [String] = [
        "\u{1B}[31mred\u{1B}[0m",  // CSI SGR
        "\u{1B}[2J\u{1B}[H",  // clear screen, home
        "\u{1B}[?1049h",  // alternate screen
        "\u{1B}[6n",  // cursor position report (answerback)
        "\u{1B}[21t",  // window title report
        "\u{1B}[1;1H\u{1B}[K",
        "\u{1B}]0;pwned\u{7}",  // OSC 0 title, BEL terminated
        "\u{1B}]2;title\u{1B}\\",  // OSC 2, ST terminated
        "\u{1B}]8;;https://evil.example\u{1B}\\click\u{1B}]8;;\u{1B}\\",  // OSC 8 hyperlink
        "\u{1B}]52;c;cm0gLXJmIH4=\u{7}",  // OSC 52 clipboard write
        "\u{1B}]52;c;?\u{7}",  // OSC 52 clipboard read
        "\u{1B}]4;1;rgb:ff/00/00\u{7}",  // OSC 4 palette
        "\u{1B}P+q544e\u{1B}\\",  // DCS XTGETTCAP
        "\u{1B}P1$r0m\u{1B}\\",  // DCS
        "\u{1B}_APC payload\u{1B}\\",  // APC
        "\u{1B}^PM payload\u{1B}\\",  // PM
        "\u{1B}X SOS \u{1B}\\",  // SOS
        "\u{1B}c",  // full reset
        "\u{1B}7\u{1B}8",  // save/restore cursor
        "\u{1B}(0lqk\u{1B}(B",  // line drawing charset
        "\u{1B}",  // lone ESC
        "end\u{1B}",
        "\u{1B}\u{1B}\u{1B}",
        "\u{9B}31m",  // C1 CSI
        "\u{9D}0;title\u{9C}",  // C1 OSC … ST
        "\u{90}q\u{9C}",  // C1 DCS
        "\u{85}next line",  // NEL
        "\u{80}\u{81}\u{8D}\u{8E}\u{8F}\u{9F}",
        "ding\u{7}\u{7}",  // BEL
        "safe text\rEVIL",  // CR overwrite
        "approved\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}rejected",  // backspace overwrite
        "a\u{7F}b",  // DEL
        "\u{0}null\u{0}",
        "\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{E}\u{F}\u{10}\u{11}\u{12}\u{13}\u{14}\u{15}\u{16}\u{17}\u{18}\u{19}\u{1A}\u{1C}\u{1D}\u{1E}\u{1F}",
        "col1\tcol2",  // TAB
        "line\u{B}vt\u{C}ff",
        "two\nlines",
        "crlf\r\nline",
        "abc\u{202E}fed",  // RLO
        "\u{202A}\u{202B}\u{202C}\u{202D}",  // LRE RLE PDF LRO
        "\u{2066}isolate\u{2069}",  // LRI … PDI
        "\u{2067}\u{2068}",  // RLI FSI
        "\u{200E}\u{200F}\u{61C}",  // LRM RLM ALM
        "invoice\u{202E}fdp.exe",
        "zero\u{200B}width",  // ZWSP
        "non\u{200C}joiner",  // ZWNJ
        "a\u{200D}b",  // ZWJ outside emoji
        "word\u{2060}joiner",  // WJ
        "\u{FEFF}bom",  // BOM
        "soft\u{AD}hyphen",
        "\u{2028}line sep\u{2029}para sep",
        "\u{E000}\u{F8FF}\u{F0000}\u{10FFFD}",  // private use
        String(String.UnicodeScalarView([0xFDD0, 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF].compactMap(Unicode.Scalar.init))),  // noncharacters
        "\u{378}\u{E0080}",  // unassigned
        "\u{E0041}\u{E0042}hidden tags",  // tag smuggling
        "🏴\u{E0041}\u{E0042}\u{E007F}",  // tags that do not spell a subdivision
        "\u{3164}\u{115F}\u{FFA0}",  // Hangul fillers
        "\u{34F}\u{180E}\u{FFF9}\u{FFFB}",  // CGJ, Mongolian vowel separator, annotations
        "\u{1D173}\u{1D17A}",  // musical format controls
        "\u{600}123",  // Arabic number sign (visible format character)
        String(decoding: [0x1B, 0x5B, 0x33, 0x31, 0x6D, 0x9B, 0xC2], as: UTF8.self),  // raw bytes
    ]

    @Test(arguments: payloads)
    func payloadLeavesNoForbiddenScalar(payload: String) {
        let safe = TextSanitizer.sanitize(payload)
        Self.expectSafe(safe, keepingLineBreaks: false)
        let multiLine = TextSanitizer.sanitize(payload, keepingLineBreaks: true)
        Self.expectSafe(multiLine, keepingLineBreaks: true)
    }

    static func expectSafe(_ text: String, keepingLineBreaks: Bool, sourceLocation: SourceLocation = #_sourceLocation) {
        for character in text {
            let scalars = Array(character.unicodeScalars)
            for (index, scalar) in scalars.enumerated() where TextSanitizer.isForbidden(scalar) {
                let allowedLineBreak = keepingLineBreaks && scalar == "\n"
                let emojiJoiner = scalar == "\u{200D}" && index > 0 && index + 1 < scalars.count
                    && scalars[0].properties.isEmoji && scalars[index + 1].properties.isEmoji
                let flagTag = scalars[0] == "\u{1F3F4}" && (0xE0020...0xE007F).contains(scalar.value)
                #expect(
                    allowedLineBreak || emojiJoiner || flagTag,
                    "raw U+\(String(scalar.value, radix: 16, uppercase: true)) in \(text.debugDescription)",
                    sourceLocation: sourceLocation)
            }
        }
    }

    @Test(arguments: [
        ("\u{1B}[31mred", "⟨ESC⟩[31mred"),
        ("\u{1B}]8;;x\u{7}", "⟨ESC⟩]8;;x⟨BEL⟩"),
        ("a\rb", "a⟨CR⟩b"),
        ("a\u{8}b", "a⟨BS⟩b"),
        ("a\tb", "a⟨TAB⟩b"),
        ("a\nb", "a⟨LF⟩b"),
        ("a\u{7F}", "a⟨DEL⟩"),
        ("\u{9B}1m", "⟨U+009B⟩1m"),
        ("abc\u{202E}fed", "abc⟨RLO⟩fed"),
        ("\u{2066}x\u{2069}", "⟨LRI⟩x⟨PDI⟩"),
        ("a\u{200B}b", "a⟨ZWSP⟩b"),
        ("a\u{200D}b", "a⟨ZWJ⟩b"),
        ("\u{FEFF}x", "⟨BOM⟩x"),
        ("\u{E000}", "⟨U+E000⟩"),
        (String(Unicode.Scalar(0x10FFFF)!), "⟨U+10FFFF⟩"),
        ("\u{301}x", "\u{25CC}\u{301}x"),
    ])
    func controlsBecomeVisibleEscapes(input: String, expected: String) {
        #expect(TextSanitizer.sanitize(input) == expected)
    }

    @Test(arguments: [
        "Plain ASCII stays as it is.",
        "café naïve Ångström",
        "cafe\u{301}",
        "اردو میں نوٹس",
        "ગુજરાતી લખાણ",
        "हिन्दी क्ष",
        "会议纪要 한국어",
        "👩‍💻 👨‍👩‍👧‍👦 🏳️‍🌈 ❤️‍🔥 🧑🏽‍🤝‍🧑🏻",
        "👍🏽 🇫🇷 🇯🇵 1️⃣ ❤️ ©️",
        "🏴󠁧󠁢󠁥󠁮󠁧󠁿 🏴󠁧󠁢󠁳󠁣󠁴󠁿",
        "漢\u{E0100}",  // ideographic variation selector
        "a\u{A0}b\u{3000}c",  // spaces that are visible as blanks
    ])
    func legitimateTextSurvivesIntact(text: String) {
        #expect(TextSanitizer.sanitize(text) == text)
    }

    @Test func lineBreaksAreKeptOnlyWhenAsked() {
        #expect(TextSanitizer.sanitize("a\nb\r\nc", keepingLineBreaks: true) == "a\nb\nc")
        #expect(TextSanitizer.sanitize("a\rb", keepingLineBreaks: true) == "a⟨CR⟩b")
        #expect(TextSanitizer.sanitize("a\nb") == "a⟨LF⟩b")
    }

    @Test func sanitizedTextIsStableWhenSanitizedAgain() {
        for payload in Self.payloads {
            let once = TextSanitizer.sanitize(payload)
            #expect(TextSanitizer.sanitize(once) == once)
        }
    }

    @Test func escapeNotationIsDocumentedForm() {
        #expect(TextSanitizer.escape("\u{1B}") == "⟨ESC⟩")
        #expect(TextSanitizer.escape("\u{9D}") == "⟨U+009D⟩")
        #expect(TextSanitizer.escape("\u{1F8FF}") == "⟨U+1F8FF⟩")
    }

    @Test func forbiddenSetCoversTheDangerousRanges() {
        let forbidden: [UInt32] = [0x0, 0x1B, 0x7, 0xD, 0x8, 0x9, 0x7F, 0x80, 0x9B, 0x9F, 0x202A, 0x202E, 0x2066, 0x2069, 0x200E, 0x200F, 0x61C, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xE000, 0xFFFE, 0x378]
        for value in forbidden {
            #expect(TextSanitizer.isForbidden(Unicode.Scalar(value)!), "U+\(String(value, radix: 16))")
        }
        for allowed in ["a", "é", "\u{301}", "日", "😀", "\u{FE0F}", " "] as [Unicode.Scalar] {
            #expect(!TextSanitizer.isForbidden(allowed))
        }
    }

    @Test func sanitizedTextDrawsWithTheWidthItMeasures() {
        for payload in Self.payloads {
            let safe = TextSanitizer.sanitize(payload)
            var grid = CellGrid(width: 400, height: 1)
            #expect(grid.put(safe, x: 0, y: 0) == DisplayWidth.of(safe))
        }
    }
}
