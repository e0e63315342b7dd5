import Foundation

/// Who holds a journal's lock, as its lock file says.
public struct LockHolder: Sendable, Equatable, CustomStringConvertible {
    public var pid: Int32?
    public var host: String?
    /// When the holder took the lock.
    public var started: Timestamp?
    /// What holds it: "minutes" for the app, or the command that is writing.
    public var program: String?

    public init(pid: Int32? = nil, host: String? = nil, started: Timestamp? = nil, program: String? = nil) {
        self.pid = pid
        self.host = host
        self.started = started
        self.program = program
    }

    /// Whether the holder is this very process (through another open of the lock file).
    public var isThisProcess: Bool { pid == getpid() && host == JournalLock.hostName }

    /// Whether the holding process is running: nil when it is on another host, where this
    /// cannot be told.
    public var isRunning: Bool? {
        guard let pid, host == JournalLock.hostName else { return nil }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// "process 4242 (minutes) on laptop since 2026-11-22 19:46 UTC"
    public var description: String {
        var out = pid.map { "process \($0)" } ?? "another process"
        if let program { out += " (\(program))" }
        if let host { out += " on \(host)" }
        if let started {
            let iso = started.iso
            out += " since " + iso.prefix(10) + " " + iso.dropFirst(11).prefix(5) + " UTC"
        }
        return out
    }

    /// The banner a second copy of the app shows: who has the journal, and what that means here.
    public var sentence: String {
        var s = "This journal is open for writing by \(description)"
        if isRunning == false { s += ", which no longer seems to run (a program it started may still hold the lock)" }
        return s + ", so it is open read-only here. Close it there to write here."
    }

    /// The lock file's contents: one `key=value` per line.
    var fileText: String {
        var lines: [String] = []
        if let pid { lines.append("pid=\(pid)") }
        if let host { lines.append("host=\(LockHolder.clean(host))") }
        if let started { lines.append("started=\(started.iso)") }
        if let program { lines.append("program=\(LockHolder.clean(program))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Parses a lock file; nil when it holds nothing recognisable.
    init?(fileText: String) {
        for line in fileText.split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            let key = line[..<eq], value = String(line[line.index(after: eq)...])
            switch key {
            case "pid": pid = Int32(value)
            case "host": host = value
            case "started": started = Timestamp.parse(value)
            case "program": program = value
            default: continue
            }
        }
        if pid == nil && host == nil && started == nil && program == nil { return nil }
    }

    /// Names shown in banners carry no control characters and stay short.
    static func clean(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { !JournalText.mustEscape($0.value) }).prefix(80))
    }
}

/// Another program holds the journal's lock.
public enum JournalLockError: Error, Sendable, CustomStringConvertible {
    case held(journal: String, by: LockHolder)

    public var holder: LockHolder {
        switch self { case .held(_, let h): return h }
    }

    public var description: String {
        switch self {
        case .held(let journal, let h):
            return "\(journal) is being written by \(h); nothing was written. Try again when it is closed."
        }
    }
}

/// The one-writer lock of a journal: an `flock` on `<journal>.lock`.
///
/// Every append (the app's, a command's) holds it for the moment of its write; repair and
/// the check-commit-merge steps of sync hold it while they rewrite or replace the file. The lock file (0600, never through a symbolic link) says who holds it: process
/// id, host name, start time and program, rewritten each time the lock is taken.
///
/// The kernel lock, not the file, decides: when the holder dies, however it dies, the
/// kernel drops its lock, and the next taker rewrites the file. A lock file left with the
/// name of another host or of a dead process, but with no kernel lock on it, is therefore
/// simply taken over. The file is never deleted (deleting lock files lets two processes
/// lock two different files); a taker checks that the file it locked is still the one at
/// the path, and the app checks it again before each write (`isStillValid`).
public final class JournalLock: @unchecked Sendable {
    /// How long command-line writers wait for the app's write to finish before refusing.
    public static let defaultWait: Duration = .seconds(2)

    public let journalPath: String
    public let lockPath: String
    /// What this lock wrote into the lock file.
    public let info: LockHolder
    private var fd: Int32
    private let mutex = NSLock()

    private init(journalPath: String, lockPath: String, fd: Int32, info: LockHolder) {
        self.journalPath = journalPath
        self.lockPath = lockPath
        self.fd = fd
        self.info = info
    }

    deinit { release() }

    /// The lock file of a journal.
    public static func lockPath(for journal: String) -> String { journal + ".lock" }

    /// This machine's host name.
    public static let hostName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown-host" }
        return LockHolder.clean(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }()

    /// Takes the lock of `journal`, polling until `wait` has passed. Throws
    /// `JournalLockError.held` naming the holder when it stays taken, and `JournalFileError`
    /// when the lock file cannot be created or locked at all.
    public static func acquire(journal: String, wait: Duration = .zero, program: String = "minutes") throws -> JournalLock {
        let path = lockPath(for: journal)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: wait)
        while true {
            let fd = try SecureFile.open(path, flags: O_RDWR)
            var r = flock(fd, LOCK_EX | LOCK_NB)
            while r != 0 && errno == EINTR { r = flock(fd, LOCK_EX | LOCK_NB) }
            if r == 0 {
                guard FileIdentity.of(path: path) == FileIdentity.of(descriptor: fd) else {
                    // The file was removed or replaced between our open and our lock: lock the new one.
                    Glibc.close(fd)
                    continue
                }
                let info = LockHolder(pid: getpid(), host: hostName, started: .now(), program: program)
                let bytes = Array(info.fileText.utf8)
                _ = ftruncate(fd, 0)
                _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
                return JournalLock(journalPath: journal, lockPath: path, fd: fd, info: info)
            }
            let code = errno
            Glibc.close(fd)
            guard code == EWOULDBLOCK else {
                throw JournalFileError(path: path, reason: .io(operation: "lock", errno: code))
            }
            let now = clock.now
            if now >= deadline {
                throw JournalLockError.held(journal: journal, by: holder(of: journal) ?? LockHolder())
            }
            Thread.sleep(forTimeInterval: min(0.02, max(0.001, (deadline - now) / .seconds(1))))
        }
    }

    /// Who holds the lock of `journal`, or nil when nobody does (whatever the lock file
    /// says: the kernel lock decides).
    public static func holder(of journal: String) -> LockHolder? {
        let path = lockPath(for: journal)
        let fd = Glibc.open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { Glibc.close(fd) }
        var r = flock(fd, LOCK_SH | LOCK_NB)
        while r != 0 && errno == EINTR { r = flock(fd, LOCK_SH | LOCK_NB) }
        if r == 0 {
            flock(fd, LOCK_UN)
            return nil
        }
        guard errno == EWOULDBLOCK else { return nil }
        // Held. The holder writes its details just after locking: give it a moment.
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(300))
        while true {
            let bytes = (try? SecureFile.readAll(fd, path: path, from: 0, count: 4096)) ?? []
            if let h = LockHolder(fileText: String(decoding: bytes, as: UTF8.self)), h.pid != nil {
                return h
            }
            if clock.now >= deadline { return LockHolder() }
            Thread.sleep(forTimeInterval: 0.005)
        }
    }

    /// Whether this object still holds the lock.
    public var isHeld: Bool {
        mutex.lock()
        defer { mutex.unlock() }
        return fd >= 0
    }

    /// Whether the lock file this lock holds is still the one at the path: false when someone
    /// deleted or replaced it (then another program could lock the new file).
    public var isStillValid: Bool {
        mutex.lock()
        defer { mutex.unlock() }
        guard fd >= 0, let mine = FileIdentity.of(descriptor: fd) else { return false }
        return FileIdentity.of(path: lockPath) == mine
    }

    /// Lets the lock go (also done when the object goes away, or the process ends).
    public func release() {
        mutex.lock()
        defer { mutex.unlock() }
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        Glibc.close(fd)
        fd = -1
    }
}
