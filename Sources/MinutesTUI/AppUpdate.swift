import Foundation
import MinutesCore

/// Key handling: the UI state and a key give the next UI state and the effects to run.
///
/// Pure apart from reading the journal state through `AppContext`, so every key is tested
/// by calling `update` and looking at the result, without a terminal.
public enum AppUpdate {
    // MARK: - Entry point

    public static func update(_ ui: inout UIState, key: Key, context: AppContext) -> [Effect] {
        if case .resize(let w, let h) = key {
            ui.width = w
            ui.height = h
            ui.scrollTop = [:]
            return []
        }
        if key == .ctrl("c") {
            // Raw mode turns Ctrl-C into a key: quit as SIGINT would; typed text is kept as a draft.
            return [.quit]
        }
        if ui.group == nil || context.state.groups[ui.group!] == nil {
            ui.group = context.state.groupOrder.first
        }
        switch ui.mode {
        case .input(let line): return handleInput(&ui, line, key, context)
        case .help, .groupPlan, .history:
            if scrollOverlay(&ui, key, context) { return [] }
            // Help opened from the review pass goes back to it.
            if ui.mode == .help, case .review? = ui.reviewReturn { ui.mode = ui.reviewReturn! } else { ui.mode = .browse }
            ui.overlayTop = 0
            return []
        case .problems:
            if scrollOverlay(&ui, key, context) { return [] }
            if key == .escape || key == .char("q") || key == .char("!") || key == .enter {
                ui.mode = .browse
                ui.overlayTop = 0
            }
            return []
        case .groupPicker(let index): return handleGroupPicker(&ui, index, key, context)
        case .ratingPicker: return handleRatingPicker(&ui, key, context)
        case .review(let meeting, let index): return handleReview(&ui, meeting, index, key, context)
        case .plan(let ref): return handlePlan(&ui, ref, key)
        case .exportMenu(let report): return handleExportMenu(&ui, report, key, context)
        case .browse: return handleBrowse(&ui, key, context)
        }
    }

    /// Scrolls an overlay too long for the screen (the help at 80×24, many problems) with
    /// ↑↓ j/k, PgUp/PgDn, Space, Home/End; returns false for other keys, or when it all fits.
    static func scrollOverlay(_ ui: inout UIState, _ key: Key, _ c: AppContext) -> Bool {
        let layout = Layout(width: ui.width, height: ui.height)
        guard let overlay = Screen.overlay(ui, c, width: layout.body.width) else { return false }
        let maxTop = overlay.maxTop(areaHeight: layout.body.height)
        guard maxTop > 0 else { return false }
        let page = max(1, overlay.visibleLines(areaHeight: layout.body.height) - 1)
        var top = min(ui.overlayTop, maxTop)
        switch key {
        case .down, .char("j"): top += 1
        case .up, .char("k"): top -= 1
        case .pageDown, .char(" "): top += page
        case .pageUp: top -= page
        case .home: top = 0
        case .end: top = maxTop
        default: return false
        }
        ui.overlayTop = min(max(0, top), maxTop)
        return true
    }

    // MARK: - What is on screen

    static func projects(_ ui: UIState, _ c: AppContext) -> [Project] {
        ui.group.map { c.state.projects(in: $0) } ?? []
    }

    static func isOutstandingTab(_ ui: UIState, _ c: AppContext) -> Bool {
        ui.tab >= projects(ui, c).count
    }

    static func currentProject(_ ui: UIState, _ c: AppContext) -> Project? {
        let ps = projects(ui, c)
        return ui.tab < ps.count ? ps[ui.tab] : nil
    }

    /// The meeting new entries belong to: the one opened with `m`, else the group's latest.
    public static func currentMeeting(_ ui: UIState, _ c: AppContext) -> Day? {
        if let look = ui.lookBack { return look }
        if let m = ui.meeting, let g = ui.group, c.state.groups[g]?.meeting(on: m) != nil { return m }
        return ui.group.flatMap { c.state.groups[$0]?.latestMeeting?.date }
    }

    static func content(_ ui: UIState, _ c: AppContext, _ column: Column) -> ColumnContent? {
        guard let p = currentProject(ui, c) else { return nil }
        let layout = Layout(width: ui.width, height: ui.height)
        return ColumnContent(column, model: c.panel(p, meeting: currentMeeting(ui, c)),
                             people: c.state.people, width: layout.content(column).width)
    }

    /// The selected row of a column: the stored one if still valid, else the default
    /// (first action, newest note, first follow-up).
    public static func selectedRow(_ ui: UIState, _ content: ColumnContent) -> Int? {
        if let s = ui.selection[content.column], content.id(at: s) != nil { return s }
        return content.column == .progress ? content.lastSelectable : content.firstSelectable
    }

    /// The top row of a column: the stored one adjusted to show the selection, else the
    /// default (Progress scrolled to the newest meeting).
    public static func scrollTop(_ ui: UIState, _ content: ColumnContent, height: Int) -> Int {
        let sel = selectedRow(ui, content)
        if let top = ui.scrollTop[content.column] {
            return sel.map { content.scrollTop(showing: $0, from: top, height: height) } ?? top
        }
        if content.column == .progress { return content.scrollTopShowingEnd(height: height) }
        return sel.map { content.scrollTop(showing: $0, from: 0, height: height) } ?? 0
    }

    public static func selectedID(_ ui: UIState, _ c: AppContext) -> EventID? {
        guard let content = content(ui, c, ui.column), let row = selectedRow(ui, content) else { return nil }
        return content.id(at: row)
    }

    // MARK: - Browsing

    static func handleBrowse(_ ui: inout UIState, _ key: Key, _ c: AppContext) -> [Effect] {
        let outstanding = isOutstandingTab(ui, c)
        if key == .escape {
            if ui.lookBack != nil { return [.lookBack(nil)] }
            ui.status = nil
            ui.search = nil
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
        let count = projects(ui, c).count
        switch action {
        case .quit: return [.quit]
        case .help: ui.mode = .help
        case .showProblems: ui.mode = .problems
        case .nextProject, .previousProject:
            selectTab(&ui, (ui.tab + (action == .nextProject ? 1 : count)) % (count + 1))
        case .jumpToProject:
            if case .char(let ch) = key, let n = ch.wholeNumberValue, n >= 1, n <= count { selectTab(&ui, n - 1) }
        case .nextColumn:
            ui.column = Column(rawValue: min(ui.column.rawValue + 1, 2))!
        case .previousColumn:
            ui.column = Column(rawValue: max(ui.column.rawValue - 1, 0))!
        case .moveUp, .moveDown, .pageUp, .pageDown, .moveFirst, .moveLast:
            if isOutstandingTab(ui, c) { moveOutstanding(&ui, action, c) } else { move(&ui, action, c) }
        case .switchGroup:
            if c.state.groupOrder.count > 1 {
                ui.mode = .groupPicker(index: c.state.groupOrder.firstIndex(of: ui.group ?? "") ?? 0)
            } else {
                ui.status = .info("This journal has one group.")
            }
        case .addAction, .addNote, .addFollowUp:
            return startCapture(action, &ui, c)
        case .edit: startEdit(&ui, c)
        case .markDone, .drop, .reassign: startFollowUpChange(action, &ui, c)
        case .undo: return undo(&ui)
        case .search: ui.mode = .input(InputLine(.search, prompt: "Search", text: ui.search?.query ?? ""))
        case .nextHit, .previousHit: stepSearch(&ui, action == .nextHit ? 1 : -1, c)
        case .addPerson:
            if let first = ui.unknownInitials.first {
                ui.mode = .input(InputLine(.personName(initials: first), prompt: "Full name for \(first)"))
            } else {
                ui.mode = .input(InputLine(.personInitials, prompt: "Initials of the new person"))
            }
        case .openMeeting:
            ui.mode = .input(InputLine(.meeting(MeetingDraft(date: c.today)), prompt: "Meeting date", text: c.today.iso))
        case .review: startReview(&ui, c)
        case .rate:
            if currentProject(ui, c) == nil { break }
            guard currentMeeting(ui, c) != nil else { ui.status = .error("No meeting yet: press m to open one."); break }
            ui.mode = .ratingPicker
        case .plan:
            if let p = currentProject(ui, c) { ui.mode = .plan(p.ref) }
        case .groupPlan: ui.mode = .groupPlan
        case .lookBackEarlier, .lookBackLater: return stepLookBack(&ui, action == .lookBackEarlier ? -1 : 1, c)
        case .history:
            if let id = isOutstandingTab(ui, c) ? OutstandingModel(ui, c).selectedID(ui) : selectedID(ui, c) {
                ui.mode = .history(id)
            }
        case .export: ui.mode = .exportMenu(report: nil)
        case .toggleGrouping:
            ui.outstanding.byProject.toggle()
            ui.outstandingSelection = 0
            ui.outstandingScroll = 0
        case .toggleAllGroups:
            ui.outstanding.allGroups.toggle()
            ui.outstandingSelection = 0
            ui.outstandingScroll = 0
        case .filterOwner:
            ui.mode = .input(InputLine(.ownerFilter, prompt: "Show only owner", text: ui.outstanding.owner ?? ""))
        case .jumpToItem: jumpToOutstanding(&ui, c)
        case .reviewDone, .reviewKeep, .reviewReassign, .reviewDrop, .reviewSkip, .reviewPrevious, .leave:
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
        guard let content = content(ui, c, ui.column), let current = selectedRow(ui, content) else { return }
        let layout = Layout(width: ui.width, height: ui.height)
        let height = layout.content(ui.column).height
        let top = scrollTop(ui, content, height: height)
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

    // MARK: - Capture and changes

    static func startCapture(_ action: Action, _ ui: inout UIState, _ c: AppContext) -> [Effect] {
        guard currentProject(ui, c) != nil else {
            ui.status = .warning("Choose a project tab first (Tab or 1–9).")
            return []
        }
        switch action {
        case .addAction:
            ui.mode = .input(InputLine(.addAction, prompt: "Action"))
        case .addNote, .addFollowUp:
            guard currentMeeting(ui, c) != nil else {
                ui.status = .error("No meeting yet: press m to open one.")
                return []
            }
            ui.mode = .input(action == .addNote ? InputLine(.addNote, prompt: "Note")
                                                : InputLine(.addFollowUp, prompt: "Follow-up"))
        default: break
        }
        return []
    }

    static func selectedItem(_ ui: UIState, _ c: AppContext) -> Item? {
        selectedID(ui, c).flatMap { c.state.item($0) }
    }

    /// "KP and DD to …" as the minutes write a follow-up, for editing it.
    static func followUpText(_ item: Item) -> String {
        item.owners.isEmpty ? item.text : Owner.phrase(item.owners) + " to " + item.text
    }

    static func startEdit(_ ui: inout UIState, _ c: AppContext) {
        guard let item = selectedItem(ui, c) else {
            ui.status = .info("Nothing selected to edit.")
            return
        }
        let text = item.kind == .followUp ? followUpText(item) : item.text
        let what = item.kind == .followUp ? "follow-up" : item.kind == .note ? "note" : "action"
        ui.mode = .input(InputLine(.edit(item.id), prompt: "Edit \(what)", text: text))
    }

    static func startFollowUpChange(_ action: Action, _ ui: inout UIState, _ c: AppContext) {
        guard ui.column == .followUps, let item = selectedItem(ui, c), item.kind == .followUp else {
            ui.status = .info("Select a follow-up in “To do by next meeting” first (→).")
            return
        }
        guard item.state.isOpen else {
            ui.status = .info("That follow-up is already \(item.state.word); u undoes it.")
            return
        }
        switch action {
        case .markDone: ui.mode = .input(InputLine(.outcome(item.id), prompt: "Done. Outcome (optional)"))
        case .drop: ui.mode = .input(InputLine(.dropReason(item.id), prompt: "Drop: reason"))
        default: ui.mode = .input(InputLine(.reassign(item.id), prompt: "Reassign to", text: Owner.phrase(item.owners)))
        }
    }

    static func undo(_ ui: inout UIState) -> [Effect] {
        guard let last = ui.undoStack.last else {
            ui.status = .info("Nothing to undo from this session.")
            return []
        }
        return [.record(RecordRequest(last.reversed().map { .retract(ref: $0, reason: "undone") },
                                      message: "Undone.", after: .undo))]
    }

    // MARK: - The input line

    static func handleInput(_ ui: inout UIState, _ line: InputLine, _ key: Key, _ c: AppContext) -> [Effect] {
        var line = line
        switch key {
        case .escape:
            ui.mode = returnMode(line.purpose, ui)
            ui.status = nil
            return []
        case .enter:
            line.completion = nil
            return submit(&ui, line, c)
        case .tab:
            complete(&line, c)
            ui.mode = .input(line)
            return []
        default:
            line.completion = nil
            _ = line.editor.handle(key)
            ui.mode = .input(line)
            return []
        }
    }

    /// Where Esc on an input line goes back to.
    static func returnMode(_ purpose: InputPurpose, _ ui: UIState) -> Mode {
        switch purpose {
        case .reviewOutcome, .reviewReassign, .reviewDropReason:
            if case .input = ui.mode, let review = ui.reviewReturn { return review }
            return .browse
        case .planField(let ref, _): return .plan(ref)
        default: return .browse
        }
    }

    static func submit(_ ui: inout UIState, _ line: InputLine, _ c: AppContext) -> [Effect] {
        let text = line.editor.text.trimmingCharacters(in: .whitespaces)
        ui.status = nil  // a message about an earlier try no longer applies
        let meeting = currentMeeting(ui, c)
        let project = currentProject(ui, c)
        func need(_ ok: Bool, _ message: String) -> Bool {
            if !ok { ui.status = .error(message) }
            return ok
        }
        func record(_ events: [EventBody], _ message: String, after: RecordRequest.After = .nothing) -> [Effect] {
            ui.mode = .browse
            return [.record(RecordRequest(events, message: message, restore: line, after: after))]
        }
        switch line.purpose {
        case .addAction:
            guard need(!text.isEmpty, "An action needs some text."), let p = project else { return [] }
            return record([.action(p.ref, meeting: meeting, text: text)], "Action added.", after: .select(.actions))
        case .addNote:
            guard need(!text.isEmpty, "A note needs some text."), let p = project, let m = meeting else { return [] }
            return record([.note(p.ref, meeting: m, text: text)], "Note added under \(m.long).", after: .select(.progress))
        case .addFollowUp:
            guard need(!text.isEmpty, "A follow-up needs some text."), let p = project, let m = meeting else { return [] }
            let parsed = OwnerParser.parse(text, people: c.state.directory)
            ui.unknownInitials = parsed.unknownInitials
            return record([.todo(p.ref, meeting: m, owners: parsed.owners, text: parsed.text)],
                          followUpMessage(parsed), after: .select(.followUps))
        case .edit(let id):
            guard need(!text.isEmpty, "The text cannot be empty; u undoes an entry instead."),
                  let item = c.state.item(id) else { return [] }
            if item.kind == .followUp {
                let parsed = OwnerParser.parse(text, people: c.state.directory)
                ui.unknownInitials = parsed.unknownInitials
                return record([.amend(ref: id, text: parsed.text, owners: parsed.owners)], "Follow-up amended.")
            }
            return record([.amend(ref: id, text: text, owners: nil)], "Amended.")
        case .outcome(let id):
            return record([.done(ref: id, meeting: meeting, outcome: text.isEmpty ? nil : text)], "Marked done.")
        case .dropReason(let id):
            guard need(!text.isEmpty, "Give a reason for dropping it.") else { return [] }
            return record([.drop(ref: id, meeting: meeting, reason: text)], "Dropped.")
        case .reassign(let id), .reviewReassign(let id):
            let owners = parseOwners(text, c)
            guard need(!owners.isEmpty, "Type the new owner's initials or name.") else { return [] }
            let review: Bool = { if case .reviewReassign = line.purpose { return true } else { return false } }()
            return record([.reassign(ref: id, meeting: meeting, owners: owners)], "Reassigned to \(Owner.phrase(owners)).",
                          after: review ? .advanceReview : .nothing)
        case .search:
            ui.mode = .browse
            runSearch(&ui, text, c)
            return []
        case .personInitials:
            let initials = text.uppercased()
            guard need(Person.isValidInitials(initials), "Initials are 2 to 4 letters.") else { return [] }
            guard need(c.state.person(initials) == nil, "\(initials) is already in the directory.") else { return [] }
            ui.mode = .input(InputLine(.personName(initials: initials), prompt: "Full name for \(initials)"))
            return []
        case .personName(let initials):
            guard need(!text.isEmpty, "Type the person's name.") else { return [] }
            ui.unknownInitials.removeAll { $0 == initials }
            return record([.person(Person(initials: initials, name: text))], "\(initials) added to the directory.")
        case .meeting(let draft):
            return meetingStep(&ui, draft, text, line, c)
        case .ratingComment(let rating):
            guard let p = project else { return [] }
            return record([.rate(p.ref, meeting: meeting, rating: rating, comment: text.isEmpty ? nil : text)],
                          "Rated \(rating.rawValue).")
        case .planField(let ref, let field):
            ui.mode = .plan(ref)
            guard !text.isEmpty else { return [] }
            var f = PlanFields()
            switch field {
            case .lead:
                guard need(Person.isValidInitials(text), "The lead is given by initials.") else { return [] }
                f.lead = text.uppercased()
            case .aim: f.aim = text
            case .start, .end:
                guard let d = Day.parseInput(text, today: c.today) else {
                    ui.status = .error("'\(text)' is not a date (YYYY-MM-DD).")
                    return []
                }
                if field == .start { f.start = d } else { f.end = d }
            case .link: f.links = (c.state.projects[ref]?.plan.links ?? []) + [text]
            }
            return [.record(RecordRequest([.plan(.project(ref), f)], message: "Plan updated.", restore: line))]
        case .ownerFilter:
            ui.mode = .browse
            ui.outstanding.owner = text.isEmpty ? nil : text
            ui.outstandingSelection = 0
            ui.outstandingScroll = 0
            return []
        case .reviewOutcome(let id):
            guard let item = c.state.item(id), let m = meeting else { return [] }
            var events: [EventBody] = [.done(ref: id, meeting: m, outcome: text.isEmpty ? nil : text)]
            if !text.isEmpty { events.append(.note(item.project, meeting: m, text: text)) }
            return record(events, "Done" + (text.isEmpty ? "." : ", and noted under \(m.long)."), after: .advanceReview)
        case .reviewDropReason(let id):
            guard need(!text.isEmpty, "Give a reason for dropping it.") else { return [] }
            return record([.drop(ref: id, meeting: meeting, reason: text)], "Dropped.", after: .advanceReview)
        case .exportPath(let choice):
            guard need(!text.isEmpty, "Type a file name."), let g = ui.group else { return [] }
            ui.mode = .browse
            return [.export(choice, group: g, meeting: meeting, path: text)]
        }
    }

    static func followUpMessage(_ parsed: ParsedFollowUp) -> String {
        if parsed.isUnowned { return "Follow-up recorded without an owner (write “XX to …” to give it one)." }
        var m = "Follow-up recorded for \(Owner.phrase(parsed.owners))."
        if let u = parsed.unknownInitials.first {
            m += " \(u) is not in the directory: + adds them."
        }
        return m
    }

    /// Owners typed on their own ("DD", "KP and DD", "Youth Service").
    static func parseOwners(_ text: String, _ c: AppContext) -> [Owner] {
        guard !text.isEmpty else { return [] }
        return OwnerParser.parse(text + " to follow up", people: c.state.directory).owners
    }

    /// Tab completion of the word before the cursor: initials and names from the directory,
    /// cycling on each press.
    static func complete(_ line: inout InputLine, _ c: AppContext) {
        if var comp = line.completion {
            comp.index = (comp.index + 1) % comp.candidates.count
            line.completion = comp
            let replaced = comp.before + comp.candidates[comp.index]
            line.editor = LineEditor(text: replaced + comp.after, cursor: replaced.count)
            return
        }
        let chars = Array(line.editor.text)
        let cursor = line.editor.cursor
        var start = cursor
        while start > 0, !chars[start - 1].isWhitespace, chars[start - 1] != "," , chars[start - 1] != "/" { start -= 1 }
        let word = String(chars[start..<cursor])
        guard !word.isEmpty else { return }
        let folded = word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var candidates: [String] = []
        for p in c.state.directory where p.initials.hasPrefix(word.uppercased()) { candidates.append(p.initials) }
        for p in c.state.directory {
            let name = p.name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            if name.split(separator: " ").contains(where: { $0.hasPrefix(folded) }), !candidates.contains(p.name) {
                candidates.append(p.name)
            }
        }
        guard !candidates.isEmpty else { return }
        let before = String(chars[..<start]), after = String(chars[cursor...])
        line.completion = InputLine.Completion(candidates: candidates, index: 0, before: before, after: after)
        line.editor = LineEditor(text: before + candidates[0] + after, cursor: before.count + candidates[0].count)
    }

    // MARK: - Meetings

    static func meetingStep(_ ui: inout UIState, _ draft: MeetingDraft, _ text: String, _ line: InputLine,
                            _ c: AppContext) -> [Effect] {
        var d = draft
        /// People as typed or Tab-completed: "RO JB, AT and Youth Service" or "Marta Horvath".
        /// Initials (and known people's names) become upper-case initials; anything else, such
        /// as an organisation, is kept as written.
        func list(_ s: String) -> [String] {
            var out: [String] = []
            let parts = s.replacingOccurrences(of: " and ", with: ",").split(separator: ",")
            for part in parts {
                let p = part.trimmingCharacters(in: .whitespaces)
                guard !p.isEmpty else { continue }
                if let person = c.state.directory.first(where: {
                    $0.name.compare(p, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame
                }) {
                    out.append(person.initials)
                    continue
                }
                let words = p.split(separator: " ").map(String.init)
                if words.allSatisfy({ w in Person.isValidInitials(w.uppercased()) && (w == w.uppercased() || c.state.person(w) != nil) }) {
                    out += words.map { $0.uppercased() }
                } else {
                    out.append(p)
                }
            }
            return out
        }
        switch d.step {
        case .date:
            guard let day = Day.parseInput(text.isEmpty ? "today" : text, today: c.today) else {
                ui.status = .error("'\(text)' is not a date: type YYYY-MM-DD, today or yesterday.")
                return []
            }
            d.date = day
            if let g = ui.group, let existing = c.state.groups[g]?.meeting(on: day) {
                ui.meeting = day
                ui.mode = .browse
                let offer = offerReview(ui, day, c)
                let present = existing.present.isEmpty ? "." : " (present: \(existing.present.joined(separator: ", ")))."
                ui.status = .info("Continuing the meeting of \(day.long)" + (offer.isEmpty ? present : ";" + offer))
                return []
            }
        case .present: d.present = list(text)
        case .apologies: d.apologies = list(text)
        case .chair: d.chair = list(text).first
        case .minuteTaker: d.minuteTaker = list(text).first
        case .next:
            if !text.isEmpty {
                guard let day = Day.parseInput(text, today: c.today) else {
                    ui.status = .error("'\(text)' is not a date: type YYYY-MM-DD, or leave it empty.")
                    return []
                }
                d.next = day
            }
            guard let g = ui.group else { return [] }
            ui.mode = .browse
            let fields = MeetingFields(group: g, date: d.date, present: d.present, apologies: d.apologies,
                                       chair: d.chair, minuteTaker: d.minuteTaker, next: d.next)
            return [.record(RecordRequest([.meeting(fields)], message: "Meeting of \(d.date.long) opened",
                                          restore: line, after: .meetingOpened(d.date)))]
        }
        d.step = MeetingDraft.Step(rawValue: d.step.rawValue + 1)!
        ui.mode = .input(InputLine(.meeting(d), prompt: d.prompt))
        return []
    }

    /// " 5 carried follow-ups: R reviews them." when there are any: short enough for 80 columns.
    static func offerReview(_ ui: UIState, _ day: Day, _ c: AppContext) -> String {
        guard let g = ui.group else { return "" }
        let entries = c.state.reviewEntries(group: g, meeting: day)
        let open = entries.filter { !$0.isReviewed }.count
        guard open > 0 else { return "" }
        return " \(open) carried follow-up\(open == 1 ? "" : "s"): R reviews \(open == 1 ? "it" : "them")."
    }

    // MARK: - Review pass

    static func startReview(_ ui: inout UIState, _ c: AppContext) {
        guard let g = ui.group, let m = currentMeeting(ui, c) else {
            ui.status = .error("No meeting yet: press m to open one.")
            return
        }
        let entries = c.state.reviewEntries(group: g, meeting: m)
        guard !entries.isEmpty else {
            ui.status = .info("Nothing was carried into the meeting of \(m.long).")
            return
        }
        ui.mode = .review(meeting: m, index: entries.firstIndex { !$0.isReviewed } ?? 0)
    }

    static func handleReview(_ ui: inout UIState, _ meeting: Day, _ index: Int, _ key: Key, _ c: AppContext) -> [Effect] {
        guard let g = ui.group else { ui.mode = .browse; return [] }
        let entries = c.state.reviewEntries(group: g, meeting: meeting)
        guard !entries.isEmpty else { ui.mode = .browse; return [] }
        let i = min(index, entries.count - 1)
        let entry = entries[i]
        guard let action = c.keyMap.action(for: key, in: .review, writable: ui.isWritable) else { return [] }
        ui.status = nil  // "Kept: carried on." was about the item before
        ui.reviewReturn = .review(meeting: meeting, index: i)
        let open = entry.item.state.isOpen
        switch action {
        case .reviewDone where open:
            ui.mode = .input(InputLine(.reviewOutcome(entry.item.id), prompt: "Outcome (also noted as progress)"))
        case .reviewKeep where open && entry.decision == .carry:
            ui.status = .info("Already kept at this meeting.")  // a second carry would say nothing new
        case .reviewKeep where open:
            return [.record(RecordRequest([.carry(ref: entry.item.id, meeting: meeting)],
                                          message: "Kept: carried on.", after: .advanceReview))]
        case .reviewReassign where open:
            ui.mode = .input(InputLine(.reviewReassign(entry.item.id), prompt: "Reassign to", text: Owner.phrase(entry.item.owners)))
        case .reviewDrop where open:
            ui.mode = .input(InputLine(.reviewDropReason(entry.item.id), prompt: "Drop: reason"))
        case .reviewDone, .reviewKeep, .reviewReassign, .reviewDrop:
            ui.status = .info("Already \(entry.item.state.word); u undoes it.")
        case .reviewSkip:
            if i + 1 < entries.count { ui.mode = .review(meeting: meeting, index: i + 1) } else { finishReview(&ui, entries) }
        case .reviewPrevious:
            ui.mode = .review(meeting: meeting, index: max(0, i - 1))
        case .help:
            ui.mode = .help
        case .leave:
            ui.mode = .browse
            let done = entries.filter(\.isReviewed).count
            ui.status = .info("Review left: \(done) of \(entries.count) reviewed. R resumes.")
        default: break
        }
        return []
    }

    static func finishReview(_ ui: inout UIState, _ entries: [ReviewEntry]) {
        ui.mode = .browse
        let done = entries.filter(\.isReviewed).count
        ui.status = .info(done == entries.count ? "Review complete: all \(done) reviewed."
                                                : "End of the review: \(done) of \(entries.count) reviewed. R resumes.")
    }

    // MARK: - Pickers

    static func handleGroupPicker(_ ui: inout UIState, _ index: Int, _ key: Key, _ c: AppContext) -> [Effect] {
        let groups = c.state.groupOrder
        switch key {
        case .up, .char("k"): ui.mode = .groupPicker(index: max(0, index - 1))
        case .down, .char("j"): ui.mode = .groupPicker(index: min(groups.count - 1, index + 1))
        case .enter:
            ui.group = groups[index]
            ui.meeting = nil
            selectTab(&ui, 0)
            ui.mode = .browse
        case .escape, .char("q"), .char("g"): ui.mode = .browse
        default: break
        }
        return []
    }

    static func handleRatingPicker(_ ui: inout UIState, _ key: Key, _ c: AppContext) -> [Effect] {
        guard case .char(let ch) = key, let rating = Rating.allCases.first(where: { $0.marker.lowercased() == String(ch).lowercased() }) else {
            if key == .escape || key == .char("q") { ui.mode = .browse }
            return []
        }
        ui.mode = .input(InputLine(.ratingComment(rating), prompt: "\(rating.title). Comment (optional)"))
        return []
    }

    static func handlePlan(_ ui: inout UIState, _ ref: ProjectRef, _ key: Key) -> [Effect] {
        if case .char(let ch) = key, let field = PlanField.allCases.first(where: { $0.key == ch }) {
            guard ui.isWritable else {
                ui.status = .warning("Read-only: the plan cannot be changed here.")
                return []
            }
            ui.mode = .input(InputLine(.planField(ref, field), prompt: "Plan \(field.rawValue)"))
        } else {
            ui.mode = .browse
        }
        return []
    }

    static func handleExportMenu(_ ui: inout UIState, _ report: ExportChoice.Report?, _ key: Key, _ c: AppContext) -> [Effect] {
        guard case .char(let ch) = key else {
            ui.mode = .browse
            return []
        }
        guard let report else {
            switch ch {
            case "m": ui.mode = .exportMenu(report: .minutes)
            case "o": ui.mode = .exportMenu(report: .monitoring)
            case "a": ui.mode = .exportMenu(report: .actions)
            default: ui.mode = .browse
            }
            return []
        }
        let formats: [Character: String] = ["d": "docx", "h": "html", "m": "md", "t": "txt", "c": "csv"]
        guard let format = formats[ch], format != "csv" || report == .actions else {
            ui.mode = .browse
            return []
        }
        let choice = ExportChoice(report: report, format: format)
        let name = exportFileName(choice, group: ui.group ?? "minutes", day: currentMeeting(ui, c) ?? c.today)
        ui.mode = .input(InputLine(.exportPath(choice), prompt: "Export to", text: name))
        return []
    }

    /// `stay-safe-minutes-2009-06-25.docx`: group, report and date.
    public static func exportFileName(_ choice: ExportChoice, group: String, day: Day) -> String {
        "\(group)-\(choice.report.rawValue)-\(day.iso).\(choice.format)"
    }

    // MARK: - Search

    static func runSearch(_ ui: inout UIState, _ query: String, _ c: AppContext) {
        guard !query.isEmpty, let g = ui.group else {
            ui.search = nil
            return
        }
        let options: String.CompareOptions = [.caseInsensitive, .diacriticInsensitive]
        var hits: [SearchHit] = []
        for p in c.state.projects(in: g) {
            for a in c.state.actions(of: p.ref) where a.text.range(of: query, options: options) != nil {
                hits.append(SearchHit(project: p.ref, column: .actions, id: a.id))
            }
            for n in c.state.notes(of: p.ref) where n.text.range(of: query, options: options) != nil {
                hits.append(SearchHit(project: p.ref, column: .progress, id: n.id))
            }
            for f in c.state.followUps(of: p.ref) where (followUpText(f)).range(of: query, options: options) != nil {
                hits.append(SearchHit(project: p.ref, column: .followUps, id: f.id))
            }
        }
        ui.search = SearchState(query: query, hits: hits, index: 0)
        if hits.isEmpty {
            ui.status = .warning("No match for “\(query)”.")
        } else {
            jump(to: hits[0], &ui, c)
            ui.status = .info("Match 1 of \(hits.count) for “\(query)”: ^N next, ^P previous.")
        }
    }

    static func stepSearch(_ ui: inout UIState, _ step: Int, _ c: AppContext) {
        guard var s = ui.search, !s.hits.isEmpty else {
            ui.status = .info("No search yet: / searches.")
            return
        }
        s.index = (s.index + step + s.hits.count) % s.hits.count
        ui.search = s
        jump(to: s.hits[s.index], &ui, c)
        ui.status = .info("Match \(s.index + 1) of \(s.hits.count) for “\(s.query)”.")
    }

    /// Shows an item: its project's tab, its column, selected and scrolled into view.
    static func jump(to hit: SearchHit, _ ui: inout UIState, _ c: AppContext) {
        ui.group = hit.project.group
        let ps = c.state.projects(in: hit.project.group)
        guard let tab = ps.firstIndex(where: { $0.ref == hit.project }) else { return }
        selectTab(&ui, tab)
        ui.column = hit.column
        if let content = content(ui, c, hit.column), let row = content.row(of: hit.id) {
            let h = Layout(width: ui.width, height: ui.height).content(hit.column).height
            let top = scrollTop(ui, content, height: h)
            ui.selection[hit.column] = row
            ui.scrollTop[hit.column] = content.scrollTop(showing: row, from: top, height: h)
        }
    }

    // MARK: - Outstanding

    static func moveOutstanding(_ ui: inout UIState, _ action: Action, _ c: AppContext) {
        let model = OutstandingModel(ui, c)
        let rows = model.itemRows
        guard !rows.isEmpty else { return }
        let page = max(1, Layout(width: ui.width, height: ui.height).body.height - 3)
        var i = min(ui.outstandingSelection, rows.count - 1)
        switch action {
        case .moveUp: i -= 1
        case .moveDown: i += 1
        case .pageUp: i -= page
        case .pageDown: i += page
        case .moveFirst: i = 0
        case .moveLast: i = rows.count - 1
        default: break
        }
        ui.outstandingSelection = min(max(0, i), rows.count - 1)
    }

    static func jumpToOutstanding(_ ui: inout UIState, _ c: AppContext) {
        let model = OutstandingModel(ui, c)
        guard let id = model.selectedID(ui), let item = c.state.item(id) else { return }
        jump(to: SearchHit(project: item.project, column: .followUps, id: id), &ui, c)
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
            let current = currentMeeting(ui, c)
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

    // MARK: - After the runtime acted

    /// The events were saved: select what was added, move the review on, remember undo.
    public static func recorded(_ ui: inout UIState, _ request: RecordRequest, events: [Event], context c: AppContext) {
        ui.status = .info(request.message)
        if request.after == .undo {
            ui.undoStack.removeLast()
        } else if !events.isEmpty {
            ui.undoStack.append(events.map(\.id))
        }
        switch request.after {
        case .select(let column):
            guard let id = events.first?.id else { break }
            ui.column = column
            if let content = content(ui, c, column), let row = content.row(of: id) {
                let h = Layout(width: ui.width, height: ui.height).content(column).height
                let top = scrollTop(ui, content, height: h)
                ui.selection[column] = row
                ui.scrollTop[column] = content.scrollTop(showing: row, from: top, height: h)
            }
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
        case .meetingOpened(let day):
            ui.meeting = day
            let offer = offerReview(ui, day, c)
            ui.status = .info(request.message + (offer.isEmpty ? "." : ";" + offer))
        case .nothing, .undo:
            break
        }
        ui.reviewReturn = request.after == .advanceReview ? ui.reviewReturn : nil
    }

    /// Saving failed: nothing was recorded; the typed text comes back so nothing is lost.
    public static func recordFailed(_ ui: inout UIState, _ request: RecordRequest, message: String, nowReadOnly: Bool) {
        if let line = request.restore { ui.mode = .input(line) }
        ui.status = .error("NOT SAVED: \(message)")
        if nowReadOnly { ui.readOnlyReason = "a write to the journal failed" }
    }
}
