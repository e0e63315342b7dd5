import Foundation
import MinutesCore
import TestSupport
import Testing
@testable import MinutesTUI

/// The review's first step (issue 22): the minutes of the last meeting approved, approved with
/// amendments, or not yet, before the follow-ups carried into this one.
@Suite struct ApprovalReviewTests {
    static let june = Day(year: 2009, month: 6, day: 25)!

    @Test func theReviewAsksFirstAboutTheMinutesOfTheLastMeeting() throws {
        let h = try AppHarness.sample()
        h.openTodaysMeeting()
        h.press(.char("R"))
        #expect(h.ui.mode == .approval(meeting: Fixture.today, previous: Self.june))
        #expect(h.screen.contains("Minutes of the last meeting (25 June 2009):"))
        #expect(h.screen.contains("a approve"))
    }

    @Test func approveRecordsTheApprovalAtThisMeetingAndGoesOnToTheFollowUps() throws {
        let h = try AppHarness.sample()
        h.openTodaysMeeting()
        h.press(.char("R"), .char("a"))
        #expect(h.newEvents.dropFirst() == [.approve(group: "stay-safe", meeting: Self.june, at: Fixture.today, amendments: nil)])
        #expect(h.state.approval(of: "stay-safe", meeting: Self.june)?.at == Fixture.today)
        #expect(h.ui.mode == .review(meeting: Fixture.today, index: 0))
        #expect(h.screen.contains("Minutes of 25 June 2009: approved at the meeting of 17 September 2009."))
    }

    @Test func approveWithAmendmentsRecordsTheTypedText() throws {
        let h = try AppHarness.sample()
        h.openTodaysMeeting()
        h.press(.char("R"), .char("A"))
        #expect(h.inputPurpose == .approvalAmendments(meeting: Fixture.today, previous: Self.june))
        #expect(h.screen.contains("Minutes of the last meeting"), "the question stays in view while typing")
        h.press(.enter)
        #expect(h.status.contains("Type the amendments"), "an empty amendment is not an approval")
        #expect(h.newEvents.count == 1)
        h.type("Item 3: KP, not DD")
        h.press(.enter)
        #expect(h.newEvents.last == .approve(group: "stay-safe", meeting: Self.june, at: Fixture.today, amendments: "Item 3: KP, not DD"))
        #expect(h.ui.mode == .review(meeting: Fixture.today, index: 0))
    }

    @Test func escOnTheAmendmentsGoesBackToTheQuestionRecordingNothing() throws {
        let h = try AppHarness.sample()
        h.openTodaysMeeting()
        h.press(.char("R"), .char("A"), .escape)
        #expect(h.ui.mode == .approval(meeting: Fixture.today, previous: Self.june))
        #expect(h.newEvents.count == 1)
    }

    @Test func notYetRecordsNothingAndMovesOnToTheFollowUps() throws {
        for key in [Key.char("n"), .escape] {
            let h = try AppHarness.sample()
            h.openTodaysMeeting()
            h.press(.char("R"), key)
            #expect(h.newEvents.count == 1, "only the meeting opened")
            #expect(h.ui.mode == .review(meeting: Fixture.today, index: 0))
            #expect(h.screen.contains("0 of 9 reviewed · item 1 of 9"))
        }
    }

    @Test func minutesAlreadyApprovedSkipTheStep() throws {
        let h = try AppHarness.sample()
        h.openTodaysMeeting()
        h.press(.char("R"), .char("a"), .escape)
        #expect(h.ui.mode == .browse)
        h.press(.char("R"))
        #expect(h.ui.mode == .review(meeting: Fixture.today, index: 0))
        #expect(h.screen.contains("Minutes of 25 June 2009: approved at the meeting of 17 September 2009."))
    }

    @Test func helpFromTheQuestionComesBackToIt() throws {
        let h = try AppHarness.sample()
        h.openTodaysMeeting()
        h.press(.char("R"), .char("?"))
        #expect(h.ui.mode == .help)
        h.press(.escape)
        #expect(h.ui.mode == .approval(meeting: Fixture.today, previous: Self.june))
    }
}

/// The approval step driven in a real terminal, and the export read back with the CLI.
@Suite("Approving the last minutes in tmux", .serialized,
       .enabled(if: Tmux.isAvailable || Tmux.isCI, "tmux is not installed: the end-to-end tests are skipped (on CI they fail)"))
struct TmuxApprovalTests {
    @Test func approvingInTheReviewTakesDraftOffTheExportedMinutes() throws {
        let app = try TmuxTrustTests.LiveApp("approve")
        let exportArgs = [try MinutesBinary.path(), "export", "minutes", "stay-safe", "--meeting", "2009-05-14",
                          "--format", "txt", "-f", app.journal]
        let before = Subprocess.run(exportArgs, capture: true)
        #expect(before.status == 0)
        #expect(before.output.contains("DRAFT"), "not yet approved: \(before.output.prefix(300))")
        let t = app.tmux
        t.send("R")  // the latest meeting, 25 June: the minutes of 14 May come first
        try t.waitFor("Minutes of the last meeting (14 May 2009):")
        t.send("a")
        try t.waitFor("Minutes of 14 May 2009 approved.")
        #expect(try app.newEvents() == [.approve(group: "stay-safe", meeting: Day(year: 2009, month: 5, day: 14)!,
                                                 at: TmuxTrustTests.june, amendments: nil)])
        t.send("Escape")  // on to the follow-ups, then out of the review
        try t.waitFor("Review left")
        try app.quit()
        let after = Subprocess.run(exportArgs, capture: true)
        #expect(after.status == 0)
        #expect(!after.output.contains("DRAFT"), "\(after.output.prefix(300))")
        #expect(after.output.contains("Approved at the meeting of"))
    }
}
