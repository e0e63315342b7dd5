import Foundation
import MinutesCore
import MinutesTUI
import TestSupport
import Testing

/// A group's plan edited in a real terminal: `P`, a line selected, changed and added to, the
/// journal's new lines checked afterwards.
@Suite("A plan in tmux", .serialized,
       .enabled(if: Tmux.isAvailable || Tmux.isCI, "tmux is not installed: the end-to-end tests are skipped (on CI they fail)"))
struct TmuxPlanTests {
    @Test func theGroupPlanIsEditedLineByLineInARealTerminal() throws {
        guard Tmux.isAvailable else { Issue.record("tmux is required on CI"); return }
        let binary = try MinutesBinary.path()
        let dir = try Fixture.scratchDirectory("e2e-plan")
        let journal = dir.appendingPathComponent("stay-safe.journal").path
        try FileManager.default.copyItem(atPath: Fixture.samplePath, toPath: journal)
        let before = AppHarness.lines(of: journal).count
        let tmux = try Tmux(directory: dir)
        defer { tmux.stop() }

        try tmux.start(binary, "-f", journal, width: 100, height: 30)
        try tmux.waitFor("Actions required")
        tmux.send("P")
        try tmux.waitFor("Group plan")
        // Title, Lead, Overall aim: change the aim.
        tmux.send("j")
        tmux.send("j")
        try tmux.waitFor("▸ Overall aim:")
        tmux.send("Enter")
        try tmux.waitFor("Overall aim ›")
        tmux.send("C-u")
        try tmux.type("Every young person in the cluster is safe and feels safe")
        tmux.send("Enter")
        try tmux.waitFor("Plan updated.")
        // Priority 1: add a priority after it.
        tmux.send("j")
        try tmux.waitFor("▸ Priority 1:")
        tmux.send("a")
        try tmux.waitFor("Add Priority ›")
        try tmux.type("Parents know where to turn")
        tmux.send("Enter")
        let screen = try tmux.waitFor("Priority 2: Parents know where to turn")
        #expect(screen.contains("Overall aim: Every young person in the cluster is safe"))
        tmux.send("Escape")
        try tmux.waitFor("Actions required")
        tmux.send("q")

        let added = AppHarness.lines(of: journal).dropFirst(before)
        #expect(added.count == 2, "\(added)")
        #expect(added.first?.contains("plan group=stay-safe aim=\"Every young person") == true)
        #expect(added.last?.contains("priority=\"Parents know where to turn\"") == true)
    }
}
