import Foundation
import MinutesCore
import Testing
@testable import MinutesTUI

/// Issue 3's keys, one behaviour per test, driven through `AppRuntime` on a scratch copy of
/// the sample journal (today fixed at 17 September 2009), checking the UI state, the screen
/// and the lines appended to the journal.
@Suite("Key handling")
struct KeyHandlingTests {
    static let group = "stay-safe"
    static func ref(_ n: Int) -> ProjectRef { ProjectRef(group: group, number: n) }

    // MARK: - Moving around

    @Test func tabAndShiftTabCycleThroughProjectsAndTheOutstandingTab() throws {
        let h = try AppHarness.sample()
        #expect(h.ui.tab == 0)
        h.press(.tab)
        #expect(h.ui.tab == 1)
        h.press(.backTab, .backTab)
        #expect(h.ui.tab == 6, "Shift-Tab from the first project wraps to the Outstanding tab")
        #expect(Select.isOutstandingTab(h.ui, h.context))
        #expect(h.screen.contains("Open follow-ups in this group"))
        h.press(.tab)
        #expect(h.ui.tab == 0, "Tab from the Outstanding tab wraps to the first project")
    }

    @Test func digitsJumpToAProjectAndIgnoreMissingOnes() throws {
        let h = try AppHarness.sample()
        h.press(.char("4"))
        #expect(h.ui.tab == 3)
        #expect(h.screen.contains("4. A shared approach to"))
        h.press(.char("9"))
        #expect(h.ui.tab == 3, "there is no project 9")
        h.press(.char("0"))
        #expect(Select.isOutstandingTab(h.ui, h.runtime.context), "0 is the Outstanding tab")
    }

    @Test func leftRightAndHLMoveBetweenColumnsAndStopAtTheEdges() throws {
        let h = try AppHarness.sample()
        #expect(h.ui.column == .followUps, "the panel opens on the follow-ups")
        h.press(.right)
        #expect(h.ui.column == .followUps)
        h.press(.left)
        #expect(h.ui.column == .progress)
        h.press(.char("h"), .char("h"))
        #expect(h.ui.column == .actions)
        h.press(.char("l"))
        #expect(h.ui.column == .progress)
    }

    @Test func upDownAndJKMoveTheSelection() throws {
        let h = try AppHarness.sample()
        h.press(.char("4"))
        #expect(h.selectedItem?.text == "arrange a meeting with the mosque committee")
        h.press(.down)
        #expect(h.selectedItem?.text == "collect attendance figures from the four secondary schools")
        h.press(.char("j"), .char("j"))
        #expect(h.selectedItem?.text == "type up a one-page crib sheet for the next meeting")
        h.press(.char("k"))
        #expect(h.selectedItem?.owners == [.named("Schools")])
        h.press(.up, .up, .up)
        #expect(h.selectedItem?.text == "arrange a meeting with the mosque committee", "↑ stops at the first item")
    }

    @Test func homeEndAndPagesMoveAndScrollTheColumn() throws {
        let h = try AppHarness.sample()
        h.press(.char("4"))
        h.press(.end)
        #expect(h.selectedItem?.text == "check the Gujarati leaflet with a native speaker")
        // The last follow-up is shown whole, so the column scrolled down.
        #expect(h.screen.contains("native speaker"))
        #expect(h.ui.scrollTop[.followUps].map { $0 > 0 } == true)
        h.press(.home)
        #expect(h.selectedItem?.text == "arrange a meeting with the mosque committee")
        #expect(h.screen.contains("mosque committee"))
        h.press(.pageDown)
        let afterPage = try #require(h.selectedItem)
        #expect(afterPage.text != "arrange a meeting with the mosque committee")
        h.press(.pageUp)
        #expect(h.selectedItem?.text == "arrange a meeting with the mosque committee")
    }

    @Test func progressOpensOnTheNewestNoteScrolledToTheEnd() throws {
        let h = try AppHarness.sample()
        h.press(.char("4"), .left)
        #expect(h.ui.column == .progress)
        #expect(h.selectedItem?.text.hasPrefix("Leaflet translated") == true, "the newest note is selected")
        let screen = h.screen
        #expect(screen.contains("25 June 2009"))
        #expect(screen.contains("checking. 🎉"))
        #expect(!screen.contains("12 March 2009"), "older meetings are scrolled off the top")
        h.press(.home)
        #expect(h.screen.contains("12 March 2009"), "Home scrolls back to the first meeting's heading")
    }

    @Test func quitEndsTheApp() throws {
        let h = try AppHarness.sample()
        #expect(!h.runtime.shouldQuit)
        h.press(.char("q"))
        #expect(h.runtime.shouldQuit)
        #expect(h.newLines.isEmpty)
    }

    @Test func groupSwitcherListsEveryGroupAndSwitches() throws {
        let text = try String(contentsOfFile: Fixture.samplePath, encoding: .utf8)
            + "2009-07-01T09:00:00.000Z 4h2k7x9m3p5q group slug=be-heard name=\"Be Heard Working Group\"\n"
            + "2009-07-01T09:01:00.000Z 4h2k7x9m3p5r project group=be-heard number=1 headline=\"A youth council\"\n"
        let h = try AppHarness(path: Fixture.journal("groups", text: text))
        h.press(.char("g"))
        #expect(h.ui.mode == .groupPicker(index: 0))
        #expect(h.screen.contains("Switch group"))
        #expect(h.screen.contains("Be Heard Working Group"))
        h.press(.down, .enter)
        #expect(h.ui.group == "be-heard")
        #expect(h.ui.tab == 0)
        #expect(h.grid.text(row: 0).contains("Be Heard Working Group"))
        #expect(h.screen.contains("1. A youth council"))
        h.press(.char("g"), .escape)
        #expect(h.ui.mode == .browse)
        #expect(h.ui.group == "be-heard")
    }

    @Test func groupKeyWithOneGroupSaysSo() throws {
        let h = try AppHarness.sample()
        h.press(.char("g"))
        #expect(h.ui.mode == .browse)
        #expect(h.status.contains("one group"))
    }

    // MARK: - Capture

    @Test func followUpTypedWithTwoExtraKeysIsRecordedWithItsOwner() throws {
        let h = try AppHarness.sample()
        h.press(.char("4"))
        h.press(.char("t"))
        h.type("KP to adjust and e-mail organisation")
        h.press(.enter)
        // "t" and Enter: two keys besides the text.
        #expect(h.newEvents == [.todo(Self.ref(4), meeting: Fixture.june, owners: [.initials("KP")],
                                      text: "adjust and e-mail organisation")])
        #expect(h.ui.mode == .browse)
        #expect(h.ui.column == .followUps)
        #expect(h.selectedItem?.text == "adjust and e-mail organisation", "the new follow-up is selected")
        // The owner shows at once, in the warning colour since KP is not in the directory.
        let grid = h.grid
        #expect(grid.find("KP to adjust").count == 1)
        let ownerStyles = grid.styles(of: "KP")
        #expect(ownerStyles.count == 2)
        #expect(ownerStyles.allSatisfy { $0.role == .warning || $0.reverse }, "unknown initials stand out")
        #expect(h.status.contains("KP is not in the directory: + adds them"))
    }

    @Test func knownOwnersAreShownBoldAtOnce() throws {
        let h = try AppHarness.sample()
        h.press(.char("6"), .char("t"))
        h.type("RO to write to the local paper")
        h.press(.enter)
        #expect(h.newEvents == [.todo(Self.ref(6), meeting: Fixture.june, owners: [.initials("RO")],
                                      text: "write to the local paper")])
        h.press(.left)  // move focus away so the item is drawn unselected
        let bold = h.grid.styles(of: "RO to write").prefix(2).allSatisfy { $0.bold && $0.role == .normal }
        #expect(bold)
    }

    @Test func noteIsRecordedUnderTheCurrentMeetingAndShownLast() throws {
        let h = try AppHarness.sample()
        h.press(.char("2"), .char("n"))
        h.type("Directory printed for the library")
        h.press(.enter)
        #expect(h.newEvents == [.note(Self.ref(2), meeting: Fixture.june, text: "Directory printed for the library")])
        #expect(h.ui.column == .progress)
        #expect(h.selectedItem?.text == "Directory printed for the library")
        #expect(h.screen.contains("Directory printed"))
    }

    @Test func actionIsRecordedAndSelected() throws {
        let h = try AppHarness.sample()
        h.press(.char("6"), .char("a"))
        h.type("Hold an awards evening")
        h.press(.enter)
        #expect(h.newEvents == [.action(Self.ref(6), meeting: Fixture.june, text: "Hold an awards evening")])
        #expect(h.ui.column == .actions)
        #expect(h.selectedItem?.text == "Hold an awards evening")
    }

    @Test func escapeCancelsWithoutWriting() throws {
        let h = try AppHarness.sample()
        for key in ["t", "n", "a"] {
            h.press(.char(Character(key)))
            h.type("not wanted")
            #expect(h.inputText == "not wanted")
            h.press(.escape)
            #expect(h.ui.mode == .browse)
        }
        #expect(h.newLines.isEmpty)
        #expect(!h.screen.contains("not wanted"))
    }

    @Test func escapeOnMoreThanAFewWordsAsksBeforeDiscardingThem() throws {
        let h = try AppHarness.sample()
        h.press(.char("n"))
        h.type("The hall is booked for the autumn fair")
        h.press(.escape)
        #expect(h.screen.contains("Discard the 8 words typed? y discards"))
        h.press(.char("n"))
        #expect(h.inputText == "The hall is booked for the autumn fair", "any key but y keeps the text")
        #expect(h.runtime.draft?.text == "The hall is booked for the autumn fair")
        h.press(.escape, .char("y"))
        #expect(h.ui.mode == .browse)
        #expect(h.newLines.isEmpty)
    }

    @Test func emptyTextIsRefusedAndTheLineStaysOpen() throws {
        let h = try AppHarness.sample()
        h.press(.char("t"), .enter)
        #expect(h.newLines.isEmpty)
        #expect(h.inputPurpose == .addFollowUp)
        #expect(h.status.contains("needs some text"))
    }

    @Test func followUpWithoutOwnerIsRecordedAndSaysSo() throws {
        let h = try AppHarness.sample()
        h.press(.char("6"), .char("t"))
        h.type("find a photographer")
        h.press(.enter)
        #expect(h.newEvents == [.todo(Self.ref(6), meeting: Fixture.june, owners: [], text: "find a photographer")])
        #expect(h.status.contains("without an owner"))
        #expect(h.screen.contains("(no owner) find a"))
    }

    // MARK: - Changes to items

    @Test func enterEditsTheSelectedFollowUpAsAnAmendment() throws {
        let h = try AppHarness.sample()
        h.press(.char("4"))
        let item = try #require(h.selectedItem)
        h.press(.enter)
        #expect(h.inputText == "IH to arrange a meeting with the mosque committee", "the owner is part of the text")
        h.press(.ctrl("w"))
        h.type("elders")
        h.press(.enter)
        // Written with the version it corrects (the follow-up as first recorded), so that an
        // edit made apart on another copy is noticed.
        #expect(h.newEvents == [.amend(ref: item.id, text: "arrange a meeting with the mosque elders", owners: [.initials("IH")], base: item.id)])
        #expect(h.state.item(item.id)?.text == "arrange a meeting with the mosque elders")
    }

    @Test func eEditsANote() throws {
        let h = try AppHarness.sample()
        h.press(.char("2"), .left)
        let note = try #require(h.selectedItem)
        h.press(.char("e"))
        #expect(h.inputText == note.text)
        h.press(.end)
        h.type(" Due in July.")
        h.press(.enter)
        #expect(h.newEvents == [.amend(ref: note.id, text: note.text + " Due in July.", owners: nil, base: note.id)])
    }

    @Test func xMarksDoneWithAnOptionalOutcome() throws {
        let h = try AppHarness.sample()
        h.press(.char("3"))
        h.selectFollowUp(containing: "transport police")
        let item = try #require(h.selectedItem)
        h.press(.char("x"))
        #expect(h.inputPurpose == .outcome(item.id))
        h.type("PC Lewis is the contact")
        h.press(.enter)
        #expect(h.newEvents == [.done(ref: item.id, meeting: Fixture.june, outcome: "PC Lewis is the contact"),
                                .note(item.project, meeting: Fixture.june, text: "PC Lewis is the contact")],
                "as in the review pass, the outcome is also a progress note")
        #expect(h.state.item(item.id)?.state.isOpen == false)
        #expect(h.screen.contains("✓ JB to ask the"), "a follow-up closed at this meeting stays listed, ticked")

        h.selectFollowUp(containing: "respect week")
        let other = try #require(h.selectedItem)
        h.press(.char("x"), .enter)
        #expect(h.newEvents.last == .done(ref: other.id, meeting: Fixture.june, outcome: nil), "the outcome is optional")
    }

    @Test func xOnSomethingElseThanAnOpenFollowUpExplains() throws {
        let h = try AppHarness.sample()
        h.press(.char("1"))
        h.press(.char("x"))
        #expect(h.ui.mode == .browse)
        #expect(h.status.contains("already done"))
        h.press(.left, .char("x"))
        #expect(h.status.contains("Select a follow-up"))
        #expect(h.newLines.isEmpty)
    }

    @Test func dropNeedsAReason() throws {
        let h = try AppHarness.sample()
        h.press(.char("4"))
        let item = try #require(h.selectedItem)
        h.press(.char("D"), .enter)
        #expect(h.newLines.isEmpty)
        #expect(h.status.contains("reason"))
        h.type("The committee has disbanded")
        h.press(.enter)
        #expect(h.newEvents == [.drop(ref: item.id, meeting: Fixture.june, reason: "The committee has disbanded")])
    }

    @Test func rReassignsTheSelectedFollowUp() throws {
        let h = try AppHarness.sample()
        h.press(.char("4"))
        let item = try #require(h.selectedItem)
        h.press(.char("r"))
        #expect(h.inputText == "IH", "the current owners are offered")
        h.press(.ctrl("u"))
        h.type("RO and PM")
        h.press(.enter)
        #expect(h.newEvents == [.reassign(ref: item.id, meeting: Fixture.june, owners: [.initials("RO"), .initials("PM")])])
        #expect(h.screen.contains("RO and PM to arrange"))
    }

    @Test func undoRetractsTheLastEntry() throws {
        let h = try AppHarness.sample()
        h.press(.char("5"), .char("t"))
        h.type("ZN to circulate the briefing notes")
        h.press(.enter)
        let added = try #require(h.selectedItem)
        #expect(added.text == "circulate the briefing notes")
        h.press(.char("u"))
        #expect(h.newEvents.count == 2)
        #expect(h.newEvents.last == .retract(ref: added.id, reason: "undone"))
        #expect(h.state.item(added.id) == nil)
        #expect(!h.screen.contains("circulate the briefing"))
        #expect(try h.reloaded().item(added.id) == nil, "the retraction is on disk")
        h.press(.char("u"))
        #expect(h.newEvents.count == 2)
        #expect(h.status.contains("Nothing to undo"))
    }

    @Test func undoOfAReviewDecisionRetractsBothItsEntries() throws {
        let h = try AppHarness.sample()
        h.press(.char("m"), .enter, .enter, .enter, .enter, .enter, .enter)
        h.press(.char("R"), .char("n"), .char("d"))
        h.type("Sent on 1 September")
        h.press(.enter)
        let written = h.newEvents
        #expect(written.count == 3)  // meeting, done, note
        h.press(.escape, .char("u"))
        if case .confirm = h.ui.mode { h.press(.char("y")) }  // the item may be in another project
        let retracts = h.newEvents.dropFirst(3)
        #expect(retracts.count == 2)
        #expect(retracts.allSatisfy { if case .retract = $0 { return true } else { return false } })
        let item = try #require(h.state.followUp(containing: "add the missing details"))
        #expect(item.state.isOpen)
    }

}

extension KeyHandlingTests {
    /// Owners are found however they are written; a follow-up written with initials keeps only
    /// its action ("KP to …" is drawn from the owners), one written with names keeps the
    /// minute-taker's wording, owners included (issue 22: owners as typed).
    @Test func followUpOwnersAreFoundAndNamedOwnersKeepTheirWording() throws {
        let h = try AppHarness.sample()
        h.press(.char("6"))
        for (typed, owners, text) in [
            ("KP, DD and AT to book the stage", [Owner.initials("KP"), .initials("DD"), .initials("AT")], "book the stage"),
            ("Youth Service to lend the chairs", [.named("Youth Service")], "Youth Service to lend the chairs"),
            ("Rosa Okafor to write the invitation", [.initials("RO")], "Rosa Okafor to write the invitation"),
        ] {
            h.press(.char("t"))
            h.type(typed)
            h.press(.enter)
            guard case .todo(_, _, let recorded, let recordedText)? = h.newEvents.last else {
                Issue.record("no follow-up for “\(typed)”")
                continue
            }
            #expect(recordedText == text, "\(typed)")
            #expect(recorded == owners || (typed.hasPrefix("Rosa") && recorded == [.named("Rosa Okafor")]), "\(typed): \(recorded)")
        }
    }
}

extension KeyHandlingTests {
    @Test func aRestoredDraftIsBackOnTheInputLineAndSaysSo() throws {
        let h = try AppHarness.sample()
        h.runtime.restoreDraft(text: "KP to ring the hall", context: "todo stay-safe/3")
        #expect(h.ui.tab == 2)
        #expect(h.inputText == "KP to ring the hall")
        #expect(h.status.hasPrefix("Restored the text you were typing"), "the message shows while the line is open")
        #expect(h.grid.text(row: h.ui.height - 2).hasPrefix("Follow-up › KP to ring the hall"))
        h.press(.enter)
        #expect(h.newEvents == [.todo(Self.ref(3), meeting: Fixture.june, owners: [.initials("KP")], text: "ring the hall")])
    }
}

@Suite struct SubPointTests {
    @Test func linesStartingWithADashAreSubPointsIndentedUnderTheirEntry() {
        let spans = [Span(TextSanitizer.sanitize("Template to be sent, detailing:\n- an overview\n- contact numbers", keepingLineBreaks: true))]
        let lines = ItemText.bulleted(spans, width: 30).map { $0.spans.map(\.text).joined() }
        #expect(lines == ["• Template to be sent,", "  detailing:", "  ◦ an overview", "  ◦ contact numbers"])
    }

    @Test func altEnterTypesALineBreakInANoteAndTheNoteKeepsIt() throws {
        let h = try AppHarness.sample()
        h.press(.char("2"), .char("n"))
        h.type("Template to be sent, detailing:")
        h.press(.alt("\n"))
        h.type("- an overview")
        h.press(.enter)
        #expect(h.newEvents == [.note(ProjectRef(group: "stay-safe", number: 2), meeting: Fixture.june,
                                      text: "Template to be sent, detailing:\n- an overview")])
        #expect(h.screen.contains("◦ an overview"))
    }
}
