import Foundation
import Testing
@testable import MinutesCore

/// Replay with parsing on a second thread gives exactly what the one-thread pass gives.
@Suite struct ParallelReplayTests {
    /// A few thousand lines (many batches), with every kind of trouble replay reports.
    static func journal(outOfOrder: Bool) -> String {
        var b = JournalBuilder(seed: 11)
        b.person("KP", "Kim Patel")
        b.person("DD", "Dawn Doyle")
        b.group("be-safe")
        b.project("be-safe/1", "Training")
        b.project("be-safe/2", "Directory")
        var open: [EventID] = []
        for m in 0..<300 {
            let date = Day(ordinal: Day.parseISO("2024-01-08")!.ordinal + Int32(14 * m))
            b.on(date.iso)
            b.add(.meeting(MeetingFields(group: "be-safe", date: date, present: ["KP", "DD"])))
            for f in open.prefix(3) { b.add(.done(ref: f, meeting: date, outcome: "ok")) }
            open.removeFirst(min(3, open.count))
            for n in 1...2 {
                let ref = ProjectRef(group: "be-safe", number: n)
                b.add(.note(ref, meeting: date, text: "Note \(m).\(n) — café 会議 👍🏽"))
                open.append(b.add(.todo(ref, meeting: date, owners: [.initials(m % 2 == 0 ? "KP" : "ZZ")], text: "Follow up \(m)")))
                b.add(.rate(ref, meeting: date, rating: .good, comment: nil))
            }
            if m % 10 == 0 { b.add(.retract(ref: open.removeLast(), reason: nil)) }
        }
        var lines = b.lines
        lines.insert("2024-03-01T00:00:00.000Z 0000000000zz note project=be-safe/1 text=\"unclosed", at: 700)
        lines.insert(lines[900], at: 901)  // a duplicated line
        lines.insert("# a comment", at: 1500)
        if outOfOrder { lines.swapAt(lines.count - 700, lines.count - 300) }
        return journalText(lines) + "2024-12-01T00:00:00.000Z 1234"  // torn last line
    }

    @Test(arguments: [false, true])
    func parallelAndOneThreadReplaysAgree(outOfOrder: Bool) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("minutes.journal")
        try ParallelReplayTests.journal(outOfOrder: outOfOrder).write(toFile: path, atomically: false, encoding: .utf8)
        let one = try JournalLoader.load(path: path, asOf: nil, parallel: false)
        let two = try JournalLoader.load(path: path, asOf: nil, parallel: true)
        #expect(canonicalDump(two.state) == canonicalDump(one.state))
        #expect(describe(two.diagnostics) == describe(one.diagnostics))
        #expect(two.lineCount == one.lineCount)
        #expect(two.validLength == one.validLength)
        #expect(two.tornLine == one.tornLine)
        #expect(two.wasReordered == one.wasReordered)
        #expect(two.wasReordered == outOfOrder)
        #expect(two.lastEvent == one.lastEvent)
        #expect(one.diagnostics.contains { $0.message.contains("unknown initials ZZ") })
        #expect(one.state.eventCount > 1000)
    }

    /// A problem with the first line travels with its batch, as every other line's does.
    @Test func aBadHeaderIsReportedTheSameWayOnTwoThreads() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("minutes.journal")
        let text = ParallelReplayTests.journal(outOfOrder: false)
        let wrongVersion = "minutes-journal 9" + text.drop { $0 != "\n" }
        try wrongVersion.write(toFile: path, atomically: false, encoding: .utf8)
        let one = try JournalLoader.load(path: path, asOf: nil, parallel: false)
        let two = try JournalLoader.load(path: path, asOf: nil, parallel: true)
        #expect(describe(two.diagnostics) == describe(one.diagnostics))
        #expect(canonicalDump(two.state) == canonicalDump(one.state))
        #expect(two.diagnostics.contains { $0.line == 1 && $0.message.contains("version '9'") })
    }

    @Test func aMissingFileStillThrows() {
        #expect(throws: (any Error).self) { try JournalLoader.load(path: "/nonexistent/minutes.journal", asOf: nil, parallel: true) }
    }
}
