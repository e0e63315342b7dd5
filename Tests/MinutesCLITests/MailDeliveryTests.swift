import Foundation
import Testing

/// `minutes mail`: one message per owner, as .eml files and delivered for real through the
/// system's sendmail (msmtp-mta) to an SMTP server on 127.0.0.1 (aiosmtpd) that the test
/// starts; the delivered messages are read back with Python's email package.
@Suite("minutes mail")
struct MailDeliveryTests {

    /// Debian's Python, which has aiosmtpd (`python3` on PATH may be another one).
    static let python = "/usr/bin/python3"
    static let sendmail = "/usr/sbin/sendmail"

    static let havePython = FileManager.default.isExecutableFile(atPath: python)
    static let haveDelivery: Bool = {
        guard havePython, FileManager.default.isExecutableFile(atPath: sendmail) else { return false }
        return (try? runPython(["-c", "import aiosmtpd"]).status) == 0
    }()

    /// A group with a non-ASCII name; KP (with sub-points) and ZN have addresses, DD has none,
    /// and "Schools" is a body.
    static let journal = """
        minutes-journal 1
        2009-05-01T09:00:00.000Z kkkk00000001 person initials=KP name="Kim Parker" org=Police email=kp@example.org
        2009-05-01T09:01:00.000Z kkkk00000002 person initials=ZN name="Zoë Ní Bhriain" email=zn@example.org
        2009-05-01T09:02:00.000Z kkkk00000003 person initials=DD name="Dee Dee"
        2009-05-01T09:03:00.000Z kkkk00000004 group slug=be-safe name="Bé Safe Working Group" lead=KP
        2009-05-01T09:04:00.000Z kkkk00000005 project group=be-safe number=1 headline="A directory of local services"
        2009-05-15T09:00:00.000Z kkkk00000006 meeting group=be-safe date=2009-05-15 present=KP present=ZN
        2009-05-15T09:01:00.000Z aaaa00000001 todo project=be-safe/1 meeting=2009-05-15 owner=KP text="send the template, detailing:\\n- an overview\\n- contact numbers"
        2009-06-20T09:00:00.000Z kkkk00000007 meeting group=be-safe date=2009-06-20 present=KP present=ZN present=DD
        2009-06-20T09:01:00.000Z aaaa00000002 todo project=be-safe/1 meeting=2009-06-20 owner=ZN owner=DD text="phone the council"
        2009-06-20T09:02:00.000Z aaaa00000003 todo project=be-safe/1 meeting=2009-06-20 owner=Schools text="send their contact lists"

        """

    /// What Python's email package makes of each message file: JSON per message.
    static let reader = """
        import email, email.policy, json, sys
        out = []
        for path in sys.argv[1:]:
            with open(path, 'rb') as f:
                m = email.message_from_binary_file(f, policy=email.policy.default)
            body = m.get_body(('plain',))
            atts = [{"name": a.get_filename(), "type": a.get_content_type(), "head": a.get_content()[:2].decode('latin-1')}
                    for a in m.iter_attachments()]
            out.append({"to": str(m['To']), "subject": str(m['Subject']), "from": str(m['From']),
                        "rcpt": str(m.get('X-RcptTo', '')), "body": body.get_content(), "attachments": atts,
                        "defects": len(m.defects) + sum(len(p.defects) for p in m.walk())})
        print(json.dumps(sorted(out, key=lambda x: x["to"]), ensure_ascii=False))
        """

    struct Parsed: Decodable {
        struct Attachment: Decodable { var name: String; var type: String; var head: String }
        var to: String, subject: String, from: String, rcpt: String, body: String
        var attachments: [Attachment]
        var defects: Int
    }

    @discardableResult
    static func runPython(_ args: [String]) throws -> (status: Int32, stdout: Data) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, data)
    }

    static func parse(_ files: [String]) throws -> [Parsed] {
        let (status, data) = try runPython(["-c", reader] + files)
        #expect(status == 0)
        return try JSONDecoder().decode([Parsed].self, from: data)
    }

    static func sandbox() throws -> Sandbox {
        let box = try Sandbox()
        try box.write("minutes.journal", journal)
        return box
    }

    @Test(.enabled(if: havePython, "needs /usr/bin/python3 to read the messages back"))
    func outWritesOneStandardMessagePerOwnerWithAnAddressAndListsTheOthers() throws {
        let box = try Self.sandbox()
        let r = try box.run(["mail", "be-safe", "--out", "outbox", "--from", "secretary@example.org"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("Kim Parker (KP) <kp@example.org>: 1 open follow-up"))
        #expect(r.stdout.contains("NOT SENT: Dee Dee (DD), no e-mail address: 1 open follow-up"))
        #expect(r.stdout.contains("NOT SENT: Schools, not in the directory: 1 open follow-up"))
        #expect(r.stderr.contains("2 owners have no address"))
        let outbox = box.dir.appendingPathComponent("outbox")
        let files = try FileManager.default.contentsOfDirectory(atPath: outbox.path).sorted()
        #expect(files == ["kp-be-safe-2009-06-20.eml", "zn-be-safe-2009-06-20.eml"])

        let messages = try Self.parse(files.map { outbox.appendingPathComponent($0).path })
        #expect(messages.map(\.to) == ["Kim Parker <kp@example.org>", "Zoë Ní Bhriain <zn@example.org>"])
        #expect(messages.allSatisfy { $0.subject == "Bé Safe Working Group: your actions after the meeting of 20 June 2009" })
        #expect(messages.allSatisfy { $0.from == "secretary@example.org" && $0.defects == 0 && $0.attachments.isEmpty })
        #expect(messages[0].body.contains("""
              - send the template, detailing:
                - an overview
                - contact numbers
                Project 1: A directory of local services
                Raised 15 May 2009, carried once.
            """))
        #expect(messages[1].body.hasPrefix("Dear Zoë Ní Bhriain,"))
        #expect(messages[1].body.contains("With DD. Raised 20 June 2009."))
        // Standard files: every line ends in CRLF and is 7-bit.
        let raw = try #require(box.bytes("outbox/zn-be-safe-2009-06-20.eml"))
        #expect(raw.allSatisfy { $0 < 0x80 })
        #expect(!String(decoding: raw, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test(.enabled(if: haveDelivery, "needs /usr/sbin/sendmail (msmtp-mta) and python3-aiosmtpd, which .ci/run installs"))
    func messagesAreDeliveredThroughSendmailToARealSMTPServer() throws {
        let box = try Self.sandbox()
        let server = try SMTPServer(folder: box.dir.appendingPathComponent("maildir"))
        defer { server.stop() }
        // msmtp reads ~/.msmtprc, which must be private.
        let home = box.dir.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: false)
        let rc = home.appendingPathComponent(".msmtprc")
        try Data("defaults\nauth off\ntls off\naccount default\nhost 127.0.0.1\nport \(server.port)\nfrom secretary@example.org\n".utf8).write(to: rc)
        chmod(rc.path, 0o600)

        let r = try box.run(["mail", "be-safe", "--yes", "--attach", "docx", "--from", "secretary@example.org"],
                            env: ["HOME": home.path])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("Sent to Kim Parker (KP) <kp@example.org>"))
        #expect(r.stdout.contains("Sent to Zoë Ní Bhriain (ZN) <zn@example.org>"))
        #expect(r.stdout.contains("NOT SENT: Dee Dee (DD)"))

        let delivered = try server.waitForMessages(2, deadline: Date().addingTimeInterval(30))
        let messages = try Self.parse(delivered)
        #expect(messages.count == 2)
        #expect(messages.map(\.rcpt) == ["kp@example.org", "zn@example.org"])
        #expect(messages.map(\.to) == ["Kim Parker <kp@example.org>", "Zoë Ní Bhriain <zn@example.org>"])
        #expect(messages.allSatisfy { $0.subject == "Bé Safe Working Group: your actions after the meeting of 20 June 2009" })
        #expect(messages[0].body.contains("    - contact numbers\n"))
        #expect(messages[1].body.contains("phone the council"))
        for message in messages {
            #expect(message.defects == 0)
            #expect(message.body.contains("The minutes of the meeting are attached (be-safe-minutes-2009-06-20.docx)."))
            #expect(message.attachments.map(\.name) == ["be-safe-minutes-2009-06-20.docx"])
            #expect(message.attachments.first?.type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            #expect(message.attachments.first?.head == "PK", "a zip, as a docx is")
        }
    }

    @Test func withoutATerminalItSendsNothingUnlessToldYes() throws {
        let box = try Self.sandbox()
        // A "sendmail" that leaves a mark if it is ever run.
        let mark = box.dir.appendingPathComponent("ran")
        try box.write("fake-sendmail", "#!/bin/sh\ntouch '\(mark.path)'\ncat >/dev/null\n")
        chmod(box.dir.appendingPathComponent("fake-sendmail").path, 0o755)
        let r = try box.run(["mail", "be-safe", "--sendmail", box.dir.appendingPathComponent("fake-sendmail").path])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("--yes"))
        #expect(!FileManager.default.fileExists(atPath: mark.path))
        // Told yes, it hands each message over.
        let yes = try box.run(["mail", "be-safe", "--owner", "kp", "--yes", "--sendmail", box.dir.appendingPathComponent("fake-sendmail").path + " -t -oi"])
        #expect(yes.status == 0, "\(yes)")
        #expect(FileManager.default.fileExists(atPath: mark.path))
    }

    @Test func anOwnerWithNoOpenFollowUpIsAnErrorAndBadOptionsAreUsageErrors() throws {
        let box = try Self.sandbox()
        let nobody = try box.run(["mail", "be-safe", "--owner", "QQ", "--out", "outbox"])
        #expect(nobody.status == 1)
        #expect(nobody.stderrLines.count == 1 && nobody.stderr.contains("QQ"))
        #expect(box.bytes("outbox/kp-be-safe-2009-06-20.eml") == nil)
        #expect(try box.run(["mail", "be-safe", "--attach", "odt", "--out", "o"]).status == 2)
        #expect(try box.run(["mail", "be-safe", "--from", "not an address", "--out", "o"]).status == 2)
        #expect(try box.run(["mail", "nope", "--out", "o"]).status == 1)
    }

    @Test func aPersonsAddressIsRecordedAfterTheirOrganisationAndABadOneIsRefused() throws {
        let box = try Self.sandbox()
        let before = try #require(box.bytes())
        let bad = try box.run(["add", "person", "AB", "Ann Bell", "--email", "ann at example.org"])
        #expect(bad.status == 1)
        #expect(bad.stderrLines.count == 1 && bad.stderr.contains("--email"))
        #expect(box.bytes() == before)

        #expect(try box.run(["add", "person", "AB", "Ann Bell", "--org", "Council", "--email", "ann@example.org"]).status == 0)
        let written = String(decoding: try #require(box.bytes()), as: UTF8.self)
        #expect(written.contains(#"person initials=AB name="Ann Bell" org=Council email=ann@example.org"#))
        // Given again with the same name, the address is updated and the organisation kept.
        let again = try box.run(["add", "person", "DD", "Dee Dee", "--email", "dd@example.org"])
        #expect(again.status == 0, "\(again)")
        #expect(String(decoding: try #require(box.bytes()), as: UTF8.self).contains(#"person initials=DD name="Dee Dee" email=dd@example.org"#))
        #expect(try box.run(["add", "person", "DD", "Someone Else", "--email", "x@example.org"]).status == 1)

        // A hand-typed line with a wrong address is reported where it is.
        try box.write("bad.journal", "minutes-journal 1\n2009-05-01T09:00:00.000Z kkkk00000001 person initials=KP name=Kim email=kp@example\n")
        let check = try box.run(["check"], file: "bad.journal")
        #expect(check.status == 1)
        #expect(check.stdout.contains("bad.journal:2:") || check.stderr.contains("bad.journal:2:"), "\(check)")
        #expect((check.stdout + check.stderr).contains("not an e-mail address"))
    }
}

/// `python3 -m aiosmtpd` on a free port of 127.0.0.1, storing what it receives in a maildir.
final class SMTPServer {
    let port: Int
    let folder: URL
    private let process = Process()

    init(folder: URL) throws {
        self.folder = folder
        port = try SMTPServer.freePort()
        process.executableURL = URL(fileURLWithPath: MailDeliveryTests.python)
        process.arguments = ["-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", folder.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Ready when it accepts a connection.
        let deadline = Date().addingTimeInterval(20)
        while !SMTPServer.accepts(port) {
            guard Date() < deadline, process.isRunning else { stop(); throw CLITestError.setup("aiosmtpd did not start on \(port)") }
            usleep(50_000)
        }
    }

    /// Stops the server with SIGKILL: started from the test runner it inherits a signal mask
    /// that blocks SIGTERM and SIGINT (they would stay pending for ever), and what it received
    /// has been read by the time it is stopped.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// The files in `new/` once there are `count`, polling until the deadline.
    func waitForMessages(_ count: Int, deadline: Date) throws -> [String] {
        let new = folder.appendingPathComponent("new")
        while true {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: new.path)) ?? []
            if names.count >= count { return names.sorted().map { new.appendingPathComponent($0).path } }
            guard Date() < deadline else { throw CLITestError.setup("\(names.count) of \(count) messages delivered") }
            usleep(50_000)
        }
    }

    /// A port the kernel just gave out (bound to port 0, then closed).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw CLITestError.setup("no socket") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw CLITestError.setup("cannot bind a port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
