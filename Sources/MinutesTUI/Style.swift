/// The semantic colour of a piece of text, mapped to real colours only by the backend.
///
/// Views say what a thing *is* (a warning, the selection, a header) rather than which colour
/// it has, so the backend can choose colour pairs for colour terminals and fall back to
/// bold/reverse/underline on monochrome ones or when `NO_COLOR` is set.
public enum ColorRole: UInt8, CaseIterable, Hashable, Sendable {
    /// Ordinary text in the terminal's default colours.
    case normal
    /// Text that should stand out a little: keys in the footer, the item kind.
    case accent
    /// Something that needs attention soon (an action item due today).
    case warning
    /// Something wrong or destructive (an overdue item, a failed save).
    case danger
    /// Secondary text: timestamps, hints, separators.
    case muted
    /// The selected row.
    case selection
    /// Title and status bars.
    case header
}

/// How a cell is drawn: a colour role plus the four attributes every terminal has.
///
/// A small value type so the grid can compare cells cheaply and the backend can repaint
/// only what changed.
public struct Style: Hashable, Sendable {
    /// The attribute bits of a style, as a set.
    ///
    /// Kept as an option set so styles stay one byte of flags plus a role.
    public struct Attributes: OptionSet, Hashable, Sendable {
        /// The attribute bits.
        public let rawValue: UInt8
        /// Creates a set from its bits (required by `OptionSet`).
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// Heavier text.
        public static let bold = Attributes(rawValue: 1 << 0)
        /// Foreground and background swapped.
        public static let reverse = Attributes(rawValue: 1 << 1)
        /// Underlined text.
        public static let underline = Attributes(rawValue: 1 << 2)
        /// Fainter text (not shown by every terminal).
        public static let dim = Attributes(rawValue: 1 << 3)
    }

    /// The semantic colour of the text.
    public var role: ColorRole
    /// Bold, reverse, underline and dim.
    public var attributes: Attributes

    /// Creates a style from a role and attributes; both default to plain.
    public init(role: ColorRole = .normal, attributes: Attributes = []) {
        self.role = role
        self.attributes = attributes
    }

    /// Creates a style from a role and individual attribute flags, for readable call sites.
    public init(
        role: ColorRole = .normal, bold: Bool = false, reverse: Bool = false,
        underline: Bool = false, dim: Bool = false
    ) {
        var attributes: Attributes = []
        if bold { attributes.insert(.bold) }
        if reverse { attributes.insert(.reverse) }
        if underline { attributes.insert(.underline) }
        if dim { attributes.insert(.dim) }
        self.init(role: role, attributes: attributes)
    }

    /// The default style: normal colours, no attributes.
    public static let plain = Style()

    /// Whether the text is bold.
    public var bold: Bool {
        get { attributes.contains(.bold) }
        set { set(.bold, newValue) }
    }
    /// Whether foreground and background are swapped.
    public var reverse: Bool {
        get { attributes.contains(.reverse) }
        set { set(.reverse, newValue) }
    }
    /// Whether the text is underlined.
    public var underline: Bool {
        get { attributes.contains(.underline) }
        set { set(.underline, newValue) }
    }
    /// Whether the text is dim.
    public var dim: Bool {
        get { attributes.contains(.dim) }
        set { set(.dim, newValue) }
    }

    /// Returns a copy with the given role, for chaining: `Style.plain.with(role: .accent)`.
    public func with(role: ColorRole) -> Style {
        var copy = self
        copy.role = role
        return copy
    }

    /// Returns a copy with extra attributes added, for chaining: `style.adding(.bold)`.
    public func adding(_ extra: Attributes) -> Style {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }

    private mutating func set(_ attribute: Attributes, _ on: Bool) {
        if on { attributes.insert(attribute) } else { attributes.remove(attribute) }
    }
}
