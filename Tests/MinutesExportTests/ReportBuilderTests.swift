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
        #expect(document.title == "Stay Safe Working Group — Minutes")
        #expect(document.orientation == .landscape)
        let meta = Self.metadata(document)
        #expect(meta["Date"] == "25 June 2009")
        #expect(meta["Present"] == "RO, JB, AT, DN, MH, ZN, IH, PM")
        #expect(meta["Apologies"] == nil)
        #expect(meta["Next meeting"] == "17 September 2009")
        #expect(Self.headings(document) == (1...6).map { "Project \($0)" } + ["Who's who"])
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

    @Test func toDoListsFollowUpsOpenAfterTheMeetingWithCarriedOnesMarked() throws {
        let document = try MinutesReport.build(group: "stay-safe", meeting: ExportFixtures.day("2009-06-25"),
                                               state: ExportFixtures.sampleState())
        let tables = Self.tables(document)
        #expect(Self.bullets(tables[2].rows[0][2]) == [
            "JB to ask the transport police for a named contact (from 12 March, carried twice)",
            "DN and JB to involve the secondary schools in the respect week",
        ])
        #expect(Self.bullets(tables[3].rows[0][2]).contains(
            "Schools to look at their own attendance data before the next meeting (from 14 May, carried once)"))
        // Done at this meeting: gone. Dropped at this meeting: gone.
        #expect(tables[0].rows[0][2].plainLines == ["Nothing outstanding."])
        #expect(!Self.bullets(tables[2].rows[0][2]).contains { $0.contains("video clips") })
        // Owners are bold, the rest plain.
        guard case .bullet(let text) = tables[2].rows[0][2].blocks[1] else { Issue.record("no bullet"); return }
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
            // Raised at this meeting and done at the next one: still open in May.
            #expect(Self.bullets(tables[0].rows[0][2]) == ["AT and MH to look at the new online package and report back"])
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
        #expect(Self.headings(document) == ["Stay Safe Working Group"])
        let tables = Self.tables(document)
        #expect(tables.count == 1)
        let table = try #require(tables.first)
        #expect(table.columns == ["No.", "Project", "Actions agreed", "Update", "Status"])
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
        let lists = list.document.blocks.compactMap { if case .bulletList(let items) = $0 { return items } else { return nil } }
        // JB: the oldest first, and the follow-up shared with DN under both owners.
        #expect(lists[2].map(\.plainText) == [
            "JB to ask the transport police for a named contact\nProject 3: Road, home and online safety awareness for young people\nRaised 12 March 2009, carried twice.",
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
                                        "raised date", "state", "carried count", "outcome"])
        let dropped = try #require(list.records.rows.first { $0[0] == "wsst9tv6fb5b" })
        #expect(dropped == ["wsst9tv6fb5b", "stay-safe", "3", "Road, home and online safety awareness for young people", "DN",
                            "find short local video clips on road safety", "2009-03-12", "dropped", "2",
                            "The Youth Service will make its own clips with young people instead"])
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
