/// Recently read owner lists, so that follow-ups owned by the same people share one array.
///
/// A journal's follow-ups are owned by a few dozen people, mostly one or two at a time, yet
/// each line names its owners afresh, and an `[Owner]` costs 64 bytes with its header. The
/// parser passes each list through here: an equal list seen recently is returned instead
/// (for a single owner, before any array is made). At a million events that is about 12 MB
/// less, and one allocation fewer per follow-up. A direct-mapped table keyed by the owners'
/// initials keeps this to a few compares, with no hashing of strings. Arrays are values, so
/// a shared one is never changed in place.
struct OwnerListCache: Sendable {
    private var slots: [[Owner]] = []
    private static let size = 512

    private static func slot(_ key: Int) -> Int { Int(UInt(bitPattern: key &* 0x9E37_79B9) % UInt(size)) }

    /// `owners`, or an equal list already held.
    mutating func shared(_ owners: [Owner]) -> [Owner] {
        guard !owners.isEmpty, owners.count <= 4 else { return owners }
        var key = 0
        for o in owners {
            guard case .initials(let s) = o, let c = InitialsSet.code(s) else { return owners }
            key = key &* 31 &+ c
        }
        if slots.isEmpty { slots = Array(repeating: [], count: Self.size) }
        let i = Self.slot(key)
        if slots[i] == owners { return slots[i] }
        slots[i] = owners
        return owners
    }

    /// `[.initials(initials)]`, made only when no such list is held.
    mutating func single(_ initials: String) -> [Owner] {
        guard let c = InitialsSet.code(initials) else { return [.initials(initials)] }
        if slots.isEmpty { slots = Array(repeating: [], count: Self.size) }
        let i = Self.slot(c)
        if slots[i].count == 1, case .initials(let held) = slots[i][0], held == initials { return slots[i] }
        slots[i] = [.initials(initials)]
        return slots[i]
    }
}
