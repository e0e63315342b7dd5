/// A set of initials (2–4 letters A–Z) as one bit per possible code: membership is a shift
/// and a mask, with no hashing, for the directory checks replay makes on every owner and
/// attendee. Anything that is not 2–4 capital letters is never a member.
struct InitialsSet: Sendable {
    /// Bit `code` is set for each member; 26 letters in 5 bits each, 4 letters: 2^20 bits
    /// (128 KB), allocated at the first insert.
    private var words: [UInt64] = []

    /// The code of 2–4 letters A–Z (each 1–26 in five bits), or nil.
    static func code(_ s: String) -> Int? {
        var code = 0
        var n = 0
        for c in s.utf8 {
            guard c >= 65, c <= 90, n < 4 else { return nil }
            code = code << 5 | Int(c - 64)
            n += 1
        }
        return n >= 2 ? code : nil
    }

    func contains(_ s: String) -> Bool {
        guard !words.isEmpty, let c = Self.code(s) else { return false }
        return words[c >> 6] & (1 << UInt64(c & 63)) != 0
    }

    mutating func insert(_ s: String) {
        guard let c = Self.code(s) else { return }
        if words.isEmpty { words = Array(repeating: 0, count: (1 << 20) / 64) }
        words[c >> 6] |= 1 << UInt64(c & 63)
    }
}
