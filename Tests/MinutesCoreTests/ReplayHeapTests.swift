import Foundation
import Testing
@testable import MinutesCore

/// Replay of a large journal prepares glibc's heap for huge pages, and nothing else changes.
///
/// A test here runs on a thread other than the process's main one, where `prepare` does
/// nothing whatever the size: these tests check the size rule and that other threads are
/// left alone. That the heap is marked, and that the app then shows the same journal the
/// same, is checked on the running app, whose replay runs on the main thread
/// (`HugePageHeapTests` among the command-line tests).
@Suite struct ReplayHeapTests {
    @Test func aSmallJournalLeavesTheHeapAlone() {
        #expect(!ReplayHeap.prepare(fileSize: ReplayHeap.minimumFileSize - 1))
        #expect(ReplayHeap.bytesToPrepare(fileSize: ReplayHeap.minimumFileSize - 1) == nil)
        #expect(ReplayHeap.bytesToPrepare(fileSize: 0) == nil)
    }

    @Test func aLargeJournalGetsAboutItsSizeOfHeap() {
        #expect(ReplayHeap.bytesToPrepare(fileSize: ReplayHeap.minimumFileSize) == ReplayHeap.minimumFileSize)
        #expect(ReplayHeap.bytesToPrepare(fileSize: 129_000_000) == 129_000_000)
    }

    /// Another thread allocates from a heap of its own, which growing the main one would not help.
    @Test func onlyTheMainThreadPreparesTheHeap() async {
        let marked = await Task.detached { ReplayHeap.prepare(bytes: 16 << 20) }.value
        #expect(marked.isEmpty)
    }

    /// A journal past that size replays from its file exactly as from memory: the file path,
    /// which calls `prepare` and `finish` around replay, changes nothing else.
    @Test func aLargeJournalReplaysTheSameWithThePreparedHeap() throws {
        var b = JournalBuilder(seed: 23)
        b.person("KP", "Kim Patel")
        b.group("be-safe")
        b.project("be-safe/1", "Training")
        var open: [EventID] = []
        for m in 0..<200 {
            let date = Day(ordinal: Day.parseISO("2024-01-08")!.ordinal + Int32(14 * m))
            b.on(date.iso)
            b.add(.meeting(MeetingFields(group: "be-safe", date: date, present: ["KP"])))
            if let f = open.first { b.add(.done(ref: f, meeting: date, outcome: "rang Zoë")); open.removeFirst() }
            let ref = ProjectRef(group: "be-safe", number: 1)
            open.append(b.add(.todo(ref, meeting: date, owners: [.initials("KP")], text: "Follow up \(m) — 会議")))
        }
        // Comment lines fill the file past the size cheaply; replay reads and skips each.
        let padding = "# " + String(repeating: "padding ", count: 1_000)
        let lines = b.lines + Array(repeating: padding, count: ReplayHeap.minimumFileSize / padding.utf8.count + 1)
        let text = journalText(lines)
        #expect(text.utf8.count >= ReplayHeap.minimumFileSize)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("minutes.journal")
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let fromFile = try JournalLoader.load(path: path)
        let fromMemory = JournalLoader.load(text: text)
        #expect(canonicalDump(fromFile.state) == canonicalDump(fromMemory.state))
        #expect(describe(fromFile.diagnostics) == describe(fromMemory.diagnostics))
        #expect(fromFile.state.eventCount > 400)
    }
}
