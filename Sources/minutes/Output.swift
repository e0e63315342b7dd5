import Foundation
import MinutesCore

/// Everything the commands print goes through here: stdout for results, stderr for
/// warnings and errors, each line made terminal-safe.
enum Output {
    /// Prints one line of results. Journal text inside it is made visible, never obeyed.
    static func line(_ text: String = "") {
        write(TerminalSafeText.clean(text) + "\n", to: .standardOutput)
    }

    /// Prints several lines of results.
    static func lines(_ texts: [String]) {
        var out = ""
        for t in texts { out += TerminalSafeText.clean(t) + "\n" }
        write(out, to: .standardOutput)
    }

    /// Prints JSON as is (already escaped by `TerminalSafeText.cleanJSON`).
    static func raw(_ text: String) {
        write(text, to: .standardOutput)
    }

    /// `minutes: warning: …` on stderr.
    static func warning(_ message: String) {
        write("minutes: warning: " + oneLine(message) + "\n", to: .standardError)
    }

    /// `minutes: note: …` on stderr: worth knowing, nothing wrong.
    static func note(_ message: String) {
        write("minutes: note: " + oneLine(message) + "\n", to: .standardError)
    }

    /// `minutes: error: …` on stderr.
    static func error(_ message: String) {
        write("minutes: error: " + oneLine(message) + "\n", to: .standardError)
    }

    /// `minutes: error: …` then more lines (each problem FILE:LINE:COL, its line, its hint) on
    /// stderr, each made terminal-safe.
    static func error(_ message: String, details: [String]) {
        var out = "minutes: error: " + oneLine(message) + "\n"
        for d in details { out += TerminalSafeText.clean(d) + "\n" }
        write(out, to: .standardError)
    }

    /// A message folded onto one line and made terminal-safe.
    static func oneLine(_ message: String) -> String {
        let folded = message.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: "; ")
        return TerminalSafeText.clean(folded)
    }

    private static func write(_ text: String, to handle: FileHandle) {
        handle.write(Data(text.utf8))
    }

    /// Reports a diagnostic the engine raised while applying a new entry (unknown initials,
    /// an unowned follow-up …): the message and its hint, no line number.
    static func report(_ d: Diagnostic) {
        let text = d.message + (d.hint.map { " (\($0))" } ?? "")
        if d.isError { error(text) } else { warning(text) }
    }
}
