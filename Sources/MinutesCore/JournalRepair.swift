import Foundation

/// `minutes repair`: fixes line ends so the journal can be written again, following
/// `RepairPlan` (which `minutes check` describes too): lone CRs become line breaks, a last
/// entry without its line break gets one, and only bytes that are not a valid entry — what a
/// crash or a full disk in the middle of a write leaves — move to a side file. It never
/// removes a complete, valid event. Nothing else is ever changed automatically: a problem
/// on any complete line makes repair refuse, and `minutes check` names the line. Stale
/// temporary files of an interrupted rewrite are removed.
public enum JournalRepair {
    /// What repair did.
    public enum Outcome: Sendable, Equatable, CustomStringConvertible {
        /// The journal ends with a complete line: nothing to do.
        case nothingToRepair(journal: String)
        case moved(Moved)
        /// Line ends were fixed (and maybe a torn line moved): see `RepairPlan.Step`.
        case repaired(Repaired)

        public var description: String {
            switch self {
            case .nothingToRepair(let j): return "\(j): nothing to repair (every line is complete and ends with a line break)"
            case .moved(let m): return m.description
            case .repaired(let r): return r.description
            }
        }
    }

    /// Line ends fixed; the steps say which.
    public struct Repaired: Sendable, Equatable, CustomStringConvertible {
        public var journal: String
        public var steps: [RepairPlan.Step]
        /// Where torn bytes went, if any moved.
        public var sideFile: String?
        public var dryRun: Bool

        public var description: String {
            var lines: [String] = []
            for step in steps {
                var text = step.description
                if case .moveTorn = step, let sideFile { text = text.replacingOccurrences(of: "a side file", with: sideFile) }
                lines.append("\(journal): \(dryRun ? "would " : "")" + RepairPlan.pastTense(text, dryRun: dryRun))
            }
            return lines.joined(separator: "\n")
        }
    }

    /// An incomplete last line moved to a side file.
    public struct Moved: Sendable, Equatable, CustomStringConvertible {
        public var journal: String
        /// Where the bytes went (nil in a dry run).
        public var sideFile: String?
        /// The line number the incomplete line had.
        public var line: Int
        public var byteCount: Int
        /// The start of the moved bytes, made safe to print.
        public var preview: String

        public var description: String {
            let what = "the incomplete line \(line) (\(byteCount) byte\(byteCount == 1 ? "" : "s"): \"\(preview)\")"
            guard let sideFile else { return "\(journal): would move \(what) to a side file" }
            return "\(journal): moved \(what) to \(sideFile); the journal now ends at line \(line - 1)"
        }
    }

    /// Why repair did nothing.
    public enum RepairError: Error, Sendable, CustomStringConvertible {
        /// A problem before the last line: repair never touches it.
        case problemBeforeLastLine(journal: String, Diagnostic)
        /// Not even one complete line: this is not a journal a crash left.
        case noCompleteLine(journal: String)
        /// The journal changed while repair worked on it (another program wrote without the lock).
        case changedMeanwhile(journal: String)

        public var description: String {
            switch self {
            case .problemBeforeLastLine(let j, let d):
                return "\(j): not repaired: line \(d.line), column \(d.column): \(d.message). "
                    + "Repair only fixes line ends and moves an incomplete last line aside, and changes nothing else; "
                    + "see the problem with: minutes check -f \(j)"
            case .noCompleteLine(let j):
                return "\(j): not repaired: the file has no complete line, so it is not a minutes journal; nothing was changed"
            case .changedMeanwhile(let j):
                return "\(j): not repaired: the journal changed while it was being repaired; nothing was changed, try again"
            }
        }
    }

    /// Repairs the journal at `path`. Takes the journal's lock (waiting up to `lockWait`)
    /// unless the caller passes the one it holds; `dryRun` only says what would be moved.
    ///
    /// The side file `<journal>.torn-<yyyyMMddTHHmmss>` (UTC) is created 0600 with `O_EXCL`,
    /// fsynced with its folder; then the journal is rewritten without the torn bytes through a
    /// temporary file in the same folder, fsync, rename and folder fsync.
    public static func repair(path: String, now: Date = Date(), lock: JournalLock? = nil,
                              lockWait: Duration = JournalLock.defaultWait, dryRun: Bool = false) throws -> Outcome {
        var ownLock: JournalLock?
        if lock == nil, !dryRun {
            ownLock = try JournalLock.acquire(journal: path, wait: lockWait, program: "minutes repair")
        }
        defer { ownLock?.release() }

        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw JournalFileError.from(errno: errno, path: path, operation: "open") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw JournalFileError.from(errno: errno, path: path, operation: "stat") }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw JournalFileError(path: path, reason: .notAJournal) }
        let identity = FileIdentity(st)
        let bytes = try SecureFile.readAll(fd, path: path, from: 0, count: Int(st.st_size))
        let plan = RepairPlan.make(for: bytes)
        if !dryRun { TemporaryFiles.removeStale(of: path) }
        if plan.noCompleteLine { throw RepairError.noCompleteLine(journal: path) }
        if let problem = plan.refusal { throw RepairError.problemBeforeLastLine(journal: path, problem) }
        if plan.steps.isEmpty { return .nothingToRepair(journal: path) }

        var sideFile: String?
        if !dryRun, !plan.torn.isEmpty { sideFile = try createSideFile(for: path, bytes: plan.torn, now: now) }
        if !dryRun {
            var after = stat()
            guard fstat(fd, &after) == 0, Int(after.st_size) == bytes.count, FileIdentity.of(path: path) == identity else {
                if let sideFile { unlink(sideFile) }
                throw RepairError.changedMeanwhile(journal: path)
            }
            try SecureFile.replace(path, with: plan.repaired)
        }
        if plan.steps.count == 1, case .moveTorn(let line, let count, let preview) = plan.steps[0] {
            return .moved(Moved(journal: path, sideFile: sideFile, line: line, byteCount: count, preview: preview))
        }
        return .repaired(Repaired(journal: path, steps: plan.steps, sideFile: sideFile, dryRun: dryRun))
    }

    /// The side file's name for a repair at `date`.
    public static func sideFilePath(for journal: String, at date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        func pad(_ v: Int32, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        let stamp = pad(parts.tm_year + 1900, 4) + pad(parts.tm_mon + 1, 2) + pad(parts.tm_mday, 2) + "T"
            + pad(parts.tm_hour, 2) + pad(parts.tm_min, 2) + pad(parts.tm_sec, 2)
        return journal + ".torn-" + stamp
    }

    /// Creates the side file, never over an existing one (a second repair in the same second
    /// gets `-2`, `-3` …).
    static func createSideFile(for journal: String, bytes: [UInt8], now: Date) throws -> String {
        let base = sideFilePath(for: journal, at: now)
        var candidate = base
        for n in 2...1000 {
            do {
                try SecureFile.createNew(candidate, bytes: bytes)
                return candidate
            } catch let e as JournalFileError where e.reason == .alreadyExists {
                candidate = base + "-\(n)"
            }
        }
        throw JournalFileError(path: base, reason: .alreadyExists)
    }

    /// The first bytes of a torn line, made safe to print on a terminal.
    static func preview(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(60), as: UTF8.self)
        return Diagnostic.visible(text).text + (bytes.count > 60 ? "…" : "")
    }
}
