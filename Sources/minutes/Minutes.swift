import ArgumentParser
import Foundation

/// The `minutes` command line: thin commands over MinutesCore.
@main
struct Minutes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minutes",
        abstract: "Take and follow up the minutes of working groups.",
        discussion: """
            Everything is kept in one append-only journal file (-f, $MINUTES_FILE, or \
            minutes.journal). Dates are YYYY-MM-DD; today and yesterday are accepted too.
            Exit status: 0 success, 1 invalid data or journal, 2 bad usage.
            """,
        version: "0.1.0",
        // Every command, in the order `minutes --help` lists them. New commands
        // (export, repair, sync, agenda …) are added to this one list.
        subcommands: [
            InitCommand.self,
            AddCommand.self,
            DoneCommand.self,
            DropCommand.self,
            ReassignCommand.self,
            EditCommand.self,
            RetractCommand.self,
            RateCommand.self,
            PlanCommand.self,
            DueCommand.self,
            ConfidentialCommand.self,
            ApproveCommand.self,
            ShowCommand.self,
            TodoCommand.self,
            LogCommand.self,
            AgendaCommand.self,
            ExportCommand.self,
            ImportCommand.self,
            MailCommand.self,
            CheckCommand.self,
            UpgradeCommand.self,
            RepairCommand.self,
            SyncCommand.self,
            DemoCommand.self,
            AppendLoopCommand.self,
        ]
    )

    @OptionGroup var journal: JournalOptions

    /// With no command: open the full-screen app on the journal.
    func run() throws {
        let status = try AppLauncher.run(path: journal.path)
        if status != 0 { throw ExitCode(status) }
    }

    /// Runs the command the arguments name, mapping every failure to one line on stderr
    /// and an exit status: 1 for invalid data, 2 for bad usage (ArgumentParser's own parse
    /// and validation errors would exit 64; they are mapped to 2 here).
    static func main() {
        let arguments = hoistingFileOption(ArgumentDecoding.argumentsOrExit())
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let error as CLIError {
            Output.error(error.message)
            Foundation.exit(error.exitCode)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help, --version, --generate-completion-script …
                let text = fullMessage(for: error)
                FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
                Foundation.exit(ExitStatus.success)
            }
            if code == .validationFailure {
                let path = commandPath(for: arguments)
                Output.error(message(for: error) + " (see: \(path) --help)")
                Foundation.exit(ExitStatus.badUsage)
            }
            let text = message(for: error)
            if !text.isEmpty { Output.error(text) }
            Foundation.exit(code.rawValue)
        }
    }

    /// `minutes -f x.journal show` means `minutes show -f x.journal`: a leading `-f FILE`
    /// (or `--file FILE`, `--file=FILE`) is moved after the command words, where it is defined.
    static func hoistingFileOption(_ arguments: [String]) -> [String] {
        guard let first = arguments.first else { return arguments }
        let taken: [String]
        if first == "-f" || first == "--file", arguments.count >= 2 {
            taken = Array(arguments[0...1])
        } else if first.hasPrefix("--file=") {
            taken = [first]
        } else {
            return arguments
        }
        var rest = Array(arguments.dropFirst(taken.count))
        let words = commandPath(for: rest).split(separator: " ").count - 1
        guard words > 0 else { return arguments }
        rest.insert(contentsOf: taken, at: words)
        return rest
    }

    /// `minutes add person`: the command words at the start of the arguments, for pointing
    /// at the right `--help` after a usage error.
    static func commandPath(for arguments: [String]) -> String {
        var words = ["minutes"]
        var current: ParsableCommand.Type = Minutes.self
        for arg in arguments {
            guard let next = current.configuration.subcommands.first(where: { $0._commandName == arg }) else { break }
            words.append(arg)
            current = next
        }
        return words.joined(separator: " ")
    }
}
