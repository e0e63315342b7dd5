import Testing
@testable import MinutesCore

/// The compact id → target table behaves like the dictionary it replaced.
@Suite struct TargetTableTests {
    static func randomTarget(_ rng: inout SeededGenerator) -> MinutesState.Target {
        let ref = ProjectRef(group: ["be-safe", "roads", "a-much-longer-group-slug"][Int(rng.next() % 3)], number: Int(rng.next() % 9) + 1)
        switch rng.next() % 11 {
        case 0: return .person
        case 1: return .group
        case 2: return .retract
        case 3: return .project(ref)
        case 4: return .meeting(group: ref.group, date: Day(ordinal: Int32(truncatingIfNeeded: rng.next() % 40_000) - 5_000))
        case 5: return .item(Int(rng.next() % (1 << 28)))
        case 6: return .change(item: Int(rng.next() % (1 << 28)))
        case 7: return .rating(ref)
        case 8: return .plan(.group(ref.group))
        case 9: return .plan(.project(ref))
        default: return .headline(ref)
        }
    }

    static func same(_ a: MinutesState.Target?, _ b: MinutesState.Target?) -> Bool {
        String(describing: a) == String(describing: b)
    }

    @Test func agreesWithADictionaryThroughInsertsReplacementsAndRemovals() {
        var rng = SeededGenerator(seed: 7)
        var table = TargetTable()
        var reference: [EventID: MinutesState.Target] = [:]
        var ids: [EventID] = []
        for step in 0..<20_000 {
            let r = rng.next() % 10
            if r < 6 || ids.isEmpty {
                // New ids, some sequential (hand-made journals), most random.
                let id = step % 5 == 0 ? EventID(value: UInt64(step)) : EventID.random(using: &rng)
                let t = TargetTableTests.randomTarget(&rng)
                table[id] = t
                reference[id] = t
                ids.append(id)
            } else if r < 8 {
                let id = ids[Int(rng.next() % UInt64(ids.count))]
                let t = TargetTableTests.randomTarget(&rng)
                table[id] = t
                reference[id] = t
            } else {
                let id = ids[Int(rng.next() % UInt64(ids.count))]
                table[id] = nil
                reference[id] = nil
            }
        }
        #expect(table.count == reference.count)
        for id in ids { #expect(TargetTableTests.same(table[id], reference[id])) }
        #expect(Set(table.keys) == Set(reference.keys))
        #expect(table[EventID(value: (1 << 60) - 1)] == nil || reference[EventID(value: (1 << 60) - 1)] != nil)
    }
}
