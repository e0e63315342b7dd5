import Foundation
import MinutesCore

/// Runs the app without a terminal: keys in, frames out, effects carried out against the
/// journal session and their results sent back to `AppUpdate.update` as messages. The
/// terminal loop (`TerminalApp`) is this plus a `TerminalBackend`; tests drive this directly.
public final class AppRuntime {
    public private(set) var ui: UIState
    public let session: JournalSession
    public let keyMap: KeyMap
    /// The state shown while looking back at an earlier meeting.
    public private(set) var lookBackState: MinutesState?
    private let panelCache = PanelCache()
    private let today: () -> Day
    private var bridge: SessionBridge { SessionBridge(session: session) }
    /// Writes an export; returns the path written. Supplied by the executable, which knows
    /// the report builders.
    public var exporter: ((ExportChoice, String, Day?, String, MinutesState) throws -> String)?
    /// Runs a git sync; by default Core's `GitSync` on the session's journal.
    public var syncer: (() -> Msg)?
    public private(set) var shouldQuit = false

    public init(session: JournalSession, width: Int = 80, height: Int = 24, keyMap: KeyMap = .standard,
                today: @escaping () -> Day = { Day.today() }) {
        self.session = session
        self.keyMap = keyMap
        self.today = today
        ui = UIState(group: session.state.groupOrder.first)
        ui.width = width
        ui.height = height
        ui.readOnlyReason = SessionBridge(session: session).readOnlyReason
        if session.diagnostics.hasErrors { ui.mode = .problems }
    }

    /// Marks the session read-only with a reason shown in the header (e.g. another writer).
    public func setReadOnly(_ reason: String) {
        session.makeReadOnly()
        send(.writability(reason))
    }

    public var context: AppContext {
        AppContext(state: lookBackState ?? session.state, keyMap: keyMap, today: today(),
                   diagnostics: session.diagnostics, fileName: (session.path as NSString).lastPathComponent,
                   panelCache: panelCache)
    }

    public func frame() -> Frame { Screen.render(ui, context: context) }

    /// Handles one key and carries out its effects.
    public func handle(_ key: Key) { send(.key(key)) }

    /// The one way the UI state changes: a message through `AppUpdate.update`, then the
    /// effects it asks for, whose results come back the same way.
    public func send(_ msg: Msg) {
        var queue = [msg]
        while !queue.isEmpty {
            let effects = AppUpdate.update(&ui, queue.removeFirst(), context: context)
            for effect in effects { queue += perform(effect) }
        }
    }

    /// Puts a saved draft back on the input line (see `DraftContext`).
    public func restoreDraft(text: String, context: String) {
        send(.restoreDraft(text: text, context: context))
    }

    /// The text being typed, if any: what a draft must save.
    public var typedText: InputLine? {
        if case .input(let line) = ui.mode, !line.editor.isEmpty { return line }
        if case .confirm(let q) = ui.mode, case .input(let line) = q.back, !line.editor.isEmpty { return line }
        return nil
    }

    /// The draft to save for the text being typed: its text and context words.
    public var draft: (text: String, context: String)? {
        typedText.map { ($0.editor.text, DraftContext.describe($0, ui: ui, context: context)) }
    }

    /// Catches up with changes other programs made to the journal (see `JournalSession.refresh`)
    /// and notices when the journal can be written again; the input line is left as it is.
    public func followJournal() {
        for msg in bridge.follow(wasReadOnly: ui.readOnlyReason != nil) { send(msg) }
    }

    /// Carries out one effect; returns the messages that report its result.
    func perform(_ effect: Effect) -> [Msg] {
        switch effect {
        case .quit:
            shouldQuit = true
            return []
        case .record(let request):
            return [bridge.record(request)]
        case .lookBack(let day):
            guard let day else {
                lookBackState = nil
                return [.lookedBack(nil)]
            }
            do {
                lookBackState = try JournalLoader.load(path: session.path, asOf: day).state
                return [.lookedBack(day)]
            } catch {
                return [.failed("Could not read the journal: \(error)")]
            }
        case .export(let choice, let group, let meeting, let path):
            guard let exporter else { return [.failed("Exports are not available in this build.")] }
            do {
                return [.exported(path: try exporter(choice, group, meeting, path, context.state))]
            } catch {
                return [.failed("Export failed: \(error)")]
            }
        case .sync:
            var messages = [syncer?() ?? bridge.sync()]
            messages += bridge.follow(wasReadOnly: ui.readOnlyReason != nil).filter {
                if case .journalChanged = $0 { return false } else { return true }
            }
            return messages
        }
    }
}
