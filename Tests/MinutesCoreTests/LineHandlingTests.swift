import Foundation
import Testing
@testable import MinutesCore

/// Torn last lines, line ends, byte order marks, blank lines and comments.
@Suite struct LineHandlingTests {
    func smallJournal() -> JournalBuilder {
        var b = JournalBuilder()
        b.group("g")
        b.project("g/1")
        b.meeting("g", "2024-01-10")
        b.note("g/1", "first")
        b.note("g/1", "second")
        return b
    }

    @Test func invalidUTF8IsFoundAtEveryOffsetAndValidTextNextToItIsNot() {
        // The check reads eight and sixteen bytes at a time: put the bad byte, and valid
        // multi-byte text, at every offset across those widths and at the very end.
        var parser = JournalParser()
        for n in 0..<40 {
            for after in 0..<3 {
                let bad = Array("#".utf8) + Array(repeating: UInt8(ascii: "a"), count: n) + [0xFF]
                    + Array(repeating: UInt8(ascii: "b"), count: after)
                guard case .failure(let d) = bad.withUnsafeBufferPointer({ parser.parse(line: $0, number: 7) }) else {
                    Issue.record("no error for the bad byte after \(n) bytes")
                    continue
                }
                #expect(d.message == "invalid UTF-8")
                #expect(d.line == 7)
                #expect(d.column == n + 2)
                let text = "2024-01-10T09:00:00.000Z nyqr6vj34cws note project=g/1 text=\""
                    + String(repeating: "a", count: n) + "é中🎉" + String(repeating: "b", count: after) + "\""
                guard case .event(let e) = parser.parse(text) else {
                    Issue.record("no event for valid text after \(n) bytes")
                    continue
                }
                #expect(e.body == .note(ProjectRef(group: "g", number: 1), meeting: nil,
                                        text: String(repeating: "a", count: n) + "é中🎉" + String(repeating: "b", count: after)))
            }
        }
    }

    @Test func aLastLineWithoutALineBreakIsAWarningAndLeftOut() {
        var b = smallJournal()
        let complete = b.text
        b.note("g/1", "torn")
        let torn = String(b.text.dropLast())  // no line feed at the end
        let j = JournalLoader.load(text: torn)
        let lineCount = b.events.count + 1
        #expect(!j.hasErrors)
        #expect(j.tornLine == lineCount)
        #expect(j.lineCount == lineCount)
        #expect(j.validLength == complete.utf8.count)
        #expect(j.diagnostics.count == 1)
        #expect(j.diagnostics.first?.severity == .warning)
        #expect(j.diagnostics.first?.line == lineCount)
        #expect(j.diagnostics.first?.message.contains("incomplete last line") == true)
        // Nothing else is lost: the state is the one of the complete lines.
        #expect(canonicalDump(j.state) == canonicalDump(JournalLoader.load(text: complete).state))
    }

    @Test func aTornTailThatIsNotEvenAnEventIsOnlyLeftOut() {
        let b = smallJournal()
        let j = JournalLoader.load(text: b.text + "2024-01-10T09:00:0")
        #expect(!j.hasErrors)
        #expect(j.tornLine == b.events.count + 2)
        #expect(j.state.notes(of: proj("g/1")).count == 2)
    }

    @Test func aFileWithoutATornTailReportsNone() {
        let j = smallJournal().load()
        #expect(j.tornLine == nil)
        #expect(j.diagnostics.isEmpty)
        #expect(j.validLength == smallJournal().text.utf8.count)
    }

    @Test func crlfLineEndsAreAccepted() {
        let b = smallJournal()
        let crlf = b.text.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(crlf.utf8.filter { $0 == 13 }.count == b.events.count + 1)
        let j = JournalLoader.load(text: crlf)
        #expect(j.diagnostics.isEmpty, "\(describe(j.diagnostics))")
        #expect(canonicalDump(j.state) == canonicalDump(b.load().state))
    }

    @Test func mixedLineEndsAreAccepted() {
        let b = smallJournal()
        let mixed = b.lines.enumerated().map { $1 + ($0 % 2 == 0 ? "\r\n" : "\n") }.joined()
        let j = JournalLoader.load(text: EventWriter.header + "\r\n" + mixed)
        #expect(j.diagnostics.isEmpty, "\(describe(j.diagnostics))")
        #expect(canonicalDump(j.state) == canonicalDump(b.load().state))
    }

    @Test func aUTF8ByteOrderMarkBeforeTheHeaderIsAccepted() {
        let b = smallJournal()
        let j = JournalLoader.load(bytes: [0xEF, 0xBB, 0xBF] + Array(b.text.utf8))
        #expect(j.diagnostics.isEmpty, "\(describe(j.diagnostics))")
        #expect(canonicalDump(j.state) == canonicalDump(b.load().state))
    }

    @Test func blankLinesAndCommentsAreIgnored() {
        let b = smallJournal()
        var lines = [EventWriter.header, "", "# a comment", "   ", "\t", "   # an indented comment", "#"]
        for l in b.lines { lines += [l, "", "# after \(l.prefix(10))"] }
        let text = lines.map { $0 + "\n" }.joined()
        let j = JournalLoader.load(text: text)
        #expect(j.diagnostics.isEmpty, "\(describe(j.diagnostics))")
        #expect(canonicalDump(j.state) == canonicalDump(b.load().state))
    }

    @Test func aHashInsideALineIsNotAComment() {
        let j = JournalLoader.load(text: journalText([
            "2024-01-08T08:00:00.000Z 000000000001 group slug=g name=\"Group # 1\" # not a comment",
        ]))
        #expect(j.diagnostics.errors.first?.message.contains("expected a field like key=value") == true)
    }

    @Test func readingFromAFileInChunksGivesWhatReadingFromMemoryGives() throws {
        // Over 1 MiB, so lines cross the reader's chunk boundaries, with one line longer than a chunk.
        var b = JournalBuilder()
        b.group("g")
        b.project("g/1")
        b.meeting("g", "2024-01-10")
        let words = String(repeating: "words to make the line longer, é 日本 ", count: 40)
        for n in 0..<150 { b.note("g/1", "note \(n) with \(words)") }
        b.note("g/1", String(repeating: "long é ", count: 140_000))
        for n in 0..<150 { b.note("g/1", "note \(n) after the long line with \(words)") }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("big.journal")
        let bytes = Array(b.text.utf8) + Array("2024-02-01T00:00:00.000Z 0000000".utf8)  // and a torn tail
        #expect(bytes.count > 1 << 20)
        try writeBytes(bytes, to: path)
        let fromFile = try JournalLoader.load(path: path)
        let fromMemory = JournalLoader.load(bytes: bytes)
        #expect(!fromFile.hasErrors, "\(describe(fromFile.diagnostics))")
        #expect(fromFile.state.notes(of: proj("g/1")).count == 301)
        #expect(canonicalDump(fromFile.state) == canonicalDump(fromMemory.state))
        #expect(fromFile.diagnostics == fromMemory.diagnostics)
        #expect(fromFile.tornLine == b.events.count + 2)
        #expect(fromFile.validLength == b.text.utf8.count)
        #expect(fromFile.lineCount == fromMemory.lineCount)
    }

    @Test func aFileOutOfOrderIsReplayedSortedAndSaysSo() throws {
        let b = smallJournal()
        let j = JournalLoader.load(text: journalText(b.lines.reversed()))
        #expect(j.wasReordered)
        #expect(!j.hasErrors)
        #expect(canonicalDump(j.state) == canonicalDump(b.load().state))
        #expect(!b.load().wasReordered)
    }
}
