import Foundation

/// An e-mail message written as RFC 5322 text with MIME (RFC 2045–2047): what `.eml` files
/// hold and what `sendmail -t` reads.
///
/// Header text from the journal (names, group names) is untrusted: it is made one line
/// (`TextEscaping.singleLine`, so no line break can start a header of its own) and any
/// non-ASCII text is written as RFC 2047 encoded words. The body is UTF-8 in quoted-printable,
/// so every line of the message is 7-bit and short, as old relays want.
public struct MailMessage: Sendable, Hashable {
    public struct Address: Sendable, Hashable {
        public var name: String?
        public var address: String

        public init(name: String? = nil, address: String) {
            self.name = name
            self.address = address
        }
    }

    public struct Attachment: Sendable, Hashable {
        public var fileName: String
        public var mediaType: String
        public var data: Data

        public init(fileName: String, mediaType: String, data: Data) {
            self.fileName = fileName
            self.mediaType = mediaType
            self.data = data
        }
    }

    public var from: Address
    public var to: [Address]
    public var subject: String
    public var body: String
    public var date: Date
    public var messageID: String
    public var attachment: Attachment?

    public init(from: Address, to: [Address], subject: String, body: String, date: Date = Date(),
                messageID: String = MailMessage.newMessageID(), attachment: Attachment? = nil) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.messageID = messageID
        self.attachment = attachment
    }

    /// `<random.time@minutes.invalid>`: unique without naming the machine.
    public static func newMessageID(date: Date = Date()) -> String {
        let random = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        return "<\(random).\(Int(date.timeIntervalSince1970))@minutes.invalid>"
    }

    /// The message as bytes. Lines end in CRLF as RFC 5322 says (an `.eml` file); pass
    /// `lineEnding: "\n"` for a local `sendmail`, which expects the system's line ends.
    public func rendered(lineEnding: String = "\r\n") -> Data {
        var lines: [String] = []
        lines.append(MailHeaders.field("From", MailHeaders.address(from)))
        lines.append(MailHeaders.field("To", to.map(MailHeaders.address).joined(separator: ", ")))
        lines.append(MailHeaders.field("Subject", MailHeaders.text(subject)))
        lines.append("Date: " + MailHeaders.date(date))
        lines.append("Message-ID: " + messageID)
        lines.append("MIME-Version: 1.0")
        let textPart = [
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
        ] + QuotedPrintable.encode(body)
        if let attachment {
            let boundary = "=_minutes_" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
            let name = MailHeaders.fileName(attachment.fileName)
            lines.append("Content-Type: multipart/mixed; boundary=\"\(boundary)\"")
            lines.append("")
            lines.append("This is a MIME message with the minutes attached.")
            lines.append("--" + boundary)
            lines += textPart
            lines.append("--" + boundary)
            lines.append("Content-Type: \(attachment.mediaType); name=\"\(name)\"")
            lines.append("Content-Disposition: attachment; filename=\"\(name)\"")
            lines.append("Content-Transfer-Encoding: base64")
            lines.append("")
            lines += attachment.data.base64EncodedString(options: [.lineLength76Characters])
                .split(whereSeparator: \.isNewline).map(String.init)
            lines.append("--" + boundary + "--")
        } else {
            lines += textPart
        }
        return Data((lines.joined(separator: lineEnding) + lineEnding).utf8)
    }
}

/// Header fields: folding, RFC 2047 encoded words, addresses, the date.
enum MailHeaders {

    /// "Name: value", folded before 78 columns at the spaces between words or encoded words.
    static func field(_ name: String, _ value: String) -> String {
        var lines: [String] = []
        var line = name + ":"
        for word in value.split(separator: " ", omittingEmptySubsequences: true) {
            if line.count + 1 + word.count > 76 && line.contains(where: { $0 != " " }) && line != name + ":" {
                lines.append(line)
                line = ""
            }
            line += " " + word
        }
        lines.append(line)
        return lines.joined(separator: "\r\n")
    }

    /// Header text: as is when it is printable ASCII, else RFC 2047 encoded words.
    static func text(_ value: String) -> String {
        let clean = TextEscaping.singleLine(value)
        if clean.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) && !clean.contains("=?") {
            return clean
        }
        return encodedWords(clean)
    }

    /// `=?UTF-8?B?…?=` words of at most 75 characters, split between characters, never
    /// inside one, separated by spaces (which folding may turn into line breaks, and which
    /// readers drop between encoded words).
    static func encodedWords(_ text: String) -> String {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            // 45 bytes give 60 base64 characters: 12 more for "=?UTF-8?B?" and "?=" make 72.
            if chunk.count + bytes.count > 45, !chunk.isEmpty {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: " ")
    }

    /// `Name <address>`; a name with specials quoted, a non-ASCII one encoded.
    static func address(_ address: MailMessage.Address) -> String {
        let mailbox = "<" + TextEscaping.singleLine(address.address).filter { $0 != " " && $0 != "<" && $0 != ">" } + ">"
        guard let raw = address.name.map(TextEscaping.singleLine), !raw.trimmingCharacters(in: .whitespaces).isEmpty else {
            return mailbox
        }
        let isASCII = raw.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        if !isASCII || raw.contains("=?") { return encodedWords(raw) + " " + mailbox }
        let atext = raw.unicodeScalars.allSatisfy {
            ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || " !#$%&'*+-/=?^_`{|}~".unicodeScalars.contains($0)
        }
        if atext { return raw + " " + mailbox }
        let quoted = raw.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"" + quoted + "\" " + mailbox
    }

    /// A file name safe inside a quoted header parameter (ours are ASCII already).
    static func fileName(_ name: String) -> String {
        String(name.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F && $0 != "\"" && $0 != "\\" }.map(Character.init))
    }

    /// "Mon, 07 Dec 2026 04:10:00 +0000" (RFC 5322 date-time, in UTC).
    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}

/// Quoted-printable (RFC 2045 §6.7) of UTF-8 text, one output line per line of text.
enum QuotedPrintable {
    static func encode(_ text: String) -> [String] {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [String] = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let bytes = Array(line.utf8)
            var encoded: [UInt8] = []
            var width = 0
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let literal = (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && !isLast)
                let piece: [UInt8] = literal ? [byte] : [61, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
                // A soft line break ("=" at the end) keeps every line within 76 characters.
                if width + piece.count > 75 {
                    encoded += [61]
                    out.append(String(decoding: encoded, as: UTF8.self))
                    encoded = []
                    width = 0
                }
                encoded += piece
                width += piece.count
            }
            out.append(String(decoding: encoded, as: UTF8.self))
        }
        return out
    }
}
