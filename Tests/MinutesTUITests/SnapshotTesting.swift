import Foundation
import MinutesTUI
import Testing

/// Compares a grid with its golden file `__Snapshots__/<name>.txt` next to this file.
///
/// Why golden files: a view's output is easiest to review as the text a user would see.
/// A missing golden file fails the test (so a snapshot is never silently "recorded" on CI);
/// run with `RECORD_SNAPSHOTS=1` to write or rewrite it, then inspect it and commit it.
/// With `styles: true` a second file `<name>.styles.txt` marks each cell's style (see
/// `styleMask`), so highlight changes are caught too. On mismatch the issue shows a
/// line-by-line diff.
func assertSnapshot(
    _ grid: CellGrid, named name: String, styles: Bool = false, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__", isDirectory: true)
    var files = [(name + ".txt", grid.snapshotText())]
    if styles { files.append((name + ".styles.txt", styleMask(grid))) }
    let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
    for (fileName, actual) in files {
        let url = directory.appendingPathComponent(fileName)
        if recording {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: url)
            } catch {
                Issue.record("Could not record snapshot \(fileName): \(error)", sourceLocation: sourceLocation)
            }
            continue
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record(
                "Missing snapshot \(fileName). Run with RECORD_SNAPSHOTS=1 to record it, then inspect and commit it.\nActual:\n\(actual)",
                sourceLocation: sourceLocation)
            continue
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected != actual {
            Issue.record(
                "Snapshot \(fileName) differs (- expected, + actual):\n\(lineDiff(expected: expected, actual: actual))",
                sourceLocation: sourceLocation)
        }
    }
}

/// One character per cell: `.` plain, and otherwise the strongest mark of the style:
/// `R` reverse, `B` bold, `U` underline, `D` dim, else the role's initial in lower case
/// (`a`ccent, `w`arning, `d`anger, `m`uted, `s`election, `h`eader). Continuation cells repeat
/// their wide character's mark. Rows end with "\n", trailing `.` are kept (fixed width).
func styleMask(_ grid: CellGrid) -> String {
    var result = ""
    for y in 0..<grid.height {
        var previous: Character = "."
        for x in 0..<grid.width {
            guard let cell = grid.cell(x: x, y: y) else { continue }
            let mark = cell.isContinuation ? previous : mark(for: cell.style)
            result.append(mark)
            previous = mark
        }
        result += "\n"
    }
    return result
}

private func mark(for style: Style) -> Character {
    if style.reverse { return "R" }
    if style.bold { return "B" }
    if style.underline { return "U" }
    if style.dim { return "D" }
    switch style.role {
    case .normal: return "."
    case .accent: return "a"
    case .warning: return "w"
    case .danger: return "d"
    case .muted: return "m"
    case .selection: return "s"
    case .header: return "h"
    }
}

/// A readable diff: every differing line as `-NN| expected` and `+NN| actual`.
func lineDiff(expected: String, actual: String) -> String {
    let old = expected.components(separatedBy: "\n")
    let new = actual.components(separatedBy: "\n")
    var output: [String] = []
    for index in 0..<max(old.count, new.count) {
        let left = index < old.count ? old[index] : nil
        let right = index < new.count ? new[index] : nil
        guard left != right else { continue }
        let number = String(format: "%3d", index + 1)
        if let left { output.append("-\(number)| \(left)") }
        if let right { output.append("+\(number)| \(right)") }
    }
    return output.joined(separator: "\n")
}
