import Foundation
import TestSupport
import Testing

/// Outputs a buyer can paste: nothing cut when redirected, names beside ids, the facts a buyer
/// compares on, every part of a multi-part CSV, plain words first, a legend, imputed values marked.
@Suite("paste-able outputs")
struct PasteableOutputTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let vendors = root.appendingPathComponent("datasets/vendors.csv").path
    static let scenario = root.appendingPathComponent("datasets/scenario.toml").path

    static func temporaryFile(_ name: String, _ contents: String) throws -> String {
        let directory = TestFiles.directory.appendingPathComponent("pm-paste-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try contents.write(to: url, atomically: false, encoding: .utf8)
        return url.path
    }

    /// The sample pool with V001's name made 70 characters long.
    static func longNamePool() throws -> (path: String, name: String) {
        let name = "Vistula Code Software House and Nearshore Delivery Centre Krakow Poland"
        let text = try String(contentsOfFile: vendors, encoding: .utf8).replacingOccurrences(of: "V001,Vistula Code,", with: "V001,\(name),")
        return (try temporaryFile("vendors.csv", text), name)
    }

    /// The sample scenario with no cultural-fit minimum, so a vendor with a blank cultural_fit (V004)
    /// stays eligible with the scenario's missing value (50).
    static func lenientScenario() throws -> String {
        let text = try String(contentsOfFile: scenario, encoding: .utf8).replacingOccurrences(of: "min_cultural_fit = 60", with: "min_cultural_fit = 0")
        return try temporaryFile("scenario.toml", text)
    }

    @Test("Redirected to a file, a shortlist table keeps every character of a long name (truncation broke pasted tables)")
    func shortlistNotTruncatedWhenRedirected() throws {
        let pool = try Self.longNamePool()
        let result = CLIRunner.run(["shortlist", pool.path, "--scenario", Self.scenario, "--top", "0"], environment: ["COLUMNS": "80"])
        #expect(result.status == 0)
        #expect(result.stdout.contains(pool.name))
        #expect(!result.stdout.contains("…"))
    }

    @Test("Redirected, the optimize table keeps every name whole")
    func optimizeNotTruncatedWhenRedirected() throws {
        let pool = try Self.longNamePool()
        let result = CLIRunner.run(["optimize", pool.path, "--scenario", Self.scenario])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("…"))
        if result.stdout.contains("V001") { #expect(result.stdout.contains(pool.name)) }
    }

    @Test("The shortlist shows the hourly rate in the scenario's currency and the country by default")
    func shortlistShowsRateAndCountry() {
        let result = CLIRunner.run(["shortlist", Self.vendors, "--scenario", Self.scenario, "--top", "3"])
        #expect(result.status == 0)
        let header = result.stdout.split(separator: "\n").first { $0.hasPrefix("#") || $0.contains("  id  ") }
        #expect(header?.contains("EUR/h") == true, "\(result.stdout)")
        #expect(header?.contains("name (country)") == true)
        #expect(result.stdout.contains("Pune Platforms (IN)"))
    }

    @Test("--columns all adds skills and certifications; an unknown column exits 64 with a suggestion")
    func shortlistColumns() {
        let all = CLIRunner.run(["shortlist", Self.vendors, "--scenario", Self.scenario, "--top", "3", "--columns", "all"])
        #expect(all.status == 0)
        #expect(all.stdout.contains("skills") && all.stdout.contains("certs"))
        #expect(all.stdout.contains("ISO27001"))
        let none = CLIRunner.run(["shortlist", Self.vendors, "--scenario", Self.scenario, "--top", "3", "--columns", "none"])
        #expect(!none.stdout.contains("EUR/h"))
        let bad = CLIRunner.run(["shortlist", Self.vendors, "--scenario", Self.scenario, "--columns", "rate,skils"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--columns: expected rate, country, skills, certifications, all or none, found 'skils' (did you mean 'skills'?)"))
        #expect(bad.stdout.isEmpty)
    }

    @Test("A legend under the score table names every abbreviated column, in table and markdown", arguments: ["table", "markdown"])
    func legend(format: String) {
        let result = CLIRunner.run(["shortlist", Self.vendors, "--scenario", Self.scenario, "--top", "3", "--format", format])
        #expect(result.status == 0)
        for word in ["util:", "qual quality", "tz working-hours overlap", "cult cultural fit", "scal scalability", "sec security", "ovl h:"] {
            // The legend is wrapped to 100 columns in a file: read it as one line.
            #expect(result.stdout.replacingOccurrences(of: "\n", with: " ").contains(word), "\(word) missing from the legend")
        }
    }

    @Test("An imputed cultural fit is marked with * and explained; a measured one is not")
    func imputedCulturalFitIsMarked() throws {
        let scenario = try Self.lenientScenario()
        let result = CLIRunner.run(["shortlist", Self.vendors, "--scenario", scenario, "--top", "0"])
        #expect(result.status == 0)
        let v004 = result.stdout.split(separator: "\n").first { $0.contains("V004") }
        #expect(v004?.contains("0.50*") == true, "\(String(describing: v004))")
        let v001 = result.stdout.split(separator: "\n").first { $0.contains("V001") }
        #expect(v001?.contains("*") == false)
        #expect(result.stdout.replacingOccurrences(of: "\n", with: " ")
            .contains("* imputed: the vendor left cultural_fit blank, so the scenario's missing value was used"))
    }

    @Test("explain marks an imputed cultural fit too")
    func explainMarksImputed() throws {
        let scenario = try Self.lenientScenario()
        let result = CLIRunner.run(["explain", Self.vendors, "--scenario", scenario, "V004"])
        #expect(result.status == 0, "\(result.stderr)")
        let culture = result.stdout.split(separator: "\n").first { $0.hasPrefix("culture") }
        #expect(culture?.contains("0.50*") == true, "\(String(describing: culture))")
        #expect(result.stdout.contains("* imputed: the vendor left cultural_fit blank"))
        let measured = CLIRunner.run(["explain", Self.vendors, "--scenario", scenario, "V001"])
        #expect(!measured.stdout.contains("* imputed") || measured.stdout.contains("leader V004"))
    }

    @Test("Excluded vendors are listed with their names")
    func excludedHaveNames() {
        let result = CLIRunner.run(["shortlist", Self.vendors, "--scenario", Self.scenario, "--show-excluded"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("V004 (Dnipro Mobile): "), "\(result.stdout)")
    }

    @Test("Alternatives and exit analysis name each vendor beside its id")
    func alternativesAndExitsHaveNames() {
        let result = CLIRunner.run(["optimize", Self.vendors, "--scenario", Self.scenario, "--alternatives", "3", "--exit-analysis"])
        #expect(result.status == 0)
        let alternatives = result.stdout.components(separatedBy: "Alternative teams").last ?? ""
        let firstRow = alternatives.split(separator: "\n").dropFirst(2).first ?? ""
        // Each id (V + 3 digits) is followed by a name.
        let ids = firstRow.matches(of: /V\d{3} [A-Z]/)
        #expect(!ids.isEmpty, "\(firstRow)")
        let exits = result.stdout.components(separatedBy: "Exit analysis").last ?? ""
        #expect(exits.split(separator: "\n").dropFirst(2).first?.contains(/^V\d{3} [A-Z]/) == true, "\(exits)")
    }

    @Test("optimize --alternatives 3 --exit-analysis --format csv prints every part as its own section (it printed only the team)")
    func multiPartCSVHasSections() {
        let result = CLIRunner.run(["optimize", Self.vendors, "--scenario", Self.scenario, "--alternatives", "3",
                                    "--exit-analysis", "--format", "csv"])
        #expect(result.status == 0)
        let sections = result.stdout.components(separatedBy: "\n\n")
        #expect(sections.count == 3)
        #expect(sections[0].hasPrefix("# team\nid,name,fte,"))
        #expect(sections[1].hasPrefix("# alternatives\nrank,status,utility,utility_vs_best,mean_utility,cost,vendor_ids,vendor_names,survives_vendor_exit,survives_country_loss\n"))
        #expect(sections[1].split(separator: "\n").count == 5)   // the title, the header, three teams
        #expect(sections[2].hasPrefix("# exit_analysis\nleaves_id,leaves_name,"))
        let plain = CLIRunner.run(["optimize", Self.vendors, "--scenario", Self.scenario, "--format", "csv"])
        #expect(plain.stdout.hasPrefix("id,name,fte,"))   // one part: plain CSV, as before
    }

    @Test("Solver detail (model size, the LP behind the budget's value) only with --verbose")
    func solverDetailBehindVerbose() {
        let plain = CLIRunner.run(["optimize", Self.vendors, "--scenario", Self.scenario])
        #expect(plain.status == 0)
        #expect(!plain.stdout.contains("MILP"))
        #expect(!plain.stdout.contains("LP with this team fixed"))
        #expect(!plain.stdout.contains("utility·FTE"))
        let verbose = CLIRunner.run(["optimize", Self.vendors, "--scenario", Self.scenario, "--verbose"])
        #expect(verbose.stdout.contains(/MILP \d+ rows × \d+ columns/))
    }

    @Test("Markdown keeps the binding rules as a list nested under their heading (it flattened them)")
    func markdownBindingRulesNested() {
        let result = CLIRunner.run(["optimize", Self.vendors, "--scenario", Self.scenario, "--format", "markdown"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        guard let heading = lines.firstIndex(of: "- Binding rules:") else {
            Issue.record("no binding rules heading in \(result.stdout)")
            return
        }
        #expect(lines[heading + 1].hasPrefix("  - "))
    }

    @Test("Every amount in optimize's and scenarios' tables names the scenario's currency")
    func amountsCarryTheCurrency() {
        let team = CLIRunner.run(["optimize", Self.vendors, "--scenario", Self.scenario, "--alternatives", "2", "--exit-analysis"])
        #expect(team.status == 0)
        for text in ["EUR/h", "Cost EUR", "of a budget of 650,000 EUR", "Cost change EUR"] {
            #expect(team.stdout.contains(text), "\(text) missing")
        }
        let sweep = CLIRunner.run(["scenarios", Self.vendors, "--scenario", Self.scenario, "--budgets", "400k,500k", "--quiet"])
        #expect(sweep.status == 0)
        #expect(sweep.stdout.contains("Budget EUR") && sweep.stdout.contains("Cost EUR"))
    }

    @Test("The budget chart's key names each vendor beside its id (it showed ids alone)")
    func chartKeyHasNames() throws {
        let path = TestFiles.directory.appendingPathComponent("pm-chart-\(UUID().uuidString).svg").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = CLIRunner.run(["scenarios", Self.vendors, "--scenario", Self.scenario, "--budgets", "350k...450k/25k",
                                    "--plot", path, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.contains("V021 Hyderabad Mobile"), "no named vendor in the chart's key")
        // The tolerance in the subtitle has thousands separators (it printed "within 2900 USD").
        let wide = CLIRunner.run(["scenarios", Self.vendors, "--scenario", Self.scenario, "--budgets", "350k...450k/25k",
                                  "--tolerance", "2900", "--plot", path, "--quiet"])
        #expect(wide.status == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("located to within 2,900 EUR"))
    }

    @Test("validate prints the pool's capacity with thousands separators")
    func thousandsSeparators() throws {
        let generated = CLIRunner.run(["generate", "--vendors", "400", "--seed", "3"])
        let path = try Self.temporaryFile("big.csv", generated.stdout)
        let result = CLIRunner.run(["validate", path])
        let capacity = result.stdout.split(separator: "\n").first { $0.contains("FTE now") } ?? ""
        #expect(capacity.contains(/\d,\d{3}(\.\d+)? FTE now/), "\(capacity)")
    }
}

/// The terminal side of "no truncation when redirected": on a terminal (a pseudo-terminal made by
/// util-linux's `script`), a table wider than the terminal is shortened, and a note says so.
@Suite("tables on a terminal")
struct TerminalTableTests {
    @Test("On an 80-column terminal, a long name is shortened with … and a note under the table says why")
    func terminalTruncatesWithNote() throws {
        let pool = try PasteableOutputTests.longNamePool()
        let binary = try CLIRunner.binary().get()
        let command = "stty cols 80 2>/dev/null; '\(binary.path)' shortlist '\(pool.path)' --scenario '\(PasteableOutputTests.scenario)' --top 0"
        let script = URL(fileURLWithPath: "/usr/bin/script")
        try #require(FileManager.default.isExecutableFile(atPath: script.path), "util-linux's script is needed for a pseudo-terminal")
        let result = try CLIRunner.run(script, ["-qec", command, "/dev/null"], environment: ["NO_COLOR": "1", "COLUMNS": "80"])
        #expect(result.status == 0)
        let lines = result.stdout.replacingOccurrences(of: "\r", with: "").split(separator: "\n")
        let tableLines = lines.filter { $0.contains("V0") }
        #expect(!tableLines.isEmpty)
        #expect(tableLines.allSatisfy { $0.count <= 80 }, "\(tableLines)")
        #expect(result.stdout.contains("Vistula "))
        #expect(!result.stdout.contains(pool.name))
        #expect(result.stdout.contains("(… marks text shortened to fit 80 columns; redirected to a file, nothing is shortened)"))
    }
}
