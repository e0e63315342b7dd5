import Foundation
import MinutesCore
import Testing
@testable import MinutesTUI

/// Long random key sequences in every mode: the app never crashes, every frame keeps the
/// grid's invariants, and whatever it wrote reads back as a valid journal.
@Suite("Robustness")
struct RobustnessTests {
    static let keys: [Key] = {
        var k: [Key] = [.enter, .tab, .backTab, .escape, .backspace, .delete, .up, .down, .left, .right, .home, .end,
                        .pageUp, .pageDown, .ctrl("n"), .ctrl("p"), .ctrl("w"), .ctrl("u"), .ctrlLeft, .ctrlRight,
                        .paste("KP to paste\n\u{1B}[31m"), .unknown, .function(1), .char(" "), .char("é"), .char("日"), .char("👩‍💻")]
        for c in "abcdefghijklmnoprstuvwxyzADEFLPR0123456789+/[]!?,-" { k.append(.char(c)) }
        return k
    }()

    static let sizes: [(Int, Int)] = [(80, 24), (120, 40), (100, 30), (79, 24), (60, 20), (1, 1), (200, 60)]

    func run(seed: UInt64, path: String, steps: Int = 1500, expectWrites: Bool = false) throws {
        var rng = SplitMix64(seed: seed)  // seeded, so a failure can be replayed
        let h = try AppHarness(path: path)
        for step in 0..<steps {
            let roll = Int.random(in: 0..<100, using: &rng)
            if roll < 2 {
                let (w, ht) = Self.sizes.randomElement(using: &rng)!
                h.press(.resize(width: w, height: ht))
            } else {
                h.press(Self.keys.randomElement(using: &rng)!)
            }
            if step % 25 == 0 {
                let grid = h.grid
                CellGridTests.expectConsistent(grid)
                #expect(grid.width == h.ui.width && grid.height == h.ui.height)
            }
        }
        if expectWrites { #expect(!h.newLines.isEmpty, "seed \(seed): the keys should have written something") }
        // Whatever was written is a valid journal that replays to the state on screen.
        let reloaded = try JournalLoader.load(path: path)
        #expect(!reloaded.hasErrors, "seed \(seed): \(reloaded.diagnostics.filter(\.isError).map { $0.headline(file: "j") })")
        #expect(reloaded.state.eventCount == h.state.eventCount, "seed \(seed)")
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func randomKeysOnTheSample(seed: UInt64) throws {
        try run(seed: seed, path: Fixture.sampleCopy("random"), expectWrites: true)
    }

    @Test func randomKeysOnAnEmptyJournal() throws {
        try run(seed: 7, path: Fixture.journal("empty", text: Fixture.journalText([])), steps: 500)
    }

    @Test func randomKeysOnAGroupWithoutMeetingsOrProjects() throws {
        let text = Fixture.journalText([.group(slug: "new", name: "A New Group", lead: nil)])
        try run(seed: 8, path: Fixture.journal("bare", text: text), steps: 500)
    }

    @Test func randomKeysOnTwoGroups() throws {
        try run(seed: 9, path: Fixture.journal("two-groups", text: Fixture.twoGroupsText()))
    }

    @Test func emptyJournalSaysWhatToDo() throws {
        let h = try AppHarness(path: Fixture.journal("empty", text: Fixture.journalText([])))
        #expect(h.screen.contains("This journal has no working group yet."))
        h.press(.char("t"))
        #expect(h.ui.mode == .browse)
        #expect(h.newLines.isEmpty)
    }
}
