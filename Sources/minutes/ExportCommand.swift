import ArgumentParser
import Foundation
import MinutesCore
import MinutesExport

/// `minutes export`: meeting minutes, monitoring reports and action lists as docx, html,
/// Markdown, plain text or (follow-ups only) CSV. The journal is only read.
///
/// The work is done by `Exporter` in MinutesExport, which the full-screen app's export menu
/// calls too; these commands only parse, pick the destination and report errors.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export minutes, monitoring reports and action lists.",
        discussion: """
            Formats: docx, html, md, txt; csv for the action list (one record per follow-up). \
            Text formats go to standard output unless -o names a file; docx needs -o (or standard \
            output redirected to a file). An existing output file is replaced atomically. \
            Exit status: 0 success, 1 invalid data (unknown group, no meeting on that date, a \
            journal with errors), 2 bad usage.
            """,
        subcommands: [ExportMinutesCommand.self, ExportMonitoringCommand.self, ExportActionsCommand.self]
    )
}

/// The options every export takes: the journal, the format and the output file.
struct ExportOptions: ParsableArguments {
    static let defaultJournal = "minutes.journal"
    static let journalEnvironmentKey = "MINUTES_FILE"

    @Option(name: [.customShort("f"), .customLong("file")],
            help: ArgumentHelp("The journal to read.",
                               discussion: "Defaults to $MINUTES_FILE when set, else minutes.journal in the current directory.",
                               valueName: "file"),
            completion: .file(extensions: ["journal"]))
    var file: String?

    @Option(name: .long,
            help: ArgumentHelp("The format: docx, html, md or txt (csv for the action list). Defaults to the extension of -o.",
                               valueName: "format"))
    var format: String?

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("The file to write; standard output when absent or -.", valueName: "file"),
            completion: .file())
    var output: String?

    /// `-f`, else `$MINUTES_FILE`, else `minutes.journal`.
    var journalPath: String {
        if let file { return file }
        if let env = ProcessInfo.processInfo.environment[Self.journalEnvironmentKey], !env.isEmpty { return env }
        return Self.defaultJournal
    }

    /// `--format`, else the extension of `-o`.
    var exportFormat: ExportFormat? {
        if let format { return ExportFormat(name: format) }
        guard let output, output != "-" else { return nil }
        let ext = URL(fileURLWithPath: output).pathExtension
        return ext.isEmpty ? nil : ExportFormat(name: ext)
    }

    func validate() throws {
        if let file, file.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("-f/--file needs a file name")
        }
        if let format, ExportFormat(name: format) == nil {
            throw ValidationError("unknown format '\(TextEscaping.singleLine(format))'; use docx, html, md, txt or csv")
        }
        if exportFormat == nil {
            throw ValidationError("give the format with --format docx|html|md|txt|csv (or an -o file name ending in one)")
        }
    }

    /// Renders the request, writes it where `-o` says, prints notes on stderr. Every failure
    /// becomes one line on stderr and exit status 1 (data) or 2 (usage).
    func export(_ build: (ExportFormat) -> ExportRequest) throws {
        guard let format = exportFormat else { throw ExitCode(2) }
        let request = build(format)
        do {
            let destination = try ExportWriter.destination(
                format: format, output: output, journalPath: journalPath,
                standardOutputIsTerminal: ExportWriter.standardOutputIsTerminal)
            let result = try Exporter.render(request, journalPath: journalPath)
            for note in result.notes { Self.printError("minutes: note: " + note) }
            try ExportWriter.write(result.data, to: destination)
        } catch let error as ExportError {
            Self.printError("minutes: error: " + error.description)
            throw ExitCode(error.exitCode)
        }
    }

    /// One line on standard error, with anything that could steer a terminal removed.
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((TextEscaping.singleLine(message) + "\n").utf8))
    }
}

/// Parses a date option: YYYY-MM-DD, today or yesterday.
private func parseDay(_ text: String) throws -> Day {
    guard let day = Day.parseInput(text) else {
        throw ValidationError("'\(TextEscaping.singleLine(text))' is not a date; write it as YYYY-MM-DD")
    }
    return day
}

struct ExportMinutesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minutes",
        abstract: "The minutes of one meeting of a group (landscape), as the group stood after it.",
        discussion: """
            One table per project in agenda order: actions required; progress at every meeting \
            so far, this one last; follow-ups still open, carried ones marked with the date they \
            were raised. Ends with a Who's who. Formats: docx, html, md, txt.
            """
    )

    @Argument(help: ArgumentHelp("The group's short name.", valueName: "group"))
    var group: String

    @Option(help: ArgumentHelp("The meeting's date (YYYY-MM-DD); the group's latest meeting when absent.", valueName: "date"),
            transform: parseDay)
    var meeting: Day?

    @OptionGroup var options: ExportOptions

    func run() throws {
        try options.export { .minutes(group: group, meeting: meeting, format: $0) }
    }
}

struct ExportMonitoringCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitoring",
        abstract: "A monitoring report: per group, one row per project with actions, update and status.",
        discussion: """
            The update is the progress noted since --since (the date of the previous report), \
            or since each group's previous meeting. Formats: docx, html, md, txt (no csv: the \
            report is made of tables of text; export the follow-ups with 'export actions').
            """
    )

    @Argument(help: ArgumentHelp("The groups' short names; every group when none is given.", valueName: "group"))
    var groups: [String] = []

    @Option(name: .customLong("as-of"),
            help: ArgumentHelp("The report's date; the latest meeting when absent.", valueName: "date"),
            transform: parseDay)
    var asOf: Day?

    @Option(help: ArgumentHelp("Updates since this date (the previous report's).", valueName: "date"),
            transform: parseDay)
    var since: Day?

    @OptionGroup var options: ExportOptions

    func validate() throws {
        if let since, let asOf, since >= asOf {
            throw ValidationError("--since must be before --as-of")
        }
    }

    func run() throws {
        try options.export { .monitoring(groups: groups, asOf: asOf, since: since, format: $0) }
    }
}

struct ExportActionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "Open follow-ups grouped by owner, oldest first; one person's list with --owner.",
        discussion: """
            Formats: docx, html, md, txt, csv. The CSV has one record per follow-up: id, group, \
            project number, project headline, owners, text, raised date, state, carried count, outcome.
            """
    )

    @Option(help: ArgumentHelp("Only this owner's follow-ups (initials or name).", valueName: "owner"))
    var owner: String?

    @Option(help: ArgumentHelp("Only this group's follow-ups.", valueName: "group"))
    var group: String?

    @Flag(name: .customLong("all"), help: "Include done and dropped follow-ups.")
    var includeClosed = false

    @OptionGroup var options: ExportOptions

    func run() throws {
        try options.export { .actions(owner: owner, group: group, includeClosed: includeClosed, format: $0) }
    }
}
