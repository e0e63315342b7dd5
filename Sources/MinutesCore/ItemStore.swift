/// Every item of a journal (actions, progress notes, follow-ups, retracted ones too), in the
/// order replay applied them, found by id: what `MinutesState.items` gives.
///
/// Why not `[EventID: Item]`: items are most of a large journal's state. A dictionary kept a
/// slot per item at up to half empty (each byte of `Item` counted twice), hashed every id
/// with SipHash, and copied the whole table each time it grew. Here items sit in fixed-size
/// chunks in the order they came (`ItemStorage`), and an id finds its item through the
/// state's `TargetTable`, which holds a slot for every event anyway: a `.item` target is the
/// item's position. Looking an item up costs one probe of that table; adding one costs no
/// hashing beyond the entry every event gets.
public struct ItemStore: Sendable {
    let targets: TargetTable
    let storage: ItemStorage

    /// The item recorded by event `id`, retracted or not; nil when `id` is not an item.
    public subscript(id: EventID) -> Item? {
        guard case .item(let position)? = targets[id] else { return nil }
        return storage[position]
    }

    /// The items in the order they were applied.
    public var values: ItemStorage { storage }

    /// The items' ids, in the order they were applied.
    public var keys: LazyMapCollection<ItemStorage, EventID> { storage.lazy.map(\.id) }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }
}

/// Items in chunks of `chunkSize`, appended and changed in place.
///
/// Chunks rather than one array: a single array of half a million 80-byte items would be
/// copied to a buffer twice its size each time it filled, and both buffers would be alive at
/// once — the peak memory of a replay would be set by that copy. A chunk, once full, is never
/// moved. Positions are `Int32` so that they pack into a `TargetTable` slot.
public struct ItemStorage: RandomAccessCollection, Sendable {
    static let chunkShift = 12
    static let chunkSize = 1 << chunkShift

    private var chunks: [[Item]] = []
    public private(set) var count = 0

    init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Item {
        chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)]
    }

    /// Adds an item at the end; returns its position.
    mutating func append(_ item: consuming Item) -> Int {
        if count & (Self.chunkSize - 1) == 0 {
            var chunk: [Item] = []
            chunk.reserveCapacity(Self.chunkSize)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(item)
        count += 1
        return count - 1
    }

    /// Runs `body` on the item at `position` where it lies, without copying it (a copy
    /// retains its strings, arrays and history box, each a cache miss in a large journal).
    @inline(__always)
    func withItem<R>(_ position: Int, _ body: (UnsafePointer<Item>) -> R) -> R {
        chunks[position >> Self.chunkShift].withUnsafeBufferPointer { body($0.baseAddress! + (position & (Self.chunkSize - 1))) }
    }

    /// Reads the item at `position` and its history box, and nothing else: see
    /// `TargetTable.touch`. Returns a value only so that the reads are not optimised away.
    @inline(__always)
    func touch(_ position: Int) -> Bool {
        withItem(position) { $0.pointee.isUndecided }
    }

    /// Records a change of the item at `position` in place (see `Item.record`).
    @discardableResult @inline(__always)
    mutating func record(_ change: consuming ItemChange, at position: Int) -> Item.ChangeOutcome {
        chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)].record(change)
    }

    /// Runs `body` on the item at `position` in place (no copy of the item, its strings or
    /// its history box).
    @inline(__always)
    mutating func update<R>(_ position: Int, _ body: (inout Item) -> R) -> R {
        body(&chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)])
    }
}
