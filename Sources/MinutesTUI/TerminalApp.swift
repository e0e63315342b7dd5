import Foundation
import MinutesCore

/// The full-screen app: a journal session, the runtime and the terminal backend, in one loop.
///
/// Typing never waits: every key that has arrived is handled before the screen is painted
/// once, and painting sends only the cells that changed. The loop wakes at least every
/// 100 ms to notice signals, a vanished terminal and changes to the journal.
@MainActor
public enum TerminalApp {
    /// Hooks the executable supplies (exports, locking, drafts) so this module stays free of
    /// what it does not need to know.
    public struct Hooks {
        public var exporter: ((ExportChoice, String, Day?, String, MinutesState) throws -> String)?
        /// Called about every half second while idle; may reload or mark the runtime read-only.
        public var idle: ((AppRuntime) -> Void)?
        /// Called about every few seconds while text is typed (text and context words), with
        /// nil once it is saved or cancelled, and when a signal or quit stops the app.
        public var saveDraft: (((text: String, context: String)?) -> Void)?
        /// Called once after start-up, to restore a saved draft or set a read-only reason.
        public var start: ((AppRuntime) -> Void)?

        public init() {}
    }

    /// Runs the app on `session` until `q`, a signal or a hang-up. Returns the exit status.
    public static func run(session: JournalSession, hooks: Hooks = Hooks()) -> Int32 {
        // A file-size limit must fail a write (EFBIG, shown like a full disk), never kill the
        // app with SIGXFSZ and leave the terminal raw and the typed text unsaved.
        FileSizeLimit.ignoreSignal()
        let backend: TerminalBackend
        do {
            backend = try TerminalBackend()
        } catch {
            FileHandle.standardError.write(Data("minutes: cannot start the full-screen app: \(error)\n".utf8))
            return 2
        }
        let runtime = AppRuntime(session: session, width: backend.width, height: backend.height)
        runtime.exporter = hooks.exporter
        hooks.start?(runtime)
        var status: Int32 = 0
        var lastIdle = Date()
        var lastDraft = Date()
        var draftDirty = false
        // A draft restored at start-up is on disk: once its text is recorded or dropped it must go.
        var wasTyping = runtime.typedText != nil
        func paint() {
            let frame = runtime.frame()
            backend.present(frame.grid, cursor: frame.cursor)
        }
        paint()
        while !runtime.shouldQuit {
            if let signal = backend.pendingSignal {
                hooks.saveDraft?(runtime.draft)
                status = signal == .interrupt ? 130 : signal == .terminate ? 143 : 129
                break
            }
            guard let key = backend.nextKey(timeoutMilliseconds: 100) else {
                let now = Date()
                if now.timeIntervalSince(lastIdle) >= 0.5 {
                    lastIdle = now
                    let before = runtime.session.state.eventCount
                    let uiBefore = runtime.ui
                    hooks.idle?(runtime)
                    // Repaint for new entries and for what the UI says about them (writable again).
                    if runtime.session.state.eventCount != before || runtime.ui != uiBefore { paint() }
                }
                if draftDirty, now.timeIntervalSince(lastDraft) >= 3 {
                    hooks.saveDraft?(runtime.draft)
                    lastDraft = now
                    draftDirty = false
                }
                continue
            }
            runtime.handle(key)
            // Handle every key already typed before painting once.
            while !runtime.shouldQuit, backend.pendingSignal == nil, let more = backend.nextKey(timeoutMilliseconds: 0) {
                runtime.handle(more)
            }
            let typing = runtime.typedText != nil
            if typing {
                draftDirty = true
            } else if wasTyping || draftDirty {
                hooks.saveDraft?(nil)  // the text was saved to the journal or cancelled: no draft
                draftDirty = false
            }
            wasTyping = typing
            paint()
        }
        if runtime.shouldQuit, let typed = runtime.draft { hooks.saveDraft?(typed) }
        backend.restore()
        return status
    }
}
