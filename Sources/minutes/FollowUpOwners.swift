import MinutesCore

/// Splits a typed follow-up into owners and text.
///
/// TEMPORARY: a stand-in with the shape of `MinutesCore.OwnerParser.parse(_:people:)`,
/// which lands on main soon; when it does, `parse` becomes a call to it and the rest of
/// this file goes.
enum FollowUpOwners {
    struct Parsed {
        var owners: [Owner]
        var text: String
        var unknownInitials: [String]
        var newNames: [String]
        var ambiguousNames: [String]
        var isUnowned: Bool { owners.isEmpty }
    }

    static func parse(_ raw: String, people: [Person]) -> Parsed {
        let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let to = line.range(of: " to ") else {
            return Parsed(owners: [], text: line, unknownInitials: [], newNames: [], ambiguousNames: [])
        }
        let phrase = line[..<to.lowerBound]
        let names = phrase.replacingOccurrences(of: " and ", with: ",").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty, names.count <= 6, names.allSatisfy({ $0.split(separator: " ").count <= 3 }) else {
            return Parsed(owners: [], text: line, unknownInitials: [], newNames: [], ambiguousNames: [])
        }
        var owners: [Owner] = [], unknown: [String] = [], new: [String] = []
        for n in names {
            if Owner.looksLikeInitials(n) {
                owners.append(.initials(n))
                if !people.contains(where: { $0.initials == n }) { unknown.append(n) }
            } else if let p = people.first(where: { $0.name.caseInsensitiveCompare(n) == .orderedSame }) {
                owners.append(.initials(p.initials))
            } else {
                owners.append(.named(n))
                new.append(n)
            }
        }
        let text = String(line[to.upperBound...]).trimmingCharacters(in: .whitespaces)
        return Parsed(owners: owners, text: text, unknownInitials: unknown, newNames: new, ambiguousNames: [])
    }
}
