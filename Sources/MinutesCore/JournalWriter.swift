import Foundation

/// The system calls a journal write goes through, injectable so tests can simulate a full
/// disk or a failing fsync and check that nothing is reported as saved.
public protocol JournalFileOps: Sendable {
    func write(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Int
    func fsync(_ fd: Int32) -> Int32
}

/// The real system calls.
public struct SystemFileOps: JournalFileOps {
    public init() {}
    public func write(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Int {
        Glibc.write(fd, buffer.baseAddress, buffer.count)
    }
    public func fsync(_ fd: Int32) -> Int32 { Glibc.fsync(fd) }
}

/// Appends events to a journal: one `write` with O_APPEND, then `fsync`, before an event
/// counts as saved.
///
/// O_APPEND makes each line land whole at the end even when another process appends too;
/// fsync makes it survive a power cut. New files are created 0600 whatever the umask, and
/// no path is opened through a symbolic link planted there.
public final class JournalWriter: @unchecked Sendable {
    public let path: String
    private let fd: Int32
    private let ops: JournalFileOps
    /// Whether each append is followed by fsync (on, except in benchmarks measuring without it).
    public var syncEachAppend = true

    /// Opens an existing journal for appending. Refuses a file whose last line is torn,
    /// since appending would glue a new event to the broken line.
    public init(path: String, ops: JournalFileOps = SystemFileOps()) throws {
        self.path = path
        self.ops = ops
        FileSizeLimit.ignoreSignal()
        let fd = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw JournalFileError.from(errno: errno, path: path, operation: "open") }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            Glibc.close(fd)
            throw JournalFileError(path: path, reason: .notAJournal)
        }
        // `git clone` and `git pull` write the journal with the umask's mode (often 0644):
        // whoever opens it for writing makes it private again (only its owner can).
        if st.st_mode & 0o077 != 0, st.st_uid == getuid() { fchmod(fd, SecureFile.privateMode) }
        if st.st_size > 0 {
            var last: UInt8 = 0
            let readFD = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            defer { if readFD >= 0 { Glibc.close(readFD) } }
            if readFD < 0 || pread(readFD, &last, 1, off_t(st.st_size - 1)) != 1 || last != 10 {
                Glibc.close(fd)
                throw JournalFileError(path: path, reason: .tornTail)
            }
        }
        self.fd = fd
    }

    deinit { Glibc.close(fd) }

    /// The open descriptor (for the session's follower to see the size after a write).
    var descriptor: Int32 { fd }

    /// The device and inode of the open file: if the path now names another file
    /// (a `git pull` replaced it), the app must stop appending here.
    public var identity: (device: UInt64, inode: UInt64) {
        var st = stat()
        fstat(fd, &st)
        return (UInt64(st.st_dev), UInt64(st.st_ino))
    }

    /// Appends events as one write, then fsyncs. Throws, with nothing reported saved, when
    /// either fails; the file is then cut back to its length before the append (when no one
    /// else has appended since), so a line not reported saved is not in the journal either.
    /// If even that fails, a short write leaves a torn last line, which replay reports and
    /// `minutes repair` moves aside.
    public func append(_ events: [Event]) throws {
        var text = ""
        for e in events {
            text += EventWriter.line(for: e)
            text += "\n"
        }
        try appendRaw(Array(text.utf8))
    }

    public func append(_ event: Event) throws { try append([event]) }

    func appendRaw(_ bytes: [UInt8]) throws {
        var st = stat()
        let sizeBefore: off_t? = fstat(fd, &st) == 0 ? st.st_size : nil
        var written = 0
        do {
            while written < bytes.count {
                let n = bytes.withUnsafeBytes { raw in
                    ops.write(fd, UnsafeRawBufferPointer(rebasing: raw[written...]))
                }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw JournalFileError.from(errno: errno, path: path, operation: "write")
                }
                if n == 0 { throw JournalFileError(path: path, reason: .io(operation: "write", errno: EIO)) }
                written += n
            }
            if syncEachAppend, ops.fsync(fd) != 0 {
                throw JournalFileError.from(errno: errno == 0 ? EIO : errno, path: path, operation: "fsync")
            }
        } catch {
            if let sizeBefore { cutBack(to: sizeBefore, written: written) }
            throw error
        }
    }

    /// Undoes a failed append: truncates to `size` if the file ends exactly where this
    /// append's bytes end, then tries to make that durable. Best effort; errors are ignored.
    private func cutBack(to size: off_t, written: Int) {
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size == size + off_t(written), written > 0 else { return }
        if ftruncate(fd, size) == 0 { _ = ops.fsync(fd) }
    }

    /// Creates a new journal holding only the header line: 0600, never over an existing
    /// file or through a symbolic link; the file and its folder are fsynced.
    public static func create(path: String) throws {
        FileSizeLimit.ignoreSignal()
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            // O_EXCL refuses a symbolic link with EEXIST; say what is really there.
            var st = stat()
            if code == EEXIST, lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK {
                throw JournalFileError(path: path, reason: .symlink)
            }
            throw JournalFileError.from(errno: code, path: path, operation: "create")
        }
        defer { Glibc.close(fd) }
        fchmod(fd, 0o600)
        let bytes = Array((EventWriter.header + "\n").utf8)
        let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard n == bytes.count, Glibc.fsync(fd) == 0 else {
            let code = errno
            unlink(path)
            throw JournalFileError.from(errno: code, path: path, operation: "write")
        }
        syncDirectory(of: path)
    }

    /// fsyncs the folder holding `path`, so a new or renamed entry survives a power cut.
    public static func syncDirectory(of path: String) {
        let dir = (path as NSString).deletingLastPathComponent
        let dfd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            Glibc.fsync(dfd)
            Glibc.close(dfd)
        }
    }
}

/// Makes new events: fresh ids and timestamps that never go backwards, so the app's own
/// events always replay in the order they were typed — and never run ahead of the clock by
/// more than `maxAhead`: after a line stamped in the future (a hand edit, a laptop with a
/// wrong clock) new events get the real time, and the writer's own order still holds.
public struct EventFactory: Sendable {
    private var last: Timestamp
    /// The last timestamp this factory gave.
    private var ownLast: Timestamp?
    private let clock: @Sendable () -> Timestamp
    /// How far ahead of the clock a new event may be stamped to come after the journal's last.
    public static let maxAhead: Int64 = 2_000

    public init(after last: Timestamp = Timestamp(milliseconds: 0),
                clock: @escaping @Sendable () -> Timestamp = { Timestamp.now() }) {
        self.last = last
        self.clock = clock
    }

    /// The timestamp new events come after.
    var floor: Timestamp { last }

    /// A new event, stamped after `notBefore` (what it refers to; see
    /// `MinutesState.dependencyFloor`) even when that is ahead of the clock.
    public mutating func make(_ body: EventBody, notBefore: Timestamp? = nil) -> Event {
        let now = clock()
        var t = now
        if t <= last { t = Timestamp(milliseconds: last.milliseconds + 1) }
        if t.milliseconds - now.milliseconds > EventFactory.maxAhead {
            t = ownLast.map { $0 < now ? now : Timestamp(milliseconds: $0.milliseconds + 1) } ?? now
        }
        if let notBefore, t <= notBefore { t = Timestamp(milliseconds: notBefore.milliseconds + 1) }
        if t > last { last = t }
        ownLast = t
        return Event(id: .random(), timestamp: t, body: body)
    }
}
