import Foundation

/// A journal that cannot be opened, read or written, with the path it concerns.
public struct JournalFileError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case notFound, isDirectory, permissionDenied, alreadyExists, symlink, tornTail, notAJournal
        case io(operation: String, errno: Int32)
    }

    public let path: String
    public let reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// Maps an errno from `open` or `read` to a reason.
    static func from(errno code: Int32, path: String, operation: String) -> JournalFileError {
        switch code {
        case ENOENT: return .init(path: path, reason: .notFound)
        case EISDIR: return .init(path: path, reason: .isDirectory)
        case EACCES, EPERM: return .init(path: path, reason: .permissionDenied)
        case EEXIST: return .init(path: path, reason: .alreadyExists)
        case ELOOP: return .init(path: path, reason: .symlink)
        default: return .init(path: path, reason: .io(operation: operation, errno: code))
        }
    }

    public var description: String {
        switch reason {
        case .notFound: return "\(path): no such journal (create one with: minutes init -f \(path))"
        case .isDirectory: return "\(path): is a directory, not a journal"
        case .permissionDenied: return "\(path): permission denied"
        case .alreadyExists: return "\(path): already exists; refusing to overwrite it"
        case .symlink: return "\(path): is a symbolic link; refusing to follow it"
        case .tornTail: return "\(path): the last line is incomplete (a torn write); run: minutes repair -f \(path)"
        case .notAJournal: return "\(path): not a minutes journal"
        case .io(let op, let code) where code == EFBIG:
            return "\(path): \(op) failed: the file-size limit was reached (ulimit -f); nothing more was written, raise the limit and try again"
        case .io(let op, let code) where code == ENOSPC || code == EDQUOT:
            return "\(path): \(op) failed: \(String(cString: strerror(code))); nothing more was written, free some space and try again"
        case .io(let op, let code): return "\(path): \(op) failed: \(String(cString: strerror(code)))"
        }
    }
}
