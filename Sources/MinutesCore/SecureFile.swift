import Foundation

/// Private files next to a journal (drafts, side files, lock files, rewritten journals):
/// created 0600 whatever the umask, never opened through a symbolic link planted at their
/// path, and replaced only through a temporary file in the same folder.
///
/// Nothing here ever writes outside the folder of the file concerned (never to /tmp): the
/// minutes of child-protection groups must not leave the place the user chose for them.
public enum SecureFile {
    /// The permissions of every private file: read and write for the owner only.
    public static let privateMode: mode_t = 0o600

    /// Opens (and creates if missing) a private file. `O_NOFOLLOW` refuses a symbolic link
    /// at `path`; `exclusive` adds `O_EXCL`, so an existing file (or link) is never reused.
    /// The mode is set with `fchmod` after opening, so a umask of 000 cannot widen it.
    public static func open(_ path: String, flags: Int32, exclusive: Bool = false,
                            mode: mode_t = privateMode) throws -> Int32 {
        FileSizeLimit.ignoreSignal()
        var all = flags | O_CREAT | O_NOFOLLOW | O_CLOEXEC
        if exclusive { all |= O_EXCL }
        var fd: Int32
        repeat { fd = Glibc.open(path, all, mode) } while fd < 0 && errno == EINTR
        guard fd >= 0 else { throw JournalFileError.from(errno: errno, path: path, operation: "open") }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            Glibc.close(fd)
            throw JournalFileError(path: path, reason: .io(operation: "open (not a regular file)", errno: EINVAL))
        }
        if st.st_mode & 0o7777 != mode, fchmod(fd, mode) != 0 {
            let code = errno
            Glibc.close(fd)
            throw JournalFileError.from(errno: code, path: path, operation: "chmod")
        }
        return fd
    }

    /// Writes all of `bytes`, retrying short writes and EINTR.
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw JournalFileError.from(errno: errno, path: path, operation: "write")
            }
            if n == 0 { throw JournalFileError(path: path, reason: .io(operation: "write", errno: EIO)) }
            done += n
        }
    }

    /// `fsync`, as a throwing call.
    public static func sync(_ fd: Int32, path: String) throws {
        var r: Int32
        repeat { r = Glibc.fsync(fd) } while r != 0 && errno == EINTR
        if r != 0 { throw JournalFileError.from(errno: errno, path: path, operation: "fsync") }
    }

    /// fsyncs the folder holding `path`, so that a created or renamed entry survives a power cut.
    public static func syncDirectory(of path: String) throws {
        let dir = directory(of: path)
        let dfd = Glibc.open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dfd >= 0 else { throw JournalFileError.from(errno: errno, path: dir, operation: "open folder") }
        defer { Glibc.close(dfd) }
        // Some file systems refuse fsync on a folder (EINVAL); nothing more can be done there.
        if Glibc.fsync(dfd) != 0, errno != EINVAL {
            throw JournalFileError.from(errno: errno, path: dir, operation: "fsync folder")
        }
    }

    /// The folder part of a path ("." for a bare file name).
    public static func directory(of path: String) -> String {
        let dir = (path as NSString).deletingLastPathComponent
        return dir.isEmpty ? "." : dir
    }

    /// Creates a new private file holding `bytes`: `O_EXCL` (never over an existing file or a
    /// planted link), written, fsynced, then the folder fsynced. A failed write removes it.
    public static func createNew(_ path: String, bytes: [UInt8]) throws {
        let fd = try open(path, flags: O_WRONLY, exclusive: true)
        do {
            try writeAll(fd, bytes, path: path)
            try sync(fd, path: path)
        } catch {
            Glibc.close(fd)
            unlink(path)
            throw error
        }
        Glibc.close(fd)
        try syncDirectory(of: path)
    }

    /// Replaces the file at `path` with `bytes`, all or nothing: a temporary file in the same
    /// folder (`O_EXCL | O_NOFOLLOW`, 0600), written, fsynced, renamed over `path`, and the
    /// folder fsynced. A crash at any moment leaves either the old file or the new one.
    /// A symbolic link at `path` is replaced by the file itself, never followed.
    ///
    /// (`AtomicFileWriter`, for reports, follows a symbolic link at the target and keeps the
    /// target's mode, which suits a report the user pointed somewhere; private files must do
    /// neither, so they are replaced here.)
    public static func replace(_ path: String, with bytes: [UInt8], mode: mode_t = privateMode) throws {
        let dir = directory(of: path)
        let name = (path as NSString).lastPathComponent
        var temp = ""
        var fd: Int32 = -1
        for _ in 0..<8 {
            // The process id in the name tells a later run whether the writer has ended
            // (`TemporaryFiles.stale`).
            temp = dir + "/." + name + ".tmp-\(getpid())-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
            do {
                fd = try open(temp, flags: O_WRONLY, exclusive: true, mode: mode)
                break
            } catch let e as JournalFileError where e.reason == .alreadyExists {
                continue
            }
        }
        guard fd >= 0 else { throw JournalFileError(path: temp, reason: .alreadyExists) }
        do {
            try writeAll(fd, bytes, path: temp)
            try sync(fd, path: temp)
            if Glibc.close(fd) != 0 {
                fd = -1
                throw JournalFileError.from(errno: errno, path: temp, operation: "close")
            }
            fd = -1
            if rename(temp, path) != 0 { throw JournalFileError.from(errno: errno, path: path, operation: "rename") }
        } catch {
            if fd >= 0 { Glibc.close(fd) }
            unlink(temp)
            throw error
        }
        try syncDirectory(of: path)
    }

    /// Reads a whole private file without following a symbolic link; nil when there is none.
    /// Refuses files larger than `limit` bytes.
    public static func read(_ path: String, limit: Int = 64 << 20) throws -> [UInt8]? {
        let fd = Glibc.open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw JournalFileError.from(errno: errno, path: path, operation: "open")
        }
        defer { Glibc.close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            throw JournalFileError(path: path, reason: .io(operation: "open (not a regular file)", errno: EINVAL))
        }
        guard Int(st.st_size) <= limit else {
            throw JournalFileError(path: path, reason: .io(operation: "read (file too large)", errno: EFBIG))
        }
        return try readAll(fd, path: path, from: 0, count: Int(st.st_size))
    }

    /// Reads up to `count` bytes from `offset` (fewer at the end of the file).
    static func readAll(_ fd: Int32, path: String, from offset: Int, count: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let n = out.withUnsafeMutableBytes { raw in
                pread(fd, raw.baseAddress! + got, count - got, off_t(offset + got))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw JournalFileError.from(errno: errno, path: path, operation: "read")
            }
            if n == 0 { break }
            got += n
        }
        out.removeLast(count - got)
        return out
    }
}

/// Which file a path names: its device and inode.
public struct FileIdentity: Hashable, Sendable {
    public var device: UInt64
    public var inode: UInt64

    public init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }

    init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
    }

    /// The file at `path` itself (a symbolic link is not followed); nil when there is none.
    public static func of(path: String) -> FileIdentity? {
        var st = stat()
        return lstat(path, &st) == 0 ? FileIdentity(st) : nil
    }

    /// The file open at `fd`.
    public static func of(descriptor fd: Int32) -> FileIdentity? {
        var st = stat()
        return fstat(fd, &st) == 0 ? FileIdentity(st) : nil
    }
}
