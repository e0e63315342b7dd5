import MinutesCore
import Testing
@testable import MinutesExport

@Suite struct TextRendererTests {
    let text = TextRenderer.render(SampleReports.minutes)
    var lines: [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false) }

    @Test func textMatchesGoldenFile() throws {
        try Golden.assertMatches(text, named: "minutes.txt")
    }

    @Test func textLinesFitInSeventyTwoDisplayColumns() {
        for line in lines {
            #expect(DisplayWidth.of(String(line)) <= 72, "too wide (\(DisplayWidth.of(String(line)))): \(line)")
        }
    }

    @Test func textHasNoTabsControlsOrBidiOverrides() {
        #expect(!text.contains("\t"))
        #expect(!text.containsScalar { TextEscaping.isControl($0) && $0 != "\n" })
        #expect(!text.containsScalar(where: TextEscaping.isBidiControl))
        #expect(!text.contains("\r"))
    }

    @Test func textHasNoTrailingSpaces() {
        for line in lines {
            #expect(!line.hasSuffix(" "), "trailing space: \(line)")
        }
    }

    @Test func textUnderlinesTheTitleAndAlignsMetadata() {
        #expect(lines[0] == "Be Safe Working Group — minutes")
        #expect(lines[1] == String(repeating: "=", count: 31))
        #expect(lines[3] == "Date:      26 March 2025")
        #expect(lines[4] == "Present:   AB (chair), KP, DD, SM, Ling Chen (guest from the Hillview")
        #expect(lines[5] == "           parents' forum)")
    }

    @Test func textRendersTableCellsIndentedUnderTheirColumnTitles() throws {
        let start = try #require(lines.firstIndex(of: "Project 1: safer journeys to school"))
        #expect(Array(lines[start...].prefix(7)) == [
            "Project 1: safer journeys to school",
            "",
            "  Actions required",
            "    - Run a cycle-skills course for Year 6 every term.",
            "    - Map the crossings that parents report as unsafe.",
            "  Progress: 26 March 2025",
            "    12 February 2025",
        ])
        #expect(text.contains("  To do by next meeting\n    - *KP* to book the cycle trainers (from 12 February)\n"))
    }

    @Test func textWrapsWideCharactersByDisplayWidth() {
        let long = String(repeating: "家长问卷", count: 20)
        let wrapped = TextRenderer.wrap(long, width: 72, first: "    ", rest: "    ")
        #expect(wrapped.count > 1)
        for line in wrapped {
            #expect(DisplayWidth.of(line) <= 72)
        }
        #expect(wrapped.map { $0.dropFirst(4) }.joined() == long)
    }

    @Test func textWrapsAtSpacesAndKeepsEveryWord() {
        let words = (1...40).map { "word\($0)" }
        let wrapped = TextRenderer.wrap(words.joined(separator: " "), width: 30, first: "  - ", rest: "    ")
        #expect(wrapped.allSatisfy { DisplayWidth.of($0) <= 30 })
        #expect(wrapped[0].hasPrefix("  - word1 "))
        #expect(wrapped.dropFirst().allSatisfy { $0.hasPrefix("    word") })
        let pieces: [String] = wrapped.flatMap { $0.split(separator: " ").map(String.init) }
        #expect(pieces.filter { $0 != "-" } == words)
    }

    @Test func textKeepsHostileTextReadableWithoutControls() {
        #expect(text.contains("<script>alert('x')</script> & \"quoted\" [31mred bell"))
        #expect(text.contains("=cmd|' /C calc'!A0"))
    }
}
