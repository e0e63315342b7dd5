import ArgumentParser
import Foundation
import MinutesCore

/// `-f/--file`, shared by every command through `@OptionGroup`, and the ways a command
/// opens the journal it names.
struct JournalOptions: ParsableArguments {
    /// The journal used when neither `-f` nor `MINUTES_FILE` names one.
    static let defaultFile = "minutes.journal"
    /// The environment variable that names the journal when `-f` is not given.
    static let environmentKey = "MINUTES_FILE"

    @Option(
        name: [.customShort("f"), .customLong("file")],
        help: ArgumentHelp(
            "The journal to read and write.",
            discussion: "Defaults to $\(JournalOptions.environmentKey) when set, else \(JournalOptions.defaultFile) in the current directory.",
            valueName: "file"),
        completion: .file(extensions: ["journal"]))
    var file: String?

    /// The journal's path: `-f`, else `$MINUTES_FILE`, else `minutes.journal`.
    var path: String {
        if let file { return file }
        if let env = ProcessInfo.processInfo.environment[JournalOptions.environmentKey], !env.isEmpty { return env }
        return JournalOptions.defaultFile
    }

    func validate() throws {
        if let file, file.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("-f/--file needs a file name")
        }
    }

    /// Reads and replays the journal, for commands that only look.
    func load(asOf: Day? = nil) throws -> LoadedJournal {
        do {
            return try JournalLoader.load(path: path, asOf: asOf)
        } catch {
            throw CLIError.from(error)
        }
    }

    /// Reads the journal for a command that only looks. Lines with errors are left out of
    /// the state; a warning says so and points at `minutes check`.
    func loadWarning(asOf: Day? = nil) throws -> LoadedJournal {
        let loaded = try load(asOf: asOf)
        if let first = loaded.diagnostics.errors.first {
            Output.warning(problemSummary(errors: loaded.diagnostics.errors.count, first: first)
                .replacingOccurrences(of: "; fix it first", with: "; entries with errors are left out"))
        }
        return loaded
    }

    /// Opens the journal for recording new entries. Refuses a journal with errors or a torn
    /// last line, since appending to it would bury the problem.
    func openForWriting() throws -> JournalSession {
        let session: JournalSession
        do {
            session = try JournalSession(path: path)
        } catch {
            throw CLIError.from(error)
        }
        guard session.isWritable else {
            if let first = session.diagnostics.errors.first {
                throw CLIError.data(problemSummary(errors: session.diagnostics.errors.count, first: first) + "; nothing was written")
            }
            if let torn = session.tornLine {
                throw CLIError.data("\(path):\(torn):1: the last line is incomplete (a torn write); nothing was written; see: minutes check -f \(path)")
            }
            throw CLIError.data("\(path) cannot be written; nothing was written")
        }
        return session
    }

    private func problemSummary(errors count: Int, first: Diagnostic) -> String {
        let more = count > 1 ? " (and \(count - 1) more error\(count == 2 ? "" : "s"))" : ""
        return "\(path):\(first.line):\(first.column): \(first.message)" + more + "; fix it first, see: minutes check -f \(path)"
    }
}

/// Recording entries: engine rejections become one-line errors, warnings the engine raised
/// while applying the entry are printed on stderr.
extension JournalSession {
    @discardableResult
    func recordReporting(_ body: EventBody) throws -> Event {
        let before = state.diagnostics.count
        let event: Event
        do {
            event = try record(body)
        } catch {
            throw CLIError.from(error)
        }
        for d in state.diagnostics.dropFirst(before) { Output.report(d) }
        return event
    }
}
