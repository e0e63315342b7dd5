import MinutesCore
import MinutesTUI
import Testing

@Suite("Display width")
struct DisplayWidthTests {
    @Test(arguments: [
        ("hello", 5),
        ("", 0),
        ("café", 4),
        ("cafe\u{301}", 4),  // e + combining acute
        ("Ångström", 8),
        ("ẞ straße", 8),
        ("اردو", 4),  // Urdu: Arabic letters are 1 each
        ("میٹنگ کے نکات", 13),
        ("مُحَمَّد", 4),  // harakat are zero-width
        ("ગુજરાતી", 6),  // Gujarati: U+0AC1 is zero-width, U+0ABE/U+0AC0 (spacing marks) are 1
        ("કુ", 1),
        ("क्ष", 2),  // a Devanagari conjunct: one cluster, two terminal cells
        ("中文", 4),
        ("会议纪要", 8),
        ("ｆｕｌｌ", 8),  // fullwidth forms
        ("한국어", 6),
        ("\u{1100}\u{1161}\u{11A8}", 2),  // conjoining jamo: a wide lead and two zero-width
        ("👍", 2),
        ("👍🏽", 2),  // skin tone
        ("👩‍💻", 2),  // ZWJ sequence
        ("👨‍👩‍👧‍👦", 2),
        ("🏳️‍🌈", 2),
        ("🇫🇷", 2),  // flag
        ("🇫🇷🇩🇪", 4),
        ("❤️", 2),  // text-default emoji with VS16
        ("❤︎", 1),  // with VS15 stays text
        ("1️⃣", 2),  // keycap
        ("🏴󠁧󠁢󠁥󠁮󠁧󠁿", 2),  // tag sequence
        ("a\u{200B}b", 2),  // zero-width space is not drawn
        ("a\u{FEFF}b", 2),
        ("\u{202E}abc", 3),  // bidi control is not drawn
        ("tab\there", 7),  // controls are not drawn
        ("a\u{00AD}b", 3),  // soft hyphen: glibc prints it
    ])
    func stringWidthMatchesTerminal(text: String, expected: Int) {
        #expect(DisplayWidth.of(text) == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test func asciiFastPathAgreesWithClusterPath() {
        let text = "The quick brown fox, 123!"
        #expect(DisplayWidth.of(text) == text.reduce(0) { $0 + DisplayWidth.of($1) })
    }

    @Test func loneCombiningMarkCountsOneForItsDottedCircle() {
        #expect(DisplayWidth.of(Character("\u{301}")) == 1)
        #expect(DisplayWidth.of(Unicode.Scalar(0x301)!) == 0)
    }

    @Test func controlClustersAreZeroWidth() {
        #expect(DisplayWidth.of(Character("\n")) == 0)
        #expect(DisplayWidth.of(Character("\r\n")) == 0)
        #expect(DisplayWidth.of(Character("\u{1B}")) == 0)
    }

    @Test func loneRegionalIndicatorIsNarrow() {
        #expect(DisplayWidth.of("🇫") == 1)
    }

    /// Sample scalars from every script the app cares about, compared with glibc's wcwidth.
    @Test(arguments: [
        0x41, 0xE9, 0x301, 0x627, 0x6CC, 0x64E, 0x600, 0x6DD, 0xA97, 0xABE, 0xABF, 0xAC1, 0xACD,
        0x915, 0x93E, 0x94D, 0x4E2D, 0x3000, 0x303F, 0xFF21, 0xFF61, 0x1100, 0x1160, 0x11A8,
        0xAC00, 0xD7B0, 0x1F600, 0x1F469, 0x1F3FB, 0x1F1EB, 0x2764, 0x231A, 0x20E3, 0xFE0F,
        0x200B, 0x200D, 0xAD, 0xFEFF, 0x2028, 0x20000, 0xE000, 0x1F004, 0x2E3A, 0x27E8,
    ])
    func scalarWidthAgreesWithGlibc(value: Int) throws {
        let scalar = try #require(Unicode.Scalar(UInt32(value)))
        let glibc = TerminalBackend.libcWidth(scalar)
        try #require(glibc != -2, "C.UTF-8 locale is not available")
        #expect(DisplayWidth.of(scalar) == max(0, glibc), "U+\(String(value, radix: 16, uppercase: true))")
    }

    /// Every scalar glibc considers printable gets the same width from DisplayWidth.
    /// Known exception: U+1171E AHOM CONSONANT SIGN MEDIAL RA became a spacing mark in
    /// Unicode 15 (Swift's tables); glibc 2.36 still has Unicode 14's nonspacing mark.
    @Test func everyPrintableScalarAgreesWithGlibc() throws {
        try #require(TerminalBackend.libcWidth("A") == 1, "C.UTF-8 locale is not available")
        let exceptions: Set<UInt32> = [0x1171E]
        var mismatches: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), !exceptions.contains(value) else { continue }
            let glibc = TerminalBackend.libcWidth(scalar)
            guard glibc >= 0 else { continue }
            if DisplayWidth.of(scalar) != glibc {
                mismatches.append("U+\(String(value, radix: 16, uppercase: true)): glibc \(glibc), ours \(DisplayWidth.of(scalar))")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }
}
