import Testing
@testable import MinutesCore

/// The huge-page array behaves as an array: fixed size, copy-on-write, the same whether its
/// memory is mapped for huge pages (large) or taken from `malloc` (small).
@Suite struct HugePageArrayTests {
    /// Enough `UInt64`s to pass the mapping threshold.
    static let largeCount = HugePageArray<UInt64>.hugePageThreshold / 8 + 1

    @Test func aLargeArrayIsMappedAndASmallOneIsNot() {
        #expect(HugePageArray(repeating: UInt64(0), count: Self.largeCount).isMapped)
        #expect(!HugePageArray(repeating: UInt64(0), count: 1_000).isMapped)
        #expect(HugePageArray<UInt64>().isEmpty)
    }

    @Test(arguments: [1_000, largeCount])
    func holdsWhatIsWrittenAndStartsAsTheRepeatedValue(count: Int) {
        var a = HugePageArray(repeating: UInt64(7), count: count)
        #expect(a.count == count)
        #expect(a.first == 7 && a.last == 7)
        var rng = SeededGenerator(seed: 3)
        var written: [Int: UInt64] = [:]
        for _ in 0..<5_000 {
            let i = Int(rng.next() % UInt64(count)), v = rng.next()
            a[i] = v
            written[i] = v
        }
        for (i, v) in written { #expect(a[i] == v) }
        #expect(a.filter { $0 != 7 }.count == written.values.filter { $0 != 7 }.count)
    }

    @Test(arguments: [1_000, largeCount])
    func aCopyIsUnchangedByWritesToTheOriginal(count: Int) {
        var a = HugePageArray(repeating: UInt64(1), count: count)
        a[0] = 5
        let copy = a
        a[0] = 9
        a[count - 1] = 9
        #expect(copy[0] == 5 && copy[count - 1] == 1)
        #expect(a[0] == 9 && a[count - 1] == 9)
        #expect(copy.isMapped == a.isMapped)
    }

    /// A table sized for a large journal lives on the mapped path and still finds every id.
    @Test func aLargeTargetTableFindsEveryEntry() {
        var table = TargetTable()
        table.reserveCapacity(400_000)
        var rng = SeededGenerator(seed: 5)
        var ids: [EventID] = []
        for n in 0..<300_000 {
            let id = EventID.random(using: &rng)
            table[id] = .item(n)
            ids.append(id)
        }
        let copy = table
        table[ids[0]] = nil
        #expect(table.count == 299_999)
        #expect(copy.count == 300_000)
        #expect(table[ids[0]] == nil)
        #expect(copy.itemPosition(ids[0]) == 0)
        let misplaced = ids.enumerated().dropFirst().filter { n, id in table.itemPosition(id) != n }
        #expect(misplaced.isEmpty)
    }
}
