import Foundation
import MinutesCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where an export goes.
public enum ExportDestination: Sendable, Equatable {
    case standardOutput
    case file(String)
}

/// Decides where an export may be written and writes it there: a file is replaced atomically
/// (`AtomicFileWriter`: temporary file in the same folder, flushed, renamed over, folder
/// flushed), so it holds the old export or the new one, never half of one.
public enum ExportWriter {

    /// Whether standard output is a terminal.
    public static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Where an export in `format` goes for `-o output` (nil or "-": standard output).
    ///
    /// Refuses a binary format on a terminal, an empty name, a folder, and the journal itself
    /// (by path or by being the same file), which an export must never replace.
    public static func destination(format: ExportFormat, output: String?, journalPath: String?,
                                   standardOutputIsTerminal: Bool) throws -> ExportDestination {
        guard let output, output != "-" else {
            if format.isBinary && standardOutputIsTerminal { throw ExportError.binaryToTerminal(format) }
            return .standardOutput
        }
        guard !output.trimmingCharacters(in: .whitespaces).isEmpty else { throw ExportError.emptyOutputPath }
        var info = stat()
        if stat(output, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw ExportError.outputIsDirectory(output)
        }
        if let journalPath, isSameFile(output, journalPath) {
            throw ExportError.outputIsJournal(journalPath)
        }
        if let journalPath, let kind = journalSideFile(output, journalPath: journalPath) {
            throw ExportError.outputIsJournalSideFile(output, kind: kind)
        }
        return .file(output)
    }

    /// What `path` is to the journal if it is one of the files Core keeps beside it, which an
    /// export must not replace either: the lock (`JournalLock.lockPath`), the app's draft and
    /// its saves (`DraftStore.draftPath`, `<journal>.draft*`), a torn last line moved aside
    /// (`JournalRepair`, `<journal>.torn-*`) and an atomic write's temporary file
    /// (`AtomicFileWriter`, `.<journal>.tmp-*`, and `.<journal>.draft.tmp-*` for the draft's).
    static func journalSideFile(_ path: String, journalPath: String) -> String? {
        func folderAndName(_ path: String) -> (String, String) {
            let url = URL(fileURLWithPath: path).standardizedFileURL
            let folder = url.deletingLastPathComponent().resolvingSymlinksInPath().path
            return (folder, url.lastPathComponent)
        }
        // The journal by its real name, as Core names the side files after it.
        let journal = URL(fileURLWithPath: journalPath).standardizedFileURL.resolvingSymlinksInPath().path
        let (journalFolder, journalName) = folderAndName(journal)
        let (folder, name) = folderAndName(path)
        guard folder == journalFolder, !journalName.isEmpty else { return nil }
        return JournalSideFiles.sideFileKind(name, journalName: journalName)
    }

    /// Whether two paths name the same file: the same path once resolved, or the same inode
    /// (a hard link or a symbolic link to it).
    static func isSameFile(_ a: String, _ b: String) -> Bool {
        func resolved(_ path: String) -> String {
            URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        }
        if resolved(a) == resolved(b) { return true }
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    /// Writes the bytes: a file atomically, standard output in full.
    public static func write(_ data: Data, to destination: ExportDestination,
                             fileSystem: any FileSystemOps = PosixFileSystemOps()) throws {
        switch destination {
        case .file(let path):
            let isNew = access(path, F_OK) != 0
            do {
                try AtomicFileWriter.write(data, to: URL(fileURLWithPath: path), fileSystem: fileSystem)
            } catch let error as AtomicWriteError {
                throw ExportError.write(error.description)
            }
            // The writer makes new files private (0600), as the journal should be; an export is
            // a document to share, so a new one gets the usual permissions (0666 less the umask).
            // A replaced file keeps its own.
            if isNew {
                let mask = umask(0o022)
                umask(mask)
                _ = chmod(path, 0o666 & ~mask)
            }
        case .standardOutput:
            try writeStandardOutput(data)
        }
    }

    static func writeStandardOutput(_ data: Data) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(STDOUT_FILENO, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw ExportError.write("could not write to standard output: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
    }
}

extension Exporter {

    /// Renders a request from `state` and writes it to the file `path` (a leading `~/` is the
    /// home folder) atomically; for the full-screen app, which has the state in hand and a file
    /// name typed by the user. Refuses standard output (`-`), a folder and the journal. Returns
    /// the path written.
    @discardableResult
    public static func write(_ request: ExportRequest, state: MinutesState, toFile path: String,
                             journalPath: String?) throws -> String {
        let path = ExportWriter.expandingTilde(path.trimmingCharacters(in: .whitespaces))
        guard !path.isEmpty, path != "-" else { throw ExportError.emptyOutputPath }
        let destination = try ExportWriter.destination(format: request.format, output: path, journalPath: journalPath,
                                                       standardOutputIsTerminal: true)
        let result = try render(request, state: state)
        try ExportWriter.write(result.data, to: destination)
        return path
    }
}

extension ExportWriter {
    /// `~/x` as `$HOME/x`; anything else unchanged.
    public static func expandingTilde(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.homeDirectoryForCurrentUser.path
        return home + path.dropFirst()
    }
}
