import Foundation

/// Text being typed in the app that is not yet an entry in the journal.
public struct Draft: Sendable, Equatable {
    public var text: String
    /// Where it was being typed, in the app's own words (e.g. "note stay-safe/2"), so it can
    /// be offered back in the right place.
    public var context: String
    public var saved: Timestamp

    public init(text: String, context: String, saved: Timestamp) {
        self.text = text
        self.context = context
        self.saved = saved
    }
}

/// The process that typed a draft: enough to tell whether it still runs.
public struct DraftOwner: Sendable, Equatable {
    public var pid: Int32
    public var host: String
    /// The process's start time in clock ticks since boot (`/proc/PID/stat`), so a reused
    /// process id is not taken for the owner; nil where it cannot be read.
    public var startTicks: UInt64?

    public init(pid: Int32, host: String, startTicks: UInt64?) {
        self.pid = pid
        self.host = host
        self.startTicks = startTicks
    }

    /// This process.
    public static var current: DraftOwner {
        DraftOwner(pid: getpid(), host: JournalLock.hostName, startTicks: ProcessStart.ticks(of: getpid()))
    }

    /// Whether the owner still runs. A draft typed on another host (a shared folder) counts as
    /// running: this machine cannot tell, and a draft is never taken from a live owner.
    public var isRunning: Bool {
        guard host == JournalLock.hostName else { return true }
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        if ProcessStart.isZombie(pid) { return false }  // ended, waiting for its parent
        guard let startTicks, let now = ProcessStart.ticks(of: pid) else { return true }
        return now == startTicks
    }
}

/// A draft file of another instance of the app (or of an earlier, ended one).
public struct OtherDraft: Sendable, Equatable {
    public var path: String
    public var draft: Draft
    /// Nil for a draft written by a version of minutes that did not record its owner (the
    /// single `<journal>.draft`): it counts as left behind.
    public var owner: DraftOwner?

    /// Whether the instance that typed it has ended: only then may the draft be restored
    /// (`DraftStore.adopt`); a live instance's draft may only be shown.
    public var isLeftBehind: Bool { !(owner?.isRunning ?? false) }
}

/// The draft files of a journal: what the app saves every few seconds while someone types,
/// and when it is told to stop (SIGHUP, SIGTERM, SIGINT), so that a crash or a closed
/// terminal loses at most a few seconds of typing.
///
/// **A draft belongs to the instance that typed it.** Each instance of the app has its own
/// file, `<journal>.draft-<pid>-<random>`, with its owner (process id, host, process start)
/// inside. An instance only ever saves over or removes its own file. Another instance may
/// read a draft that is not its own (`othersDrafts()`) and show it, and leaves it there;
/// only a draft whose owner has ended may be taken over (`adopt`), which moves it to the
/// taker's own name in one `rename`, so two instances starting together cannot both take it.
///
/// Each save replaces the file whole (temporary file in the same folder, fsync, rename,
/// folder fsync), so a draft on disk is always one complete save. The files are 0600 and
/// never read or written through a symbolic link.
public struct DraftStore: Sendable {
    public let journalPath: String
    /// This instance's own draft file.
    public let path: String
    public let owner: DraftOwner

    /// The draft store of this instance: a fresh file name made of the process id and a
    /// random part (two instances in one process get two files).
    public init(journalPath: String, owner: DraftOwner = .current) {
        self.journalPath = journalPath
        self.owner = owner
        let random = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        path = DraftStore.draftPrefix(for: journalPath) + "\(owner.pid)-\(random)"
    }

    /// The start of every draft file's name of `journal` (`<journal>.draft-`).
    public static func draftPrefix(for journal: String) -> String { journal + ".draft-" }

    /// The single draft file older versions wrote; read as a left-behind draft.
    public static func legacyDraftPath(for journal: String) -> String { journal + ".draft" }

    /// Whether `path` is one of `journal`'s draft files (this instance's or another's).
    public static func isDraftFile(_ path: String, of journal: String) -> Bool {
        path == legacyDraftPath(for: journal) || path.hasPrefix(draftPrefix(for: journal))
    }

    static let format = "minutes-draft 1"

    private struct File: Codable {
        var format: String
        var saved: String
        var context: String
        var text: String
        var pid: Int32?
        var host: String?
        var startTicks: UInt64?
    }

    /// Saves this instance's draft, replacing its previous one.
    public func save(text: String, context: String, at time: Timestamp = .now()) throws {
        let file = File(format: DraftStore.format, saved: time.iso, context: context, text: text,
                        pid: owner.pid, host: owner.host, startTicks: owner.startTicks)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var bytes = [UInt8](try encoder.encode(file))
        bytes.append(10)
        try SecureFile.replace(path, with: bytes)
    }

    /// This instance's saved draft, or nil when there is none.
    public func load() throws -> Draft? {
        try DraftStore.read(path)?.draft
    }

    /// Removes this instance's draft (once its text is recorded, or thrown away). Never
    /// touches another instance's file.
    public func clear() throws {
        if unlink(path) != 0 {
            if errno == ENOENT { return }
            throw JournalFileError.from(errno: errno, path: path, operation: "remove")
        }
        try SecureFile.syncDirectory(of: path)
    }

    /// The drafts of other instances (running or ended), newest first. Unreadable files are
    /// left out (and left alone).
    public func othersDrafts() -> [OtherDraft] {
        let dir = SecureFile.directory(of: journalPath)
        let name = (journalPath as NSString).lastPathComponent
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        var out: [OtherDraft] = []
        for entry in names where entry == name + ".draft" || entry.hasPrefix(name + ".draft-") {
            let full = dir + "/" + entry
            if full == path || entry.contains(".tmp-") { continue }
            if let other = try? DraftStore.read(full) { out.append(other) }
        }
        return out.sorted { $0.draft.saved > $1.draft.saved }
    }

    /// The newest draft whose instance has ended: the one to offer for restoring.
    public func restorable() -> OtherDraft? {
        othersDrafts().first { $0.isLeftBehind && !$0.draft.text.isEmpty }
    }

    /// Takes over a left-behind draft: it becomes this instance's draft (renamed to this
    /// instance's file in one step, then saved with this instance as owner) and is returned.
    /// Throws `DraftError.ownerRunning` for a live instance's draft, and `.alreadyTaken`
    /// when another instance took it first.
    public func adopt(_ other: OtherDraft) throws -> Draft {
        guard other.isLeftBehind else { throw DraftError.ownerRunning(other.owner!) }
        if rename(other.path, path) != 0 {
            if errno == ENOENT { throw DraftError.alreadyTaken(other.path) }
            throw JournalFileError.from(errno: errno, path: other.path, operation: "rename")
        }
        try SecureFile.syncDirectory(of: path)
        try save(text: other.draft.text, context: other.draft.context, at: other.draft.saved)
        return other.draft
    }

    static func read(_ path: String) throws -> OtherDraft? {
        guard let bytes = try SecureFile.read(path, limit: 16 << 20) else { return nil }
        guard let file = try? JSONDecoder().decode(File.self, from: Data(bytes)), file.format == DraftStore.format,
              let saved = Timestamp.parse(file.saved)
        else { throw JournalFileError(path: path, reason: .io(operation: "read draft (not a minutes draft)", errno: EINVAL)) }
        let owner = file.pid.map { DraftOwner(pid: $0, host: file.host ?? "", startTicks: file.startTicks) }
        return OtherDraft(path: path, draft: Draft(text: file.text, context: file.context, saved: saved), owner: owner)
    }
}

/// Why a draft could not be taken over.
public enum DraftError: Error, Sendable, Equatable, CustomStringConvertible {
    case ownerRunning(DraftOwner)
    case alreadyTaken(String)

    public var description: String {
        switch self {
        case .ownerRunning(let o):
            return "the draft belongs to process \(o.pid) on \(o.host), which is still running; it is only shown here"
        case .alreadyTaken(let p): return "\(p) was taken over by another instance"
        }
    }
}

/// When a process started, to tell a live process from a later one with the same id.
enum ProcessStart {
    /// Whether the process has ended and only waits to be reaped (state Z or X).
    static func isZombie(_ pid: Int32) -> Bool {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return false }
        let text = String(decoding: data, as: UTF8.self)
        guard let close = text.lastIndex(of: ")"), let state = text[text.index(after: close)...].split(separator: " ").first
        else { return false }
        return state == "Z" || state == "X"
    }

    /// Field 22 of `/proc/PID/stat` (start time in clock ticks after boot), or nil.
    static func ticks(of pid: Int32) -> UInt64? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        // The command name (field 2) may hold spaces and parentheses: count after the last ')'.
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // Fields after ')' start at field 3, so field 22 is at index 19.
        guard fields.count > 19 else { return nil }
        return UInt64(fields[19])
    }
}
