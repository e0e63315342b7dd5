import Testing
@testable import MinutesCore

/// The directory used by every phrasing below.
private let people: [Person] = [
    Person(initials: "KP", name: "Kieran Patel", organisation: "Police"),
    Person(initials: "DD", name: "Dawn Doyle"),
    Person(initials: "JB", name: "Jo Brennan"),
    Person(initials: "KC", name: "Kate Corcoran", organisation: "Youth Service"),
    Person(initials: "ZNB", name: "Zoë Ní Bhriain"),
    Person(initials: "JA", name: "José Álvarez"),
    Person(initials: "TR", name: "Tom Reilly"),
    Person(initials: "AK", name: "عائشہ خان"),
    Person(initials: "SM", name: "Sam Murphy"),
    Person(initials: "SON", name: "Sam O'Neill"),
]

struct Phrasing: CustomTestStringConvertible, Sendable {
    var says: String
    var input: String
    var owners: [Owner]
    var text: String
    var unknownInitials: [String] = []
    var newNames: [String] = []
    var ambiguousNames: [String] = []

    var testDescription: String { says }

    /// An unowned line: no owners, the text is the line trimmed (and un-bulleted).
    static func unowned(_ says: String, _ input: String, text: String? = nil) -> Phrasing {
        Phrasing(says: says, input: input, owners: [], text: text ?? input)
    }
}

private let kp = Owner.initials("KP"), dd = Owner.initials("DD"), jb = Owner.initials("JB")

private let phrasings: [Phrasing] = [
    // one owner by initials
    Phrasing(says: "initials then to give one owner", input: "KP to adjust and e-mail organisation",
             owners: [kp], text: "adjust and e-mail organisation"),
    Phrasing(says: "a later to stays in the text", input: "KP to write to the school",
             owners: [kp], text: "write to the school"),
    Phrasing(says: "a trailing full stop is kept", input: "KP to phone parents.",
             owners: [kp], text: "phone parents."),
    Phrasing(says: "surrounding whitespace is trimmed", input: "   KP to adjust the letter \t ",
             owners: [kp], text: "adjust the letter"),
    Phrasing(says: "the first letter of the text is kept as typed", input: "KP to Adjust the letter",
             owners: [kp], text: "Adjust the letter"),
    Phrasing(says: "an owner with nothing to do keeps an empty text", input: "KP to",
             owners: [kp], text: ""),
    // several owners
    Phrasing(says: "and joins two owners", input: "KP and DD to review the referral figures",
             owners: [kp, dd], text: "review the referral figures"),
    Phrasing(says: "a slash joins two owners", input: "KP/DD to check the rota",
             owners: [kp, dd], text: "check the rota"),
    Phrasing(says: "an ampersand joins two owners", input: "KP & DD to check the rota",
             owners: [kp, dd], text: "check the rota"),
    Phrasing(says: "commas and and list three owners", input: "KP, DD and JB to meet the head",
             owners: [kp, dd, jb], text: "meet the head"),
    Phrasing(says: "an Oxford comma is allowed", input: "KP, DD, and JB to meet the head",
             owners: [kp, dd, jb], text: "meet the head"),
    Phrasing(says: "an owner written twice is listed once", input: "KP and kp to adjust",
             owners: [kp], text: "adjust"),
    Phrasing(says: "initials and a body are mixed", input: "KP and the school nurse to visit",
             owners: [kp, .named("School nurse")], text: "visit", newNames: ["School nurse"]),
    // lower case and punctuation
    Phrasing(says: "lower-case initials of a known person", input: "kp to adjust",
             owners: [kp], text: "adjust"),
    Phrasing(says: "lower-case initials of two known people", input: "kp and dd to adjust",
             owners: [kp, dd], text: "adjust"),
    Phrasing(says: "unknown lower-case initials beside known ones are initials",
             input: "kp and xy to adjust", owners: [kp, .initials("XY")], text: "adjust",
             unknownInitials: ["XY"]),
    Phrasing(says: "dotted initials", input: "K.P. to adjust", owners: [kp], text: "adjust"),
    Phrasing(says: "a comma before to", input: "KP, to adjust", owners: [kp], text: "adjust"),
    Phrasing(says: "a colon after to", input: "KP to: adjust", owners: [kp], text: "adjust"),
    // colon, dash and will forms
    Phrasing(says: "a colon after the owner", input: "KP: adjust the letter",
             owners: [kp], text: "adjust the letter"),
    Phrasing(says: "a colon then to drops the to", input: "KP: to adjust the letter",
             owners: [kp], text: "adjust the letter"),
    Phrasing(says: "a spaced hyphen after the owner", input: "KP - adjust the letter",
             owners: [kp], text: "adjust the letter"),
    Phrasing(says: "a spaced en dash after two owners", input: "KP/DD – adjust the letter",
             owners: [kp, dd], text: "adjust the letter"),
    Phrasing(says: "will instead of to", input: "KP will adjust the letter",
             owners: [kp], text: "adjust the letter"),
    Phrasing(says: "a person to be something keeps the person", input: "KP to be in touch with the school",
             owners: [kp], text: "be in touch with the school"),
    // bullets
    Phrasing(says: "a round bullet is stripped", input: "• KP to adjust", owners: [kp], text: "adjust"),
    Phrasing(says: "a middle-dot bullet is stripped", input: "· KP to adjust", owners: [kp], text: "adjust"),
    Phrasing(says: "a hyphen bullet is stripped", input: "- KP to adjust", owners: [kp], text: "adjust"),
    Phrasing(says: "an asterisk bullet is stripped", input: "  * KP to adjust", owners: [kp], text: "adjust"),
    // unknown initials
    Phrasing(says: "unknown capital initials are accepted and flagged", input: "XY to send the minutes",
             owners: [.initials("XY")], text: "send the minutes", unknownInitials: ["XY"]),
    Phrasing(says: "known and unknown initials together", input: "KP and QRS to meet",
             owners: [kp, .initials("QRS")], text: "meet", unknownInitials: ["QRS"]),
    // people by name
    Phrasing(says: "first initial with a full stop and surname", input: "K. Corcoran to phone the school",
             owners: [.initials("KC")], text: "phone the school"),
    Phrasing(says: "first initial without a full stop and surname", input: "K Corcoran to phone the school",
             owners: [.initials("KC")], text: "phone the school"),
    Phrasing(says: "a unique first name", input: "Kate to phone the school",
             owners: [.initials("KC")], text: "phone the school"),
    Phrasing(says: "a shared first name is kept as typed and flagged", input: "Sam to phone the school",
             owners: [.named("Sam")], text: "phone the school", ambiguousNames: ["Sam"]),
    Phrasing(says: "a known first name that starts with to", input: "Tom to adjust",
             owners: [.initials("TR")], text: "adjust"),
    Phrasing(says: "a name that starts with To is not split at to", input: "Toby to adjust",
             owners: [.named("Toby")], text: "adjust", newNames: ["Toby"]),
    Phrasing(says: "an unknown full name is a new name", input: "Sheelagh Davis to send the figures",
             owners: [.named("Sheelagh Davis")], text: "send the figures", newNames: ["Sheelagh Davis"]),
    Phrasing(says: "an accented full name matches exactly", input: "Zoë Ní Bhriain to book the hall",
             owners: [.initials("ZNB")], text: "book the hall"),
    Phrasing(says: "a name typed without accents matches the accented person",
             input: "Zoe Ni Bhriain to book the hall", owners: [.initials("ZNB")], text: "book the hall"),
    Phrasing(says: "a lower-case unaccented full name of a known person", input: "jose alvarez to translate",
             owners: [.initials("JA")], text: "translate"),
    Phrasing(says: "an accented name with a new name", input: "José Álvarez and Sheelagh Davis to translate",
             owners: [.initials("JA"), .named("Sheelagh Davis")], text: "translate",
             newNames: ["Sheelagh Davis"]),
    Phrasing(says: "a title and surname", input: "Dr Patel to review", owners: [kp], text: "review"),
    Phrasing(says: "a known name in a script without case", input: "عائشہ to call the parents",
             owners: [.initials("AK")], text: "call the parents"),
    Phrasing.unowned("an unknown name in a script without case is not an owner", "فاطمہ to call the parents"),
    // bodies
    Phrasing(says: "a body in the plural", input: "Schools to look at their own attendance data",
             owners: [.named("Schools")], text: "look at their own attendance data", newNames: ["Schools"]),
    Phrasing(says: "an acronym body with a plural s", input: "PCSOs to patrol the school gates",
             owners: [.named("PCSOs")], text: "patrol the school gates", newNames: ["PCSOs"]),
    Phrasing(says: "a two-word body", input: "Youth Service to run a drop-in",
             owners: [.named("Youth Service")], text: "run a drop-in", newNames: ["Youth Service"]),
    Phrasing(says: "the is dropped from a body", input: "the school nurse to talk to Year 9",
             owners: [.named("School nurse")], text: "talk to Year 9", newNames: ["School nurse"]),
    Phrasing(says: "a body with particles and digits", input: "Head of Year 9 to check attendance",
             owners: [.named("Head of Year 9")], text: "check attendance", newNames: ["Head of Year 9"]),
    Phrasing(says: "a short body in sentence case", input: "Head teacher to send the letter",
             owners: [.named("Head teacher")], text: "send the letter", newNames: ["Head teacher"]),
    Phrasing(says: "a body and a person both by name", input: "Police and Kate to visit",
             owners: [.named("Police"), .initials("KC")], text: "visit", newNames: ["Police"]),
    Phrasing(says: "all is an owner but not a new name", input: "All to read the draft",
             owners: [.named("All")], text: "read the draft"),
    // unowned sentences
    Phrasing.unowned("need starts a sentence", "Need to think about involving secondary schools"),
    Phrasing.unowned("agreed starts a sentence", "Agreed to meet again in March"),
    Phrasing.unowned("to starts a sentence", "To look at the data"),
    Phrasing.unowned("to starts a sentence with a later to", "To write to the school"),
    Phrasing.unowned("no to at all", "Look at the new course and take a view on this"),
    Phrasing.unowned("it was agreed", "It was agreed to write to parents"),
    Phrasing.unowned("all agreed", "All agreed to circulate the minutes"),
    Phrasing.unowned("lower-case we need to", "we need to talk to schools"),
    Phrasing.unowned("we will", "We will look at this again"),
    Phrasing.unowned("an imperative verb", "Write to the school about the bus"),
    Phrasing.unowned("ask names someone but is not an owner phrase", "Ask KP to check the figures"),
    Phrasing.unowned("continue", "Continue to monitor attendance"),
    Phrasing.unowned("a passive with a thing", "Minutes to be circulated"),
    Phrasing.unowned("a passive with a body", "Parents to be told about the change"),
    Phrasing.unowned("a long sentence-case phrase is not a body", "Further work on the new course to follow"),
    Phrasing.unowned("a date range is not an owner", "10/11 to 12/11 half term"),
    Phrasing.unowned("someone is not an owner", "Someone to volunteer for the stall"),
    Phrasing.unowned("nothing to report", "Nothing to report"),
    Phrasing.unowned("lower-case words that are not initials", "schools to look at the data"),
    Phrasing.unowned("an owner phrase that is too long",
                     "The Police and Crime Commissioner Office For The North West Region to decide"),
    Phrasing.unowned("a bulleted unowned line loses its bullet", "• Agreed to meet again.",
                     text: "Agreed to meet again."),
    Phrasing.unowned("initials not followed by to", "KP told the group about the bus"),
    // what follows the owner passes through unchanged
    Phrasing(says: "emoji in the task", input: "KP to call 📞 the parents 👍🏽",
             owners: [kp], text: "call 📞 the parents 👍🏽"),
    Phrasing(says: "right-to-left text in the task", input: "KP to translate: عائشہ خان سے بات کریں",
             owners: [kp], text: "translate: عائشہ خان سے بات کریں"),
    Phrasing(says: "CJK and Gujarati text in the task", input: "DD to print 中文 and ગુજરાતી leaflets",
             owners: [dd], text: "print 中文 and ગુજરાતી leaflets"),
]

@Suite struct OwnerParserTests {
    @Test(arguments: phrasings)
    func phrasingGivesOwnersAndText(_ p: Phrasing) {
        let r = OwnerParser.parse(p.input, people: people)
        #expect(r.owners == p.owners)
        #expect(r.text == p.text)
        #expect(r.unknownInitials == p.unknownInitials)
        #expect(r.newNames == p.newNames)
        #expect(r.ambiguousNames == p.ambiguousNames)
        #expect(r.isUnowned == p.owners.isEmpty)
    }

    @Test(arguments: phrasings)
    func prebuiltDirectoryGivesTheSameAnswer(_ p: Phrasing) {
        let directory = OwnerDirectory(people)
        #expect(OwnerParser.parse(p.input, directory: directory) == OwnerParser.parse(p.input, people: people))
    }

    @Test func slashSeparatedInitialsGiveTwoOwners() {
        let r = OwnerParser.parse("KP/DD to adjust", people: people)
        #expect(r.owners == [kp, dd])
        #expect(r.text == "adjust")
    }

    @Test func unknownInitialsAreAcceptedWithAnEmptyDirectory() {
        let r = OwnerParser.parse("KP to adjust", people: [])
        #expect(r.owners == [kp])
        #expect(r.unknownInitials == ["KP"])
    }

    @Test func lowerCaseInitialsNeedADirectoryMatch() {
        #expect(OwnerParser.parse("kp to adjust", people: []).isUnowned)
        #expect(OwnerParser.parse("kp to adjust", people: people).owners == [kp])
    }

    @Test func aPassiveOnlyKeepsPeopleAsOwners() {
        #expect(OwnerParser.parse("KP will be in touch", people: people).owners == [kp])
        #expect(OwnerParser.parse("The report will be circulated", people: people).isUnowned)
    }

    @Test func aLoneFirstNameMatchesOnlyWhenItIsUnique() {
        let one = [Person(initials: "KC", name: "Kate Corcoran")]
        let two = one + [Person(initials: "KM", name: "Kate Moss")]
        #expect(OwnerParser.parse("Kate to ring", people: one).owners == [.initials("KC")])
        let r = OwnerParser.parse("Kate to ring", people: two)
        #expect(r.owners == [.named("Kate")])
        #expect(r.ambiguousNames == ["Kate"])
        #expect(r.newNames.isEmpty)
    }

    @Test func theDirectoryIsNotStaleWhenPeopleChange() {
        #expect(OwnerParser.parse("Sheelagh Davis to ring", people: people).newNames == ["Sheelagh Davis"])
        let more = people + [Person(initials: "SD", name: "Sheelagh Davis")]
        let r = OwnerParser.parse("Sheelagh Davis to ring", people: more)
        #expect(r.owners == [.initials("SD")])
        #expect(r.newNames.isEmpty)
    }

    @Test func aKnownPersonsInitialsComeBackAsTheDirectoryHasThem() {
        let r = OwnerParser.parse("Kate Corcoran to ring", people: people)
        #expect(r.owners == [.initials("KC")])
        #expect(r.owners.allSatisfy { $0.initials.map(Owner.looksLikeInitials) == true })
    }

    @Test func aDecomposedAccentMatchesAPrecomposedName() {
        let r = OwnerParser.parse("Zoe\u{308} Ni\u{301} Bhriain to book the hall", people: people)
        #expect(r.owners == [.initials("ZNB")])
    }

    @Test func anOwnerlessLineKeepsItsTextExactly() {
        let line = "  Need to think about involving secondary schools — all 12 of them 🙂  "
        let r = OwnerParser.parse(line, people: people)
        #expect(r.isUnowned)
        #expect(r.text == "Need to think about involving secondary schools — all 12 of them 🙂")
    }

    @Test func anEmptyLineIsUnowned() {
        #expect(OwnerParser.parse("", people: people) == ParsedFollowUp(text: ""))
        #expect(OwnerParser.parse("   ", people: people) == ParsedFollowUp(text: ""))
    }
}
