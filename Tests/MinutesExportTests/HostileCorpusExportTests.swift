import Foundation
import MinutesCore
@testable import MinutesExport
import Testing

/// The shared hostile corpus (`Tests/hostile-corpus.json`) through the exports' escaping: it
/// keeps exactly the unsafe scalars the one policy (`UntrustedText`) keeps in context, plus
/// the line feeds every line break becomes.
@Suite struct HostileCorpusExportTests {
    static let entries: [String] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("hostile-corpus.json")
        return (try? JSONDecoder().decode([String].self, from: Data(contentsOf: url))) ?? []
    }()

    @Test func exportsKeepExactlyWhatThePolicyKeeps() {
        #expect(Self.entries.count > 30)
        for text in Self.entries {
            let kept = UntrustedText.keptInContext(text)
            let clean = TextEscaping.sanitized(text)
            #expect(UntrustedText.unsafeScalars(in: clean).subtracting([0x0A]) == kept, "\(text.debugDescription) → \(clean.debugDescription)")
            let line = TextEscaping.singleLine(text)
            #expect(UntrustedText.unsafeScalars(in: line) == kept, "\(line.debugDescription)")
            let html = TextEscaping.htmlEscape(text)
            #expect(UntrustedText.unsafeScalars(in: html).subtracting([0x0A]) == kept)
        }
    }
}
