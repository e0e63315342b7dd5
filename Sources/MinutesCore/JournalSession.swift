import Foundation

/// An open journal that can be written: the replayed state, the append handle and the
/// event factory, kept in step.
///
/// `record` is the one way anything is written: the event is checked against the state
/// (nothing is written when it would be rejected), written and fsynced, and only then
/// applied to the state incrementally — so what the screen shows is always what is on disk.
public final class JournalSession: @unchecked Sendable {
    public let path: String
    public internal(set) var state: MinutesState
    /// Problems found when the journal was opened.
    public internal(set) var diagnostics: [Diagnostic]
    public internal(set) var tornLine: Int?
    /// The journal's format version: events are written in it (see `MinutesState.prepared`).
    public internal(set) var formatVersion: Int
    var writer: JournalWriter?
    var factory: EventFactory
    // Locking, following the file and reloading: see JournalSessionReliability.swift.
    let locking: JournalLocking
    let ops: JournalFileOps
    let clock: @Sendable () -> Timestamp
    /// The lock the session holds for its life (`locking: .session`), to pass to
    /// `JournalRepair.repair` and `GitSync.sync` run from the app.
    public internal(set) var lock: JournalLock?
    var follower: JournalFollower
    /// False when opened read-only or after a failed write: reloads then never reopen the writer.
    var wantsWritable: Bool
    /// Why the session is read-only (nil while it is writable).
    public internal(set) var readOnlyReason: ReadOnlyReason?
    /// Whether writing was asked for when the session opened: `recheckWritability()` only
    /// ever makes such a session writable again.
    let openedWritable: Bool
    /// The errno of the last failed write (ENOSPC, EDQUOT, EFBIG …), to know when retrying
    /// makes sense.
    var lastWriteErrno: Int32?
    /// What `recheckWritability()` last reported, so that it reports each change once.
    var reportedWritable: Bool = false

    /// Opens and replays a journal. `writable: false`, errors in the journal, or (with
    /// `locking: .session`) another program holding the lock give a read-only session;
    /// `readOnlyReason` says which.
    public init(path: String, writable: Bool = true, locking: JournalLocking = .perRecord(),
                ops: JournalFileOps = SystemFileOps(),
                clock: @escaping @Sendable () -> Timestamp = { Timestamp.now() }) throws {
        self.path = path
        self.locking = locking
        self.ops = ops
        self.clock = clock
        wantsWritable = writable
        openedWritable = writable
        readOnlyReason = writable ? nil : .requested
        if writable, case .session(let wait) = locking {
            do {
                lock = try JournalLock.acquire(journal: path, wait: wait, program: "minutes")
            } catch let e as JournalLockError {
                readOnlyReason = .locked(e.holder)
            } catch {
                readOnlyReason = .lockFailed("\(error)")
            }
        }
        let (loaded, follower) = try JournalFollower.load(path: path)
        self.follower = follower
        state = loaded.state
        diagnostics = loaded.diagnostics
        tornLine = loaded.tornLine
        formatVersion = loaded.formatVersion
        factory = EventFactory(after: loaded.state.lastTimestamp, clock: clock)
        adopt(loaded)
        reportedWritable = isWritable
        // An interrupted rewrite of an ended process leaves a temporary copy: remove it.
        if writable { SecureFile.removeStaleTemporaryFiles(of: path) }
    }

    public var isWritable: Bool { writer != nil }

    /// Stops all writing (after a failed write, or when another writer holds the journal).
    public func makeReadOnly() {
        becomeReadOnly(readOnlyReason ?? .requested)
    }

    /// Checks, writes and applies one event. Throws `RecordError` without writing anything
    /// when the event would be rejected; throws `JournalFileError` when the write failed
    /// (then nothing is applied, and the session becomes read-only).
    @discardableResult
    public func record(_ body: EventBody) throws -> Event {
        try record([body])[0]
    }

    /// Records several events as one write (all or nothing). Each is checked against the
    /// state before any of them, so they must not depend on each other (a follow-up's `done`
    /// and the progress note that reports it, for instance).
    @discardableResult
    public func record(_ bodies: [EventBody]) throws -> [Event] {
        try withWriteAccess {
            for body in bodies { try Self.checkFormat(body, formatVersion) }
            let events = bodies.map { body in
                factory.make(state.prepared(body, formatVersion: formatVersion), notBefore: state.dependencyFloor(of: body))
            }
            for e in events { try check(e, in: state) }
            try write(events)
            return events
        }
    }

    /// Writes and fsyncs the events, then applies them (with their line numbers).
    private func write(_ events: [Event]) throws {
        guard let writer else { throw RecordError.readOnly(path: path) }
        let bytes = Array(events.map { EventWriter.line(for: $0) + "\n" }.joined().utf8)
        let firstLine = follower.nextLine
        do {
            try writer.appendRaw(bytes)
        } catch {
            if let e = error as? JournalFileError, case .io(_, let code) = e.reason { lastWriteErrno = code } else { lastWriteErrno = nil }
            becomeReadOnly(.writeFailed("\(error)"))
            reportedWritable = false  // the caller learns it from the error thrown
            throw error
        }
        follower.noteOwnAppend(events, bytes: bytes, descriptor: writer.descriptor)
        for (k, e) in events.enumerated() { state.apply(e, line: firstLine + k) }
    }

    /// Rejects an event the state would not accept, or whose line would not read back.
    private func check(_ event: Event, in state: MinutesState) throws {
        if let d = state.problem(with: event) { throw RecordError.rejected(d) }
        var parser = JournalParser()
        switch parser.parse(EventWriter.line(for: event)) {
        case .event(let back) where back == event: return
        case .failure(let d): throw RecordError.rejected(d)
        default: throw RecordError.rejected(.error(line: 0, "the entry would not read back from the journal"))
        }
    }
}

extension JournalSession {
    /// Refuses an entry a journal of this format cannot hold (see `MinutesState.canHold`).
    static func checkFormat(_ body: EventBody, _ formatVersion: Int) throws {
        guard MinutesState.canHold(body, formatVersion: formatVersion) else {
            throw RecordError.rejected(.error(line: 0, "a journal of format \(formatVersion) cannot hold a \(body.kind.rawValue) entry",
                                              hint: "run: minutes upgrade (it rewrites the journal in format 2)", field: "kind"))
        }
    }
}

/// Why an entry was not recorded.
public enum RecordError: Error, Sendable, CustomStringConvertible {
    case rejected(Diagnostic)
    case readOnly(path: String)

    public var description: String {
        switch self {
        case .rejected(let d): return d.message + (d.hint.map { " (\($0))" } ?? "")
        case .readOnly(let path): return "\(path) is open read-only; nothing was written"
        }
    }
}
