import Foundation
import Testing

/// A write that fails because the disk is full is never reported as saved: one line on
/// stderr, exit status 1, and the journal exactly as it was.
///
/// A full disk is simulated with a file-size limit (`prlimit --fsize` at the journal's size,
/// with SIGXFSZ ignored): the append's write then fails with EFBIG just as it would with ENOSPC.
@Suite("A full disk")
struct DiskFullTests {
    static let commands: [[String]] = [
        ["add", "note", "stay-safe/2", "A note that does not fit"],
        ["add", "todo", "stay-safe/2", "RO to find more room"],
        ["done", "9eqz8myvgb13", "Done at last"],
        ["add", "meeting", "stay-safe", "2009-09-17", "--present", "RO,JB"],
    ]

    @Test(arguments: commands)
    func aWriteThatFailsIsAnErrorAndLeavesTheJournalUnchanged(args: [String]) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit") else {
            Issue.record("prlimit (util-linux) is needed to simulate a full disk")
            return
        }
        let box = try Sandbox()
        try box.copySample()
        let before = box.bytes()!
        let quoted = args.map { "'\($0)'" }.joined(separator: " ")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "trap '' XFSZ; exec prlimit --fsize=\(before.count) '\(CLI.binary.path)' \(quoted) -f minutes.journal"]
        p.currentDirectoryURL = box.dir
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 1, "\(stderr)")
        #expect(stderr.split(separator: "\n").count == 1)
        #expect(stderr.contains("minutes.journal") && stderr.contains("write failed"))
        #expect(box.bytes() == before)
    }
}
