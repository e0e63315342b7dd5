import Foundation
import MinutesCore
import MinutesTUI
import Testing

/// The shared hostile corpus (`Tests/hostile-corpus.json`) through the app's sanitizer: it
/// shows raw exactly the unsafe scalars the one policy (`UntrustedText`) keeps in context.
@Suite struct HostileCorpusTUITests {
    static let entries: [String] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("hostile-corpus.json")
        return (try? JSONDecoder().decode([String].self, from: Data(contentsOf: url))) ?? []
    }()

    @Test func appShowsRawExactlyWhatThePolicyKeeps() {
        #expect(Self.entries.count > 30)
        for text in Self.entries {
            let shown = TextSanitizer.sanitize(text)
            #expect(UntrustedText.unsafeScalars(in: shown) == UntrustedText.keptInContext(text), "\(text.debugDescription) → \(shown.debugDescription)")
        }
    }
}
