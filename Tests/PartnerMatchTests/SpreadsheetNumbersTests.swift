import Foundation
import LinearModel
@testable import PartnerMatch
import PropertyBased
import Testing

/// Issue 27, "Files and numbers, round 3": `.xlsx` number formats read with the rules for CSV text,
/// amounts bounded where they are read, the German "Unicode Text" export, duplicated `rates` keys.
@Suite("Spreadsheet number formats and magnitudes")
struct SpreadsheetNumbersTests {
    // MARK: Number formats

    @Test("Format codes: percent, currency symbols and codes, time, and none", arguments: [
        ("0%", XlsxNumberFormat.percent), ("0.00%", .percent), ("#,##0.0\" pts\"", .plain),
        ("\"$\"#,##0.00", .currency("$")), ("$#,##0.00", .currency("$")), ("[$€-407] #,##0.00", .currency("€")),
        ("#,##0.00 [$EUR]", .currency("EUR")), ("#,##0.00\\ \"€\"", .currency("€")), ("[$-409]#,##0.00", .plain),
        ("_(\"$\"* #,##0.00_);_(\"$\"* (#,##0.00)", .currency("$")), ("#,##0 \"EUR/h\"", .currency("EUR")),
        ("[$US$-409]#,##0", .currency("US$")), ("hh:mm", .time), ("[h]:mm", .time), ("dd/mm/yyyy hh:mm", .plain),
        ("General", .plain), ("#,##0;[Red]-\"€\"#,##0", .plain), ("0.00 \"%\"", .plain),
    ])
    func formatCodes(_ code: String, _ expected: XlsxNumberFormat) {
        #expect(XlsxNumberFormat.parse(code) == expected)
    }

    @Test("Built-in formats: 9 and 10 are percents, 5–8 dollars, 20 a time, 0 and 4 plain")
    func builtInFormats() {
        #expect(XlsxNumberFormat(id: 9, code: nil) == .percent)
        #expect(XlsxNumberFormat(id: 10, code: nil) == .percent)
        #expect(XlsxNumberFormat(id: 7, code: nil) == .currency("$"))
        #expect(XlsxNumberFormat(id: 20, code: nil) == .time)
        #expect(XlsxNumberFormat(id: 0, code: nil) == .plain)
        #expect(XlsxNumberFormat(id: 4, code: nil) == .plain)
    }

    @Test("A percent cell shows its stored fraction times 100, exactly in decimal")
    func percentTextIsExact() {
        #expect(XlsxNumberFormat.percent.shown("0.07") == "7%")        // 0.07 * 100 is 7.000000000000001 in binary
        #expect(XlsxNumberFormat.percent.shown("0.845") == "84.5%")
        #expect(XlsxNumberFormat.percent.shown("1") == "100%")
        #expect(XlsxNumberFormat.percent.shown("0.8100000000000001") == "81%") // 81/100 as stored; Excel shows 81%
        #expect(XlsxNumberFormat.currency("$").shown("45.125") == "$45.1250") // never '$45.125', which is refused as text
        #expect(XlsxNumberFormat.currency("EUR").shown("40") == "40 EUR")
    }

    static let styles = "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"&quot;$&quot;#,##0.00\"/><numFmt numFmtId=\"165\" formatCode=\"[$€-407] #,##0.00\"/></numFmts>"
        + "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"9\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/></cellXfs></styleSheet>"

    /// One vendor row 2 with a `currency` column: E2 the rate (style `rateStyle`), F2 the quality (style `qualityStyle`).
    static func workbook(rate: String, rateStyle: Int, quality: String, qualityStyle: Int, currency: String = "USD") throws -> [UInt8] {
        let header = "<row r=\"1\">" + ["id", "country", "timezone", "work_start", "hourly_rate", "quality", "capacity_fte", "skills", "currency"]
            .enumerated().map { XlsxReaderTests.inline($0.element, String(UnicodeScalar(65 + $0.offset)!) + "1") }.joined() + "</row>"
        let row = "<row r=\"2\">" + XlsxReaderTests.inline("V1", "A2") + XlsxReaderTests.inline("DE", "B2") + XlsxReaderTests.inline("Europe/Berlin", "C2")
            + XlsxReaderTests.inline("09:00", "D2") + "<c r=\"E2\" s=\"\(rateStyle)\"><v>\(rate)</v></c><c r=\"F2\" s=\"\(qualityStyle)\"><v>\(quality)</v></c>"
            + "<c r=\"G2\"><v>4</v></c>" + XlsxReaderTests.inline("backend", "H2") + XlsxReaderTests.inline(currency, "I2") + "</row>"
        return try XlsxReaderTests.workbook(sheet: header + row, styles: styles)
    }

    @Test("A quality of 0.8 formatted 0% reads as 80, with the percent warning a CSV '80%' gets")
    func percentQuality() throws {
        let read = try VendorCSVReader.read(bytes: try Self.workbook(rate: "40", rateStyle: 2, quality: "0.8", qualityStyle: 1), source: "w.xlsx")
        #expect(read.pool.quality == [80])
        #expect(read.pool.hourlyRate == [40])
        let codes = read.warnings.map(\.code)
        #expect(codes.contains("percent_dropped"))
        #expect(codes.contains("currency_symbol_dropped"))
        let percent = read.warnings.first { $0.code == "percent_dropped" }
        #expect(percent?.location == SourceLocation(file: "w.xlsx", line: 2, column: 6))
        #expect(percent?.message.hasPrefix("Pool!F2: read 1 value written with '%'") == true)
    }

    @Test("A '$' format on a EUR vendor's rate is the CSV's currency error, at the sheet's cell")
    func currencyFormatContradictsTheVendor() throws {
        let bytes = try Self.workbook(rate: "40", rateStyle: 2, quality: "80", qualityStyle: 0, currency: "EUR")
        #expect {
            _ = try VendorCSVReader.read(bytes: bytes, source: "w.xlsx", options: VendorReadOptions(currency: "USD", fx: ["EUR": 1.1]))
        } throws: { error in
            guard let error = error as? InputError, let first = error.errors.first else { return false }
            return first.code == "currency_mismatch" && first.location == SourceLocation(file: "w.xlsx", line: 2, column: 5)
                && first.message == "Pool!E2: expected an amount in EUR (the vendor's currency) for 'hourly_rate', found '$40', which says "
                    + NumberFormats.meaning(of: "$") + "; fix the amount or the vendor's currency"
        }
        // The euro format agrees with the EUR vendor: 40 EUR, converted.
        let euro = try VendorCSVReader.read(bytes: try Self.workbook(rate: "40", rateStyle: 3, quality: "80", qualityStyle: 0, currency: "EUR"),
                                            source: "w.xlsx", options: VendorReadOptions(currency: "USD", fx: ["EUR": 1.25]))
        #expect(euro.pool.hourlyRate == [50])
    }

    @Test("A percent-formatted rate is refused like '4000%' in a CSV")
    func percentRate() throws {
        #expect {
            _ = try VendorCSVReader.read(bytes: try Self.workbook(rate: "40", rateStyle: 1, quality: "80", qualityStyle: 0), source: "w.xlsx")
        } throws: { error in
            let first = (error as? InputError)?.errors.first
            return first?.code == "not_a_number" && first?.message.contains("found '4000%'; '%' belongs only to 0–100 fields") == true
        }
    }

    // MARK: Magnitudes

    static func csv(rate: String = "40", capacity: String = "4", maxFTE: String = "", onboarding: String = "", rates: String = "") -> [UInt8] {
        Array(("id,country,timezone,hourly_rate,quality,capacity_fte,max_fte,skills,rates,onboarding_cost\n"
            + "V1,DE,Europe/Berlin,\(rate),80,\(capacity),\(maxFTE),backend;qa,\(rates),\(onboarding)\n").utf8)
    }

    static func refusal(_ bytes: [UInt8]) -> Diagnostic? {
        do {
            _ = try VendorCSVReader.read(bytes: bytes, source: "v.csv")
            return nil
        } catch {
            return error.errors.first
        }
    }

    @Test("Amounts at their limit are read; the next representable value is refused at its cell, naming the limit")
    func limitsAreExact() throws {
        let atLimit = try VendorCSVReader.read(bytes: Self.csv(rate: "1e9", capacity: "1e6", onboarding: "1e12", rates: "qa=1e9"), source: "v.csv")
        #expect(atLimit.pool.hourlyRate == [1e9])
        #expect(atLimit.pool.capacityFTE == [1e6])
        #expect(atLimit.pool.onboardingCost == [1e12])
        let rate = Self.refusal(Self.csv(rate: "\(1e9.nextUp)"))
        #expect(rate?.code == "number_out_of_range")
        #expect(rate?.location == SourceLocation(file: "v.csv", line: 2, column: 21))
        #expect(rate?.message == "expected a value of at most 1e9 in the vendor's currency for 'hourly_rate' (docs/LIMITS.md), found '\(1e9.nextUp)'")
        #expect(Self.refusal(Self.csv(capacity: "1000000.0000000001"))?.message
            == "expected a value of at most 1e6 FTE for 'capacity_fte' (docs/LIMITS.md), found '1000000.0000000001'")
        #expect(Self.refusal(Self.csv(maxFTE: "1e300"))?.code == "number_out_of_range")
        #expect(Self.refusal(Self.csv(onboarding: "1e20"))?.message
            == "expected a value of at most 1e12 in the vendor's currency for 'onboarding_cost' (docs/LIMITS.md), found '1e20'")
        #expect(Self.refusal(Self.csv(rates: "backend=1e308"))?.message
            == "expected a value of at most 1e9 in the vendor's currency for the rate for 'backend' in 'rates' (docs/LIMITS.md), found 'backend=1e308'")
        // The rate of the issue: once a 'rate unusual for the region' warning, then an infinite budget row.
        #expect(Self.refusal(Self.csv(rate: "1e308"))?.code == "number_out_of_range")
    }

    @Test("[fx] rates are bounded to 1e-6…1e6 at their key")
    func fxLimits() throws {
        let base = "currency = \"USD\"\n[client]\ntimezone = \"Europe/Berlin\"\n[demand]\ntotal = 2\n[horizon]\nmonths = 6\n[budget]\ntotal = 100000\n[fx]\n"
        #expect(try ScenarioReader.parse(base + "EUR = 1e6\nJPY = 1e-6\n").fx == ["EUR": 1e6, "JPY": 1e-6])
        for (entry, message) in [("EUR = 1e306", "fx.EUR must be at most 1e6 (docs/LIMITS.md), found 1e+306"),
                                 ("JPY = 9.9e-7", "fx.JPY must be at least 1e-6 (docs/LIMITS.md), found 9.9e-07")] {
            #expect {
                _ = try ScenarioReader.parse(base + entry + "\n", file: "s.toml")
            } throws: { error in
                let first = (error as? InputError)?.errors.first
                return first?.code == "out_of_range" && first?.location?.line == 11 && first?.message == message
            }
        }
    }

    @Test("'$1.000' in a '.' file is refused as '$1,000' is; '$1.00' and '$1.0000' are read", arguments: [
        ("$1.000", "ambiguous_number"), ("$1,000", "ambiguous_number"), ("1.000 USD", "ambiguous_number"),
    ])
    func currencyWithThreeDigitsAfterOneMark(_ cell: String, _ code: String) throws {
        let error = Self.refusal(Self.csv(rate: "\"\(cell)\""))
        #expect(error?.code == code)
        #expect(error?.message.contains("reads as 1000") == true, "\(error?.message ?? "")")
        #expect(try VendorCSVReader.read(bytes: Self.csv(rate: "$1.00"), source: "v.csv").pool.hourlyRate == [1])
        #expect(try VendorCSVReader.read(bytes: Self.csv(rate: "$1.0000"), source: "v.csv").pool.hourlyRate == [1])
        #expect(try VendorCSVReader.read(bytes: Self.csv(rate: "\"$1,000.00\""), source: "v.csv").pool.hourlyRate == [1000])
    }

    // MARK: Rates and decimal marks

    @Test("A skill priced twice in 'rates' is an error at the cell, the same skill however spelled")
    func duplicateRate() {
        let error = Self.refusal(Self.csv(rates: "backend=40;qa=30;Back-End=45"))
        #expect(error?.code == "duplicate_rate")
        #expect(error?.message == "expected each skill once in 'rates', found 'Back-End' again ('backend=40', then 'Back-End=45'); keep the one rate that holds")
    }

    @Test("A tab-separated file with decimal commas throughout is read without a flag; with one '.' the errors name --decimal-comma")
    func tabDecimalComma() throws {
        let text = "id\tcountry\ttimezone\thourly_rate\tquality\tcapacity_fte\tskills\nV1\tDE\tEurope/Berlin\t52,50\t80\t2,5\tqa\nV2\tPL\tEurope/Warsaw\t40,25\t70\t3\tqa\n"
        let read = try VendorCSVReader.read(bytes: Array(text.utf8), source: "t.txt")
        #expect(read.pool.hourlyRate == [52.5, 40.25])
        #expect(read.pool.capacityFTE == [2.5, 3])
        #expect(read.warnings.first { $0.code == "decimal_comma" }?.message.contains("the file is tab-separated") == true)
        let mixed = text.replacingOccurrences(of: "40,25", with: "40.25")
        let error = Self.refusal(Array(mixed.utf8))
        #expect(error?.code == "wrong_decimal_mark")
        #expect(error?.message == "expected a number for 'hourly_rate', found '52,50'; this file's decimal mark is '.': write 52.50 (or pass --decimal-comma if every number uses ',')")
    }

    // MARK: Whatever the readers let through loads into GLPK

    /// Decimal magnitudes `1.5e-2 … 1.5e(limit exponent + 2)` for each value: rate (limit 1e9), capacity
    /// (1e6), onboarding (1e12), scenario onboarding (1e15), budget (1e15), demand (1e6), so that every
    /// limit is crossed on both sides and about a third of the draws pass both readers.
    static let exponentRanges = [-2...11, -2...8, -2...14, -2...17, 0...17, -2...8]

    @Test("Any vendor file and scenario the readers accept gives a model with finite coefficients that GLPK loads and solves")
    func acceptedInputsLoadIntoGLPK() async {
        let accepted = Counter()
        await propertyCheck(count: 60, input: Gen.int(in: 0...10_000).array(of: 6...6), Gen.int(in: -8...8)) { draws, fxExponent in
            let sizes = zip(draws, Self.exponentRanges).map { draw, range in Double("1.5e\(range.lowerBound + draw % range.count)")! }
            let fx = Double("1e\(fxExponent)")!
            let scenario = """
                currency = "USD"
                [client]
                timezone = "Europe/Berlin"
                [demand]
                total = \(Format.number(min(sizes[5], 5e6), decimals: 3))
                [horizon]
                months = 12
                [budget]
                total = \(sizes[4])
                [costs]
                onboarding_per_vendor = \(sizes[3])
                [fx]
                EUR = \(fx)

                """
            let vendors = "id,country,timezone,hourly_rate,quality,capacity_fte,max_fte,skills,currency,rates,onboarding_cost\n"
                + "V1,DE,Europe/Berlin,\(sizes[0]),80,\(sizes[1]),\(sizes[1] * 2),backend,EUR,backend=\(sizes[0] / 2),\(sizes[2])\n"
                + "V2,PL,Europe/Warsaw,40,70,\(sizes[2]),,backend,USD,,\n"
            guard let parsed = try? ScenarioReader.parse(scenario),
                  let read = try? VendorCSVReader.read(bytes: Array(vendors.utf8), source: "v.csv",
                                                       options: VendorReadOptions(currency: parsed.currency, fx: parsed.fx)) else { return }
            accepted.add()
            let problem = TeamProblem(scored: ScoredPool(pool: read.pool, scenario: parsed))
            let model = TeamOptimizer().milp(for: problem)
            #expect(throws: Never.self) { try model.validate() }
            var options = TeamOptimizer.Options()
            options.timeLimit = 5
            do {
                _ = try TeamOptimizer(options: options).solve(problem)
            } catch {
                Issue.record("GLPK refused an accepted input: \(error)\n\(scenario)\n\(vendors)")
            }
        }
        // Both sides of the limits are exercised: some inputs pass the readers.
        #expect(accepted.value > 0)
    }
}

/// A count shared with a property check's closure.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add() { lock.withLock { count += 1 } }
}
