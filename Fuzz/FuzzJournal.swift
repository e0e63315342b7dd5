// libFuzzer entry point for the journal parser and replay. Not part of Package.swift: it is
// compiled together with the MinutesCore sources into one fuzzing binary. See
// docs/reliability.md, "Longer fuzzing runs", for the commands.
//
// Every input is a whole journal. It must not crash or hang, and every problem reported must
// point into the input (line >= 1 and within the file, column >= 1 and at most one past the
// end of its line); an event the parser accepts must read back from its written form.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJournal(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let loaded = JournalLoader.load(bytes: bytes)
    var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map { Array($0) }
    if bytes.last == 10 { lines.removeLast() }
    for d in loaded.diagnostics {
        precondition(d.line >= 1 && d.line <= max(1, lines.count), "line out of range: \(d)")
        let length = lines.isEmpty ? 0 : lines[d.line - 1].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        precondition(d.column >= 1 && d.column <= length + 1, "column out of range: \(d)")
    }
    var parser = JournalParser()
    for (i, line) in lines.enumerated() {
        if case .event(let e) = line.withUnsafeBufferPointer({ parser.parse(line: $0, number: i + 1) }) {
            guard case .event(let back) = parser.parse(EventWriter.line(for: e)), back == e else {
                preconditionFailure("line \(i + 1) does not read back: \(EventWriter.line(for: e))")
            }
        }
    }
    return 0
}
