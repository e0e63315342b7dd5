import Foundation
import MinutesCore
@testable import MinutesImport
import Testing

/// How the Word documents' tables are read, quirks included.
@Suite struct ReadingWordTests {
    @Test func aWordSplitAcrossRunsReadsWhole() throws {
        let read = try Fixture.read("riverside-2025-04.docx")
        let first = try #require(read.projects.first)
        #expect(first.number == 1)
        #expect(first.headline == "Every volunteer holds a first aid certificate")
        #expect(first.progress.last?.notes.last?.text == "JB has collected dates from two of the three centres.")
    }

    @Test func softLineBreaksAndTypedBulletsMakeOneNoteEach() throws {
        let progress = try Fixture.read("riverside-2025-04.docx").projects[0].progress
        #expect(progress.map(\.date) == [nil, MinutesDate(day: 12, month: 3, year: nil), MinutesDate(day: 9, month: 4, year: nil)])
        #expect(progress[0].notes.map(\.text) == ["Asked the three centres how many volunteers hold a certificate.",
                                                  "Most certificates lapse after three years."])
        #expect(progress[1].notes.map(\.text) == ["St Anne’s centre offered its hall for the first course.", "The trainer quoted £40 a person."])
    }

    @Test func aHeadingRowInsideTheTableGivesTheProjectNumber() throws {
        let body = "<w:tbl>" + Fixture.row(["<w:tcPr><w:gridSpan w:val=\"3\"/></w:tcPr>" + Fixture.p("PROJECT 7")])
            + Fixture.row([Fixture.p("Actions required"), Fixture.p("Progress: 2nd June 2024"), Fixture.p("To do by next meeting")])
            + Fixture.row([Fixture.p("Walk the route"), Fixture.p("Route agreed"), Fixture.p("KP to print maps")]) + "</w:tbl>"
        let read = try Fixture.read(docx: try Fixture.docx(body: body))
        #expect(read.projects.map(\.number) == [7])
        #expect(read.projects[0].meetingDate == MinutesDate(day: 2, month: 6, year: 2024))
        #expect(read.projects[0].toDo.map(\.text) == ["KP to print maps"])
    }

    @Test func aHeadingAboveTheColumnNameInTheSameCellGivesTheNumber() throws {
        let body = "<w:tbl>" + Fixture.row([Fixture.p("PROJECT 4") + Fixture.p("Actions required:") + Fixture.p("Attendance of every pupil"),
                                             Fixture.p("Progress: 2nd June 2024"), Fixture.p("To do by next meeting")])
            + Fixture.row([Fixture.p("Share the data"), Fixture.p("Data shared"), Fixture.p("KP to chase")]) + "</w:tbl>"
        let project = try #require(try Fixture.read(docx: try Fixture.docx(body: body)).projects.first)
        #expect(project.number == 4)
        #expect(project.headline == "Attendance of every pupil")
    }

    @Test func verticallyMergedCellsAreReadOnce() throws {
        let project = try Fixture.read("riverside-2025-04.docx").projects[1]
        #expect(project.actions.map(\.text) == ["Agree one calendar for all partners", "Publish it on the library noticeboard and online"])
        #expect(project.toDo.count == 2)
        #expect(project.progress.map { $0.notes.count } == [2, 2])
    }

    @Test func columnsInAnotherOrderAreReadByTheirHeadingsAndTold() throws {
        let read = try Fixture.read("riverside-2025-04.docx")
        let project = try #require(read.projects.first { $0.number == 3 })
        #expect(project.toDo.map(\.text) == ["TM to ask the council about a crossing patrol", "QX to write to the parents’ forum"])
        #expect(project.actions.map(\.text) == ["Map the routes pupils walk today"])
        #expect(read.notices.contains { $0.description.hasPrefix("table 4: columns in another order") })
    }

    @Test func aTableThatIsNotAProjectTableIsSkippedWithItsPlace() throws {
        let read = try Fixture.read("riverside-2025-04.docx")
        #expect(read.notices.first?.description == "table 1: skipped: not a project table (no header row 'Actions required | Progress | To do by next meeting')")
    }

    @Test func followUpsCrossedOffOrMarkedDoneAreDone() throws {
        let toDo = try Fixture.read("riverside-2025-05.docx").projects.flatMap(\.toDo)
        #expect(toDo.filter(\.isDone).map(\.text) == ["RO to send the booking form to volunteers", "RO to put the calendar on the library website"])
        let struck = "<w:tbl>" + Fixture.row([Fixture.p("Actions required - Project 1: X"), Fixture.p("Progress: 1 May 2024"), Fixture.p("To do")])
            + Fixture.row([Fixture.p(""), Fixture.p(""), "<w:p><w:r><w:rPr><w:strike/></w:rPr><w:t>KP to call</w:t></w:r></w:p>"]) + "</w:tbl>"
        #expect(try Fixture.read(docx: try Fixture.docx(body: struck)).projects[0].toDo.map(\.isDone) == [true])
    }

    @Test func aMergedCellAcrossTwoColumnsIsReadAsTheFirstWithItsPlace() throws {
        let body = "<w:tbl>" + Fixture.row([Fixture.p("Actions required - Project 2: Y"), Fixture.p("Progress: 1 May 2024"), Fixture.p("To do")])
            + Fixture.row([Fixture.p("An action"), "<w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>" + Fixture.p("A note")]) + "</w:tbl>"
        let read = try Fixture.read(docx: try Fixture.docx(body: body))
        #expect(read.projects[0].progress.first?.notes.map(\.text) == ["A note"])
        #expect(read.notices.map(\.description) == ["table 1, row 2, column 2: one merged cell spans Progress and To do by next meeting; read as Progress"])
    }

    @Test func deletedTextTextBoxesAndFallbackCopiesAreLeftOut() throws {
        let body = """
            <w:p><w:r><w:t>kept </w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del>\
            <w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps">\
            <w:drawing><w:txbxContent><w:p><w:r><w:t>boxed</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>\
            <mc:Fallback><w:t>copy</w:t></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>too</w:t></w:r></w:p>
            """
        let blocks = try WordDocumentReader.read(try DocxPackage.read(data: try Fixture.docx(body: body)))
        #expect(blocks == [.paragraph(WordParagraph(lines: [WordLine(text: "kept too", isBold: false, isStruck: false)], isListItem: false))])
    }

    @Test func listParagraphsNumberedNoneAreNotBullets() throws {
        let numbering = """
            <w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="4"><w:lvl w:ilvl="0"><w:numFmt w:val="none"/></w:lvl></w:abstractNum><w:num w:numId="9"><w:abstractNumId w:val="4"/></w:num></w:numbering>
            """
        let body = "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"9\"/></w:numPr></w:pPr><w:r><w:t>plain</w:t></w:r></w:p>"
        let blocks = try WordDocumentReader.read(try DocxPackage.read(data: try Fixture.docx(body: body, numbering: numbering)))
        #expect(blocks == [.paragraph(WordParagraph(lines: [WordLine(text: "plain", isBold: false, isStruck: false)], isListItem: false))])
    }
}

/// Dates as minutes write them.
@Suite struct MinutesDateTests {
    @Test func ordinalsMonthNamesAndYearsAreRead() {
        #expect(MinutesDate.parse("26th June") == MinutesDate(day: 26, month: 6, year: nil))
        #expect(MinutesDate.parse("Friday 26th June.") == MinutesDate(day: 26, month: 6, year: nil))
        #expect(MinutesDate.parse("June 26, 2009") == MinutesDate(day: 26, month: 6, year: 2009))
        #expect(MinutesDate.parse("1st of Sept 2010") == MinutesDate(day: 1, month: 9, year: 2010))
        #expect(MinutesDate.parse("26/06/2009") == MinutesDate(day: 26, month: 6, year: 2009))
        #expect(MinutesDate.parse("2009-06-26") == MinutesDate(day: 26, month: 6, year: 2009))
    }

    @Test func aLineThatOnlyMentionsADateIsNotADateLine() {
        #expect(MinutesDate.parse("Plan for 26th June") == nil)
        #expect(MinutesDate.parse("31st June") == nil)
        #expect(MinutesDate.parse("May") == nil)
    }

    @Test func aMissingYearIsTheLastSuchDayOnOrBeforeTheMeeting() {
        let january = Day(year: 2010, month: 1, day: 14)!
        #expect(MinutesDate(day: 10, month: 12, year: nil).resolved(near: january) == Day(year: 2009, month: 12, day: 10))
        #expect(MinutesDate(day: 14, month: 1, year: nil).resolved(near: january) == january)
    }
}
