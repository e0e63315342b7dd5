import Foundation
import MinutesCore
import MinutesTUI

/// Opens the full-screen app on a journal: what `minutes` with no command, and `minutes demo`, do.
enum AppLauncher {
    /// Opens the journal at `path` in the app and returns the exit status when it ends.
    static func run(path: String) throws -> Int32 {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CLIError.usage("the full-screen app needs a terminal; use a command instead (see: minutes --help)")
        }
        let session: JournalSession
        do {
            session = try JournalSession(path: path)
        } catch {
            throw CLIError.from(error)
        }
        var hooks = TerminalApp.Hooks()
        hooks.exporter = ExportCommand.appExporter(journalPath: path)
        return MainActor.assumeIsolated {
            TerminalApp.run(session: session, hooks: hooks)
        }
    }
}
