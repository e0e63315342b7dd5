import Foundation

/// The phrasings minute-takers use beyond "KP to …", read on top of `OwnerParser`:
///
/// - "K. Corcoran is organising the venue", "Schools are to reply": an owner phrase, then
///   is / are / has / have;
/// - "Action: KP to send the list", "ACTION – KP: send the list": an "Action" label first;
/// - "Send the list to parents. Action: KP", "… (Action: KP, DD)": the owners at the end;
/// - "KP to draft the letter and DD to send it": two owners, each with their part.
///
/// Whenever the owners are not written as initials followed by "to", the text keeps the
/// wording as typed ("Sheelagh Davis to contact the school" stays so in the minutes) and
/// `keepsWording` is set; the owners are recorded as well, for the action lists.
public enum FollowUpPhrasing {
    public struct Result: Hashable, Sendable {
        public var parsed: ParsedFollowUp
        /// The text is the line as typed, owners included: show it without an owners prefix.
        public var keepsWording: Bool
        /// Which reading found the owners: "to", "is", "action label", "trailing action",
        /// "two owners"; nil when none did (the line has no owner anyone could name).
        public var reading: String?
    }

    /// Words between an owner phrase and what they do, besides "to" and "will".
    static let connectors: Set<String> = ["is", "are", "has", "have", "agreed", "offered", "volunteered", "promised", "would"]

    /// Reads a follow-up as typed on the command line or in the app.
    public static func parse(_ raw: String, people: [Person]) -> Result {
        let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let directory = OwnerDirectory(people)
        // "Action: KP to …" / "Action – KP: …": the label goes, the rest is read as usual.
        if let rest = strippingActionLabel(line) {
            let inner = parse(rest, people: people)
            if !inner.parsed.owners.isEmpty { return Result(parsed: inner.parsed, keepsWording: inner.keepsWording, reading: "action label") }
            // "Action: KP" alone, or "Action: KP, DD".
            let alone = OwnerParser.parse(rest + " to x", directory: directory)
            if !alone.owners.isEmpty, alone.text == "x" {
                var p = alone
                p.text = line
                return Result(parsed: p, keepsWording: true, reading: "action label")
            }
        }
        // "K. Corcoran is organising …", "DD offered to …": the phrase before the connector, read
        // first, since "DD offered" would otherwise pass for a name.
        let words = line.split(separator: " ", omittingEmptySubsequences: true)
        for (i, w) in words.prefix(OwnerParser.maxPhraseWords + 1).enumerated() where i > 0 {
            guard connectors.contains(OwnerParser.asciiLower(w)) else { continue }
            let phrase = words[..<i].joined(separator: " ")
            let owners = OwnerParser.parse(phrase + " to x", directory: directory)
            if !owners.owners.isEmpty, owners.text == "x" {
                var p = owners
                p.text = line
                return Result(parsed: p, keepsWording: true, reading: "is")
            }
            break
        }
        var plain = OwnerParser.parse(line, directory: directory)
        if !plain.owners.isEmpty {
            // "KP to draft the letter and DD to send it": the second owner joins.
            if let second = secondOwner(in: plain.text, directory: directory) {
                for o in second.owners where !plain.owners.contains(where: { $0.key == o.key }) { plain.owners.append(o) }
                plain.unknownInitials += second.unknownInitials
                plain.newNames += second.newNames
                plain.text = line
                return Result(parsed: plain, keepsWording: true, reading: "two owners")
            }
            let asTyped = !plain.owners.allSatisfy { $0.initials != nil } || !startsWithInitials(line, plain.owners)
            if asTyped { plain.text = line }
            return Result(parsed: plain, keepsWording: asTyped, reading: "to")
        }
        // "Send the list to parents. Action: KP" / "… (Action: KP)".
        if let (body, tail) = trailingAction(line) {
            let owners = OwnerParser.parse(tail + " to x", directory: directory)
            if !owners.owners.isEmpty, owners.text == "x", !body.isEmpty {
                var p = owners
                p.text = line
                return Result(parsed: p, keepsWording: true, reading: "trailing action")
            }
        }
        return Result(parsed: plain, keepsWording: false, reading: nil)
    }

    /// Whether a stored follow-up text already names its owners (it was kept as typed), so
    /// that it is shown without an owners prefix.
    public static func namesItsOwners(_ text: String) -> Bool {
        let r = parse(text, people: [])
        return r.keepsWording && !r.parsed.owners.isEmpty
    }

    /// The line after a leading "Action:", "Actions -", "ACTION –", or nil.
    static func strippingActionLabel(_ line: String) -> String? {
        let lower = line.lowercased()
        for label in ["actions", "action"] where lower.hasPrefix(label) {
            var rest = line.dropFirst(label.count)
            guard let c = rest.first, c == ":" || c == " " || c == "-" || c == "–" || c == "—" else { return nil }
            rest = rest.drop { $0 == ":" || $0 == " " || $0 == "-" || $0 == "–" || $0 == "—" }
            return rest.isEmpty ? nil : String(rest)
        }
        return nil
    }

    /// "body. Action: KP" / "body (Action: KP)" / "body – Action KP": the body and the owners.
    static func trailingAction(_ line: String) -> (String, String)? {
        guard let range = line.range(of: "action", options: [.caseInsensitive, .backwards]) else { return nil }
        let before = line[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
        guard let mark = before.last, ".;(–—-[".contains(mark) || before.hasSuffix(",") else { return nil }
        var tail = line[range.upperBound...].drop { $0 == "s" || $0 == "S" }
        tail = tail.drop { $0 == ":" || $0 == " " || $0 == "-" || $0 == "–" }
        let owners = tail.trimmingCharacters(in: CharacterSet(charactersIn: " .)]"))
        let body = before.trimmingCharacters(in: CharacterSet(charactersIn: " .;(–—-[,"))
        return owners.isEmpty ? nil : (body, owners)
    }

    /// In the rest of a follow-up, "… and DD to …": the second owner phrase, if one reads.
    static func secondOwner(in text: String, directory: OwnerDirectory) -> ParsedFollowUp? {
        var search = text.startIndex
        while let r = text.range(of: " and ", range: search..<text.endIndex) {
            let after = String(text[r.upperBound...])
            let p = OwnerParser.parse(after, directory: directory)
            if !p.owners.isEmpty, p.text != after { return p }
            search = r.upperBound
        }
        return nil
    }

    /// Whether the line starts with the owners' initials themselves ("KP to", "KP, DD to").
    static func startsWithInitials(_ line: String, _ owners: [Owner]) -> Bool {
        guard let first = owners.first?.initials else { return false }
        return line.hasPrefix(first)
    }
}
