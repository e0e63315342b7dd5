import Foundation

/// How a session keeps other writers out of the journal (see `JournalLock`).
public enum JournalLocking: Sendable, Equatable {
    /// No lock (tests and benchmarks only).
    case none
    /// The lock is taken for each write, waiting up to `wait` for another writer to finish,
    /// then refusing with `JournalLockError.held`: the command line.
    case perRecord(wait: Duration = JournalLock.defaultWait)
    /// The lock is taken when the session opens (waiting up to `wait`, so that a command-line
    /// write in progress does not count) and kept for the session's life. When another
    /// program holds it, the session opens read-only with `ReadOnlyReason.locked`. The app
    /// no longer uses it (it locks per record, so others can write while it is open); it
    /// stays for a tool that must keep every other writer out for a while.
    case session(wait: Duration = JournalLock.defaultWait)
}

/// Why a session does not write.
public enum ReadOnlyReason: Sendable, Equatable, CustomStringConvertible {
    /// It was opened read-only.
    case requested
    /// The journal has errors or an incomplete last line (`diagnostics` and `tornLine` say where).
    case problems
    /// Another program holds the journal's lock.
    case locked(LockHolder)
    /// The lock file could not be created or locked.
    case lockFailed(String)
    /// A write or fsync failed: nothing after it was saved, and nothing more is written.
    case writeFailed(String)
    /// The journal could not be opened for writing after it changed on disk.
    case cannotOpen(String)

    public var description: String {
        switch self {
        case .requested: return "opened read-only"
        case .problems: return "the journal has problems to fix first (run: minutes check)"
        case .locked(let h): return h.sentence
        case .lockFailed(let m): return "the journal's lock could not be taken: \(m)"
        case .writeFailed(let m): return "a write failed, so nothing more is written until it can succeed: \(m)"
        case .cannotOpen(let m): return "the journal could not be opened for writing: \(m)"
        }
    }
}

/// A change of a session's writability, as `JournalSession.recheckWritability()` reports it.
public enum WritabilityChange: Sendable, Equatable, CustomStringConvertible {
    /// What kept it read-only has gone: entries can be recorded again.
    case becameWritable
    /// It stopped writing, for this reason.
    case becameReadOnly(ReadOnlyReason)

    public var description: String {
        switch self {
        case .becameWritable: return "The journal can be written again."
        case .becameReadOnly(let r): return "The journal is read-only now: \(r)."
        }
    }
}

/// Whether a write that failed for lack of room may succeed now.
enum WriteRoom {
    static let wanted: UInt64 = 1 << 20

    static func hasRoom(path: String, after code: Int32?) -> Bool {
        switch code {
        case ENOSPC?, EDQUOT?:
            var fs = statvfs()
            guard statvfs(SecureFile.directory(of: path), &fs) == 0 else { return false }
            return UInt64(fs.f_bavail) * UInt64(fs.f_frsize) >= wanted
        case EFBIG?:
            var limit = rlimit()
            guard getrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &limit) == 0 else { return false }
            if limit.rlim_cur == rlim_t.max { return true }  // RLIM_INFINITY
            var st = stat()
            guard stat(path, &st) == 0 else { return false }
            return UInt64(limit.rlim_cur) >= UInt64(st.st_size) + wanted
        default:
            return false
        }
    }
}

/// What `JournalSession.refresh()` found on disk.
public enum JournalUpdate: Sendable {
    case unchanged
    /// Another program appended these events (already applied to the state).
    case appended([Event])
    /// The file was replaced or rewritten and replayed again in full.
    case reloaded(reason: String)
}

extension JournalSession {
    /// Looks at the journal on disk and brings the state up to date: new lines appended by
    /// another program are applied incrementally; a replaced or rewritten file is replayed
    /// in full, and the writer reopened on the new file. One `lstat` when nothing changed,
    /// so the app can call it twice a second.
    @discardableResult
    public func refresh() throws -> JournalUpdate {
        switch try follower.poll() {
        case .unchanged:
            noteTornTail()
            return .unchanged
        case .appended(let numbered):
            // An id seen before needs replay's handling of repeats: replay in full.
            if numbered.contains(where: { state.contains($0.event.id) }) {
                try reload()
                return .reloaded(reason: "an appended line repeats an earlier event id")
            }
            for n in numbered { state.apply(n.event, line: n.line) }
            // New entries are stamped after everything read, whatever the other writer's clock
            // said, so that replay applies them in the order they were checked.
            if let last = follower.position.lastEvent?.timestamp, last >= factory.floor {
                factory = EventFactory(after: last, clock: clock)
            }
            if tornLine != nil, !follower.position.hasTornTail {
                // The incomplete line was completed: replay, so the session may write again.
                try reload()
                return .reloaded(reason: "the incomplete last line was completed")
            }
            noteTornTail()
            return .appended(numbered.map(\.event))
        case .rewritten(let reason):
            try reload()
            return .reloaded(reason: reason)
        }
    }

    /// Replays the journal in full and reopens the writer on the file now at the path.
    public func reload() throws {
        let loaded: LoadedJournal
        do {
            let (l, f) = try JournalFollower.load(path: path)
            loaded = l
            follower = f
        } catch {
            writer = nil
            if wantsWritable { readOnlyReason = .cannotOpen("\(error)") }
            throw error
        }
        state = loaded.state
        diagnostics = loaded.diagnostics
        tornLine = loaded.tornLine
        formatVersion = loaded.formatVersion
        adopt(loaded)
    }

    /// Tries again to take the lock after another program held it (the app's "retry"):
    /// true when the session is now writable.
    @discardableResult
    public func retryLock() -> Bool {
        guard wantsWritable, case .session = locking, case .locked = readOnlyReason else { return isWritable }
        do {
            lock = try JournalLock.acquire(journal: path, wait: .zero, program: "minutes")
        } catch let e as JournalLockError {
            readOnlyReason = .locked(e.holder)
            return false
        } catch {
            readOnlyReason = .lockFailed("\(error)")
            return false
        }
        readOnlyReason = nil
        do { try reload() } catch { return false }
        return isWritable
    }

    /// Looks again at whatever keeps the session read-only and makes it writable when that
    /// has gone, without a restart; returns the change since the last call (nil when
    /// nothing changed), so the app can say "writable again" or why it no longer is.
    ///
    /// - errors or an incomplete last line: the journal is read again (`refresh`), and the
    ///   session writes again once it replays cleanly (fixed by hand, `minutes repair`);
    /// - another program's lock (`.session` locking only): the lock is tried again;
    /// - a failed write: a full disk (ENOSPC, EDQUOT) once at least 1 MB is free, a file-size
    ///   limit (EFBIG) once the limit leaves 1 MB of room; the writer is reopened on the file
    ///   at the path and the next write is tried for real. Other write errors (EIO) stay:
    ///   nothing here can tell they are over. The file could not be opened: tried again.
    ///
    /// A session opened read-only on purpose never becomes writable. Cheap when writable
    /// (one comparison); the app calls it after each `refresh()`.
    public func recheckWritability() -> WritabilityChange? {
        if openedWritable, !isWritable, let reason = readOnlyReason {
            switch reason {
            case .requested, .problems:
                // Problems go when the file changes, and `refresh()` replays it then.
                break
            case .cannotOpen:
                wantsWritable = true
                _ = try? reload()
            case .locked:
                retryLock()
            case .lockFailed:
                if case .session = locking { retryLock() } else { wantsWritable = true; _ = try? reload() }
            case .writeFailed:
                if WriteRoom.hasRoom(path: path, after: lastWriteErrno) {
                    wantsWritable = true
                    _ = try? reload()
                    if isWritable { lastWriteErrno = nil }
                }
            }
        }
        let now = isWritable
        defer { reportedWritable = now }
        if now == reportedWritable { return nil }
        return now ? .becameWritable : .becameReadOnly(readOnlyReason ?? .requested)
    }

    /// The lock's holder, when another program's lock keeps this session read-only.
    public var lockHolder: LockHolder? {
        if case .locked(let h) = readOnlyReason { return h }
        return nil
    }

    // MARK: - Internals

    /// Takes the replayed journal as the session's own: the event factory stamps after its
    /// last event, and the writer is (re)opened on the file at the path when writing is
    /// wanted and allowed.
    func adopt(_ loaded: LoadedJournal) {
        var after = loaded.state.lastTimestamp
        if let last = loaded.lastEvent?.timestamp, last > after { after = last }
        factory = EventFactory(after: after, clock: clock)
        writer = nil
        guard wantsWritable else { return }
        if case .session = locking, lock == nil { return }
        if loaded.hasErrors || loaded.tornLine != nil {
            readOnlyReason = .problems
            return
        }
        do {
            writer = try JournalWriter(path: path, ops: ops)
            readOnlyReason = nil
        } catch {
            readOnlyReason = .cannotOpen("\(error)")
        }
    }

    func becomeReadOnly(_ reason: ReadOnlyReason) {
        writer = nil
        wantsWritable = false
        readOnlyReason = reason
    }

    /// Bytes after the last complete line (another program's torn write): appending would
    /// glue the next entry to them, so writing stops until `minutes repair`.
    func noteTornTail() {
        guard follower.position.hasTornTail else { return }
        tornLine = follower.position.lineCount + 1
        writer = nil
        if wantsWritable { readOnlyReason = .problems }
    }

    /// Runs `body` (which checks and writes) with the lock held and the state up to date
    /// with the file: appends by others applied, a replaced file replayed and the writer
    /// reopened on it, so nothing is ever appended to a file no longer at the path.
    func withWriteAccess<T>(_ body: () throws -> T) throws -> T {
        guard writer != nil else { throw RecordError.readOnly(path: path) }
        var held: JournalLock?
        switch locking {
        case .none:
            break
        case .perRecord(let wait):
            held = try JournalLock.acquire(journal: path, wait: wait, program: "minutes, writing an entry")
        case .session:
            if !(lock?.isStillValid ?? false) {
                // The lock file was deleted or replaced: lock the one now at the path, or stop.
                lock = nil
                do {
                    lock = try JournalLock.acquire(journal: path, wait: .zero, program: "minutes")
                } catch let e as JournalLockError {
                    writer = nil
                    readOnlyReason = .locked(e.holder)
                    throw e
                }
            }
        }
        defer { held?.release() }
        try refresh()
        if let writer, FileIdentity.of(path: path) != FileIdentity(device: writer.identity.device, inode: writer.identity.inode) {
            try reload()
        }
        guard writer != nil else { throw RecordError.readOnly(path: path) }
        return try body()
    }
}
