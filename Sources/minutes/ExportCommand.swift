import ArgumentParser
import Foundation
import MinutesCore
import MinutesExport
import MinutesTUI

/// `minutes export`: meeting minutes, monitoring reports and action lists as docx, html,
/// Markdown, plain text or (follow-ups only) CSV. The journal is only read.
///
/// The work is done by `Exporter` in MinutesExport, which the full-screen app's export menu
/// calls too (see `appExporter`); these commands only parse, pick the destination and report.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export minutes, monitoring reports and action lists (docx, pdf, html, md, txt, csv).",
        discussion: """
            Text formats go to standard output unless -o names a file; docx and pdf need -o (or \
            standard output redirected to a file). A PDF is the docx converted by LibreOffice \
            (package libreoffice-writer-nogui). An existing output file is replaced atomically. CSV \
            is for the action list: one record per follow-up. The journal is only read. \
            Example: minutes export minutes be-safe --format docx -o minutes.docx
            """,
        subcommands: [ExportMinutesCommand.self, ExportMonitoringCommand.self, ExportActionsCommand.self,
                      ExportPlanCommand.self, ExportActionPlanCommand.self, ExportDecisionsCommand.self]
    )

    /// The full-screen app's `E` hook (`TerminalApp.Hooks.exporter`): writes the chosen report
    /// for the group shown (the minutes of the meeting shown, a monitoring report as of it, the
    /// group's open follow-ups) to the file typed, and returns the path written.
    static func appExporter(journalPath: String) -> (ExportChoice, String, Day?, String, MinutesState) throws -> String {
        { choice, group, meeting, path, state in
            guard let format = ExportFormat(name: choice.format) else {
                throw ExportError.unknownFormat(choice.format)
            }
            let request: ExportRequest
            switch choice.report {
            case .minutes: request = .minutes(group: group, meeting: meeting, format: format)
            case .monitoring: request = .monitoring(groups: [group], asOf: meeting, format: format)
            case .actions: request = .actions(group: group, format: format)
            }
            return try Exporter.write(request, state: state, toFile: path, journalPath: journalPath)
        }
    }
}

/// The format and the output file, taken by every export.
struct ExportOutputOptions: ParsableArguments {
    @Option(name: .long,
            help: ArgumentHelp("docx, pdf, html, md or txt; csv for the action list. Default: the extension of -o.",
                               valueName: "format"))
    var format: String?

    @Option(help: ArgumentHelp("The document's title, instead of the report's own (e.g. the group's name and \"Minutes\").",
                               valueName: "title"))
    var title: String?

    @Option(help: ArgumentHelp("The document's language, a BCP 47 tag such as en-GB, en-US, ur-PK (default: en-GB).",
                               valueName: "tag"))
    var lang: String?

    @Flag(name: .customLong("no-bom"),
          help: "CSV: no UTF-8 byte order mark (by default there is one, so that Excel reads accents).")
    var noByteOrderMark = false

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("The file to write, replaced atomically if it exists. Default (or -): standard output.",
                               valueName: "file"),
            completion: .file())
    var output: String?

    /// `--format`, else the extension of `-o`.
    var exportFormat: ExportFormat? {
        if let format { return ExportFormat(name: format) }
        guard let output, output != "-" else { return nil }
        let ext = URL(fileURLWithPath: output).pathExtension
        return ext.isEmpty ? nil : ExportFormat(name: ext)
    }

    func validate() throws {
        if let format, ExportFormat(name: format) == nil {
            throw ValidationError("unknown format '\(TerminalSafeText.clean(format))'; use docx, pdf, html, md, txt or csv")
        }
        if exportFormat == nil {
            throw ValidationError("give the format with --format docx|pdf|html|md|txt|csv (or an -o file name ending in one)")
        }
        if let lang, !LanguageTag.isValid(lang) {
            throw ValidationError("--lang: '\(TerminalSafeText.clean(lang))' is not a language tag; use one such as en-GB, en-US or ur-PK")
        }
        if let title, title.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--title needs some text")
        }
    }

    /// Renders the request, writes it where `-o` says and prints notes on stderr. Failures
    /// become one line on stderr and exit status 1 (data) or 2 (usage).
    func export(journal: JournalOptions, _ build: (ExportFormat) -> ExportRequest) throws {
        guard let format = exportFormat else { throw CLIError.usage("give the format with --format") }
        do {
            let destination = try ExportWriter.destination(
                format: format, output: output, journalPath: journal.path,
                standardOutputIsTerminal: ExportWriter.standardOutputIsTerminal)
            var request = build(format)
            request.title = title
            request.language = lang
            request.byteOrderMark = !noByteOrderMark
            let result = try Exporter.render(request, journalPath: journal.path)
            for note in result.notes { Output.note(note) }
            try ExportWriter.write(result.data, to: destination)
        } catch let error as ExportError {
            throw error.isUsageError ? CLIError.usage(error.description) : CLIError.data(error.description)
        }
    }
}

struct ExportMinutesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minutes",
        abstract: "The minutes of one meeting of a group, as the group stood after it (landscape).",
        discussion: """
            One table per project in agenda order: actions required; progress at every meeting \
            so far, this one last; follow-ups still open, carried ones marked with the date they \
            were raised. Ends with a Who's who. Formats: docx, pdf, html, md, txt. \
            Example: minutes export minutes be-safe --meeting 2009-06-25 --format docx -o minutes.docx
            """
    )

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The group's short name, e.g. be-safe.", valueName: "group"))
    var group: String

    @Option(help: ArgumentHelp("The meeting's date (default: the group's latest meeting).", valueName: "date"))
    var meeting: String?

    @OptionGroup var output: ExportOutputOptions

    @Flag(name: .customLong("include-confidential"), help: "Keep confidential items in (the default leaves them out and says how many).")
    var includeConfidential = false

    func run() throws {
        let day = try Inputs.day(meeting, argument: "--meeting")
        try output.export(journal: journal) { format in
            var request = ExportRequest.minutes(group: group, meeting: day, format: format)
            request.includeConfidential = includeConfidential
            return request
        }
    }
}

struct ExportMonitoringCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitoring",
        abstract: "A monitoring report: per group, a row per project with actions, update and status.",
        discussion: """
            The update is the progress noted since --since (the date of the previous report), \
            or since each group's previous meeting. Formats: docx, pdf, html, md, txt (no csv: export \
            the follow-ups with 'minutes export actions --format csv'). \
            Example: minutes export monitoring be-safe --since 2009-05-14 --format md
            """
    )

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The groups' short names (default: every group).", valueName: "group"))
    var groups: [String] = []

    @Option(name: .customLong("group"), help: ArgumentHelp("A group to include (repeatable; the same as naming it).", valueName: "group"))
    var groupOptions: [String] = []

    @Flag(help: "Every update since the start of each plan, as undated bullets (the cumulative report), instead of since the previous meeting.")
    var cumulative = false

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The report's date (default: the latest meeting).", valueName: "date"))
    var asOf: String?

    @Option(help: ArgumentHelp("Updates since this date, the previous report's.", valueName: "date"))
    var since: String?

    @Flag(name: .customLong("include-confidential"), help: "Keep confidential actions and notes in (the default leaves them out and says how many).")
    var includeConfidential = false

    @OptionGroup var output: ExportOutputOptions

    func run() throws {
        let asOfDay = try Inputs.day(asOf, argument: "--as-of")
        let sinceDay = try Inputs.day(since, argument: "--since")
        if let asOfDay, let sinceDay, sinceDay >= asOfDay {
            throw CLIError.usage("--since must be before --as-of")
        }
        try output.export(journal: journal) { format in
            var request = ExportRequest.monitoring(groups: groups + groupOptions, asOf: asOfDay, since: sinceDay, format: format)
            request.cumulative = cumulative
            request.includeConfidential = includeConfidential
            return request
        }
    }
}

struct ExportActionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "Open follow-ups grouped by owner, oldest first; one person's list with --owner.",
        discussion: """
            Formats: docx, pdf, html, md, txt, csv. The CSV has one record per follow-up: id, group, \
            project number, project headline, owners, text, raised date, state, carried count, \
            outcome, due date, due status (on track, due soon, overdue). Confidential follow-ups are \
            left out of a list for everyone (unless --include-confidential) and kept in their \
            owner's own list. Example: minutes export actions --owner KP --format txt
            """
    )

    @OptionGroup var journal: JournalOptions

    @Option(help: ArgumentHelp("Only this owner's follow-ups (initials or name).", valueName: "owner"))
    var owner: String?

    @Option(help: ArgumentHelp("Only this group's follow-ups.", valueName: "group"))
    var group: String?

    @Flag(name: .customLong("all"), help: "Include done and dropped follow-ups.")
    var includeClosed = false

    @OptionGroup var output: ExportOutputOptions

    @Flag(name: .customLong("include-confidential"), help: "Keep confidential follow-ups in a list for everyone (an owner's own list always has theirs).")
    var includeConfidential = false

    func run() throws {
        try output.export(journal: journal) { format in
            var request = ExportRequest.actions(owner: owner, group: group, includeClosed: includeClosed, format: format)
            request.includeConfidential = includeConfidential
            return request
        }
    }
}

struct ExportDecisionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decisions",
        abstract: "The decisions log of a group: every decision across its meetings (date, project, decision).",
        discussion: """
            Formats: docx, pdf, html, md, txt, csv (id, date, group, project number, project \
            headline, decision). Example: minutes export decisions be-safe --since 2009-01-01 --format csv
            """
    )

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The group's short name, e.g. be-safe.", valueName: "group"))
    var group: String

    @Option(help: ArgumentHelp("Only decisions taken on or after this date.", valueName: "date"))
    var since: String?

    @Flag(name: .customLong("include-confidential"), help: "Keep confidential decisions in (the default leaves them out and says how many).")
    var includeConfidential = false

    @OptionGroup var output: ExportOutputOptions

    func run() throws {
        let sinceDay = try Inputs.day(since, argument: "--since")
        try output.export(journal: journal) { format in
            var request = ExportRequest.decisions(group: group, since: sinceDay, format: format)
            request.includeConfidential = includeConfidential
            return request
        }
    }
}

struct ExportPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "A group's project plan: lead, aim, priorities, approaches, resources, dates, issues, criteria.",
        discussion: """
            Set the plan with 'minutes plan GROUP …'. Formats: docx, pdf, html, md, txt. \
            Example: minutes export plan be-safe --format docx -o be-safe-plan.docx
            """
    )

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The group's short name, e.g. be-safe.", valueName: "group"))
    var group: String

    @OptionGroup var output: ExportOutputOptions

    func run() throws {
        try output.export(journal: journal) { ExportRequest(report: .plan, format: $0, groups: [group]) }
    }
}

struct ExportActionPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action-plan",
        abstract: "A group's action plan: per project (focus area) its aim, targets, activities and a monitoring box (landscape).",
        discussion: """
            Activities are the project's actions with their responsibility, timescale, resources and \
            links ('minutes plan ACTION-ID …'); the monitoring box holds the latest rating on or before \
            --as-of and its comment. Formats: docx, pdf, html, md, txt. \
            Example: minutes export action-plan be-safe --as-of 2009-06-25 --format docx -o action-plan.docx
            """
    )

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The group's short name, e.g. be-safe.", valueName: "group"))
    var group: String

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The monitoring date (default: the group's latest meeting).", valueName: "date"))
    var asOf: String?

    @OptionGroup var output: ExportOutputOptions

    func run() throws {
        let day = try Inputs.day(asOf, argument: "--as-of")
        try output.export(journal: journal) { ExportRequest(report: .actionPlan, format: $0, groups: [group], asOf: day) }
    }
}
