import Foundation
import MinutesTUI
import TestSupport
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
    for (fileName, actual) in files {
        if let problem = Golden.mismatch(actual, file: directory.appendingPathComponent(fileName)) {
            Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
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

/// A readable diff (see `Golden.lineDiff`).
func lineDiff(expected: String, actual: String) -> String { Golden.lineDiff(expected: expected, actual: actual) }
