/// The identity of one journal event: 60 random bits written as 12 base-32 characters.
///
/// Ids are random rather than sequential so that two copies of a journal edited apart
/// and merged line by line never mint the same id (the chance of any collision among a
/// million events is about 1 in 2 million). The alphabet is Crockford's base 32 in lower
/// case (no i, l, o, u), so an id is easy to read aloud and to type: `minutes done 4k7q`
/// accepts any unique prefix.
public struct EventID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let value: UInt64

    public init(value: UInt64) { self.value = value & EventID.mask }

    static let mask: UInt64 = (1 << 60) - 1
    static let alphabet: [UInt8] = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)
    static let decodeTable: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = Int8(i) }
        return table
    }()

    public static func < (a: EventID, b: EventID) -> Bool { a.value < b.value }

    /// A fresh random id.
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> EventID {
        EventID(value: generator.next())
    }

    public static func random() -> EventID {
        var g = SystemRandomNumberGenerator()
        return random(using: &g)
    }

    /// The 12-character journal form.
    public var text: String {
        var chars = [UInt8](repeating: 0, count: 12)
        var v = value
        for i in stride(from: 11, through: 0, by: -1) {
            chars[i] = EventID.alphabet[Int(v & 31)]
            v >>= 5
        }
        return String(decoding: chars, as: UTF8.self)
    }

    public var description: String { text }

    /// Parses the 12-character form from raw bytes.
    public static func parse(bytes: Slice<UnsafeBufferPointer<UInt8>>) -> EventID? {
        guard bytes.count == 12 else { return nil }
        // The table is fetched once, not once per character (each access to a global runs
        // its lazy-initialisation check).
        return decodeTable.withUnsafeBufferPointer { table in
            var v: UInt64 = 0
            for b in bytes {
                let d = table[Int(b)]
                guard d >= 0 else { return nil }
                v = v << 5 | UInt64(d)
            }
            return EventID(value: v)
        }
    }

    public static func parse(_ text: String) -> EventID? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { parse(bytes: $0[...]) }
    }
}
