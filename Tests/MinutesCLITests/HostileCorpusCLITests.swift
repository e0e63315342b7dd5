import Foundation
import MinutesCore
import Testing

/// The shared hostile corpus (`Tests/hostile-corpus.json`) through the binary: given as
/// arguments, written to the journal with no unsafe scalar raw, and printed by the command
/// line showing raw exactly the unsafe scalars the one policy (`UntrustedText`) keeps.
@Suite struct HostileCorpusCLITests {
    static let entries: [String] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("hostile-corpus.json")
        return (try? JSONDecoder().decode([String].self, from: Data(contentsOf: url))) ?? []
    }()

    @Test func commandLineShowsRawExactlyWhatThePolicyKeeps() throws {
        #expect(Self.entries.count > 30)
        let box = try Sandbox()
        try box.copySample()
        for (i, text) in Self.entries.enumerated() {
            let added = try box.run(["add", "todo", "stay-safe/3", "RO to look at case \(i): " + text])
            #expect(added.status == 0, "\(i): \(added.stderr)")
        }
        let journal = String(decoding: box.bytes() ?? Data(), as: UTF8.self)
        // Raw only where the text needs them (joiners in emoji and scripts, tags in a flag);
        // bidi marks always escaped.
        let needed = Self.entries.reduce(into: Set<UInt32>()) { set, text in
            set.formUnion(UntrustedText.keptInContext(text).filter { UntrustedText.kind(of: Unicode.Scalar($0)!) != .bidiMark })
        }
        #expect(UntrustedText.unsafeScalars(in: journal).subtracting([0x0A]) == needed, "the journal holds unsafe scalars raw")
        let listed = try box.run(["todo", "--project", "stay-safe/3"])
        #expect(listed.status == 0)
        for (i, text) in Self.entries.enumerated() {
            let marker = "look at case \(i): "
            guard let line = listed.stdout.split(separator: "\n").first(where: { $0.contains(marker) }) else {
                Issue.record("case \(i) not listed")
                continue
            }
            let kept = UntrustedText.keptInContext("RO to look at case \(i): " + text)
            #expect(UntrustedText.unsafeScalars(in: String(line)) == kept, "\(i): \(text.debugDescription) → \(line.debugDescription)")
        }
        let check = try box.run(["check"])
        #expect(UntrustedText.unsafeScalars(in: check.stdout).subtracting([0x0A]).isEmpty)
    }
}
