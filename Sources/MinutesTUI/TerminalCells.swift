import MinutesCore
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the backend sends for each grid cell, worked out without ncurses (so it can be
/// tested and kept apart from the one file that talks to the terminal).
enum TerminalCells {
    /// What to send for one grid cell so that ncurses (which advances by `wcwidth` of the
    /// first scalar) and the terminal both use exactly `cell.width` columns: one piece
    /// spanning the cell, or two one-column pieces for a wide cell. `wcwidth` is the C library's
    /// (as ncurses measures), passed in by the backend.
    static func pieces(for cell: Cell, unicodeOutput: Bool, maxScalars: Int, wcwidth: (wchar_t) -> Int32) -> [[wchar_t]] {
        let scalars = cell.text.unicodeScalars.filter { $0.value >= 0x20 && !(0x7F..<0xA0).contains($0.value) }
        guard let base = scalars.first else { return Array(repeating: [0x20], count: max(1, cell.width)) }
        if base.value < 0x7F, scalars.count == 1 { return [[wchar_t(base.value)]] }
        let replacement: wchar_t = unicodeOutput ? 0xFFFD : 0x3F
        let baseWidth = Int(wcwidth(wchar_t(bitPattern: base.value)))
        if baseWidth == cell.width {
            var values = scalars.map { wchar_t(bitPattern: $0.value) }
            // A ZWJ sequence (a family, "woman technologist") is one glyph of two columns in
            // some terminals and several glyphs in others (tmux draws each person): only the
            // first person is sent, so the row is two columns wide whatever the terminal does.
            if let joiner = values.firstIndex(of: 0x200D) { values = Array(values[..<joiner]) }
            values = Array(values.prefix(maxScalars))
            return [values]
        }
        if cell.width == 2, baseWidth == 1 {
            if scalars.count == 2, scalars.allSatisfy({ DisplayWidth.isRegionalIndicator($0.value) }) {
                return scalars.map { [wchar_t(bitPattern: $0.value)] }
            }
            return [[wchar_t(bitPattern: base.value)], [0x20]]
        }
        return cell.width == 2 ? [[replacement], [0x20]] : [[replacement]]
    }

}
