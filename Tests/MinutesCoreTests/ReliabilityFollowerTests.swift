import Foundation
@testable import MinutesCore
import Testing

@Suite("Reliability: following the journal under a running app")
struct ReliabilityFollowerTests {
    let ref = ProjectRef(group: "stay-safe", number: 1)

    /// Replaces the journal the way `git pull` does: a new file renamed over it.
    func replace(_ path: String, with bytes: [UInt8]) throws {
        try SecureFile.replace(path, with: bytes)
    }

    @Test func nothingChangedIsUnchanged() throws {
        let dir = try RelTemp("follow-unchanged")
        let (journal, _) = try dir.seededJournal()
        var (_, follower) = try JournalFollower.load(path: journal)
        for _ in 0..<3 {
            guard case .unchanged = try follower.poll() else {
                Issue.record("an untouched journal was reported changed")
                return
            }
        }
        let app = try JournalSession(path: journal, locking: .none)
        guard case .unchanged = try app.refresh() else {
            Issue.record("an untouched journal was reported changed")
            return
        }
    }

    @Test func anotherWritersAppendIsReadIncrementallyWithLineNumbers() throws {
        let dir = try RelTemp("follow-append")
        let (journal, todo) = try dir.seededJournal()
        let lines = relRead(journal).filter { $0 == 10 }.count
        let app = try JournalSession(path: journal, locking: .none)
        let cli = try JournalSession(path: journal, locking: .none)
        let note = try cli.record(.note(ref, meeting: nil, text: "Trainer booked"))
        let done = try cli.record(.done(ref: todo, meeting: nil, outcome: "booked"))
        var (_, follower) = try JournalFollower.load(path: journal)
        try cli.record(.person(Person(initials: "JB", name: "Jamal Bashir")))
        guard case .appended(let numbered) = try follower.poll() else {
            Issue.record("the follower missed an append")
            return
        }
        #expect(numbered.map(\.line) == [lines + 3])
        guard case .appended(let events) = try app.refresh() else {
            Issue.record("the session missed the appends")
            return
        }
        #expect(events.map(\.id).prefix(2) == [note.id, done.id])
        #expect(app.state.item(todo)?.state.isOpen == false)
        #expect(relDump(app.state) == relDump(try JournalLoader.load(path: journal).state))
    }

    @Test func ownAppendsAreNotReadBack() throws {
        let dir = try RelTemp("follow-own")
        let (journal, _) = try dir.seededJournal()
        let app = try JournalSession(path: journal, locking: .session())
        for i in 0..<3 { try app.record(.note(ref, meeting: nil, text: "note \(i)")) }
        guard case .unchanged = try app.refresh() else {
            Issue.record("the session read its own appends back")
            return
        }
        #expect(app.follower.position.validLength == relRead(journal).count)
        #expect(relDump(app.state) == relDump(try JournalLoader.load(path: journal).state))
    }

    @Test func ownLinesGetTheirLineNumbers() throws {
        let dir = try RelTemp("follow-lines")
        let journal = try dir.journal()
        let app = try JournalSession(path: journal, locking: .none)
        // A follow-up without owner is a warning on its line.
        try app.record(.group(slug: "stay-safe", name: "Stay Safe", lead: nil))
        try app.record(.project(ref, headline: "Training"))
        try app.record(.todo(ref, meeting: nil, owners: [], text: "book the trainer"))
        let warning = app.state.diagnostics.first { $0.message.contains("no owner") }
        #expect(warning?.line == 4)
        #expect(JournalLoader.load(bytes: relRead(journal)).diagnostics.first { $0.message.contains("no owner") }?.line == 4)
    }

    @Test func replacedFileIsReplayedAndTheWriterMovesToTheNewFile() throws {
        let dir = try RelTemp("follow-replaced")
        let (journal, _) = try dir.seededJournal()
        let app = try JournalSession(path: journal, locking: .session())
        let oldFD = open(journal, O_RDONLY)
        defer { close(oldFD) }
        // Someone else's copy, with one more entry, replaces the file.
        let other = try JournalSession(path: journal, locking: .none)
        let pulled = other.state.lastTimestamp.milliseconds + 1000
        var bytes = relRead(journal)
        let line = EventWriter.line(for: Event(id: .random(), timestamp: Timestamp(milliseconds: pulled),
                                               body: .person(Person(initials: "JB", name: "Jamal Bashir"))))
        bytes += Array((line + "\n").utf8)
        try replace(journal, with: bytes)
        guard case .reloaded = try app.refresh() else {
            Issue.record("a replaced journal was not replayed")
            return
        }
        #expect(app.state.person("JB") != nil)
        let mine = try app.record(.person(Person(initials: "AT", name: "Aoife Twomey")))
        let now = String(decoding: relRead(journal), as: UTF8.self)
        #expect(now.contains(mine.id.text))
        #expect(now.contains("Jamal Bashir"))
        // The old file (still open here) did not get the entry.
        var st = stat()
        fstat(oldFD, &st)
        let old = try SecureFile.readAll(oldFD, path: journal, from: 0, count: Int(st.st_size))
        #expect(!String(decoding: old, as: UTF8.self).contains(mine.id.text))
    }

    @Test func recordChecksTheFileIdentityBeforeAppending() throws {
        let dir = try RelTemp("follow-identity")
        let (journal, _) = try dir.seededJournal()
        let app = try JournalSession(path: journal, locking: .session())
        let inode = relInode(journal)
        let bytes = relRead(journal)
        try replace(journal, with: bytes)
        #expect(relInode(journal) != inode)
        // No refresh first: record itself must notice.
        let mine = try app.record(.person(Person(initials: "AT", name: "Aoife Twomey")))
        #expect(String(decoding: relRead(journal), as: UTF8.self).contains(mine.id.text))
        #expect(app.writer.map { FileIdentity(device: $0.identity.device, inode: $0.identity.inode) } == FileIdentity.of(path: journal))
    }

    @Test func anotherWritersAppendIsAppliedBeforeOwnRecord() throws {
        let dir = try RelTemp("follow-before-own")
        let (journal, todo) = try dir.seededJournal()
        let app = try JournalSession(path: journal)
        let cli = try JournalSession(path: journal)
        try cli.record(.drop(ref: todo, meeting: nil, reason: "no budget"))
        // The app did not refresh: its record catches up first, so "done" is checked
        // against a state that knows the follow-up was dropped.
        _ = try app.record(.note(ref, meeting: nil, text: "We discussed the trainer"))
        #expect(app.state.item(todo)?.state.word == "dropped")
        guard case .unchanged = try app.refresh() else {
            Issue.record("lines were read twice")
            return
        }
        #expect(relDump(app.state) == relDump(try JournalLoader.load(path: journal).state))
    }

    @Test func shorterFileIsReplayed() throws {
        let dir = try RelTemp("follow-shrunk")
        let (journal, _) = try dir.seededJournal()
        let app = try JournalSession(path: journal, locking: .none)
        let bytes = relRead(journal)
        let cut = bytes[..<bytes.dropLast().lastIndex(of: 10)!] + [10]
        #expect(truncate(journal, off_t(cut.count)) == 0)
        guard case .reloaded = try app.refresh() else {
            Issue.record("a shorter journal was not replayed")
            return
        }
        #expect(app.state.eventCount == JournalLoader.load(bytes: Array(cut)).state.eventCount)
    }

    @Test func changedBytesBeforeTheOldEndAreReplayed() throws {
        let dir = try RelTemp("follow-edited")
        let (journal, _) = try dir.seededJournal()
        let app = try JournalSession(path: journal, locking: .none)
        let text = String(decoding: relRead(journal), as: UTF8.self)
        let at = text.utf8.count - text.utf8.reversed().firstIndex(of: UInt8(ascii: "b"))! - 1
        // An editor that writes in place: one letter changed near the end, and a line added.
        let fd = open(journal, O_WRONLY)
        #expect(pwrite(fd, "B", 1, off_t(at)) == 1)
        close(fd)
        try relAppend(journal, "# a comment\n")
        guard case .reloaded(let reason) = try app.refresh() else {
            Issue.record("a change before the old end was not noticed")
            return
        }
        #expect(reason.contains("before the previous end"))
    }

    @Test func sameSizeChangeIsReplayed() throws {
        let dir = try RelTemp("follow-same-size")
        let (journal, _) = try dir.seededJournal()
        let app = try JournalSession(path: journal, locking: .none)
        let fd = open(journal, O_WRONLY)
        #expect(pwrite(fd, "#", 1, off_t(relRead(journal).count - 60)) == 1)
        // A distinct modification time (file times can be coarser than two quick writes).
        var times = [timespec(tv_sec: 1_000_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000_000, tv_nsec: 0)]
        #expect(futimens(fd, &times) == 0)
        close(fd)
        guard case .reloaded = try app.refresh() else {
            Issue.record("a same-size change was not noticed")
            return
        }
    }

    @Test func olderLineAppendedIsReplayedInOrder() throws {
        let dir = try RelTemp("follow-order")
        let (journal, todo) = try dir.seededJournal()
        let app = try JournalSession(path: journal, locking: .none)
        let later = try app.record(.done(ref: todo, meeting: nil, outcome: "booked"))
        // Another laptop, with a clock behind, dropped it "earlier": replay order says done stands.
        let early = Event(id: .random(), timestamp: Timestamp(milliseconds: later.timestamp.milliseconds - 500),
                          body: .drop(ref: todo, meeting: nil, reason: "no budget"))
        try relAppend(journal, EventWriter.line(for: early) + "\n")
        guard case .reloaded(let reason) = try app.refresh() else {
            Issue.record("an out-of-order line was applied incrementally")
            return
        }
        #expect(reason.contains("out of order"))
        #expect(app.state.item(todo)?.state.word == "done")
        #expect(app.state.diagnostics.contains { $0.message.contains("conflicting decisions") })
        #expect(relDump(app.state) == relDump(try JournalLoader.load(path: journal).state))
    }

    @Test func tornAppendStopsWritingUntilTheLineIsComplete() throws {
        let dir = try RelTemp("follow-torn")
        let (journal, _) = try dir.seededJournal()
        let app = try JournalSession(path: journal, locking: .none)
        let line = EventWriter.line(for: Event(id: .random(), timestamp: .now(),
                                               body: .person(Person(initials: "JB", name: "Jamal Bashir"))))
        let bytes = Array(line.utf8)
        try relAppend(journal, Array(bytes[..<20]))
        _ = try app.refresh()
        #expect(!app.isWritable)
        #expect(app.readOnlyReason == .problems)
        #expect(app.tornLine == relRead(journal).filter { $0 == 10 }.count + 1)
        #expect(throws: RecordError.self) { try app.record(.person(Person(initials: "AT", name: "Aoife Twomey"))) }
        try relAppend(journal, Array(bytes[20...]) + [10])
        guard case .reloaded = try app.refresh() else {
            Issue.record("the completed line was not taken in")
            return
        }
        #expect(app.isWritable)
        #expect(app.tornLine == nil)
        #expect(app.state.person("JB") != nil)
    }

    @Test func removedJournalStopsWritingAndSaysSo() throws {
        let dir = try RelTemp("follow-removed")
        let (journal, _) = try dir.seededJournal()
        let app = try JournalSession(path: journal, locking: .none)
        unlink(journal)
        #expect(throws: JournalFileError.self) { try app.refresh() }
        #expect(!app.isWritable)
        #expect(app.state.groups["stay-safe"] != nil)
    }

    /// Random appends by another writer, refreshes at random moments: the followed state is
    /// always the state a full replay gives.
    @Test func incrementalStateEqualsFullReplay() throws {
        let seed = UInt64(relEnvInt("MINUTES_FOLLOW_SEED", default: 20_090_626))
        var rng = SeededGenerator(seed: seed)
        let dir = try RelTemp("follow-random")
        let (journal, _) = try dir.seededJournal()
        let app = try JournalSession(path: journal, locking: .none)
        let other = try JournalSession(path: journal, locking: .none, clock: RelClock.start(2009, 2, 1))
        var todos: [EventID] = []
        for step in 0..<150 {
            let writer = rng.next() % 3 == 0 ? app : other
            _ = try writer.refresh()
            switch rng.next() % 6 {
            case 0, 1:
                todos.append(try writer.record(.todo(ref, meeting: nil, owners: [Owner(journalValue: "RO")], text: "RO to do \(step)")).id)
            case 2 where !todos.isEmpty:
                let t = todos[Int(rng.next() % UInt64(todos.count))]
                _ = try? writer.record(rng.next() % 2 == 0 ? .done(ref: t, meeting: nil, outcome: nil)
                                                           : .drop(ref: t, meeting: nil, reason: "step \(step)"))
            case 3:
                try writer.record(.meeting(MeetingFields(group: "stay-safe", date: Day(year: 2009, month: 3, day: 1 + step % 20)!)))
            default:
                try writer.record(.note(ref, meeting: nil, text: "note \(step)"))
            }
            if rng.next() % 4 == 0 {
                _ = try app.refresh()
                #expect(relDump(app.state) == relDump(try JournalLoader.load(path: journal).state), "seed \(seed), step \(step)")
            }
        }
        _ = try app.refresh()
        #expect(relDump(app.state) == relDump(try JournalLoader.load(path: journal).state), "seed \(seed)")
    }
}

