import Foundation

/// The formats a whole `ReportDocument` can be exported to. (CSV exports a flat
/// `ReportRecordSet` instead; see `CSVRenderer`.)
public enum ReportFormat: String, Sendable, CaseIterable {
    case markdown = "md"
    case text = "txt"
    case html = "html"
    case docx = "docx"

    public var fileExtension: String { rawValue }

    public var mediaType: String {
        switch self {
        case .markdown: return "text/markdown; charset=utf-8"
        case .text: return "text/plain; charset=utf-8"
        case .html: return "text/html; charset=utf-8"
        case .docx: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        }
    }

    /// The format for a file extension such as "md", "markdown", "txt", "html", "htm", "docx".
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "md", "markdown": self = .markdown
        case "txt", "text": self = .text
        case "html", "htm": self = .html
        case "docx": self = .docx
        default: return nil
        }
    }

    /// The document rendered as the bytes of a file in this format.
    public func render(_ document: ReportDocument) throws -> Data {
        switch self {
        case .markdown: return Data(MarkdownRenderer.render(document).utf8)
        case .text: return Data(TextRenderer.render(document).utf8)
        case .html: return Data(HTMLRenderer.render(document).utf8)
        case .docx: return try DocxRenderer.render(document)
        }
    }
}
