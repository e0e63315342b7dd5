import Foundation

/// The moment an event was recorded, in milliseconds since 1970-01-01T00:00:00Z.
///
/// Written as `2009-06-26T10:15:03.120Z`: fixed width, UTC, so that text order and time
/// order agree and two laptops in different time zones sort their events the same way.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    public init(_ date: Date) {
        self.milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    public static func now() -> Timestamp { Timestamp(Date()) }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.milliseconds < b.milliseconds }

    /// The UTC calendar day of this moment.
    public var day: Day { Day(ordinal: Int32(Day.floorDiv(Int(milliseconds), 86_400_000))) }

    public var date: Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    /// The journal form: exactly 24 characters.
    public var iso: String {
        let ms = Int(milliseconds)
        let dayPart = Day.floorDiv(ms, 86_400_000)
        var rest = ms - dayPart * 86_400_000
        let h = rest / 3_600_000; rest -= h * 3_600_000
        let m = rest / 60_000; rest -= m * 60_000
        let s = rest / 1000; rest -= s * 1000
        return Day(ordinal: Int32(dayPart)).iso + "T" + Day.pad(h, 2) + ":" + Day.pad(m, 2) + ":"
            + Day.pad(s, 2) + "." + Day.pad(rest, 3) + "Z"
    }

    public var description: String { iso }

    /// Parses the journal form from raw bytes; nil unless it is exactly `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    public static func parse(bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Timestamp? {
        guard bytes.count == 24 else { return nil }
        let b = bytes.base, s = bytes.startIndex
        guard let day = Day.parseISO(bytes: b[s..<(s + 10)]),
              b[s + 10] == UInt8(ascii: "T"), b[s + 13] == UInt8(ascii: ":"),
              b[s + 16] == UInt8(ascii: ":"), b[s + 19] == UInt8(ascii: "."),
              b[s + 23] == UInt8(ascii: "Z"),
              let h = Day.digits(b, s + 11, 2), let m = Day.digits(b, s + 14, 2),
              let sec = Day.digits(b, s + 17, 2), let ms = Day.digits(b, s + 20, 3),
              h < 24, m < 60, sec < 60
        else { return nil }
        let total = Int64(day.ordinal) * 86_400_000 + Int64(h * 3_600_000 + m * 60_000 + sec * 1000 + ms)
        return Timestamp(milliseconds: total)
    }

    public static func parse(_ text: String) -> Timestamp? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { parse(bytes: $0[...]) }
    }
}
