import Foundation

/// Temporary copies a rewrite leaves next to a journal when it is interrupted
/// (`.<journal>.tmp-<pid>-<random>`, and the same for its draft files), found and removed.
///
/// A rewrite (repair, a draft save) writes a temporary file, then renames it over the real
/// one; killed in between, it leaves the temporary file, which may be as large as the
/// journal and holds private minutes. A file whose writer (the process id in its name) no
/// longer runs on this host is stale. Names without a process id (older versions) are stale
/// after an hour.
public enum TemporaryFiles {
    /// A temporary file next to a journal.
    public struct Found: Sendable, Equatable {
        public var path: String
        public var size: Int
        /// The process that was writing it, when its name says.
        public var pid: Int32?
    }

    /// The temporary files of `journal` (and its drafts) whose writer has ended.
    public static func stale(of journal: String, now: Date = Date()) -> [Found] {
        let dir = SecureFile.directory(of: journal)
        let prefix = "." + (journal as NSString).lastPathComponent
        var out: [Found] = []
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
            guard entry.hasPrefix(prefix), let tmp = entry.range(of: ".tmp-", options: .backwards) else { continue }
            let middle = entry[entry.index(prefix.endIndex, offsetBy: 0)..<tmp.lowerBound]
            // The journal's own temporary file, or a draft's.
            guard middle.isEmpty || middle.hasPrefix(".draft") else { continue }
            let path = dir + "/" + entry
            var st = stat()
            guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            let rest = entry[tmp.upperBound...]
            let pid = rest.firstIndex(of: "-").flatMap { Int32(rest[..<$0]) }
            if let pid {
                if kill(pid, 0) == 0 || errno == EPERM { continue }
            } else if now.timeIntervalSince1970 - Double(st.st_mtim.tv_sec) < 3600 {
                continue
            }
            out.append(Found(path: path, size: Int(st.st_size), pid: pid))
        }
        return out.sorted { $0.path < $1.path }
    }

    /// Removes the stale temporary files of `journal`; returns what was removed.
    @discardableResult
    public static func removeStale(of journal: String, now: Date = Date()) -> [Found] {
        let found = stale(of: journal, now: now).filter { unlink($0.path) == 0 }
        if !found.isEmpty { try? SecureFile.syncDirectory(of: journal) }
        return found
    }
}

extension SecureFile {
    /// Removes temporary files an interrupted rewrite left (see `TemporaryFiles`).
    static func removeStaleTemporaryFiles(of journal: String) {
        TemporaryFiles.removeStale(of: journal)
    }
}

/// A file-size limit (`ulimit -f`) must fail a write like a full disk, not kill the process:
/// by default the kernel sends SIGXFSZ, which ends the program in the middle of a line (and
/// leaves the app's terminal in raw mode, without a draft). Ignored, the write returns
/// EFBIG instead, and the usual failed-write path takes the append back.
public enum FileSizeLimit {
    private static let once: Void = { signal(SIGXFSZ, SIG_IGN); return () }()

    /// Ignores SIGXFSZ for the whole process (once; every writer calls it before writing).
    public static func ignoreSignal() { _ = once }
}

/// The files that belong to a journal besides itself: its lock, drafts, torn-line side files
/// and temporary copies. Nothing but minutes itself may write them (an export must refuse
/// them as its output, for instance).
public enum JournalSideFiles {
    /// Whether `path` is `journal` itself or one of its side files: `<journal>.lock`,
    /// `<journal>.draft`, `<journal>.draft-…`, `<journal>.torn-…`, `.<journal>.tmp-…` (and a
    /// draft's temporary copy). Compared in the same folder, after resolving `.` and `..`.
    public static func isJournalOrSideFile(_ path: String, of journal: String) -> Bool {
        let a = URL(fileURLWithPath: path).standardizedFileURL, j = URL(fileURLWithPath: journal).standardizedFileURL
        guard a.deletingLastPathComponent().path == j.deletingLastPathComponent().path else { return false }
        let name = a.lastPathComponent, base = j.lastPathComponent
        return name == base || sideFileKind(name, journalName: base) != nil
    }

    /// What side file of the journal named `base` a file named `name` in the same folder is
    /// ("lock file", "draft", "torn-line side file", "temporary file"), or nil for none.
    public static func sideFileKind(_ name: String, journalName base: String) -> String? {
        if name == base + ".lock" { return "lock file" }
        if name == base + ".draft" || name.hasPrefix(base + ".draft-") { return "draft" }
        if name.hasPrefix(base + ".torn-") { return "torn-line side file" }
        if name.hasPrefix("." + base + ".") && name.contains(".tmp-") { return "temporary file" }
        return nil
    }
}
