import Foundation
@testable import MinutesCore
import Testing

@Suite("Reliability: drafts")
struct ReliabilityDraftTests {
    @Test func draftRoundTripsAnyText() throws {
        let dir = try RelTemp("draft-roundtrip")
        let journal = try dir.journal()
        let store = DraftStore(journalPath: journal)
        #expect(try store.load() == nil)
        let text = "RO to call \"the trainer\"\\\nsecond line\twith tab, NUL \u{0} and 𝄞 zoë \u{202E}"
        let when = Timestamp(milliseconds: 1_245_931_200_000)
        try store.save(text: text, context: "note stay-safe/2", at: when)
        #expect(try store.load() == Draft(text: text, context: "note stay-safe/2", saved: when))
        try store.save(text: "shorter", context: "todo stay-safe/1", at: when)
        #expect(try store.load()?.text == "shorter")
        #expect(store.path.hasPrefix(journal + ".draft-\(getpid())-"))
        #expect(DraftStore.isDraftFile(store.path, of: journal))
        #expect(relMode(store.path) == 0o600)
        // Each save replaces the whole file: no temporary files stay behind.
        #expect(dir.names() == ["minutes.journal", (store.path as NSString).lastPathComponent])
        try store.clear()
        #expect(try store.load() == nil)
        try store.clear()
        #expect(dir.names() == ["minutes.journal"])
    }

    @Test func saveReplacesTheFileWholeSoAReaderSeesOneCompleteSave() throws {
        let dir = try RelTemp("draft-atomic")
        let journal = try dir.journal()
        let store = DraftStore(journalPath: journal)
        try store.save(text: String(repeating: "a", count: 100_000), context: "x")
        let inode = relInode(store.path)
        try store.save(text: "b", context: "y")
        #expect(relInode(store.path) != inode, "a new file is renamed over the old one")
        #expect(try store.load()?.text == "b")
    }

    @Test func garbageDraftIsReportedNotReturned() throws {
        let dir = try RelTemp("draft-garbage")
        let journal = try dir.journal()
        let store = DraftStore(journalPath: journal)
        try SecureFile.createNew(store.path, bytes: Array("{\"format\":\"other\"}".utf8))
        #expect(throws: JournalFileError.self) { try store.load() }
    }
}

/// Every private file is 0600 whatever the umask, never opened through a planted symbolic
/// link, and never copied to /tmp. Serialized: the umask is process-wide.
@Suite("Reliability: privacy of journal files", .serialized)
struct ReliabilityPrivacyTests {
    /// Runs `body` with umask 000, restoring the umask at once after.
    func withOpenUmask<T>(_ body: () throws -> T) rethrows -> T {
        let old = umask(0)
        defer { umask(old) }
        return try body()
    }

    @Test func everyFileIsCreated0600UnderUmask000() throws {
        let dir = try RelTemp("privacy-umask")
        let journal = dir.file("minutes.journal")
        try withOpenUmask { try JournalWriter.create(path: journal) }
        #expect(relMode(journal) == 0o600)

        let lock = try withOpenUmask { try JournalLock.acquire(journal: journal) }
        #expect(relMode(journal + ".lock") == 0o600)
        lock.release()

        let drafts = DraftStore(journalPath: journal)
        try withOpenUmask { try drafts.save(text: "private", context: "note") }
        #expect(relMode(drafts.path) == 0o600)

        try relAppend(journal, "2009-01-2")
        let outcome = try withOpenUmask { try JournalRepair.repair(path: journal) }
        guard case .moved(let m) = outcome, let side = m.sideFile else {
            Issue.record("repair did not move the torn tail")
            return
        }
        #expect(relMode(side) == 0o600)
        #expect(relMode(journal) == 0o600, "the rewritten journal")

        let replaced = dir.file("replaced")
        try withOpenUmask { try SecureFile.replace(replaced, with: [1, 2, 3]) }
        #expect(relMode(replaced) == 0o600)
    }

    @Test func plantedLinksAreNeverFollowed() throws {
        let dir = try RelTemp("privacy-links")
        let journal = try dir.journal()
        let target = dir.file("elsewhere")
        try SecureFile.createNew(target, bytes: Array("target".utf8))
        chmod(target, 0o644)

        // The journal itself.
        let linkedJournal = dir.file("linked.journal")
        symlink(journal, linkedJournal)
        #expect(throws: JournalFileError.self) { try JournalWriter(path: linkedJournal) }
        symlink(target, dir.file("new.journal"))
        #expect(throws: JournalFileError.self) { try JournalWriter.create(path: dir.file("new.journal")) }

        // The lock file.
        symlink(target, journal + ".lock")
        do {
            _ = try JournalLock.acquire(journal: journal)
            Issue.record("a lock was taken through a symbolic link")
        } catch let e as JournalFileError {
            #expect(e.reason == .symlink)
        }
        #expect(JournalLock.holder(of: journal) == nil)
        unlink(journal + ".lock")

        // The draft: loading refuses the link; saving replaces the link, never the target.
        let drafts = DraftStore(journalPath: journal)
        symlink(target, drafts.path)
        #expect(throws: JournalFileError.self) { try drafts.load() }
        try drafts.save(text: "secret", context: "note")
        var st = stat()
        #expect(lstat(drafts.path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG)

        // The repair side file: a link at its name is skipped, never written through.
        let noon = Date(timeIntervalSince1970: 1_245_931_200)
        symlink(target, JournalRepair.sideFilePath(for: journal, at: noon))
        try relAppend(journal, "2009-01-2")
        guard case .moved(let m) = try JournalRepair.repair(path: journal, now: noon) else {
            Issue.record("repair did not move the torn tail")
            return
        }
        #expect(m.sideFile == JournalRepair.sideFilePath(for: journal, at: noon) + "-2")

        // Exclusive creation refuses a link (temporary files are created this way).
        symlink(target, dir.file("temp-link"))
        #expect(throws: JournalFileError.self) { try SecureFile.open(dir.file("temp-link"), flags: O_WRONLY, exclusive: true) }
        symlink(target, dir.file("planted"))
        #expect(throws: JournalFileError.self) { try SecureFile.createNew(dir.file("planted"), bytes: [1]) }

        #expect(relRead(target) == Array("target".utf8))
        #expect(relMode(target) == 0o644)
    }

    @Test func nothingIsWrittenToTmp() throws {
        let dir = try RelTemp("privacy-tmp")
        let name = "private-\(UInt64.random(in: 0...UInt64.max)).journal"
        func tmpEntries() -> Set<String> {
            var out = Set<String>()
            for folder in Set(["/tmp", "/var/tmp", ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"]) {
                for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] { out.insert(entry) }
            }
            return out
        }
        let before = tmpEntries()
        let journal = dir.file(name)
        try JournalWriter.create(path: journal)
        let app = try JournalSession(path: journal, locking: .session())
        try app.record(.person(Person(initials: "RO", name: "Rosa Okafor")))
        let drafts = DraftStore(journalPath: journal)
        try drafts.save(text: "private", context: "note")
        try relAppend(journal, "2009")
        _ = try app.refresh()
        _ = try JournalRepair.repair(path: journal, lock: app.lock)
        _ = try app.refresh()
        try app.record(.person(Person(initials: "JB", name: "Jamal Bashir")))
        try drafts.clear()
        let added = tmpEntries().subtracting(before)
        #expect(!added.contains { $0.contains(name) })
        // Everything created is next to the journal.
        #expect(dir.names().allSatisfy { $0.hasPrefix(name) })
    }
}
