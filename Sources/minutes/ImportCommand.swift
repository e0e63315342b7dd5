import ArgumentParser
import Foundation
import MinutesCore
import MinutesImport

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring a group's existing Word minutes (.docx) into the journal.",
        discussion: """
            Reads the project tables ("Actions required - Project N: headline | Progress: date | \
            To do by next meeting") and adds what the journal does not have yet: projects, actions, \
            progress notes under the meeting each date line names, follow-ups with their owners. \
            Shows a preview first; on a terminal it asks before writing, elsewhere it writes only \
            with --yes. Everything is written in one go, or nothing. See docs/import.md.
            Example: minutes import june-2009.docx --group be-safe --meeting 2009-06-26
            """)

    @OptionGroup var journal: JournalOptions

    @Argument(help: ArgumentHelp("The Word document (.docx) to import.", valueName: "file"),
              completion: .file(extensions: ["docx"]))
    var file: String

    @Option(help: ArgumentHelp("The group the minutes are of (it must exist).", valueName: "slug"))
    var group: String

    @Option(help: ArgumentHelp("The date of the meeting the document is the minutes of; also gives the year to dates written without one.", valueName: "date"))
    var meeting: String?

    @Option(help: ArgumentHelp("The meeting the notes above a table's first date line belong to (by default an \"earlier\" meeting the day before the first date).", valueName: "date"))
    var undated: String?

    @Option(name: .customLong("add-person"),
            help: ArgumentHelp("Adds someone to the directory with the import: INITIALS=\"Full Name\" (repeatable).", valueName: "initials=name"))
    var addPerson: [String] = []

    @Flag(help: "Show what would be added, and write nothing.")
    var dryRun = false

    @Flag(name: [.customShort("y"), .long], help: "Write without asking.")
    var yes = false

    func run() throws {
        let meetingDay = try Inputs.day(meeting, argument: "--meeting")
        let undatedDay = try Inputs.day(undated, argument: "--undated")
        var people = try addPerson.map(Self.person)
        let read: ReadMinutes
        do {
            read = try ImportRun.read(path: file)
        } catch {
            throw CLIError.data("\(file): \(error)")
        }
        let session: JournalSession? = dryRun ? nil : try journal.openForWriting()
        let state = try session?.state ?? journal.loadWarning().state
        _ = try Inputs.group(group, in: state, argument: "--group")
        var options = ImportOptions(group: group, meeting: meetingDay, undatedMeeting: undatedDay,
                                    addPeople: people)
        var plan = try Self.plan(read, state: state, options: options, file: file)
        Output.lines(ImportPreview.lines(plan, file: file, state: state))
        guard let session else {
            Output.note("dry run: nothing was written")
            return
        }
        guard !plan.isEmpty else { return }
        if !yes {
            guard isatty(0) == 1 else {
                Output.note("no terminal to confirm on, so nothing was written; run again with --yes to import")
                return
            }
            // Initials nobody knows: offered for the directory, one prompt each.
            var added = false
            for initials in plan.unknownInitials {
                let name = Self.ask("Full name of \(initials), to add them to the directory (Enter to leave them out): ")
                if !name.isEmpty { people.append(Person(initials: initials, name: name)); added = true }
            }
            if added {
                options.addPeople = people
                plan = try Self.plan(read, state: state, options: options, file: file)
            }
            let answer = Self.ask("Add \(plan.entryCount) entries to \(journal.path)? [y/N] ").lowercased()
            guard answer == "y" || answer == "yes" else {
                Output.line("Nothing was written.")
                return
            }
        }
        let before = session.state.diagnostics.count
        let events: [Event]
        do {
            events = try session.recordBatch(source: ImportRun.source(file: file)) { batch in
                // Planned again on the state as it is on disk now, with the lock held.
                let fresh = try Self.plan(read, state: batch.state, options: options, file: file)
                try ImportRun.add(fresh, to: &batch)
            }
        } catch {
            throw CLIError.from(error)
        }
        let warnings = session.state.diagnostics.dropFirst(before)
        for d in warnings.prefix(5) { Output.report(d) }
        if warnings.count > 5 { Output.warning("and \(warnings.count - 5) more; see: minutes check") }
        Output.line("Imported \(events.count) entries from \(file) into \(group).")
    }

    static func plan(_ read: ReadMinutes, state: MinutesState, options: ImportOptions, file: String) throws -> ImportPlan {
        do {
            return try ImportPlanner.plan(read, state: state, options: options)
        } catch let e as ImportError {
            throw CLIError.data("\(file): \(e)")
        }
    }

    /// `KP=Kim Parker` or `KP="Kim Parker"`.
    static func person(_ text: String) throws -> Person {
        guard let eq = text.firstIndex(of: "=") else {
            throw CLIError.usage("--add-person: write INITIALS=\"Full Name\", e.g. --add-person KP=\"Kim Parker\"")
        }
        let initials = try Inputs.initials(String(text[..<eq]), argument: "--add-person")
        let name = try Inputs.text(String(text[text.index(after: eq)...]).trimmingCharacters(in: CharacterSet(charactersIn: "\"'")),
                                   argument: "--add-person \(initials)")
        return Person(initials: initials, name: name)
    }

    static func ask(_ question: String) -> String {
        FileHandle.standardOutput.write(Data(TerminalSafeText.clean(question).utf8))
        return (readLine() ?? "").trimmingCharacters(in: .whitespaces)
    }
}
