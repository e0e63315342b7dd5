import Testing
@testable import MinutesCore
import Foundation

@Test func sampleJournalLoadsWithoutErrors() throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data/sample.journal").path
    let j = try JournalLoader.load(path: path)
    for d in j.diagnostics { print(d.headline(file: "sample")) }
    #expect(!j.hasErrors)
    #expect(!j.wasReordered)
    let s = j.state
    #expect(s.projects(in: "stay-safe").count == 6)
    let open = s.followUps(matching: FollowUpFilter(group: "stay-safe"))
    for o in open { print(o.item.id, o.raised, o.carried, Owner.phrase(o.item.owners), o.item.text) }
}
