import Foundation
import MinutesTUI
import Testing

@Suite("Snapshot helper")
struct SnapshotTestingTests {
    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    @Test(.disabled(if: recording, "recording writes files instead of failing"))
    func missingGoldenFileFails() {
        withKnownIssue {
            assertSnapshot(CellGrid(width: 3, height: 1), named: "no-such-snapshot-on-purpose")
        }
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("__Snapshots__/no-such-snapshot-on-purpose.txt").path
        #expect(!FileManager.default.fileExists(atPath: path), "a missing snapshot is not written")
    }

    @Test(.disabled(if: recording, "recording writes files instead of failing"))
    func differentGridFails() {
        var grid = DemoSnapshotTests.render()
        grid.put("changed", x: 0, y: 5)
        withKnownIssue {
            assertSnapshot(grid, named: "demo-80x24")
        }
    }

    @Test func diffShowsOnlyChangedLinesWithNumbers() {
        let diff = lineDiff(expected: "same\nold\nsame\n", actual: "same\nnew\nsame\n")
        #expect(diff == "-  2| old\n+  2| new")
    }

    @Test func styleMaskMarksStrongestAttribute() {
        var grid = CellGrid(width: 6, height: 1)
        grid.put("a", x: 0, y: 0, style: Style(role: .accent))
        grid.put("b", x: 1, y: 0, style: Style(role: .accent, bold: true, reverse: true))
        grid.put("日", x: 2, y: 0, style: Style(underline: true))
        grid.put("d", x: 4, y: 0, style: Style(dim: true))
        #expect(styleMask(grid) == "aRUUD.\n")
    }
}
