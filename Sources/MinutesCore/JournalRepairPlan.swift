import Foundation

/// What `minutes repair` would do to a journal's bytes, decided in one place so that
/// `minutes check` and `minutes repair` always give the same answer.
///
/// Repair only ever fixes line ends; it never removes a complete, valid event:
/// - lone carriage returns used as line breaks (an old Mac editor) become line feeds;
/// - a last line without its line break that reads as a valid entry (an editor that does not
///   end files with a line break) gets its line break;
/// - bytes after the last line break that are not a valid entry (a crash in the middle of a
///   write) move to a side file.
/// Anything else wrong (an error on any complete line) makes repair refuse and change nothing.
public struct RepairPlan: Sendable, Equatable {
    public enum Step: Sendable, Equatable, CustomStringConvertible {
        /// Lone CRs (not followed by LF) used as line breaks, `count` of them, the first
        /// ending line `firstLine`.
        case convertLineEnds(count: Int, firstLine: Int)
        /// The last line is a complete, valid entry without its line break.
        case addLineBreak(line: Int)
        /// The last line is not a valid entry and has no line break: it moves aside.
        case moveTorn(line: Int, byteCount: Int, preview: String)

        public var description: String {
            switch self {
            case .convertLineEnds(let n, let first):
                return "turn \(n) lone carriage return\(n == 1 ? "" : "s") (CR, first at the end of line \(first)) into line breaks"
            case .addLineBreak(let line):
                return "add the missing line break at the end of line \(line), a complete entry (nothing is moved)"
            case .moveTorn(let line, let n, let preview):
                return "move the incomplete line \(line) (\(n) byte\(n == 1 ? "" : "s"): \"\(preview)\") to a side file"
            }
        }
    }

    public var steps: [Step]
    /// The journal as it will be after the steps (the torn bytes left out).
    public var repaired: [UInt8]
    /// The bytes moved aside, if any.
    public var torn: [UInt8]
    /// Why repair refuses, if it does: nothing is changed then.
    public var refusal: Diagnostic?
    /// Whether the file has no complete line and nothing that could become one.
    public var noCompleteLine = false

    public var isNothingToDo: Bool { steps.isEmpty && refusal == nil && !noCompleteLine }

    /// The plan for a journal's bytes.
    public static func make(for bytes: [UInt8]) -> RepairPlan {
        var steps: [Step] = []
        var work = bytes
        // 1. Lone CRs (not followed by LF) are line breaks from an editor that ends lines that way.
        var loneCR = 0, firstLine = 0, line = 1
        for i in work.indices {
            if work[i] == 10 { line += 1 }
            if work[i] == 13, i + 1 == work.count || work[i + 1] != 10 {
                if loneCR == 0 { firstLine = line }
                loneCR += 1
                work[i] = 10
                line += 1
            }
        }
        if loneCR > 0 { steps.append(.convertLineEnds(count: loneCR, firstLine: firstLine)) }

        // 2. The bytes after the last line break.
        let validLength = (work.lastIndex(of: 10) ?? -1) + 1
        let kept = Array(work[0..<validLength])
        let tail = Array(work[validLength...])
        let lastLine = kept.reduce(0) { $0 + ($1 == 10 ? 1 : 0) } + 1
        var torn: [UInt8] = []
        var repaired = kept
        if !tail.isEmpty {
            let completed = kept + tail + [10]
            if isValidLastLine(tail, completed: completed, lineNumber: lastLine) {
                steps.append(.addLineBreak(line: lastLine))
                repaired = completed
            } else if validLength == 0 {
                return RepairPlan(steps: [], repaired: bytes, torn: [], refusal: nil, noCompleteLine: true)
            } else {
                steps.append(.moveTorn(line: lastLine, byteCount: tail.count, preview: JournalRepair.preview(tail)))
                torn = tail
            }
        }
        var plan = RepairPlan(steps: steps, repaired: repaired, torn: torn, refusal: nil)
        // 3. Everything kept must replay without errors, or nothing is done.
        if !steps.isEmpty, let problem = JournalLoader.load(bytes: repaired).diagnostics.errors.first {
            plan.refusal = problem
        }
        return plan
    }

    /// Whether a last line without its line break is a complete entry: it parses as a
    /// valid line by itself (an event, a comment, the header) and the journal completed with
    /// it has no error on that line.
    static func isValidLastLine(_ tail: [UInt8], completed: [UInt8], lineNumber: Int) -> Bool {
        let loaded = JournalLoader.load(bytes: completed)
        guard loaded.tornLine == nil, loaded.lineCount == lineNumber else { return false }
        return !loaded.diagnostics.errors.contains { $0.line == lineNumber }
    }

    /// A step's words after "would " (dry run) or in the past tense.
    static func pastTense(_ text: String, dryRun: Bool) -> String {
        if dryRun { return text }
        for (verb, past) in [("turn ", "turned "), ("add ", "added "), ("move ", "moved ")] where text.hasPrefix(verb) {
            return past + text.dropFirst(verb.count)
        }
        return text
    }

    /// What check says about the plan: one diagnostic per step, with its line.
    public var diagnostics: [Diagnostic] {
        steps.map { step in
            switch step {
            case .convertLineEnds(_, let first):
                return .error(line: first, "line breaks here are lone carriage returns (CR), which this program does not read as line breaks",
                              hint: "minutes repair will \(step)")
            case .addLineBreak(let line):
                return .warning(line: line, "the last line is a complete entry without a line break at its end",
                                hint: "minutes repair will \(step)")
            case .moveTorn(let line, _, _):
                return .warning(line: line, "incomplete last line (no line break at its end) left out of replay",
                                hint: "this is what a crash mid-write leaves; minutes repair will \(step)")
            }
        }
    }
}
