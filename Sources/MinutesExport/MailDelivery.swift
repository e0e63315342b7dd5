import Foundation

/// Hands a message to the system's `sendmail` interface (`sendmail -t -oi`, as git send-email
/// and mutt do): `-t` takes the recipients from the To: header, `-oi` keeps a line holding one
/// dot from ending the message early. Any sendmail works: Postfix's, Exim's, msmtp-mta's.
public enum MailDelivery {

    /// The default command.
    public static let defaultCommand = "sendmail -t -oi"

    /// Why a message was not handed over.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// The command's words: split at spaces (no shell: nothing in it is interpreted).
    public static func words(_ command: String) -> [String] {
        command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// The program to run: a path as given, else looked up on `PATH` and then in the folders
    /// where sendmail lives though they are often not on a user's `PATH`.
    public static func program(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for folder in path + ["/usr/sbin", "/usr/lib", "/sbin"] where !folder.isEmpty {
            let candidate = folder + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `command` with the message on its standard input and waits for it. Throws when the
    /// program cannot be found or run, or exits with a failure (its last line of output said).
    public static func send(_ message: Data, command: String = defaultCommand, timeout: TimeInterval = 60) throws {
        let words = words(command)
        guard let first = words.first else { throw Failure(description: "the sendmail command is empty") }
        guard let executable = program(first) else {
            throw Failure(description: "\(first) not found; install a sendmail (e.g. apt-get install msmtp-mta) or give --sendmail CMD")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("minutes-mail-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        // The message goes in through a file and the output out to one: no pipe to fill.
        let input = folder.appendingPathComponent("message.eml")
        let log = folder.appendingPathComponent("output.log")
        try message.write(to: input)
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let inHandle = try FileHandle(forReadingFrom: input)
        let logHandle = try FileHandle(forWritingTo: log)
        defer {
            try? inHandle.close()
            try? logHandle.close()
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(words.dropFirst())
        process.standardInput = inHandle
        process.standardOutput = logHandle
        process.standardError = logHandle
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot run \(executable): \(error.localizedDescription)")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                process.waitUntilExit()
                throw Failure(description: "\(first) took longer than \(Int(timeout)) s")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        guard process.terminationStatus == 0 else {
            let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            let last = said.split(whereSeparator: \.isNewline).last.map { TextEscaping.singleLine(String($0)) } ?? "no output"
            throw Failure(description: "\(first) exited with status \(process.terminationStatus): \(last)")
        }
    }
}
