import Foundation
import MinutesCore
import Testing
@testable import MinutesTUI

/// Issue 4's meeting workflow on the same screens: opening a meeting, the review pass, the
/// Outstanding tab, ratings, plans, looking back, history and exports.
@Suite("Meeting workflow")
struct MeetingWorkflowTests {
    static func ref(_ n: Int) -> ProjectRef { ProjectRef(group: "stay-safe", number: n) }

    // MARK: - Opening a meeting

    @Test func meetingOpensWithTodayAndTheAnswersGiven() throws {
        let h = try AppHarness.sample()
        h.press(.char("m"))
        #expect(h.inputText == "2009-09-17", "the date defaults to today")
        h.press(.enter)
        #expect(h.screen.contains("Present (initials) ›"))
        h.type("RO, jb at and zn")
        h.press(.enter)
        h.type("m")
        h.press(.tab)
        #expect(h.inputText == "MH", "apologies complete initials")
        h.type(", PCSOs")
        h.press(.enter)
        h.type("ro")
        h.press(.enter)
        h.type("ZN")
        h.press(.enter)
        #expect(h.screen.contains("Next meeting date ›"))
        h.type("2009-11-12")
        h.press(.enter)
        let fields = MeetingFields(group: "stay-safe", date: Fixture.today, present: ["RO", "JB", "AT", "ZN"],
                                   apologies: ["MH", "PCSOs"], chair: "RO", minuteTaker: "ZN",
                                   next: Day(year: 2009, month: 11, day: 12))
        #expect(h.newEvents == [.meeting(fields)])
        #expect(h.ui.meeting == Fixture.today)
        #expect(h.grid.text(row: 0).contains("meeting 17 September 2009"))
        #expect(h.status.contains("Meeting of 17 September 2009 opened; 9 carried follow-ups: R reviews them."))
    }

    @Test func namesCompletedOnThePresentLineAreRecordedByInitials() throws {
        let h = try AppHarness.sample()
        h.press(.char("m"), .enter)
        h.type("Mar")
        h.press(.tab)
        #expect(h.inputText == "Marta Horvath")
        h.type(", Dev Nair and Youth Service")
        h.press(.enter, .enter, .enter, .enter, .enter)
        guard case .meeting(let fields)? = h.newEvents.first else {
            Issue.record("no meeting recorded: \(h.newEvents)")
            return
        }
        #expect(fields.present == ["MH", "DN", "Youth Service"])
    }

    @Test func aBadDateIsRefusedAndTheQuestionStays() throws {
        let h = try AppHarness.sample()
        h.press(.char("m"), .ctrl("u"))
        h.type("17/19/2009")
        h.press(.enter)
        #expect(h.status.contains("is not a date"))
        #expect(h.screen.contains("Meeting date › 17/19/2009"))
        h.press(.escape)
        #expect(h.newLines.isEmpty)
        #expect(h.ui.mode == .browse)
    }

    @Test func openingExistingMeetingDateContinuesIt() throws {
        let h = try AppHarness.sample()
        h.press(.char("m"), .ctrl("u"))
        h.type("2009-05-14")
        h.press(.enter)
        #expect(h.newLines.isEmpty, "no second meeting is recorded")
        #expect(h.ui.mode == .browse)
        #expect(h.ui.meeting == Fixture.may)
        #expect(h.grid.text(row: 0).contains("meeting 14 May 2009"))
        #expect(h.status.contains("Continuing the meeting of 14 May 2009; 4 carried follow-ups: R reviews them."))
        h.press(.char("4"), .char("t"))
        h.type("PM to send the figures to the council")
        h.press(.enter)
        #expect(h.newEvents == [.todo(Self.ref(4), meeting: Fixture.may, owners: [.initials("PM")],
                                      text: "send the figures to the council")])
        // The meeting carries on after a restart: typing its date again continues it again.
        let again = try AppHarness(path: h.path)
        again.press(.char("m"), .ctrl("u"))
        again.type("2009-05-14")
        again.press(.enter)
        #expect(again.newLines.isEmpty)
        #expect(again.ui.meeting == Fixture.may)
    }

    @Test func carriedFollowUpsShowHowOftenAndFromWhen() throws {
        let h = try AppHarness.sample(width: 120, height: 40)
        h.openTodaysMeeting()
        h.press(.char("4"))
        let screen = h.screen
        #expect(screen.contains("mosque committee ↻3 · from 12 March"), "IH's, raised in March")
        #expect(screen.contains("meeting ↻2 · from 14 May"), "the schools', raised in May")
        #expect(screen.contains("for the next meeting ↻1 · from 25"), "PM's, raised in June")
    }

    @Test func followUpsCarriedTwiceOrMoreAreOverdueEverywhere() throws {
        let h = try AppHarness.sample(width: 120, height: 40)
        h.press(.char("4"), .down, .left)  // IH's follow-up drawn unselected
        let shown1 = h.grid.shows("↻2", in: Theme.overdue)
        #expect(shown1, "in the panel")
        let once = h.grid.styles(of: "↻1")
        #expect(!once.isEmpty && once.allSatisfy { $0 == Theme.carried }, "carried once is not overdue")
        h.goToOutstanding()
        let outstanding = h.grid
        let marks = outstanding.find("↻2")
        #expect(marks.count == 3)
        let allOverdue = marks.allSatisfy { outstanding.cell(x: $0.x, y: $0.y)?.style.role == .danger || outstanding.cell(x: $0.x, y: $0.y)?.style.reverse == true }
        #expect(allOverdue, "in the Outstanding tab")
        h.press(.tab)
        h.openTodaysMeeting()
        h.press(.char("R"), .char("n"), .char("s"))  // project 3: JB's, raised in March
        #expect(h.screen.contains("JB to ask the transport police for a named contact ↻3"))
        let shown2 = h.grid.shows("↻3", in: Theme.overdue)
        #expect(shown2, "in the review pass")
        let shown3 = h.grid.shows("carried 3 times.", in: Theme.overdue)
        #expect(shown3)
    }

    // MARK: - The review pass

    @Test func reviewDoneRecordsOutcomeAndProgressNote() throws {
        let h = try AppHarness.sample()
        h.openTodaysMeeting()
        h.press(.char("R"), .char("n"))
        #expect(h.ui.mode == .review(meeting: Fixture.today, index: 0))
        #expect(h.screen.contains("0 of 9 reviewed · item 1 of 9"))
        let item = try #require(h.state.followUp(containing: "add the missing details"))
        #expect(h.screen.contains("RO to add the missing details"))
        h.press(.char("d"))
        #expect(h.inputPurpose == .reviewOutcome(item.id))
        #expect(h.screen.contains("Review of the follow-ups"), "the item stays in view while typing")
        h.type("List e-mailed to all 40 organisations")
        h.press(.enter)
        #expect(h.newEvents.dropFirst() == [
            .done(ref: item.id, meeting: Fixture.today, outcome: "List e-mailed to all 40 organisations"),
            .note(Self.ref(2), meeting: Fixture.today, text: "List e-mailed to all 40 organisations"),
        ])
        #expect(h.ui.mode == .review(meeting: Fixture.today, index: 1), "on to the next item")
        #expect(h.screen.contains("1 of 9 reviewed · item 2 of 9"))
        h.press(.escape, .char("2"), .left)
        #expect(h.selectedItem?.text == "List e-mailed to all 40 organisations", "the outcome is the newest progress note")
        #expect(h.screen.contains("17 September 2009"))
    }

    @Test func reviewKeepRecordsCarry() throws {
        let h = try AppHarness.sample()
        h.openTodaysMeeting()
        h.press(.char("R"), .char("n"), .char("k"))
        let item = try #require(h.state.followUp(containing: "add the missing details"))
        #expect(h.newEvents.last == .carry(ref: item.id, meeting: Fixture.today))
        #expect(h.state.item(item.id)?.state.isOpen == true)
        #expect(h.screen.contains("1 of 9 reviewed · item 2 of 9"))
        h.press(.up)
        #expect(h.screen.contains("Decided: kept, carried on."))
        h.press(.char("k"))
        #expect(h.status.contains("Already"), "a decided item is not decided twice")
        #expect(h.newEvents.count == 2)
    }

    @Test func reviewReassignDropAndSkip() throws {
        let h = try AppHarness.sample()
        h.openTodaysMeeting()
        h.press(.char("R"), .char("n"), .char("s"))
        let jb = try #require(h.state.followUp(containing: "transport police"))
        h.press(.char("r"))
        #expect(h.inputText == "JB")
        h.press(.ctrl("u"))
        h.type("DN")
        h.press(.enter)
        #expect(h.newEvents.last == .reassign(ref: jb.id, meeting: Fixture.today, owners: [.initials("DN")]))
        #expect(h.ui.mode == .review(meeting: Fixture.today, index: 2))
        let respect = try #require(h.state.followUp(containing: "respect week"))
        h.press(.char("D"), .enter)
        #expect(h.status.contains("reason"))
        h.type("The week was cancelled")
        h.press(.enter)
        #expect(h.newEvents.last == .drop(ref: respect.id, meeting: Fixture.today, reason: "The week was cancelled"))
        #expect(h.screen.contains("2 of 9 reviewed · item 4 of 9"))
        // Esc on a review question goes back to the item, not out of the review.
        h.press(.char("d"), .escape)
        #expect(h.ui.mode == .review(meeting: Fixture.today, index: 3))
    }

    @Test func reviewCanBeLeftAndResumed() throws {
        let h = try AppHarness.sample()
        h.openTodaysMeeting()
        h.press(.char("R"), .char("n"), .char("k"), .down, .char("k"))
        #expect(h.screen.contains("2 of 9 reviewed · item 4 of 9"))
        h.press(.char("q"))
        #expect(h.ui.mode == .browse)
        #expect(h.status.contains("Review left: 2 of 9 reviewed. R resumes."))
        #expect(!h.runtime.shouldQuit, "q leaves the review, not the app")
        h.press(.char("R"), .char("n"))
        #expect(h.ui.mode == .review(meeting: Fixture.today, index: 1), "it resumes at the first item not yet decided")
        // After a restart too: decisions are in the journal.
        let again = try AppHarness(path: h.path)
        again.press(.char("R"), .char("n"))
        #expect(again.ui.mode == .review(meeting: Fixture.today, index: 1))
        #expect(again.screen.contains("2 of 9 reviewed"))
    }

    @Test func reviewingEveryItemCompletesThePass() throws {
        let h = try AppHarness.sample()
        h.openTodaysMeeting()
        h.press(.char("R"), .char("n"))
        for _ in 0..<9 { h.press(.char("k")) }
        #expect(h.ui.mode == .browse)
        #expect(h.status.contains("Review complete: all 9 reviewed."))
        #expect(h.newEvents.dropFirst().count == 9)
        #expect(h.newEvents.dropFirst().allSatisfy { if case .carry = $0 { return true } else { return false } })
    }

    @Test func reviewWithNothingCarriedSaysSo() throws {
        let h = try AppHarness.sample()
        h.press(.char("m"), .ctrl("u"))
        h.type("2009-03-12")
        h.press(.enter, .char("R"))
        #expect(h.ui.mode == .browse)
        #expect(h.status.contains("Nothing was carried into the meeting of 12 March 2009"))
    }

    // MARK: - Outstanding

    @Test func outstandingListsOpenFollowUpsByOwnerWithASummary() throws {
        let h = try AppHarness.sample()
        h.press(.backTab)
        let screen = h.screen
        #expect(screen.contains("Open follow-ups in this group, by owner"))
        #expect(screen.contains(" JB 2 · PM 2 · DN 1 · IH 1 · MH 1 · RO 1 · Schools 1 · ZN 1"))
        #expect(screen.contains("JB — Jamal Bashir (2)"))
        #expect(screen.contains("12 Mar ↻2 JB to ask the transport police for a named contact — 3. Road, home\n"))
        #expect(screen.contains("            and online safety awareness for young people"), "wrapped, never cut, with the project's headline")
        #expect(!screen.contains("…\n"))
        #expect(h.grid.text(row: 1).contains("0 Outstanding (9)"))
        let model = OutstandingModel(h.ui, h.context)
        #expect(model.itemRows.count == 10, "DN and JB's follow-up is listed under each of them")
    }

    @Test func followUpsWithoutAnOwnerAreCountedUnderTheSameNameAsTheyAreListed() throws {
        let h = try AppHarness.sample()
        h.press(.char("6"), .char("t"))
        h.type("find a photographer")
        h.press(.enter)
        h.goToOutstanding()
        let screen = h.screen
        #expect(screen.contains(" · (no owner) 1"))
        #expect(screen.contains(" (no owner) (1)"))
        #expect(screen.contains("find a photographer — 6."))
    }

    @Test func oGroupsByProject() throws {
        let h = try AppHarness.sample()
        h.press(.backTab, .char("o"))
        let screen = h.screen
        #expect(screen.contains("by project"))
        #expect(screen.contains("2. A directory of local services: who does what, and how to reach them (1)"))
        #expect(screen.contains("3. Road, home and online safety awareness for young people (2)"))
        #expect(screen.contains("4. A shared approach to school attendance across the cluster (5)"))
        #expect(screen.contains("5. Support for young people at risk of exploitation (1)"))
        #expect(OutstandingModel(h.ui, h.context).itemRows.count == 9)
        h.press(.char("o"))
        #expect(h.screen.contains("by owner"))
    }

    @Test func fFiltersByOwnerAndEmptyShowsEveryone() throws {
        let h = try AppHarness.sample()
        h.press(.backTab, .char("f"))
        h.type("pm")
        h.press(.enter)
        var model = OutstandingModel(h.ui, h.context)
        #expect(model.itemRows.count == 2)
        #expect(h.screen.contains("owner pm"))
        #expect(h.screen.contains("PM to collect attendance figures"))
        #expect(!h.screen.contains("IH to arrange"))
        h.press(.char("f"), .ctrl("u"), .enter)
        model = OutstandingModel(h.ui, h.context)
        #expect(model.itemRows.count == 10)
        // A name finds the person's follow-ups too.
        h.press(.char("f"))
        h.type("Jamal Bashir")
        h.press(.enter)
        #expect(OutstandingModel(h.ui, h.context).itemRows.count == 2)
    }

    @Test func aTogglesAllGroups() throws {
        let h = try AppHarness(path: Fixture.journal("two-groups", text: Fixture.twoGroupsText()))
        h.press(.backTab)
        #expect(!h.screen.contains("terms of reference"))
        h.press(.char("A"))
        let screen = h.screen
        #expect(screen.contains("Open follow-ups in all groups"))
        #expect(screen.contains("PM to draft the council's terms of reference — be-heard 1."))
        #expect(screen.contains("PM 3"))
        h.press(.char("A"))
        #expect(h.screen.contains("in this group"))
    }

    @Test func outstandingEnterJumpsToItem() throws {
        let h = try AppHarness.sample()
        h.press(.backTab)
        h.press(.down, .down)  // JB, JB (with DN), PM
        h.press(.enter)
        #expect(h.ui.tab == 3)
        #expect(h.ui.column == .followUps)
        #expect(h.selectedItem?.text == "collect attendance figures from the four secondary schools")
        h.goToOutstanding()
        h.press(.end, .enter)
        #expect(h.ui.tab == 4)
        #expect(h.selectedItem?.text == "set up a one-hour briefing for designated staff")
        // Across groups too.
        let two = try AppHarness(path: Fixture.journal("two-groups", text: Fixture.twoGroupsText()))
        two.press(.backTab, .char("A"), .char("f"))
        two.type("PM")
        two.press(.enter, .end, .enter)
        #expect(two.ui.group == "be-heard")
        #expect(two.selectedItem?.text == "draft the council's terms of reference")
        #expect(two.grid.text(row: 0).contains("Be Heard Working Group"))
    }

    @Test func outstandingKeepsTheSelectionOnScreen() throws {
        let h = try AppHarness.sample()
        h.press(.backTab, .end)
        #expect(h.screen.contains("ZN to set up a one-hour briefing"))
        let shown4 = h.grid.shows("to set up a one-hour", in: Style.plain.adding(.reverse).with(role: .selection))
        #expect(shown4)
        h.press(.home)
        #expect(h.screen.contains("JB to ask the transport police"))
    }

    // MARK: - Rating and plans

    @Test func sRatesTheProjectWithAnOptionalComment() throws {
        let h = try AppHarness.sample()
        h.press(.char("6"), .char("s"))
        #expect(h.ui.mode == .ratingPicker)
        #expect(h.screen.contains("Rate project 6"))
        h.press(.char("g"))
        h.type("Two stories in the paper")
        h.press(.enter)
        #expect(h.newEvents == [.rate(Self.ref(6), meeting: Fixture.june, rating: .good, comment: "Two stories in the paper")])
        #expect(h.grid.text(row: 1).contains("6·G "))
        h.press(.char("s"), .escape)
        #expect(h.ui.mode == .browse)
        #expect(h.newEvents.count == 1)
    }

    @Test func pShowsThePlanAsLinesToChangeAddToAndRemove() throws {
        let h = try AppHarness.sample()
        h.press(.char("p"))
        #expect(h.ui.mode == .plan(Self.ref(1)))
        let screen = h.screen
        #expect(screen.contains("Plan of project 1"))
        #expect(screen.contains("Lead: AT"))
        #expect(screen.contains("Start: 5 January 2009"))
        // Code, Lead, Aim, Target 1, Target 2, Background, Resources, Start, End, Link.
        h.press(.down, .down, .down, .down, .down, .down, .down, .down)
        h.press(.enter)
        #expect(h.inputPurpose == .planLine(.project(Self.ref(1)), PlanLine(field: .end, label: "End", value: "23 July 2010"), adding: false))
        h.press(.ctrl("u"))
        h.type("Dec 2010")
        h.press(.enter)
        var end = PlanFields()
        end.endDate = PlanDate(day: Day(year: 2010, month: 12, day: 1)!, isMonth: true)
        #expect(h.newEvents == [.plan(.project(Self.ref(1)), end)])
        #expect(h.ui.mode == .plan(Self.ref(1)), "back on the plan")
        #expect(h.screen.contains("End: Dec 2010"))
        h.press(.up, .up, .up, .up)
        h.press(.char("a"))
        h.type("Office staff trained by 2011")
        h.press(.enter)
        let targets = h.state.project(Self.ref(1))!.plan.targets
        #expect(targets.count == 3 && targets[2] == "Office staff trained by 2011")
        h.press(.char("k"), .char("k"), .char("k"), .char("k"), .char("k"), .char("k"), .char("d"))
        #expect(h.state.project(Self.ref(1))!.plan.code == nil, "d on Code empties it")
        h.press(.escape)
        #expect(h.ui.mode == .browse)
        h.press(.char("P"))
        #expect(h.screen.contains("Group plan"))
        #expect(h.screen.contains("Practitioners can find each other quickly."))
        // Title, Lead, Overall aim, Priority 1 …
        h.press(.char("j"), .char("j"), .char("j"), .char("a"))
        h.type("Parents know where to turn")
        h.press(.enter)
        #expect(h.state.groups["stay-safe"]!.plan.priorities[1] == "Parents know where to turn")
        #expect(h.state.groups["stay-safe"]!.plan.priorities.count == 5)
    }

    // MARK: - Looking back and history

    @Test func lookBackShowsStateAtThatMeetingReadOnly() throws {
        let h = try AppHarness.sample()
        h.press(.char("4"), .char("["))
        #expect(h.ui.lookBack == Fixture.may)
        #expect(h.grid.text(row: 0).contains("as at 14 May 2009"))
        #expect(h.grid.text(row: 0).contains("LOOKING BACK"))
        #expect(h.grid.text(row: 22).contains("As at the end of 14 May 2009 — read-only."))
        let screen = h.screen
        #expect(screen.contains("Schools to look at"))
        #expect(!screen.contains("crib sheet"), "follow-ups raised later are not there yet")
        #expect(!screen.contains("Leaflet translated"))
        #expect(h.grid.text(row: 1).contains("4·S "), "ratings as they were then")
        h.press(.char("t"))
        #expect(h.ui.mode == .browse)
        #expect(h.status.contains("read-only"))
        h.press(.char("["))
        #expect(h.ui.lookBack == Fixture.march)
        h.press(.char("["))
        #expect(h.ui.lookBack == Fixture.march)
        #expect(h.status.contains("No earlier meeting"))
        h.press(.char("]"))
        #expect(h.ui.lookBack == Fixture.may)
        h.press(.char("]"))
        #expect(h.ui.lookBack == nil, "] from the last meeting before now is now")
        #expect(h.screen.contains("crib sheet"))
        h.press(.char("["), .char("["), .escape)
        #expect(h.ui.lookBack == nil, "Esc returns to now")
        #expect(h.newLines.isEmpty)
    }

    @Test func lookBackDuringANewMeetingStartsAtTheLastOne() throws {
        let h = try AppHarness.sample()
        h.openTodaysMeeting()
        h.press(.char("["))
        #expect(h.ui.lookBack == Fixture.june)
        h.press(.char("]"))
        #expect(h.ui.lookBack == nil)
        #expect(h.grid.text(row: 0).contains("meeting 17 September 2009"))
    }

    @Test func LShowsTheSelectedItemsHistory() throws {
        let h = try AppHarness.sample(width: 120, height: 40)
        h.press(.char("2"))
        h.selectFollowUp(containing: "chase the partners")
        h.press(.char("L"))
        let screen = h.screen
        #expect(screen.contains("raised at the meeting of 14 May 2009: RO to chase the partners"))
        #expect(screen.contains("carried into the meeting of 25 June 2009"))
        #expect(screen.contains("done: All but two partners have replied"))
        h.press(.char("x"))
        #expect(h.ui.mode == .browse)
        #expect(h.newLines.isEmpty)
    }

    // MARK: - Export

    @Test func EExportsThroughTheExporter() throws {
        let h = try AppHarness.sample()
        final class Calls: @unchecked Sendable { var list: [(ExportChoice, String, Day?, String)] = [] }
        let calls = Calls()
        h.runtime.exporter = { choice, group, meeting, path, _ in
            calls.list.append((choice, group, meeting, path))
            return "/somewhere/" + path
        }
        h.press(.char("E"))
        #expect(h.screen.contains("Minutes of this meeting"))
        h.press(.char("m"))
        #expect(h.screen.contains("Plain text (.txt)"))
        #expect(!h.screen.contains(".csv"), "CSV is for action lists")
        h.press(.char("t"))
        #expect(h.inputText == "stay-safe-minutes-2009-06-25.txt")
        h.press(.enter)
        #expect(calls.list.count == 1)
        #expect(calls.list.first?.0 == ExportChoice(report: .minutes, format: "txt"))
        #expect(calls.list.first?.1 == "stay-safe")
        #expect(calls.list.first?.2 == Fixture.june)
        #expect(h.status.contains("Written: /somewhere/stay-safe-minutes-2009-06-25.txt"))
        h.press(.char("E"), .char("a"), .char("c"), .enter)
        #expect(calls.list.last?.0 == ExportChoice(report: .actions, format: "csv"))
        #expect(h.newLines.isEmpty, "exports never write to the journal")
    }

    @Test func exportWithoutAnExporterSaysSo() throws {
        let h = try AppHarness.sample()
        h.press(.char("E"), .char("o"), .char("h"), .enter)
        #expect(h.status.contains("Exports are not available"))
    }
}
