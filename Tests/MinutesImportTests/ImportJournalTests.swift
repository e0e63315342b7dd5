import Foundation
import MinutesCore
@testable import MinutesImport
import Testing

/// Three months of minutes into one journal: meetings, notes, follow-ups and what is not repeated.
@Suite struct ImportJournalTests {
    @Test func threeMonthsImportAsThreeMeetingsWithTheirNotesUnderTheirDates() throws {
        let journal = try Fixture.journal()
        try Fixture.importThreeMonths(into: journal)
        let loaded = try Fixture.state(journal)
        #expect(loaded.diagnostics.isEmpty)
        let state = loaded.state
        #expect(state.groups["riverside"]?.meetings.map(\.date) == Fixture.months.map(\.meeting))
        let notes = state.notes(of: ProjectRef(group: "riverside", number: 1))
        #expect(notes.map(\.meeting.iso) == ["2025-03-12", "2025-03-12", "2025-03-12", "2025-03-12", "2025-04-09", "2025-04-09", "2025-05-14", "2025-05-14"])
        #expect(state.actions(of: ProjectRef(group: "riverside", number: 2)).count == 2)
    }

    @Test func openFollowUpsAreCarriedWithTheirOwnersAndCounts() throws {
        let journal = try Fixture.journal()
        try Fixture.importThreeMonths(into: journal)
        let state = try Fixture.state(journal).state
        let open = state.projects(in: "riverside").flatMap { state.followUps(of: $0.ref) }.filter { $0.state.isOpen }
        let summary = open.map { "\(Owner.phrase($0.owners)) to \($0.text) ×\(state.carriedCount($0))" }
        #expect(summary == [
            "AS to collect certificate dates from each centre ×2",
            "RO to ask the trainer about an evening course ×0",
            "AS and RO to draft the rules for adding events ×2",
            "AS to remind partners to add their events ×0",
            "Schools to count the pupils who walk ×2",
            "TM to ask the council about a crossing patrol ×2",
            "QX to write to the parents’ forum ×1",
            "TM to share the survey results ×0",
        ])
    }

    @Test func followUpsThatComeBackDoneOrAsNotesAreClosedNotRepeated() throws {
        let journal = try Fixture.journal()
        try Fixture.importThreeMonths(into: journal)
        let state = try Fixture.state(journal).state
        let all = state.projects(in: "riverside").flatMap { state.followUps(of: $0.ref) }
        let closed = all.filter { !$0.state.isOpen }.map { "\($0.text) \($0.state.closedOn!.iso)" }
        #expect(closed == ["book the hall for the May course 2025-04-09", "send the booking form to volunteers 2025-05-14",
                           "compare two free calendar tools 2025-04-09", "put the calendar on the library website 2025-05-14"])
        #expect(Set(all.map(\.text)).count == all.count)
    }

    @Test func reimportingEveryMonthAddsNothing() throws {
        let journal = try Fixture.journal()
        try Fixture.importThreeMonths(into: journal)
        let before = Fixture.bytes(journal)
        for month in Fixture.months {
            let plan = try Fixture.importFile(month.file, into: journal, meeting: month.meeting)
            #expect(plan.isEmpty, "\(month.file) would add \(plan.steps)")
        }
        #expect(Fixture.bytes(journal) == before)
    }

    @Test func theUndatedFirstBlockGoesToAnEarlierMeetingAndThePreviewSaysSo() throws {
        let journal = try Fixture.journal()
        let plan = try Fixture.importFile("riverside-2025-03.docx", into: journal, meeting: nil)
        #expect(plan.earlierMeeting == Day(year: 2025, month: 3, day: 11))
        let preview = ImportPreview.lines(plan, file: "march.docx", state: try Fixture.state(journal).state)
        #expect(preview.contains { $0.contains("\"earlier\" meeting on 11 March 2025") })
        #expect(preview.contains("Meetings to add: 11 March 2025 (\"earlier\"), 12 March 2025"))
    }

    @Test func thePreviewCountsPerProjectAndNamesUnknownInitials() throws {
        let journal = try Fixture.journal(people: ["RO Rosa Okafor", "JB Jamal Bakr", "TM Tess Marlow", "AS Anil Shah"])
        try Fixture.importFile("riverside-2025-03.docx", into: journal, meeting: nil, undated: Fixture.months[0].meeting)
        let read = try Fixture.read("riverside-2025-04.docx")
        let state = try Fixture.state(journal).state
        let plan = try ImportPlanner.plan(read, state: state, options: ImportOptions(group: "riverside", meeting: Fixture.months[1].meeting))
        let preview = ImportPreview.lines(plan, file: "april.docx", state: state)
        #expect(preview.contains("Project 1 \"Every volunteer holds a first aid certificate\": 2 notes (9 April: 2), 1 open follow-up, 1 follow-up marked done; 1 follow-up carried, 6 already in the journal"))
        #expect(preview.contains("Initials not in the directory: QX; to add them, import with --add-person QX=\"Full Name\""))
        #expect(preview.contains("  project 3: \"Schools to count the pupils who walk\" (from 12 March 2025)"))
        #expect(preview.contains("  note: the year, 2025, is taken from --meeting"))
    }

    @Test func aDocumentWithoutAYearNeedsTheMeetingDate() throws {
        let journal = try Fixture.journal()
        let read = try Fixture.read("riverside-2025-04.docx")
        #expect(throws: ImportError.noYear(MinutesDate(day: 9, month: 4, year: nil))) {
            try ImportPlanner.plan(read, state: try Fixture.state(journal).state, options: ImportOptions(group: "riverside"))
        }
    }

    @Test func aFollowUpStillListedIsNotClosedByANoteRepeatingIt() throws {
        let journal = try Fixture.journal()
        let session = try JournalSession(path: journal, locking: .none)
        let ref = ProjectRef(group: "riverside", number: 1)
        let march = Fixture.months[0].meeting
        try session.recordBatch { batch in
            try batch.add(.meeting(MeetingFields(group: "riverside", date: march)))
            try batch.add(.project(ref, headline: "Training"))
            try batch.add(.plan(.project(ref), PlanFields(start: march)))
            try batch.add(.todo(ref, meeting: march, owners: [], text: "RO is organising an evening course"))
        }
        let table = "<w:tbl>" + Fixture.row([Fixture.p("Actions required - Project 1: Training"), Fixture.p("Progress: 9th April 2025"), Fixture.p("To do")])
            + Fixture.row([Fixture.p(""), Fixture.p("9th April") + Fixture.p("· RO is organising an evening course"),
                           Fixture.p("· RO is organising an evening course")]) + "</w:tbl>"
        let read = try Fixture.read(docx: try Fixture.docx(body: table))
        let plan = try ImportPlanner.plan(read, state: try Fixture.state(journal).state, options: ImportOptions(group: "riverside"))
        #expect(plan.projects.map(\.doneFollowUps) == [0])
        #expect(plan.projects.map(\.carried) == [1])
        #expect(plan.projects.map { $0.notes.values.reduce(0, +) } == [1])
    }

    @Test func everyImportedEntryNamesTheFileItCameFrom() throws {
        let journal = try Fixture.journal()
        let before = String(decoding: Fixture.bytes(journal), as: UTF8.self).split(separator: "\n").count
        try Fixture.importFile("riverside-2025-03.docx", into: journal, meeting: nil)
        let lines = String(decoding: Fixture.bytes(journal), as: UTF8.self).split(separator: "\n").dropFirst(before)
        #expect(lines.count == 26)
        #expect(lines.allSatisfy { $0.hasSuffix(" source=import:riverside-2025-03.docx") })
    }
}
