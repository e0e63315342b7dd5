import Testing
@testable import MinutesCore

/// The project-reference cache answers only for the reference it holds, and spreads
/// references over its slots (numbers of one slug included).
@Suite struct ProjectRefCacheTests {
    @Test func answersWhatWasStoredForThatReferenceOnly() {
        var cache = ProjectRefCache<Int>()
        let a = ProjectRef(group: "be-safe", number: 2), b = ProjectRef(group: "be-safe", number: 3)
        #expect(cache.value(for: a) == nil)
        cache.set(20, for: a)
        #expect(cache.value(for: a) == 20)
        #expect(cache.value(for: b) == nil)
        cache.set(30, for: b)
        cache.set(21, for: a)
        #expect(cache.value(for: a) == 21 && cache.value(for: b) == 30)
    }

    /// A reference whose slot another took is a miss, never the other's value.
    @Test func aCollisionIsAMissNotAWrongAnswer() {
        var cache = ProjectRefCache<Int>()
        let first = ProjectRef(group: "be-safe", number: 1)
        let slot = ProjectRefCache<Int>.slot(first)
        var other: ProjectRef?
        for n in 2...100_000 where ProjectRefCache<Int>.slot(ProjectRef(group: "be-safe", number: n)) == slot {
            other = ProjectRef(group: "be-safe", number: n)
            break
        }
        let rival = try! #require(other)
        cache.set(1, for: first)
        cache.set(2, for: rival)
        #expect(cache.value(for: first) == nil)
        #expect(cache.value(for: rival) == 2)
    }

    /// The slot depends on the number as well as the slug (an earlier hash used only the
    /// slug's bytes for the top bits, so all of a group's projects fought over one slot).
    @Test func referencesSpreadOverTheSlots() {
        let slots = Set((1...1_000).map { ProjectRefCache<Int>.slot(ProjectRef(group: "wg12-safe", number: $0)) })
        #expect(slots.count > 700)
        let slugs = Set((1...1_000).map { ProjectRefCache<Int>.slot(ProjectRef(group: "group-\($0)", number: 1)) })
        #expect(slugs.count > 700)
        let long = ProjectRef(group: String(repeating: "a", count: 40), number: 9)
        #expect((0..<4_096).contains(ProjectRefCache<Int>.slot(long)))
    }
}
