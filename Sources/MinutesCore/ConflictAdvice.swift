import Foundation

/// The advice given with "conflicting decisions" (two different closing decisions on one
/// follow-up, typically made on two machines): it names the command that really undoes a
/// decision, `minutes retract ID`, with the id of the decision on the reported line.
public enum ConflictAdvice {
    /// The diagnostic with its hint pointing at `minutes retract`, when it reports
    /// conflicting decisions; `sourceLine` is the reported line as written (its second word
    /// is the event's id).
    public static func advised(_ d: Diagnostic, sourceLine: String?) -> Diagnostic {
        guard d.message.contains("conflicting decisions") else { return d }
        var out = d
        let words = sourceLine?.split(separator: " ", maxSplits: 2) ?? []
        if words.count >= 2, EventID.parse(String(words[1])) != nil {
            let id = String(words[1])
            out.hint = "both decisions stay in the journal and the later one stands; if this one is wrong, undo it with: minutes retract \(id); "
                + "if the earlier one is wrong, retract that one by its id"
        } else {
            out.hint = "both decisions stay in the journal and the later one stands; undo the wrong one with: minutes retract ID"
        }
        return out
    }
}
