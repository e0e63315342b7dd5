import MinutesCore

/// Undo (`u`), redo (`^R`) and retracting any entry (`U`): each names what it changes, and
/// asks first when that is not on screen.
extension AppUpdate {
    static func undo(_ ui: inout UIState, _ c: AppContext) -> [Effect] {
        guard let last = ui.undoStack.last else {
            ui.status = .info("Nothing to undo from this session; U retracts the selected entry, whoever wrote it.")
            return []
        }
        if !Select.isOnScreen(last.project, ui, c) {
            ui.mode = .confirm(Confirmation(
                question: "Undo \(last.what)? It is not on screen. y undoes it, any other key keeps it.",
                then: .undo, back: ui.mode))
            return []
        }
        return undoNow(&ui)
    }

    static func undoNow(_ ui: inout UIState) -> [Effect] {
        guard let last = ui.undoStack.last else { return [] }
        return [.record(RecordRequest(last.ids.reversed().map { .retract(ref: $0, reason: "undone") },
                                      message: "Undid \(last.what).", after: .undo))]
    }

    static func redo(_ ui: inout UIState) -> [Effect] {
        guard let last = ui.redoStack.last else {
            ui.status = .info("Nothing to redo.")
            return []
        }
        return [.record(RecordRequest(last.bodies, message: "Redid \(last.what).", after: .redo))]
    }

    /// `U`: retract the selected entry, whoever recorded it (how a conflicting decision is
    /// resolved), after asking.
    static func askRetract(_ ui: inout UIState, _ c: AppContext) {
        guard let item = Select.selectedItem(ui, c) else {
            ui.status = .info("Select an entry to retract first.")
            return
        }
        guard !item.isRetracted else {
            ui.status = .info("That entry is already retracted.")
            return
        }
        let what = describe(item)
        ui.mode = .confirm(Confirmation(
            question: "Retract \(what)? It stays in the journal, marked retracted. y retracts it, any other key keeps it.",
            then: .retract(item.id, what: what), back: ui.mode))
    }

    /// The change a set of recorded events made, in words, and the project it shows in.
    static func describe(_ bodies: [EventBody], _ c: AppContext) -> (what: String, project: ProjectRef?) {
        guard let first = bodies.first else { return ("the last change", nil) }
        func item(_ ref: EventID) -> Item? { c.state.item(ref) }
        func quoted(_ ref: EventID) -> String { item(ref).map { "'\(excerpt(followUpText($0)))'" } ?? "an entry" }
        func place(_ ref: EventID) -> String { item(ref).map { " in project \($0.project.number)" } ?? "" }
        switch first {
        case .note(let p, _, let text): return ("the note '\(excerpt(text))' in project \(p.number)", p)
        case .action(let p, _, let text): return ("the action '\(excerpt(text))' in project \(p.number)", p)
        case .todo(let p, _, let owners, let text):
            return ("the follow-up '\(excerpt(EntryInput.sentence(owners: owners, text: text)))' in project \(p.number)", p)
        case .done(let ref, _, _): return ("marking \(quoted(ref)) done\(place(ref))", item(ref)?.project)
        case .drop(let ref, _, _): return ("dropping \(quoted(ref))\(place(ref))", item(ref)?.project)
        case .reassign(let ref, _, let owners):
            return ("reassigning \(quoted(ref)) to \(Owner.phrase(owners))\(place(ref))", item(ref)?.project)
        case .carry(let ref, _): return ("keeping \(quoted(ref))\(place(ref))", item(ref)?.project)
        case .amend:  // (matched without its fields, which Journal v2 extends)
            guard let ref = first.ref else { return ("the amendment", nil) }
            return ("the amendment of \(quoted(ref))\(place(ref))", item(ref)?.project)
        case .rate(let p, _, let rating, _): return ("the rating \(rating.rawValue) of project \(p.number)", p)
        case .meeting(let f): return ("opening the meeting of \(f.date.long)", nil)
        case .person(let person): return ("adding \(person.initials) to the directory", nil)
        case .plan: return ("the plan change", nil)
        case .retract(let ref, _): return ("the retraction of \(quoted(ref))", item(ref)?.project)
        default: return ("the last change", nil)
        }
    }

    static func describe(_ item: Item) -> String {
        let kind = item.kind == .followUp ? "follow-up" : item.kind == .note ? "note" : "action"
        let text = item.kind == .followUp ? followUpText(item) : item.text
        return "the \(kind) '\(excerpt(text))' in project \(item.project.number)"
    }

    /// The first words of an entry, "Hall booked…": enough to recognise it on one line.
    static func excerpt(_ text: String, length: Int = 24) -> String {
        let line = text.split(separator: "\n").first.map(String.init) ?? text
        guard line.count > length || line.count < text.count else { return line }
        var cut = String(line.prefix(length))
        if line.count > length, let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > length / 2 {
            cut = String(cut[..<space])
        }
        return cut + "…"
    }
}
