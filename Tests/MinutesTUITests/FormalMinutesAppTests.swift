import Foundation
import MinutesCore
import Testing
@testable import MinutesTUI

/// The formal minutes' entries typed in the app, as the command line records them: a
/// follow-up's due date read from its words, and an item of any other business.
@Suite("Formal minutes in the app")
struct FormalMinutesAppTests {
    @Test func aFollowUpTypedWithADateIsRecordedWithThatDueDate() throws {
        let h = try AppHarness.sample()
        h.press(.char("4"))
        h.press(.char("t"))
        h.type("PM to send the attendance figures by 30 June")
        h.press(.enter)
        let todo = try #require(h.newEvents.first)
        guard case .todo(_, let meeting, _, _) = todo else { Issue.record("no follow-up: \(h.newEvents)"); return }
        let id = try #require(h.selectedItem?.id)
        #expect(h.newEvents.count == 2, "\(h.newEvents)")
        #expect(h.newEvents.last == .due(ref: id, meeting: meeting, date: Day(year: 2009, month: 6, day: 30)!))
        #expect(h.state.dueDate(h.state.item(id)!) == Day(year: 2009, month: 6, day: 30)!)
    }

    @Test func aFollowUpWithoutADateHasNoDueEntry() throws {
        let h = try AppHarness.sample()
        h.press(.char("4"))
        h.press(.char("t"))
        h.type("PM to send the attendance figures by end of term")
        h.press(.enter)
        #expect(h.newEvents.count == 1, "\(h.newEvents)")
    }

    @Test func capitalBRecordsAnItemOfAnyOtherBusinessAtTheMeeting() throws {
        let h = try AppHarness.sample()
        h.press(.char("1"))
        h.press(.char("B"))
        h.type("The hall's heating will be off in August")
        h.press(.enter)
        #expect(h.newEvents == [.aob(group: "stay-safe", meeting: Day(year: 2009, month: 6, day: 25)!, text: "The hall's heating will be off in August")])
    }
}
