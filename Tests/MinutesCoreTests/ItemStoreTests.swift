import Testing
@testable import MinutesCore

/// The item store finds every item by id across chunk boundaries and changes it in place.
@Suite struct ItemStoreTests {
    @Test func itemsAreFoundByIdAcrossChunksInTheOrderApplied() {
        var text = "minutes-journal 1\n2009-01-01T09:00:00.000Z 0000000000g1 group slug=wg name=\"WG\"\n"
        text += "2009-01-01T09:00:01.000Z 0000000000p1 project group=wg number=1 headline=\"One\"\n"
        let count = ItemStorage.chunkSize * 2 + 17
        var ids: [EventID] = []
        for k in 0..<count {
            let id = EventID(value: UInt64(1_000_000 + k))
            ids.append(id)
            let ms = String(format: "%03d", k % 1000)
            let sec = String(format: "%02d", (k / 1000) % 60)
            let min = String(format: "%02d", 10 + k / 60_000)
            text += "2009-01-02T09:\(min):\(sec).\(ms)Z \(id) note project=wg/1 text=\"note \(k)\"\n"
        }
        let loaded = JournalLoader.load(text: text)
        #expect(!loaded.hasErrors)
        let items = loaded.state.items
        #expect(items.count == count)
        #expect(Array(items.keys) == ids)
        for k in [0, ItemStorage.chunkSize - 1, ItemStorage.chunkSize, count - 1] {
            #expect(items[ids[k]]?.text == "note \(k)")
        }
        #expect(items[EventID(value: 42)] == nil)
        #expect(items[EventID(value: 0x10 * 32 + 1)] == nil)  // the group event is no item
    }

    @Test func aChangeReachesTheItemInItsChunk() {
        var storage = ItemStorage()
        let ref = ProjectRef(group: "wg", number: 1)
        for k in 0..<(ItemStorage.chunkSize + 3) {
            _ = storage.append(Item(id: EventID(value: UInt64(k)), kind: .followUp, project: ref,
                                    recorded: Timestamp(milliseconds: 0), meeting: Day(ordinal: 0), text: "t\(k)", owners: []))
        }
        let copy = storage
        storage.update(ItemStorage.chunkSize + 1) { $0.text = "changed" }
        #expect(storage[ItemStorage.chunkSize + 1].text == "changed")
        #expect(copy[ItemStorage.chunkSize + 1].text == "t\(ItemStorage.chunkSize + 1)")  // a copy is a value
        #expect(storage[ItemStorage.chunkSize].text == "t\(ItemStorage.chunkSize)")
    }
}
