import Foundation
import Testing
import MinutesCore
@testable import MinutesExport

/// Messages as RFC 5322 and MIME text: headers folded and encoded, bodies in short 7-bit
/// lines, untrusted names never able to start a header of their own.
@Suite struct MailMessageTests {

    static let date = Date(timeIntervalSince1970: 1_245_920_400)  // 2009-06-25T09:00:00Z

    static func message(name: String = "Zoë Ní Bhriain", subject: String = "Stay Safe: your actions",
                        body: String = "Dear Zoë,\n\n  - send the leaflet\n", attachment: MailMessage.Attachment? = nil) -> String {
        let message = MailMessage(from: MailMessage.Address(address: "secretary@example.org"),
                                  to: [MailMessage.Address(name: name, address: "zn@example.org")],
                                  subject: subject, body: body, date: date, messageID: "<1@minutes.invalid>",
                                  attachment: attachment)
        return String(decoding: message.rendered(), as: UTF8.self)
    }

    @Test func headersAreASCIIWithNonASCIINamesAsEncodedWords() {
        let text = Self.message()
        let headers = text.components(separatedBy: "\r\n\r\n")[0]
        #expect(headers.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(headers.contains("To: =?UTF-8?B?" + Data("Zoë Ní Bhriain".utf8).base64EncodedString() + "?= <zn@example.org>"))
        #expect(headers.contains("From: <secretary@example.org>"))
        #expect(headers.contains("Date: Thu, 25 Jun 2009 09:00:00 +0000"))
        #expect(headers.contains("MIME-Version: 1.0"))
        #expect(headers.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(headers.contains("Content-Transfer-Encoding: quoted-printable"))
    }

    @Test func encodedWordsStayWithinSeventyFiveCharactersAndNeverSplitACharacter() {
        let urdu = String(repeating: "اردو کی کتاب ", count: 12) + "ગુજરાતી 🎉"
        let words = MailHeaders.encodedWords(urdu).split(separator: " ")
        #expect(words.count > 3)
        var decoded = ""
        for word in words {
            #expect(word.count <= 75)
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            let payload = Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))!
            // Each word alone is valid UTF-8: no character is cut in two.
            #expect(String(data: payload, encoding: .utf8) != nil)
            decoded += String(decoding: payload, as: UTF8.self)
        }
        #expect(decoded == urdu)
    }

    @Test func aNameWithALineBreakCannotAddAHeader() {
        let text = Self.message(name: "Kim\r\nBcc: everyone@example.org", subject: "Hi\nBcc: all@example.org")
        let headers = text.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        #expect(!headers.contains { $0.hasPrefix("Bcc:") })
    }

    @Test func aNameWithSpecialsIsQuoted() {
        #expect(MailHeaders.address(MailMessage.Address(name: "Parker, Kim \"KP\"", address: "kp@example.org"))
                == #""Parker, Kim \"KP\"" <kp@example.org>"#)
        #expect(MailHeaders.address(MailMessage.Address(name: "Kim Parker", address: "kp@example.org")) == "Kim Parker <kp@example.org>")
    }

    @Test func longHeadersAreFoldedAtSpaces() {
        let subject = "Stay Safe Working Group: your actions after the meeting of 25 June 2009 and more words to fold"
        let lines = Self.message(subject: subject).components(separatedBy: "\r\n")
        let start = lines.firstIndex { $0.hasPrefix("Subject:") }!
        #expect(lines[start + 1].hasPrefix(" "))
        #expect(lines.prefix(start + 2).allSatisfy { $0.count <= 78 })
        #expect((lines[start] + lines[start + 1]).contains("2009 and"))
    }

    @Test func theBodyIsQuotedPrintableInShortLines() {
        let long = String(repeating: "Iqbal met the mosque elders = good news. ", count: 5) + "اردو "
        let text = Self.message(body: long + "\nSecond line")
        let body = text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        let lines = body.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.count <= 76 && $0.unicodeScalars.allSatisfy { $0.isASCII } })
        #expect(body.contains("=3D good news"))
        // Soft line breaks undone, the text comes back.
        let joined = body.replacingOccurrences(of: "=\r\n", with: "")
        #expect(joined.contains("=D8=A7=D8=B1=D8=AF=D9=88=20\r\n"), "a trailing space is encoded")
        #expect(joined.hasPrefix("Iqbal met the mosque elders =3D good news. Iqbal"))
        #expect(joined.hasSuffix("\r\nSecond line\r\n"))
    }

    @Test func anAttachmentMakesAMultipartMessage() throws {
        let pdf = Data("%PDF-1.7 not really".utf8)
        let text = Self.message(attachment: MailMessage.Attachment(fileName: "stay-safe-minutes-2009-06-25.pdf",
                                                                   mediaType: "application/pdf", data: pdf))
        let boundary = try #require(text.firstMatch(of: /boundary="([^"]+)"/)?.1)
        #expect(text.contains("--\(boundary)\r\nContent-Type: text/plain; charset=utf-8"))
        #expect(text.contains("--\(boundary)\r\nContent-Type: application/pdf; name=\"stay-safe-minutes-2009-06-25.pdf\"\r\n"
                              + "Content-Disposition: attachment; filename=\"stay-safe-minutes-2009-06-25.pdf\"\r\n"
                              + "Content-Transfer-Encoding: base64\r\n\r\n" + pdf.base64EncodedString()))
        #expect(text.hasSuffix("--\(boundary)--\r\n"))
    }

    @Test func sendmailGetsLocalLineEnds() {
        let message = MailMessage(from: MailMessage.Address(address: "a@example.org"), to: [MailMessage.Address(address: "b@example.org")],
                                  subject: "x", body: "y", date: Self.date)
        let local = String(decoding: message.rendered(lineEnding: "\n"), as: UTF8.self)
        #expect(!local.contains("\r"))
        #expect(local.contains("Subject: x\nDate:"))
    }

    @Test func plausibleAddressesAreTold() {
        for good in ["kp@example.org", "kim.parker+minutes@mail.example.co.uk", "zoë@example.ie"] {
            #expect(Person.isPlausibleEmail(good), "\(good)")
        }
        for bad in ["", "kp", "kp@", "@example.org", "kp@example", "kp@@example.org", "k p@example.org",
                    "kp@example.org\nBcc: x@y.z", "<kp@example.org>", "kp@example..org", ".kp@example.org"] {
            #expect(!Person.isPlausibleEmail(bad), "\(bad)")
        }
    }
}

/// Each owner's message says when a follow-up is due and whether it is overdue at the meeting.
@Suite struct OwnerMailDueDateTests {
    @Test func aFollowUpsDueDateAndItsStatusAreInTheOwnersMessage() throws {
        var state = try ExportFixtures.sampleState()
        let june = ExportFixtures.day("2009-06-25")
        let item = try #require(state.followUps(matching: FollowUpFilter(group: "stay-safe")).first {
            $0.item.meeting < june && $0.item.owners.contains { $0.initials != nil }
        }?.item)
        let due = ExportFixtures.day("2009-06-20")
        let applied = state.apply(Event(id: EventID(value: 777), timestamp: Timestamp(milliseconds: 1_245_920_000_000),
                                        body: .due(ref: item.id, meeting: june, date: due)))
        #expect(applied)
        let (context, mails, _) = try OwnerMail.plan(group: "stay-safe", meeting: june, state: state)
        let owner = try #require(item.owners.first { $0.initials != nil })
        let mail = try #require(mails.first { $0.owner.key == owner.key })
        let body = mail.body(context)
        #expect(body.contains("Due 20 June 2009 (■ overdue)"), "\(body)")
    }
}
