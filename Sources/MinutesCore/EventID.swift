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
        guard bytes.count == 12, let base = bytes.base.baseAddress else { return nil }
        return decodeTable.withUnsafeBufferPointer { table in
            parse(twelveBytesAt: UnsafeRawPointer(base + bytes.startIndex), table: table.baseAddress!)
        }
    }

    /// Parses the 12 bytes at `p` through `table` (`decodeTable`, which a caller parsing many
    /// ids holds, since each access to a global runs its lazy-initialisation check): twelve
    /// loads, with one test of all the digits at the end instead of a test per byte.
    @inline(__always)
    static func parse(twelveBytesAt p: UnsafeRawPointer, table: UnsafePointer<Int8>) -> EventID? {
        var v: UInt64 = 0
        var bad: Int8 = 0
        for k in 0..<12 {
            let d = table[Int(p.load(fromByteOffset: k, as: UInt8.self))]
            bad |= d
            v = v << 5 | UInt64(UInt8(bitPattern: d) & 31)
        }
        return bad < 0 ? nil : EventID(value: v)
    }

    public static func parse(_ text: String) -> EventID? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { parse(bytes: $0[...]) }
    }
}
