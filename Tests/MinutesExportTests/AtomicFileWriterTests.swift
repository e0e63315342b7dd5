import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import MinutesCore

/// Real file-system calls, with failures and awkward behaviour injected on demand.
final class FaultyFileSystem: FileSystemOps, @unchecked Sendable {
    private let real = PosixFileSystemOps()
    private let lock = NSLock()
    private var _calls: [String] = []

    /// errno to fail the first `fsync` with, if any.
    var failFsyncWith: Int32?
    /// errno to fail `rename` with, if any.
    var failRenameWith: Int32?
    /// Write at most this many bytes per call.
    var maximumWrite = Int.max
    /// Make every other write fail with EINTR before writing anything.
    var interruptEveryOtherWrite = false
    /// Suffixes to hand out first (to force name clashes).
    var suffixes: [String] = []

    var calls: [String] { lock.withLock { _calls } }
    private func log(_ call: String) { lock.withLock { _calls.append(call) } }

    func open(_ path: String, flags: Int32, mode: mode_t) throws -> Int32 {
        log("open \(URL(fileURLWithPath: path).lastPathComponent)")
        return try real.open(path, flags: flags, mode: mode)
    }

    func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws -> Int {
        let interrupt = lock.withLock { () -> Bool in
            _calls.append("write")
            return interruptEveryOtherWrite && _calls.filter { $0 == "write" }.count % 2 == 1
        }
        if interrupt { throw SystemCallError(code: EINTR) }
        return try real.write(descriptor, UnsafeRawBufferPointer(rebasing: bytes.prefix(maximumWrite)))
    }

    func fsync(_ descriptor: Int32) throws {
        log("fsync")
        if let code = failFsyncWith { throw SystemCallError(code: code) }
        try real.fsync(descriptor)
    }

    func fchmod(_ descriptor: Int32, mode: mode_t) throws {
        log("fchmod \(String(mode, radix: 8))")
        try real.fchmod(descriptor, mode: mode)
    }

    func close(_ descriptor: Int32) throws {
        log("close")
        try real.close(descriptor)
    }

    func rename(_ source: String, to destination: String) throws {
        log("rename")
        if let code = failRenameWith { throw SystemCallError(code: code) }
        try real.rename(source, to: destination)
    }

    func unlink(_ path: String) throws {
        log("unlink")
        try real.unlink(path)
    }

    func permissions(ofFileAt path: String) throws -> mode_t? {
        try real.permissions(ofFileAt: path)
    }

    func randomSuffix() -> String {
        lock.withLock { suffixes.isEmpty ? real.randomSuffix() : suffixes.removeFirst() }
    }
}

@Suite final class AtomicFileWriterTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("minutes-atomic-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    func contents(_ url: URL) -> String? {
        FileManager.default.contents(atPath: url.path).map { String(decoding: $0, as: UTF8.self) }
    }

    func folderListing() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    func mode(_ url: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return try #require(attributes[.posixPermissions] as? Int)
    }

    @Test func writingCreatesANewFileReadableOnlyByItsOwner() throws {
        let target = folder.appendingPathComponent("minutes.md")
        try AtomicFileWriter.write(Data("first".utf8), to: target)
        #expect(contents(target) == "first")
        #expect(try mode(target) == 0o600)
        #expect(try folderListing() == ["minutes.md"])
    }

    @Test func writingReplacesAnExistingFileAndKeepsItsMode() throws {
        let target = folder.appendingPathComponent("minutes.md")
        try Data("old".utf8).write(to: target)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: target.path)
        try AtomicFileWriter.write(Data("new content".utf8), to: target)
        #expect(contents(target) == "new content")
        #expect(try mode(target) == 0o644)
        #expect(try folderListing() == ["minutes.md"])
    }

    @Test func aFailingFsyncLeavesTheTargetUntouchedAndRemovesTheTemporaryFile() throws {
        let target = folder.appendingPathComponent("minutes.docx")
        try Data("the old minutes".utf8).write(to: target)
        let fileSystem = FaultyFileSystem()
        fileSystem.failFsyncWith = ENOSPC

        let error = try #require(throws: AtomicWriteError.self) {
            try AtomicFileWriter.write(Data("the new minutes".utf8), to: target, fileSystem: fileSystem)
        }
        #expect(error.step == .sync)
        #expect(error.code == ENOSPC)
        #expect(error.path == target.resolvingSymlinksInPath().path)
        #expect(error.description.contains(target.lastPathComponent))
        #expect(error.description.contains("No space left on device"))
        #expect(contents(target) == "the old minutes")
        #expect(try folderListing() == ["minutes.docx"])
        #expect(!fileSystem.calls.contains("rename"))
        #expect(fileSystem.calls.suffix(2) == ["close", "unlink"])
    }

    @Test func aFailingRenameLeavesTheTargetUntouched() throws {
        let target = folder.appendingPathComponent("actions.csv")
        try Data("old".utf8).write(to: target)
        let fileSystem = FaultyFileSystem()
        fileSystem.failRenameWith = EXDEV
        #expect(throws: AtomicWriteError(path: target.resolvingSymlinksInPath().path, step: .rename, code: EXDEV)) {
            try AtomicFileWriter.write(Data("new".utf8), to: target, fileSystem: fileSystem)
        }
        #expect(contents(target) == "old")
        #expect(try folderListing() == ["actions.csv"])
    }

    @Test func shortAndInterruptedWritesStillWriteEveryByte() throws {
        let target = folder.appendingPathComponent("big.txt")
        let payload = Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let fileSystem = FaultyFileSystem()
        fileSystem.maximumWrite = 777
        fileSystem.interruptEveryOtherWrite = true
        try AtomicFileWriter.write(payload, to: target, fileSystem: fileSystem)
        #expect(FileManager.default.contents(atPath: target.path) == payload)
        #expect(fileSystem.calls.filter { $0 == "write" }.count == 2 * 13)
    }

    @Test func theFileIsFlushedBeforeTheRenameAndTheFolderAfter() throws {
        let target = folder.appendingPathComponent("order.txt")
        let fileSystem = FaultyFileSystem()
        try AtomicFileWriter.write(Data("x".utf8), to: target, fileSystem: fileSystem)
        let calls = fileSystem.calls
        let fsyncs = calls.indices.filter { calls[$0] == "fsync" }
        let rename = try #require(calls.firstIndex(of: "rename"))
        #expect(fsyncs.count == 2)
        #expect(fsyncs[0] < rename && rename < fsyncs[1])
        #expect(calls[rename + 1] == "open \(folder.lastPathComponent)")
    }

    @Test func aNameClashWithAnotherTemporaryFileIsRetried() throws {
        let target = folder.appendingPathComponent("clash.txt")
        let squatter = folder.appendingPathComponent(".clash.txt.tmp-taken")
        try Data("someone else's".utf8).write(to: squatter)
        let fileSystem = FaultyFileSystem()
        fileSystem.suffixes = ["taken", "free"]
        try AtomicFileWriter.write(Data("mine".utf8), to: target, fileSystem: fileSystem)
        #expect(contents(target) == "mine")
        #expect(contents(squatter) == "someone else's")
    }

    @Test func writingIntoAMissingFolderFailsNamingThePath() throws {
        let target = folder.appendingPathComponent("missing/minutes.md")
        let error = try #require(throws: AtomicWriteError.self) {
            try AtomicFileWriter.write(Data("x".utf8), to: target)
        }
        #expect(error.step == .createTemporary)
        #expect(error.code == ENOENT)
        #expect(error.description.contains("missing/minutes.md"))
    }

    @Test func writingThroughASymbolicLinkReplacesTheFileItPointsTo() throws {
        let real = folder.appendingPathComponent("real.md")
        let link = folder.appendingPathComponent("link.md")
        try Data("old".utf8).write(to: real)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        try AtomicFileWriter.write(Data("new".utf8), to: link)
        #expect(contents(real) == "new")
        let linkDestination = try FileManager.default.destinationOfSymbolicLink(atPath: link.path)
        #expect(linkDestination.hasSuffix("real.md"))
    }
}
