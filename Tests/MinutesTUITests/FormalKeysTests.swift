import Testing
import MinutesCore
@testable import MinutesTUI

/// The keys of formal minutes in the app: `d` records a decision, `C` marks an item
/// confidential and unmarks it, and follow-ups show their due status as a symbol in colour.
@Suite struct FormalKeysTests {
    @Test func theDecisionKeyRecordsADecisionUnderThisMeeting() throws {
        let h = try AppHarness.sample()
        h.press(.char("d"))
        #expect(h.inputText == "")
        h.type("The directory goes online in September")
        h.press(.enter)
        let project = try #require(Select.currentProject(h.ui, h.context))
        let decisions = h.state.decisions(of: project.ref)
        #expect(decisions.map(\.text) == ["The directory goes online in September"])
        #expect(decisions.first?.meeting == Select.currentMeeting(h.ui, h.context))
        #expect(h.screen.contains("Decision:"))
    }

    @Test func theConfidentialKeyMarksTheSelectedItemAndUnmarksIt() throws {
        let h = try AppHarness.sample()
        h.press(.char("3"), .right, .right)
        let item = try #require(Select.selectedItem(h.ui, h.context))
        h.press(.char("C"))
        #expect(h.state.isConfidential(item.id))
        #expect(h.status.contains("Confidential"))
        #expect(h.screen.contains("[confidential]"))
        h.press(.char("C"))
        #expect(!h.state.isConfidential(item.id))
    }

    @Test func aFollowUpCarriedTwiceShowsItsDueStatusWithASymbol() throws {
        let h = try AppHarness.sample()
        h.press(.char("3"))
        #expect(h.screen.contains("▲"), "\(h.screen)")
    }

    @Test func theOutstandingTabShowsOnlyFollowUpsNeedingAttentionOnV() throws {
        let h = try AppHarness.sample()
        h.press(.char("0"))
        let all = OutstandingModel(h.ui, h.context).itemRows.count
        h.press(.char("v"))
        let model = OutstandingModel(h.ui, h.context)
        let shown = model.rows.compactMap { if case .item(let o) = $0 { return o.item } else { return nil } }
        #expect(!shown.isEmpty && model.itemRows.count < all)
        #expect(shown.allSatisfy { h.state.dueStatus($0, today: h.context.today) != .onTrack })
        h.press(.char("v"))
        #expect(OutstandingModel(h.ui, h.context).itemRows.count == all)
    }

    @Test func theNewKeysAreInTheHelp() {
        let help = KeyMap.standard.bindings.map(\.help)
        #expect(help.contains { $0.hasPrefix("Add a decision") })
        #expect(help.contains { $0.hasPrefix("Mark the selected item confidential") })
    }
}
