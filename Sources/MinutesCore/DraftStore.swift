import Foundation

/// Text being typed in the app that is not yet an entry in the journal.
public struct Draft: Sendable, Equatable {
    public var text: String
    /// Where it was being typed, in the app's own words (e.g. "note stay-safe/2"), so it can
    /// be offered back in the right place.
    public var context: String
    public var saved: Timestamp

    public init(text: String, context: String, saved: Timestamp) {
        self.text = text
        self.context = context
        self.saved = saved
    }
}

/// The draft file of a journal, `<journal>.draft`: what the app saves every few seconds
/// while someone types, and when it is told to stop (SIGHUP, SIGTERM, SIGINT), so that a
/// crash or a closed terminal loses at most a few seconds of typing.
///
/// Each save replaces the file whole (temporary file in the same folder, fsync, rename,
/// folder fsync), so the draft on disk is always one complete save. The file is 0600 and
/// never read or written through a symbolic link.
public struct DraftStore: Sendable {
    public let path: String

    public init(journalPath: String) {
        path = DraftStore.draftPath(for: journalPath)
    }

    public static func draftPath(for journal: String) -> String { journal + ".draft" }

    static let format = "minutes-draft 1"

    private struct File: Codable {
        var format: String
        var saved: String
        var context: String
        var text: String
    }

    /// Saves the draft, replacing the previous one.
    public func save(text: String, context: String, at time: Timestamp = .now()) throws {
        let file = File(format: DraftStore.format, saved: time.iso, context: context, text: text)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var bytes = [UInt8](try encoder.encode(file))
        bytes.append(10)
        try SecureFile.replace(path, with: bytes)
    }

    /// The saved draft, or nil when there is none. Throws when the file cannot be read, is a
    /// symbolic link, or is not a draft.
    public func load() throws -> Draft? {
        guard let bytes = try SecureFile.read(path, limit: 16 << 20) else { return nil }
        guard let file = try? JSONDecoder().decode(File.self, from: Data(bytes)), file.format == DraftStore.format,
              let saved = Timestamp.parse(file.saved)
        else { throw JournalFileError(path: path, reason: .io(operation: "read draft (not a minutes draft)", errno: EINVAL)) }
        return Draft(text: file.text, context: file.context, saved: saved)
    }

    /// Removes the draft (once its text is recorded, or thrown away).
    public func clear() throws {
        if unlink(path) != 0 {
            if errno == ENOENT { return }
            throw JournalFileError.from(errno: errno, path: path, operation: "remove")
        }
        try SecureFile.syncDirectory(of: path)
    }
}
