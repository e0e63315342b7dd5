import Foundation
import MinutesCore

/// Every call the app makes to Core's journal session, locking and git sync, in one place:
/// when those APIs change, this file is what changes.
///
/// Assumes today's APIs: `JournalSession.record` (all or nothing, throws, may make the
/// session read-only), `refresh()` to follow other writers, `retryLock()` while another
/// program holds the lock, `readOnlyReason`, and `GitSync.sync(lock:)` with the lock the
/// session holds (nil when it locks per record).
struct SessionBridge {
    let session: JournalSession

    /// Why nothing can be written, in words for the header; nil while writable.
    var readOnlyReason: String? {
        if session.isWritable { return nil }
        if session.diagnostics.hasErrors { return "the journal has errors (! lists them)" }
        if session.tornLine != nil { return "incomplete last line (run minutes repair)" }
        return session.readOnlyReason?.description ?? "opened read-only"
    }

    /// Records the events as one append; the result as the message for `update`.
    func record(_ request: RecordRequest) -> Msg {
        do {
            let events = try session.record(request.events)
            return .recorded(request, ids: events.map(\.id))
        } catch {
            return .recordFailed(request, message: String(describing: error),
                                 readOnly: session.isWritable ? nil : "a write to the journal failed")
        }
    }

    /// Catches up with other writers and, when the session could not write, tries again
    /// (the lock may have been released, the journal fixed): the messages to send.
    func follow(wasReadOnly: Bool) -> [Msg] {
        var messages: [Msg] = []
        do {
            switch try session.refresh() {
            case .unchanged: break
            case .appended(let events):
                messages.append(.journalChanged(message: "\(events.count) entr\(events.count == 1 ? "y" : "ies") added to the journal by another program.", isError: false))
            case .reloaded(let reason):
                messages.append(.journalChanged(message: "The journal changed on disk (\(reason)); reloaded.", isError: false))
            }
        } catch {
            messages.append(.journalChanged(message: "Could not re-read the journal: \(error)", isError: true))
        }
        if !session.isWritable, session.lockHolder != nil { session.retryLock() }
        let reason = readOnlyReason
        if wasReadOnly != (reason != nil) || reason != nil { messages.append(.writability(reason)) }
        return messages
    }

    /// Runs git sync on the journal, holding the session's lock when it has one.
    func sync() -> Msg {
        do {
            let report = try GitSync(journalPath: session.path).sync(lock: session.lock)
            var done: [String] = []
            if report.committed { done.append("committed") }
            if report.merged { done.append("merged others' entries") }
            if report.pushed { done.append("pushed") }
            if !report.conflicts.isEmpty {
                return .syncFinished(summary: "Synced, but \(report.conflicts.count) conflicting decision(s): ! lists them; U retracts the wrong one.", ok: false)
            }
            return .syncFinished(summary: done.isEmpty ? "Sync: nothing to do, up to date." : "Synced: " + done.joined(separator: ", ") + ".", ok: true)
        } catch {
            return .syncFinished(summary: "Sync failed: \(error)", ok: false)
        }
    }
}
