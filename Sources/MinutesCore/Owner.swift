/// Who a follow-up belongs to: a person by initials, or a body or person by name.
///
/// Minutes name owners the way people talk: "KP to …", "Schools to …",
/// "Sheelagh Davis to …". Initials are kept upper-case (they compare case-insensitively);
/// a name is kept as typed. In the journal an owner is one `owner=` field: text that is
/// 2–4 ASCII capital letters is initials, anything else is a name.
public enum Owner: Hashable, Sendable, Comparable, CustomStringConvertible {
    case initials(String)
    case named(String)

    /// Reads an owner from its journal form.
    public init(journalValue value: String) {
        self = Owner.looksLikeInitials(value) ? .initials(value) : .named(value)
    }

    /// The journal form, and the label shown on screen and in reports.
    public var label: String {
        switch self {
        case .initials(let s), .named(let s): return s
        }
    }

    public var description: String { label }

    /// A key that groups the same owner however it was capitalised.
    public var key: String { label.uppercased() }

    public var initials: String? {
        if case .initials(let s) = self { return s }
        return nil
    }

    /// 2–4 letters A–Z: the form of a person's initials.
    public static func looksLikeInitials(_ s: String) -> Bool {
        let u = s.utf8
        return (2...4).contains(u.count) && u.allSatisfy { $0 >= 65 && $0 <= 90 }
    }

    /// Owners joined as minutes write them: "KP", "KP and DD", "KP, DD and Schools".
    public static func phrase(_ owners: [Owner]) -> String {
        let labels = owners.map(\.label)
        switch labels.count {
        case 0: return ""
        case 1: return labels[0]
        default: return labels.dropLast().joined(separator: ", ") + " and " + labels.last!
        }
    }
}

/// Someone in the group's directory, known by initials.
public struct Person: Hashable, Sendable {
    /// Upper-case initials, 2–4 letters; unique in a journal.
    public var initials: String
    public var name: String
    /// Organisation or role, e.g. "Police" or "Headteacher, Oak Primary".
    public var organisation: String?
    /// Where their follow-ups are e-mailed (`minutes mail`), e.g. "kp@example.org".
    public var email: String?

    public init(initials: String, name: String, organisation: String? = nil, email: String? = nil) {
        self.initials = initials
        self.name = name
        self.organisation = organisation
        self.email = email
    }

    /// Whether text is a plausible e-mail address to put in a To: header: one "@" between a
    /// local part and a domain of dot-separated labels, no white space, no control characters
    /// and none of the characters that would change what a header means (`<>()[],;:"\`).
    /// Not a full RFC 5322 check: a typing mistake is caught, an unusual real address passes.
    public static func isPlausibleEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, text.count <= 254 else { return false }
        let local = parts[0], domain = parts[1]
        guard (1...64).contains(local.count), !local.hasPrefix("."), !local.hasSuffix("."),
              domain.contains(".") else { return false }
        let forbidden = Set("<>()[],;:\"\\")
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
                || scalar.properties.generalCategory == .format || forbidden.contains(Character(scalar)) { return false }
        }
        return domain.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && !label.hasPrefix("-") && !label.hasSuffix("-")
        }
    }

    /// Whether text is acceptable as initials (2–4 letters of any case, A–Z).
    public static func isValidInitials(_ s: String) -> Bool {
        Owner.looksLikeInitials(s.uppercased())
    }
}
