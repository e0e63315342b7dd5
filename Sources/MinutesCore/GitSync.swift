import Foundation

/// What `GitSync.sync` did.
public struct SyncReport: Sendable {
    public var journal: String
    /// The journal (or `.gitattributes`/`.gitignore`) had changes and they were committed.
    public var committed = false
    /// Changes from the remote were merged in.
    public var merged = false
    /// Local commits were pushed.
    public var pushed = false
    /// The remote used, or nil when the repository has none (then only the commit is made).
    public var remote: String?
    /// `.gitattributes` was given the journal's `merge=union` line.
    public var attributesAdded = false
    /// What was done, one line per step, for the user.
    public var steps: [String] = []
    /// Everything replay found after the sync (with line numbers).
    public var diagnostics: [Diagnostic] = []
    /// Lines that look like conflict markers (there should never be any).
    public var conflictMarkerLines: [Int] = []

    /// Two different closing decisions on one follow-up, typically made on two machines:
    /// both stay in the journal, the later stands, and the user should look.
    public var conflicts: [Diagnostic] { diagnostics.filter { $0.message.contains("conflicting decisions") } }

    public init(journal: String) { self.journal = journal }
}

/// Why a sync stopped.
public enum GitSyncError: Error, Sendable, CustomStringConvertible {
    case gitMissing
    case notARepository(String)
    case detachedHead
    case tornLastLine(journal: String, line: Int)
    case gitFailed(command: String, status: Int32, output: String)
    case mergeFailed(files: [String], output: String)
    case attributesNotApplied(String)
    /// The journal has errors or conflict markers: they are not committed or pushed.
    case journalHasProblems(journal: String, problems: [Diagnostic], sourceLines: [Int: String])
    /// The repository is in the middle of a merge, rebase, cherry-pick or revert.
    case operationInProgress(String)
    /// What was merged in has errors: nothing was pushed.
    case mergedJournalHasProblems(journal: String, problems: [Diagnostic], sourceLines: [Int: String])

    public var description: String {
        switch self {
        case .gitMissing:
            return "git was not found on PATH; install git to sync"
        case .notARepository(let dir):
            return "\(dir) is not in a git repository; set one up with: git init (and git remote add origin URL)"
        case .detachedHead:
            return "the repository is not on a branch (detached HEAD); check out a branch first"
        case .tornLastLine(let j, let line):
            return "\(j): line \(line) is incomplete (a torn write); run minutes repair -f \(j) before syncing"
        case .gitFailed(let command, let status, let output):
            return "git \(command) failed (exit \(status)): \(output.trimmingCharacters(in: .whitespacesAndNewlines))"
        case .mergeFailed(let files, let output):
            return "the merge was abandoned, nothing was changed: conflicts in \(files.joined(separator: ", ")); "
                + output.trimmingCharacters(in: .whitespacesAndNewlines)
        case .attributesNotApplied(let path):
            return "git does not apply merge=union to \(path); check .gitattributes"
        case .journalHasProblems(let j, let problems, let sources):
            return GitSyncError.listing(j, problems, sources,
                                        "not synced: the journal has \(problems.count) problem\(problems.count == 1 ? "" : "s"); nothing was committed or pushed, fix them first (see: minutes check -f \(j))")
        case .operationInProgress(let what):
            return "not synced: " + what
        case .mergedJournalHasProblems(let j, let problems, let sources):
            return GitSyncError.listing(j, problems, sources,
                                        "not pushed: the journal merged from the remote has \(problems.count) problem\(problems.count == 1 ? "" : "s"); the merge is committed here only, fix them (see: minutes check -f \(j)) and sync again")
        }
    }
}

extension GitSyncError {
    /// A first line, then each problem as `FILE:LINE:COL: …` with its hint.
    static func listing(_ journal: String, _ problems: [Diagnostic], _ sources: [Int: String], _ first: String) -> String {
        var lines = ["\(journal): \(first)"]
        for d in problems.prefix(20) {
            lines.append(ConflictAdvice.advised(d, sourceLine: sources[d.line]).rendered(file: journal, sourceLine: sources[d.line]))
        }
        if problems.count > 20 { lines.append("… and \(problems.count - 20) more") }
        return lines.joined(separator: "\n")
    }
}

/// `minutes sync`: commits the journal, merges what others pushed, pushes, and replays.
///
/// The journal is append-only text, one event per line, so git's `union` merge driver
/// (set in `.gitattributes`) merges two copies that both grew by keeping the lines of both,
/// with no conflict markers. Replay sorts the merged lines by time, replays a line that
/// both sides have only once, and reports two different decisions on one follow-up as
/// "conflicting decisions" (both kept, the later stands), which the report surfaces.
///
/// It refuses to publish damage: in the middle of a merge or rebase it stops and says how to
/// finish or abort; a journal with errors, conflict markers or a torn last line is neither
/// committed nor pushed (the problems are named FILE:LINE:COL); a merge that brings damage in
/// is not pushed. The sync holds the journal's lock while it checks, commits and merges, and
/// lets go of it while it talks to the remote, so the app and the command line can keep
/// writing (what they wrote is committed before the merge). A caller holding the lock for
/// longer may pass it. Afterwards the journal is a new file (git replaced it): an open
/// session notices (`refresh()`), replays and reopens its writer.
public struct GitSync: Sendable {
    public let journalPath: String
    /// Extra environment for git (tests isolate git from the user's configuration with it).
    public var environment: [String: String]
    public var gitExecutable: String?

    public init(journalPath: String, gitExecutable: String? = nil, environment: [String: String] = [:]) {
        self.journalPath = journalPath
        self.gitExecutable = gitExecutable
        self.environment = environment
    }

    /// Runs one sync. `message` is the commit message (a default names the host).
    public func sync(message: String? = nil, lock: JournalLock? = nil,
                     lockWait: Duration = JournalLock.defaultWait) throws -> SyncReport {
        var report = SyncReport(journal: journalPath)
        guard let gitPath = gitExecutable ?? GitSync.findGit(in: environment["PATH"] ?? ProcessInfo.processInfo.environment["PATH"]) else {
            throw GitSyncError.gitMissing
        }
        let url = URL(fileURLWithPath: journalPath).standardizedFileURL
        let name = url.lastPathComponent
        var git = Git(executable: gitPath, environment: environment, directory: url.deletingLastPathComponent().path)

        let probe = try git.run(["rev-parse", "--show-toplevel", "--show-prefix", "--absolute-git-dir"])
        guard probe.status == 0 else { throw GitSyncError.notARepository(git.directory) }
        // Three lines: the top folder, the journal folder's path inside it (maybe empty), the git folder.
        let lines = probe.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 3 else { throw GitSyncError.notARepository(git.directory) }
        let top = lines[0], prefix = lines[1], gitDir = lines[2]
        git.directory = top
        // Git's own temporary files stay inside the repository, never in /tmp.
        git.environment["TMPDIR"] = gitDir
        let rel = prefix + name

        var ownLock: JournalLock?
        if lock == nil { ownLock = try JournalLock.acquire(journal: journalPath, wait: lockWait, program: "minutes sync") }
        defer { ownLock?.release() }

        try GitSync.refuseUnfinishedOperation(git, gitDir: gitDir)
        try GitSync.refuseDamage(journalPath, merged: false)
        try GitSync.makePrivate(journalPath)

        // 1. Union merges for the journal; lock, draft and side files never committed.
        var paths = [rel]
        if try ensureUnionMerge(git, rel: rel, top: top) {
            report.attributesAdded = true
            report.steps.append("added '\(rel) merge=union' to .gitattributes")
        }
        if try git.check(["ls-files", "--error-unmatch", "--", ":(literal).gitattributes"]) || report.attributesAdded {
            paths.append(".gitattributes")
        }
        if try ensureIgnored(git, rel: rel, prefix: prefix, name: name, top: top) {
            report.steps.append("added the journal's lock, draft and side files to .gitignore")
            paths.append(".gitignore")
        }

        // 2. Commit (only these paths, whatever else is staged; names taken literally).
        let pathspecs = paths.map { ":(literal)" + $0 }
        func commitIfChanged() throws -> Bool {
            try git.must(["add", "--"] + pathspecs)
            guard try !git.check(["diff", "--cached", "--quiet", "--"] + pathspecs) else { return false }
            let text = message ?? "minutes: journal from \(JournalLock.hostName)"
            try git.must(["commit", "--quiet", "-m", text, "--"] + pathspecs)
            report.committed = true
            return true
        }
        report.steps.append(try commitIfChanged() ? "committed \(rel)" : "\(rel) had no changes to commit")

        // 3. Merge what others pushed, then push; again if someone pushed in between.
        let remotes = try git.must(["remote"]).split(separator: "\n").map(String.init)
        if remotes.isEmpty {
            report.steps.append("no remote configured: nothing pulled or pushed")
        } else {
            let branchProbe = try git.run(["symbolic-ref", "--quiet", "--short", "HEAD"])
            guard branchProbe.status == 0 else { throw GitSyncError.detachedHead }
            let branch = branchProbe.out.trimmingCharacters(in: .whitespacesAndNewlines)
            let configuredRemote = try git.run(["config", "--get", "branch.\(branch).remote"])
            let remote = configuredRemote.status == 0
                ? configuredRemote.out.trimmingCharacters(in: .whitespacesAndNewlines)
                : (remotes.contains("origin") ? "origin" : remotes[0])
            let configuredMerge = try git.run(["config", "--get", "branch.\(branch).merge"])
            let mergeRef = configuredMerge.status == 0
                ? configuredMerge.out.trimmingCharacters(in: .whitespacesAndNewlines) : "refs/heads/\(branch)"
            let remoteBranch = mergeRef.hasPrefix("refs/heads/") ? String(mergeRef.dropFirst(11)) : mergeRef
            let tracking = "refs/remotes/\(remote)/\(remoteBranch)"
            report.remote = remote

            var attempt = 0
            while true {
                attempt += 1
                // The network is used without the lock, so the app and the command line keep
                // writing meanwhile; the lock is taken again to commit what they wrote and merge.
                if lock == nil { ownLock?.release(); ownLock = nil }
                try git.must(["fetch", "--quiet", remote])
                let hasRemoteBranch = try git.check(["rev-parse", "--verify", "--quiet", tracking])
                if hasRemoteBranch, try !git.check(["merge-base", "--is-ancestor", tracking, "HEAD"]) {
                    if lock == nil { ownLock = try JournalLock.acquire(journal: journalPath, wait: lockWait, program: "minutes sync") }
                    try GitSync.refuseDamage(journalPath, merged: false)
                    if try commitIfChanged() { report.steps.append("committed entries written during the sync") }
                    let merge = try git.run(["merge", "--no-edit", "--quiet", tracking])
                    if merge.status != 0 {
                        let files = try git.run(["diff", "--name-only", "--diff-filter=U"]).out
                            .split(separator: "\n").map(String.init)
                        _ = try git.run(["merge", "--abort"])
                        throw GitSyncError.mergeFailed(files: files, output: merge.out + merge.err)
                    }
                    try GitSync.makePrivate(journalPath)
                    // What came in may be damaged (a torn line someone committed with plain git
                    // lands mid-file after a union merge): never pass it on.
                    try GitSync.refuseDamage(journalPath, merged: true)
                    report.merged = true
                    report.steps.append("merged changes from \(remote)/\(remoteBranch)")
                    if lock == nil { ownLock?.release(); ownLock = nil }
                }
                if hasRemoteBranch, try git.check(["merge-base", "--is-ancestor", "HEAD", tracking]) {
                    report.steps.append("\(remote)/\(remoteBranch) already has everything")
                    break
                }
                var push = ["push", "--quiet"]
                if configuredRemote.status != 0 { push.append("--set-upstream") }
                let pushed = try git.run(push + [remote, "HEAD:\(mergeRef)"])
                if pushed.status == 0 {
                    report.pushed = true
                    report.steps.append("pushed to \(remote)/\(remoteBranch)")
                    break
                }
                if attempt >= 3 {
                    throw GitSyncError.gitFailed(command: "push", status: pushed.status, output: pushed.err)
                }
            }
        }

        // 4. Replay what the merge made.
        let after = try JournalLoader.load(path: journalPath)
        report.diagnostics = after.diagnostics
        report.conflictMarkerLines = GitSync.conflictMarkerLines(in: journalPath)
        return report
    }

    // MARK: - Refusing to publish damage

    /// Refuses to sync in the middle of a merge, rebase, cherry-pick or revert, saying how to
    /// finish or abort it: committing then would stage whatever half-resolved state (conflict
    /// markers) is in the files.
    static func refuseUnfinishedOperation(_ git: Git, gitDir: String) throws {
        func exists(_ name: String) -> Bool { access(gitDir + "/" + name, F_OK) == 0 }
        if exists("rebase-merge") || exists("rebase-apply") {
            throw GitSyncError.operationInProgress(
                "a git rebase is in progress; resolve the conflicts, git add the files and run git rebase --continue, or undo it with git rebase --abort, then sync again")
        }
        if exists("MERGE_HEAD") {
            throw GitSyncError.operationInProgress(
                "a git merge is in progress; resolve the conflicts (minutes check shows conflict markers), git add the files and git commit, or undo it with git merge --abort, then sync again")
        }
        if exists("CHERRY_PICK_HEAD") {
            throw GitSyncError.operationInProgress("a git cherry-pick is in progress; finish it with git cherry-pick --continue or undo it with git cherry-pick --abort, then sync again")
        }
        if exists("REVERT_HEAD") {
            throw GitSyncError.operationInProgress("a git revert is in progress; finish it with git revert --continue or undo it with git revert --abort, then sync again")
        }
        let unmerged = try git.run(["ls-files", "--unmerged"])
        if unmerged.status == 0, !unmerged.out.isEmpty {
            throw GitSyncError.operationInProgress("some files have unresolved conflicts (git status lists them); resolve them first, then sync again")
        }
    }

    /// Runs the journal check: errors (conflict markers among them) or a torn last line
    /// stop the sync before anything is committed or pushed.
    static func refuseDamage(_ journal: String, merged: Bool) throws {
        let loaded = try JournalLoader.load(path: journal)
        var problems = loaded.diagnostics.errors
        for line in conflictMarkerLines(in: journal) where !problems.contains(where: { $0.line == line }) {
            problems.append(.error(line: line, "a git conflict marker", hint: "remove the marker lines, keeping the entries of both sides"))
        }
        if !merged, problems.isEmpty, let torn = loaded.tornLine { throw GitSyncError.tornLastLine(journal: journal, line: torn) }
        if let torn = loaded.tornLine { problems.append(.error(line: torn, "incomplete last line (no line break at its end)", hint: "run: minutes repair -f \(journal)")) }
        guard !problems.isEmpty else { return }
        problems = problems.sortedByPlace()
        let sources = JournalLoader.sourceLines(path: journal, numbers: Set(problems.map(\.line)))
        if merged { throw GitSyncError.mergedJournalHasProblems(journal: journal, problems: problems, sourceLines: sources) }
        throw GitSyncError.journalHasProblems(journal: journal, problems: problems, sourceLines: sources)
    }

    // MARK: - Attributes and ignores

    /// Makes sure git merges the journal with the union driver; true when `.gitattributes` changed.
    func ensureUnionMerge(_ git: Git, rel: String, top: String) throws -> Bool {
        if try GitSync.isUnion(git.must(["check-attr", "merge", "--", rel])) { return false }
        let pattern = "/" + GitSync.escapePattern(rel, forAttributes: true)
        try GitSync.appendLines(["\(pattern) merge=union"], to: top + "/.gitattributes")
        guard try GitSync.isUnion(git.must(["check-attr", "merge", "--", rel])) else {
            throw GitSyncError.attributesNotApplied(rel)
        }
        return true
    }

    static func isUnion(_ checkAttr: String) -> Bool {
        checkAttr.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix(": merge: union")
    }

    /// Keeps the lock, draft, side and temporary files of the journal out of commits; true
    /// when `.gitignore` changed.
    func ensureIgnored(_ git: Git, rel: String, prefix: String, name: String, top: String) throws -> Bool {
        let wanted: [(sample: String, pattern: String)] = [
            (rel + ".lock", rel + ".lock"),
            (rel + ".draft-1-x", rel + ".draft*"),
            (rel + ".torn-20000101T000000", rel + ".torn-*"),
            (prefix + "." + name + ".tmp-0", prefix + "." + name + ".tmp-*"),
        ]
        var missing: [String] = []
        for w in wanted where try !git.check(["check-ignore", "--quiet", "--no-index", "--", w.sample]) {
            let escaped = GitSync.escapePattern(w.pattern, forAttributes: false)
            // Keep the trailing `*` a wildcard.
            missing.append("/" + (w.pattern.hasSuffix("*") ? String(escaped.dropLast(2)) + "*" : escaped))
        }
        guard !missing.isEmpty else { return false }
        try GitSync.appendLines(missing, to: top + "/.gitignore")
        return true
    }

    /// A path as a literal gitignore/gitattributes pattern.
    static func escapePattern(_ path: String, forAttributes: Bool) -> String {
        var out = ""
        for c in path {
            if forAttributes, c.isWhitespace || c == "\"" { out.append("?"); continue }
            if "\\*?[]!# ".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    static func appendLines(_ lines: [String], to path: String) throws {
        var bytes = try SecureFile.read(path) ?? []
        if let last = bytes.last, last != 10 { bytes.append(10) }
        bytes.append(contentsOf: Array((lines.joined(separator: "\n") + "\n").utf8))
        try SecureFile.replace(path, with: bytes, mode: 0o644)
    }

    /// Git writes files with the umask's mode (often 0644): the journal goes back to 0600.
    static func makePrivate(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw JournalFileError.from(errno: errno, path: path, operation: "open") }
        defer { close(fd) }
        if fchmod(fd, SecureFile.privateMode) != 0 {
            throw JournalFileError.from(errno: errno, path: path, operation: "chmod")
        }
    }

    static func conflictMarkerLines(in path: String) -> [Int] {
        guard let bytes = try? SecureFile.read(path) else { return [] }
        var out: [Int] = []
        var number = 0
        for line in bytes.split(separator: 10, omittingEmptySubsequences: false) {
            number += 1
            let text = String(decoding: line, as: UTF8.self)
            if text.hasPrefix("<<<<<<< ") || text.hasPrefix(">>>>>>> ") || text == "=======" || text.hasPrefix("||||||| ") {
                out.append(number)
            }
        }
        return out
    }

    static func findGit(in path: String?) -> String? {
        for dir in (path ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = String(dir) + "/git"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Whether git can be found on PATH.
    public static var isGitAvailable: Bool { findGit(in: ProcessInfo.processInfo.environment["PATH"]) != nil }
}

/// Runs git in one folder, never prompting, with its output in the C locale.
struct Git {
    let executable: String
    var environment: [String: String]
    var directory: String

    init(executable: String, environment extra: [String: String], directory: String) {
        self.executable = executable
        self.directory = directory
        var env = ProcessInfo.processInfo.environment
        env["GIT_TERMINAL_PROMPT"] = "0"
        env["GIT_MERGE_AUTOEDIT"] = "no"
        env["LC_ALL"] = "C"
        for (k, v) in extra { env[k] = v }
        environment = env
    }

    struct Result {
        var status: Int32
        var out: String
        var err: String
    }

    func run(_ args: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = args
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errData = Box()
        let group = DispatchGroup()
        let errHandle = err.fileHandleForReading
        DispatchQueue.global().async(group: group) { errData.data = errHandle.readDataToEndOfFile() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                      err: String(decoding: errData.data, as: UTF8.self))
    }

    /// Runs and returns the output; throws when git fails.
    @discardableResult
    func must(_ args: [String]) throws -> String {
        let r = try run(args)
        guard r.status == 0 else {
            throw GitSyncError.gitFailed(command: args.joined(separator: " "), status: r.status, output: r.err + r.out)
        }
        return r.out
    }

    /// Runs a yes/no command: exit 0 is yes, 1 is no, anything else an error.
    func check(_ args: [String]) throws -> Bool {
        let r = try run(args)
        switch r.status {
        case 0: return true
        case 1: return false
        default: throw GitSyncError.gitFailed(command: args.joined(separator: " "), status: r.status, output: r.err + r.out)
        }
    }

    private final class Box: @unchecked Sendable {
        var data = Data()
    }
}
