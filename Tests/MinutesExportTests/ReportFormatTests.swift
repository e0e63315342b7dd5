import Foundation
import Testing
import MinutesCore
@testable import MinutesExport

@Suite struct ReportFormatTests {

    @Test func formatsAreFoundByFileExtension() {
        #expect(ReportFormat(fileExtension: "MD") == .markdown)
        #expect(ReportFormat(fileExtension: "htm") == .html)
        #expect(ReportFormat(fileExtension: "docx") == .docx)
        #expect(ReportFormat(fileExtension: "pdf") == nil)
        #expect(ReportFormat.allCases.map(\.fileExtension) == ["md", "txt", "html", "docx"])
    }

    /// Writes the sample minutes in every format with `AtomicFileWriter`, into
    /// `$EXPORT_SAMPLE_DIR` when it is set (to look at them, e.g. in LibreOffice) or a temporary folder.
    @Test func everyFormatIsWrittenToDiskAtomically() throws {
        let folder: URL
        if let path = ProcessInfo.processInfo.environment["EXPORT_SAMPLE_DIR"] {
            folder = URL(fileURLWithPath: path, isDirectory: true)
        } else {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("minutes-export-\(UUID().uuidString)")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for format in ReportFormat.allCases {
            let url = folder.appendingPathComponent("minutes.\(format.fileExtension)")
            let data = try format.render(SampleReports.minutes)
            try AtomicFileWriter.write(data, to: url)
            #expect(FileManager.default.contents(atPath: url.path) == data)
        }
        let csv = folder.appendingPathComponent("actions.csv")
        try AtomicFileWriter.write(CSVRenderer.renderData(SampleReports.actionRecords, byteOrderMark: true), to: csv)
        #expect(FileManager.default.contents(atPath: csv.path)?.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        if ProcessInfo.processInfo.environment["EXPORT_SAMPLE_DIR"] == nil {
            try FileManager.default.removeItem(at: folder)
        }
    }

    @Test func reportTextInterpolationMakesBoldRuns() {
        let text: ReportText = "\(bold: "KP") to adjust and e-mail \("the list")"
        let runs: [ReportText.Run] = [.init("KP", bold: true), .init(" to adjust and e-mail "), .init("the list")]
        let merged: [ReportText.Run] = [.init("KP", bold: true), .init(" to adjust and e-mail the list")]
        #expect(text.runs == runs)
        #expect(text.normalizedRuns == merged)
        #expect(text.plainText == "KP to adjust and e-mail the list")
        #expect((ReportText.plain("a") + .bold("b")).runs.map(\.isBold) == [false, true])
    }

    @Test func tablesPadRowsAndShareOutColumnWidths() {
        let table = ReportTable(columns: ["No.", "Headline"], rows: [["1", "Safer journeys", "extra"]], columnWeights: [1, 3, 2])
        #expect(table.columnCount == 3)
        #expect(table.paddedColumns == ["No.", "Headline", ""])
        let expected: [Double] = [1.0 / 6, 3.0 / 6, 2.0 / 6]
        #expect(table.columnFractions == expected)
        let equal = ReportTable(columns: ["A", "B"], columnWeights: [1, -1])
        #expect(equal.columnFractions == [0.5, 0.5])
    }
}
