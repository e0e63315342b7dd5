import MinutesCore

/// How text left on the input line is described in a draft, and brought back.
///
/// A draft names what the text was for ("todo stay-safe/2") so that, when the journal is
/// opened again, the text returns to the same kind of input in the same project.
public enum DraftContext {
    /// The context words for the input line as it is now.
    public static func describe(_ line: InputLine, ui: UIState, context c: AppContext) -> String {
        let project = Select.currentProject(ui, c)?.ref.text ?? ""
        switch line.purpose {
        case .addAction: return "action \(project)"
        case .addNote: return "note \(project)"
        case .addFollowUp: return "todo \(project)"
        case .search: return "search"
        default: return "text \(project)"
        }
    }

    /// Puts a saved draft back on the input line, on its project's tab. Text typed for
    /// something other than a new entry (an edit, an outcome) comes back as a new note, so
    /// that it is seen and nothing is filed under the wrong item.
    public static func restore(_ text: String, context: String, into ui: inout UIState, state: MinutesState) {
        let words = context.split(separator: " ", maxSplits: 1).map(String.init)
        let kind = words.first ?? "text"
        if words.count > 1, let ref = ProjectRef(words[1]),
           let tab = state.projects(in: ref.group).firstIndex(where: { $0.ref == ref }) {
            ui.group = ref.group
            ui.tab = tab
            ui.selection = [:]
            ui.scrollTop = [:]
        }
        var line: InputLine
        switch kind {
        case "action": line = InputLine(.addAction, prompt: "Action", text: text)
        case "todo": line = InputLine(.addFollowUp, prompt: "Follow-up", text: text)
        case "search": line = InputLine(.search, prompt: "Search", text: text)
        case "note": line = InputLine(.addNote, prompt: "Note", text: text)
        default: line = InputLine(.addNote, prompt: "Unsaved text (Enter adds it as a note)", text: text)
        }
        line.editor.isPrefilled = false  // the user's own words: typing goes on from them
        ui.mode = .input(line)
        ui.status = .info("Restored the text you were typing when minutes last stopped. Esc discards it.")
    }
}
