import Foundation
import MinutesCore

/// Turns what was typed into checked values, or a one-line error naming the argument.
/// Every check happens before anything is written.
enum Inputs {
    /// A date as typed, read as the app reads it (`EntryInput.date`): `YYYY-MM-DD`, `today`,
    /// `yesterday`, "15th May 2009", "17 Sep" (the year nearest today).
    static func day(_ text: String, argument: String) throws -> Day {
        if let d = EntryInput.date(text, near: Day.today())?.day { return d }
        let t = text.trimmingCharacters(in: .whitespaces)
        let shape = t.utf8.count == 10 && t.utf8.enumerated().allSatisfy { i, b in
            i == 4 || i == 7 ? b == UInt8(ascii: "-") : (b >= 48 && b <= 57)
        }
        if shape {
            throw CLIError.data("\(argument): \(t) is not a real date")
        }
        throw CLIError.data("\(argument): '\(t)' is not a date; write \(EntryInput.dateForms)")
    }

    static func day(_ text: String?, argument: String) throws -> Day? {
        try text.map { try day($0, argument: argument) }
    }

    /// Text that must say something: trimmed, and refused when empty or blank.
    static func text(_ text: String, argument: String) throws -> String {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty else { throw CLIError.data("\(argument) is empty") }
        return t
    }

    static func text(_ text: String?, argument: String) throws -> String? {
        try text.map { try Inputs.text($0, argument: argument) }
    }

    /// A group slug that names an existing group.
    static func group(_ slug: String, in state: MinutesState, argument: String = "<group>") throws -> Group {
        guard GroupSlug.isValid(slug) else {
            throw CLIError.data("\(argument): '\(slug)' is not a group name; group names are lower-case letters, digits and '-', e.g. be-safe")
        }
        guard let g = state.groups[slug] else {
            let known = state.groupOrder.isEmpty ? "there are no groups yet" : "groups are " + state.groupOrder.joined(separator: ", ")
            throw CLIError.data("\(argument): unknown group '\(slug)' (\(known); add one with: minutes add group \(slug) \"Name\")")
        }
        return g
    }

    /// `GROUP/N` as typed.
    static func projectRef(_ text: String, argument: String = "<project>") throws -> ProjectRef {
        guard let ref = ProjectRef(text.trimmingCharacters(in: .whitespaces)) else {
            throw CLIError.data("\(argument): '\(text)' is not a project reference; write GROUP/N, e.g. be-safe/2")
        }
        return ref
    }

    /// `GROUP/N` naming an existing project.
    static func project(_ text: String, in state: MinutesState, argument: String = "<project>") throws -> Project {
        let ref = try projectRef(text, argument: argument)
        let group = try Inputs.group(ref.group, in: state, argument: argument)
        guard let p = state.project(ref) else {
            let numbers = group.projectNumbers.map { "\(ref.group)/\($0)" }
            let known = numbers.isEmpty ? "\(ref.group) has no projects yet" : "projects are " + numbers.joined(separator: ", ")
            throw CLIError.data("\(argument): unknown project \(ref) (\(known); add one with: minutes add project \(ref.group) \"Headline\")")
        }
        return p
    }

    /// The meeting an entry belongs to: the one named with `--meeting`, which must exist, or
    /// the group's latest meeting. `nil` when the group has no meeting and none is required.
    static func meeting(of group: Group, explicit: String?, requireOne: Bool) throws -> Day? {
        if let explicit {
            let day = try Inputs.day(explicit, argument: "--meeting")
            guard group.meeting(on: day) != nil else {
                throw CLIError.data("--meeting: no meeting of \(group.slug) on \(day.iso); open it with: minutes add meeting \(group.slug) \(day.iso)")
            }
            return day
        }
        if let latest = group.latestMeeting { return latest.date }
        if requireOne {
            throw CLIError.data("\(group.slug) has no meeting yet; open one with: minutes add meeting \(group.slug) DATE")
        }
        return nil
    }

    /// Person initials as typed (any case), checked and upper-cased.
    static func initials(_ text: String, argument: String) throws -> String {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard Person.isValidInitials(t) else {
            throw CLIError.data("\(argument): '\(t)' is not initials; initials are 2 to 4 letters A-Z, e.g. KP")
        }
        return t.uppercased()
    }

    /// People as listed in options (`KP,DD`, `"KP DD and Kath Corcoran"`, repeated options),
    /// split as the app splits them (`EntryInput.people`): initials one by one, other words
    /// kept together for `attendee` to resolve against the directory.
    static func list(_ values: [String]) -> [String] {
        values.flatMap { EntryInput.people($0, people: []) }
    }

    /// Someone named in a meeting's attendance or as its chair: known initials typed in any
    /// case become the directory's initials; anything else is kept as typed ("PCSOs").
    static func attendee(_ text: String, in state: MinutesState) -> String {
        let read = EntryInput.people(text, people: state.directory)
        if read.count == 1 { return read[0] }
        let upper = text.uppercased()
        if Owner.looksLikeInitials(upper), state.people[upper] != nil { return upper }
        if let p = state.people.values.first(where: { $0.name.compare(text, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame }) {
            return p.initials
        }
        return text
    }

    /// An owner as typed for `reassign`: initials (known ones in any case, unknown ones in
    /// capitals), a person's full name (recorded as their initials), or a name kept as typed.
    static func owner(_ text: String, in state: MinutesState) -> Owner {
        let resolved = attendee(text, in: state)
        return Owner(journalValue: resolved)
    }
}
