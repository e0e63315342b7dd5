/// What each applied event id refers to (`MinutesState.targets`), stored compactly: one
/// 12-byte slot per event, the id in two 32-bit halves and its target packed into a third.
///
/// Why not `[EventID: Target]`: the table holds one entry for every event in the journal, so
/// it is the largest structure after the items. A dictionary slot there took 40 bytes (a
/// `Target` carries a `ProjectRef` or a group slug inline) and every lookup ran SipHash; a
/// slot here takes 12, and a lookup mixes the id's bits with a few multiplications (ids are
/// random, the mixing only guards against hand-made ids that follow a pattern). Project
/// references, slugs and meetings, which few targets carry, are stored once each and named
/// by index, so that every target fits in 32 bits.
///
/// Open addressing with linear probing, at most 3/4 full; removal shifts later entries back,
/// so there are no tombstones.
struct TargetTable: Sendable {
    /// An id split in halves (a 64-bit field would pad the slot to 16 bytes) and its target.
    private struct Slot: Sendable {
        var keyLow: UInt32
        var keyHigh: UInt32
        var value: UInt32

        var key: UInt64 { UInt64(keyHigh) << 32 | UInt64(keyLow) }
        init(key: UInt64, value: UInt32) {
            keyLow = UInt32(truncatingIfNeeded: key)
            keyHigh = UInt32(truncatingIfNeeded: key >> 32)
            self.value = value
        }
    }

    /// A high half no id has (ids are 60 bits), marking an empty slot.
    private static let emptyHigh = UInt32.max
    private static let emptySlot = Slot(key: UInt64(emptyHigh) << 32, value: 0)

    /// On huge pages when large (see `HugePageArray`): every event is a lookup at a random place.
    private var slots = HugePageArray<Slot>()
    private(set) var count = 0
    private var refs: [ProjectRef] = []
    private var refIndex: [ProjectRef: UInt64] = [:]
    /// `refIndex` for recently used references (never stale: `refs` only grows).
    private var refPlaces = ProjectRefCache<UInt64>()
    private var slugs: [String] = []
    private var slugIndex: [String: UInt64] = [:]
    /// Meetings named by `meeting` targets: a slug's index and the day, one per event.
    private var meetings: [(slug: UInt32, day: Day)] = []

    init() {}

    /// Makes room for `count` entries at once, so that a replay whose size is known from the
    /// file does not rehash the table each time it fills (and never holds two copies of it).
    mutating func reserveCapacity(_ count: Int) {
        var size = max(64, slots.count)
        while count * 4 > size * 3 { size *= 2 }
        guard size > slots.count else { return }
        let old = slots
        slots = HugePageArray(repeating: TargetTable.emptySlot, count: size)
        self.count = 0
        for s in old where s.keyHigh != TargetTable.emptyHigh { insert(s.key, s.value) }
    }

    subscript(id: EventID) -> MinutesState.Target? {
        get {
            guard let i = find(id.value) else { return nil }
            return decode(slots[i].value)
        }
        set {
            if let newValue {
                insert(id.value, encode(newValue))
            } else if let i = find(id.value) {
                remove(at: i)
            }
        }
    }

    /// Reads the slot where `id` would be found, and nothing else: called for a batch of ids
    /// before they are looked up one by one, so that the batch's cache misses overlap instead
    /// of each stalling in turn (ids are random; at a million events this table is 25 MB).
    /// Returns a value only so that the read is not optimised away.
    @inline(__always)
    func touch(_ id: EventID) -> UInt32 {
        guard !slots.isEmpty else { return 0 }
        return slots[TargetTable.home(id.value, mask: slots.count - 1)].keyLow
    }

    /// The item position `id` names when it is an item (the `.item` case of `subscript`,
    /// without building a `Target`).
    @inline(__always)
    func itemPosition(_ id: EventID) -> Int? {
        guard let i = find(id.value) else { return nil }
        let v = slots[i].value
        return v >> 28 == 5 ? Int(v & TargetTable.payloadMask) : nil
    }

    /// The ids in the table, in no particular order.
    var keys: [EventID] {
        slots.compactMap { $0.keyHigh == TargetTable.emptyHigh ? nil : EventID(value: $0.key) }
    }

    // MARK: - Slots

    @inline(__always)
    private static func home(_ key: UInt64, mask: Int) -> Int {
        var x = key
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        return Int(truncatingIfNeeded: x) & mask
    }

    private func find(_ key: UInt64) -> Int? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var i = TargetTable.home(key, mask: mask)
        let low = UInt32(truncatingIfNeeded: key), high = UInt32(truncatingIfNeeded: key >> 32)
        while true {
            let s = slots[i]
            if s.keyLow == low && s.keyHigh == high { return i }
            if s.keyHigh == TargetTable.emptyHigh { return nil }
            i = (i + 1) & mask
        }
    }

    private mutating func insert(_ key: UInt64, _ value: UInt32) {
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let mask = slots.count - 1
        var i = TargetTable.home(key, mask: mask)
        while slots[i].keyHigh != TargetTable.emptyHigh {
            if slots[i].key == key {
                slots[i].value = value
                return
            }
            i = (i + 1) & mask
        }
        slots[i] = Slot(key: key, value: value)
        count += 1
    }

    /// Backward-shift deletion: moves later entries of the same run into the gap.
    private mutating func remove(at index: Int) {
        let mask = slots.count - 1
        var gap = index
        var i = (index + 1) & mask
        while slots[i].keyHigh != TargetTable.emptyHigh {
            let home = TargetTable.home(slots[i].key, mask: mask)
            // Move the entry back when its home does not lie cyclically in (gap, i].
            if (i - home) & mask >= (i - gap) & mask {
                slots[gap] = slots[i]
                gap = i
            }
            i = (i + 1) & mask
        }
        slots[gap] = TargetTable.emptySlot
        count -= 1
    }

    private mutating func grow() {
        reserveCapacity(max(48, slots.count * 3 / 2))
    }

    // MARK: - Packing targets into 32 bits: a 4-bit kind, then 28 bits of payload

    private static let payloadMask: UInt32 = (1 << 28) - 1

    private mutating func index(of ref: ProjectRef) -> UInt64 {
        // Every rating's target names its project: `refPlaces` saves hashing the reference.
        if let i = refPlaces.value(for: ref) { return i }
        if let i = refIndex[ref] {
            refPlaces.set(i, for: ref)
            return i
        }
        let i = UInt64(refs.count)
        refs.append(ref)
        refIndex[ref] = i
        refPlaces.set(i, for: ref)
        return i
    }

    private mutating func index(of slug: String) -> UInt64 {
        if let i = slugIndex[slug] { return i }
        let i = UInt64(slugs.count)
        slugs.append(slug)
        slugIndex[slug] = i
        return i
    }

    private mutating func encode(_ t: MinutesState.Target) -> UInt32 {
        func pack(_ kind: UInt32, _ payload: UInt64) -> UInt32 {
            precondition(payload <= UInt64(TargetTable.payloadMask), "more than 2^28 targets of one kind")
            return kind << 28 | UInt32(payload)
        }
        switch t {
        case .person: return pack(0, 0)
        case .group: return pack(1, 0)
        case .retract: return pack(2, 0)
        case .project(let r): return pack(3, index(of: r))
        case .meeting(let g, let d):
            meetings.append((UInt32(index(of: g)), d))
            return pack(4, UInt64(meetings.count - 1))
        case .item(let position): return pack(5, UInt64(position))
        case .change(let position): return pack(6, UInt64(position))
        case .rating(let r): return pack(7, index(of: r))
        case .plan(.group(let g)): return pack(8, index(of: g))
        case .plan(.project(let r)): return pack(9, index(of: r))
        case .headline(let r): return pack(10, index(of: r))
        case .actionPlan(let position): return pack(11, UInt64(position))
        case .plan(.action): preconditionFailure("an action's plan is kept as .actionPlan(item:)")
        case .mark(let position): return pack(14, UInt64(position))
        case .otherBusiness(let g): return pack(12, index(of: g))
        case .approval(let g): return pack(13, index(of: g))
        }
    }

    private func decode(_ v: UInt32) -> MinutesState.Target {
        let p = v & TargetTable.payloadMask
        switch v >> 28 {
        case 0: return .person
        case 1: return .group
        case 2: return .retract
        case 3: return .project(refs[Int(p)])
        case 4:
            let m = meetings[Int(p)]
            return .meeting(group: slugs[Int(m.slug)], date: m.day)
        case 5: return .item(Int(p))
        case 6: return .change(item: Int(p))
        case 7: return .rating(refs[Int(p)])
        case 8: return .plan(.group(slugs[Int(p)]))
        case 9: return .plan(.project(refs[Int(p)]))
        case 10: return .headline(refs[Int(p)])
        case 11: return .actionPlan(item: Int(p))
        case 12: return .otherBusiness(group: slugs[Int(p)])
        case 13: return .approval(group: slugs[Int(p)])
        default: return .mark(item: Int(p))
        }
    }
}
