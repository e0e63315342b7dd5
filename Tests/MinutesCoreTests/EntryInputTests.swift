import MinutesCore
import Testing

/// The one reading of typed input, shared by the app's prompts and the command line.
@Suite struct EntryInputTests {
    static let people = [
        Person(initials: "KC", name: "Kath Corcoran"),
        Person(initials: "RO", name: "Rosa Okafor"),
        Person(initials: "MH", name: "Marta Horvath"),
        Person(initials: "IH", name: "Iqbal Hussain"),
    ]
    static let june = Day(year: 2009, month: 6, day: 25)!

    @Test func attendanceMixesInitialsAndFullNamesPersonByPerson() {
        #expect(EntryInput.people("KP DD CDM Kath Corcoran, IH", people: Self.people) == ["KP", "DD", "CDM", "KC", "IH"])
    }

    @Test func listsSplitOnCommasAndAndAndKeepOrganisationsAsTyped() {
        #expect(EntryInput.people("RO, MH and Youth Service", people: Self.people) == ["RO", "MH", "Youth Service"])
        #expect(EntryInput.people("ro mh", people: Self.people) == ["RO", "MH"], "known initials in any case")
        #expect(EntryInput.people("Marta", people: Self.people) == ["MH"], "a unique first name alone")
        #expect(EntryInput.people("RO RO, ro", people: Self.people) == ["RO"], "each person once")
    }

    @Test func ownersTypedAloneAreOwners() {
        #expect(EntryInput.owners("DD", people: Self.people) == [.initials("DD")])
        #expect(EntryInput.owners("KP and Kath Corcoran", people: Self.people) == [.initials("KP"), .initials("KC")])
        #expect(EntryInput.owners("Schools", people: Self.people) == [.named("Schools")])
    }

    @Test func datesAreReadAsPeopleTypeThem() {
        let near = Self.june
        #expect(EntryInput.date("2009-05-15", near: near)?.day == Day(year: 2009, month: 5, day: 15))
        #expect(EntryInput.date("15th May 2009", near: near) == .init(day: Day(year: 2009, month: 5, day: 15)!, yearInferred: false))
        #expect(EntryInput.date("May 15, 2009", near: near)?.day == Day(year: 2009, month: 5, day: 15))
        #expect(EntryInput.date("15/5/2009", near: near)?.day == Day(year: 2009, month: 5, day: 15), "day first")
        #expect(EntryInput.date("17 Sep", near: near) == .init(day: Day(year: 2009, month: 9, day: 17)!, yearInferred: true))
        #expect(EntryInput.date("17 sept", near: near)?.day == Day(year: 2009, month: 9, day: 17))
        #expect(EntryInput.date("yesterday", near: near)?.day == Day(year: 2009, month: 6, day: 24))
    }

    @Test func aYearLeftOutIsTheOneNearestTheMeeting() {
        let january = Day(year: 2010, month: 1, day: 14)!
        #expect(EntryInput.date("17 Sep", near: january)?.day == Day(year: 2009, month: 9, day: 17))
        #expect(EntryInput.date("3 Feb", near: january)?.day == Day(year: 2010, month: 2, day: 3))
    }

    @Test func whatIsNotADateIsRefused() {
        for text in ["17/19/2009", "31 Feb 2009", "someday", "May", "15 Smarch 2009", ""] {
            #expect(EntryInput.date(text, near: Self.june) == nil, "\(text)")
        }
    }

    @Test func aCapitalTypedWithoutAnOwnerIsLoweredOnceItHasOne() {
        #expect(EntryInput.sentence(owners: [.initials("KC")], text: "Look at the rota") == "KC to look at the rota")
        #expect(EntryInput.sentence(owners: [.initials("KC")], text: "PDF the minutes") == "KC to PDF the minutes")
        #expect(EntryInput.sentence(owners: [], text: "Look at the rota") == "Look at the rota")
        let people = ["RO": Person(initials: "RO", name: "Rosa Okafor")]
        #expect(EntryInput.lowerFirstWord("Rosa's list to be checked", people: people) == "Rosa's list to be checked")
    }
}
