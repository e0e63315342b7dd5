/// The follow-ups of one group that are open, as positions in the state's item storage, so
/// that listing what is outstanding reads those and not every follow-up ever raised (at a
/// million events, 2 000 open among 190 000).
///
/// Kept cheaply while replaying: raising a follow-up appends its position; closing one only
/// counts it, and the closed positions are dropped in one pass once they outnumber the open
/// ones, so each costs O(1) amortised and no hashing. Readers filter by the item's state, so
/// a closed position still listed is never shown. Invariant: every open follow-up of the
/// group is listed exactly once.
struct OpenFollowUpList: Sendable {
    /// Positions in raise order (a reopened one goes at the end); some may be closed.
    private(set) var positions: [Int32] = []
    /// How many of `positions` are open.
    private(set) var openCount = 0

    /// A follow-up was raised.
    mutating func opened(_ position: Int) {
        positions.append(Int32(position))
        openCount += 1
    }

    /// A listed follow-up was closed; true when the list should now be compacted.
    mutating func closed() -> Bool {
        openCount -= 1
        return positions.count > 32 && positions.count > 2 * openCount
    }

    /// Keeps only the positions still open.
    mutating func compact(isOpen: (Int) -> Bool) {
        positions.removeAll { !isOpen(Int($0)) }
        openCount = positions.count
    }

    /// A closed follow-up was opened again: listed once more unless it still is.
    mutating func reopened(_ position: Int, isOpen: (Int) -> Bool) {
        compact(isOpen: isOpen)  // its old entry, if any, survives (it is open now)
        if !positions.contains(Int32(position)) { positions.append(Int32(position)) }
        openCount = positions.count
    }
}
