/// One input event as the app sees it, decoded from the terminal by `TerminalBackend`.
///
/// Why a closed enum: key bindings, the line editor and the help screen can match on keys
/// without knowing anything about curses key codes or escape sequences, and tests can
/// feed keys without a terminal.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A printable character (a whole grapheme cluster).
    case char(Character)
    /// Enter or Return.
    case enter
    /// Tab.
    case tab
    /// Shift-Tab.
    case backTab
    /// A lone Escape.
    case escape
    /// Backspace (also Ctrl-H and DEL).
    case backspace
    /// Delete (forward).
    case delete
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Home.
    case home
    /// End.
    case end
    /// Page Up.
    case pageUp
    /// Page Down.
    case pageDown
    /// Ctrl with a letter, always lowercase: `.ctrl("w")` is Ctrl-W. Ctrl-H, Ctrl-I, Ctrl-J
    /// and Ctrl-M arrive as `.backspace`, `.tab` and `.enter` (terminals send the same bytes),
    /// and Ctrl-C as `.ctrl("c")`, not as a signal (the terminal is in raw mode).
    case ctrl(Character)
    /// Alt (Meta) with a character: `.alt("b")` is Alt-b (sent by terminals as ESC then b);
    /// `.alt("\n")` is Alt-Enter.
    case alt(Character)
    /// Ctrl-Left (word left).
    case ctrlLeft
    /// Ctrl-Right (word right).
    case ctrlRight
    /// Function key F1…F63.
    case function(Int)
    /// Bracketed-paste content, delivered as one key so a paste never triggers bindings.
    /// The text is raw: sanitize it before showing or storing it.
    case paste(String)
    /// The terminal was resized to the given size in columns and rows.
    case resize(width: Int, height: Int)
    /// Something the terminal sent that the app has no name for.
    case unknown

    /// A short human label for help and footer text: `"^W"`, `"Tab"`, `"←"`, `"M-b"`, `"F1"`.
    public var label: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let character): return String(character)
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .escape: return "Esc"
        case .backspace: return "Bksp"
        case .delete: return "Del"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .ctrl(let character): return "^" + character.uppercased()
        case .alt("\n"): return "M-Enter"
        case .alt(let character): return "M-" + String(character)
        case .ctrlLeft: return "^←"
        case .ctrlRight: return "^→"
        case .function(let number): return "F\(number)"
        case .paste: return "Paste"
        case .resize: return "Resize"
        case .unknown: return "?"
        }
    }

    /// The label, so keys print readably in test failures and logs.
    public var description: String { label }
}
