import Foundation
import MinutesCore

// The one entry point for exports, shared by `minutes export` and the full-screen app's export
// menu: a request names a report, a format and the report's choices; the exporter builds the
// report from the engine's state and renders it to bytes with a proposed file name.

/// The reports there are.
public enum ExportReport: String, Sendable, Hashable, CaseIterable {
    /// The minutes of one meeting of a group.
    case minutes
    /// Per group, one row per project: actions, update, status rating.
    case monitoring
    /// Open follow-ups grouped by owner.
    case actions
    /// A group's project plan.
    case plan
    /// A group's action plan: a section per project as a focus area, with a monitoring box.
    case actionPlan = "action-plan"
    /// A group's decisions across its meetings: date, project, decision.
    case decisions

    /// A name for menus.
    public var title: String {
        switch self {
        case .minutes: return "Meeting minutes"
        case .monitoring: return "Monitoring report"
        case .actions: return "Action list"
        case .plan: return "Project plan"
        case .actionPlan: return "Action plan"
        case .decisions: return "Decisions log"
        }
    }

    /// The formats this report can be exported to. CSV holds flat follow-up records, so only
    /// the action list has it.
    public var formats: [ExportFormat] {
        switch self {
        case .minutes, .monitoring, .plan, .actionPlan: return [.docx, .pdf, .html, .md, .txt]
        case .actions, .decisions: return [.docx, .pdf, .html, .md, .txt, .csv]
        }
    }
}

/// A file format an export can be written in.
public enum ExportFormat: String, Sendable, Hashable, CaseIterable {
    case docx, pdf, html, md, txt, csv

    /// The format for a name or file extension: "docx", "pdf", "html"/"htm", "md"/"markdown",
    /// "txt"/"text", "csv" (any case).
    public init?(name: String) {
        if name.lowercased() == "csv" {
            self = .csv
        } else if name.lowercased() == "pdf" {
            self = .pdf
        } else if let format = ReportFormat(fileExtension: name) {
            self.init(format)
        } else {
            return nil
        }
    }

    public init(_ format: ReportFormat) {
        switch format {
        case .docx: self = .docx
        case .html: self = .html
        case .markdown: self = .md
        case .text: self = .txt
        }
    }

    /// The renderer of a whole document; nil for CSV, which renders flat records. A PDF is
    /// the docx converted by LibreOffice (`PDFConverter`).
    public var documentFormat: ReportFormat? {
        switch self {
        case .docx, .pdf: return .docx
        case .html: return .html
        case .md: return .markdown
        case .txt: return .text
        case .csv: return nil
        }
    }

    public var fileExtension: String { rawValue }

    public var mediaType: String {
        self == .pdf ? "application/pdf" : documentFormat?.mediaType ?? "text/csv; charset=utf-8"
    }

    /// Binary formats are never written to a terminal.
    public var isBinary: Bool { self == .docx || self == .pdf }
}

/// What to export.
public struct ExportRequest: Sendable, Hashable {
    public var report: ExportReport
    public var format: ExportFormat
    /// Minutes: the group (exactly one). Monitoring: the groups (all when empty).
    /// Action list: restricts to one group when given.
    public var groups: [String]
    /// Minutes: the meeting's date; the group's latest meeting when nil.
    public var meeting: Day?
    /// Monitoring: the report's date; the latest meeting of the groups when nil.
    public var asOf: Day?
    /// Monitoring: updates since this date (the previous report's); since each group's
    /// previous meeting when nil.
    public var since: Day?
    /// Action list: one owner's follow-ups, by initials or name, any case.
    public var owner: String?
    /// Action list: done and dropped follow-ups too.
    public var includeClosed: Bool
    /// Monitoring: updates since each plan's start, as undated bullets (the groups' cumulative
    /// report), instead of since the previous meeting.
    public var cumulative = false
    /// Written into the docx properties; nil keeps the output the same byte for byte.
    public var created: Date?
    /// The document's title instead of the report's own ("Stay Safe Working Group — Minutes").
    public var title: String?
    /// The document's language, a BCP 47 tag; `ReportDocument.defaultLanguage` when nil.
    public var language: String?
    /// CSV: start with a UTF-8 byte order mark, so that Excel reads the file as UTF-8.
    public var byteOrderMark: Bool = true
    /// Minutes: where they stand, shown under the title and in the footer; nil takes it from
    /// the journal (DRAFT until an `approve` entry says a later meeting approved them).
    public var status: MinutesReport.MinutesStatus?
    /// Keep confidential items in a circulated report (the minutes, the action list, the
    /// decisions log) instead of leaving them out and saying how many were withheld.
    public var includeConfidential = false

    public init(report: ExportReport, format: ExportFormat, groups: [String] = [], meeting: Day? = nil,
                asOf: Day? = nil, since: Day? = nil, owner: String? = nil, includeClosed: Bool = false,
                created: Date? = nil) {
        self.report = report
        self.format = format
        self.groups = groups
        self.meeting = meeting
        self.asOf = asOf
        self.since = since
        self.owner = owner
        self.includeClosed = includeClosed
        self.created = created
    }

    /// The first group, for reports about one group.
    public var group: String? {
        get { groups.first }
        set { groups = newValue.map { [$0] } ?? [] }
    }

    public static func minutes(group: String, meeting: Day? = nil, format: ExportFormat) -> ExportRequest {
        ExportRequest(report: .minutes, format: format, groups: [group], meeting: meeting)
    }

    public static func monitoring(groups: [String] = [], asOf: Day? = nil, since: Day? = nil, format: ExportFormat) -> ExportRequest {
        ExportRequest(report: .monitoring, format: format, groups: groups, asOf: asOf, since: since)
    }

    public static func decisions(group: String, since: Day? = nil, format: ExportFormat) -> ExportRequest {
        ExportRequest(report: .decisions, format: format, groups: [group], since: since)
    }

    public static func actions(owner: String? = nil, group: String? = nil, includeClosed: Bool = false, format: ExportFormat) -> ExportRequest {
        ExportRequest(report: .actions, format: format, groups: group.map { [$0] } ?? [], owner: owner, includeClosed: includeClosed)
    }
}

/// An export rendered: the file's bytes and a proposed name for it.
public struct ExportResult: Sendable {
    public var data: Data
    /// From the group, the report and its date: `stay-safe-minutes-2009-06-25.docx`.
    public var suggestedFileName: String
    public var format: ExportFormat
    /// Worth telling the user, not wrong: "nobody with initials XY is in the directory …".
    public var notes: [String]
    /// The report before rendering; nil for CSV.
    public var document: ReportDocument?
}

/// Why an export could not be made. `isUsageError` separates a request that cannot make sense
/// (exit status 2 on the command line) from data that does not hold what was asked for (1).
public enum ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownGroup(String, known: [String])
    case noMeetings(group: String)
    case noMeeting(group: String, on: Day, nearest: [Day])
    case missingGroup(ExportReport)
    case unsupportedFormat(ExportFormat, ExportReport)
    case unknownFormat(String)
    case badDates(String)
    /// The journal cannot be read, or has errors that would make the report partial.
    case journal(String)
    case binaryToTerminal(ExportFormat)
    case outputIsJournal(String)
    /// The output names the journal's lock, draft, torn-line or temporary file.
    case outputIsJournalSideFile(String, kind: String)
    case outputIsDirectory(String)
    /// A PDF was asked for and LibreOffice is not installed.
    case pdfConverterMissing
    /// LibreOffice did not make the PDF.
    case pdfConversion(String)
    case emptyOutputPath
    case write(String)

    public var isUsageError: Bool {
        switch self {
        case .missingGroup, .unsupportedFormat, .unknownFormat, .badDates, .binaryToTerminal, .outputIsJournal,
             .outputIsJournalSideFile, .outputIsDirectory, .emptyOutputPath:
            return true
        case .unknownGroup, .noMeetings, .noMeeting, .journal, .write, .pdfConverterMissing, .pdfConversion:
            return false
        }
    }

    /// 2 for bad usage, 1 for invalid data.
    public var exitCode: Int32 { isUsageError ? 2 : 1 }

    public var description: String {
        func quoted(_ text: String) -> String { "'" + TextEscaping.singleLine(text) + "'" }
        switch self {
        case .unknownGroup(let slug, let known):
            return "unknown group \(quoted(slug))" + (known.isEmpty ? "; the journal has no groups yet" : " (groups: \(known.joined(separator: ", ")))")
        case .noMeetings(let group):
            return "group \(group) has no meetings yet; add one with: minutes add meeting \(group) DATE"
        case .noMeeting(let group, let day, let nearest):
            return "no meeting of \(group) on \(day.iso)" + (nearest.isEmpty ? "" : " (meetings near it: \(nearest.map(\.iso).joined(separator: ", ")))")
        case .missingGroup(let report):
            return "the \(report.title.lowercased()) needs a group"
        case .unsupportedFormat(let format, let report):
            let others = report.formats.map(\.rawValue).joined(separator: ", ")
            let hint = format == .csv ? "; CSV holds follow-ups: minutes export actions --format csv" : ""
            return "the \(report.title.lowercased()) cannot be exported as \(format.rawValue) (formats: \(others))\(hint)"
        case .unknownFormat(let name):
            return "unknown format \(quoted(name)); use docx, pdf, html, md, txt or csv"
        case .badDates(let message):
            return message
        case .journal(let message):
            return message
        case .binaryToTerminal(let format):
            return "\(format.rawValue) is a binary format and standard output is a terminal; give a file with -o FILE"
        case .outputIsJournal(let path):
            return "refusing to write the export over the journal \(quoted(path)); the journal is only read"
        case .outputIsJournalSideFile(let path, let kind):
            return "refusing to write the export over \(quoted(path)), the journal's \(kind); the journal and its side files are only read"
        case .pdfConverterMissing:
            return "PDF needs LibreOffice and soffice is not on PATH; install it: apt-get install libreoffice-writer-nogui"
        case .pdfConversion(let message):
            return "LibreOffice could not make the PDF: " + message
        case .outputIsDirectory(let path):
            return "\(quoted(path)) is a folder; give a file name with -o"
        case .emptyOutputPath:
            return "-o/--output needs a file name"
        case .write(let message):
            return message
        }
    }
}

public enum Exporter {

    /// Builds and renders the report a request names from `state`.
    ///
    /// For the minutes of an earlier meeting (and a monitoring report at an earlier date) the
    /// state may be the latest one: the report only uses what was dated on or before its day.
    /// A state replayed as of that day (see `render(_:journalPath:)`) also shows text as it was
    /// then rather than as amended later.
    public static func render(_ request: ExportRequest, state: MinutesState) throws -> ExportResult {
        try checkFormat(request)
        let document: ReportDocument?
        var records: ReportRecordSet?
        var notes: [String] = []
        let stem: String

        switch request.report {
        case .minutes:
            guard let slug = request.group else { throw ExportError.missingGroup(.minutes) }
            let (group, meeting) = try MinutesReport.resolve(group: slug, meeting: request.meeting, state: state)
            document = MinutesReport.build(group: group, meeting: meeting, status: request.status,
                                           includeConfidential: request.includeConfidential, state: state)
            stem = "\(group.slug)-minutes-\(meeting.date.iso)"
        case .monitoring:
            let (groups, day) = try MonitoringReport.resolve(groups: request.groups, asOf: request.asOf, since: request.since, state: state)
            document = try MonitoringReport.build(groups: groups.map(\.slug), asOf: day, since: request.since,
                                                  cumulative: request.cumulative, includeConfidential: request.includeConfidential,
                                                  state: state)
            stem = (groups.count == 1 ? groups[0].slug + "-" : "") + "monitoring-\(day.iso)"
        case .actions:
            let list = try ActionListReport.build(group: request.group, owner: request.owner,
                                                  includeClosed: request.includeClosed,
                                                  includeConfidential: request.includeConfidential, state: state)
            document = request.format == .csv ? nil : list.document
            records = list.records
            notes = list.notes
            let ownerPart = request.owner.map(ReportWording.fileNamePart).flatMap { $0.isEmpty ? nil : $0 }
            stem = [request.group, "actions", ownerPart, list.latestMeeting?.iso].compactMap { $0 }.joined(separator: "-")
        case .plan:
            guard let slug = request.group else { throw ExportError.missingGroup(.plan) }
            guard let group = state.groups[slug] else { throw ExportError.unknownGroup(slug, known: state.groupOrder) }
            document = PlanReport.build(group: group, state: state)
            stem = "\(slug)-plan"
        case .actionPlan:
            guard let slug = request.group else { throw ExportError.missingGroup(.actionPlan) }
            guard let group = state.groups[slug] else { throw ExportError.unknownGroup(slug, known: state.groupOrder) }
            let day = request.asOf ?? group.latestMeeting?.date ?? state.lastTimestamp.day
            document = ActionPlanReport.build(group: group, asOf: day, state: state)
            stem = "\(slug)-action-plan-\(day.iso)"
        case .decisions:
            guard let slug = request.group else { throw ExportError.missingGroup(.decisions) }
            let log = try DecisionsReport.build(group: slug, since: request.since,
                                                includeConfidential: request.includeConfidential, state: state)
            document = request.format == .csv ? nil : log.document
            records = log.records
            stem = "\(slug)-decisions"
        }

        let data: Data
        var rendered = document
        rendered?.created = request.created
        if let title = request.title.map({ TextEscaping.singleLine($0).trimmingCharacters(in: .whitespaces) }), !title.isEmpty {
            rendered?.title = title
        }
        // The document's language: --lang, else the group's (`minutes plan GROUP --lang`).
        if let language = request.language ?? request.group.flatMap({ state.groups[$0]?.plan.language }) {
            rendered?.language = language
        }
        if let format = request.format.documentFormat, let rendered {
            data = try format.render(rendered)
        } else {
            data = CSVRenderer.renderData(records ?? ReportRecordSet(header: ActionListReport.csvColumns),
                                          byteOrderMark: request.byteOrderMark)
        }
        if request.format == .pdf {
            let pdf = try PDFConverter.convert(docx: data)
            return ExportResult(data: pdf, suggestedFileName: stem + ".pdf", format: .pdf, notes: notes, document: rendered)
        }
        return ExportResult(data: data, suggestedFileName: stem + "." + request.format.fileExtension,
                            format: request.format, notes: notes, document: rendered)
    }

    /// Reads the journal at `path` (never writes it) and renders the report a request names.
    ///
    /// The minutes are built from the journal replayed as of the meeting, and a monitoring
    /// report from the journal as of its date, so both show what was known then. A journal with
    /// errors is refused (the report would be partial).
    public static func render(_ request: ExportRequest, journalPath path: String) throws -> ExportResult {
        try checkFormat(request)
        let full = try load(path: path, asOf: nil)

        let day: Day?
        switch request.report {
        case .minutes:
            guard let slug = request.group else { throw ExportError.missingGroup(.minutes) }
            day = try MinutesReport.resolve(group: slug, meeting: request.meeting, state: full).1.date
        case .monitoring:
            day = try MonitoringReport.resolve(groups: request.groups, asOf: request.asOf, since: request.since, state: full).asOf
        case .actions, .plan, .decisions:
            day = nil
        case .actionPlan:
            day = request.asOf
        }

        var state = full
        if let day, !covers(day, full) {
            state = try load(path: path, asOf: day)
        }
        var resolved = request
        // The language is how the group writes its documents now, not part of what a
        // meeting knew: taken from the whole journal, not the as-of replay.
        if resolved.language == nil { resolved.language = request.group.flatMap { full.groups[$0]?.plan.language } }
        if request.report == .minutes { resolved.meeting = day }
        if request.report == .monitoring { resolved.asOf = day }
        return try render(resolved, state: state)
    }

    /// Whether nothing in the state is dated after `day`, so replaying as of it changes nothing.
    static func covers(_ day: Day, _ state: MinutesState) -> Bool {
        let latestMeeting = state.groupList.compactMap { $0.latestMeeting?.date }.max()
        return state.lastTimestamp.day <= day && (latestMeeting.map { $0 <= day } ?? true)
    }

    static func checkFormat(_ request: ExportRequest) throws {
        guard request.report.formats.contains(request.format) else {
            throw ExportError.unsupportedFormat(request.format, request.report)
        }
    }

    /// Loads a journal for reading, refusing one that cannot be read or has errors.
    public static func load(path: String, asOf: Day?) throws -> MinutesState {
        let loaded: LoadedJournal
        do {
            loaded = try JournalLoader.load(path: path, asOf: asOf)
        } catch let error as JournalFileError {
            throw ExportError.journal(error.description)
        } catch {
            throw ExportError.journal("\(path): \(error)")
        }
        let errors = loaded.diagnostics.errors
        if let first = errors.first {
            let more = errors.count > 1 ? " (and \(errors.count - 1) more error\(errors.count == 2 ? "" : "s"))" : ""
            throw ExportError.journal(first.headline(file: path) + more + "; fix it first, see: minutes check -f \(path)")
        }
        return loaded.state
    }
}
