/// The styles the views use, by meaning, so a view never picks colours itself.
public enum Theme {
    public static let header = Style(role: .header, attributes: [.bold])
    public static let headerMarker = Style(role: .warning, attributes: [.bold])
    public static let tab = Style.plain
    public static let currentTab = Style(role: .selection, attributes: [.bold, .reverse])
    public static let columnTitle = Style(role: .accent, attributes: [.bold, .underline])
    public static let focusedTitle = Style(role: .accent, attributes: [.bold, .reverse])
    public static let rule = Style(role: .muted)
    public static let headline = Style(attributes: [.bold])
    public static let dateHeading = Style(role: .accent, attributes: [.bold])
    public static let owner = Style(attributes: [.bold])
    public static let unknownOwner = Style(role: .warning, attributes: [.bold])
    public static let carried = Style(role: .accent)
    public static let overdue = Style(role: .danger, attributes: [.bold])
    public static let muted = Style(role: .muted, attributes: [.dim])
    public static let closed = Style(role: .muted, attributes: [.dim])
    public static let selected = Style(role: .selection, attributes: [.reverse])
    public static let selectedUnfocused = Style(attributes: [.underline])
    public static let footerKey = Style(attributes: [.bold, .reverse])
    public static let footerText = Style.plain
    public static let prompt = Style(role: .accent, attributes: [.bold])
    public static let info = Style(role: .accent)
    public static let warning = Style(role: .warning, attributes: [.bold])
    public static let error = Style(role: .danger, attributes: [.bold])
    public static let searchHit = Style(role: .warning, attributes: [.reverse])
}
