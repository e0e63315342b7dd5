import MinutesCore

/// The preview: what an import will add, per project, before anything is written.
public enum ImportPreview {
    public static func lines(_ plan: ImportPlan, file: String, state: MinutesState) -> [String] {
        var out = ["Import of \(file) into \(plan.group): the minutes of \(plan.meeting.long)"]
        for n in plan.notices { out.append("  note: \(n)") }
        if let e = plan.earlierMeeting, plan.undatedNamed {
            out.append("  note: notes above the first date line go to the meeting of \(e.long) (--undated)")
        } else if let e = plan.earlierMeeting {
            out.append("  note: notes above the first date line go to an \"earlier\" meeting on \(e.long); give its real date with --undated DATE")
        }
        if !plan.peopleAdded.isEmpty {
            out.append("People to add: " + plan.peopleAdded.map { "\($0.initials) (\($0.name))" }.joined(separator: ", "))
        }
        if !plan.meetingsAdded.isEmpty {
            out.append("Meetings to add: " + plan.meetingsAdded.map { $0 == plan.earlierMeeting && !plan.undatedNamed ? "\($0.long) (\"earlier\")" : $0.long }.joined(separator: ", "))
        }
        for p in plan.projects {
            var parts: [String] = []
            if p.actions > 0 { parts.append(count(p.actions, "action")) }
            let notes = p.notes.values.reduce(0, +)
            if notes > 0 {
                parts.append(count(notes, "note") + " (" + p.notes.keys.sorted().map { "\($0.short): \(p.notes[$0]!)" }.joined(separator: ", ") + ")")
            }
            if p.newFollowUps > 0 { parts.append(count(p.newFollowUps, "open follow-up")) }
            if p.doneFollowUps > 0 { parts.append(count(p.doneFollowUps, "follow-up") + " marked done") }
            if p.reassigned > 0 { parts.append(count(p.reassigned, "follow-up") + " reassigned") }
            if parts.isEmpty { parts.append("nothing new") }
            var line = "Project \(p.number) \"\(p.headline)\"\(p.isNew ? " (new)" : ""): " + parts.joined(separator: ", ")
            var kept: [String] = []
            if p.carried > 0 { kept.append(count(p.carried, "follow-up") + " carried") }
            if p.alreadyThere > 0 { kept.append("\(p.alreadyThere) already in the journal") }
            if !kept.isEmpty { line += "; " + kept.joined(separator: ", ") }
            out.append(line)
        }
        if !plan.ownersRecognised.isEmpty {
            let known = plan.ownersRecognised.map { label -> String in
                if let p = state.person(label) ?? plan.peopleAdded.first(where: { $0.initials == label }) { return "\(label) (\(p.name))" }
                return label
            }
            out.append("Owners recognised: " + known.joined(separator: ", "))
        }
        if !plan.unknownInitials.isEmpty {
            let add = plan.unknownInitials.map { "--add-person \($0)=\"Full Name\"" }.joined(separator: " ")
            out.append("Initials not in the directory: " + plan.unknownInitials.joined(separator: ", ") + "; to add them, import with " + add)
        }
        if !plan.leftOpen.isEmpty {
            out.append("Open follow-ups from earlier meetings that this document does not list (left open):")
            out += plan.leftOpen.map { "  " + $0 }
        }
        if !plan.unread.isEmpty {
            out.append("Not read, or read with care:")
            out += plan.unread.map { "  \($0)" }
        }
        out.append(plan.isEmpty ? "Nothing to add: the journal already has everything in this document."
                                : "\(count(plan.entryCount, "entry", "entries")) to add.")
        return out
    }

    static func count(_ n: Int, _ one: String, _ many: String? = nil) -> String {
        "\(n) " + (n == 1 ? one : many ?? one + "s")
    }
}
