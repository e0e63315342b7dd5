import Foundation
import MinutesCore

/// Runs the app without a terminal: keys in, frames out, effects carried out against the
/// journal session. The terminal loop (`TerminalApp`) is this plus a `TerminalBackend`;
/// tests drive this directly.
public final class AppRuntime {
    public private(set) var ui: UIState
    public let session: JournalSession
    public let keyMap: KeyMap
    /// The state shown while looking back at an earlier meeting.
    public private(set) var lookBackState: MinutesState?
    private let panelCache = PanelCache()
    private let today: () -> Day
    /// Writes an export; returns the path written. Supplied by the executable, which knows
    /// the report builders.
    public var exporter: ((ExportChoice, String, Day?, String, MinutesState) throws -> String)?
    public private(set) var shouldQuit = false

    public init(session: JournalSession, width: Int = 80, height: Int = 24, keyMap: KeyMap = .standard,
                today: @escaping () -> Day = { Day.today() }) {
        self.session = session
        self.keyMap = keyMap
        self.today = today
        ui = UIState(group: session.state.groupOrder.first)
        ui.width = width
        ui.height = height
        if !session.isWritable {
            ui.readOnlyReason = session.diagnostics.hasErrors ? "the journal has errors (! lists them)"
                : session.tornLine != nil ? "incomplete last line (run minutes repair)"
                : session.readOnlyReason?.description ?? "opened read-only"
        }
        if session.diagnostics.hasErrors { ui.mode = .problems }
    }

    /// Marks the session read-only with a reason shown in the header (e.g. another writer).
    public func setReadOnly(_ reason: String) {
        session.makeReadOnly()
        ui.readOnlyReason = reason
    }

    public var context: AppContext {
        AppContext(state: lookBackState ?? session.state, keyMap: keyMap, today: today(),
                   diagnostics: session.diagnostics, fileName: (session.path as NSString).lastPathComponent,
                   panelCache: panelCache)
    }

    public func frame() -> Frame { Screen.render(ui, context: context) }

    /// Handles one key and carries out its effects.
    public func handle(_ key: Key) {
        let effects = AppUpdate.update(&ui, key: key, context: context)
        for effect in effects { perform(effect) }
    }

    /// Puts a saved draft back on the input line (see `DraftContext`).
    public func restoreDraft(text: String, context: String) {
        DraftContext.restore(text, context: context, into: &ui, state: session.state)
    }

    /// The text being typed, if any: what a draft must save.
    public var typedText: InputLine? {
        if case .input(let line) = ui.mode, !line.editor.isEmpty { return line }
        return nil
    }

    /// The draft to save for the text being typed: its text and context words.
    public var draft: (text: String, context: String)? {
        typedText.map { ($0.editor.text, DraftContext.describe($0, ui: ui, context: context)) }
    }

    /// Catches up with changes other programs made to the journal (see `JournalSession.refresh`);
    /// the input line is left as it is.
    public func followJournal() {
        do {
            switch try session.refresh() {
            case .unchanged: break
            case .appended(let events):
                ui.status = .info("\(events.count) entr\(events.count == 1 ? "y" : "ies") added to the journal by another program.")
            case .reloaded(let reason):
                ui.status = .info("The journal changed on disk (\(reason)); reloaded.")
                if !session.isWritable { ui.readOnlyReason = session.readOnlyReason?.description ?? "read-only" }
            }
        } catch {
            ui.status = .error("Could not re-read the journal: \(error)")
        }
    }

    func perform(_ effect: Effect) {
        switch effect {
        case .quit:
            shouldQuit = true
        case .record(let request):
            do {
                let events = try session.record(request.events)
                AppUpdate.recorded(&ui, request, events: events, context: context)
            } catch {
                AppUpdate.recordFailed(&ui, request, message: String(describing: error), nowReadOnly: !session.isWritable)
            }
        case .lookBack(let day):
            if let day {
                do {
                    lookBackState = try JournalLoader.load(path: session.path, asOf: day).state
                    ui.lookBack = day
                    ui.status = nil
                } catch {
                    ui.status = .error("Could not read the journal: \(error)")
                }
            } else {
                lookBackState = nil
                ui.lookBack = nil
                ui.status = .info("Back to now.")
            }
            ui.selection = [:]
            ui.scrollTop = [:]
        case .export(let choice, let group, let meeting, let path):
            guard let exporter else {
                ui.status = .error("Exports are not available in this build.")
                return
            }
            do {
                let written = try exporter(choice, group, meeting, path, context.state)
                ui.status = .info("Written: \(written)")
            } catch {
                ui.status = .error("Export failed: \(error)")
            }
        }
    }
}
