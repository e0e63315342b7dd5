import Foundation
import Testing
@testable import MinutesExport

@Suite struct CSVRendererTests {
    let csv = CSVRenderer.render(SampleReports.actionRecords)

    @Test func csvMatchesGoldenFile() throws {
        try Golden.assertMatches(csv, named: "actions.csv")
    }

    @Test func csvEndsEveryRecordWithCRLF() throws {
        #expect(csv.hasSuffix("\r\n"))
        #expect(csv.hasPrefix("Owner,Follow-up,Project,Raised,Carried\r\n"))
        let records = try CSVReader.read(csv)
        #expect(records.count == SampleReports.actionRecords.rows.count + 1)
        #expect(records.allSatisfy { $0.count == 5 })
    }

    @Test func csvQuotesFieldsWithCommasQuotesAndLineBreaks() {
        #expect(csv.contains("KP,\"Chase the remaining entries, \"\"soon\"\"\",2,"))
        #expect(csv.contains("AB,\"Two lines\r\nof text\",1,"))
    }

    @Test func csvNeutralisesFormulaCells() throws {
        let records = try CSVReader.read(csv)
        let followUps = records.dropFirst().map { $0[1] }
        #expect(followUps.contains("'=cmd|' /C calc'!A0"))
        #expect(followUps.contains("'+44 1234 567890"))
        #expect(followUps.contains("'-1 from the total"))
        #expect(followUps.contains("'@SUM(A1:A9)"))
        #expect(followUps.contains(" Tabbed"))
        #expect(followUps.contains("'\rcarriage"))
        for field in records.joined() {
            if let first = field.unicodeScalars.first {
                #expect(!["=", "+", "-", "@", "\t", "\r"].contains(first), "formula-like field: \(field.debugDescription)")
            }
        }
    }

    @Test func csvRemovesControlCharactersButKeepsText() throws {
        #expect(!csv.containsScalar { TextEscaping.isControl($0) })
        #expect(!csv.containsScalar(where: TextEscaping.isBidiControl))
        let records = try CSVReader.read(csv)
        let hostile = try #require(records.first { $0[0] == "AB" && $0[1].contains("script") })
        #expect(hostile[1] == "<script>alert('x')</script> & \"quoted\" [31mred bellnul desrevernext line =cmd|' /C calc'!A0")
    }

    @Test func csvRoundTripsEveryOrdinaryField() throws {
        let records = try CSVReader.read(csv)
        for (row, original) in zip(records.dropFirst(), SampleReports.actionRecords.rows) {
            for (field, source) in zip(row, original) where source.unicodeScalars.allSatisfy({
                !TextEscaping.isControl($0) && !TextEscaping.isBidiControl($0)
            }) && !["=", "+", "-", "@", "\t", "\r"].contains(source.unicodeScalars.first ?? " ") {
                #expect(field == source)
            }
        }
        let unicode = try #require(records.last)
        #expect(unicode[1] == SampleReports.urdu + " " + SampleReports.chinese + " " + SampleReports.emoji)
    }

    @Test func csvPadsShortRecordsAndCanAddAByteOrderMark() throws {
        let records = ReportRecordSet(header: ["A", "B", "C"], rows: [["1"]])
        #expect(CSVRenderer.render(records) == "A,B,C\r\n1,,\r\n")
        let data = CSVRenderer.renderData(records, byteOrderMark: true)
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
    }

    @Test func csvFlattensATableCellIntoLines() throws {
        let table = ReportTable(columns: ["Progress"], rows: [[[.subheading("26 March 2025"), .bullet("Done"), .paragraph("\(bold: "KP") told us")]]])
        let records = try CSVReader.read(CSVRenderer.render(table))
        #expect(records == [["Progress"], ["26 March 2025\n• Done\nKP told us"]])
    }
}
