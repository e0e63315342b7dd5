/// A small cache from project references to what was last found for them, indexed by a cheap
/// hash of the reference: FNV-1a over the slug's bytes, then the number.
///
/// Why: replay looks a project up for most events. Lines of many projects interleave in a
/// large journal, so remembering only the last project missed often, and each miss hashed the
/// reference with the standard library's SipHash and probed the dictionary. Here a lookup
/// costs a short loop over a slug of a few bytes and one compare (docs/performance.md).
///
/// An entry is only ever a hint for the reference it holds: a lookup compares the reference.
/// Nothing is ever made stale: both users store what cannot change for a reference (a
/// project's position in `ProjectTable`, a reference's index in `TargetTable`).
struct ProjectRefCache<Value> {
    /// Empty until the first `set`; then every slot, each nil until set.
    private var slots: [Entry?] = []

    struct Entry {
        var ref: ProjectRef
        var value: Value
    }

    /// 4,096 slots: a county-wide journal names about a thousand projects.
    private static var slotBits: Int { 12 }

    static func slot(_ ref: ProjectRef) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        // Over the bytes in place (a slug is ASCII, mostly short enough to live inside the
        // string): stepping through `utf8` costs far more a byte.
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

    /// What was last stored for `ref`.
    func value(for ref: ProjectRef) -> Value? {
        guard !slots.isEmpty, let e = slots[Self.slot(ref)], e.ref == ref else { return nil }
        return e.value
    }

    mutating func set(_ value: Value, for ref: ProjectRef) {
        if slots.isEmpty { slots = Array(repeating: nil, count: 1 << Self.slotBits) }
        slots[Self.slot(ref)] = Entry(ref: ref, value: value)
    }
}

extension ProjectRefCache: Sendable where Value: Sendable {}
extension ProjectRefCache.Entry: Sendable where Value: Sendable {}
