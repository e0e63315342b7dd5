import Foundation

/// Moves a journal from format 1 to format 2 (`minutes upgrade`).
///
/// Only the header changes: every line of format 1 means the same in format 2, so nothing
/// else is rewritten, and a copy of the old file is kept beside it first. From then on the
/// journal is written in format 2 (projects named by id, amendments with their base) and a
/// program that reads only format 1 refuses it, naming the version, instead of misreading it.
public enum JournalUpgrade {
    public enum Outcome: Sendable, Equatable, CustomStringConvertible {
        case upgraded(journal: String, backup: String)
        case alreadyCurrent(journal: String, version: Int)
        case wouldUpgrade(journal: String)

        public var description: String {
            switch self {
            case .upgraded(let j, let b):
                return "\(j) now uses journal format \(EventWriter.currentVersion); the format-1 file is kept as \(b)"
            case .alreadyCurrent(let j, let v): return "\(j) already uses journal format \(v); nothing to do"
            case .wouldUpgrade(let j): return "\(j) would move to journal format \(EventWriter.currentVersion) (only its first line changes)"
            }
        }
    }

    public enum UpgradeError: Error, Sendable, CustomStringConvertible {
        case hasProblems(journal: String, Diagnostic)
        case changedMeanwhile(journal: String)

        public var description: String {
            switch self {
            case .hasProblems(let j, let d):
                return "\(d.headline(file: j)); fix the journal first (minutes check lists every problem)"
            case .changedMeanwhile(let j): return "\(j) changed while it was being upgraded; nothing was changed, run upgrade again"
            }
        }
    }

    /// Upgrades the journal at `path` under its lock, keeping `<journal>.v1-backup`
    /// (`-2`, `-3` … when that exists). A journal with errors or a torn last line is refused.
    public static func upgrade(path: String, dryRun: Bool = false,
                               lockWait: Duration = JournalLock.defaultWait) throws -> Outcome {
        let lock = dryRun ? nil : try JournalLock.acquire(journal: path, wait: lockWait, program: "minutes upgrade")
        defer { lock?.release() }
        let loaded = try JournalLoader.load(path: path)
        if let problem = loaded.diagnostics.errors.first ?? loaded.diagnostics.first(where: { _ in loaded.tornLine != nil }) {
            throw UpgradeError.hasProblems(journal: path, problem)
        }
        guard loaded.formatVersion < EventWriter.currentVersion else {
            return .alreadyCurrent(journal: path, version: loaded.formatVersion)
        }
        if dryRun { return .wouldUpgrade(journal: path) }
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        guard bytes.count == loaded.validLength, let firstBreak = bytes.firstIndex(of: 10) else {
            throw UpgradeError.changedMeanwhile(journal: path)
        }
        var backup = path + ".v1-backup"
        for n in 2...1000 {
            do {
                try SecureFile.createNew(backup, bytes: bytes)
                break
            } catch let e as JournalFileError where e.reason == .alreadyExists {
                backup = path + ".v1-backup-\(n)"
            }
        }
        try SecureFile.replace(path, with: Array((EventWriter.header + "\n").utf8) + bytes[(firstBreak + 1)...])
        return .upgraded(journal: path, backup: backup)
    }
}
