/// Entries recorded together, each checked against the state the earlier ones leave: a
/// project added and then a note in it, a follow-up and then its `done`.
///
/// `JournalSession.record([EventBody])` checks every body against the state before the
/// batch, so it refuses entries that depend on each other; a `JournalBatch` applies each
/// entry to its own copy of the state as it is added, and nothing reaches the journal until
/// the whole batch has been built (one write, all or nothing).
public struct JournalBatch: Sendable {
    /// The state with the batch so far applied (the session's state is untouched until written).
    public private(set) var state: MinutesState
    public private(set) var events: [Event] = []
    var factory: EventFactory
    let formatVersion: Int
    /// Marks every entry as coming from elsewhere (an import); format 1 cannot say it.
    let source: String?

    init(state: MinutesState, factory: EventFactory, formatVersion: Int, source: String?) {
        self.state = state
        self.factory = factory
        self.formatVersion = formatVersion
        self.source = formatVersion >= 2 ? source : nil
    }

    /// Adds an entry; returns it, with the id later entries of the batch may refer to.
    /// Throws `RecordError.rejected` when the state (with the batch so far) refuses it.
    @discardableResult
    public mutating func add(_ body: EventBody) throws -> Event {
        try JournalSession.checkFormat(body, formatVersion)
        // Written as `record` writes it: projects named by label and id, stamped after what it refers to.
        let event = factory.make(state.prepared(body, formatVersion: formatVersion), notBefore: state.dependencyFloor(of: body))
        if let d = state.problem(with: event) { throw RecordError.rejected(d) }
        var parser = JournalParser()
        switch parser.parse(EventWriter.line(for: event, source: source)) {
        case .event(let back) where back == event: break
        case .failure(let d): throw RecordError.rejected(d)
        default: throw RecordError.rejected(.error(line: 0, "the entry would not read back from the journal"))
        }
        state.apply(event)
        events.append(event)
        return event
    }
}

extension JournalSession {
    /// Builds a batch on the state as it is on disk (with the lock held, after taking in what
    /// other programs appended) and writes it in one append. When `build` throws, or the
    /// batch is empty, nothing is written. `source` marks every entry as `record`'s does.
    @discardableResult
    public func recordBatch(source: String? = nil, _ build: (inout JournalBatch) throws -> Void) throws -> [Event] {
        try withWriteAccess {
            var batch = JournalBatch(state: state, factory: factory, formatVersion: formatVersion, source: source)
            try build(&batch)
            guard !batch.events.isEmpty else { return [] }
            try appendBatch(batch.events, source: batch.source)
            factory = batch.factory
            return batch.events
        }
    }

    /// Writes and fsyncs the events, then applies them with their line numbers (as `record` does).
    private func appendBatch(_ events: [Event], source: String?) throws {
        guard let writer else { throw RecordError.readOnly(path: path) }
        let bytes = Array(events.map { EventWriter.line(for: $0, source: source) + "\n" }.joined().utf8)
        let firstLine = follower.nextLine
        do {
            try writer.appendRaw(bytes)
        } catch {
            becomeReadOnly(.writeFailed("\(error)"))
            throw error
        }
        follower.noteOwnAppend(events, bytes: bytes, descriptor: writer.descriptor)
        for (k, e) in events.enumerated() { state.apply(e, line: firstLine + k) }
    }
}
