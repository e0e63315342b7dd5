import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An error from one system call, with its `errno` value.
public struct SystemCallError: Error, Equatable, Sendable, CustomStringConvertible {
    public var code: Int32

    public init(code: Int32) {
        self.code = code
    }

    public var description: String { String(cString: strerror(code)) }
}

/// The file-system calls `AtomicFileWriter` makes. Tests substitute their own to simulate
/// failures (a full disk at `fsync`, short writes, interrupted calls).
///
/// Each method throws `SystemCallError` where the system call would set `errno`.
public protocol FileSystemOps: Sendable {
    /// `open(2)`; returns the descriptor.
    func open(_ path: String, flags: Int32, mode: mode_t) throws -> Int32
    /// `write(2)`; returns how many bytes were written, possibly fewer than asked.
    func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws -> Int
    func fsync(_ descriptor: Int32) throws
    func fchmod(_ descriptor: Int32, mode: mode_t) throws
    func close(_ descriptor: Int32) throws
    func rename(_ source: String, to destination: String) throws
    func unlink(_ path: String) throws
    /// The permission bits of the file at `path` (following symbolic links); nil if there is none.
    func permissions(ofFileAt path: String) throws -> mode_t?
    /// A fresh random string for a temporary file name.
    func randomSuffix() -> String
}

extension FileSystemOps {
    public func randomSuffix() -> String {
        String(UInt64.random(in: 0...UInt64.max), radix: 36)
    }
}

/// The real calls.
public struct PosixFileSystemOps: FileSystemOps {
    public init() {}

    private static func check(_ result: Int32) throws {
        if result == -1 { throw SystemCallError(code: errno) }
    }

    public func open(_ path: String, flags: Int32, mode: mode_t) throws -> Int32 {
        #if canImport(Glibc)
        let descriptor = Glibc.open(path, flags, mode)
        #else
        let descriptor = Darwin.open(path, flags, mode)
        #endif
        try Self.check(descriptor)
        return descriptor
    }

    public func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws -> Int {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        #if canImport(Glibc)
        let written = Glibc.write(descriptor, base, bytes.count)
        #else
        let written = Darwin.write(descriptor, base, bytes.count)
        #endif
        if written < 0 { throw SystemCallError(code: errno) }
        return written
    }

    public func fsync(_ descriptor: Int32) throws {
        #if canImport(Glibc)
        try Self.check(Glibc.fsync(descriptor))
        #else
        try Self.check(Darwin.fsync(descriptor))
        #endif
    }

    public func fchmod(_ descriptor: Int32, mode: mode_t) throws {
        #if canImport(Glibc)
        try Self.check(Glibc.fchmod(descriptor, mode))
        #else
        try Self.check(Darwin.fchmod(descriptor, mode))
        #endif
    }

    public func close(_ descriptor: Int32) throws {
        #if canImport(Glibc)
        try Self.check(Glibc.close(descriptor))
        #else
        try Self.check(Darwin.close(descriptor))
        #endif
    }

    public func rename(_ source: String, to destination: String) throws {
        #if canImport(Glibc)
        try Self.check(Glibc.rename(source, destination))
        #else
        try Self.check(Darwin.rename(source, destination))
        #endif
    }

    public func unlink(_ path: String) throws {
        #if canImport(Glibc)
        try Self.check(Glibc.unlink(path))
        #else
        try Self.check(Darwin.unlink(path))
        #endif
    }

    public func permissions(ofFileAt path: String) throws -> mode_t? {
        var info = stat()
        let result = stat(path, &info)
        if result == -1 {
            let code = errno
            if code == ENOENT { return nil }
            throw SystemCallError(code: code)
        }
        return info.st_mode & 0o7777
    }
}

/// Why an atomic write failed: which step, on which file, and the system's reason.
public struct AtomicWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Step: String, Sendable {
        case inspectTarget = "could not inspect the existing file"
        case createTemporary = "could not create a temporary file"
        case setPermissions = "could not set permissions"
        case write = "could not write"
        case sync = "could not flush to disk"
        case close = "could not close"
        case rename = "could not replace the file"
        case syncDirectory = "the file was replaced but its folder could not be flushed to disk"
    }

    /// The file that was to be written.
    public var path: String
    public var step: Step
    /// The `errno` value.
    public var code: Int32

    public init(path: String, step: Step, code: Int32) {
        self.path = path
        self.step = step
        self.code = code
    }

    public var description: String {
        "Could not save \(path): \(step.rawValue): \(SystemCallError(code: code).description)"
    }
}

/// Replaces a file's content all at once: readers see the old content or the new, never a mix,
/// and after a crash the file holds one or the other.
///
/// Writes a temporary file in the target's folder (created exclusively, never through a symbolic
/// link, mode 0600 or the existing target's mode), writes every byte, flushes it to disk, renames
/// it over the target, then flushes the folder. On failure before the rename the temporary file
/// is removed and the target is untouched. A target that is a symbolic link is followed: the file
/// it points to is replaced and the link stays.
public enum AtomicFileWriter {

    public static func write(_ data: Data, to url: URL, fileSystem: any FileSystemOps = PosixFileSystemOps()) throws {
        let target = url.standardizedFileURL.resolvingSymlinksInPath()
        let targetPath = target.path
        let directoryPath = target.deletingLastPathComponent().path
        let name = target.lastPathComponent

        func failure(_ step: AtomicWriteError.Step, _ error: any Error) -> AtomicWriteError {
            AtomicWriteError(path: targetPath, step: step, code: (error as? SystemCallError)?.code ?? EIO)
        }

        let existingMode: mode_t?
        do {
            existingMode = try fileSystem.permissions(ofFileAt: targetPath)
        } catch {
            throw failure(.inspectTarget, error)
        }

        // Create the temporary file, retrying on a name clash.
        var descriptor: Int32 = -1
        var temporaryPath = ""
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
        for attempt in 1...16 {
            temporaryPath = directoryPath + "/." + name + ".tmp-" + fileSystem.randomSuffix()
            do {
                descriptor = try retryingInterrupted { try fileSystem.open(temporaryPath, flags: flags, mode: 0o600) }
                break
            } catch let error as SystemCallError where error.code == EEXIST && attempt < 16 {
                continue
            } catch {
                throw failure(.createTemporary, error)
            }
        }

        var isOpen = true
        var step = AtomicWriteError.Step.setPermissions
        do {
            if let existingMode {
                try retryingInterrupted { try fileSystem.fchmod(descriptor, mode: existingMode) }
            }
            step = .write
            try data.withUnsafeBytes { buffer in
                try writeAll(buffer, to: descriptor, fileSystem: fileSystem)
            }
            step = .sync
            try retryingInterrupted { try fileSystem.fsync(descriptor) }
            step = .close
            isOpen = false
            do {
                try fileSystem.close(descriptor)
            } catch let error as SystemCallError where error.code == EINTR {
                // Linux releases the descriptor even when close is interrupted; do not retry.
            }
            step = .rename
            try fileSystem.rename(temporaryPath, to: targetPath)
        } catch {
            if isOpen { try? fileSystem.close(descriptor) }
            try? fileSystem.unlink(temporaryPath)
            throw failure(step, error)
        }

        // Make the rename itself durable.
        do {
            let directory = try retryingInterrupted {
                try fileSystem.open(directoryPath, flags: O_RDONLY | O_DIRECTORY | O_CLOEXEC, mode: 0)
            }
            defer { try? fileSystem.close(directory) }
            do {
                try retryingInterrupted { try fileSystem.fsync(directory) }
            } catch let error as SystemCallError where error.code == EINVAL || error.code == ENOTSUP {
                // Some file systems cannot flush a folder; the rename is as durable as they allow.
            }
        } catch {
            throw failure(.syncDirectory, error)
        }
    }

    /// Writes every byte, continuing after short writes and interrupted calls.
    static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32, fileSystem: any FileSystemOps) throws {
        var offset = 0
        while offset < buffer.count {
            let rest = UnsafeRawBufferPointer(rebasing: buffer[offset...])
            let written: Int
            do {
                written = try fileSystem.write(descriptor, rest)
            } catch let error as SystemCallError where error.code == EINTR {
                continue
            }
            // A write that makes no progress would loop for ever.
            guard written > 0 else { throw SystemCallError(code: EIO) }
            offset += min(written, rest.count)
        }
    }

    static func retryingInterrupted<T>(_ body: () throws -> T) throws -> T {
        while true {
            do {
                return try body()
            } catch let error as SystemCallError where error.code == EINTR {
                continue
            }
        }
    }
}
