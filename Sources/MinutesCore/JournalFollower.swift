import Foundation

/// Notices what happened to a journal file since it was last read, cheaply enough to ask
/// twice a second: one `lstat` when nothing changed.
///
/// It remembers the file's identity (device and inode), how far it was read (the end of
/// the last complete line), its size and modification time, and the bytes just before
/// that end. `poll()` then says one of:
/// - `.unchanged`: same file, same size, same modification time;
/// - `.appended`: the file grew and the bytes before the old end are as they were; only the
///   new bytes are read and parsed, and their events come back with their line numbers, in
///   replay order after everything read before, ready to be applied to the state;
/// - `.rewritten`: anything else — another file at the path (a `git pull` or `minutes
///   repair` replaced it), a shorter file, changed bytes before the old end, a change that
///   kept the size, new lines out of replay order or with problems. A full replay is needed.
///
/// The session's own appends move the end too: `noteOwnAppend` records them so they are not
/// read back (when another writer slipped in between, the next poll asks for a full replay).
public struct JournalFollower: Sendable {
    /// What changed.
    public enum Change: Sendable {
        case unchanged
        case appended([NumberedEvent])
        case rewritten(reason: String)
    }

    /// An event read from the journal, with its 1-based line number.
    public struct NumberedEvent: Sendable, Equatable {
        public var event: Event
        public var line: Int
    }

    /// Everything the follower knows about the file as last read.
    public struct Position: Sendable, Equatable {
        public var identity: FileIdentity
        /// The offset just past the last complete line read.
        public var validLength: Int
        /// The size at the last look (more than `validLength` when the last line is torn).
        public var observedSize: Int
        /// The modification time at the last look, in nanoseconds.
        public var modified: Int64
        /// Complete lines read.
        public var lineCount: Int
        /// The bytes just before `validLength` (up to `JournalFollower.tailLength`).
        public var tail: [UInt8]
        /// The last event read, in replay order.
        public var lastEvent: Event?

        public init(identity: FileIdentity, validLength: Int, observedSize: Int, modified: Int64,
                    lineCount: Int, tail: [UInt8], lastEvent: Event?) {
            self.identity = identity
            self.validLength = validLength
            self.observedSize = observedSize
            self.modified = modified
            self.lineCount = lineCount
            self.tail = tail
            self.lastEvent = lastEvent
        }

        /// Whether bytes follow the last complete line (a torn line, or a write in progress).
        public var hasTornTail: Bool { observedSize > validLength }
    }

    /// How many bytes before the old end are compared on each growth.
    public static let tailLength = 1024

    public let path: String
    public private(set) var position: Position
    /// Set when the position can no longer be trusted: the next poll asks for a full replay.
    private var lost: String?

    public init(path: String, position: Position) {
        self.path = path
        self.position = position
    }

    /// Loads and replays the journal, and starts following it from what was loaded.
    ///
    /// The file's identity is taken from the descriptor opened before the load: if the file
    /// is replaced during the load, the next `poll()` sees another inode and asks for a reload.
    public static func load(path: String) throws -> (LoadedJournal, JournalFollower) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw JournalFileError.from(errno: errno, path: path, operation: "open") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw JournalFileError.from(errno: errno, path: path, operation: "stat") }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw JournalFileError(path: path, reason: .isDirectory) }
        let loaded = try JournalLoader.load(path: path)
        let start = max(0, loaded.validLength - tailLength)
        let tail = try SecureFile.readAll(fd, path: path, from: start, count: loaded.validLength - start)
        let complete = loaded.lineCount - (loaded.tornLine == nil ? 0 : 1)
        // A torn last line stays unread; it is read again (whole, one hopes) when the file grows.
        let seen = loaded.tornLine == nil ? loaded.validLength : max(loaded.validLength, Int(st.st_size))
        let position = Position(identity: FileIdentity(st), validLength: loaded.validLength, observedSize: seen,
                                // A short tail means the file shrank since the load: make the next poll look.
                                modified: tail.count == loaded.validLength - start ? modificationTime(st) : -1,
                                lineCount: complete, tail: tail, lastEvent: loaded.lastEvent)
        return (loaded, JournalFollower(path: path, position: position))
    }

    static func modificationTime(_ st: stat) -> Int64 {
        Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
    }

    /// Looks at the file once. Throws only when it cannot be read at all.
    public mutating func poll() throws -> Change {
        if let lost { return .rewritten(reason: lost) }
        var st = stat()
        guard lstat(path, &st) == 0 else {
            if errno == ENOENT { return .rewritten(reason: "the journal was removed or renamed") }
            throw JournalFileError.from(errno: errno, path: path, operation: "stat")
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else { return .rewritten(reason: "the journal is no longer a plain file") }
        guard FileIdentity(st) == position.identity else {
            return .rewritten(reason: "the journal was replaced by another file (a git pull, a repair or an editor)")
        }
        let size = Int(st.st_size)
        let modified = JournalFollower.modificationTime(st)
        if size == position.observedSize && modified == position.modified { return .unchanged }
        if size < position.validLength { return .rewritten(reason: "the journal got shorter") }
        if size <= position.observedSize { return .rewritten(reason: "the journal was changed in place") }
        return try readAppended(size: size, modified: modified)
    }

    /// Reads the bytes from the old end to `size`, checking the bytes before the old end.
    private mutating func readAppended(size: Int, modified: Int64) throws -> Change {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT || errno == ELOOP { return .rewritten(reason: "the journal was removed or replaced") }
            throw JournalFileError.from(errno: errno, path: path, operation: "open")
        }
        defer { close(fd) }
        guard FileIdentity.of(descriptor: fd) == position.identity else {
            return .rewritten(reason: "the journal was replaced by another file (a git pull, a repair or an editor)")
        }
        let start = position.validLength - position.tail.count
        let bytes = try SecureFile.readAll(fd, path: path, from: start, count: size - start)
        guard bytes.count >= position.tail.count, bytes[0..<position.tail.count].elementsEqual(position.tail) else {
            return .rewritten(reason: "lines before the previous end of the journal changed")
        }
        var next = position
        var events: [NumberedEvent] = []
        var parser = JournalParser()
        var lineStart = position.tail.count
        var failure: String?
        bytes.withUnsafeBufferPointer { buf in
            var i = lineStart
            while i < buf.count {
                guard buf[i] == 10 else { i += 1; continue }
                let number = next.lineCount + 1
                let line = UnsafeBufferPointer(rebasing: buf[lineStart..<i])
                switch parser.parse(line: line, number: number) {
                case .blank:
                    break
                case .failure(let d):
                    failure = "line \(d.line) has a problem: \(d.message)"
                case .event(let event):
                    if let last = next.lastEvent, !Event.replayOrder(last, event) {
                        failure = "line \(number) is out of order (an older entry, or a repeat)"
                    } else {
                        events.append(NumberedEvent(event: event, line: number))
                        next.lastEvent = event
                    }
                }
                if failure != nil { return }
                next.lineCount = number
                lineStart = i + 1
                i += 1
            }
        }
        if let failure { return .rewritten(reason: failure) }
        let consumed = lineStart - position.tail.count
        next.validLength += consumed
        next.observedSize = start + bytes.count
        next.modified = modified
        if consumed > 0 {
            var tail = position.tail
            tail.append(contentsOf: bytes[position.tail.count..<lineStart])
            next.tail = Array(tail.suffix(JournalFollower.tailLength))
        }
        position = next
        return events.isEmpty ? .unchanged : .appended(events)
    }

    /// Records this session's own append of `bytes` (complete lines holding `events`), made
    /// through `fd` (the writer's descriptor, for the size and time after the write).
    ///
    /// When the file is exactly as long as expected, the position moves past them; otherwise
    /// someone else wrote too (or the write was torn), and the next poll asks for a full replay.
    public mutating func noteOwnAppend(_ events: [Event], bytes: [UInt8], descriptor fd: Int32) {
        var st = stat()
        let lines = bytes.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        if fstat(fd, &st) == 0, FileIdentity(st) == position.identity, !position.hasTornTail,
           Int(st.st_size) == position.validLength + bytes.count, bytes.last == 10 {
            position.validLength += bytes.count
            position.observedSize = position.validLength
            position.modified = JournalFollower.modificationTime(st)
            position.lineCount += lines
            position.tail = Array((position.tail + bytes).suffix(JournalFollower.tailLength))
            for e in events where position.lastEvent.map({ Event.replayOrder($0, e) }) ?? true {
                position.lastEvent = e
            }
        } else {
            lost = "another program wrote to the journal at the same time"
        }
    }

    /// The line number the next appended line will have, when nobody else writes first.
    public var nextLine: Int { position.lineCount + 1 }
}
