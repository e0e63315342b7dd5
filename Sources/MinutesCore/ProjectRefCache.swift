/// A small cache from project references to what was last found for them, indexed by a cheap
/// hash of the reference: FNV-1a over the slug's bytes, then the number.
///
/// Why: replay looks a project up for most events. Lines of many projects interleave in a
/// large journal, so remembering only the last project missed about one event in five
/// (replay of 100,000 events: 18,854 misses), and each miss hashed the reference with the
/// standard library's SipHash and probed the dictionary, about 440 instructions. Here a
/// lookup costs a short loop over a slug of a few bytes and one compare.
///
/// An entry is only ever a hint for the reference it holds: a lookup compares the reference.
/// `invalidate()` makes every entry stale at once (a version, not a sweep over the slots).
struct ProjectRefCache<Value> {
    private var slots: [Entry] = []
    private var version: UInt32 = 0

    struct Entry {
        var ref: ProjectRef
        var value: Value
        var version: UInt32
    }

    /// 4,096 slots: a county-wide journal names about a thousand projects.
    private static var slotBits: Int { 12 }

    static func slot(_ ref: ProjectRef) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        // Over the bytes in place (a slug is ASCII, mostly short enough to live inside the
        // string): stepping through `utf8` cost some 40 instructions a byte.
        if let fast = ref.group.utf8.withContiguousStorageIfAvailable({ bytes in
            var h = h
            for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            return h
        }) {
            h = fast
        } else {
            for b in ref.group.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        }
        // The number last, then a Fibonacci multiply so that it reaches the top bits, which
        // pick the slot (FNV's own multiply moves a low byte up by 40 bits at most).
        h = (h ^ UInt64(truncatingIfNeeded: ref.number)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h >> UInt64(64 - slotBits))
    }

    /// What was last stored for `ref`, unless invalidated since.
    func value(for ref: ProjectRef) -> Value? {
        guard !slots.isEmpty else { return nil }
        let e = slots[Self.slot(ref)]
        return e.version == version && e.ref == ref ? e.value : nil
    }

    mutating func set(_ value: Value, for ref: ProjectRef) {
        if slots.isEmpty {
            // Version 0 is never current once `version` starts at 1 below, so the filler
            // entries are stale from the start.
            version = 1
            slots = Array(repeating: Entry(ref: ref, value: value, version: 0), count: 1 << Self.slotBits)
        }
        slots[Self.slot(ref)] = Entry(ref: ref, value: value, version: version)
    }

    /// Makes every entry stale.
    mutating func invalidate() {
        guard !slots.isEmpty else { return }
        version &+= 1
        if version == 0 { slots = [] }  // after 4 billion: start afresh rather than wrap
    }
}

extension ProjectRefCache: Sendable where Value: Sendable {}
extension ProjectRefCache.Entry: Sendable where Value: Sendable {}
