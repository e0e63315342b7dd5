import Foundation
@testable import MinutesCore
import Testing

/// The hostile corpus (`Tests/hostile-corpus.json`, shared by the Core, app, export and
/// command-line tests): every front end shows raw exactly the unsafe scalars the one policy
/// (`UntrustedText`) keeps in context, and the journal writer shows none.
enum HostileCorpus {
    static let entries: [String] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("hostile-corpus.json")
        return (try? JSONDecoder().decode([String].self, from: Data(contentsOf: url))) ?? []
    }()
}

@Suite struct HostileCorpusCoreTests {
    @Test func corpusIsThere() {
        #expect(HostileCorpus.entries.count > 30)
    }

    @Test func diagnosticsShowRawExactlyWhatThePolicyKeeps() {
        for text in HostileCorpus.entries {
            let shown = Diagnostic.visible(text).text
            #expect(UntrustedText.unsafeScalars(in: shown) == UntrustedText.keptInContext(text), "\(text.debugDescription) → \(shown.debugDescription)")
        }
    }

    /// What the journal may hold raw: what the policy keeps in context (joiners in emoji and
    /// scripts, tags in a flag), less bidi marks, which the file always escapes.
    static func rawInJournal(_ text: String) -> Set<UInt32> {
        UntrustedText.keptInContext(text).filter { UntrustedText.kind(of: Unicode.Scalar($0)!) != .bidiMark }
    }

    @Test func journalWriterWritesRawOnlyWhatTheTextNeedsAndReadsBackTheSameText() {
        var parser = JournalParser()
        for text in HostileCorpus.entries {
            let event = Event(id: .random(), timestamp: Timestamp(milliseconds: 1_245_931_200_000),
                              body: .note(ProjectRef(group: "g", number: 1), meeting: nil, text: text))
            let line = EventWriter.line(for: event)
            #expect(UntrustedText.unsafeScalars(in: line) == Self.rawInJournal(text), "\(line.debugDescription)")
            guard case .event(let back) = parser.parse(line) else {
                Issue.record("did not parse: \(line.debugDescription)")
                continue
            }
            #expect(back == event)
        }
    }

    @Test func policyDecidesTheCasesTheFrontEndsUsedToDisagreeOn() {
        // U+200E, U+180E and tag characters: unsafe out of context, everywhere.
        for v: UInt32 in [0x200E, 0x180E, 0xE0041, 0xE0001, 0xE007F, 0x00AD, 0x2028] {
            #expect(UntrustedText.isUnsafe(Unicode.Scalar(v)!), "U+\(String(v, radix: 16))")
        }
        #expect(UntrustedText.keptInContext("👩\u{200D}💻").contains(0x200D))
        #expect(UntrustedText.keptInContext("a\u{200D}b").isEmpty)
        #expect(UntrustedText.keptInContext("می\u{200C}خواهم").contains(0x200C))
        #expect(UntrustedText.keptInContext("\u{200E}lrm").isEmpty)
        #expect(UntrustedText.keptInContext("עברית\u{200E} 12").contains(0x200E))
        #expect(UntrustedText.keptInContext("🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}").count == 6)
        #expect(UntrustedText.keptInContext("\u{E0041}\u{E0042} hidden").isEmpty)
        #expect(!UntrustedText.isUnsafe("\u{FE0F}") && !UntrustedText.isUnsafe("\u{301}"))
    }
}
