import Foundation
import MinutesCore
import MinutesTUI

/// Opens the full-screen app on a journal: what `minutes` with no command, and `minutes demo`, do.
///
/// The app takes the journal's lock for each write only, so the command line, `sync` and a
/// second app can write while it is open; it follows changes other programs make, and keeps
/// whatever is on the input line in its own private draft file, so a closed terminal or a
/// crash loses at most a few seconds of typing.
enum AppLauncher {
    /// Opens the journal at `path` in the app and returns the exit status when it ends.
    static func run(path: String) throws -> Int32 {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CLIError.usage("the full-screen app needs a terminal; use a command instead (see: minutes --help)")
        }
        let session: JournalSession
        do {
            session = try JournalSession(path: path, locking: .perRecord())
        } catch {
            throw CLIError.from(error)
        }
        let drafts = DraftStore(journalPath: path)
        var hooks = TerminalApp.Hooks()
        hooks.exporter = ExportCommand.appExporter(journalPath: path)
        hooks.start = { runtime in
            // Only a draft whose app has ended is taken over; a running app's draft stays its own.
            if let left = drafts.restorable(), let draft = try? drafts.adopt(left) {
                runtime.restoreDraft(text: draft.text, context: draft.context)
            }
        }
        hooks.idle = { runtime in runtime.followJournal() }
        hooks.saveDraft = { draft in
            if let draft {
                try? drafts.save(text: draft.text, context: draft.context)
            } else {
                try? drafts.clear()
            }
        }
        return MainActor.assumeIsolated {
            TerminalApp.run(session: session, hooks: hooks)
        }
    }
}
