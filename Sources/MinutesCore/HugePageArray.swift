import Foundation

/// A fixed-size array of plain values (no references inside) whose memory, when it is large,
/// comes straight from the kernel in 2 MiB-aligned blocks marked for transparent huge pages.
///
/// Why: replay looks every event's id up in `TargetTable`, a hash table of 25 MB at a million
/// events, at random places. With 4 KiB pages the table spans 6,000 pages, far more than the
/// processor keeps address translations for, so nearly every lookup paid a page-table walk on
/// top of its cache miss. On 2 MiB pages the whole table is 13 translations. (Linux gives huge
/// pages to memory marked `MADV_HUGEPAGE` when it is set to "madvise", its usual setting;
/// elsewhere, or when refused, this is ordinary memory and only the speed differs.)
///
/// Copy-on-write like `Array`, so that the state holding it stays a value.
struct HugePageArray<Element: BitwiseCopyable>: RandomAccessCollection, MutableCollection {
    /// Arrays of at least this many bytes (one huge page) are mapped for huge pages; smaller
    /// ones are not worth a mapping of their own. A 100,000-event journal's table, 3 MB, is
    /// mapped: its replay's applying thread measured about 5% faster so (4 MiB left it out).
    static var hugePageThreshold: Int { 2 << 20 }

    private var storage: Storage?

    init() {}

    init(repeating value: Element, count: Int) {
        guard count > 0 else { return }
        let s = Storage(count: count)
        s.base.initialize(repeating: value, count: count)
        storage = s
    }

    var startIndex: Int { 0 }
    var endIndex: Int { storage?.count ?? 0 }

    subscript(position: Int) -> Element {
        @inline(__always) get {
            precondition(position >= 0 && position < endIndex, "index out of range")
            return storage.unsafelyUnwrapped.base[position]
        }
        @inline(__always) set {
            precondition(position >= 0 && position < endIndex, "index out of range")
            if !isKnownUniquelyReferenced(&storage) { storage = storage.unsafelyUnwrapped.copy() }
            storage.unsafelyUnwrapped.base[position] = newValue
        }
    }

    /// Whether the memory was mapped for huge pages (for tests).
    var isMapped: Bool { storage?.mapping != nil }

    /// The memory: mapped and 2 MiB-aligned when large, else from `malloc`.
    final class Storage: @unchecked Sendable {
        // @unchecked: written only while uniquely referenced (see the subscript's setter).
        let base: UnsafeMutablePointer<Element>
        let count: Int
        /// The whole mapping, when mapped (it starts before `base` to leave room to align).
        let mapping: (start: UnsafeMutableRawPointer, length: Int)?

        init(count: Int) {
            self.count = count
            let bytes = count * MemoryLayout<Element>.stride
            if bytes >= HugePageArray.hugePageThreshold, let m = Storage.mapHugePages(bytes: bytes) {
                mapping = m.mapping
                base = m.aligned.bindMemory(to: Element.self, capacity: count)
            } else {
                mapping = nil
                base = .allocate(capacity: count)
            }
        }

        func copy() -> Storage {
            let s = Storage(count: count)
            s.base.initialize(from: base, count: count)
            return s
        }

        deinit {
            if let mapping {
                munmap(mapping.start, mapping.length)
            } else {
                base.deallocate()
            }
        }

        /// Maps `bytes` (rounded up to whole huge pages) at a 2 MiB boundary and asks for huge
        /// pages there; nil when the mapping fails.
        static func mapHugePages(bytes: Int) -> (mapping: (start: UnsafeMutableRawPointer, length: Int), aligned: UnsafeMutableRawPointer)? {
            let huge = 2 << 20
            let size = (bytes + huge - 1) / huge * huge
            let length = size + huge
            guard let start = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
                  start != MAP_FAILED else { return nil }
            let address = Int(bitPattern: start)
            let aligned = start + ((huge - address % huge) % huge)
            #if os(Linux)
            _ = madvise(aligned, size, MADV_HUGEPAGE)
            #endif
            return ((start, length), aligned)
        }
    }
}

extension HugePageArray: @unchecked Sendable where Element: Sendable {}
