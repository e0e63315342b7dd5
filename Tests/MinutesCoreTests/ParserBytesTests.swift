import Testing
@testable import MinutesCore

/// The byte-level shortcuts of `JournalParser` and `EventID` agree with the plain definitions.
@Suite struct ParserBytesTests {
    @Test func anIdReadFromBytesIsTheIdWrittenAndAnyByteOutsideTheAlphabetAtAnyPlaceIsRefused() {
        var g = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let id = EventID.random(using: &g)
            #expect(EventID.parse(id.text) == id)
        }
        #expect(EventID.parse("000000000000")?.value == 0)
        #expect(EventID.parse("zzzzzzzzzzzz")?.value == EventID.mask)
        #expect(EventID.parse("0000000000") == nil)
        #expect(EventID.parse("0000000000000") == nil)
        let alphabet = Set(EventID.alphabet)
        for place in 0..<12 {
            for byte in 0...255 where !alphabet.contains(UInt8(byte)) {
                var bytes = Array("4k7q4k7q4k7q".utf8)
                bytes[place] = UInt8(byte)
                #expect(bytes.withUnsafeBufferPointer { EventID.parse(bytes: $0[...]) } == nil)
            }
        }
    }

    @Test func aLineWithAnIdOutsideTheAlphabetOrAReferenceOfTheWrongLengthIsReportedAsBefore() {
        var parser = JournalParser()
        guard case .failure(let d) = parser.parse("2024-01-10T10:00:00.000Z 4k7q4k7q4k7u note project=g/1 text=x", number: 3) else {
            Issue.record("an id with a 'u' was read")
            return
        }
        #expect(d.message == "bad event id '4k7q4k7q4k7u'")
        #expect(d.column == 26)
        guard case .failure(let r) = parser.parse("2024-01-10T10:00:00.000Z 4k7q4k7q4k7q done ref=4k7q4k7q4k7", number: 4) else {
            Issue.record("an 11-character reference was read")
            return
        }
        #expect(r.message == "'4k7q4k7q4k7' is not an event id")
        #expect(r.column == 48)
        guard case .event(let e) = parser.parse("2024-01-10T10:00:00.000Z 4k7q4k7q4k7q done ref=zzzzzzzzzzzz", number: 5),
              case .done(let ref, _, _) = e.body else {
            Issue.record("a done event was not read")
            return
        }
        #expect(ref.value == EventID.mask)
    }
}
