import Foundation

/// Replay on two cores: a second thread reads and parses lines while the calling thread
/// applies them, in the same order.
///
/// Parsing is about half of replay and needs nothing from the state, so it can run ahead;
/// applying stays on one thread, in line order, so the state, the diagnostics and every
/// early stop (an out-of-order line) are exactly those of the one-thread pass. Parsed lines
/// travel in batches through a bounded queue, so memory stays a few batches ahead.
enum ParallelParse {
    static let batchSize = 512
    /// How far the reader may run ahead: 64 batches, 32,768 lines, about 4 MB, some 15
    /// milliseconds of either thread's work. On a shared machine a core is at times taken
    /// away for milliseconds; a queue that deep lets the other thread keep working meanwhile,
    /// where 8 batches (about 2 milliseconds) left it waiting. Measured at a million events,
    /// 30 alternating runs each: median wall time 0.651 s with 8, 0.551 s with 32 (and the
    /// table sized after the reader starts); 64 against 32, 0.554 s against 0.587 s.
    static let batchesAhead = 64

    /// Runs `source.forEachLine` and `JournalLoader.parseLine` on a new thread and `fold.take`
    /// on this one; returns the scan and the last event consumed, or rethrows the reader's
    /// error. When `fold.take` returns false the reader is stopped (the scan is then of no use,
    /// as in the one-thread pass).
    static func run(_ source: LineSource, into fold: inout JournalLoader.ReplayFold) throws -> (LineScan, Event?) {
        let queue = BatchQueue()
        let reader = UncheckedSendable(source)
        let thread = Thread {
            var parser = JournalParser()
            var batch: [JournalLoader.ParsedLine] = []
            batch.reserveCapacity(batchSize)
            do {
                let scan = try reader.value.forEachLine { line, number in
                    batch.append(JournalLoader.parseLine(line, number: number, parser: &parser))
                    guard batch.count == batchSize else { return true }
                    defer { batch = []; batch.reserveCapacity(batchSize) }
                    return queue.put(batch)
                }
                if !batch.isEmpty { _ = queue.put(batch) }
                queue.finish(.success(scan))
            } catch {
                queue.finish(.failure(error))
            }
        }
        thread.stackSize = 1 << 20
        thread.start()
        fold.reserve()
        var stopped = false
        var last: Event?
        while !stopped, var batch = queue.take() {
            // `warm` also finds the batch's last event, kept once per batch rather than per line.
            let lastEvent = fold.warm(batch)
            // Each line is folded where it lies, its content moved out (`take`): iterating
            // the batch copied every line, retaining each string and array it carries, only
            // to release them again.
            for i in batch.indices {
                if i == lastEvent {
                    switch batch[i].result {
                    case .event(let e)?: last = e
                    default: break
                    }
                }
                if !fold.take(&batch[i]) {
                    stopped = true
                    break
                }
            }
        }
        if stopped { queue.cancel() }
        return (try queue.waitForResult().get(), last)
    }

    /// Batches from the reader to the applier, at most `batchesAhead` waiting.
    final class BatchQueue: @unchecked Sendable {
        // @unchecked: every field is read and written only while holding `condition`.
        private let condition = NSCondition()
        private var batches: [[JournalLoader.ParsedLine]] = []
        private var result: Result<LineScan, Error>?
        private var cancelled = false

        /// Adds a batch, waiting while the queue is full; false once the applier has stopped.
        func put(_ batch: [JournalLoader.ParsedLine]) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            while batches.count >= ParallelParse.batchesAhead && !cancelled { condition.wait() }
            guard !cancelled else { return false }
            batches.append(batch)
            condition.broadcast()
            return true
        }

        /// The next batch, waiting for one; nil when the reader has finished and all are taken.
        func take() -> [JournalLoader.ParsedLine]? {
            condition.lock()
            defer { condition.unlock() }
            while batches.isEmpty && result == nil { condition.wait() }
            guard !batches.isEmpty else { return nil }
            condition.broadcast()
            return batches.removeFirst()
        }

        func finish(_ outcome: Result<LineScan, Error>) {
            condition.lock()
            result = outcome
            condition.broadcast()
            condition.unlock()
        }

        /// Tells the reader to stop and drops what it has queued.
        func cancel() {
            condition.lock()
            cancelled = true
            batches = []
            condition.broadcast()
            condition.unlock()
        }

        /// Waits until the reader has finished (it never touches the source after that).
        func waitForResult() -> Result<LineScan, Error> {
            condition.lock()
            defer { condition.unlock() }
            while result == nil { condition.wait() }
            return result!
        }
    }
}

/// Carries a value to another thread that the compiler cannot prove safe to share: here the
/// line source, which the reader thread alone uses until it has finished.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
