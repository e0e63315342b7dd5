import Foundation
import Testing
import MinutesCore

/// Issue 20, defects 2 and 9 through the binary: `check` says what `repair` will do, and
/// repair does exactly that, never moving a complete, valid event; a temporary copy left by
/// an interrupted rewrite is reported by check and removed by repair.
@Suite struct RepairAgreesWithCheckTests {
    @Test func lastEntryWithoutLineBreakGetsItAndIsNotMovedAside() throws {
        let box = try Sandbox()
        try box.copySample()
        let whole = box.bytes()!
        try whole.dropLast().write(to: box.journal)
        let lines = whole.filter { $0 == 10 }.count
        let check = try box.run(["check"])
        #expect(check.status == 0)
        #expect(check.stdout.contains("minutes.journal:\(lines):1: warning: the last line is a complete entry without a line break"), "\(check.stdout)")
        #expect(check.stdout.contains("minutes repair will add the missing line break at the end of line \(lines)"))
        let repair = try box.run(["repair"])
        #expect(repair.status == 0, "\(repair.stderr)")
        #expect(repair.stdout.contains("added the missing line break at the end of line \(lines)"), "\(repair.stdout)")
        #expect(box.bytes() == whole)
        #expect(try FileManager.default.contentsOfDirectory(atPath: box.dir.path).allSatisfy { !$0.contains(".torn-") })
    }

    @Test func carriageReturnLineEndsGetOneAnswer() throws {
        let box = try Sandbox()
        try box.copySample()
        let whole = box.bytes()!
        try Data(whole.map { $0 == 10 ? 13 : $0 }).write(to: box.journal)
        let check = try box.run(["check"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("lone carriage returns"), "\(check.stdout)")
        #expect(check.stdout.contains("minutes repair will turn"), "\(check.stdout)")
        #expect(!check.stdout.contains("nothing to repair"))
        let repair = try box.run(["repair"])
        #expect(repair.status == 0, "\(repair.stderr)")
        #expect(repair.stdout.contains("turned \(whole.filter { $0 == 10 }.count) lone carriage returns"), "\(repair.stdout)")
        #expect(box.bytes() == whole)
        #expect(try box.run(["check"]).status == 0)
    }

    @Test func temporaryCopyOfAnInterruptedRewriteIsReportedThenRemoved() throws {
        let box = try Sandbox()
        try box.copySample()
        // A rewrite killed between writing its temporary copy and renaming it: the process is gone.
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run()
        dead.waitUntilExit()
        let temp = box.dir.appendingPathComponent(".minutes.journal.tmp-\(dead.processIdentifier)-x1")
        try box.bytes()!.write(to: temp)
        let check = try box.run(["check"])
        #expect(check.stdout.contains(".minutes.journal.tmp-\(dead.processIdentifier)-x1: a temporary copy"), "\(check.stdout)")
        #expect(check.stdout.contains("minutes repair"), "\(check.stdout)")
        #expect(try box.run(["repair"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: temp.path))
    }
}
