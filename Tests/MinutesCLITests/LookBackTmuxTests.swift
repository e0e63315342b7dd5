import Foundation
import Testing

/// The app's look-back (`[`) follows the journal's meeting rules, as the exports do: set-up
/// actions in every meeting, corrections made later shown in earlier meetings, a follow-up
/// closed at a later meeting still open. Real binary, real tmux.
@Suite("Look-back in the app follows the meeting rules", .serialized,
       .enabled(if: Tmux.isAvailable || ProcessInfo.processInfo.environment["CI"] == "true"))
struct LookBackTmuxTests {
    @Test func lookingBackShowsTheJuneMeetingAsItsMinutesDo() throws {
        let s = try Sandbox()
        let ids = try JournalV2Tests.backFilled(s)
        try #require(try s.run(["add", "meeting", "be-safe", "2009-09-17", "--present", "KP,SD"]).status == 0)
        try #require(try s.run(["done", ids.todo, "Sent to all", "--meeting", "2009-09-17"]).status == 0)
        try #require(try s.run(["edit", ids.note, "Half the replies are in; a reminder goes out"]).status == 0)
        try #require(try s.run(["retract", ids.stray]).status == 0)

        let tmux = try Tmux(command: "'\(CLI.binary.path)' -f minutes.journal", directory: s.dir, width: 100, height: 30)
        try tmux.waitForScreen("the September meeting") { $0.contains("17 September 2009") }
        try tmux.keys("[")
        let june = try tmux.waitForScreen("the June meeting, looking back") { $0.contains("as at 26 June 2009") }
        #expect(june.contains("Keep the directory up to"), "the set-up action:\n\(june)")
        #expect(june.contains("reminder goes out"), "the corrected note:\n\(june)")
        #expect(!june.contains("gose") && !june.contains("wrong project"), "\(june)")
        #expect(june.contains("SD to send the template") && june.contains("↻1") && !june.contains("Sent to all"), "\(june)")
        try tmux.keys("q")
        try tmux.waitForExit()
    }
}
