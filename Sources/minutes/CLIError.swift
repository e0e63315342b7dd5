import ArgumentParser
import MinutesCore

/// A command that could not be carried out: one line for stderr and the exit status.
///
/// Exit status 1 means the values or the journal are wrong (unknown group, empty text,
/// impossible date, a journal that cannot be read); 2 means the command line itself is
/// malformed (missing or extra arguments, unknown options), which is what ArgumentParser's
/// own parse errors are mapped to as well (see `Minutes.main`).
struct CLIError: Error, CustomStringConvertible {
    enum Kind { case data, usage }

    let kind: Kind
    let message: String

    var description: String { message }

    var exitCode: Int32 { kind == .usage ? 2 : 1 }

    /// Invalid data: exit status 1.
    static func data(_ message: String) -> CLIError { CLIError(kind: .data, message: message) }

    /// Bad usage: exit status 2.
    static func usage(_ message: String) -> CLIError { CLIError(kind: .usage, message: message) }

    /// The one-line form of an engine error.
    static func from(_ error: Error) -> CLIError {
        switch error {
        case let e as CLIError: return e
        case let e as JournalFileError: return .data(e.description)
        case let e as RecordError: return .data(e.description)
        default: return .data(String(describing: error))
        }
    }
}

/// The exit statuses, in one place.
enum ExitStatus {
    static let success: Int32 = 0
    static let invalidData: Int32 = 1
    static let badUsage: Int32 = 2
}
