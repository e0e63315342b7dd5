import Testing
import Foundation
@testable import MinutesTUI
@testable import MinutesCore

@Test func scratchRender() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let dir = root.appendingPathComponent(".build/test-tmp/scratch-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent("sample.journal").path
    try FileManager.default.copyItem(atPath: root.appendingPathComponent("data/sample.journal").path, toPath: path)
    let session = try JournalSession(path: path)
    let rt = AppRuntime(session: session, width: 100, height: 30, today: { Day.parseISO("2009-09-17")! })
    print(rt.frame().grid.snapshotText())
    rt.handle(.char("2"))
    print(rt.frame().grid.snapshotText())
    for k: Key in [.char("t")] { rt.handle(k) }
    for ch in "RO and JB to ring the council about the website" { rt.handle(.char(ch)) }
    print(rt.frame().grid.snapshotText())
    rt.handle(.enter)
    print(rt.frame().grid.snapshotText())
    rt.handle(.tab); rt.handle(.tab); rt.handle(.tab); rt.handle(.tab); rt.handle(.tab)
    print(rt.frame().grid.snapshotText())
}
