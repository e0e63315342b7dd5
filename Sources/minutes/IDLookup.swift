import MinutesCore

/// Finds the event an id prefix names: `minutes done 4k7q` for `4k7qs0…`.
enum IDLookup {
    /// The id that `prefix` names. A prefix shared by several events is narrowed to items of
    /// `kind` (follow-ups for `done`, `drop`, `reassign`); when that still leaves several, or
    /// none match at all, the error lists what was found.
    static func resolve(_ prefix: String, in state: MinutesState, kind: ItemKind? = .followUp,
                        argument: String = "<id>") throws -> EventID {
        let p = try normalise(prefix, argument: argument)
        let candidates = state.ids(withPrefix: p)
        if candidates.count == 1 { return candidates[0] }
        if candidates.isEmpty {
            let what = kind == .followUp ? "follow-up" : "entry"
            throw CLIError.data("\(argument): no \(what) has an id starting '\(p)' (minutes todo lists open follow-ups with their ids)")
        }
        let narrowed = kind.map { k in candidates.filter { state.item($0)?.kind == k } } ?? []
        if narrowed.count == 1 { return narrowed[0] }
        let shown = (narrowed.isEmpty ? candidates : narrowed)
        let list = shown.prefix(8).map { describe($0, in: state) }.joined(separator: "; ")
        let more = shown.count > 8 ? "; and \(shown.count - 8) more" : ""
        throw CLIError.data("\(argument): id prefix '\(p)' is ambiguous, it starts \(shown.count) ids: \(list)\(more); type more of the id")
    }

    /// Lower-cased, with the look-alikes Crockford's base 32 folds (i, l → 1; o → 0).
    static func normalise(_ prefix: String, argument: String) throws -> String {
        var out = ""
        for c in prefix.trimmingCharacters(in: .whitespaces).lowercased() {
            switch c {
            case "i", "l": out.append("1")
            case "o": out.append("0")
            case "u": throw CLIError.data("\(argument): '\(prefix)' is not an id; ids never contain the letter u")
            case "0"..."9", "a"..."z": out.append(c)
            default:
                throw CLIError.data("\(argument): '\(prefix)' is not an id; ids are 12 characters from 0-9 and a-z")
            }
        }
        guard (2...12).contains(out.count) else {
            throw CLIError.data("\(argument): '\(prefix)' is not an id prefix; give 2 to 12 characters of the id")
        }
        return out
    }

    /// A short description of what an id names, for listing candidates.
    static func describe(_ id: EventID, in state: MinutesState) -> String {
        if let item = state.items[id] {
            return "\(id) (\(label(item.kind)) in \(item.project): \(snippet(item)))"
        }
        if let item = state.items.values.first(where: { $0.changes.contains { $0.id == id } }) {
            return "\(id) (a change to \(label(item.kind)) \(item.id))"
        }
        if let project = state.projects.values.first(where: { $0.id == id }) {
            return "\(id) (project \(project.ref))"
        }
        return "\(id)"
    }

    static func label(_ kind: ItemKind) -> String {
        switch kind {
        case .action: return "action"
        case .note: return "note"
        case .followUp: return "follow-up"
        case .decision: return "decision"
        }
    }

    static func snippet(_ item: Item) -> String {
        let text = EntryInput.sentence(owners: item.owners, text: item.text)
        return text.count > 40 ? String(text.prefix(39)) + "…" : text
    }
}
