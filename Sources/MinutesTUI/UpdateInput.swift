import Foundation
import MinutesCore

/// Keys on the input area: editing, Tab completion, Enter to submit, Esc to cancel.
extension AppUpdate {
    /// Esc asks first when more than this many words would be thrown away.
    static let wordsWorthAsking = 4

    static func handleInput(_ ui: inout UIState, _ line: inout InputLine, _ key: Key, _ c: AppContext) -> [Effect] {
        switch key {
        case .escape:
            let words = line.editor.text.split(whereSeparator: \.isWhitespace).count
            if line.purpose.isEntryText, !line.editor.isPrefilled, words > wordsWorthAsking {
                ui.mode = .confirm(Confirmation(question: "Discard the \(words) words typed? y discards, any other key keeps typing.",
                                                then: .discard(line), back: .input(line)))
                return []
            }
            ui.mode = returnMode(line.purpose, ui)
            ui.status = nil
            return []
        case .enter:
            line.completion = nil
            ui.mode = .input(line)  // stays, unless submitting moves on (a refused entry keeps its text)
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
        case .reviewOutcome, .reviewReassign, .reviewDropReason, .approvalAmendments:
            if let review = ui.reviewReturn { return review }
            return .browse
        case .planLine(let target, _, _): return planMode(target)
        default: return .browse
        }
    }

    static func submit(_ ui: inout UIState, _ line: InputLine, _ c: AppContext) -> [Effect] {
        let text = line.editor.text.trimmingCharacters(in: .whitespacesAndNewlines)
        ui.status = nil  // a message about an earlier try no longer applies
        let meeting = Select.currentMeeting(ui, c)
        let project = Select.currentProject(ui, c)
        func need(_ ok: Bool, _ message: String) -> Bool {
            if !ok { ui.status = .error(message) }
            return ok
        }
        func record(_ events: [EventBody], _ message: String, after: RecordRequest.After = .nothing,
                    due: (date: Day, meeting: Day)? = nil) -> [Effect] {
            ui.mode = .browse
            return [.record(RecordRequest(events, message: message, restore: line, after: after, due: due))]
        }
        switch line.purpose {
        case .addAction:
            guard need(!text.isEmpty, "An action needs some text."), let p = project else { return [] }
            return record([.action(p.ref, meeting: meeting, text: text)], "Action added.", after: .select(.actions))
        case .addNote:
            guard need(!text.isEmpty, "A note needs some text."), let p = project, let m = meeting else { return [] }
            return record([.note(p.ref, meeting: m, text: text)], "Note added under \(m.long).", after: .select(.progress))
        case .addDecision:
            guard need(!text.isEmpty, "A decision needs some text."), let p = project, let m = meeting else { return [] }
            return record([.decision(p.ref, meeting: m, text: text)], "Decision recorded under \(m.long).", after: .select(.progress))
        case .addOtherBusiness:
            guard need(!text.isEmpty, "Any other business needs some text."), let p = project, let m = meeting else { return [] }
            return record([.aob(group: p.ref.group, meeting: m, text: text)], "Any other business recorded under \(m.long).")
        case .addFollowUp:
            guard need(!text.isEmpty, "A follow-up needs some text."), let p = project, let m = meeting else { return [] }
            let parsed = EntryInput.followUp(text, people: c.state.directory)
            ui.unknownInitials = parsed.unknownInitials
            // "… by 30 June", "… by the next meeting": the due date, read as `add todo` reads it.
            let next = c.state.groups[p.ref.group]?.meeting(on: m)?.next
            let due = DuePhrase.parse(text, meeting: m, next: next).due.map { (date: $0, meeting: m) }
            return record([.todo(p.ref, meeting: m, owners: parsed.owners, text: parsed.text)],
                          followUpMessage(parsed) + (due.map { " Due \($0.date.long)." } ?? ""),
                          after: .select(.followUps), due: due)
        case .edit(let id):
            guard need(!text.isEmpty, "The text cannot be empty; u undoes an entry instead."),
                  let item = c.state.item(id) else { return [] }
            if item.kind == .followUp {
                let parsed = EntryInput.followUp(text, people: c.state.directory)
                ui.unknownInitials = parsed.unknownInitials
                return record([.amend(ref: id, text: parsed.text, owners: parsed.owners)], "Follow-up amended.")
            }
            return record([.amend(ref: id, text: text, owners: nil)], "Amended.")
        case .outcome(let id), .reviewOutcome(let id):
            // Done means the same wherever it is typed: the outcome is also a progress note.
            guard let item = c.state.item(id) else { return [] }
            let m = meeting ?? item.meeting
            var events: [EventBody] = [.done(ref: id, meeting: meeting, outcome: text.isEmpty ? nil : text)]
            if !text.isEmpty { events.append(.note(item.project, meeting: m, text: text)) }
            let review: Bool = { if case .reviewOutcome = line.purpose { return true } else { return false } }()
            return record(events, "Marked done" + (text.isEmpty ? "." : ", and noted under \(m.long)."),
                          after: review ? .advanceReview : .nothing)
        case .dropReason(let id), .reviewDropReason(let id):
            guard need(!text.isEmpty, "Give a reason for dropping it.") else { return [] }
            let review: Bool = { if case .reviewDropReason = line.purpose { return true } else { return false } }()
            return record([.drop(ref: id, meeting: meeting, reason: text)], "Dropped.", after: review ? .advanceReview : .nothing)
        case .reassign(let id), .reviewReassign(let id):
            let owners = EntryInput.owners(text, people: c.state.directory)
            guard need(!owners.isEmpty, "Type the new owner's initials or name.") else { return [] }
            let review: Bool = { if case .reviewReassign = line.purpose { return true } else { return false } }()
            return record([.reassign(ref: id, meeting: meeting, owners: owners)], "Reassigned to \(Owner.phrase(owners)).",
                          after: review ? .advanceReview : .nothing)
        case .approvalAmendments(let at, let previous):
            guard need(!text.isEmpty, "Type the amendments, or Esc and a to approve the minutes as they stand."), let g = ui.group else { return [] }
            return record([.approve(group: g, meeting: previous, at: at, amendments: text)],
                          "Minutes of \(previous.long) approved, with amendments.", after: .approved(at))
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
        case .planLine(let target, let planLine, let adding):
            return submitPlan(&ui, target, planLine, adding: adding, text, line, c)
        case .ownerFilter:
            ui.mode = .browse
            ui.outstanding.owner = text.isEmpty ? nil : text
            ui.outstandingSelection = 0
            ui.outstandingScroll = 0
            return []
        case .exportPath(let choice):
            guard need(!text.isEmpty, "Type a file name."), let g = ui.group else { return [] }
            ui.mode = .browse
            ui.status = .info("Writing \(text)…")
            return [.export(choice, group: g, meeting: meeting, path: text)]
        }
    }

    static func submitPlan(_ ui: inout UIState, _ target: PlanTarget, _ planLine: PlanLine, adding: Bool, _ text: String,
                           _ line: InputLine, _ c: AppContext) -> [Effect] {
        ui.mode = planMode(target)
        guard !text.isEmpty else { return [] }
        switch PlanLines.change(target, c.state, planLine, text: text, adding: adding) {
        case .failure(let e):
            ui.status = .error(e.message)
            return []
        case .success(let f):
            if adding { ui.planRow += 1 }
            return [.record(RecordRequest([.plan(target, f)], message: "Plan updated.", restore: line))]
        }
    }

    /// The mode that shows a plan: `p` for a project's, `P` for the group's.
    static func planMode(_ target: PlanTarget) -> Mode {
        if case .project(let ref) = target { return .plan(ref) }
        return .groupPlan
    }

    static func followUpMessage(_ parsed: ParsedFollowUp) -> String {
        if parsed.isUnowned { return "Follow-up recorded without an owner (write “XX to …” to give it one)." }
        var m = "Follow-up recorded for \(Owner.phrase(parsed.owners))."
        if let u = parsed.unknownInitials.first {
            m += " \(u) is not in the directory: + adds them."
        }
        return m
    }

    /// Tab completion of the word before the cursor: initials and names from the directory,
    /// cycling on each press.
    static func complete(_ line: inout InputLine, _ c: AppContext) {
        line.editor.isPrefilled = false
        let multiline = line.editor.multiline
        if var comp = line.completion {
            comp.index = (comp.index + 1) % comp.candidates.count
            line.completion = comp
            let replaced = comp.before + comp.candidates[comp.index]
            line.editor = LineEditor(text: replaced + comp.after, cursor: replaced.count, multiline: multiline)
            return
        }
        let chars = Array(line.editor.text)
        let cursor = line.editor.cursor
        var start = cursor
        while start > 0, !chars[start - 1].isWhitespace, chars[start - 1] != ",", chars[start - 1] != "/" { start -= 1 }
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
        line.editor = LineEditor(text: before + candidates[0] + after, cursor: before.count + candidates[0].count, multiline: multiline)
    }
}
