import Foundation

extension Measurement {
    /// The replay target, for a journal of `events`: at most 0.6 s for a million events or
    /// more (the figure), none below. One definition for every replay row.
    static func replayTarget(events: Int, seconds: Double) -> (target: String?, met: Bool?) {
        events >= 1_000_000 ? ("≤ 0.6 s", seconds <= 0.6) : (nil, nil)
    }

    /// The measurements a child process printed, one JSON object a line; a line that is not
    /// one is logged and left out.
    static func decodeLines(_ output: Data) -> [Measurement] {
        let decoder = JSONDecoder()
        return String(decoding: output, as: UTF8.self).split(separator: "\n").compactMap { line in
            if let m = try? decoder.decode(Measurement.self, from: Data(line.utf8)) { return m }
            log("  unreadable: \(line)")
            return nil
        }
    }
}

/// One measured figure, as printed in the table and as one line of `--json`.
struct Measurement: Codable {
    /// What was measured: replay, memory, first-frame, keystroke, append, query, export, wc-l,
    /// replay growth.
    var measure: String
    /// A qualifier: the key category, the export format, "fsync" …
    var variant: String?
    /// Events in the journal measured.
    var events: Int
    /// "s" for times (median and p99 in seconds), "bytes" for memory, "ratio" for growth.
    var unit: String
    var median: Double
    var p99: Double?
    /// How many samples the median is of.
    var samples: Int
    /// Derived figures: events_per_s, mb_per_s, ratio_to_file, ratio_to_wc …
    var detail: [String: Double] = [:]
    /// Words for the table's last column.
    var note: String?
    /// The target this figure is checked against, and whether it is met.
    var target: String?
    var met: Bool?

    var name: String { variant.map { "\(measure) (\($0))" } ?? measure }
}

/// The table printed at the end of `run`.
enum Table {
    static func render(_ rows: [Measurement]) -> String {
        var lines: [[String]] = [["measure", "events", "median", "p99", "details", "target"]]
        for m in rows {
            let value = m.unit == "bytes" ? formatBytes(m.median) : formatDuration(m.median)
            let p99 = m.p99.map { m.unit == "bytes" ? formatBytes($0) : formatDuration($0) } ?? ""
            let target = m.target.map { t in (m.met == true ? "ok " : m.met == false ? "MISSED " : "") + t } ?? ""
            lines.append([m.name, formatCount(Double(m.events)), value, p99, m.note ?? "", target])
        }
        let widths = (0..<lines[0].count).map { c in lines.map { $0[c].count }.max() ?? 0 }
        var out = ""
        for (i, l) in lines.enumerated() {
            let cells = l.enumerated().map { c, s in
                c == 1 || c == 2 || c == 3 ? String(repeating: " ", count: widths[c] - s.count) + s
                    : s + String(repeating: " ", count: widths[c] - s.count)
            }
            out += cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
            if i == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return out
    }

    static func json(_ m: Measurement) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(m) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
