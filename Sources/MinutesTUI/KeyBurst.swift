/// How the backend tells a paste from typing when the terminal does not bracket pastes: keys
/// a person types arrive one at a time, pasted text arrives all at once. Pure, so it is
/// tested without a terminal.
public enum KeyBurst {
    /// A burst of 16 characters or more, or one with a line break before its end, was pasted.
    public static func looksPasted(_ values: [UInt32]) -> Bool {
        if values.count >= 16 { return true }
        guard values.count >= 3 else { return false }
        let body = values.last == 10 && values.dropLast().last == 13 ? values.dropLast(2) : values.dropLast()
        return body.contains { $0 == 10 || $0 == 13 }
    }

    /// Pasted values as text: CR LF and CR become line breaks, tabs stay, other controls go.
    public static func text(of values: [UInt32]) -> String {
        var scalars = String.UnicodeScalarView()
        var previous: UInt32 = 0
        for v in values {
            defer { previous = v }
            if v == 10, previous == 13 { continue }
            if v == 13 || v == 10 { scalars.append("\n"); continue }
            if v == 9 { scalars.append("\t"); continue }
            if v < 0x20 || v == 0x7F || (0x80..<0xA0).contains(v) { continue }
            if let scalar = Unicode.Scalar(v) { scalars.append(scalar) }
        }
        return String(scalars)
    }


    /// A line and then Enter (typed fast, or sent by `tmux send-keys "text" Enter`): the final
    /// line break is taken off, to be delivered as the Enter key after the text. True when
    /// it was there and was the burst's only line break.
    public static func dropFinalEnter(_ values: inout [UInt32]) -> Bool {
        let breaks = values.filter { $0 == 10 || $0 == 13 }.count
        guard let last = values.last, last == 10 || last == 13,
              breaks == 1 || (breaks == 2 && values.suffix(2) == [13, 10]) else { return false }
        values.removeLast(breaks)
        return true
    }

    /// A short burst split into its keys: runs of printable scalars become characters
    /// (re-segmented, so a cluster sent at once is one key), control characters their keys.
    public static func keys(from values: [UInt32]) -> [Key] {
        var keys: [Key] = []
        var run = String.UnicodeScalarView()
        func flush() {
            keys += String(run).map { Key.char($0) }
            run = String.UnicodeScalarView()
        }
        for v in values {
            if v >= 0x20, v != 0x7F, !(0x80..<0xA0).contains(v), let scalar = Unicode.Scalar(v) {
                run.append(scalar)
            } else {
                flush()
                keys.append(control(v))
            }
        }
        flush()
        return keys
    }

    /// A control character as a key: Ctrl-H, Ctrl-I, Ctrl-J and Ctrl-M arrive as the same
    /// bytes as Backspace, Tab and Enter.
    public static func control(_ value: UInt32) -> Key {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(value + 96)!))
        default: return .unknown
        }
    }
}
