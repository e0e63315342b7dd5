import Foundation

/// Puts the memory a large replay fills on huge pages: glibc's main heap, grown ahead of
/// replay and marked for transparent huge pages before anything is written there.
///
/// Why: a replay's state is built by the applying thread (the thread that called
/// `JournalLoader.load`), which at a million events reads and writes some 100 MB of its own
/// items, history boxes and per-project arrays at places that decisions name, far apart.
/// On 4 KiB pages that is 25,000 pages, far more than the processor keeps address
/// translations for, and in a virtual machine each translation missed is a walk of two
/// page tables. Linux gives huge pages (2 MiB: 50 translations for the same memory) only to
/// memory marked `MADV_HUGEPAGE` (its usual setting, "madvise"), and glibc marks its heap only
/// when told at process start (`GLIBC_TUNABLES=glibc.malloc.hugetlb=1`), which would mean
/// re-executing the program. Growing the heap here and marking the new space does the same
/// for the part of the heap replay is about to fill. Measured at a million events against
/// the build without it, alternating: one replay in a fresh process, as the app does, 11 %
/// faster (12 rounds); resident memory unchanged (docs/performance.md, "The sixth round").
///
/// Where this cannot be done (another C library, a heap that is not contiguous, huge pages
/// switched off) it does nothing, and only the speed differs.
enum ReplayHeap {
    /// Journals from this size on get their replay's heap prepared: about 65,000 events. At
    /// 100,000 events (13 MB) replay measured 4 % faster so; a smaller state, a few MB, is
    /// mostly covered by the processor's address translations already, and is left alone.
    static let minimumFileSize = 8 << 20

    /// How much heap to prepare for a journal of `fileSize` bytes, nil below `minimumFileSize`:
    /// the applying thread's part of a replayed state is about 0.8× the file (104 MB at a
    /// million events, 129 MB file); space not used is never touched, so it costs address
    /// space only, and is given back after replay (`finish`).
    static func bytesToPrepare(fileSize: Int) -> Int? {
        fileSize >= minimumFileSize ? fileSize : nil
    }

    private static let hugePage = 2 << 20

    /// Prepares the heap for replaying a journal of `fileSize` bytes, when large enough;
    /// returns whether anything was done (and so is for `finish` to undo).
    static func prepare(fileSize: Int) -> Bool {
        guard let bytes = bytesToPrepare(fileSize: fileSize) else { return false }
        return !prepare(bytes: bytes).isEmpty
    }

    /// Grows the main heap by about `bytes`, without writing to it, and marks that space for
    /// huge pages; returns the addresses marked (empty: nothing done).
    ///
    /// Only on the main thread: it is the thread glibc serves from the main heap (the one that
    /// grows by `sbrk`); another thread has a heap of its own, which this does not reach. The
    /// app and `minutes-bench` replay on the main thread.
    static func prepare(bytes: Int) -> Range<Int> {
        #if canImport(Glibc)
        guard Thread.isMainThread, glibcMallopt != nil else { return 0..<0 }
        // Allocations of up to 32 MiB (an item chunk is 320 kB) come from the heap rather than
        // each from a mapping of its own on 4 KiB pages: glibc's own limit, which its sliding
        // threshold reaches anyway once a few large blocks have been freed.
        mallopt(option: .mmapThreshold, 32 << 20)
        // Until `finish`: free space at the top of the heap is kept, not given back at once
        // (else the space grown below would be returned before replay could use it).
        mallopt(option: .trimThreshold, Int32.max)
        let before = Int(bitPattern: sbrk(0))
        // Grown by allocating blocks just under the mapping threshold, then freeing them: the
        // blocks join the free space at the top of the heap. Only their headers are written.
        var blocks: [UnsafeMutableRawPointer] = []
        defer { for block in blocks.reversed() { free(block) } }
        while Int(bitPattern: sbrk(0)) - before < bytes, let block = malloc(30 << 20) {
            blocks.append(block)
            // The heap did not grow (the block came from free space already at its top, or from
            // a mapping of its own): nothing new to mark.
            if Int(bitPattern: sbrk(0)) <= before { break }
        }
        let start = (before + hugePage - 1) / hugePage * hugePage
        let end = Int(bitPattern: sbrk(0)) / hugePage * hugePage
        guard end > start, madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) == 0 else {
            finish()
            return 0..<0
        }
        return start..<end
        #else
        return 0..<0
        #endif
    }

    /// After replay: free space at the top of the heap is given back as glibc would (twice
    /// the mapping threshold), so that what replay did not use is not kept.
    static func finish() {
        #if canImport(Glibc)
        mallopt(option: .trimThreshold, 64 << 20)
        #endif
    }

    #if canImport(Glibc)
    /// `mallopt`'s parameters used here, with their values from glibc's `malloc.h`.
    private enum MalloptOption: Int32 {
        case trimThreshold = -1
        case mmapThreshold = -3
    }

    /// glibc's `mallopt(3)`, found at run time: `malloc.h` is not part of Swift's Glibc module,
    /// and a C library without it (nil here) is one where this does nothing.
    private static let glibcMallopt: (@convention(c) (Int32, Int32) -> Int32)? = {
        guard let symbol = dlsym(nil, "mallopt") else { return nil }  // nil: RTLD_DEFAULT
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
    }()

    private static func mallopt(option: MalloptOption, _ value: Int32) {
        _ = glibcMallopt?(option.rawValue, value)
    }
    #endif
}
