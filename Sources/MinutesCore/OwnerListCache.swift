/// Recently seen owner lists, so that follow-ups owned by the same people share one array.
///
/// A journal's follow-ups are owned by a few dozen people, mostly one or two at a time, yet
/// each parsed line brings its own `[Owner]` array (64 bytes with its header). Replay passes
/// each list through here: an equal list seen recently is returned instead, and the new one
/// is freed. At a million events that is about 12 MB less. A direct-mapped table keyed by
/// the owners' initials keeps this to a few compares, with no hashing of strings.
struct OwnerListCache: Sendable {
    private var slots: [[Owner]] = []
    private static let size = 512

    /// `owners`, or an equal list already held.
    mutating func shared(_ owners: [Owner]) -> [Owner] {
        guard !owners.isEmpty, owners.count <= 4 else { return owners }
        var key = 0
        for o in owners {
            guard case .initials(let s) = o, let c = InitialsSet.code(s) else { return owners }
            key = key &* 31 &+ c
        }
        if slots.isEmpty { slots = Array(repeating: [], count: Self.size) }
        let i = Int(UInt(bitPattern: key &* 0x9E37_79B9) % UInt(Self.size))
        if slots[i] == owners { return slots[i] }
        slots[i] = owners
        return owners
    }
}
