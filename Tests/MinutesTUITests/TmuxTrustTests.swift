import Foundation
import MinutesCore
import TestSupport
import Testing

/// The problems a newcomer met minuting three meetings in tmux (issue 21, and the app's side
/// of issue 20), each reproduced in a real terminal: the built binary in tmux, keys sent as a
/// person types them, the screen and the journal read back.
@Suite("The screen a minute-taker trusts, in tmux", .serialized,
       .enabled(if: Tmux.isAvailable || Tmux.isCI, "tmux is not installed: the end-to-end tests are skipped (on CI they fail)"))
struct TmuxTrustTests {
    /// The app on a copy of the sample journal (last meeting 25 June 2009, next set to 17 September).
    final class LiveApp {
        let tmux: Tmux
        let journal: String
        let before: Int

        init(_ label: String, width: Int = 100, height: Int = 30, journalText: String? = nil, waitForPanel: Bool = true) throws {
            let dir = try Fixture.scratchDirectory("trust-" + label)
            journal = dir.appendingPathComponent("stay-safe.journal").path
            if let journalText {
                try Data(journalText.utf8).write(to: URL(fileURLWithPath: journal))
            } else {
                try FileManager.default.copyItem(atPath: Fixture.samplePath, toPath: journal)
            }
            before = AppHarness.lines(of: journal).count
            tmux = try Tmux(directory: dir)
            try tmux.start(try MinutesBinary.path(), "-f", journal, width: width, height: height)
            if waitForPanel { try tmux.waitFor("Actions required") }
        }

        /// The entries this run appended, parsed back.
        func newEvents() throws -> [EventBody] {
            try AppHarness.lines(of: journal).dropFirst(before).map(TmuxEndToEndTests.parse)
        }

        func quit() throws {
            tmux.send("q")
            try tmux.waitFor("[minutes exited with 0]")
        }

        deinit { tmux.stop() }
    }

    static let june = Day(year: 2009, month: 6, day: 25)!
    static let september = Day(year: 2009, month: 9, day: 17)!

    // 1
    @Test func theFirstKeyTypedReplacesAPreFilledValue() throws {
        let app = try LiveApp("prefilled")
        let t = app.tmux
        t.send("2")
        try t.waitFor("RO to add the missing")
        t.send("j")  // the first follow-up listed was done at this meeting
        t.send("r")
        try t.waitFor("Reassign to › RO")
        try t.type("DN")
        t.send("Enter")
        try t.waitFor("Reassigned to DN.")
        // The meeting date: typing over the offered date replaces it; Backspace edits it.
        t.send("m")
        try t.waitFor("Meeting date › 2009-09-17")
        t.send("BSpace")
        try t.waitFor("Meeting date › 2009-09-1\n")
        try t.type("8")
        t.send("Enter")
        try t.waitFor("Present (initials) ›")
        t.send("Escape")
        let state = try JournalLoader.load(path: app.journal).state
        let item = try #require(state.followUp(containing: "add the missing details"))
        #expect(try app.newEvents() == [.reassign(ref: item.id, meeting: Self.june, owners: [.initials("DN")])],
                "owner DN, not RODN")
        try app.quit()
    }

    // 2
    @Test func anUnbracketedMultiLinePasteIsTextNeverCommands() throws {
        let app = try LiveApp("paste")
        let t = app.tmux
        t.send("2")
        try t.waitFor("RO to add the missing")
        t.send("n")
        try t.waitFor("Note ›")
        t.paste("Hall booked for the fair\nx\nu\ns g", bracketed: false)
        try t.waitFor("s g")
        t.send("Enter")
        try t.waitFor("Note added under 25 June 2009.")
        // Bracketed, as a terminal that supports it sends it, the same.
        t.send("n")
        try t.waitFor("Note ›")
        t.paste("Second paste\nu\nq", bracketed: true)
        try t.waitFor("Second paste")
        t.send("Enter")
        try t.waitFor("Note added under 25 June 2009.")
        let p2 = ProjectRef(group: "stay-safe", number: 2)
        #expect(try app.newEvents() == [
            .note(p2, meeting: Self.june, text: "Hall booked for the fair\nx\nu\ns g"),
            .note(p2, meeting: Self.june, text: "Second paste\nu\nq"),
        ], "two notes and nothing else: no done, undo, rating or quit")
        // Pasted while browsing, text does nothing.
        t.paste("x\nu\nq\n", bracketed: false)
        try t.waitFor("Pasted text ignored")
        #expect(try app.newEvents().count == 2)
        try app.quit()
    }

    // 3
    @Test func aLongNoteWrapsSoAllOfItCanBeChecked() throws {
        let app = try LiveApp("wrap", width: 80, height: 24)
        let t = app.tmux
        t.send("n")
        try t.waitFor("Note ›")
        let words = (1...40).map { "w\($0)" }.joined(separator: " ")
        try t.type("Start of the note " + words + " end of the note")
        let screen = try t.waitFor("end of the note")
        #expect(screen.contains("Note › Start of the note w1 w2"), "the start stays visible while typing")
        #expect(screen.split(separator: "\n").allSatisfy { DisplayWidthOfLine.of($0) <= 80 })
        t.send("Escape")
        try t.waitFor("Discard the 48 words typed?")
        t.send("y")
        try t.waitFor("Discarded.")
        #expect(try app.newEvents().isEmpty)
        try app.quit()
    }

    // 4
    @Test func undoNamesWhatItUndoesAsksWhenItIsOffScreenAndRedoBringsItBack() throws {
        let app = try LiveApp("undo")
        let t = app.tmux
        t.send("2")
        try t.waitFor("RO to add the missing")
        t.send("n")
        try t.waitFor("Note ›")
        try t.type("Hall booked for the autumn fair")
        t.send("Enter")
        try t.waitFor("Note added under 25 June 2009.")
        t.send("3")
        try t.waitFor("3. Road, home")
        t.send("u")
        try t.waitFor("Undo the note 'Hall booked for the…' in project 2? It is not on screen.")
        t.send("n")
        try t.waitFor("Nothing changed.")
        t.send("u")
        try t.waitFor("It is not on screen")
        t.send("y")
        try t.waitFor("Undid the note 'Hall booked for the…' in project 2.")
        t.send("C-r")
        try t.waitFor("Redid the note 'Hall booked for the…' in project 2.")
        t.send("?")
        try t.waitFor("Redo the change you last undid")
        t.send("Escape")
        try t.waitForScreen("the help to close") { !$0.contains("Redo the change") }
        let events = try app.newEvents()
        #expect(events.count == 3)
        if case .retract = events[1] {} else { Issue.record("the second entry is the undo's retraction: \(events)") }
        #expect(events[2] == events[0])
        try app.quit()
    }

    // 5
    @Test func attendanceTypedWithTabCompletionIsReadPersonByPerson() throws {
        let app = try LiveApp("attendance")
        let t = app.tmux
        t.send("m")
        try t.waitFor("Meeting date › 2009-09-17")
        t.send("Enter")
        try t.waitFor("Present (initials) ›")
        try t.type("RO JB AT Mar")
        t.send("Tab")
        try t.waitFor("Marta Horvath")
        try t.type(", IH")
        t.send("Enter")
        for prompt in ["Apologies ›", "Chair ›", "Minute-taker ›", "Next meeting date ›"] {
            try t.waitFor(prompt)
            t.send("Enter")
        }
        try t.waitFor("Meeting of 17 September 2009 opened")
        guard case .meeting(let fields)? = try app.newEvents().first else { Issue.record("no meeting recorded"); return }
        #expect(fields.present == ["RO", "JB", "AT", "MH", "IH"])
        try app.quit()
    }

    // 6
    @Test func keysDoNothingWhileTheTerminalIsTooSmall() throws {
        let app = try LiveApp("too-small")
        let t = app.tmux
        t.resize(width: 60, height: 20)
        try t.waitFor("Terminal too small: 60×20")
        t.send("t")
        try? t.type("AB to do it")  // nothing shows: the terminal is too small
        t.send("Enter")
        t.send("n")
        t.resize(width: 100, height: 30)
        let screen = try t.waitFor("Actions required", lines: 30)
        #expect(!screen.contains("Follow-up ›") && !screen.contains("Note ›"), "no input line was opened unseen")
        #expect(try app.newEvents().isEmpty)
        try app.quit()
    }

    // 7
    @Test func theMeetingPromptOffersTheNextDateAndReadsDatesAsPeopleTypeThem() throws {
        let app = try LiveApp("dates")
        let t = app.tmux
        t.send("m")
        try t.waitFor("Meeting date › 2009-09-17", timeout: 30)
        try t.type("17 Sep")
        t.send("Enter")
        try t.waitFor("Taken as 17 September 2009.")
        for prompt in ["Present (initials) ›", "Apologies ›", "Chair ›", "Minute-taker ›"] {
            try t.waitFor(prompt)
            t.send("Enter")
        }
        try t.waitFor("Next meeting date ›")
        try t.type("12th November 2009")
        t.send("Enter")
        try t.waitFor("Meeting of 17 September 2009 opened")
        #expect(try app.newEvents() == [.meeting(MeetingFields(group: "stay-safe", date: Self.september,
                                                               next: Day(year: 2009, month: 11, day: 12)))])
        try app.quit()
    }

    // 8
    @Test func xIsDoneInAProjectAndInTheReviewAndBothNoteTheOutcome() throws {
        let app = try LiveApp("x")
        let t = app.tmux
        t.send("m")
        try t.waitFor("Meeting date ›")
        for _ in 0..<6 { t.send("Enter") }
        try t.waitFor("Meeting of 17 September 2009 opened")
        t.send("R")
        t.send("n")  // the minutes of 25 June: not yet
        try t.waitFor("k keep")
        t.send("x")
        try t.waitFor("Done. Outcome (optional, noted too) ›")
        try t.type("Done in the review")
        t.send("Enter")
        try t.waitFor("Marked done, and noted under 17 September 2009.")
        t.send("Escape")
        try t.waitFor("Review left")
        t.send("5")
        try t.waitFor("5. Support for young")
        t.send("x")
        try t.waitFor("Done. Outcome (optional, noted too) ›")
        try t.type("Done in the project")
        t.send("Enter")
        try t.waitFor("Marked done, and noted under 17 September 2009.")
        let kinds = try app.newEvents().map(\.kind)
        #expect(kinds == [.meeting, .done, .note, .done, .note])
        try app.quit()
    }

    // 9
    @Test func searchFindsPeopleByNameAndOutstandingIsReachableWhole() throws {
        let app = try LiveApp("search")
        let t = app.tmux
        t.send("/")
        try t.waitFor("Search ›")
        try t.type("jamal")
        t.send("Enter")
        try t.waitFor("Match 1 of 2 for “jamal”")
        t.send("0")
        let screen = try t.waitFor("Open follow-ups in this group")
        #expect(screen.contains("— 3. Road, home and online"), "a project is named by number and headline")
        #expect(!screen.contains("[3]"))
        #expect(!screen.contains("…\n"), "no row is cut short")
        t.resize(width: 80, height: 24)
        t.send("1")
        let narrow = try t.waitFor("Actions required", lines: 24)
        let footer = narrow.split(separator: "\n", omittingEmptySubsequences: false).dropLast().last ?? ""
        #expect(footer.contains("R review") && footer.contains("/ search"), "footer: \(footer)")
        try app.quit()
    }

    // 10
    @Test func aFamilyEmojiKeepsTheColumnsAndCtrlLRepaints() throws {
        let app = try LiveApp("zwj")
        let t = app.tmux
        t.send("2")
        try t.waitFor("RO to add the missing")
        t.send("n")
        try t.waitFor("Note ›")
        try t.type("Family day 👨‍👩‍👧‍👦 and 👩‍💻 code club")
        t.send("Enter")
        let screen = try t.waitFor("Note added")
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        let body = rows.dropFirst(3).prefix(20)
        let borders = Set(body.map { row in
            var x = 0
            var found: [Int] = []
            for ch in row { if ch == "│" { found.append(x) }; x += DisplayWidth.of(ch) }
            return found
        })
        #expect(borders.count == 1, "the column rules stand at the same place on every row: \(borders)")
        // Something else writes to the terminal; Ctrl-L paints the screen again.
        let tty = t.run(["display-message", "-p", "-t", "app", "#{pane_tty}"], capture: true).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try Data("\u{1B}[5;5HSCRIBBLE-SCRIBBLE".utf8).write(to: URL(fileURLWithPath: tty))
        try t.waitFor("SCRIBBLE-SCRIBBLE")
        t.send("C-l")
        try t.waitForScreen("the repaint") { !$0.contains("SCRIBBLE") && $0.contains("Actions required") }
        try app.quit()
    }

    // 11
    @Test func reassigningAnOwnerlessFollowUpReadsAsASentence() throws {
        let app = try LiveApp("ownerless")
        let t = app.tmux
        t.send("6")
        try t.waitFor("Actions required")
        t.send("t")
        try t.waitFor("Follow-up ›")
        try t.type("Look at the rota")
        t.send("Enter")
        try t.waitFor("Follow-up recorded without an owner")
        t.send("r")
        try t.waitFor("Reassign to ›")
        try t.type("KC")
        t.send("Enter")
        let screen = try t.waitFor("Reassigned to KC.")
        #expect(screen.contains("KC to look at the rota"))
        #expect(!screen.contains("KC to Look"))
        try app.quit()
    }

    // Issue 20, the app's side.

    @Test func uRetractsAnyEntryAfterAskingAndSubPointsAreTypedWithAltEnter() throws {
        let app = try LiveApp("retract")
        let t = app.tmux
        t.send("2")
        try t.waitFor("RO to add the missing")
        t.send("j")
        t.send("U")
        try t.waitFor("Retract the follow-up 'RO to add the missing…' in project 2?")
        t.send("y")
        try t.waitFor("Retracted the follow-up")
        t.send("n")
        try t.waitFor("Note ›")
        try t.type("Template to be sent, detailing:")
        t.send("M-Enter")
        try t.type("- an overview")
        t.send("M-Enter")
        try t.type("- contact numbers")
        t.send("Enter")
        let screen = try t.waitFor("Note added")
        #expect(screen.contains("◦ an overview"))
        #expect(screen.contains("◦ contact numbers"))
        let events = try app.newEvents()
        #expect(events.count == 2)
        #expect(events.last == .note(ProjectRef(group: "stay-safe", number: 2), meeting: Self.june,
                                     text: "Template to be sent, detailing:\n- an overview\n- contact numbers"))
        try app.quit()
    }

    @Test func sSyncsWithGitAndTheResultIsOnScreen() throws {
        let app = try LiveApp("sync")
        let dir = URL(fileURLWithPath: app.journal).deletingLastPathComponent().path
        for args in [["init", "-q"], ["add", "stay-safe.journal"],
                     ["-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "start"]] {
            _ = Subprocess.run(["/usr/bin/git", "-C", dir] + args, capture: true)
        }
        let t = app.tmux
        t.send("S")
        let screen = try t.waitForScreen("the sync's result") {
            $0.contains("Synced") || $0.contains("Sync failed") || $0.contains("Sync: nothing")
        }
        #expect(!screen.contains("Syncing with git…"), "the result replaced the progress message")
        try app.quit()
    }

    @Test func aReadOnlyAppSaysSoWhenItCanWriteAgain() throws {
        // A hand-edit left a line the parser refuses: the app opens read-only on its problems.
        let sample = try String(contentsOfFile: Fixture.samplePath, encoding: .utf8)
        let app = try LiveApp("writable-again", journalText: sample + "this line is not an entry\n", waitForPanel: false)
        let t = app.tmux
        try t.waitFor("Problems in stay-safe.journal")
        t.send("Escape")
        try t.waitFor("READ-ONLY")
        // The line is put right (the file replaced, as an editor saves it): the app says so.
        let fixed = app.journal + ".fixed"
        try Data(sample.utf8).write(to: URL(fileURLWithPath: fixed))
        _ = rename(fixed, app.journal)
        try t.waitFor("The journal can be written again.")
        t.send("n")
        try t.waitFor("Note ›")
        t.send("Escape")
        try app.quit()
    }
}
