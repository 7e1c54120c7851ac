@testable import PartnerMatch
import Testing

@Suite("Budget lists and ranges (--budgets)")
struct BudgetListTests {
    @Test("A list reads plain numbers, digit separators and k/M suffixes, sorted and without duplicates")
    func list() throws {
        #expect(try BudgetList.parse("800k,1.2M,1_500_000") == [800_000, 1_200_000, 1_500_000])
        #expect(try BudgetList.parse("1.5M, 900K ,900000,250.5") == [250.5, 900_000, 1_500_000])
        #expect(try BudgetList.parse("1250000") == [1_250_000])
        #expect(try BudgetList.parse("0.25M,2.5k") == [2_500, 250_000])
    }

    @Test("Suffixed decimals are exact: 1.2M is 1,200,000, not 1,199,999.9999")
    func suffixesAreExact() throws {
        #expect(try BudgetList.amount("1.2M") == 1_200_000)
        #expect(try BudgetList.amount("0.1k") == 100)
        #expect(try BudgetList.amount("1.234567M") == 1_234_567)
        #expect(try BudgetList.amount("12.5") == 12.5)
    }

    @Test("A range includes TO when it lands on a step, and stops short of it otherwise")
    func range() throws {
        #expect(try BudgetList.parse("500k...1M/100k") == [500_000, 600_000, 700_000, 800_000, 900_000, 1_000_000])
        #expect(try BudgetList.parse("500k...950k/100k") == [500_000, 600_000, 700_000, 800_000, 900_000])
        #expect(try BudgetList.parse("100...100/5") == [100])
        let tenths = try BudgetList.parse("1...2/0.1")
        #expect(tenths.count == 11)
        #expect(tenths.last == 2)
    }

    @Test("A range may have exactly 1,000 points but not 1,001")
    func rangeLimit() throws {
        #expect(try BudgetList.parse("1k...1M/1k").count == 1_000)
        #expect(throws: BudgetListError.self) { try BudgetList.parse("0.5k...1M/500/") }
        let error = try #require(throws: BudgetListError.self) { try BudgetList.parse("1k...1.001M/1k") }
        #expect(error.message.contains("1,001 points, more than the limit of 1000"))
    }

    @Test("Bad budgets are rejected with a message naming the problem", arguments: [
        ("1M...500k/10k", "runs backwards"),
        ("500k...1M/0", "STEP of a budget range must be > 0"),
        ("500k...1M/-10k", "unexpected '-'"),
        ("500k...1M", "FROM...TO/STEP"),
        ("1M...1k...2M/1k", "FROM...TO/STEP"),
        ("800k,,1M", "budget 2 of the list is empty"),
        ("", "empty"),
        ("abc", "unexpected 'a'"),
        ("1e6", "unexpected 'e'"),
        ("1__000", "'_' must come between digits"),
        ("_1000", "'_' must come between digits"),
        ("1000_", "'_' must come between digits"),
        ("1.2.3", "more than one decimal point"),
        ("k", "no digits"),
        ("0,100k", "budgets must be > 0"),
        ("0...1k/100", "budgets must be > 0"),
        ("inf", "unexpected 'i'"),
        ("300k..<700k/50k", "'..<' is not a budget range"),
        ("300k....700k/50k", "FROM...TO/STEP"),
        ("300k..700k", "FROM...TO/STEP"),
        ("1.2g", "unexpected 'g'"),
        ("1.2mm", "unexpected 'm'"),
        ("1...100000000000000000000/1", "too many digits"),
    ])
    func errors(input: String, message: String) {
        let error = #expect(throws: BudgetListError.self) { try BudgetList.parse(input) }
        #expect(error?.message.contains(message) == true, "\(input): \(error?.message ?? "no error")")
    }

    @Test("Two dots are the same inclusive range as three, and a lowercase m is a million")
    func twoDotsAndLowercase() throws {
        #expect(try BudgetList.parse("300k..700k/50k") == BudgetList.parse("300k...700k/50k"))
        #expect(try BudgetList.parse("300k..700k/50k").last == 700_000)
        #expect(try BudgetList.parse("1.2m,0.5M") == [500_000, 1_200_000])
        #expect(try Amount.parse("1.2m") == 1_200_000)
        #expect(try Amount.parse(" 25k ") == 25_000)
        #expect(try Amount.parse("1_250_000") == 1_250_000)
        let error = #expect(throws: AmountError.self) { try Amount.parse("25 k", what: "--tolerance") }
        #expect(error?.message.hasPrefix("cannot read --tolerance '25 k': unexpected ' '") == true, "\(error?.message ?? "")")
    }

    @Test("Scenario amounts given as strings are read by the same parser: budget.total and what_if.tolerance")
    func scenarioAmounts() throws {
        let text = Scenario.template.replacingOccurrences(of: "total = 1_250_000", with: "total = \"1.25M\"")
            + "\n[what_if]\ntolerance = \"2.5k\"\n"
        #expect(text.contains("total = \"1.25M\""))
        let scenario = try ScenarioReader.parse(text)
        #expect(scenario.budget == 1_250_000)
        #expect(scenario.whatIf.tolerance == 2_500)
    }

    @Test("A huge range with a tiny step is refused before any budget is made")
    func hugeRange() {
        let error = #expect(throws: BudgetListError.self) { try BudgetList.parse("1...999999999999999/0.001") }
        #expect(error?.message.contains("more than the limit") == true)
    }
}
