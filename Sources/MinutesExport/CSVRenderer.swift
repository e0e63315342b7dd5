import Foundation

/// Renders flat records as RFC 4180 CSV: CRLF after every record (the last included), fields
/// through `TextEscaping.csvField` (quoting, doubled quotes, formula neutralising).
public enum CSVRenderer {

    public static func render(_ records: ReportRecordSet) -> String {
        let width = max(records.header.count, records.rows.map(\.count).max() ?? 0)
        var out = ""
        for record in [records.header] + records.rows {
            let padded = record + Array(repeating: "", count: width - record.count)
            out += padded.map(TextEscaping.csvField).joined(separator: ",")
            out += "\r\n"
        }
        return out
    }

    /// The same CSV as UTF-8 bytes, optionally with a byte order mark (which Excel needs to
    /// detect UTF-8 when a file is opened by double-clicking).
    public static func renderData(_ records: ReportRecordSet, byteOrderMark: Bool = false) -> Data {
        var data = byteOrderMark ? Data([0xEF, 0xBB, 0xBF]) : Data()
        data.append(contentsOf: render(records).utf8)
        return data
    }

    /// A table flattened to records (see `ReportRecordSet.init(table:)`).
    public static func render(_ table: ReportTable) -> String {
        render(ReportRecordSet(table: table))
    }
}
