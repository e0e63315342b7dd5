import Foundation
@testable import MinutesCore
import Testing

/// `minutes sync` against real git: a bare repository and two clones in the test folder.
/// Outside CI a machine without git skips these; under CI=true a missing git fails them.
@Suite("GitSync: real git, a bare repository and two clones",
       .enabled(if: GitSync.isGitAvailable || ProcessInfo.processInfo.environment["CI"] == "true"))
struct GitSyncTests {
    let ref = ProjectRef(group: "stay-safe", number: 1)

    /// Two people's clones of one journal repository.
    struct Clones {
        let dir: RelTemp
        let env: [String: String]
        let a: String
        let b: String
        let followUp: EventID
        var journalA: String { a + "/minutes.journal" }
        var journalB: String { b + "/minutes.journal" }

        func git(_ args: [String], in folder: String) throws -> String {
            try Git(executable: GitSync.findGit(in: ProcessInfo.processInfo.environment["PATH"])!,
                    environment: env, directory: folder).must(args)
        }

        func sync(_ journal: String, lock: JournalLock? = nil) throws -> SyncReport {
            try GitSync(journalPath: journal, environment: env).sync(lock: lock)
        }
    }

    /// A bare repository; clone A creates the journal and syncs; clone B is made from it.
    func clones(_ name: String) throws -> Clones {
        try #require(GitSync.isGitAvailable, "git is missing, and CI=true: install git")
        let dir = try RelTemp(name)
        // Git sees none of this machine's configuration.
        let env = ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"]
        let bare = dir.file("shared.git"), a = dir.file("a"), b = dir.file("b")
        let git = Git(executable: GitSync.findGit(in: ProcessInfo.processInfo.environment["PATH"])!,
                      environment: env, directory: dir.path)
        func configure(_ folder: String, _ who: String) throws {
            var local = git
            local.directory = folder
            try local.must(["config", "user.name", who])
            try local.must(["config", "user.email", "\(who.lowercased())@example.org"])
        }
        try git.must(["-c", "init.defaultBranch=main", "init", "--quiet", "--bare", bare])
        try git.must(["-c", "init.defaultBranch=main", "clone", "--quiet", bare, a])
        try configure(a, "Alice")
        let todo = try RelTemp.seed(a + "/minutes.journal")
        let first = try GitSync(journalPath: a + "/minutes.journal", environment: env).sync()
        #expect(first.committed && first.pushed && first.attributesAdded)
        try git.must(["clone", "--quiet", bare, b])
        try configure(b, "Bob")
        return Clones(dir: dir, env: env, a: a, b: b, followUp: todo)
    }

    func ids(_ journal: String) throws -> Set<EventID> {
        Set(try JournalLoader.load(path: journal).state.targets.keys)
    }

    @Test(arguments: [true, false])
    func editsOnBothSidesMergeToTheSameMinutesInEitherOrder(aFirst: Bool) throws {
        let c = try clones("sync-both-\(aFirst)")
        let sa = try JournalSession(path: c.journalA)
        try sa.record(.note(ref, meeting: nil, text: "Alice: trainer booked for March"))
        try sa.record(.person(Person(initials: "AT", name: "Aoife Twomey")))
        let sb = try JournalSession(path: c.journalB)
        try sb.record(.note(ref, meeting: nil, text: "Bob: the hall is free on Fridays"))
        try sb.record(.todo(ref, meeting: nil, owners: [Owner(journalValue: "RO")], text: "RO to confirm the hall"))
        let expected = try ids(c.journalA).union(try ids(c.journalB))

        let (first, second) = aFirst ? (c.journalA, c.journalB) : (c.journalB, c.journalA)
        let r1 = try c.sync(first)
        #expect(r1.committed && r1.pushed && !r1.merged)
        let r2 = try c.sync(second)
        #expect(r2.committed && r2.merged && r2.pushed)
        let r3 = try c.sync(first)
        #expect(r3.merged && !r3.committed)

        let la = try JournalLoader.load(path: c.journalA), lb = try JournalLoader.load(path: c.journalB)
        #expect(relDump(la.state) == relDump(lb.state))
        #expect(relRead(c.journalA) == relRead(c.journalB))
        #expect(Set(la.state.targets.keys) == expected, "every entry of both sides, once")
        #expect(!la.hasErrors, "\(la.diagnostics)")
        for report in [r1, r2, r3] {
            #expect(report.conflictMarkerLines.isEmpty)
            #expect(report.conflicts.isEmpty)
        }
        #expect(!String(decoding: relRead(c.journalA), as: UTF8.self).contains("<<<<<<<"))
        // Git wrote the merged file with the umask's mode: sync made it private again.
        #expect(relMode(c.journalA) == 0o600 && relMode(c.journalB) == 0o600)
        // The sessions, still open, follow the merged files and write to them.
        _ = try sa.refresh()
        #expect(relDump(sa.state) == relDump(la.state))
        let more = try sb.record(.note(ref, meeting: nil, text: "Bob: after the sync"))
        #expect(String(decoding: relRead(c.journalB), as: UTF8.self).contains(more.id.text))
    }

    @Test func twoDifferentDecisionsOnOneFollowUpAreSurfacedOnBothSides() throws {
        let c = try clones("sync-conflict")
        try JournalSession(path: c.journalA).record(.done(ref: c.followUp, meeting: nil, outcome: "booked"))
        try JournalSession(path: c.journalB).record(.drop(ref: c.followUp, meeting: nil, reason: "no budget"))
        _ = try c.sync(c.journalA)
        let rb = try c.sync(c.journalB)
        #expect(rb.merged)
        #expect(rb.conflicts.count == 1)
        #expect(rb.conflicts.first?.message.contains(c.followUp.text) == true)
        #expect(rb.conflicts.first.map { $0.line > 0 } == true)
        let ra = try c.sync(c.journalA)
        #expect(ra.conflicts.count == 1)
        let la = try JournalLoader.load(path: c.journalA), lb = try JournalLoader.load(path: c.journalB)
        #expect(relDump(la.state) == relDump(lb.state))
        #expect(la.state.item(c.followUp)?.state.isOpen == false)
        #expect(ra.conflictMarkerLines.isEmpty && rb.conflictMarkerLines.isEmpty)
        // The advice names the command that really undoes a decision, with this line's id.
        let conflict = try #require(rb.conflicts.first)
        let source = JournalLoader.sourceLines(path: c.journalB, numbers: [conflict.line])[conflict.line]
        let laterID = try #require(source?.split(separator: " ").dropFirst().first.map(String.init))
        let advised = ConflictAdvice.advised(conflict, sourceLine: source)
        #expect(advised.hint?.contains("minutes retract \(laterID)") == true, "\(advised.hint ?? "")")
        #expect(advised.hint?.contains("retract the wrong one") == false)
        // With the replayed state, both decisions are named, each with its command.
        let both = ConflictAdvice.advised(conflict, sourceLine: source, state: try JournalLoader.load(path: c.journalB).state)
        let decisions = try JournalLoader.load(path: c.journalB).state.item(c.followUp)?.changes.map(\.id.text) ?? []
        #expect(decisions.count == 2)
        for id in decisions { #expect(both.hint?.contains("minutes retract \(id)") == true, "\(both.hint ?? "")") }
    }

    @Test func repeatedLineFromBothSidesIsReplayedOnce() throws {
        let c = try clones("sync-duplicate")
        // The same entry reaches both clones (copied by hand, or an earlier merge).
        let shared = Event(id: .random(), timestamp: Timestamp(milliseconds: 1_300_000_000_000),
                           body: .note(ref, meeting: nil, text: "Recorded on both laptops"))
        for journal in [c.journalA, c.journalB] { try relAppend(journal, EventWriter.line(for: shared) + "\n") }
        _ = try c.sync(c.journalA)
        let rb = try c.sync(c.journalB)
        _ = try c.sync(c.journalA)
        #expect(!rb.diagnostics.hasErrors, "\(rb.diagnostics)")
        let la = try JournalLoader.load(path: c.journalA)
        #expect(la.state.notes(of: ref).filter { $0.id == shared.id }.count == 1)
        #expect(relDump(la.state) == relDump(try JournalLoader.load(path: c.journalB).state))
    }

    @Test func attributesAndIgnoresKeepPrivateFilesOutOfCommits() throws {
        let c = try clones("sync-attributes")
        let attributes = String(decoding: relRead(c.a + "/.gitattributes"), as: UTF8.self)
        #expect(attributes.contains("/minutes.journal merge=union"))
        #expect(try c.git(["check-attr", "merge", "--", "minutes.journal"], in: c.b).contains("merge: union"))
        // Drafts, locks and side files stay out of git.
        try DraftStore(journalPath: c.journalB).save(text: "not for git", context: "note")
        let lock = try JournalLock.acquire(journal: c.journalB)
        try SecureFile.createNew(c.journalB + ".torn-20090625T120000", bytes: [1])
        #expect(try c.git(["status", "--porcelain", "--untracked-files=all"], in: c.b).isEmpty)
        lock.release()
        // A second sync adds nothing more.
        let again = try c.sync(c.journalA)
        #expect(!again.attributesAdded && !again.committed)
    }

    @Test func appSyncsWithItsOwnLockAndKeepsWritingToTheMergedFile() throws {
        let c = try clones("sync-app")
        try JournalSession(path: c.journalB).record(.note(ref, meeting: nil, text: "Bob's note"))
        _ = try c.sync(c.journalB)
        let app = try JournalSession(path: c.journalA, locking: .session())
        try app.record(.note(ref, meeting: nil, text: "Alice's note"))
        // From the command line, sync waits for the app's lock and refuses.
        #expect(throws: JournalLockError.self) {
            _ = try GitSync(journalPath: c.journalA, environment: c.env).sync(lockWait: .milliseconds(50))
        }
        // The app syncs with the lock it holds, then replays and writes to the merged file.
        let report = try c.sync(c.journalA, lock: app.lock)
        #expect(report.merged)
        guard case .reloaded = try app.refresh() else {
            Issue.record("the app did not notice the merge")
            return
        }
        #expect(app.state.notes(of: ref).map(\.text).contains("Bob's note"))
        let after = try app.record(.note(ref, meeting: nil, text: "Alice after the sync"))
        #expect(String(decoding: relRead(c.journalA), as: UTF8.self).contains(after.id.text))
    }

    @Test func tornJournalIsNotSynced() throws {
        let c = try clones("sync-torn")
        try relAppend(c.journalA, "2009-01-2")
        do {
            _ = try c.sync(c.journalA)
            Issue.record("a torn journal was synced")
        } catch let e as GitSyncError {
            #expect(e.description.contains("minutes repair"))
        }
    }

    @Test func journalOutsideARepositoryIsRefusedClearly() throws {
        let dir = try RelTemp("sync-no-repo")
        let (journal, _) = try dir.seededJournal()
        // The test folder is inside this package's repository: point git at a ceiling.
        let env = ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CEILING_DIRECTORIES": (dir.path as NSString).deletingLastPathComponent, "GIT_CONFIG_NOSYSTEM": "1"]
        #expect(throws: GitSyncError.self) { try GitSync(journalPath: journal, environment: env).sync() }
    }

    // MARK: Refusing to publish damage (issue 20, defect 5)

    func remoteHead(_ c: Clones) throws -> String {
        try c.git(["ls-remote", c.dir.file("shared.git"), "refs/heads/main"], in: c.a)
    }

    @Test func journalWithAnErrorIsNeitherCommittedNorPushed() throws {
        let c = try clones("sync-refuse-error")
        let remote = try remoteHead(c)
        let lines = relRead(c.journalA).filter { $0 == 10 }.count
        try relAppend(c.journalA, "2009-01-20T10:00:00.000Z 0123456789ab note project=stay-safe/1 txet=\"typo in the key\"\n")
        let head = try c.git(["rev-parse", "HEAD"], in: c.a)
        do {
            _ = try c.sync(c.journalA)
            Issue.record("a journal with an error was synced")
        } catch let e as GitSyncError {
            guard case .journalHasProblems = e else { Issue.record("\(e)"); return }
            #expect(e.description.contains("\(c.journalA):\(lines + 1):"), "\(e)")
            #expect(e.description.contains("nothing was committed or pushed"))
        }
        #expect(try remoteHead(c) == remote, "the remote changed")
        #expect(try c.git(["rev-parse", "HEAD"], in: c.a) == head, "a commit was made")
    }

    @Test func conflictMarkersAreNeverPublished() throws {
        let c = try clones("sync-refuse-markers")
        let remote = try remoteHead(c)
        try relAppend(c.journalA, "<<<<<<< HEAD\n=======\n>>>>>>> theirs\n")
        #expect(throws: GitSyncError.self) { try c.sync(c.journalA) }
        #expect(try remoteHead(c) == remote)
    }

    @Test func unresolvedMergeStopsTheSyncSayingHowToFinishOrAbort() throws {
        let c = try clones("sync-refuse-merge")
        // Both sides change the same line of another file: git pull stops with a conflict.
        try SecureFile.replace(c.a + "/README", with: Array("Alice's words\n".utf8), mode: 0o644)
        _ = try c.git(["add", "README"], in: c.a)
        _ = try c.git(["commit", "-q", "-m", "readme A"], in: c.a)
        _ = try c.git(["push", "-q", "origin", "HEAD:main"], in: c.a)
        try SecureFile.replace(c.b + "/README", with: Array("Bob's words\n".utf8), mode: 0o644)
        _ = try c.git(["add", "README"], in: c.b)
        _ = try c.git(["commit", "-q", "-m", "readme B"], in: c.b)
        #expect(throws: GitSyncError.self) { _ = try c.git(["pull", "-q", "--no-rebase", "origin", "main"], in: c.b) }
        let remote = try remoteHead(c)
        do {
            _ = try c.sync(c.journalB)
            Issue.record("sync ran in the middle of a merge")
        } catch let e as GitSyncError {
            #expect(e.description.contains("git merge --abort"), "\(e)")
            #expect(e.description.contains("git commit"), "\(e)")
        }
        #expect(try remoteHead(c) == remote)
        // A rebase in the middle: the same, with its own commands.
        _ = try c.git(["merge", "--abort"], in: c.b)
        #expect(throws: GitSyncError.self) { _ = try c.git(["rebase", "-q", "origin/main"], in: c.b) }
        do {
            _ = try c.sync(c.journalB)
            Issue.record("sync ran in the middle of a rebase")
        } catch let e as GitSyncError {
            #expect(e.description.contains("git rebase --continue") && e.description.contains("git rebase --abort"), "\(e)")
        }
        #expect(try remoteHead(c) == remote)
    }

    @Test func tornLineCommittedWithPlainGitIsNotPassedOn() throws {
        let c = try clones("sync-refuse-merged-torn")
        // Alice commits a torn line with plain git and pushes it.
        try relAppend(c.journalA, "2009-01-20T10:00:00.000Z 0123456789ab note proj")
        _ = try c.git(["commit", "-q", "-am", "plain git"], in: c.a)
        _ = try c.git(["push", "-q", "origin", "HEAD:main"], in: c.a)
        // Bob syncs his own entry: the merge brings the torn line into the middle of the file.
        try JournalSession(path: c.journalB).record(.note(ref, meeting: nil, text: "Bob's note"))
        let remote = try remoteHead(c)
        do {
            _ = try c.sync(c.journalB)
            Issue.record("a merged journal with a broken line was pushed")
        } catch let e as GitSyncError {
            guard case .mergedJournalHasProblems = e else { Issue.record("\(e)"); return }
            #expect(e.description.contains("not pushed"))
        }
        #expect(try remoteHead(c) == remote, "the damage went on to the remote")
        #expect(relMode(c.journalB) == 0o600)
    }

    @Test func appKeepsWritingWhileASyncTalksToTheRemote() throws {
        let c = try clones("sync-app-writes")
        try JournalSession(path: c.journalB).record(.note(ref, meeting: nil, text: "Bob's note"))
        _ = try c.sync(c.journalB)
        // The app (per-record locking, as it opens now) is open while the command line syncs.
        let app = try JournalSession(path: c.journalA, locking: .perRecord())
        try app.record(.note(ref, meeting: nil, text: "Alice before the sync"))
        let report = try c.sync(c.journalA)
        #expect(report.merged && report.pushed)
        try app.refresh()
        #expect(app.isWritable)
        let after = try app.record(.note(ref, meeting: nil, text: "Alice after the sync"))
        #expect(app.state.notes(of: ref).map(\.text).contains("Bob's note"))
        #expect(String(decoding: relRead(c.journalA), as: UTF8.self).contains(after.id.text))
        #expect(try c.sync(c.journalA).pushed)
        _ = try c.sync(c.journalB)
        #expect(String(decoding: relRead(c.journalB), as: UTF8.self).contains("Alice after the sync"))
    }
}
