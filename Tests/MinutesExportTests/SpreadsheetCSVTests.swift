import Foundation
import Testing
import MinutesCore
@testable import MinutesExport

/// The action list as CSV for spreadsheets: a UTF-8 byte order mark by default (Excel reads
/// the file as the local code page without one), none with `--no-bom`; ISO dates.
@Suite struct SpreadsheetCSVTests {

    static let python = "/usr/bin/python3"

    static func csv(byteOrderMark: Bool) throws -> Data {
        var request = ExportRequest.actions(includeClosed: true, format: .csv)
        request.byteOrderMark = byteOrderMark
        return try Exporter.render(request, journalPath: ExportFixtures.samplePath).data
    }

    @Test func theCSVStartsWithAByteOrderMarkUnlessAskedNotTo() throws {
        let with = try Self.csv(byteOrderMark: true)
        let without = try Self.csv(byteOrderMark: false)
        #expect(Array(with.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(without.starts(with: Array("id,group,".utf8)))
        #expect(with.dropFirst(3) == without)
    }

    /// Python's csv module reading the file as `utf-8-sig`, as a spreadsheet script would:
    /// the byte order mark is not part of the first column's name, accents and Urdu survive,
    /// and every date is an ISO date.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: python), "needs /usr/bin/python3"))
    func pythonsCSVModuleReadsItBackWithUTF8Sig() throws {
        let folder = try ExportFixtures.temporaryFolder("csv-bom")
        let file = folder.appendingPathComponent("actions.csv")
        try Self.csv(byteOrderMark: true).write(to: file)
        let script = """
            import csv, json, sys
            with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
                rows = list(csv.DictReader(f))
            print(json.dumps({"fields": list(rows[0].keys()), "rows": rows}, ensure_ascii=False))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = ["-c", script, file.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        struct Read: Decodable { var fields: [String]; var rows: [[String: String]] }
        let read = try JSONDecoder().decode(Read.self, from: data)
        #expect(read.fields == ActionListReport.csvColumns)
        let state = try ExportFixtures.sampleState()
        #expect(read.rows.count == state.followUps(matching: FollowUpFilter(includeClosed: true)).count)
        #expect(read.rows.allSatisfy { Day.parseISO($0["raised date"] ?? "") != nil })
        #expect(read.rows.contains { $0["owners"] == "ZN" })
        #expect(read.rows.contains { ($0["project headline"] ?? "").contains("young people") })
    }
}
