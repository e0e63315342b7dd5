import ArgumentParser
import Foundation
import MinutesCore
import MinutesExport

/// `minutes mail GROUP`: one e-mail per owner with their open follow-ups after a meeting,
/// optionally with the minutes attached; written as .eml files (`--out`) or handed to sendmail.
/// The journal is only read. The work is in MinutesExport (`OwnerMail`, `MailMessage`,
/// `MailDelivery`); this command parses, shows what it will do, asks, and reports.
struct MailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "E-mail each owner their open follow-ups after a meeting.",
        discussion: """
            One message per owner with an e-mail address in the directory (minutes add person \
            KP "Kim Parker" --email kp@example.org); owners without one are listed. With --out \
            DIR each message is written as DIR/<owner>-<group>-<date>.eml; without it, each is \
            handed to 'sendmail -t -oi' after a summary and a question (or --yes). \
            Example: minutes mail be-safe --attach pdf --out outbox
            """
    )

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The group's short name, e.g. be-safe.", valueName: "group"))
    var group: String

    @Option(help: ArgumentHelp("The meeting's date (default: the group's latest meeting).", valueName: "date"))
    var meeting: String?

    @Option(name: .customLong("owner"),
            help: ArgumentHelp("Only this owner (initials or name); repeat for several.", valueName: "owner"))
    var owners: [String] = []

    @Option(help: ArgumentHelp("Attach the minutes of the meeting: docx or pdf.", valueName: "format"))
    var attach: String?

    @Option(help: ArgumentHelp("Write .eml files to this folder instead of sending.", valueName: "folder"),
            completion: .directory)
    var out: String?

    @Flag(help: "Send without asking.")
    var yes = false

    @Option(help: ArgumentHelp("The sender's address (default: $EMAIL, else your login at this machine).", valueName: "address"))
    var from: String?

    @Option(help: ArgumentHelp("The sendmail command to pipe each message to.", valueName: "command"))
    var sendmail: String = MailDelivery.defaultCommand

    func validate() throws {
        if let attach, !["docx", "pdf"].contains(attach.lowercased()) {
            throw ValidationError("--attach: '\(TerminalSafeText.clean(attach))' is not docx or pdf")
        }
        if let from, !Person.isPlausibleEmail(from) {
            throw ValidationError("--from: '\(TerminalSafeText.clean(from))' is not an e-mail address")
        }
        if let out, out.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--out needs a folder")
        }
        if MailDelivery.words(sendmail).isEmpty {
            throw ValidationError("--sendmail needs a command")
        }
    }

    func run() throws {
        let day = try Inputs.day(meeting, argument: "--meeting")
        let state: MinutesState
        let plan: (context: OwnerMail.Context, mails: [OwnerMail], unmatched: [String])
        do {
            state = try Exporter.load(path: journal.path, asOf: nil)
            let date = try MinutesReport.resolve(group: group, meeting: day, state: state).1.date
            // As the minutes of that meeting show it: the journal replayed as of its day.
            let asOf = try Exporter.load(path: journal.path, asOf: date)
            plan = try OwnerMail.plan(group: group, meeting: date, owners: owners, state: asOf)
        } catch let error as ExportError {
            throw error.isUsageError ? CLIError.usage(error.description) : CLIError.data(error.description)
        }
        if !plan.unmatched.isEmpty {
            throw CLIError.data("--owner: no open follow-up of \(group) after \(plan.context.meeting.iso) is owned by "
                                + plan.unmatched.joined(separator: ", "))
        }
        let sender = MailMessage.Address(name: nil, address: from ?? Self.defaultSender())
        let attachment = try makeAttachment(plan.context)
        let date = Date()
        let ready = plan.mails.compactMap { mail in mail.message(plan.context, from: sender, attachment: attachment, date: date).map { (mail, $0) } }
        let missing = plan.mails.filter { $0.address == nil }

        var summary = ["\(plan.context.groupName), meeting of \(plan.context.meeting.long):"]
        if plan.mails.isEmpty { summary.append("  No open follow-ups: nothing to send.") }
        for (mail, _) in ready {
            summary.append("  \(mail.ownerLabel) <\(mail.address ?? "")>: \(Self.count(mail.entries.count))")
        }
        for mail in missing {
            let why = mail.person == nil ? "not in the directory" : "no e-mail address"
            summary.append("  NOT SENT: \(mail.ownerLabel), \(why): \(Self.count(mail.entries.count))")
        }
        if let attachment { summary.append("  Attached: \(attachment.fileName)") }
        Output.lines(summary)
        if !missing.isEmpty {
            Output.note("\(missing.count) owner\(missing.count == 1 ? " has" : "s have") no address; add one with: minutes add person INITIALS \"Name\" --email ADDRESS")
        }
        guard !ready.isEmpty else { return }

        if let out {
            try write(ready.map { ($0.0.fileName(plan.context), $0.1) }, to: out)
            return
        }
        guard yes || confirm("Send \(ready.count) message\(ready.count == 1 ? "" : "s") with '\(sendmail)'? [y/N] ") else {
            if !yes && isatty(STDIN_FILENO) != 1 {
                throw CLIError.usage("not sending without a question answered: give --yes, or --out DIR to write .eml files")
            }
            Output.line("Nothing sent.")
            return
        }
        var failures = 0
        for (mail, message) in ready {
            do {
                try MailDelivery.send(message.rendered(lineEnding: "\n"), command: sendmail)
                Output.line("Sent to \(mail.ownerLabel) <\(mail.address ?? "")>")
            } catch {
                failures += 1
                Output.error("not sent to \(mail.ownerLabel): \(error)")
            }
        }
        if failures > 0 { throw ExitCode(ExitStatus.invalidData) }
    }

    /// The minutes of the meeting in the format `--attach` names.
    func makeAttachment(_ context: OwnerMail.Context) throws -> MailMessage.Attachment? {
        guard let attach, let format = ExportFormat(name: attach.lowercased()) else { return nil }
        do {
            let result = try Exporter.render(.minutes(group: context.groupSlug, meeting: context.meeting, format: format),
                                             journalPath: journal.path)
            return MailMessage.Attachment(fileName: result.suggestedFileName, mediaType: format.mediaType, data: result.data)
        } catch let error as ExportError {
            throw error.isUsageError ? CLIError.usage(error.description) : CLIError.data(error.description)
        }
    }

    /// Writes each message to the folder (made if missing), each file atomically (one from an
    /// earlier run for the same owner and meeting is replaced).
    func write(_ messages: [(String, MailMessage)], to folder: String) throws {
        let path = ExportWriter.expandingTilde(folder)
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw CLIError.data("--out: cannot make the folder '\(folder)': \(error.localizedDescription)")
        }
        for (name, message) in messages {
            let file = (path as NSString).appendingPathComponent(name)
            do {
                try ExportWriter.write(message.rendered(), to: .file(file))
            } catch {
                throw CLIError.data("cannot write \(file): \(error)")
            }
            Output.line("Wrote \(file)")
        }
    }

    /// Asks on the terminal; false without one.
    func confirm(_ question: String) -> Bool {
        guard isatty(STDIN_FILENO) == 1 else { return false }
        FileHandle.standardOutput.write(Data(question.utf8))
        guard let answer = readLine() else { return false }
        return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }

    static func count(_ n: Int) -> String { n == 1 ? "1 open follow-up" : "\(n) open follow-ups" }

    /// `$EMAIL`, else login@host.
    static func defaultSender() -> String {
        let environment = ProcessInfo.processInfo.environment
        if let email = environment["EMAIL"], Person.isPlausibleEmail(email) { return email }
        let user = environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "minutes"
        var host = ProcessInfo.processInfo.hostName
        if !host.contains(".") { host += ".localdomain" }
        return user + "@" + host
    }
}
