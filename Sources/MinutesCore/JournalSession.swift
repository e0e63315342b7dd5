import Foundation

/// An open journal that can be written: the replayed state, the append handle and the
/// event factory, kept in step.
///
/// `record` is the one way anything is written: the event is checked against the state
/// (nothing is written when it would be rejected), written and fsynced, and only then
/// applied to the state incrementally — so what the screen shows is always what is on disk.
public final class JournalSession: @unchecked Sendable {
    public let path: String
    public private(set) var state: MinutesState
    /// Problems found when the journal was opened.
    public private(set) var diagnostics: [Diagnostic]
    public private(set) var tornLine: Int?
    private var writer: JournalWriter?
    private var factory: EventFactory

    /// Opens and replays a journal. `writable: false`, or errors in the journal, give a
    /// read-only session.
    public init(path: String, writable: Bool = true, ops: JournalFileOps = SystemFileOps(),
                clock: @escaping @Sendable () -> Timestamp = { Timestamp.now() }) throws {
        self.path = path
        let loaded = try JournalLoader.load(path: path)
        state = loaded.state
        diagnostics = loaded.diagnostics
        tornLine = loaded.tornLine
        factory = EventFactory(after: loaded.state.lastTimestamp, clock: clock)
        if writable && !loaded.hasErrors && loaded.tornLine == nil {
            writer = try JournalWriter(path: path, ops: ops)
        }
    }

    public var isWritable: Bool { writer != nil }

    /// Stops all writing (after a failed write, or when another writer holds the journal).
    public func makeReadOnly() { writer = nil }

    /// Checks, writes and applies one event. Throws `RecordError` without writing anything
    /// when the event would be rejected; throws `JournalFileError` when the write failed
    /// (then nothing is applied, and the session becomes read-only).
    @discardableResult
    public func record(_ body: EventBody) throws -> Event {
        let event = factory.make(body)
        try record(event: event)
        return event
    }

    /// Records several events as one write (all or nothing). Each is checked against the
    /// state before any of them, so they must not depend on each other (a follow-up's `done`
    /// and the progress note that reports it, for instance).
    @discardableResult
    public func record(_ bodies: [EventBody]) throws -> [Event] {
        let events = bodies.map { factory.make($0) }
        for e in events { try check(e, in: state) }
        try write(events)
        for e in events { state.apply(e) }
        return events
    }

    private func record(event: Event) throws {
        try check(event, in: state)
        try write([event])
        state.apply(event)
    }

    private func write(_ events: [Event]) throws {
        guard let writer else { throw RecordError.readOnly(path: path) }
        do {
            try writer.append(events)
        } catch {
            makeReadOnly()
            throw error
        }
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
