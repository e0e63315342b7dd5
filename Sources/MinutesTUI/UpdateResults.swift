import MinutesCore

/// What the UI does with the results of effects, which come back as messages.
extension AppUpdate {
    static func result(_ ui: inout UIState, _ msg: Msg, _ c: AppContext) -> [Effect] {
        switch msg {
        case .key: return []
        case .recorded(let request, let ids):
            recorded(&ui, request, ids: ids, c)
            if let due = request.due, let id = ids.first {
                return [.record(RecordRequest([.due(ref: id, meeting: due.meeting, date: due.date)],
                                              message: request.message, after: .nothing))]
            }
        case .recordFailed(let request, let message, let readOnly):
            // Nothing was recorded: the typed text comes back so nothing is lost.
            if let line = request.restore { ui.mode = .input(line) }
            ui.status = .error("NOT SAVED: \(message)")
            if let readOnly { ui.readOnlyReason = readOnly }
        case .lookedBack(let day):
            ui.lookBack = day
            ui.status = day == nil ? .info("Back to now.") : nil
            ui.selection = [:]
            ui.scrollTop = [:]
        case .exported(let path): ui.status = .info("Written: \(path)")
        case .syncFinished(let summary, let ok): ui.status = ok ? .info(summary) : .error(summary)
        case .journalChanged(let message, let isError): ui.status = isError ? .error(message) : .info(message)
        case .writability(let reason):
            if let reason {
                ui.readOnlyReason = reason
            } else if ui.readOnlyReason != nil {
                ui.readOnlyReason = nil
                ui.status = .info("The journal can be written again.")
            }
        case .failed(let message): ui.status = .error(message)
        case .restoreDraft(let text, let context): DraftContext.restore(text, context: context, into: &ui, state: c.state)
        }
        return []
    }

    /// The events were saved: select what was added, move the review on, remember undo.
    static func recorded(_ ui: inout UIState, _ request: RecordRequest, ids: [EventID], _ c: AppContext) {
        ui.status = .info(request.message)
        switch request.after {
        case .undo:
            if let entry = ui.undoStack.popLast() { ui.redoStack.append(entry) }
        case .redo:
            ui.redoStack.removeLast()
            let (what, project) = describe(request.events, c)
            ui.undoStack.append(UndoEntry(ids: ids, bodies: request.events, what: what, project: project))
        default:
            // A retraction chosen with U cannot itself be retracted, so it is not undoable.
            let retractions = request.events.allSatisfy { if case .retract = $0 { return true } else { return false } }
            if !ids.isEmpty, !retractions {
                let (what, project) = describe(request.events, c)
                ui.undoStack.append(UndoEntry(ids: ids, bodies: request.events, what: what, project: project))
                ui.redoStack = []
            }
        }
        switch request.after {
        case .select(let column):
            if let id = ids.first { select(id, in: column, &ui, c) }
        case .advanceReview:
            guard case .review(let meeting, let index)? = ui.reviewReturn, let g = ui.group else { break }
            let entries = c.state.reviewEntries(group: g, meeting: meeting)
            if let next = entries.indices.first(where: { $0 > index && !entries[$0].isReviewed })
                ?? entries.indices.first(where: { !entries[$0].isReviewed }) {
                ui.mode = .review(meeting: meeting, index: next)
            } else {
                finishReview(&ui, entries)
                ui.status = .info(request.message + " " + (ui.status?.text ?? ""))
            }
        case .approved(let meeting):
            enterFollowUps(&ui, meeting, c)
            if case .browse = ui.mode { ui.status = .info(request.message + " " + (ui.status?.text ?? "")) }
        case .meetingOpened(let day):
            ui.meeting = day
            let offer = Select.reviewOffer(ui, day, c)
            ui.status = .info(request.message + (offer.isEmpty ? "." : ";" + offer))
        case .nothing, .undo, .redo:
            break
        }
        ui.reviewReturn = request.after == .advanceReview ? ui.reviewReturn : nil
    }
}
