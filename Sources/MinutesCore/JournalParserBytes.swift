/// Byte-level checks of a line: well-formed UTF-8, a word at a time.
extension JournalParser {
    // MARK: - Bytes

    static func text(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[r.clamped(to: 0..<b.count)].prefix(40)), as: UTF8.self)
    }

    /// The 1-based column of byte offset `offset`, counting Unicode scalars.
    static func column(_ b: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int {
        var n = 1
        for i in 0..<min(offset, b.count) where b[i] & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// The offset of the first byte that is not part of well-formed UTF-8, or nil. When it
    /// returns nil, `firstHigh` and `lastHigh` are the offsets of the first and last bytes of
    /// 0x80 or above (left alone when there are none; when it returns an offset, they are
    /// not set). Loads are unaligned words through the raw pointer, none reaching past `end`.
    static func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>, end: Int,
                                 firstHigh: inout Int, lastHigh: inout Int) -> Int? {
        guard let p = UnsafeRawPointer(b.baseAddress) else { return nil }
        var i = firstHighByte(p, end: end)
        if i == end { return nil }
        let first = i
        // Just past the last sequence, once no byte of 0x80 or above follows it.
        var last = end
        let limit = end &- 8
        checking: do {
            // Eight bytes at `i` while there are eight: a sequence starting at `i` is checked
            // in that word, and when the byte at `i` is ASCII (so a sequence ended just before
            // it), the word says where the next byte of 0x80 or above is, if within it: the
            // space between words in other scripts, or a letter or two between accented ones.
            while i <= limit {
                let w = word(p, at: i)
                if w & 0x80 == 0 {
                    let h = w & highBits
                    if h != 0 { i &+= h.trailingZeroBitCount &>> 3; continue }
                    let gap = i
                    i = nextHighByte(p, from: i &+ 8, end: end)
                    if i == end { last = gap; break checking }
                    continue
                }
                let n = wellFormedLength(w)
                if n == 0 { return i }
                i &+= n
            }
            // The last few bytes, the same way with a word that has zeros after `end`.
            while i < end {
                let w = tailWord(p, at: i, end: end)
                if w & 0x80 == 0 {
                    let h = w & highBits
                    if h == 0 { last = i; break checking }
                    i &+= h.trailingZeroBitCount &>> 3
                    continue
                }
                let n = wellFormedLength(w)
                if n == 0 { return i }
                i &+= n
            }
        }
        if firstHigh < 0 { firstHigh = first }
        lastHigh = last &- 1
        return nil
    }

    /// The eight bytes at `i`, the first in the low bits (as loaded on a little-endian
    /// machine, and swapped into that order on another).
    @inline(__always)
    static func word(_ p: UnsafeRawPointer, at i: Int) -> UInt64 {
        UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self))
    }

    /// The high bit of each byte of a word.
    static var highBits: UInt64 { 0x8080_8080_8080_8080 }

    /// How many bytes at the start of `w` (its low byte first, a byte of 0x80 or above) are
    /// well-formed UTF-8 sequences, checked together: one sequence, or four two-byte ones,
    /// or two three-byte ones (dense Greek, Cyrillic and Arabic; CJK, Hangul and Gujarati);
    /// 0 when the first sequence is not well-formed. A byte of `w` past the end of the text
    /// must be zero: zero is neither a lead nor a continuation byte, so a sequence cut short
    /// by the end fails as one cut short by an ASCII byte does.
    @inline(__always)
    static func wellFormedLength(_ w: UInt64) -> Int {
        let c = w & 0xFF
        if c &- 0xC2 < 0x1E {
            // C2...DF, then a continuation byte (10xxxxxx). Four at once: in each 16-bit lane
            // a lead 110xxxxx and a continuation, and the lead not C0 or C1 (an overlong
            // ASCII), that is its bits 0x1E not all zero: adding 0x7FFE to them (at most
            // 0x1E, so nothing carries into the next lane) sets the lane's top bit just then.
            if w & 0xC0E0_C0E0_C0E0_C0E0 == 0x80C0_80C0_80C0_80C0,
               ((w & 0x001E_001E_001E_001E) &+ 0x7FFE_7FFE_7FFE_7FFE) & 0x8000_8000_8000_8000
                   == 0x8000_8000_8000_8000 {
                return 8
            }
            return w & 0xC000 == 0x8000 ? 2 : 0
        }
        if c & 0xF0 == 0xE0 {
            // E0...EF and two continuation bytes. The lead's low four bits and the second
            // byte's 0x20 are bits 15...11 of the scalar: 0 would be an overlong (below
            // U+0800) and 0x1B a surrogate (U+D800...DFFF), the two forms Unicode excludes
            // (E0 80...9F and ED A0...BF); every other value is allowed, a bit of the mask.
            let allowed: UInt64 = 0xF7FF_FFFE
            let top = (c & 0x0F) &<< 1 | (w &>> 13) & 1
            guard w & 0xC0_C000 == 0x80_8000, allowed &>> top & 1 != 0 else { return 0 }
            // The next three bytes the same way.
            if w & 0xC0C0_F000_0000 == 0x8080_E000_0000 {
                let next = (w &>> 24 & 0x0F) &<< 1 | (w &>> 37) & 1
                if allowed &>> next & 1 != 0 { return 6 }
            }
            return 3
        }
        if c &- 0xF0 < 5 {
            // F0...F4 and three continuation bytes. The lead's low three bits and the second
            // byte's 0x30 are bits 20...16 of the scalar, which must be 1...16: 0 would be an
            // overlong (F0 80...8F), 17 or more above U+10FFFF (F4 90...BF).
            let plane = (c & 0x07) &<< 2 | (w &>> 12) & 3
            guard w & 0xC0C0_C000 == 0x8080_8000, plane &- 1 < 16 else { return 0 }
            return 4
        }
        // A continuation byte, C0, C1 or F5...FF.
        return 0
    }

    /// The bytes `i..<end`, fewer than eight, as the low bytes of a word whose others are
    /// zero. With eight bytes or more on the line it is the word ending at `end` shifted
    /// right, so nothing before the line or past `end` is read.
    @inline(__always)
    static func tailWord(_ p: UnsafeRawPointer, at i: Int, end: Int) -> UInt64 {
        if end >= 8 {
            let before = UInt64(truncatingIfNeeded: i &- (end &- 8))
            return word(p, at: end &- 8) &>> (before &* 8)
        }
        var w: UInt64 = 0
        var k = end
        while k > i {
            k &-= 1
            w = w &<< 8 | UInt64(p.load(fromByteOffset: k, as: UInt8.self))
        }
        return w
    }

    /// The offset of the first byte of 0x80 or above in `0..<end`, or `end`. A line starts
    /// with 60 bytes or more of ASCII (timestamp, id, kind, project), and many are ASCII
    /// throughout: 32 bytes at a time, and the last 32 bytes of the line as a block of
    /// their own, overlapping the one before: its bytes before `i` were seen to be ASCII,
    /// so seeing them again changes nothing, and no load needs a bound of its own.
    @inline(__always)
    static func firstHighByte(_ p: UnsafeRawPointer, end: Int) -> Int {
        if end < 32 { return nextHighByte(p, from: 0, end: end) }
        let lastBlock = end &- 32
        var i = 0
        while i < lastBlock {
            if let k = highByteInBlock(p, at: i) { return i &+ k }
            i &+= 32
        }
        if let k = highByteInBlock(p, at: lastBlock) { return lastBlock &+ k }
        return end
    }

    /// The offset in the 32 bytes at `i` of the first of 0x80 or above, or nil: the block
    /// tested whole, then searched a word at a time when it has one. The search loads its
    /// words again: when it used the test's four words, the compiler kept them in four
    /// registers and the test took more instructions than with two 16-byte vector loads.
    @inline(__always)
    static func highByteInBlock(_ p: UnsafeRawPointer, at i: Int) -> Int? {
        let v = p.loadUnaligned(fromByteOffset: i, as: SIMD2<UInt64>.self)
            | p.loadUnaligned(fromByteOffset: i &+ 16, as: SIMD2<UInt64>.self)
        if (v[0] | v[1]) & highBits == 0 { return nil }
        var k = 0
        while true {
            let h = word(p, at: i &+ k) & highBits
            if h != 0 { return k &+ h.trailingZeroBitCount &>> 3 }
            k &+= 8
        }
    }

    /// The offset of the first byte of 0x80 or above in `start..<end`, or `end`: 32 bytes
    /// at a time, then 8, then the last few through `tailWord`.
    @inline(__always)
    static func nextHighByte(_ p: UnsafeRawPointer, from start: Int, end: Int) -> Int {
        var i = start
        while end &- i >= 32, (p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                               | p.loadUnaligned(fromByteOffset: i &+ 8, as: UInt64.self)
                               | p.loadUnaligned(fromByteOffset: i &+ 16, as: UInt64.self)
                               | p.loadUnaligned(fromByteOffset: i &+ 24, as: UInt64.self)) & highBits == 0 {
            i &+= 32
        }
        while end &- i >= 8 {
            let h = word(p, at: i) & highBits
            if h != 0 { return i &+ h.trailingZeroBitCount &>> 3 }
            i &+= 8
        }
        guard i < end else { return end }
        let h = tailWord(p, at: i, end: end) & highBits
        return h == 0 ? end : i &+ h.trailingZeroBitCount &>> 3
    }
}


/// Words looked up by their bytes with one multiply, one table load and one compare: a word
/// of at most 8 lower-case letters is packed into a `UInt64`, and a multiplier chosen when
/// the table is made sends each word to its own slot (a perfect hash). Keys and kinds are
/// looked up for every field of every line, so this costs no allocation, no hashing of
/// arrays and no search.
struct Keywords<Value: Sendable>: Sendable {
    private typealias Slot = (word: UInt64, length: Int, value: Value)
    /// 256 slots: with the four dozen field keys of format 2, 128 slots made a collision-free
    /// multiplier a search of thousands of tries at start-up (28 million instructions).
    private static var slotBits: UInt64 { 8 }
    private var slots: [Slot?]
    private var multiplier: UInt64

    /// Words of 1 to 8 lower-case ASCII letters, all different.
    init(_ words: [(String, Value)]) {
        // Odd multipliers from a fixed sequence until one puts every word in a slot of its
        // own; with 256 slots for a few dozen words that takes some tens of tries.
        let packed: [(word: UInt64, length: Int, value: Value)] = words.map { word, value in
            let bytes = Array(word.utf8)
            precondition((1...8).contains(bytes.count), "keywords are 1 to 8 bytes")
            return (bytes.withUnsafeBufferPointer { JournalParser.pack($0, 0..<$0.count) }, bytes.count, value)
        }
        var m: UInt64 = 0x9E37_79B9_7F4A_7C15
        while true {
            var slots = [Slot?](repeating: nil, count: 1 << Keywords.slotBits)
            var collided = false
            for (w, length, value) in packed {
                let s = Keywords.slot(w, m)
                if slots[s] != nil { collided = true; break }
                slots[s] = (w, length, value)
            }
            if !collided {
                self.slots = slots
                self.multiplier = m
                return
            }
            m = (m &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407) | 1
        }
    }

    @inline(__always)
    private static func slot(_ w: UInt64, _ m: UInt64) -> Int {
        Int(truncatingIfNeeded: (w &* m) >> (64 - slotBits))
    }

    @inline(__always)
    func find(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Value? {
        guard r.count >= 1, r.count <= 8 else { return nil }
        let w = JournalParser.pack(b, r)
        guard let s = slots[Keywords.slot(w, multiplier)], s.word == w, s.length == r.count else { return nil }
        return s.value
    }
}
