import Foundation
import Testing
@testable import MinutesTUI

/// docs/user-guide.md against the app: every key binding listed in the help's own words, and
/// every screen capture in it identical to its golden file.
@Suite("User guide")
struct UserGuideTests {
    static let guidePath = Fixture.packageRoot.appendingPathComponent("docs/user-guide.md").path

    static func guide() throws -> String { try String(contentsOfFile: guidePath, encoding: .utf8) }

    /// The guide's table row for a binding: "| `Enter` `e` | Edit the selected item … |".
    static func row(_ b: KeyBinding) -> String {
        "| " + b.keys.map { "`\($0.label)`" }.joined(separator: " ") + " | " + b.help + " |"
    }

    @Test func guideListsEveryKeyBinding() throws {
        let guide = try Self.guide()
        let missing = KeyMap.standard.bindings.map(Self.row).filter { !guide.contains($0) }
        #expect(missing.isEmpty, "docs/user-guide.md lacks these rows (the key map changed?):\n\(missing.joined(separator: "\n"))")
    }

    @Test func guideTablesFollowTheKeyMapsOrderWithinEachSection() throws {
        let guide = try Self.guide()
        for context in KeyContext.allCases {
            let rows = KeyMap.standard.bindings.filter { $0.context == context }.map(Self.row)
            let positions = rows.compactMap { guide.range(of: $0)?.lowerBound }
            #expect(positions == positions.sorted(), "rows of \(context) are out of order")
        }
    }

    @Test func screenCapturesInTheGuideMatchTheirGoldenFiles() throws {
        let guide = try Self.guide()
        let snapshots = Fixture.packageRoot.appendingPathComponent("Tests/MinutesTUITests/__Snapshots__")
        var found = 0
        var rest = guide[...]
        while let marker = rest.range(of: "<!-- golden: ") {
            let nameEnd = try #require(rest[marker.upperBound...].range(of: " -->"))
            let name = String(rest[marker.upperBound..<nameEnd.lowerBound])
            let open = try #require(rest[nameEnd.upperBound...].range(of: "```text\n"))
            let close = try #require(rest[open.upperBound...].range(of: "```\n"))
            let capture = String(rest[open.upperBound..<close.lowerBound])
            let golden = try String(contentsOf: snapshots.appendingPathComponent(name + ".txt"), encoding: .utf8)
            #expect(capture == golden, "the capture of \(name) in the guide differs from its golden file:\n\(lineDiff(expected: golden, actual: capture))")
            found += 1
            rest = rest[close.upperBound...]
        }
        #expect(found >= 3, "the guide shows the main screen, the review pass and the Outstanding tab")
    }
}
