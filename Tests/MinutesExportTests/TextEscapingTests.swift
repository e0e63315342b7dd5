import MinutesCore
import Testing
@testable import MinutesExport

@Suite struct TextEscapingTests {

    @Test func sanitizingRemovesControlsAndBidiOverridesAndTurnsTabsIntoSpaces() {
        let input = "a\u{0}b\u{7}c\u{1B}d\u{7F}e\u{9B}f\u{202E}g\u{2066}h\u{FFFE}i\tj"
        #expect(TextEscaping.sanitized(input) == "abcdefghi j")
        #expect(TextEscaping.sanitized(input, tabsAsSpaces: false) == "abcdefghi\tj")
    }

    @Test func sanitizingRemovesInvisibleCharactersThatOnlyHideText() {
        #expect(TextEscaping.sanitized("zero\u{200B}width word\u{2060}joiner bom\u{FEFF} a\u{200D}b c\u{200C}d")
            == "zerowidth wordjoiner bom ab cd")
    }

    @Test func sanitizingTurnsEveryLineBreakIntoOneLineFeed() {
        #expect(TextEscaping.sanitized("1\r\n2\r3\n4\u{85}5\u{2028}6\u{2029}7") == "1\n2\n3\n4\n5\n6\n7")
        #expect(TextEscaping.singleLine("one\r\ntwo\tthree") == "one two three")
    }

    @Test func sanitizingKeepsRightToLeftTextAndTheJoinersScriptsAndEmojiNeed() {
        // Persian needs the zero-width non-joiner, emoji sequences the joiner; bidi marks stay.
        let text = SampleReports.urdu + " " + SampleReports.gujarati + " می\u{200C}خواهم 👨\u{200D}👩\u{200D}👧 \u{200F}"
        #expect(TextEscaping.sanitized(text) == text)
    }

    @Test func xmlEscapingEscapesTheFiveSpecialCharactersAndDropsForbiddenOnes() {
        #expect(TextEscaping.xmlEscape("<a href=\"x\">Tom & Jerry's</a>")
            == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;")
        #expect(TextEscaping.xmlEscape("x\u{0}\u{8}\u{B}\u{C}\u{1F}\u{FFFF}y") == "xy")
        #expect(TextEscaping.xmlEscape("日本語 🚸") == "日本語 🚸")
    }

    @Test func htmlEscapingEscapesQuotesAndApostrophes() {
        #expect(TextEscaping.htmlEscape("<b>\"it's\" & more</b>") == "&lt;b&gt;&quot;it&#39;s&quot; &amp; more&lt;/b&gt;")
    }

    @Test func csvFieldQuotesOnlyWhenNeeded() {
        #expect(TextEscaping.csvField("plain") == "plain")
        #expect(TextEscaping.csvField("a,b") == "\"a,b\"")
        #expect(TextEscaping.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(TextEscaping.csvField("two\nlines") == "\"two\nlines\"")
        #expect(TextEscaping.csvField("") == "")
    }

    @Test(arguments: ["=1+1", "+44", "-3", "@SUM(A1)", "\rx"])
    func csvFieldNeutralisesFormulaStarts(_ field: String) {
        let escaped = TextEscaping.csvField(field)
        let unquoted = escaped.hasPrefix("\"") ? String(escaped.dropFirst().dropLast()) : escaped
        #expect(unquoted == "'" + field)
    }

    @Test func csvFieldTurnsATabIntoASpaceSoItStartsNoFormula() {
        #expect(TextEscaping.csvField("\tx") == " x")
    }

    @Test func csvFieldNeutralisesAFormulaHiddenBehindAControlCharacter() {
        #expect(TextEscaping.csvField("\u{0}=1+1") == "'=1+1")
        #expect(TextEscaping.csvField("\u{202E}@x") == "'@x")
    }

    @Test func markdownEscapingKeepsPunctuationLiteral() {
        #expect(TextEscaping.markdownCellEscape("a|b *c* _d_ `e` [f](g) ~h~ \\") == "a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) \\~h\\~ \\\\")
        #expect(TextEscaping.markdownCellEscape("<script>") == "&lt;script&gt;")
        #expect(TextEscaping.markdownCellEscape("one\ntwo") == "one<br>two")
    }

    @Test func markdownEscapingEscapesAmpersandsOnlyWhereTheyStartAnEntity() {
        #expect(TextEscaping.markdownInline("H&S") == "H&S")
        #expect(TextEscaping.markdownInline("&#x202E; &amp; &lt;") == "&amp;#x202E; &amp;amp; &amp;lt;")
    }

    @Test func markdownLineStartsThatWouldBecomeBlocksAreEscaped() {
        #expect(TextEscaping.markdownLineStart("# title") == "\\# title")
        #expect(TextEscaping.markdownLineStart("- item") == "\\- item")
        #expect(TextEscaping.markdownLineStart("2025. year") == "2025\\. year")
        #expect(TextEscaping.markdownLineStart("12 items") == "12 items")
    }
}

@Suite struct DisplayWidthTests {

    @Test func asciiIsOneColumnPerCharacter() {
        #expect(DisplayWidth.of("Hello, world") == 12)
    }

    @Test func cjkAndEmojiAreTwoColumnsWide() {
        #expect(DisplayWidth.of("家长") == 4)
        #expect(DisplayWidth.of("，") == 2)
        #expect(DisplayWidth.of("🚸") == 2)
        #expect(DisplayWidth.of("✅") == 2)
        #expect(DisplayWidth.of("👨‍👩‍👧") == 2)
        #expect(DisplayWidth.of("🇬🇧") == 2)
        #expect(DisplayWidth.of("❤️") == 2)
    }

    @Test func combiningMarksAndZeroWidthCharactersTakeNoColumns() {
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("\u{200B}") == 0)
        #expect(DisplayWidth.of("a\u{200D}b") == 2)
        // Arabic letters with a vowel mark: one column per letter.
        #expect(DisplayWidth.of("بَ") == 1)
    }
}
