import Foundation

/// One line of a cell: a paragraph, or a part of one after a soft line break, with its
/// typed bullet taken off.
struct CellLine {
    var text: String
    var isBullet: Bool
    var isBold: Bool
    var isStruck: Bool
    var place: DocumentPlace

    static let typedBullets: Set<Character> = ["·", "•", "-", "–", "*", "◦", "▪", "‣", "⁃", "○", "●", "o"]

    static func lines(of paragraph: WordParagraph, place: DocumentPlace) -> [CellLine] {
        var out: [CellLine] = []
        for (k, line) in paragraph.lines.enumerated() {
            var text = MinutesLayout.clean(line.text)
            var bullet = paragraph.isListItem && k == 0
            if let first = text.first, typedBullets.contains(first) {
                let rest = text.dropFirst()
                // "o" and "-" are bullets only before a space ("-5 degrees", "on time" are not).
                if first != "o" && first != "-" || rest.first == " " {
                    text = rest.trimmingCharacters(in: .whitespaces)
                    bullet = true
                }
            }
            guard !text.isEmpty else { continue }
            out.append(CellLine(text: text, isBullet: bullet, isBold: line.isBold, isStruck: line.isStruck, place: place))
        }
        return out
    }
}

/// The marks minutes put on a follow-up: "done" at the end, "(from 15 May, carried twice)".
enum FollowUpMarks {
    static let doneWords = ["done", "completed", "complete", "finished"]

    /// "KP to … - done", "KP to … (done)", "✓ KP to …", "KP to … – DONE."
    static func strippingDone(_ text: String) -> (String, Bool) {
        var t = text
        var done = false
        for tick in ["✓", "✔", "☑"] where t.hasPrefix(tick) || t.hasSuffix(tick) {
            t = t.replacingOccurrences(of: tick, with: "").trimmingCharacters(in: .whitespaces)
            done = true
        }
        let lower = t.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ". "))
        for word in doneWords {
            for form in ["(\(word))", "- \(word)", "– \(word)", "— \(word)", ": \(word)", "[\(word)]"] where lower.hasSuffix(form) {
                let keep = lower.count - form.count
                t = String(t.prefix(keep)).trimmingCharacters(in: .whitespaces)
                return (t, true)
            }
        }
        return (t, done)
    }

    /// " — due 30 June ▲ due soon" or " — ■ overdue" at the end, as our own exports mark a
    /// follow-up's due date and status: left out (the status is derived, not typed).
    static func strippingDueMarker(_ text: String) -> String {
        for words in ["● on track", "▲ due soon", "■ overdue"] where text.hasSuffix(words) {
            guard let dash = text.range(of: " — ", options: .backwards) else { return text }
            return text[..<dash.lowerBound].trimmingCharacters(in: .whitespaces)
        }
        return text
    }

    /// "(from 15 May, carried twice)" or "(from 15 May 2008)" at the end: the meeting it was raised at.
    static func strippingRaised(_ text: String) -> (String, MinutesDate?) {
        let text = strippingDueMarker(text)
        guard text.hasSuffix(")"), let open = text.range(of: "(from ", options: .backwards) else { return (text, nil) }
        let inside = text[open.upperBound..<text.index(before: text.endIndex)]
        let datePart = inside.split(separator: ",", maxSplits: 1).first.map(String.init) ?? ""
        guard let date = MinutesDate.parse(datePart) else { return (text, nil) }
        return (text[..<open.lowerBound].trimmingCharacters(in: .whitespaces), date)
    }
}
