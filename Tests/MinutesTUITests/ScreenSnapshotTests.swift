import Foundation
import MinutesCore
import Testing
@testable import MinutesTUI

/// Golden screens of the app, at 80×24 and at 120×40: the spec of what each screen shows.
/// Record with `RECORD_SNAPSHOTS=1`, then read every file in `__Snapshots__` before committing.
@Suite("Screen snapshots")
struct ScreenSnapshotTests {
    static let sizes = [(80, 24), (120, 40)]

    /// Renders a scenario at both sizes and compares each with its golden file.
    func check(_ name: String, styles: Bool = false, sourceLocation: SourceLocation = #_sourceLocation,
               _ scenario: (Int, Int) throws -> AppHarness) throws {
        for (w, h) in Self.sizes {
            let harness = try scenario(w, h)
            let grid = harness.grid
            #expect(grid.width == w && grid.height == h, sourceLocation: sourceLocation)
            CellGridTests.expectConsistent(grid)
            assertSnapshot(grid, named: "\(name)-\(w)x\(h)", styles: styles, sourceLocation: sourceLocation)
        }
    }

    // MARK: - The sample

    @Test func mainPanelOfTheSample() throws {
        try check("main", styles: true) { w, h in try AppHarness.sample(width: w, height: h) }
    }

    @Test func projectWithCarriedFollowUpsAndScriptsOtherThanLatin() throws {
        // Project 4: carried follow-ups (↻2 overdue), a note in Urdu and Gujarati with an emoji.
        try check("project-4", styles: true) { w, h in
            let a = try AppHarness.sample(width: w, height: h)
            a.press(.char("4"))
            return a
        }
    }

    @Test func helpOverlay() throws {
        try check("help") { w, h in
            let a = try AppHarness.sample(width: w, height: h)
            a.press(.char("?"))
            return a
        }
        try check("help-scrolled-to-end") { w, h in
            let a = try AppHarness.sample(width: w, height: h)
            a.press(.char("?"), .end)
            return a
        }
    }

    @Test func inputLineWithUnknownInitials() throws {
        try check("input-unknown-initials", styles: true) { w, h in
            let a = try AppHarness.sample(width: w, height: h)
            a.press(.char("4"), .char("t"))
            a.type("KP and PM to adjust the leaflet and e-mail it")
            return a
        }
    }

    @Test func afterRecordingAFollowUpForUnknownInitials() throws {
        try check("recorded-unknown-initials", styles: true) { w, h in
            let a = try AppHarness.sample(width: w, height: h)
            a.press(.char("4"), .char("t"))
            a.type("KP to adjust and e-mail organisation")
            a.press(.enter)
            return a
        }
    }

    @Test func outstandingByOwnerAndByProject() throws {
        try check("outstanding-by-owner", styles: true) { w, h in
            let a = try AppHarness.sample(width: w, height: h)
            a.goToOutstanding()
            a.press(.down)
            return a
        }
        try check("outstanding-by-project") { w, h in
            let a = try AppHarness.sample(width: w, height: h)
            a.goToOutstanding()
            a.press(.char("o"))
            return a
        }
    }

    @Test func reviewPassMidWay() throws {
        try check("review-mid-way", styles: true) { w, h in
            let a = try AppHarness.sample(width: w, height: h)
            a.openTodaysMeeting()
            a.press(.char("R"), .char("n"), .char("d"))
            a.type("List e-mailed to all 40 organisations")
            a.press(.enter, .char("k"), .char("s"))  // done, kept, skipped: on item 4 of 9
            return a
        }
        try check("review-outcome-typed") { w, h in
            let a = try AppHarness.sample(width: w, height: h)
            a.openTodaysMeeting()
            a.press(.char("R"), .char("n"), .char("s"), .char("d"))
            a.type("PC Lewis at the transport police is the contact")
            return a
        }
    }

    @Test func lookingBack() throws {
        try check("look-back-14-may", styles: true) { w, h in
            let a = try AppHarness.sample(width: w, height: h)
            a.press(.char("4"), .char("["))
            return a
        }
    }

    @Test func newMeetingOpened() throws {
        try check("meeting-opened") { w, h in
            let a = try AppHarness.sample(width: w, height: h)
            a.openTodaysMeeting()
            a.press(.char("4"))
            return a
        }
    }

    // MARK: - Journals made for the screens

    /// Twelve projects with long headlines: the tab bar shortens and scrolls.
    static func manyProjectsText() -> String {
        let headlines = [
            "Every member of school staff completes basic safeguarding training",
            "A directory of local services: who does what, and how to reach them",
            "Road, home and online safety awareness for young people",
            "A shared approach to school attendance across the cluster",
            "Support for young people at risk of exploitation",
            "Positive images of young people in the local community",
            "Safer routes to school with the council's highways team",
            "A parents' evening on online safety in each secondary school",
            "Peer mentoring for pupils moving up to secondary school",
            "Training for lunchtime supervisors on bullying and inclusion",
            "A single referral form shared by every agency in the cluster",
            "Celebrating volunteering by young people at the summer fair",
        ]
        let g = "many-projects"
        var bodies: [EventBody] = [.group(slug: g, name: "Twelve Projects Working Group", lead: nil)]
        for (i, h) in headlines.enumerated() { bodies.append(.project(ProjectRef(group: g, number: i + 1), headline: h)) }
        bodies.append(.meeting(MeetingFields(group: g, date: Fixture.june)))
        bodies.append(.note(ProjectRef(group: g, number: 9), meeting: Fixture.june, text: "Twelve mentors trained."))
        bodies.append(.todo(ProjectRef(group: g, number: 9), meeting: Fixture.june, owners: [.named("Schools")],
                            text: "pair each new pupil with a mentor"))
        return Fixture.journalText(bodies)
    }

    @Test func tabBarOverflow() throws {
        let text = Self.manyProjectsText()
        try check("tabs-first") { w, h in try AppHarness(path: Fixture.journal("tabs", text: text), width: w, height: h) }
        try check("tabs-middle", styles: true) { w, h in
            let a = try AppHarness(path: Fixture.journal("tabs", text: text), width: w, height: h)
            a.press(.char("9"))
            return a
        }
        try check("tabs-outstanding") { w, h in
            let a = try AppHarness(path: Fixture.journal("tabs", text: text), width: w, height: h)
            a.press(.backTab)
            return a
        }
    }

    /// Notes and follow-ups in Urdu, Gujarati, Chinese, with emoji and combining accents, and
    /// a project of long text that must wrap (a long URL, many owners).
    static func wideText() -> String {
        let g = "wide"
        let p1 = ProjectRef(group: g, number: 1), p2 = ProjectRef(group: g, number: 2)
        return Fixture.journalText([
            .person(Person(initials: "ZN", name: "Zoë Ní Bhriain")),
            .person(Person(initials: "LM", name: "李明")),
            .person(Person(initials: "AK", name: "Aisha Khan")),
            .group(slug: g, name: "Leaflets in Every Language 多语言", lead: "ZN"),
            .project(p1, headline: "Translated leaflets: اردو, ગુજરાતી, 中文 and more 🌍"),
            .project(p2, headline: "Wrapping long text"),
            .meeting(MeetingFields(group: g, date: Fixture.june, present: ["ZN", "LM", "AK"])),
            .action(p1, meeting: nil, text: "把传单翻译成中文并在每所学校张贴出来让家长都能看到"),
            .action(p1, meeting: nil, text: "Cafe\u{301} mornings for parents, with Zoe\u{308}"),
            .note(p1, meeting: Fixture.june, text: "اردو ترجمہ مکمل ہو گیا ہے اور چیک کیا جا رہا ہے۔"),
            .note(p1, meeting: Fixture.june, text: "ગુજરાતી અનુવાદ તૈયાર છે; છાપવા માટે મોકલ્યું."),
            .note(p1, meeting: Fixture.june, text: "会议纪要由李明整理，下次会议前发给大家。"),
            .note(p1, meeting: Fixture.june, text: "Launch party 🎉 with 👩‍💻 volunteers and 👨‍👩‍👧‍👦 families 🇬🇧 👍🏽"),
            .todo(p1, meeting: Fixture.june, owners: [.initials("LM")], text: "把中文版寄给印刷厂"),
            .todo(p1, meeting: Fixture.june, owners: [.initials("AK"), .initials("ZN")], text: "check the اردو proof with a native speaker"),
            .todo(p1, meeting: Fixture.june, owners: [.named("José Álvarez")], text: "bring 50 copies 📦"),
            .note(p2, meeting: Fixture.june, text: "The council's guidance is at https://www.example.org/children-and-families/safeguarding/guidance-for-schools-2009-final-version.pdf and must be read by everyone before the training day in October, including supply staff and volunteers."),
            .todo(p2, meeting: Fixture.june, owners: [.initials("ZN"), .initials("LM"), .initials("AK"), .named("Youth Service")],
                  text: "agree between them who writes to each of the forty-three organisations on the list"),
            .action(p2, meeting: nil, text: "Supercalifragilisticexpialidociousnessandthensomemorelettersuntilitcannotfit"),
        ])
    }

    @Test func wideCharacters() throws {
        let text = Self.wideText()
        try check("wide-characters", styles: true) { w, h in try AppHarness(path: Fixture.journal("wide", text: text), width: w, height: h) }
        try check("wide-characters-outstanding") { w, h in
            let a = try AppHarness(path: Fixture.journal("wide", text: text), width: w, height: h)
            a.goToOutstanding()
            return a
        }
    }

    @Test func wrapping() throws {
        let text = Self.wideText()
        try check("wrapping") { w, h in
            let a = try AppHarness(path: Fixture.journal("wide", text: text), width: w, height: h)
            a.press(.char("2"))
            return a
        }
    }

    // MARK: - Small terminals, problems, hostile text

    @Test func tooSmall() throws {
        for (w, h) in [(60, 20), (79, 24), (80, 23), (30, 6), (1, 1)] {
            let a = try AppHarness.sample(width: w, height: h)
            let grid = a.grid
            CellGridTests.expectConsistent(grid)
            assertSnapshot(grid, named: "too-small-\(w)x\(h)")
        }
    }

    @Test func errorsScreen() throws {
        let text = try String(contentsOfFile: Fixture.samplePath, encoding: .utf8)
            + "2009-06-25T09:30:00.000Z 4h2k7x9m3p5q todo project=stay-safe/9 meeting=2009-06-25 text=\"ask the hall about chairs\"\n"
            + "2009-06-25T09:31:00.000Z 4h2k7x9m3p5r note project=stay-safe/1 meeting=2009-06-25 text=\"unterminated\n"
            + "Remember to bring the projector\n"
        try check("errors") { w, h in try AppHarness(path: Fixture.journal("errors", text: text), width: w, height: h) }
        try check("errors-closed") { w, h in
            let a = try AppHarness(path: Fixture.journal("errors", text: text), width: w, height: h)
            a.press(.escape, .char("t"))
            return a
        }
    }

    /// Terminal escapes, bell, C1, bidi overrides, zero-width characters and DEL in every
    /// kind of text the journal holds, and in the file's name.
    static let payload = "x\u{1B}[31mred\u{1B}[0m \u{1B}]52;c;aGVsbG8=\u{07} bell\u{07} c1\u{9B}2J rlo\u{202E}txt\u{202C} zw\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}sp del\u{7F} cr\u{0D}bs\u{08}"

    static func hostileText() -> String {
        let g = "evil"
        let p = ProjectRef(group: g, number: 1)
        return Fixture.journalText([
            .person(Person(initials: "EV", name: "Eve \u{1B}[2J\u{202E}Villain")),
            .group(slug: g, name: "Group \u{1B}[1m\u{07}\u{9B}\u{202E}", lead: "EV"),
            .project(p, headline: "Headline " + payload),
            .meeting(MeetingFields(group: g, date: Fixture.june, present: ["EV"])),
            .action(p, meeting: nil, text: "Action " + payload),
            .note(p, meeting: Fixture.june, text: "Note " + payload),
            .todo(p, meeting: Fixture.june, owners: [.initials("EV"), .named("Mallory\u{1B}]8;;http://x\u{07}\u{202E}")],
                  text: "follow-up " + payload),
        ])
    }

    @Test func hostileTextIsShownAsVisibleEscapes() throws {
        let text = Self.hostileText()
        let name = "evil\u{1B}[31m\u{202E}.journal"
        var grids: [CellGrid] = []
        try check("hostile") { w, h in
            let a = try AppHarness(path: Fixture.journal("hostile", text: text, name: name), width: w, height: h)
            grids.append(a.grid)
            return a
        }
        try check("hostile-outstanding") { w, h in
            let a = try AppHarness(path: Fixture.journal("hostile", text: text, name: name), width: w, height: h)
            a.goToOutstanding()
            grids.append(a.grid)
            a.press(.tab, .char("L"))
            grids.append(a.grid)
            a.press(.escape, .char("/"))
            a.type("red")
            a.press(.enter)
            grids.append(a.grid)
            a.goToOutstanding()
            return a
        }
        for grid in grids {
            let forbidden = grid.allScalars.filter(TextSanitizer.isForbidden)
            #expect(forbidden.isEmpty, "raw scalars on screen: \(forbidden.map { String(format: "U+%04X", $0.value) })")
            let screen = grid.snapshotText()
            #expect(screen.contains("⟨ESC⟩"))
        }
        let first = try #require(grids.first).snapshotText()
        for escape in ["⟨ESC⟩[31mred", "⟨BEL⟩", "⟨U+009B⟩", "⟨RLO⟩", "⟨ZWSP⟩", "⟨DEL⟩"] {
            #expect(first.contains(escape), "\(escape) is not shown")
        }
    }
}
