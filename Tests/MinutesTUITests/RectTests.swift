import MinutesTUI
import Testing

@Suite("Rect")
struct RectTests {
    @Test func insetShrinksEverySideAndNeverGoesNegative() {
        let rect = Rect(x: 2, y: 3, width: 10, height: 4)
        #expect(rect.inset(by: 1) == Rect(x: 3, y: 4, width: 8, height: 2))
        #expect(rect.inset(by: 5).isEmpty)
        #expect(rect.inset(by: 5).width == 0)
        #expect(rect.inset(top: 1, left: 2) == Rect(x: 4, y: 4, width: 8, height: 3))
    }

    @Test func negativeSizesClampToZero() {
        #expect(Rect(x: 0, y: 0, width: -3, height: -1) == Rect(x: 0, y: 0, width: 0, height: 0))
    }

    @Test func columnsShareWidthAndGiveLeftoversToTheLeft() {
        let parts = Rect(x: 0, y: 0, width: 11, height: 2).columns(3, gap: 1)
        #expect(parts.map(\.width) == [3, 3, 3])
        #expect(parts.map(\.x) == [0, 4, 8])
        let uneven = Rect(x: 1, y: 0, width: 10, height: 1).columns(3)
        #expect(uneven.map(\.width) == [4, 3, 3])
        #expect(uneven.map(\.x) == [1, 5, 8])
        #expect(Rect(x: 0, y: 0, width: 5, height: 5).columns(0).isEmpty)
    }

    @Test func rowsShareHeight() {
        let parts = Rect(x: 0, y: 2, width: 4, height: 7).rows(2)
        #expect(parts == [Rect(x: 0, y: 2, width: 4, height: 4), Rect(x: 0, y: 6, width: 4, height: 3)])
    }

    @Test func dividingClampsTheCut() {
        let rect = Rect(x: 0, y: 0, width: 10, height: 5)
        let (left, right) = rect.divided(atColumn: 3)
        #expect(left == Rect(x: 0, y: 0, width: 3, height: 5))
        #expect(right == Rect(x: 3, y: 0, width: 7, height: 5))
        let (top, bottom) = rect.divided(atRow: 99)
        #expect(top == rect)
        #expect(bottom.isEmpty)
        #expect(rect.divided(atColumn: -4).left.isEmpty)
    }

    @Test func intersectionAndContainment() {
        let a = Rect(x: 0, y: 0, width: 5, height: 5)
        let b = Rect(x: 3, y: 3, width: 5, height: 5)
        #expect(a.intersection(b) == Rect(x: 3, y: 3, width: 2, height: 2))
        #expect(a.intersection(Rect(x: 9, y: 9, width: 1, height: 1)).isEmpty)
        #expect(a.contains(x: 4, y: 0))
        #expect(!a.contains(x: 5, y: 0))
        #expect(a.row(2) == Rect(x: 0, y: 2, width: 5, height: 1))
        #expect(a.row(7).isEmpty)
    }
}
