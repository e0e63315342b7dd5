import Foundation

/// Where something is in the document, as a person finds it: "table 2, row 2, column 3".
public struct DocumentPlace: Hashable, Sendable, CustomStringConvertible {
    public var table: Int
    public var row: Int?
    public var column: Int?

    public var description: String {
        var s = "table \(table)"
        if let row { s += ", row \(row)" }
        if let column { s += ", column \(column)" }
        return s
    }
}

/// Something in the document that was left out or read in a way worth telling.
public struct ReadNotice: Hashable, Sendable, CustomStringConvertible {
    public var place: DocumentPlace?
    public var message: String
    public var description: String { (place.map { "\($0): " } ?? "") + message }
}

/// One bullet or line of a cell.
public struct CellEntry: Hashable, Sendable {
    public var text: String
    public var place: DocumentPlace
    /// Crossed off, or marked "done" (to-do column only).
    public var isDone = false
    /// "(from 15 May, carried twice)" after a follow-up, as our own exports write it.
    public var raised: MinutesDate?
}

/// Progress notes under one date line; `date` is nil for the block before the first one.
public struct ProgressBlock: Hashable, Sendable {
    public var date: MinutesDate?
    public var notes: [CellEntry] = []
}

/// One project table, read.
public struct ImportedProject: Hashable, Sendable {
    public var number: Int
    public var headline: String?
    public var lead: String?
    /// The date in the "Progress: 26th June" heading.
    public var meetingDate: MinutesDate?
    public var actions: [CellEntry] = []
    public var progress: [ProgressBlock] = []
    public var toDo: [CellEntry] = []
    public var table: Int
}

/// What the importer understood of a document.
public struct ReadMinutes: Hashable, Sendable {
    public var projects: [ImportedProject] = []
    public var notices: [ReadNotice] = []
    /// "Date: 26 June 2009" and the attendance lines above the tables, when present.
    public var date: MinutesDate?
    public var present: [String] = []
    public var apologies: [String] = []
    public var chair: String?
    public var minuteTaker: String?
    public var next: MinutesDate?
    public var tableCount = 0
}
