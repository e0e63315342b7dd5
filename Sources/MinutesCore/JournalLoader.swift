import Foundation

/// A journal read and replayed: the state, every problem found, and where the file ended.
public struct LoadedJournal: Sendable {
    public var state: MinutesState
    /// Parse and replay problems, sorted by place, columns resolved.
    public var diagnostics: [Diagnostic]
    /// The line number of an incomplete last line that was left out, if any.
    public var tornLine: Int?
    /// Lines in the file, counting a torn last line.
    public var lineCount: Int
    /// Bytes consumed: the offset just past the last complete line. Appends start here.
    public var validLength: Int
    /// Whether events had to be sorted because the file was not in (timestamp, id) order.
    public var wasReordered: Bool
    /// The last event read, in replay order (applied or not): appends that follow it can be
    /// applied incrementally (see `JournalFollower`).
    public var lastEvent: Event? = nil
    /// The format version its header names (1 when the header is missing or unreadable).
    public var formatVersion = 1

    public var hasErrors: Bool { diagnostics.hasErrors }
}

/// Reads a journal and replays it into a `MinutesState`.
///
/// The common case, a file already in (timestamp, id) order, is one streaming pass: read a
/// large chunk, parse each complete line, apply it, move on; memory holds the state and one
/// chunk, never the file. A file out of order (after a `git merge`) takes the second path:
/// parse everything, sort, then apply. Both give the same state for the same set of lines.
public enum JournalLoader {
    /// The first line every new journal starts with.
    public static let header = EventWriter.header
    /// How far ahead of the clock a line may be stamped before it is reported as dated in the
    /// future: clocks of laptops that sync by the network differ by seconds, not minutes.
    public static let futureTolerance: Int64 = 5 * 60 * 1000

    /// Loads the journal at `path`; throws only when the file cannot be read at all.
    public static func load(path: String, asOf: Day? = nil) throws -> LoadedJournal {
        try load(path: path, asOf: asOf, parallel: nil)
    }

    /// Loads the journal at `path`, choosing how: `parallel` parses on a second thread while
    /// applying (nil: when there are two cores and the file is large enough for it to pay).
    /// Tests and `minutes-bench replay-parts` force either way.
    public static func load(path: String, asOf: Day?, parallel: Bool?) throws -> LoadedJournal {
        let source = try FileSource(path: path)
        defer { source.close() }
        let pipelined = parallel ?? (ProcessInfo.processInfo.activeProcessorCount > 1 && source.size >= 1 << 20)
        // A large journal's state is built on huge pages (see `ReplayHeap`).
        let prepared = ReplayHeap.prepare(fileSize: source.size)
        defer { if prepared { ReplayHeap.finish() } }
        if var result = try replay(source, asOf: asOf, sorting: false, pipelined: pipelined) {
            try resolve(&result, source: source)
            return result
        }
        var result = try replay(source, asOf: asOf, sorting: true)!
        try resolve(&result, source: source)
        return result
    }

    /// Loads a journal held in memory (tests, fuzzing, `git show`).
    public static func load(bytes: [UInt8], asOf: Day? = nil) -> LoadedJournal {
        let source = MemorySource(bytes: bytes)
        var result = (try? replay(source, asOf: asOf, sorting: false)) ?? nil
        if result == nil { result = try? replay(source, asOf: asOf, sorting: true) }
        var r = result!
        try? resolve(&r, source: source)
        return r
    }

    public static func load(text: String, asOf: Day? = nil) -> LoadedJournal {
        load(bytes: Array(text.utf8), asOf: asOf)
    }

    // MARK: - Replay

    /// One pass over the lines. Without `sorting`, returns nil as soon as a line is out of
    /// order (the caller then replays with sorting).
    static func replay(_ source: LineSource, asOf: Day?, sorting: Bool, pipelined: Bool = false) throws -> LoadedJournal? {
        var start = MinutesState(asOf: asOf)
        start.futureLimit = Timestamp(milliseconds: Timestamp.now().milliseconds + futureTolerance)
        var fold = ReplayFold(state: start, sorting: sorting, fileSize: source.size)
        let scan: LineScan
        var last: Event?
        if pipelined && !sorting {
            (scan, last) = try ParallelParse.run(source, into: &fold)
        } else {
            (scan, last) = try foldLines(source, into: &fold)
        }
        if fold.outOfOrder { return nil }
        if sorting {
            fold.pending.sort { Event.replayOrder($0.event, $1.event) }
            for (event, number) in fold.pending {
                if fold.state.contains(event.id) || (!fold.notApplied.isEmpty && fold.notApplied.contains(event.id)) {
                    fold.duplicates.append((event.id, number))
                    continue
                }
                if !fold.state.apply(event, line: number) { fold.notApplied.insert(event.id) }
            }
            last = fold.pending.last?.event
        }
        fold.state.finishReplay()
        let state = fold.state
        var diagnostics = fold.diagnostics
        let duplicates = fold.duplicates
        if scan.lineCount == 0 {
            diagnostics.append(.error(line: 1, "empty file: not a minutes journal",
                                      hint: "create a journal with: minutes init"))
        }
        var tornLine: Int?
        if scan.tornLength > 0 {
            tornLine = scan.lineCount
            diagnostics.append(.warning(line: scan.lineCount, "incomplete last line (no line break at its end) left out of replay",
                                        hint: "this is what a crash mid-write leaves; run: minutes repair"))
        }
        diagnostics.append(contentsOf: state.diagnostics)
        if !duplicates.isEmpty {
            diagnostics.append(contentsOf: try checkDuplicates(duplicates, source: source))
        }
        return LoadedJournal(state: state, diagnostics: diagnostics, tornLine: tornLine,
                             lineCount: scan.lineCount, validLength: scan.validLength, wasReordered: sorting,
                             lastEvent: last)
    }

    /// The one-thread pass: parse each line and fold it; returns the scan and the last event.
    static func foldLines(_ source: LineSource, into fold: inout ReplayFold) throws -> (LineScan, Event?) {
        fold.reserve()
        var parser = JournalParser()
        var last: Event?
        let scan = try source.forEachLine { line, number in
            var parsed = parseLine(line, number: number, parser: &parser)
            if case .event(let e)? = parsed.result { last = e }
            return fold.take(&parsed)
        }
        return (scan, last)
    }

    /// What replay folds each parsed line into, in line order: the state, the problems, the
    /// duplicate ids, and (when sorting) the events held back to be sorted.
    ///
    /// A struct with a mutating method rather than a nested function capturing local
    /// variables: captured variables are boxed and every access to them was checked for
    /// exclusivity at run time, four checks per line.
    struct ReplayFold {
        var state: MinutesState
        let sorting: Bool
        var diagnostics: [Diagnostic] = []
        var duplicates: [(id: EventID, line: Int)] = []
        /// Every id replayed so far, applied or not, is a duplicate when it comes again (else
        /// one that could not be applied would be reported twice): the applied ones are in
        /// the state's own table; only those not applied need keeping here (a set of all ids
        /// cost a hash and 16 bytes per event).
        var notApplied = Set<EventID>()
        var pending: [(event: Event, line: Int)] = []
        /// The order of the latest event, for the ordering check.
        var lastOrder: (timestamp: Timestamp, id: EventID)?
        var outOfOrder = false

        /// The journal's size in bytes, from which `reserve` sizes the state's tables.
        let fileSize: Int

        init(state: MinutesState, sorting: Bool, fileSize: Int) {
            self.state = state
            self.sorting = sorting
            self.fileSize = fileSize
        }

        /// Makes room for every event at once (lines are about 120 bytes; more events just
        /// grow the table). Called once the lines are being read: with two threads, after the
        /// reading thread has started, since filling a million events' table takes some
        /// milliseconds that the reader need not wait for.
        mutating func reserve() {
            state.targets.reserveCapacity(fileSize / 120)
        }

        /// Bits of the slots `warm` read, kept so that the reads stay.
        private var warmth: UInt32 = 0

        /// Reads, for a batch of lines about to be folded, the table slots their ids and the
        /// ids they refer to will be looked up in: the cache misses of the whole batch then
        /// overlap, which made replay of a million events markedly faster. Returns the index
        /// of the batch's last event.
        mutating func warm(_ batch: borrowing [ParsedLine]) -> Int? {
            var w: UInt32 = 0
            var lastEvent: Int?
            batch.withUnsafeBufferPointer { lines in
                for i in lines.indices where lines[i].id != ParsedLine.noID {
                    w ^= state.targets.touch(EventID(value: lines[i].id))
                    if lines[i].ref != ParsedLine.noID { w ^= state.targets.touch(EventID(value: lines[i].ref)) }
                    lastEvent = i
                }
                // Then the items that decisions refer to, now that their slots are at hand.
                for i in lines.indices where lines[i].ref != ParsedLine.noID {
                    guard let p = state.targets.itemPosition(EventID(value: lines[i].ref)) else { continue }
                    if state.itemStorage.touch(p) { w &+= 1 }
                }
            }
            warmth ^= w
            return lastEvent
        }

        /// Folds one line, taking its content out of it (left nil: moved, not copied, which
        /// would retain every string and array the event carries); false to stop (a line out
        /// of order, when not sorting).
        mutating func take(_ parsed: inout ParsedLine) -> Bool {
            let number = parsed.number
            if !parsed.header.isEmpty { diagnostics.append(contentsOf: parsed.header) }
            let result = parsed.result.take()
            switch consume result {
            case nil, .blank?:
                return true
            case .failure(let d)?:
                diagnostics.append(d)
                return true
            case .event(let event)?:
                if sorting {
                    pending.append((event, number))
                    return true
                }
                if let l = lastOrder, l.timestamp != event.timestamp ? l.timestamp > event.timestamp : l.id >= event.id {
                    if l.id == event.id && l.timestamp == event.timestamp {
                        duplicates.append((event.id, number))
                        return true
                    }
                    outOfOrder = true
                    return false
                }
                lastOrder = (event.timestamp, event.id)
                if state.contains(event.id) || (!notApplied.isEmpty && notApplied.contains(event.id)) {
                    duplicates.append((event.id, number))
                    return true
                }
                // The event is given up, its id read first: a call that still used the event
                // afterwards would hand `apply` a copy, retaining everything it carries (see
                // docs/performance.md, item 40).
                let id = event.id
                if !state.apply(consume event, line: number) { notApplied.insert(id) }
                return true
            }
        }
    }

    /// One line parsed, with the header check on line 1: what `replay` folds, made here so
    /// that it can be made on another thread (`ParallelParse`).
    ///
    /// Kept small, since batches of them cross between threads: the header problem, which
    /// only line 1 can have, is an array (8 bytes empty) rather than an inline optional (73).
    struct ParsedLine: Sendable {
        var number: Int
        /// A problem with the first line (at most one).
        var header: [Diagnostic]
        /// The event's id and the id it refers to (`noID` for none), read by
        /// `ReplayFold.warm` without copying the event out of `result`, which would retain
        /// every string it carries.
        var id: UInt64
        var ref: UInt64
        /// The line's content; nil for a header line (good, or bad and not an event). Taken
        /// (left nil) when folded; `id` and `ref` come from the parser with it.
        var result: JournalParser.LineResult?

        static let noID = JournalParser.noID
    }

    static func parseLine(_ line: UnsafeBufferPointer<UInt8>, number: Int, parser: inout JournalParser) -> ParsedLine {
        let noID = ParsedLine.noID
        guard number == 1 else {
            let result = parser.parse(line: line, number: number)
            let ids = parser.lastEventIDs
            return ParsedLine(number: number, header: [], id: ids.id, ref: ids.ref, result: result)
        }
        guard let problem = checkHeader(line) else { return ParsedLine(number: number, header: [], id: noID, ref: noID, result: nil) }
        if problem.isError, !looksLikeEvent(line) {
            return ParsedLine(number: number, header: [problem], id: noID, ref: noID, result: nil)
        }
        let result = parser.parse(line: line, number: number)
        let ids = parser.lastEventIDs
        return ParsedLine(number: number, header: [problem], id: ids.id, ref: ids.ref, result: result)
    }

    static func checkHeader(_ line: UnsafeBufferPointer<UInt8>) -> Diagnostic? {
        var bytes = Array(line)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        while let l = bytes.last, l == 13 || l == 32 || l == 9 { bytes.removeLast() }
        let text = String(decoding: bytes, as: UTF8.self)
        if version(ofHeader: text) != nil { return nil }
        if text.hasPrefix("minutes-journal ") {
            return .error(line: 1, column: 17, "journal format version '\(text.dropFirst(16))' is not one this program reads",
                          hint: "this program reads versions 1 and 2; a newer minutes may read it")
        }
        return .error(line: 1, "not a minutes journal: the first line must be '\(header)'",
                      hint: "create a journal with: minutes init")
    }

    /// The version a header line names, when it is one this program reads.
    static func version(ofHeader text: String) -> Int? {
        EventWriter.readableVersions.first { text == EventWriter.header(version: $0) }
    }

    /// The format version of the journal in `source`, read from its first line.
    static func formatVersion(_ source: LineSource) throws -> Int {
        var version = 1
        _ = try source.forEachLine { line, _ in
            var bytes = Array(line)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            while let l = bytes.last, l == 13 || l == 32 || l == 9 { bytes.removeLast() }
            version = self.version(ofHeader: String(decoding: bytes, as: UTF8.self)) ?? 1
            return false
        }
        return version
    }

    static func looksLikeEvent(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.count > 24 && Timestamp.parse(bytes: line[0..<24]) != nil
    }

    /// Lines that repeat an id: fine when they hold the same event (a merge duplicated the
    /// line), an error when the content differs. Lines are compared as parsed events, so the
    /// id is found however the line is spaced, and spacing alone is no difference.
    static func checkDuplicates(_ dups: [(id: EventID, line: Int)], source: LineSource) throws -> [Diagnostic] {
        let ids = Set(dups.map(\.id))
        var parser = JournalParser()
        var linesByID: [EventID: [(line: Int, column: Int, event: Event)]] = [:]
        _ = try source.forEachLine { line, number in
            if case .event(let e) = parser.parse(line: line, number: number), ids.contains(e.id) {
                linesByID[e.id, default: []].append((number, idColumn(line), e))
            }
            return true
        }
        var out: [Diagnostic] = []
        for (id, lines) in linesByID {
            guard let first = lines.first else { continue }
            for other in lines.dropFirst() where other.event != first.event {
                out.append(.error(line: other.line, column: other.column,
                                  "event id \(id) is also used by line \(first.line) with different content",
                                  hint: "every event needs its own id; give this line a new one"))
            }
        }
        return out
    }

    /// The column of an event line's id: after the leading space, the timestamp and the space after it.
    static func idColumn(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0
        while i < b.count, b[i] == 32 || b[i] == 9 { i += 1 }
        while i < b.count, b[i] != 32, b[i] != 9 { i += 1 }
        while i < b.count, b[i] == 32 || b[i] == 9 { i += 1 }
        return JournalParser.column(b, i)
    }

    /// Fills in the columns of replay diagnostics that name a field, and sorts everything.
    static func resolve(_ result: inout LoadedJournal, source: LineSource) throws {
        result.formatVersion = try formatVersion(source)
        let wanted = Set(result.diagnostics.filter { $0.field != nil }.map(\.line))
        if !wanted.isEmpty {
            var texts: [Int: String] = [:]
            _ = try source.forEachLine { line, number in
                if wanted.contains(number) { texts[number] = String(decoding: line, as: UTF8.self) }
                return true
            }
            for i in result.diagnostics.indices {
                guard let field = result.diagnostics[i].field, let text = texts[result.diagnostics[i].line] else { continue }
                result.diagnostics[i].column = column(of: field, value: result.diagnostics[i].fieldValue, in: text)
            }
        }
        result.diagnostics = result.diagnostics.sortedByPlace()
    }

    /// The column of a field's value in a line (1 when the field is absent). Given the value
    /// as written, the field that holds exactly it, so that the second `owner=` of a line is
    /// found rather than the first; the first field of the name when none does (a quoted or
    /// escaped value).
    static func column(of field: String, value: String? = nil, in line: String) -> Int {
        let scalars = Array(line.unicodeScalars)
        let key = Array((" " + field + "=").unicodeScalars)
        /// Where `needle` starts in the line, first to last.
        func starts(of needle: [Unicode.Scalar]) -> LazyFilterSequence<Range<Int>> {
            (0..<max(0, scalars.count - needle.count + 1)).lazy.filter { scalars[$0..<($0 + needle.count)].elementsEqual(needle) }
        }
        if let value {
            let needle = key + Array(value.unicodeScalars)
            let whole = starts(of: needle).first { start in
                let after = start + needle.count
                return after == scalars.count || scalars[after] == " " || scalars[after] == "\t"
            }
            if let whole { return whole + key.count + 1 }
        }
        return starts(of: key).first.map { $0 + key.count + 1 } ?? 1
    }

    /// The text of the given lines, for showing a problem in context.
    public static func sourceLines(path: String, numbers: Set<Int>) -> [Int: String] {
        guard let source = try? FileSource(path: path) else { return [:] }
        defer { source.close() }
        var out: [Int: String] = [:]
        _ = try? source.forEachLine { line, number in
            if numbers.contains(number) { out[number] = String(decoding: line, as: UTF8.self) }
            return true
        }
        return out
    }
}

/// The result of a pass over a file's lines.
struct LineScan {
    var lineCount = 0
    /// Offset just past the last line break.
    var validLength = 0
    /// Bytes after the last line break.
    var tornLength = 0
}

/// Something that yields complete lines (without their line break) and reports a torn tail.
protocol LineSource {
    /// Calls `body` for each complete line with its 1-based number; `body` returns false to stop.
    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Bool) throws -> LineScan
    /// The size in bytes, from which replay guesses how many events to make room for.
    var size: Int { get }
}

/// A journal in memory.
struct MemorySource: LineSource {
    let bytes: [UInt8]
    var size: Int { bytes.count }

    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Bool) throws -> LineScan {
        try bytes.withUnsafeBufferPointer { buf in
            var scan = LineScan()
            var start = 0
            var number = 0
            while start < buf.count {
                guard let p = memchr(buf.baseAddress! + start, 10, buf.count - start) else { break }
                let nl = buf.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
                number += 1
                scan.lineCount = number
                scan.validLength = nl + 1
                if try !body(UnsafeBufferPointer(rebasing: buf[start..<nl]), number) { return scan }
                start = nl + 1
            }
            if start < buf.count {
                scan.lineCount = number + 1
                scan.tornLength = buf.count - start
            }
            return scan
        }
    }
}

/// A journal file, read in large chunks with `read(2)`.
final class FileSource: LineSource {
    let path: String
    let fd: Int32
    static let chunkSize = 1 << 20

    init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw JournalFileError.from(errno: errno, path: path, operation: "open") }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            Glibc.close(fd)
            throw JournalFileError(path: path, reason: .isDirectory)
        }
        self.fd = fd
    }

    func close() { Glibc.close(fd) }

    /// The file's size now, in bytes.
    var size: Int {
        var st = stat()
        return fstat(fd, &st) == 0 ? Int(st.st_size) : 0
    }

    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Bool) throws -> LineScan {
        var scan = LineScan()
        var buffer = [UInt8](repeating: 0, count: FileSource.chunkSize)
        var filled = 0
        var offset = 0  // file offset of buffer[0]
        var number = 0
        var eof = false
        while !eof {
            if filled == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
            let n = buffer.withUnsafeMutableBytes { raw in
                pread(fd, raw.baseAddress! + filled, raw.count - filled, off_t(offset + filled))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw JournalFileError.from(errno: errno, path: path, operation: "read")
            }
            if n == 0 { eof = true }
            filled += n
            var consumed = 0
            let stop: Bool = try buffer.withUnsafeBufferPointer { buf in
                var start = 0
                while start < filled {
                    guard let p = memchr(buf.baseAddress! + start, 10, filled - start) else { break }
                    let nl = buf.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
                    number += 1
                    scan.lineCount = number
                    scan.validLength = offset + nl + 1
                    if try !body(UnsafeBufferPointer(rebasing: buf[start..<nl]), number) { return true }
                    start = nl + 1
                }
                consumed = start
                return false
            }
            if stop { return scan }
            if consumed > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    if filled > consumed { memmove(raw.baseAddress!, raw.baseAddress! + consumed, filled - consumed) }
                }
                offset += consumed
                filled -= consumed
            }
        }
        if filled > 0 {
            scan.lineCount = number + 1
            scan.tornLength = filled
        }
        return scan
    }
}
