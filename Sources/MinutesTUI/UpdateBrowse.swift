import MinutesCore

/// Keys while browsing a project panel or the Outstanding tab.
extension AppUpdate {
    static func handleBrowse(_ ui: inout UIState, _ key: Key, _ c: AppContext) -> [Effect] {
        let outstanding = Select.isOutstandingTab(ui, c)
        if key == .escape {
            if ui.lookBack != nil { return [.lookBack(nil)] }
            ui.status = nil
            ui.search = nil
            return []
        }
        if case .paste = key {
            // Text pasted while browsing is never read as keys (it would run as commands).
            ui.status = .warning("Pasted text ignored: open an entry first (n note, a action, t follow-up), then paste.")
            return []
        }
        let context: KeyContext = outstanding ? .outstanding : .panel
        guard let action = c.keyMap.action(for: key, in: context, writable: ui.isWritable) else {
            if c.keyMap.action(for: key, in: context, writable: true) != nil {
                ui.status = .warning(ui.lookBack != nil
                    ? "Looking back at \(ui.lookBack!.long): read-only. Esc returns to now."
                    : "Read-only: \(ui.readOnlyReason ?? "nothing can be written")")
            }
            return []
        }
        ui.status = nil
        return perform(action, key: key, &ui, c)
    }

    static func perform(_ action: Action, key: Key, _ ui: inout UIState, _ c: AppContext) -> [Effect] {
        let count = Select.projects(ui, c).count
        switch action {
        case .quit: return [.quit]
        case .help: ui.mode = .help
        case .repaint: break
        case .showProblems: ui.mode = .problems
        case .nextProject, .previousProject:
            selectTab(&ui, (ui.tab + (action == .nextProject ? 1 : count)) % (count + 1))
        case .jumpToProject:
            if case .char(let ch) = key, let n = ch.wholeNumberValue, n >= 1, n <= count { selectTab(&ui, n - 1) }
        case .outstandingTab: selectTab(&ui, count)
        case .nextColumn:
            ui.column = Column(rawValue: min(ui.column.rawValue + 1, 2))!
        case .previousColumn:
            ui.column = Column(rawValue: max(ui.column.rawValue - 1, 0))!
        case .moveUp, .moveDown, .pageUp, .pageDown, .moveFirst, .moveLast:
            if Select.isOutstandingTab(ui, c) { moveOutstanding(&ui, action, c) } else { move(&ui, action, c) }
        case .switchGroup:
            if c.state.groupOrder.count > 1 {
                ui.mode = .groupPicker(index: c.state.groupOrder.firstIndex(of: ui.group ?? "") ?? 0)
            } else {
                ui.status = .info("This journal has one group.")
            }
        case .addAction, .addNote, .addFollowUp, .addDecision, .addOtherBusiness:
            return startCapture(action, &ui, c)
        case .toggleConfidential: return toggleConfidential(&ui, c)
        case .edit: startEdit(&ui, c)
        case .markDone, .drop, .reassign: startFollowUpChange(action, &ui, c)
        case .undo: return undo(&ui, c)
        case .redo: return redo(&ui)
        case .retract: askRetract(&ui, c)
        case .sync:
            ui.status = .info("Syncing with git…")
            return [.sync]
        case .search: ui.mode = .input(InputLine(.search, prompt: "Search", text: ui.search?.query ?? ""))
        case .nextHit, .previousHit: stepSearch(&ui, action == .nextHit ? 1 : -1, c)
        case .addPerson:
            if let first = ui.unknownInitials.first {
                ui.mode = .input(InputLine(.personName(initials: first), prompt: "Full name for \(first)"))
            } else {
                ui.mode = .input(InputLine(.personInitials, prompt: "Initials of the new person"))
            }
        case .openMeeting:
            let day = Select.proposedMeetingDate(ui, c)
            ui.mode = .input(InputLine(.meeting(MeetingDraft(date: day)), prompt: "Meeting date", text: day.iso))
        case .review: startReview(&ui, c)
        case .rate:
            if Select.currentProject(ui, c) == nil { break }
            guard Select.currentMeeting(ui, c) != nil else { ui.status = .error("No meeting yet: press m to open one."); break }
            ui.mode = .ratingPicker
        case .plan:
            if let p = Select.currentProject(ui, c) { ui.mode = .plan(p.ref) }
        case .groupPlan: ui.mode = .groupPlan
        case .lookBackEarlier, .lookBackLater: return stepLookBack(&ui, action == .lookBackEarlier ? -1 : 1, c)
        case .history:
            if let id = Select.selectedID(ui, c) { ui.mode = .history(id) }
        case .export: ui.mode = .exportMenu(report: nil)
        case .toggleGrouping:
            ui.outstanding.byProject.toggle()
            ui.outstandingSelection = 0
            ui.outstandingScroll = 0
        case .toggleAttention:
            ui.outstanding.needingAttention.toggle()
            ui.outstandingSelection = 0
            ui.outstandingScroll = 0
        case .toggleAllGroups:
            ui.outstanding.allGroups.toggle()
            ui.outstandingSelection = 0
            ui.outstandingScroll = 0
        case .filterOwner:
            ui.mode = .input(InputLine(.ownerFilter, prompt: "Show only owner", text: ui.outstanding.owner ?? ""))
        case .jumpToItem: jumpToOutstanding(&ui, c)
        case .reviewDone, .reviewKeep, .reviewReassign, .reviewDrop, .reviewSkip, .reviewPrevious, .leave, .approveMinutes, .approveWithAmendments, .notYetApproved,
             .changeField, .addToField, .removeField, .closePlan,
             .save, .cancel, .lineBreak, .complete, .deleteWord, .clearLine:
            break
        }
        return []
    }

    static func selectTab(_ ui: inout UIState, _ tab: Int) {
        ui.tab = tab
        ui.selection = [:]
        ui.scrollTop = [:]
    }

    static func move(_ ui: inout UIState, _ action: Action, _ c: AppContext) {
        guard let content = Select.content(ui, c, ui.column), let current = Select.selectedRow(ui, content) else { return }
        let height = Select.layout(ui).content(ui.column).height
        let top = Select.scrollTop(ui, content, height: height)
        var target = current
        switch action {
        case .moveUp: target = content.selectable(from: current, step: -1) ?? current
        case .moveDown: target = content.selectable(from: current, step: 1) ?? current
        case .moveFirst: target = content.firstSelectable ?? current
        case .moveLast: target = content.lastSelectable ?? current
        case .pageUp, .pageDown:
            let step = action == .pageDown ? 1 : -1
            var used = 0
            while let next = content.selectable(from: target, step: step) {
                used += content.height(at: next)
                if used > height, target != current { break }
                target = next
            }
        default: break
        }
        ui.selection[ui.column] = target
        ui.scrollTop[ui.column] = content.scrollTop(showing: target, from: top, height: height)
    }

    /// Selects an item in a column of the current project and scrolls it into view.
    static func select(_ id: EventID, in column: Column, _ ui: inout UIState, _ c: AppContext) {
        ui.column = column
        guard let content = Select.content(ui, c, column), let row = content.row(of: id) else { return }
        let h = Select.layout(ui).content(column).height
        let top = Select.scrollTop(ui, content, height: h)
        ui.selection[column] = row
        ui.scrollTop[column] = content.scrollTop(showing: row, from: top, height: h)
    }

    // MARK: - Capture and changes

    static func startCapture(_ action: Action, _ ui: inout UIState, _ c: AppContext) -> [Effect] {
        guard Select.currentProject(ui, c) != nil else {
            ui.status = .warning("Choose a project tab first (Tab or 1–9).")
            return []
        }
        switch action {
        case .addAction:
            ui.mode = .input(InputLine(.addAction, prompt: "Action"))
        case .addNote, .addFollowUp, .addDecision, .addOtherBusiness:
            guard Select.currentMeeting(ui, c) != nil else {
                ui.status = .error("No meeting yet: press m to open one.")
                return []
            }
            switch action {
            case .addNote: ui.mode = .input(InputLine(.addNote, prompt: "Note"))
            case .addDecision: ui.mode = .input(InputLine(.addDecision, prompt: "Decision"))
            case .addOtherBusiness: ui.mode = .input(InputLine(.addOtherBusiness, prompt: "Any other business"))
            default: ui.mode = .input(InputLine(.addFollowUp, prompt: "Follow-up"))
            }
        default: break
        }
        return []
    }

    /// `C`: marks the selected item confidential, or, when it is, retracts its mark.
    static func toggleConfidential(_ ui: inout UIState, _ c: AppContext) -> [Effect] {
        guard let item = Select.selectedItem(ui, c) else {
            ui.status = .warning("Select an action, note, follow-up or decision first.")
            return []
        }
        if let mark = c.state.formal.confidentialMarks[item.id]?.first {
            return [.record(RecordRequest([.retract(ref: mark, reason: "no longer confidential")],
                                          message: "No longer confidential: it will be in circulated copies."))]
        }
        return [.record(RecordRequest([.confidential(ref: item.id)],
                                      message: "Confidential: left out of circulated copies (the journal still holds it)."))]
    }

    /// "KP and DD to …" as the minutes write a follow-up, for editing it.
    static func followUpText(_ item: Item) -> String {
        item.owners.isEmpty || FollowUpPhrasing.namesItsOwners(item.text) ? item.text : Owner.phrase(item.owners) + " to " + item.text
    }

    static func startEdit(_ ui: inout UIState, _ c: AppContext) {
        guard !Select.isOutstandingTab(ui, c), let item = Select.selectedItem(ui, c) else {
            ui.status = .info("Nothing selected to edit.")
            return
        }
        let text = item.kind == .followUp ? followUpText(item) : item.text
        let what = item.kind == .followUp ? "follow-up" : item.kind == .note ? "note" : "action"
        var line = InputLine(.edit(item.id), prompt: "Edit \(what)", text: text)
        line.editor.isPrefilled = false  // an edit changes a word or two: keep the text
        ui.mode = .input(line)
    }

    static func startFollowUpChange(_ action: Action, _ ui: inout UIState, _ c: AppContext) {
        guard !Select.isOutstandingTab(ui, c), ui.column == .followUps, let item = Select.selectedItem(ui, c),
              item.kind == .followUp else {
            ui.status = .info("Select a follow-up in “To do by next meeting” first (→).")
            return
        }
        guard item.state.isOpen else {
            ui.status = .info("That follow-up is already \(item.state.word); u undoes it.")
            return
        }
        switch action {
        case .markDone: ui.mode = .input(InputLine(.outcome(item.id), prompt: "Done. Outcome (optional, noted too)"))
        case .drop: ui.mode = .input(InputLine(.dropReason(item.id), prompt: "Drop: reason"))
        default: ui.mode = .input(InputLine(.reassign(item.id), prompt: "Reassign to", text: Owner.phrase(item.owners)))
        }
    }

    // MARK: - Looking back

    static func stepLookBack(_ ui: inout UIState, _ step: Int, _ c: AppContext) -> [Effect] {
        // While looking back the context holds the state as at that meeting, which knows no
        // later meetings: the dates to step through are taken once, from now.
        if ui.lookBack == nil {
            guard step < 0 else { return [] }
            let meetings = ui.group.flatMap { c.state.groups[$0]?.meetings.map(\.date) } ?? []
            // `[` shows the meeting before the one being minuted: as at the end of the current
            // meeting is what the screen already shows.
            let current = Select.currentMeeting(ui, c)
            ui.lookBackDates = meetings.filter { current == nil || $0 < current! }
        }
        let dates = ui.lookBackDates
        guard !dates.isEmpty else {
            ui.status = .info("No earlier meeting to look back on.")
            return []
        }
        let index = ui.lookBack.flatMap { dates.firstIndex(of: $0) } ?? dates.count
        let target = index + step
        if target >= dates.count { return ui.lookBack == nil ? [] : [.lookBack(nil)] }
        guard target >= 0 else {
            ui.status = .info("No earlier meeting to look back on.")
            return []
        }
        return [.lookBack(dates[target])]
    }
}
