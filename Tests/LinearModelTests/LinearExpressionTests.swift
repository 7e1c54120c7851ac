import LinearModel
import Testing

@Suite("Linear expressions and constraints")
struct LinearExpressionTests {
    static func variables(_ count: Int) -> (Model, [Variable]) {
        var model = Model(name: "algebra")
        let vars = (0..<count).map { model.addVariable("v\($0)") }
        return (model, vars)
    }

    @Test("Operators build terms and constants: 2x + y − 3 − (x − 4)")
    func operators() {
        let (_, v) = Self.variables(2)
        let x = v[0], y = v[1]
        let e = 2 * x + y - 3 - (x - 4)
        #expect(e.constant == 1)
        #expect(e.terms == [Term(x, 2), Term(y, 1), Term(x, -1)])
        #expect((x * 3.5).terms == [Term(x, 3.5)])
        #expect((-(x + 2)).constant == -2)
        #expect((-(x + 2)).terms == [Term(x, -1)])
        var sum = LinearExpression()
        sum += x
        sum -= 2 * y
        sum += 5
        #expect(sum.terms == [Term(x, 1), Term(y, -2)])
        #expect(sum.constant == 5)
        #expect([x, y, x].sum().terms.count == 3)
    }

    @Test("canonical() merges repeated variables, sorts them and drops zero coefficients")
    func canonicalMerging() {
        let (_, v) = Self.variables(3)
        let e = 3 * v[2] + v[0] - v[2] + 2 * v[1] - 2 * v[1] + 7
        let c = e.canonical()
        #expect(c.terms == [Term(v[0], 1), Term(v[2], 2)])
        #expect(c.constant == 7)
        #expect(LinearExpression(terms: [Term(v[1], 0)]).canonical().terms.isEmpty)
        #expect(LinearExpression(v[1]).canonical().terms == [Term(v[1], 1)])
    }

    @Test("value(at:) evaluates terms and the constant")
    func evaluation() {
        let (_, v) = Self.variables(2)
        #expect((2 * v[0] - v[1] + 1).value(at: [3, 4]) == 3)
    }

    @Test("Constants move into the bounds of ≤, ≥ and == constraints")
    func constantsMoveIntoBounds() {
        let (_, v) = Self.variables(2)
        let x = v[0], y = v[1]
        let le = x + 3 <= y + 10
        #expect(le.expression.constant == 0)
        #expect(le.upperBound == 7 && le.lowerBound == -.infinity)
        #expect(le.sense == .lessThanOrEqual)
        let ge = 2 * x + 1 >= 5
        #expect(ge.lowerBound == 4 && ge.upperBound == .infinity)
        #expect(ge.sense == .greaterThanOrEqual)
        let eq = x + y + 2 == 6
        #expect(eq.lowerBound == 4 && eq.upperBound == 4)
        #expect(eq.sense == .equal)
        let fixed = x == 3.5
        #expect(fixed.lowerBound == 3.5 && fixed.upperBound == 3.5)
        let ranged = LinearConstraint(x + 1, in: 2...5)
        #expect(ranged.lowerBound == 1 && ranged.upperBound == 4)
        #expect(ranged.sense == .ranged)
        #expect(LinearConstraint(x).sense == .free)
    }

    @Test("Comparing two variables with == still asks whether they are the same handle")
    func variableEquality() {
        let (_, v) = Self.variables(2)
        #expect(v[0] != v[1])
        #expect(v[0] == Variable(index: 0))
        #expect(v[0] < v[1])
    }
}
