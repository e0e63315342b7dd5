import Foundation

/// The advice given with "conflicting decisions" (two different closing decisions on one
/// follow-up, typically made on two machines): it names the command that really undoes a
/// decision, `minutes retract ID`, with the ids of the decisions in question.
public enum ConflictAdvice {
    /// The diagnostic with its hint pointing at `minutes retract`, when it reports
    /// conflicting decisions. `sourceLine` is the reported line as written (its second word
    /// is the later decision's id); with `state`, every decision still standing on the
    /// follow-up is named, so either can be retracted.
    public static func advised(_ d: Diagnostic, sourceLine: String?, state: MinutesState? = nil) -> Diagnostic {
        guard d.message.contains("conflicting decisions") else { return d }
        var out = d
        let words = sourceLine?.split(separator: " ", maxSplits: 2) ?? []
        let later = words.count >= 2 ? EventID.parse(String(words[1])) : nil
        let decisions = state.flatMap { decisionsNamed(in: d.message, state: $0) } ?? []
        let lead = "both decisions stay in the journal and the later one stands; "
        if decisions.count >= 2 {
            out.hint = lead + "undo the wrong one with: "
                + decisions.map { "minutes retract \($0.id.text) (\($0.word))" }.joined(separator: " or ")
        } else if let later {
            out.hint = lead + "if this one is wrong, undo it with: minutes retract \(later.text); "
                + "if the earlier one is wrong, retract that one by its id"
        } else {
            out.hint = lead + "undo the wrong one with: minutes retract ID"
        }
        return out
    }

    /// The standing done/drop decisions on the follow-up the message names, oldest first.
    static func decisionsNamed(in message: String, state: MinutesState) -> [(id: EventID, word: String)]? {
        guard let range = message.range(of: "follow-up ") else { return nil }
        let idText = message[range.upperBound...].prefix { $0 != ":" && $0 != " " }
        guard let id = EventID.parse(String(idText)), let item = state.item(id) else { return nil }
        return item.changes.compactMap { change in
            guard !change.isRetracted else { return nil }
            switch change.kind {
            case .done: return (change.id, "done")
            case .drop: return (change.id, "dropped")
            default: return nil
            }
        }
    }
}
