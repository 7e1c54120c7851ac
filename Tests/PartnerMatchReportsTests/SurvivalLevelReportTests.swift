import Foundation
import PartnerMatch
import PartnerMatchReports
import Testing

/// The bundled pool's three best teams, with their survival levels.
private func bundledTeams() throws -> (ScoredPool, AlternativeTeams) {
    let scored = try ReportFormatTests.scored()
    return (scored, try TeamOptimizer().alternatives(TeamProblem(scored: scored), count: 3))
}

/// `levels` as the reports print them: percentages with one decimal.
private func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }

@Suite("Survival levels in the team's outputs")
struct SurvivalLevelReportTests {
    @Test("The alternatives table shows each team's vendor-exit and country-loss levels, the JSON's values")
    func alternativesTable() throws {
        let (scored, search) = try bundledTeams()
        #expect(search.teams.count == 3)
        let report = TeamReport(scored: scored, teams: search.teams, search: search, exits: [])
        let text = report.render(.table, terminal: .plain)
        let table = try #require(text.components(separatedBy: "Alternative teams\n").last)
        let header = try #require(table.split(separator: "\n").first)
        #expect(header.contains("Vendor exit") && header.contains("Country loss"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.render(.json, terminal: .plain).utf8)) as? [String: Any])
        let alternatives = try #require(json["alternatives"] as? [[String: Any]])
        let rows = table.split(separator: "\n").dropFirst(1).prefix(3)   // the header, then one row per team
        for (row, alternative) in zip(rows, alternatives) {
            let survives = try #require(alternative["survives"] as? [String: Any])
            let exit = try #require(survives["vendor_exit"] as? Double), loss = try #require(survives["country_loss"] as? Double)
            let cells = row.split(separator: " ").map(String.init)
            // "# Utility vs-best Cost | exit loss | vendors": the levels follow the cost.
            #expect(cells.contains(percent(exit)) && cells.contains(percent(loss)), "\(row) vs \(exit), \(loss)")
        }
        #expect(text.contains("Vendor exit, Country loss: the share of every skill's demand the rest of the team can still supply"))
        let markdown = report.render(.markdown, terminal: .plain)
        #expect(markdown.contains("Vendor exit") && markdown.contains("Country loss"))
    }

    @Test("A level the solver did not compute reads unknown in text, CSV and the chart, and null with its reason in JSON — never 0")
    func unknownLevels() throws {
        let (scored, search) = try bundledTeams()
        var teams = search.teams
        var survives = try #require(teams[0].survives)
        #expect(survives.vendorExits.count >= 2)
        let reason = "GLPK did not solve the recourse LP: it ended with timeLimit"
        // What `Resilience` holds when the recourse LP fails (ResilienceFailureTests): coverage 0, the reason.
        for k in survives.vendorExits.indices.prefix(1) {
            survives.vendorExits[k].failure = reason
            survives.vendorExits[k].coverage = 0
        }
        teams[0].survives = survives
        let failed = survives.vendorExits[0].name
        let report = TeamReport(scored: scored, teams: teams, search: search, exits: [])

        let text = report.render(.table, terminal: .plain)
        #expect(text.contains("Survives: any one vendor leaving at an unknown share of the demand (not computed without \(failed): \(reason));"), "\(text)")
        #expect(!text.contains("any one vendor leaving at 0.0%"))
        let firstRow = try #require(text.components(separatedBy: "Alternative teams\n").last?.split(separator: "\n").dropFirst(1).first)
        #expect(firstRow.contains(" unknown "), "\(firstRow)")

        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.render(.json, terminal: .plain).utf8)) as? [String: Any])
        let object = try #require(json["survives"] as? [String: Any])
        #expect(object["vendor_exit"] is NSNull)
        #expect(object["country_loss"] is Double, "the country levels stay known")
        let exits = try #require(object["vendor_exits"] as? [[String: Any]])
        #expect(exits[0]["rest_carries"] is NSNull && exits[0]["unknown_because"] as? String == reason)
        #expect(exits[1]["rest_carries"] is Double && exits[1]["unknown_because"] == nil)

        let csv = report.render(.csv, terminal: .plain)
        let member = try #require(csv.split(separator: "\n").first { $0.hasPrefix(failed + ",") })
        #expect(member.hasSuffix(",unknown"), "\(member)")
        #expect(csv.contains("\n1,") && csv.split(separator: "\n").contains { $0.hasPrefix("1,") && $0.contains(",unknown,") })

        let chart = SurvivalChart(scenarioName: "s", survives: survives, vendorExitRequired: nil, countryLossRequired: nil, names: [:]).svg()
        #expect(chart.contains("unknown: the solver did not compute it"))
        #expect(chart.components(separatedBy: "<rect ").count - 2 == survives.vendorExits.count + survives.countryLosses.count - 1,
                "one bar per known level (and the background)")
    }
}
