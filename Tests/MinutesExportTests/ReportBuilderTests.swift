import Foundation
import Testing
import MinutesCore
@testable import MinutesExport

/// What the report builders put where, on the sample journal.
@Suite struct ReportBuilderTests {

    static func tables(_ document: ReportDocument) -> [ReportTable] {
        document.blocks.compactMap { if case .table(let table) = $0 { return table } else { return nil } }
    }

    static func headings(_ document: ReportDocument) -> [String] {
        document.blocks.compactMap { if case .heading(_, let text) = $0 { return text } else { return nil } }
    }

    static func metadata(_ document: ReportDocument) -> [String: String] {
        Dictionary(uniqueKeysWithValues: document.metadata.map { ($0.label, $0.value) })
    }

    static func bullets(_ cell: ReportCell) -> [String] {
        cell.blocks.compactMap { if case .bullet(let text) = $0 { return text.plainText } else { return nil } }
    }

    // MARK: Minutes

    @Test func minutesDefaultToTheLatestMeetingAndAreLandscape() throws {
        let state = try ExportFixtures.sampleState()
        let document = try MinutesReport.build(group: "stay-safe", state: state)
        #expect(document.title == "Stay Safe Working Group — Minutes (DRAFT)")
        #expect(document.orientation == .landscape)
        let meta = Self.metadata(document)
        #expect(meta["Date"] == "25 June 2009")
        #expect(meta["Present"] == "RO, JB, AT, DN, MH, ZN, IH, PM")
        #expect(meta["Apologies"] == nil)
        #expect(meta["Next meeting"] == "17 September 2009")
        #expect(Self.headings(document) == ["Minutes of the last meeting", "Matters arising"] + (1...6).map { "Project \($0)" }
            + ["Date of next meeting", "Who's who"])
    }

    @Test func minutesHaveOneThreeColumnTablePerProjectInAgendaOrder() throws {
        let document = try MinutesReport.build(group: "stay-safe", meeting: ExportFixtures.day("2009-06-25"),
                                               state: ExportFixtures.sampleState())
        let tables = Self.tables(document)
        #expect(tables.count == 6)
        for table in tables {
            #expect(table.columns == ["Actions required", "Progress: 25 June 2009", "To do by next meeting"])
            #expect(table.rows.count == 1)
            #expect(table.rows[0].count == 3)
        }
        // Actions required: the headline in bold first, then the lead, then the agreed actions.
        let actions = tables[0].rows[0][0]
        #expect(actions.blocks.first == .paragraph(.bold("Every member of school staff completes basic safeguarding training")))
        #expect(actions.blocks.dropFirst().first == .paragraph("Lead: AT"))
        #expect(Self.bullets(actions).count == 3)
    }

    @Test func progressKeepsEveryMeetingsNotesUnderItsDateWithThisMeetingLast() throws {
        let document = try MinutesReport.build(group: "stay-safe", meeting: ExportFixtures.day("2009-06-25"),
                                               state: ExportFixtures.sampleState())
        let progress = Self.tables(document)[1].rows[0][1]
        let subheadings = progress.blocks.compactMap { if case .subheading(let s) = $0 { return s } else { return nil } }
        #expect(subheadings == ["12 March", "14 May", "25 June"])
        #expect(progress.plainLines.last == "• Still to add: the agency's name, its website, and how to make a referral.")
        // Project 6 has no notes at all.
        #expect(Self.tables(document)[5].rows[0][1].plainLines == ["No progress noted yet."])
    }

    @Test func toDoListsWhatTheMeetingClosedThenWhatStaysOpenWithCarriedOnesMarked() throws {
        let document = try MinutesReport.build(group: "stay-safe", meeting: ExportFixtures.day("2009-06-25"),
                                               state: ExportFixtures.sampleState())
        let tables = Self.tables(document)
        // Dropped at this meeting: shown once more, with the reason; then what stays open.
        #expect(Self.bullets(tables[2].rows[0][2]) == [
            "DN to find short local video clips on road safety — dropped: The Youth Service will make its own clips with young people instead",
            "JB to ask the transport police for a named contact (from 12 March, carried twice) — ▲ due soon",
            "DN and JB to involve the secondary schools in the respect week",
        ])
        #expect(Self.bullets(tables[3].rows[0][2]).contains(
            "Schools to look at their own attendance data before the next meeting (from 14 May, carried once)"))
        // Done at this meeting: shown with what came of it, and nothing else is open.
        #expect(tables[0].rows[0][2].plainLines == [
            "• AT and MH to look at the new online package and report back — done: Package reviewed: useful as a refresher, not a replacement for the day",
        ])
        // Owners are bold, the rest plain.
        guard case .bullet(let text) = tables[2].rows[0][2].blocks[2] else { Issue.record("no bullet"); return }
        #expect(text.normalizedRuns.filter(\.isBold).map(\.text) == ["DN", "JB"])
    }

    @Test func earlierMinutesShowTheGroupAsItStoodThen() throws {
        let may = ExportFixtures.day("2009-05-14")
        for state in [try ExportFixtures.sampleState(asOf: may), try ExportFixtures.sampleState()] {
            let document = try MinutesReport.build(group: "stay-safe", meeting: may, state: state)
            let tables = Self.tables(document)
            #expect(tables[0].columns[1] == "Progress: 14 May 2009")
            let progress = tables[0].rows[0][1].plainLines.joined(separator: "\n")
            #expect(progress.contains("Hall booked at Oak Lane"))
            #expect(!progress.contains("José"), "notes of a later meeting")
            // Done at this meeting: shown as done; raised at this meeting and done at the
            // next one: still open in May.
            #expect(Self.bullets(tables[0].rows[0][2]) == [
                "AT to book a hall for the autumn training day — done: Hall booked at Oak Lane for 14 October",
                "AT and MH to look at the new online package and report back",
            ])
            // Dropped in June, so open in May, carried once by then.
            #expect(Self.bullets(tables[2].rows[0][2]).contains("DN to find short local video clips on road safety (from 12 March, carried once)"))
            #expect(Self.metadata(document)["Apologies"] == "JB, IH")
            let ratingsFree = !Self.tables(document).contains { $0.rows[0][2].plainLines.contains { $0.contains("briefing") } }
            #expect(ratingsFree, "a follow-up raised in June")
        }
    }

    @Test func fullAndAsOfStatesGiveTheSameMinutesForTheSampleJournal() throws {
        let may = ExportFixtures.day("2009-05-14")
        let asOf = try MinutesReport.build(group: "stay-safe", meeting: may, state: ExportFixtures.sampleState(asOf: may))
        let full = try MinutesReport.build(group: "stay-safe", meeting: may, state: ExportFixtures.sampleState())
        #expect(asOf == full)
    }

    @Test func whoIsWhoListsEveryoneMentionedWithNameAndOrganisation() throws {
        let document = try MinutesReport.build(group: "stay-safe", meeting: ExportFixtures.day("2009-05-14"),
                                               state: ExportFixtures.sampleState())
        guard case .definitionList(let entries) = document.blocks.last else { Issue.record("no Who's who"); return }
        // Present, apologies (JB, IH), owners and leads; sorted by initials.
        #expect(entries.map(\.term) == ["AT", "DN", "IH", "JB", "MH", "PM", "RO", "ZN"])
        #expect(entries.first?.definition.plainText == "Aoife Twomey, Deputy head, Oak Lane Primary")
    }

    @Test func minutesRejectUnknownGroupsAndDaysWithoutAMeeting() throws {
        let state = try ExportFixtures.sampleState()
        #expect(throws: ExportError.unknownGroup("be-safe", known: ["stay-safe"])) {
            try MinutesReport.build(group: "be-safe", state: state)
        }
        #expect(throws: ExportError.noMeeting(group: "stay-safe", on: ExportFixtures.day("2009-06-24"),
                                              nearest: ["2009-03-12", "2009-05-14", "2009-06-25"].map(ExportFixtures.day))) {
            try MinutesReport.build(group: "stay-safe", meeting: ExportFixtures.day("2009-06-24"), state: state)
        }
        var journal = TestJournal()
        journal.add(.group(slug: "empty", name: "Empty", lead: nil))
        #expect(throws: ExportError.noMeetings(group: "empty")) {
            try MinutesReport.build(group: "empty", state: journal.state)
        }
    }

    // MARK: Monitoring

    @Test func monitoringHasAHeadingAndAFiveColumnRowPerProject() throws {
        let document = try MonitoringReport.build(groups: ["stay-safe"], asOf: ExportFixtures.day("2009-06-25"),
                                                  since: ExportFixtures.day("2009-05-14"), state: ExportFixtures.sampleState())
        #expect(Self.headings(document) == ["STAY SAFE PRIORITIES"])
        let tables = Self.tables(document)
        #expect(tables.count == 1)
        let table = try #require(tables.first)
        #expect(table.columns == ["No.", "Priority", "Actions agreed", "Update 25 June 2009", "Status"])
        #expect(table.rows.count == 6)
        #expect(table.rows.map { $0[0].plainLines } == (1...6).map { ["\($0)"] })
        let directory = table.rows[1]
        #expect(directory[1].plainLines == ["A directory of local services: who does what, and how to reach them"])
        #expect(Self.bullets(directory[2]).count == 3)
        #expect(directory[3].plainLines == ["25 June", "• RO has put together a first copy of the contact list.",
                                            "• Still to add: the agency's name, its website, and how to make a referral."])
        #expect(directory[4].plainLines == ["Excellent", "Directory nearly ready"])
        #expect(table.rows[5][3].plainLines == ["No update."])
        #expect(table.rows[5][4].plainLines == ["Not rated"])
    }

    @Test func monitoringSinceAnEarlierReportCoversSeveralMeetings() throws {
        let document = try MonitoringReport.build(asOf: ExportFixtures.day("2009-06-25"), since: ExportFixtures.day("2009-03-12"),
                                                  state: ExportFixtures.sampleState())
        let update = try #require(Self.tables(document).first).rows[3][3]
        #expect(update.plainLines.filter { !$0.hasPrefix("•") } == ["14 May", "25 June"])
    }

    @Test func monitoringAtAnEarlierDateUsesTheRatingsAndNotesOfThen() throws {
        let document = try MonitoringReport.build(asOf: ExportFixtures.day("2009-05-31"), state: ExportFixtures.sampleState())
        let table = try #require(Self.tables(document).first)
        #expect(Self.metadata(document)["Date"] == "31 May 2009")
        #expect(table.rows[2][4].plainLines == ["Satisfactory", "No police update this time"])
        // Since the previous meeting (12 March): the notes of 14 May only.
        #expect(table.rows[0][3].plainLines.first == "14 May")
        #expect(!table.rows[0][3].plainLines.contains { $0.contains("José") })
    }

    @Test func monitoringMarksARatingGivenAtAnEarlierMeeting() throws {
        var journal = TestJournal()
        journal.add(.group(slug: "g", name: "G", lead: nil))
        journal.add(.project(ProjectRef(group: "g", number: 1), headline: "One"))
        journal.add(.meeting(MeetingFields(group: "g", date: ExportFixtures.day("2010-01-10"))))
        journal.add(.rate(ProjectRef(group: "g", number: 1), meeting: ExportFixtures.day("2010-01-10"), rating: .good, comment: nil))
        journal.add(.meeting(MeetingFields(group: "g", date: ExportFixtures.day("2010-02-10"))))
        let document = try MonitoringReport.build(state: journal.state)
        #expect(Self.tables(document)[0].rows[0][4].plainLines == ["Good", "(rated 10 January)"])
    }

    @Test func monitoringRejectsUnknownGroupsAndSinceAfterTheDate() throws {
        let state = try ExportFixtures.sampleState()
        #expect(throws: ExportError.unknownGroup("nope", known: ["stay-safe"])) {
            try MonitoringReport.build(groups: ["stay-safe", "nope"], state: state)
        }
        #expect(throws: ExportError.self) {
            try MonitoringReport.build(since: ExportFixtures.day("2009-07-01"), state: state)
        }
    }

    /// Two groups: "alpha" meets in January and March, "beta" in February.
    static func twoGroups() -> TestJournal {
        var journal = TestJournal()
        let jan = ExportFixtures.day("2011-01-10"), feb = ExportFixtures.day("2011-02-10"), mar = ExportFixtures.day("2011-03-10")
        journal.add(.person(Person(initials: "AB", name: "Ann Bell")))
        journal.add(.group(slug: "alpha", name: "Alpha Group", lead: "AB"))
        journal.add(.group(slug: "beta", name: "Beta Group", lead: nil))
        let a1 = ProjectRef(group: "alpha", number: 1), b1 = ProjectRef(group: "beta", number: 1)
        journal.add(.project(a1, headline: "Alpha one"))
        journal.add(.project(b1, headline: "Beta one"))
        journal.add(.meeting(MeetingFields(group: "alpha", date: jan, present: ["AB"])))
        journal.add(.note(a1, meeting: jan, text: "Alpha in January"))
        journal.add(.todo(a1, meeting: jan, owners: [.initials("AB")], text: "write to the council"))
        journal.add(.meeting(MeetingFields(group: "beta", date: feb)))
        journal.add(.note(b1, meeting: feb, text: "Beta in February"))
        journal.add(.todo(b1, meeting: feb, owners: [.initials("AB")], text: "book the hall"))
        journal.add(.rate(b1, meeting: feb, rating: .good, comment: nil))
        journal.add(.meeting(MeetingFields(group: "alpha", date: mar, present: ["AB"])))
        journal.add(.note(a1, meeting: mar, text: "Alpha in March"))
        return journal
    }

    @Test func monitoringOfSeveralGroupsHasAHeadingAndTableEach() throws {
        var journal = Self.twoGroups()
        let later = ExportFixtures.day("2011-03-10")
        journal.add(.project(ProjectRef(group: "alpha", number: 2), headline: "Alpha two"))
        journal.add(.note(ProjectRef(group: "alpha", number: 2), meeting: later, text: "Started in March"))
        let document = try MonitoringReport.build(state: journal.state)
        #expect(document.title == "Monitoring report")
        #expect(Self.metadata(document)["Date"] == "10 March 2011")
        #expect(Self.headings(document) == ["ALPHA PRIORITIES", "BETA PRIORITIES"])
        let tables = Self.tables(document)
        #expect(tables.map(\.rows.count) == [2, 1])
        #expect(tables[0].rows[0][3].plainLines == ["10 March", "• Alpha in March"])
        #expect(tables[1].rows[0][3].plainLines == ["10 February", "• Beta in February"], "beta's only meeting")
        #expect(tables[1].rows[0][4].plainLines == ["Good"])
        let result = try Exporter.render(.monitoring(format: .md), state: journal.state)
        #expect(result.suggestedFileName == "monitoring-2011-03-10.md")
    }

    @Test func actionListAcrossGroupsNamesTheGroup() throws {
        let list = try ActionListReport.build(state: Self.twoGroups().state)
        #expect(Self.headings(list.document) == ["AB — Ann Bell"])
        #expect(list.document.metadata.map(\.label) == ["Latest meeting", "Open"])
        guard case .list(let items) = list.document.blocks.last else { Issue.record("no list"); return }
        #expect(items.map(\.plainText) == [
            "AB to write to the council\nAlpha Group, project 1: Alpha one\nRaised 10 January 2011, carried once.",
            "AB to book the hall\nBeta Group, project 1: Beta one\nRaised 10 February 2011.",
        ])
        let beta = try ActionListReport.build(group: "beta", state: Self.twoGroups().state)
        #expect(beta.entries.count == 1)
        #expect(Self.metadata(beta.document)["Group"] == "Beta Group")
    }

    @Test func minutesLeaveOutProjectsThatCameLater() throws {
        var journal = TestJournal()
        let jan = ExportFixtures.day("2011-01-10")
        journal.add(.group(slug: "g", name: "G", lead: nil))
        journal.add(.project(ProjectRef(group: "g", number: 1), headline: "One"))
        journal.add(.meeting(MeetingFields(group: "g", date: jan)))
        journal.add(.project(ProjectRef(group: "g", number: 2), headline: "Two"))
        journal.add(.meeting(MeetingFields(group: "g", date: ExportFixtures.day("2011-02-10"))))
        journal.add(.note(ProjectRef(group: "g", number: 2), meeting: ExportFixtures.day("2011-02-10"), text: "Begun"))
        var state = journal.state
        // Both projects predate January by their timestamps, so both are there in January …
        #expect(Self.headings(try MinutesReport.build(group: "g", meeting: jan, state: state)) == ["Project 1", "Project 2"])
        // … while a project recorded after a meeting, with nothing dated by then, is not.
        var late = TestJournal()
        late.add(.group(slug: "g", name: "G", lead: nil))
        late.add(.meeting(MeetingFields(group: "g", date: ExportFixtures.day("2008-06-01"))))
        late.add(.project(ProjectRef(group: "g", number: 1), headline: "Later"))
        state = late.state
        #expect(Self.tables(try MinutesReport.build(group: "g", state: state)).isEmpty)
    }

    // MARK: Action list

    @Test func actionListGroupsOpenFollowUpsByOwnerOldestFirst() throws {
        let list = try ActionListReport.build(state: ExportFixtures.sampleState())
        #expect(list.entries.count == 9)
        #expect(list.entries.map(\.raised) == list.entries.map(\.raised).sorted())
        #expect(Self.headings(list.document) == [
            "DN — Dev Nair, Youth Service", "IH — Iqbal Hussain, Community centre manager",
            "JB — Jamal Bashir, Police community liaison", "MH — Marta Horvath, School nurse",
            "PM — Priya Mehta, Attendance officer", "RO — Rosa Okafor, Cluster coordinator",
            "ZN — Zoë Ní Bhriain, Family support worker", "Schools",
        ])
        let lists = list.document.blocks.compactMap { if case .list(let items) = $0 { return items } else { return nil } }
        // JB: the oldest first, and the follow-up shared with DN under both owners.
        #expect(lists[2].map(\.plainText) == [
            "JB to ask the transport police for a named contact\nProject 3: Road, home and online safety awareness for young people\nRaised 12 March 2009, carried twice.\n▲ due soon",
            "DN and JB to involve the secondary schools in the respect week\nProject 3: Road, home and online safety awareness for young people\nRaised 25 June 2009.",
        ])
        #expect(list.notes.isEmpty)
    }

    @Test func oneOwnersListIsAPlainListWithTheOwnerInTheTitle() throws {
        let list = try ActionListReport.build(owner: "pm", state: ExportFixtures.sampleState())
        #expect(list.document.title == "Open follow-ups for Priya Mehta (PM)")
        #expect(Self.headings(list.document).isEmpty)
        #expect(list.entries.map(\.item.text) == ["collect attendance figures from the four secondary schools",
                                                  "type up a one-page crib sheet for the next meeting"])
        let named = try ActionListReport.build(owner: "schools", state: ExportFixtures.sampleState())
        #expect(named.entries.count == 1)
        #expect(named.document.title == "Open follow-ups for Schools")
    }

    @Test func unknownOwnerGivesAnEmptyListWithANote() throws {
        let list = try ActionListReport.build(owner: "XY", state: ExportFixtures.sampleState())
        #expect(list.entries.isEmpty)
        #expect(list.records.rows.isEmpty)
        #expect(list.notes == ["nobody with initials XY is in the directory, and no follow-up names XY as owner"])
        #expect(list.document.blocks == [.paragraph("No open follow-ups.")])
        let known = try ActionListReport.build(owner: "AT", state: ExportFixtures.sampleState())
        #expect(known.notes == ["Aoife Twomey (AT) has no open follow-ups"])
    }

    @Test func actionListRecordsHaveTheDocumentedColumns() throws {
        let list = try ActionListReport.build(includeClosed: true, state: ExportFixtures.sampleState())
        #expect(list.records.header == ["id", "group", "project number", "project headline", "owners", "text",
                                        "raised date", "state", "carried count", "outcome", "due date", "due status"])
        let dropped = try #require(list.records.rows.first { $0[0] == "wsst9tv6fb5b" })
        #expect(dropped == ["wsst9tv6fb5b", "stay-safe", "3", "Road, home and online safety awareness for young people", "DN",
                            "find short local video clips on road safety", "2009-03-12", "dropped", "2",
                            "The Youth Service will make its own clips with young people instead", "", ""])
        let shared = try #require(list.records.rows.first { $0[0] == "xs5av6hw778a" })
        #expect(shared[4] == "AT; MH")
        #expect(shared[7] == "done")
    }

    @Test func actionListRejectsAnUnknownGroup() throws {
        #expect(throws: ExportError.unknownGroup("nope", known: ["stay-safe"])) {
            try ActionListReport.build(group: "nope", state: ExportFixtures.sampleState())
        }
    }
}
