import Foundation
import MinutesCore
import Testing
@testable import MinutesTUI
import TestSupport

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

/// Issue 22's keys driven in a real terminal: a decision (`d`), a follow-up with a date
/// (`t … by 30 June`), a confidential mark (`C`) and any other business (`B`); then the minutes
/// exported with the CLI read as formal minutes.
@Suite("Formal minutes keys in tmux", .serialized,
       .enabled(if: Tmux.isAvailable || Tmux.isCI, "tmux is not installed: the end-to-end tests are skipped (on CI they fail)"))
struct TmuxFormalKeysTests {
    @Test func decisionDueDateConfidentialAndOtherBusinessReachTheMinutes() throws {
        let app = try TmuxTrustTests.LiveApp("formal-keys")
        let t = app.tmux
        t.send("4")
        t.send("d")
        try t.waitFor("Decision")
        try t.type("One attendance letter for every school")
        t.send("Enter")
        try t.waitFor("Decision recorded under 25 June 2009.")
        t.send("t")
        try t.waitFor("Follow-up")
        try t.type("PM to send the attendance figures by 30 June")
        t.send("Enter")
        try t.waitFor("Due 30 June 2009.")
        t.send("C")
        try t.waitFor("confidential")
        t.send("B")
        try t.waitFor("Any other business")
        try t.type("The hall's heating will be off in August")
        t.send("Enter")
        try t.waitFor("Any other business recorded under 25 June 2009.")
        try app.quit()
        let minutes = Subprocess.run([try MinutesBinary.path(), "export", "minutes", "stay-safe", "--meeting", "2009-06-25",
                                      "--format", "txt", "-f", app.journal], capture: true)
        #expect(minutes.status == 0)
        #expect(minutes.output.contains("Decision:") && minutes.output.contains("One attendance letter for every school"))
        #expect(minutes.output.contains("The hall's heating will be off in August"))
        // The follow-up was marked confidential: withheld from the circulated copy, and counted.
        #expect(!minutes.output.contains("send the attendance figures"))
        #expect(minutes.output.contains("1 confidential item was withheld"))
        let due = Subprocess.run([try MinutesBinary.path(), "todo", "--group", "stay-safe", "-f", app.journal], capture: true)
        #expect(due.output.contains("send the attendance figures") && due.output.contains("30 June"), "\(due.output)")
    }
}
