import Foundation
import Testing

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let vendors = repository.appendingPathComponent("datasets/vendors.csv").path
private let scenario = repository.appendingPathComponent("datasets/scenario.toml").path
private let tight = repository.appendingPathComponent("datasets/scenario-tight-budget.toml").path

/// A scratch directory for a jobs file, removed at the end.
private final class Scratch: @unchecked Sendable {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("pm-batch-\(UUID().uuidString)")
    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
        return path(name)
    }
    var listing: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() }
}

/// One job line; `scenario` is a JSON value (a quoted path, an object, an array).
private func job(_ id: Int, _ command: String, scenario: String = "\"\(scenario)\"", args: [String] = [], vendors path: String = vendors) -> String {
    let list = args.map { "\"\($0)\"" }.joined(separator: ",")
    return "{\"id\":\(id),\"command\":\"\(command)\",\"vendors\":\"\(path)\",\"scenario\":\(scenario),\"args\":[\(list)]}"
}

/// JSON without the whitespace between tokens — written here independently of the batch's own.
private func compact(_ text: String) -> String {
    var out = "", inString = false, escaped = false
    for c in text.unicodeScalars {
        if inString {
            out.unicodeScalars.append(c)
            if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
        } else if c == "\"" {
            inString = true; out.unicodeScalars.append(c)
        } else if !" \n\t\r".unicodeScalars.contains(c) {
            out.unicodeScalars.append(c)
        }
    }
    return out
}

/// A result line split into its parts: the `result` text exactly as written, and the rest parsed.
private struct ResultLine {
    var id: Any?
    var exitCode: Int
    var result: String
    var error: [String: Any]?

    init(_ line: String) throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        id = object["id"]
        exitCode = try #require(object["exit_code"] as? Int)
        error = object["error"] as? [String: Any]
        // The raw text between "result": and ,"error": (the key order is part of the format).
        let start = try #require(line.range(of: ",\"result\":"))
        let end = try #require(line.range(of: ",\"error\":", options: .backwards))
        result = String(line[start.upperBound..<end.lowerBound])
        #expect(line.hasPrefix("{\"id\":"))
    }
}

private func lines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }

@Suite("partner-match batch")
struct BatchCommandTests {
    /// Every command, with options that change its document: each job's result is the single
    /// command's `--format json` output (the same bytes but for layout whitespace), with its exit code.
    @Test func eachResultIsTheSingleCommandsJSON() throws {
        let scratch = try Scratch()
        let cases: [(command: String, scenarios: [String], args: [String])] = [
            ("optimize", [scenario], []),
            ("optimize", [scenario], ["--alternatives", "2", "--exit-analysis"]),
            ("optimize", [scenario], ["--robustness", "--samples", "20"]),
            ("optimize", [tight], []),
            ("shortlist", [scenario], ["--top", "3"]),
            ("shortlist", [scenario], ["--method", "topsis", "--top", "0"]),
            ("shortlist", [scenario], ["--robustness", "--samples", "300", "--top", "3"]),
            ("scenarios", [scenario], ["--budgets", "300k...900k/100k"]),
            ("explain", [scenario], ["V030", "--top", "3"]),
            ("compare", [scenario, tight], []),
        ]
        var text = ""
        for (k, c) in cases.enumerated() {
            let json = c.command == "compare" ? "[" + c.scenarios.map { "\"\($0)\"" }.joined(separator: ",") + "]" : "\"\(c.scenarios[0])\""
            text += job(k + 1, c.command, scenario: json, args: c.args) + "\n"
        }
        let jobs = try scratch.write("jobs.jsonl", text)
        let batch = CLIRunner.run(["batch", jobs, "--quiet"])
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(batch.stderr.isEmpty)
        let results = try lines(batch.stdout).map(ResultLine.init)
        #expect(results.count == cases.count)
        for (k, (c, line)) in zip(cases, results).enumerated() {
            #expect((line.id as? Int) == k + 1)
            let scenarioArgs = c.scenarios.flatMap { ["--scenario", $0] }
            let single = CLIRunner.run([c.command, vendors] + scenarioArgs + c.args + ["--format", "json"])
            #expect(line.exitCode == Int(single.status), "job \(k + 1) \(c.command) \(c.args)")
            #expect(line.result == compact(single.stdout), "job \(k + 1) \(c.command) \(c.args)")
            // The same JSON value, parsed, too (the layout is the only difference).
            let parsedLine = try JSONSerialization.jsonObject(with: Data(line.result.utf8)) as? NSDictionary
            let parsedSingle = try JSONSerialization.jsonObject(with: Data(single.stdout.utf8)) as? NSDictionary
            #expect(parsedLine != nil && parsedLine == parsedSingle, "job \(k + 1)")
        }
        // The infeasible job ends with 2 as `optimize` does, with its explanation and an error naming it.
        #expect(results[3].exitCode == 2)
        #expect(results[3].error?["code"] as? String == "infeasible")
        #expect(results.enumerated().allSatisfy { $0.offset == 3 || $0.element.error == nil })
    }

    /// `optimize --rule-prices` in a batch: the job's rule prices are the single command's, with a
    /// team, with robustness beside them, and for an infeasible scenario (exit 2).
    @Test func rulePricesAsOptimize() throws {
        let scratch = try Scratch()
        let cases: [(scenario: String, args: [String])] = [
            (scenario, ["--rule-prices"]),
            (scenario, ["--robustness", "--samples", "20", "--rule-prices"]),
            (tight, ["--rule-prices"]),
        ]
        let jobs = try scratch.write("jobs.jsonl", cases.enumerated().map { job($0.offset + 1, "optimize", scenario: "\"\($0.element.scenario)\"", args: $0.element.args) }
            .joined(separator: "\n") + "\n")
        let batch = CLIRunner.run(["batch", jobs, "--quiet"])
        #expect(batch.status == 0, "\(batch.stderr)")
        let results = try lines(batch.stdout).map(ResultLine.init)
        #expect(results.count == cases.count)
        for (k, (c, line)) in zip(cases, results).enumerated() {
            let single = CLIRunner.run(["optimize", vendors, "--scenario", c.scenario] + c.args + ["--format", "json"])
            #expect(line.exitCode == Int(single.status), "job \(k + 1)")
            #expect(line.result == compact(single.stdout), "job \(k + 1) \(c.args)")
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(line.result.utf8)) as? [String: Any])
            let prices = try #require(parsed["rule_prices"] as? [[String: Any]], "job \(k + 1) has rule_prices")
            // With a team every rule in force is priced; an infeasible scenario has no team to price against.
            #expect(prices.isEmpty == (k == 2), "job \(k + 1)")
            let fromSingle = try #require(try JSONSerialization.jsonObject(with: Data(single.stdout.utf8)) as? [String: Any])
            #expect((fromSingle["rule_prices"] as? NSArray) == (prices as NSArray))
        }
        #expect(results[2].exitCode == 2 && results[2].error?["code"] as? String == "infeasible")
    }

    /// Bad jobs each get their own line, with the exit code the single command would end with and a
    /// located message; the batch goes on, ends with 0, and writes nothing but its output.
    @Test func badJobsAreReportedOnTheirLines() throws {
        let scratch = try Scratch()
        let jobLines = [
            job(1, "optimize"),
            "{\"id\": 2, \"command\" \"optimize\"}",
            job(3, "optimise"),
            job(4, "optimize", vendors: scratch.path("missing.csv")),
            job(5, "optimize", scenario: "{\"name\": \"inline\", \"currency\": \"EUR\"}"),
            job(6, "explain", args: ["V999"]),
            job(7, "shortlist", args: ["--top", "many"]),
            job(8, "optimize", args: ["--format", "xlsx", "--out", scratch.path("team.xlsx")]),
            job(9, "compare"),
            "",
            "[1, 2]",
            "{\"id\": true, \"command\": \"optimize\"}",
            job(13, "scenarios", args: ["--budgets", "10...5/1"]),
            job(14, "optimize", scenario: "\"\(scratch.path("missing.toml"))\""),
            job(15, "shortlist", args: ["--top", "2"]),
        ]
        let text = jobLines.joined(separator: "\n") + "\n"
        let jobs = try scratch.write("jobs.jsonl", text)
        /// The column (1-based, in characters) where `needle` starts on line `k` (0-based).
        func column(_ k: Int, _ needle: String) -> Int {
            jobLines[k].distance(from: jobLines[k].startIndex, to: jobLines[k].range(of: needle)!.lowerBound) + 1
        }
        let before = scratch.listing
        let batch = CLIRunner.run(["batch", jobs])
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(scratch.listing == before, "a batch writes nothing but its output stream")
        let results = try lines(batch.stdout).map(ResultLine.init)
        #expect(results.count == 14, "the blank line is skipped, every other line has its result")
        func expectError(_ k: Int, exit: Int, code: String, location: String, message: String) {
            let r = results[k]
            #expect(r.exitCode == exit, "line \(k)")
            #expect(r.result == "null", "line \(k)")
            #expect(r.error?["code"] as? String == code, "line \(k): \(String(describing: r.error))")
            #expect(r.error?["location"] as? String == location, "line \(k)")
            #expect((r.error?["message"] as? String)?.contains(message) == true, "line \(k): \(String(describing: r.error?["message"]))")
        }
        #expect(results[0].exitCode == 0 && results[0].error == nil)
        expectError(1, exit: 65, code: "json_syntax", location: "\(jobs):2:\(column(1, "\"optimize"))", message: "expected ':'")
        #expect(results[1].id is NSNull)
        expectError(2, exit: 64, code: "unknown_command", location: "\(jobs):3:\(column(2, "\"optimise"))", message: "found 'optimise' (did you mean 'optimize'?)")
        #expect(results[2].id as? Int == 3)
        expectError(3, exit: 66, code: "cannot_read", location: "\(jobs):4:\(column(3, "\"/"))", message: "missing.csv': No such file or directory")
        // An inline scenario's problems are located in the jobs file: its line, and a column inside the object.
        let inline = try #require(results[4].error?["location"] as? String)
        #expect(results[4].exitCode == 65 && inline.hasPrefix("\(jobs):5:"))
        expectError(5, exit: 64, code: "usage", location: "\(jobs):6:\(column(5, "[\"V999"))",
                    message: "no vendor with id 'V999'")
        #expect(results[6].exitCode == 64 && (results[6].error?["message"] as? String)?.contains("many") == true)
        #expect(results[7].exitCode == 64 && (results[7].error?["message"] as? String)?.contains("--format") == true)
        #expect(results[8].exitCode == 64 && (results[8].error?["message"] as? String)?.contains("at least two") == true)
        expectError(9, exit: 65, code: "job_not_object", location: "\(jobs):11:1", message: "JSON object")
        expectError(10, exit: 65, code: "bad_job_id", location: "\(jobs):12:\(column(11, "true"))", message: "found true")
        #expect(results[11].exitCode == 64 && (results[11].error?["message"] as? String)?.hasPrefix("--budgets:") == true)
        #expect(results[12].exitCode == 66 && (results[12].error?["message"] as? String)?.contains("missing.toml") == true)
        #expect(results[13].exitCode == 0 && results[13].result.hasPrefix("{\"eligible_count\":"))
        // Progress and a summary on standard error, nothing else there.
        #expect(batch.stderr.contains("batch: 14 jobs, 12 with a non-zero exit code"))
    }

    /// A job that reaches its own --time-limit before any team ends with 3, as `optimize` does.
    @Test func aJobThatTimesOutEndsWith3() throws {
        let scratch = try Scratch()
        let pool = scratch.path("pool.csv"), template = scratch.path("s.toml")
        #expect(CLIRunner.run(["generate", "--vendors", "3000", "--seed", "3", "--out", pool]).status == 0)
        #expect(CLIRunner.run(["init", "--out", template]).status == 0)
        let jobs = try scratch.write("jobs.jsonl", job(1, "optimize", scenario: "\"\(template)\"", args: ["--time-limit", "0.001", "--warm-start", "never"], vendors: pool)
                                    + "\n" + job(2, "explain", scenario: "\"\(template)\"", args: ["nobody"], vendors: pool) + "\n")
        let batch = CLIRunner.run(["batch", jobs, "--quiet"])
        #expect(batch.status == 0)
        let results = try lines(batch.stdout).map(ResultLine.init)
        #expect(results.count == 2)
        #expect(results[0].exitCode == 3)
        #expect(results[0].error?["code"] as? String == "time_limit_no_solution")
        #expect(results[0].result.contains("\"status\":\"time_limit_no_solution\""))
        #expect(results[1].exitCode == 64, "the next job runs")
    }

    /// One thread or two, the same bytes; lines in input order; one pool parsed for two paths
    /// holding the same bytes; standard input read with `-`.
    @Test func sameBytesWhateverTheThreadCount() throws {
        let scratch = try Scratch()
        let copy = scratch.path("copy.csv")
        try FileManager.default.copyItem(atPath: vendors, toPath: copy)
        var text = ""
        for k in 1...12 {
            switch k % 4 {
            case 0: text += job(k, "shortlist", args: ["--top", "\(k % 7)"], vendors: k % 8 == 0 ? copy : vendors)
            case 1: text += job(k, "optimize", args: ["--alternatives", "\(1 + k % 3)"])
            case 2: text += job(k, "explain", args: ["V0\(10 + k)"], vendors: copy)
            default: text += k == 7 ? "not json" : job(k, "optimize", scenario: "\"\(tight)\"")
            }
            text += "\n"
        }
        let jobs = try scratch.write("jobs.jsonl", text)
        let one = CLIRunner.run(["batch", jobs, "--threads", "1"])
        let two = CLIRunner.run(["batch", jobs, "--threads", "2"])
        #expect(one.status == 0 && two.status == 0)
        #expect(one.stdout == two.stdout)
        let ids = try lines(two.stdout).map { try ResultLine($0).id as? Int }
        #expect(ids == (1...12).map { $0 == 7 ? nil : $0 })
        // Both paths name the same bytes, read with the same options (one scenario): one parse.
        #expect(two.stderr.contains("1 vendor file parsed"), "\(two.stderr)")
        let piped = try Shell.check("\"$PM\" batch - --quiet --threads 2 < '\(jobs)'")
        #expect(piped.status == 0)
        #expect(piped.stdout == one.stdout.replacingOccurrences(of: "\"\(jobs):", with: "\"<stdin>:"))
    }

    @Test func theBatchItselfFailsOnlyForUsageAndItsOwnFile() {
        let missing = CLIRunner.run(["batch", "/nonexistent/jobs.jsonl"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("cannot read '/nonexistent/jobs.jsonl'"))
        #expect(missing.stdout.isEmpty)
        let threads = CLIRunner.run(["batch", "jobs.jsonl", "--threads", "0"])
        #expect(threads.status == 64)
        #expect(threads.stderr.contains("--threads must be between 1 and 1024, found 0"))
    }
}
