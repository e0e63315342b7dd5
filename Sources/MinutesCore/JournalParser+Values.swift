/// Reading values: dates, timestamps, project references, text with its escapes.
extension JournalParser {
    // MARK: - Values

    /// The bytes at `r` (at most 8) as a little-endian number, zero above the last byte.
    @inline(__always)
    static func pack(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> UInt64 {
        if r.lowerBound + 8 <= b.count {
            let w = UnsafeRawPointer(b.baseAddress! + r.lowerBound).loadUnaligned(as: UInt64.self)
            return r.count == 8 ? w : w & ((1 << UInt64(8 * r.count)) &- 1)
        }
        var w: UInt64 = 0
        for i in r.reversed() { w = w << 8 | UInt64(b[i]) }
        return w
    }

    /// The offset of the first byte from `i` on that is a quote, a backslash, DEL or below
    /// `below` (0x20 inside quotes, where a tab needs a look too; 0x21 for unquoted values,
    /// which a space or tab ends), or `end` when there is none. Eight bytes at a time, and
    /// the last few (under eight) in the word that ends at `end`, shifted down so that the
    /// zeros shifted in stand for `end`: the lowest flagged byte of the word trick is exact.
    @inline(__always)
    static func firstSpecial(_ b: UnsafeBufferPointer<UInt8>, from start: Int, end: Int, below: UInt64) -> Int {
        var i = start
        guard let p = UnsafeRawPointer(b.baseAddress) else { return end }
        while end - i >= 8 {
            let m = specialBytes(p.loadUnaligned(fromByteOffset: i, as: UInt64.self), below: below)
            if m != 0 { return i + m.trailingZeroBitCount / 8 }
            i += 8
        }
        guard i < end else { return end }
        if end >= 8 {
            let w = p.loadUnaligned(fromByteOffset: end - 8, as: UInt64.self) >> UInt64(8 * (8 - (end - i)))
            return min(i + specialBytes(w, below: below).trailingZeroBitCount / 8, end)
        }
        while i < end {
            let c = b[i]
            if c < below || c == 0x22 || c == 0x5C || c == 0x7F { return i }
            i += 1
        }
        return end
    }

    /// The high bit of each byte of `w` that is a quote, a backslash, DEL or below `below`
    /// (at most 0x80), exact up to the first such byte (see `zeroBytes`).
    @inline(__always)
    static func specialBytes(_ w: UInt64, below: UInt64) -> UInt64 {
        zeroBytes(w ^ (ones &* 0x22)) | zeroBytes(w ^ (ones &* 0x5C)) | zeroBytes(w ^ (ones &* 0x7F))
            | ((w &- ones &* below) & ~w & high)
    }

    static var ones: UInt64 { 0x0101_0101_0101_0101 }
    static var high: UInt64 { 0x8080_8080_8080_8080 }

    /// The high bit of each zero byte of `x`, exact up to the first zero byte (above it a
    /// borrow may flag more), and zero when no byte is zero.
    @inline(__always)
    static func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & high }


    /// `YYYY-MM-DD` at `r` through `lastDate`; any other text goes to `Day.parseISO`.
    mutating func day(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Day? {
        guard r.count == 10 else { return nil }
        let p = UnsafeRawPointer(b.baseAddress! + r.lowerBound)
        let head = p.loadUnaligned(as: UInt64.self), tail = p.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        if let last = lastDate, last.head == head, last.tail == tail { return last.day }
        guard let d = Day.parseISO(bytes: b[r]) else { return nil }
        lastDate = (head, tail, d)
        return d
    }

    /// A timestamp, its date through `day`; exactly what `Timestamp.parse` accepts.
    mutating func timestamp(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Timestamp? {
        guard r.count == 24, let d = day(b, r.lowerBound..<(r.lowerBound + 10)) else { return nil }
        let s = r.lowerBound
        guard b[s + 10] == UInt8(ascii: "T"), b[s + 13] == UInt8(ascii: ":"), b[s + 16] == UInt8(ascii: ":"),
              b[s + 19] == UInt8(ascii: "."), b[s + 23] == UInt8(ascii: "Z") else { return nil }
        // The nine digits of HH:MM:SS.mmm, each checked, without a loop per number.
        let h1 = b[s + 11] &- 48, h2 = b[s + 12] &- 48, m1 = b[s + 14] &- 48, m2 = b[s + 15] &- 48
        let s1 = b[s + 17] &- 48, s2 = b[s + 18] &- 48, f1 = b[s + 20] &- 48, f2 = b[s + 21] &- 48, f3 = b[s + 22] &- 48
        guard h1 < 10, h2 < 10, m1 < 10, m2 < 10, s1 < 10, s2 < 10, f1 < 10, f2 < 10, f3 < 10 else { return nil }
        let h = Int(h1) * 10 + Int(h2), m = Int(m1) * 10 + Int(m2), sec = Int(s1) * 10 + Int(s2)
        let ms = Int(f1) * 100 + Int(f2) * 10 + Int(f3)
        guard h < 24, m < 60, sec < 60 else { return nil }
        return Timestamp(milliseconds: Int64(d.ordinal) * 86_400_000 + Int64(h * 3_600_000 + m * 60_000 + sec * 1000 + ms))
    }

    static var projectCacheBits: Int { 10 }

    /// `projectRef` through `projectCache` for values of up to 16 bytes.
    mutating func cachedProjectRef(_ b: UnsafeBufferPointer<UInt8>, _ f: Field) -> ProjectRef? {
        let n = f.valueEnd - f.valueStart
        guard n <= 16, !f.escaped else { return JournalParser.projectRef(b, f) }
        let head = JournalParser.pack(b, f.valueStart..<(f.valueStart + min(n, 8)))
        let tail = n > 8 ? JournalParser.pack(b, (f.valueStart + 8)..<f.valueEnd) : 0
        let slot = Int(truncatingIfNeeded: (head &* 0x9E37_79B9_7F4A_7C15 ^ tail &* 0xC2B2_AE3D_27D4_EB4F)
                       >> UInt64(64 - JournalParser.projectCacheBits))
        if projectCache.isEmpty { projectCache = Array(repeating: nil, count: 1 << JournalParser.projectCacheBits) }
        if let known = projectCache[slot], known.head == head, known.tail == tail, known.length == n { return known.ref }
        guard let r = JournalParser.projectRef(b, f) else { return nil }
        projectCache[slot] = (head, tail, n, r)
        return r
    }

    /// `slug/N` read straight from the bytes of an unquoted value: no intermediate strings.
    /// Nil for anything unusual (quoted, escaped, not a plain slug and number), which then goes
    /// through `ProjectRef.init`, the one definition of what a reference is.
    static func projectRef(_ b: UnsafeBufferPointer<UInt8>, _ f: Field) -> ProjectRef? {
        guard !f.escaped else { return nil }
        var slash = f.valueStart
        while slash < f.valueEnd, b[slash] != UInt8(ascii: "/") { slash += 1 }
        let slugLength = slash - f.valueStart
        guard slugLength >= 1, slugLength <= 40, slash + 1 < f.valueEnd, f.valueEnd - slash - 1 <= 4,
              b[f.valueStart] >= UInt8(ascii: "a"), b[f.valueStart] <= UInt8(ascii: "z") else { return nil }
        for i in f.valueStart..<slash {
            let c = b[i]
            guard (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
                || c == UInt8(ascii: "-") else { return nil }
        }
        var n = 0
        for i in (slash + 1)..<f.valueEnd {
            let d = b[i] &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            n = n * 10 + Int(d)
        }
        guard n >= 1 else { return nil }
        let slug = string(validUTF8: UnsafeBufferPointer(rebasing: b[f.valueStart..<slash]), isASCII: true)
        return ProjectRef(group: slug, number: n)
    }

    /// Whether text is empty or only whitespace (`allSatisfy(\.isWhitespace)`), deciding from
    /// the first byte when it is printable ASCII, as it almost always is, instead of breaking
    /// the text into `Character`s.
    static func isBlank(_ s: String) -> Bool {
        if let first = s.utf8.first, first > 32, first < 127 { return false }
        return s.allSatisfy(\.isWhitespace)
    }

    /// `isBlank(s)` for `s`, the text of field `f`, deciding from the field's first byte on
    /// the line when it is printable ASCII and not a backslash (which may start an escape):
    /// then it is also the text's first byte, and asking the string costs more. A first
    /// byte of 0x80 or above starts the text's first scalar; when that can be no whitespace,
    /// neither is the first `Character` (which is whitespace by its first scalar), so the
    /// text is not blank either.
    static func isBlank(_ s: String, _ b: UnsafeBufferPointer<UInt8>, _ f: Field) -> Bool {
        if f.valueStart < f.valueEnd {
            let c = b[f.valueStart]
            if c > 32, c < 127, c != UInt8(ascii: "\\") { return false }
            if c >= 0x80, !mayBeWhitespace(b, at: f.valueStart) { return false }
        }
        return isBlank(s)
    }

    /// Whether the well-formed UTF-8 scalar starting at `i` (with a byte of 0x80 or above)
    /// may be whitespace. The White_Space scalars outside ASCII are U+0085, U+00A0, U+1680,
    /// U+2000–U+200A, U+2028, U+2029, U+202F, U+205F and U+3000 (a test checks this against
    /// `Character.isWhitespace` for every scalar); a true answer sends the caller to the
    /// string.
    @inline(__always)
    static func mayBeWhitespace(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        switch b[i] {
        case 0xC2: return b[i + 1] == 0x85 || b[i + 1] == 0xA0
        case 0xE1: return b[i + 1] == 0x9A
        case 0xE2: return b[i + 1] == 0x80 || b[i + 1] == 0x81
        case 0xE3: return b[i + 1] == 0x80
        default: return false
        }
    }

    /// The text of a field, its escapes undone.
    ///
    /// `parse` has checked the whole line as UTF-8, and a value starts and ends next to ASCII
    /// bytes (`=`, quotes, spaces, the end of the line), so its bytes are well-formed UTF-8 by
    /// themselves and are copied without a second check.
    mutating func decode(_ f: Field, _ b: UnsafeBufferPointer<UInt8>) -> String {
        guard f.escaped else {
            let value = UnsafeBufferPointer(rebasing: b[f.valueStart..<f.valueEnd])
            return JournalParser.string(validUTF8: value, isASCII: isASCII(f.valueStart, f.valueEnd, value))
        }
        scratch.removeAll(keepingCapacity: true)
        var i = f.valueStart
        while i < f.valueEnd {
            let c = b[i]
            guard c == UInt8(ascii: "\\") else { scratch.append(c); i += 1; continue }
            let e = b[i + 1]
            switch e {
            case UInt8(ascii: "n"): scratch.append(10)
            case UInt8(ascii: "t"): scratch.append(9)
            case UInt8(ascii: "r"): scratch.append(13)
            case UInt8(ascii: "u"):
                var v: UInt32 = 0
                var j = i + 3
                while b[j] != UInt8(ascii: "}") { v = v << 4 | UInt32(JournalParser.hexValue(b[j])!); j += 1 }
                scratch.append(contentsOf: String(Unicode.Scalar(v)!).utf8)
            default: scratch.append(e)
            }
            i += JournalParser.escapeLength(b, at: i)
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    /// A string from bytes known to be well-formed UTF-8, made without validating them again
    /// as `String(decoding:as:)` does. `isASCII` must be exact when true; it is kept in the
    /// string, whose comparing and hashing are faster for it.
    @inline(__always)
    static func string(validUTF8 bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> String {
        if #available(macOS 26, iOS 26, watchOS 26, tvOS 26, visionOS 26, *) {
            return String(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: isASCII))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether the bytes `value`, at `start..<end` on the line, are all below 0x80: without a
    /// look at them when the value ends before the line's first byte of 0x80 or above, starts
    /// after its last, or holds either.
    @inline(__always)
    func isASCII(_ start: Int, _ end: Int, _ value: UnsafeBufferPointer<UInt8>) -> Bool {
        if lineIsASCII || end <= firstHigh || start > lastHigh { return true }
        if start <= firstHigh && firstHigh < end || start <= lastHigh && lastHigh < end { return false }
        return JournalParser.isASCII(value)
    }

    /// Whether all the bytes are below 0x80, looking at eight at a time.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return true }
        var bits: UInt64 = 0
        var i = 0
        while bytes.count - i >= 8 {
            bits |= base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < bytes.count {
            bits |= UInt64(bytes[i])
            i += 1
        }
        return bits & 0x8080_8080_8080_8080 == 0
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - 48
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - 87
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - 55
        default: return nil
        }
    }

    /// Why the escape at `i` is malformed, or nil when it is fine.
    static func checkEscape(_ b: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> String? {
        guard i + 1 < end else { return "backslash at the end of the text" }
        switch b[i + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "r"):
            return nil
        case UInt8(ascii: "u"):
            guard i + 2 < end, b[i + 2] == UInt8(ascii: "{") else { return "\\u must be followed by {HEX}" }
            var j = i + 3
            var v: UInt32 = 0
            while j < end, let h = hexValue(b[j]), j - (i + 3) < 6 { v = v << 4 | UInt32(h); j += 1 }
            guard j < end, b[j] == UInt8(ascii: "}"), j > i + 3 else { return "\\u{…} needs 1 to 6 hex digits and a closing brace" }
            guard Unicode.Scalar(v) != nil else { return "\\u{\(String(v, radix: 16, uppercase: true))} is not a Unicode scalar" }
            return nil
        default:
            return "unknown escape '\\\(String(decoding: [b[i + 1]], as: UTF8.self))'"
        }
    }

    /// The length in bytes of a well-formed escape starting at `i`.
    static func escapeLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        guard b[i + 1] == UInt8(ascii: "u") else { return 2 }
        var j = i + 3
        while b[j] != UInt8(ascii: "}") { j += 1 }
        return j - i + 1
    }

}
