import Foundation
import MinutesCore
import Testing
@testable import MinutesTUI

/// Key handling, continued: search, the input line and what follows (split from
/// KeyHandlingTests.swift to keep files readable).
extension KeyHandlingTests {
    // MARK: - Search

    @Test func searchJumpsBetweenHits() throws {
        let h = try AppHarness.sample()
        h.press(.char("/"))
        h.type("leaflet")
        h.press(.enter)
        let hits = try #require(h.ui.search?.hits)
        // Action "Send attendance leaflets home", the note "Leaflet translated", the follow-up about the Gujarati leaflet.
        #expect(hits.count == 3)
        #expect(h.ui.tab == 3)
        #expect(h.ui.column == .actions)
        #expect(h.selectedItem?.text.contains("leaflets") == true)
        #expect(h.status.contains("Match 1 of 3"))
        h.press(.ctrl("n"))
        #expect(h.ui.column == .progress)
        #expect(h.selectedItem?.text.hasPrefix("Leaflet translated") == true)
        h.press(.ctrl("n"))
        #expect(h.ui.column == .followUps)
        #expect(h.selectedItem?.text.contains("Gujarati leaflet") == true)
        h.press(.ctrl("n"))
        #expect(h.ui.column == .actions, "^N wraps to the first hit")
        h.press(.ctrl("p"))
        #expect(h.ui.column == .followUps, "^P wraps to the last hit")
        #expect(h.status.contains("Match 3 of 3"))
    }

    @Test func searchIgnoresCaseAndAccentsAndFindsOwners() throws {
        let h = try AppHarness.sample()
        h.press(.char("/"))
        h.type("JOSE ALVAREZ")
        h.press(.enter)
        #expect(h.ui.search?.hits.count == 1)
        #expect(h.ui.tab == 0)
        h.press(.char("/"), .ctrl("u"))
        h.type("MH to")
        h.press(.enter)
        #expect(h.ui.search?.hits.count == 2, "AT and MH's package review, and MH's leaflet check")
    }

    @Test func searchWithoutMatchSaysSo() throws {
        let h = try AppHarness.sample()
        h.press(.char("/"))
        h.type("zebra crossing")
        h.press(.enter)
        #expect(h.ui.search?.hits.isEmpty == true)
        #expect(h.status.contains("No match"))
        h.press(.ctrl("n"))
        #expect(h.status.contains("No search yet"))
    }

    // MARK: - The input line

    @Test func tabCompletesInitialsAndNamesAndCycles() throws {
        let h = try AppHarness.sample()
        h.press(.char("t"))
        h.type("r")
        h.press(.tab)
        #expect(h.inputText == "RO")
        h.press(.tab)
        #expect(h.inputText == "Rosa Okafor")
        h.press(.tab)
        #expect(h.inputText == "RO", "Tab cycles back")
        h.type(" and zo")
        h.press(.tab)
        #expect(h.inputText == "RO and Zoë Ní Bhriain", "names complete without typing the accent")
        h.type(" to bring the guidance")
        h.press(.enter)
        let owners: [Owner] = [.initials("RO"), .initials("ZN")]
        #expect(h.newEvents.count == 1)
        if case .todo(_, _, let recorded, let text)? = h.newEvents.first {
            #expect(recorded == owners || recorded == [.initials("RO"), .named("Zoë Ní Bhriain")])
            #expect(text == "bring the guidance")
        } else {
            Issue.record("expected a follow-up, got \(h.newEvents)")
        }
    }

    @Test func tabWithNothingToCompleteLeavesTheText() throws {
        let h = try AppHarness.sample()
        h.press(.char("t"))
        h.type("qq")
        h.press(.tab)
        #expect(h.inputText == "qq")
        h.press(.char(" "), .tab)
        #expect(h.inputText == "qq ")
    }

    @Test func helpDuringTheReviewPassReturnsToTheSameItem() throws {
        let h = try AppHarness.sample()
        h.press(.char("R"), .char("n"))
        guard case .review(let meeting, _) = h.ui.mode else {
            Issue.record("R did not start the review: \(h.ui.mode)")
            return
        }
        h.press(.char("s"))  // skip to the next item
        let before = h.ui.mode
        #expect(before != .review(meeting: meeting, index: 0))
        h.press(.char("?"))
        #expect(h.ui.mode == .help)
        h.press(.escape)
        #expect(h.ui.mode == before)
    }

    @Test func editingANoteDoesNotTreatCapitalisedWordsAsOwners() throws {
        let h = try AppHarness.sample()
        h.press(.left)  // Progress: the newest note is selected
        h.press(.char("e"))
        h.press(.ctrl("u"))
        h.type("The PDF and RO's list are ready")
        let row = h.ui.height - 2
        let grid = h.grid
        let pdf = try #require(grid.find("PDF").first { $0.y == row })
        let ro = try #require(grid.find("RO").first { $0.y == row })
        #expect(grid.cell(x: pdf.x, y: row)?.style == .plain)
        #expect(grid.cell(x: ro.x, y: row)?.style == .plain)
        // A follow-up being edited still shows its owners.
        h.press(.escape, .char("y"), .char("2"))  // y: discard the seven words typed
        h.selectFollowUp(containing: "add the missing details")
        h.press(.char("e"), .home)
        let input = Select.layout(h.ui).statusLine
        let owner = try #require(h.grid.find("RO").first { $0.y >= input.y && $0.y < input.maxY }, "\(h.grid.snapshotText())")
        #expect(h.grid.cell(x: owner.x, y: owner.y)?.style == Theme.owner)
    }

    @Test func unknownInitialsAreHighlightedOnTheInputLineAndOfferedForAdding() throws {
        let h = try AppHarness.sample()
        h.press(.char("t"))
        h.type("KP and RO to adjust the rota")
        let grid = h.grid
        let row = h.ui.height - 2
        let kp = try #require(grid.find("KP").first { $0.y == row })
        let ro = try #require(grid.find("RO").first { $0.y == row })
        #expect(grid.cell(x: kp.x, y: row)?.style == Theme.unknownOwner)
        #expect(grid.cell(x: ro.x, y: row)?.style == Theme.owner)
        h.press(.enter)
        #expect(h.ui.unknownInitials == ["KP"])
        h.press(.char("+"))
        #expect(h.inputPurpose == .personName(initials: "KP"))
        h.type("Kamala Patel")
        h.press(.enter)
        #expect(h.newEvents.last == .person(Person(initials: "KP", name: "Kamala Patel")))
        #expect(h.state.person("KP")?.name == "Kamala Patel")
        #expect(h.ui.unknownInitials.isEmpty)
        h.press(.left)
        let known = h.grid.styles(of: "KP and RO").prefix(2).allSatisfy { $0.bold && $0.role == .normal }
        #expect(known, "KP is known now")
    }

    @Test func plusWithoutUnknownInitialsAsksForThem() throws {
        let h = try AppHarness.sample()
        h.press(.char("+"))
        #expect(h.inputPurpose == .personInitials)
        h.type("ro")
        h.press(.enter)
        #expect(h.status.contains("already in the directory"))
        h.press(.ctrl("u"))
        h.type("sd")
        h.press(.enter)
        #expect(h.inputPurpose == .personName(initials: "SD"))
        h.type("Sheelagh Davis")
        h.press(.enter)
        #expect(h.newEvents == [.person(Person(initials: "SD", name: "Sheelagh Davis"))])
    }

    @Test func inputLineEditsWholeCharacters() throws {
        let h = try AppHarness.sample()
        h.press(.char("6"), .char("n"))
        h.type("Zoë 日本 👩‍💻 e\u{301}")
        #expect(h.inputText == "Zoë 日本 👩‍💻 e\u{301}")
        h.press(.backspace)
        #expect(h.inputText == "Zoë 日本 👩‍💻 ", "backspace removes a letter with its accent")
        h.press(.backspace, .backspace)
        #expect(h.inputText == "Zoë 日本 ", "and an emoji sequence at once")
        h.press(.left, .left, .backspace)
        #expect(h.inputText == "Zoë 本 ")
        h.press(.home, .delete)
        #expect(h.inputText == "oë 本 ")
        h.press(.end)
        h.type("ok")
        h.press(.enter)
        #expect(h.newEvents == [.note(Self.ref(6), meeting: Fixture.june, text: "oë 本 ok")])
    }

    @Test func pasteIsTextNotKeys() throws {
        let h = try AppHarness.sample()
        h.press(.char("6"), .char("n"))
        h.press(.paste("q\tquit\nu undo\u{1B}[31m"))
        #expect(!h.runtime.shouldQuit)
        #expect(h.newLines.isEmpty)
        #expect(h.inputText == "q quit\nu undo[31m", "tabs become spaces, a note keeps line breaks, controls go")
        h.press(.escape, .char("y"), .char("/"), .paste("two\nlines"))
        #expect(h.inputText == "two lines", "a one-line prompt turns line breaks into spaces")
        h.press(.escape)
        // A paste while browsing does nothing at all.
        h.press(.escape, .paste("q"))
        #expect(!h.runtime.shouldQuit)
    }

    @Test func longTextWrapsOverAGrowingInputAreaWithTheCursorVisible() throws {
        let h = try AppHarness.sample()
        h.press(.char("n"))
        let bodyBefore = Select.layout(h.ui).body.height
        let long = (1...30).map { "word\($0)" }.joined(separator: " ")
        h.type(long)
        let frame = h.runtime.frame()
        let input = Select.layout(h.ui).statusLine
        #expect(input.height == 3, "about 200 characters take three rows at 80 columns")
        #expect(Select.layout(h.ui).body.height == bodyBefore - 2, "the panel gives up the rows")
        let rows = (input.y..<input.maxY).map { frame.grid.text(row: $0) }
        #expect(rows[0].hasPrefix("Note › word1 word2"), "the start is still shown")
        #expect(rows[2].hasSuffix("word30"), "and the end")
        #expect(rows.allSatisfy { DisplayWidth.of($0) < h.ui.width })
        let cursor = try #require(frame.cursor)
        #expect(cursor.y == input.maxY - 1)
        #expect(cursor.x == DisplayWidth.of(rows[2]), "the cursor sits after the last character")
        h.press(.home)
        #expect(h.runtime.frame().cursor?.y == input.y)
        h.press(.enter)
        #expect(h.newEvents.count == 1)
    }

    // MARK: - Read-only, failures, problems

    @Test func readOnlyJournalRefusesCapture() throws {
        let h = try AppHarness(path: Fixture.sampleCopy(), writable: false)
        #expect(!h.ui.isWritable)
        #expect(h.grid.text(row: 0).contains("READ-ONLY"))
        for key in ["t", "n", "a", "x", "D", "r", "u", "m", "R", "s", "+"] {
            h.press(.char(Character(key)))
            #expect(h.ui.mode == .browse, "\(key) must not open anything")
            #expect(h.status.hasPrefix("Read-only"))
        }
        h.press(.enter)
        #expect(h.ui.mode == .browse)
        #expect(h.newLines.isEmpty)
        #expect(!h.grid.text(row: h.ui.height - 1).contains("follow-up"), "the footer hides keys that write")
        // Browsing still works.
        h.press(.tab, .down, .char("/"))
        #expect(h.inputPurpose == .search)
    }

    @Test func failedWriteKeepsTypedText() throws {
        let h = try AppHarness.sample(ops: FailingFileOps())
        h.press(.char("t"))
        h.type("KP to adjust and e-mail organisation")
        h.press(.enter)
        #expect(h.newLines.isEmpty)
        #expect(h.inputText == "KP to adjust and e-mail organisation", "the text comes back")
        #expect(h.status.hasPrefix("NOT SAVED"), "the failure is on screen while the text is back")
        #expect(h.ui.readOnlyReason != nil)
        #expect(h.grid.text(row: 0).contains("READ-ONLY"))
        #expect(h.state.followUp(containing: "adjust and e-mail") == nil, "nothing is shown as saved")
        #expect(h.runtime.typedText?.editor.text == "KP to adjust and e-mail organisation", "a draft can be saved")
    }

    @Test func journalWithErrorsOpensReadOnlyOnItsProblems() throws {
        let text = try String(contentsOfFile: Fixture.samplePath, encoding: .utf8)
            + "2009-06-25T09:30:00.000Z zzzzzzzzzzzz todo project=stay-safe/9 text=\"x\"\n"
            + "this is not a line\n"
        let h = try AppHarness(path: Fixture.journal("errors", text: text))
        #expect(h.ui.mode == .problems)
        #expect(!h.ui.isWritable)
        let screen = h.screen
        #expect(screen.contains("stay-safe.journal:114:"))
        #expect(screen.contains("stay-safe.journal:115:1: error:"))
        #expect(h.grid.text(row: 0).contains("READ-ONLY"))
        #expect(h.grid.text(row: 0).contains("Stay Safe Working"), "the header still names the group")
        #expect(h.grid.text(row: 0).contains("25 June 2009"), "and the meeting")
        #expect(h.grid.text(row: 0).contains("2 errors"))
        h.press(.escape)
        #expect(h.ui.mode == .browse)
        h.press(.char("!"))
        #expect(h.ui.mode == .problems)
        h.press(.char("q"))
        h.press(.char("t"))
        #expect(h.ui.mode == .browse)
        #expect(h.newLines.isEmpty)
    }

    // MARK: - Help, resize, small screens

    @Test func helpListsEveryBindingAndAnyKeyCloses() throws {
        let h = try AppHarness.sample(width: 120, height: 76)
        h.press(.char("?"))
        let screen = h.screen
        for b in KeyMap.standard.bindings {
            #expect(screen.contains(b.help), "help lacks “\(b.help)”")
        }
        h.press(.char("t"))
        #expect(h.ui.mode == .browse)
        #expect(h.newLines.isEmpty, "the key that closes help does nothing else")
    }

    @Test func helpScrollsOnASmallScreenToReachEveryBinding() throws {
        let h = try AppHarness.sample()
        h.press(.char("?"))
        var seen = Set<String>()
        for _ in 0..<60 {
            let screen = h.screen
            for b in KeyMap.standard.bindings where screen.contains(b.help) { seen.insert(b.help) }
            h.press(.down)
        }
        #expect(seen == Set(KeyMap.standard.bindings.map(\.help)))
        #expect(h.ui.mode != .browse, "↓ scrolls the help instead of closing it")
        h.press(.char("x"))
        #expect(h.ui.mode == .browse)
    }

    @Test func resizeReflowsTheScreen() throws {
        let h = try AppHarness.sample()
        h.press(.char("4"))
        h.press(.resize(width: 120, height: 40))
        #expect(h.grid.width == 120)
        #expect(h.grid.height == 40)
        #expect(h.grid.text(row: 3).contains("4. A shared approach to school "))
        #expect(h.grid.text(row: 4).contains(" attendance across the cluster "))
        h.press(.resize(width: 80, height: 24))
        #expect(h.grid.text(row: 3).contains("4. A shared approach to "))
        #expect(h.grid.text(row: 4).contains(" school attendance across "))
    }

    @Test func belowTheMinimumSizeATooSmallMessageShowsAndNothingCrashes() throws {
        let h = try AppHarness.sample()
        for (w, ht) in [(79, 24), (80, 23), (60, 20), (20, 5), (1, 1), (0, 0), (1, 40), (200, 1)] {
            h.press(.resize(width: w, height: ht))
            let frame = h.runtime.frame()
            #expect(frame.grid.width == w && frame.grid.height == ht)
            if w >= 20 && ht >= 3 {
                #expect(frame.grid.snapshotText().contains("Terminal too small"), "\(w)×\(ht)")
            }
            // Keys still work, and nothing is written by accident.
            h.press(.char("j"), .tab, .char("?"), .escape)
        }
        h.press(.resize(width: 80, height: 24))
        #expect(h.screen.contains("Actions required"))
        #expect(h.newLines.isEmpty)
    }
}
