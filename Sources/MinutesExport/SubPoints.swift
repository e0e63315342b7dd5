/// An entry's sub-points: the lines of its text that start with "- ", as people type them in
/// Word and e-mail ("Template to be sent, detailing:⏎- an overview⏎- contact numbers").
///
/// The entry's own text is the lines before the first sub-point. A line after a sub-point that
/// does not start with "- " continues that sub-point (as a Markdown list item's lazy
/// continuation does), so no text is lost or moved out of order. A "- " line with nothing
/// after the dash is not a sub-point.
public struct SubPoints: Sendable, Hashable {
    /// The entry's text without its sub-points (line breaks kept).
    public var head: String
    /// Each sub-point's text without its "- " (a continued one holds a line break).
    public var points: [String]

    public init(head: String, points: [String]) {
        self.head = head
        self.points = points
    }

    /// Splits `text` into its own lines and its sub-points.
    public static func split(_ text: String) -> SubPoints {
        // Most entries are one line: no line break, no sub-points.
        guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else {
            return SubPoints(head: text, points: [])
        }
        var headLines: [Substring] = []
        var points: [String] = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if let point = subPoint(line) {
                points.append(point)
            } else if points.isEmpty {
                headLines.append(line)
            } else if !line.allSatisfy(\.isWhitespace) {
                points[points.count - 1] += "\n" + line.drop { $0 == " " }
            }
        }
        while let last = headLines.last, last.allSatisfy(\.isWhitespace) { headLines.removeLast() }
        return SubPoints(head: headLines.joined(separator: "\n"), points: points)
    }

    /// The text of a "- point" line (leading spaces allowed), or nil.
    static func subPoint(_ line: Substring) -> String? {
        let trimmed = line.drop { $0 == " " }
        guard trimmed.hasPrefix("- ") else { return nil }
        let point = trimmed.dropFirst(2).drop { $0 == " " }
        return point.allSatisfy(\.isWhitespace) ? nil : String(point)
    }

    /// A list item with `prefix` (the owners of a follow-up, in bold) before the entry's own
    /// text and `suffix` (how long it has been carried) after it, its sub-points nested.
    public func listItem(prefix: ReportText = ReportText(), suffix: ReportText = ReportText(),
                         detail: ReportText = ReportText()) -> ReportListItem {
        let text = prefix + ReportText(head) + suffix
        return ReportListItem(text, subPoints: points.map { ReportText($0) }, detail: detail)
    }
}
