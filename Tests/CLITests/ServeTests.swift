import Foundation
import Testing

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private func repo(_ path: String) -> String { repository.appendingPathComponent(path).path }

/// A scratch folder for scenario files the CLI reads beside the server.
private final class Scratch: @unchecked Sendable {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("pm-serve-\(UUID().uuidString)")
    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(at: url) }
    func write(_ name: String, _ text: String) throws -> String {
        let path = url.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// The scenario the server started with, as the page receives it (`GET /api/start`).
private func startScenario(_ server: ServeProcess) throws -> String {
    let start = try server.request("GET", "/api/start")
    #expect(start.status == 200)
    let object = try JSONSerialization.jsonObject(with: Data(start.body)) as? [String: Any]
    let scenario = try JSONSerialization.data(withJSONObject: object?["scenario"] as Any, options: [.sortedKeys, .prettyPrinted])
    return String(decoding: scenario, as: UTF8.self)
}

/// The same scenario with one value changed (a path of keys); `NSNull()` removes the key.
private func changed(_ scenario: String, _ path: [String], to value: Any) throws -> String {
    var object = try JSONSerialization.jsonObject(with: Data(scenario.utf8)) as! [String: Any]
    func set(_ node: inout [String: Any], _ path: ArraySlice<String>) {
        guard let key = path.first else { return }
        if path.count == 1 { node[key] = value is NSNull ? nil : value; return }
        var child = node[key] as? [String: Any] ?? [:]
        set(&child, path.dropFirst())
        node[key] = child
    }
    set(&object, path[...])
    return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted]), as: UTF8.self)
}

@Suite("serve: the API answers the CLI's --format json", .serialized)
struct ServeAPITests {
    /// Every endpoint, for a scenario and options, against the CLI command on the same scenario in a
    /// .json file: byte for byte.
    private func compare(_ server: ServeProcess, vendors: String, scenario: String, scratch: Scratch,
                         cases: [(endpoint: String, options: String, cli: [String])]) throws {
        let file = try scratch.write("scenario-\(UUID().uuidString).json", scenario)
        for (endpoint, options, cli) in cases {
            let reply = try server.api(endpoint, scenario: scenario, options: options)
            let command = endpoint == "explain" ? ["explain", vendors, "--scenario", file] : [endpoint, vendors, "--scenario", file]
            let expected = CLIRunner.run(command + cli + ["--format", "json"])
            #expect(reply.status == 200, "\(endpoint) \(options): \(reply.status) \(reply.text.prefix(300))")
            #expect(expected.stdout.isEmpty == false, "\(endpoint): the CLI printed nothing: \(expected.stderr)")
            #expect(reply.text == expected.stdout, "\(endpoint) \(options): the API's bytes differ from `\(command.joined(separator: " ")) \(cli.joined(separator: " "))`")
        }
    }

    @Test("The bundled scenario: shortlist, optimize, scenarios and explain equal the CLI, with and without options")
    func bundled() throws {
        let server = try ServeProcess([repo("datasets/vendors.csv"), "--scenario", repo("datasets/scenario.toml")])
        defer { #expect(server.stop() == 0) }
        let scratch = try Scratch()
        let scenario = try startScenario(server)
        let vendors = repo("datasets/vendors.csv")
        try compare(server, vendors: vendors, scenario: scenario, scratch: scratch, cases: [
            ("shortlist", "{}", []),
            ("shortlist", "{\"top\": 5, \"method\": \"topsis\", \"show_excluded\": true}", ["--top", "5", "--method", "topsis", "--show-excluded"]),
            ("optimize", "{}", []),
            ("optimize", "{\"alternatives\": 3, \"exit_analysis\": true}", ["--alternatives", "3", "--exit-analysis"]),
            ("optimize", "{\"rule_prices\": true}", ["--rule-prices"]),
            ("optimize", "{\"rule_prices\": true, \"exit_analysis\": true}", ["--rule-prices", "--exit-analysis"]),
            ("scenarios", "{\"budgets\": \"300k...900k/100k\"}", ["--budgets", "300k...900k/100k"]),
            ("explain", "{\"vendor_id\": \"V001\", \"top\": 3}", ["V001", "--top", "3"]),
        ])
        // Infeasible (budget below the minimum): the explanation is the CLI's too (exit 2 there, 200 here).
        let tight = try changed(scenario, ["budget", "total"], to: 200_000)
        try compare(server, vendors: vendors, scenario: tight, scratch: scratch,
                    cases: [("optimize", "{}", []), ("optimize", "{\"rule_prices\": true}", ["--rule-prices"])])
        // A rule exactly as the page sends it when it is switched off: absent from the scenario.
        let without = try changed(scenario, ["rules", "max_share"], to: NSNull())
        try compare(server, vendors: vendors, scenario: without, scratch: scratch, cases: [("optimize", "{\"rule_prices\": true}", ["--rule-prices"])])
        // A weight moved, as the page's slider does.
        let weighted = try changed(scenario, ["weights", "quality"], to: 0.9)
        try compare(server, vendors: vendors, scenario: weighted, scratch: scratch, cases: [("shortlist", "{}", []), ("optimize", "{}", [])])
    }

    @Test("A generated pool and the init scenario: every endpoint equals the CLI")
    func generated() throws {
        let scratch = try Scratch()
        let vendors = scratch.path("vendors.csv"), toml = scratch.path("scenario.toml")
        #expect(CLIRunner.run(["generate", "--vendors", "300", "--seed", "11", "--out", vendors]).status == 0)
        #expect(CLIRunner.run(["init", "--out", toml]).status == 0)
        let server = try ServeProcess([vendors, "--scenario", toml])
        defer { #expect(server.stop() == 0) }
        let scenario = try startScenario(server)
        let ranked = CLIRunner.run(["shortlist", vendors, "--scenario", toml, "--format", "json", "--top", "1"]).stdout
        let first = try #require(ranked.firstMatch(of: /"id": "([^"]+)"/)).1
        try compare(server, vendors: vendors, scenario: scenario, scratch: scratch, cases: [
            ("shortlist", "{}", []),
            ("optimize", "{}", []),
            ("optimize", "{\"rule_prices\": true}", ["--rule-prices"]),
            ("scenarios", "{\"budgets\": \"200k...1.4M/200k\"}", ["--budgets", "200k...1.4M/200k"]),
            ("explain", "{\"vendor_id\": \"\(first)\"}", [String(first)]),
        ])
    }

    @Test("Download scenario: the TOML it writes reads back to the same scenario (same JSON form, same team)")
    func tomlRoundTrip() throws {
        let server = try ServeProcess([repo("datasets/vendors.csv"), "--scenario", repo("datasets/scenario.toml")])
        defer { #expect(server.stop() == 0) }
        let scratch = try Scratch()
        // Edited as on the page: a weight, a list rule, a table rule and a hostile name.
        var scenario = try startScenario(server)
        scenario = try changed(scenario, ["weights", "quality"], to: 0.55)
        scenario = try changed(scenario, ["rules", "excluded_countries"], to: ["IN", "PK"])
        scenario = try changed(scenario, ["rules", "backups"], to: ["backend": 2, "ios": 1])
        scenario = try changed(scenario, ["name"], to: "Q\"uote \\ <b>bold</b>\n\tnext")
        let toml = try server.api("scenario.toml", scenario: scenario)
        #expect(toml.status == 200)
        #expect(toml.headers["content-type"]?.hasPrefix("application/toml") == true)
        let file = try scratch.write("downloaded.toml", toml.text)
        // Served again from the TOML file, the start scenario is the JSON form that was sent.
        let again = try ServeProcess([repo("datasets/vendors.csv"), "--scenario", file])
        defer { #expect(again.stop() == 0) }
        #expect(try startScenario(again) == scenario)
        let fromTOML = CLIRunner.run(["optimize", repo("datasets/vendors.csv"), "--scenario", file, "--format", "json"])
        let fromAPI = try server.api("optimize", scenario: scenario)
        #expect(fromTOML.status == 0)
        #expect(fromAPI.text == fromTOML.stdout)
    }

    @Test("Download report: the HTML report of the request's scenario, as `report` writes it")
    func report() throws {
        let server = try ServeProcess([repo("datasets/vendors.csv"), "--scenario", repo("datasets/scenario.toml")])
        defer { #expect(server.stop() == 0) }
        let scratch = try Scratch()
        let scenario = try changed(try startScenario(server), ["budget", "total"], to: 500_000)
        let reply = try server.api("report", scenario: scenario)
        #expect(reply.status == 200)
        let file = try scratch.write("s.json", scenario)
        let out = scratch.path("report.html")
        #expect(CLIRunner.run(["report", repo("datasets/vendors.csv"), "--scenario", file, "--out", out]).status == 0)
        #expect(reply.text == (try String(contentsOfFile: out, encoding: .utf8)))
    }
}

@Suite("serve: safety", .serialized)
struct ServeSafetyTests {
    @Test("Token, Host, Origin, body size, paths, methods and headers: 401, 403, 413, 404, 405, and the server keeps answering")
    func refusals() throws {
        let server = try ServeProcess([repo("datasets/vendors.csv"), "--scenario", repo("datasets/scenario.toml")])
        defer { #expect(server.stop() == 0) }
        let scenario = try startScenario(server)
        let body = Array("{\"scenario\": \(scenario)}".utf8)
        // No token, a wrong one, a wrong cookie: 401, on the page and on the API.
        #expect(try server.request("POST", "/api/optimize", body: body, token: false).status == 401)
        #expect(try server.request("GET", "/", token: false).status == 401)
        #expect(try server.request("GET", "/?token=" + String(repeating: "0", count: 64), token: false).status == 401)
        #expect(try server.request("GET", "/api/start", token: false, headers: [("Cookie", "pm_token=nope")]).status == 401)
        // The address's token sets the cookie, and the cookie alone then opens the page.
        let first = try server.request("GET", "/?token=\(server.token)", token: false)
        #expect(first.status == 303)
        let cookie = try #require(first.headers["set-cookie"])
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        let page = try server.request("GET", "/", token: false, headers: [("Cookie", String(cookie.split(separator: ";")[0]))])
        #expect(page.status == 200)
        let csp = try #require(page.headers["content-security-policy"])
        #expect(csp.contains("default-src 'none'") && csp.contains("script-src 'self'") && !csp.contains("unsafe"))
        #expect(page.headers["x-content-type-options"] == "nosniff")
        #expect(!page.text.contains("<script>"), "no inline script: the CSP allows /app.js only")
        // DNS rebinding and cross-site requests: 403 even with the token.
        #expect(try server.request("POST", "/api/optimize", body: body, host: "evil.example:\(server.port)").status == 403)
        #expect(try server.request("POST", "/api/optimize", body: body, host: "127.0.0.1:1").status == 403)
        #expect(try server.request("POST", "/api/optimize", body: body, headers: [("Origin", "http://evil.example")]).status == 403)
        #expect(try server.request("POST", "/api/optimize", body: body, headers: [("Origin", "http://127.0.0.1:\(server.port)")]).status == 200)
        #expect(try server.request("POST", "/api/optimize", body: body, host: "localhost:\(server.port)").status == 200)
        // A 50 MB body: 413, and the next request is answered.
        let big = try server.request("POST", "/api/optimize", body: [UInt8](repeating: 0x20, count: 50 << 20))
        #expect(big.status == 413)
        #expect(try server.request("POST", "/api/shortlist", body: body).status == 200)
        // No request names a file: path tricks are 404.
        for path in ["/../../etc/passwd", "/api/../../etc/passwd", "/api/..%2f..%2fetc%2fpasswd", "/app.js/../../etc/passwd",
                     "/%2e%2e/%2e%2e/etc/passwd", "/api/optimize/../../../etc/passwd", "//etc/passwd", "/datasets/vendors.csv", "/api/"] {
            let reply = try server.request("GET", path)
            #expect(reply.status == 404, "\(path): \(reply.status)")
            #expect(!reply.text.contains("root:"))
        }
        #expect(try server.request("GET", "/api/optimize").status == 405)
        // Options that would name a file are not options here.
        for option in ["out", "plot", "save_run", "export_model"] {
            let reply = try server.api("optimize", scenario: scenario, options: "{\"\(option)\": \"/tmp/x\"}")
            #expect(reply.status == 400 && reply.text.contains("options.\(option): unknown option"), "\(option): \(reply.text)")
        }
        #expect(try server.request("GET", "/api/health").status == 200)
    }

    @Test("A malformed scenario: 400 with the CLI's message, located in the request body; the server never exits on input")
    func badInput() throws {
        let server = try ServeProcess([repo("datasets/vendors.csv"), "--scenario", repo("datasets/scenario.toml")])
        defer { #expect(server.stop() == 0) }
        let scratch = try Scratch()
        let bad = try changed(try changed(try startScenario(server), ["weights", "cost"], to: -0.2), ["rules", "max_vendorz"], to: 3)
        // The CLI on the same text in a file: `FILE:LINE:COL: message`.
        let file = try scratch.write("bad.json", bad)
        let cli = CLIRunner.run(["optimize", repo("datasets/vendors.csv"), "--scenario", file])
        #expect(cli.status == 65)
        let cliErrors = cli.stderr.split(separator: "\n").filter { $0.hasPrefix(file + ":") }
        #expect(cliErrors.count == 2)
        // The body puts the scenario on its second line, after two spaces: lines +1, columns of line 1 +2.
        let reply = try server.request("POST", "/api/optimize", body: Array("{\"options\": {},\n  \"scenario\": \(bad)}".utf8))
        #expect(reply.status == 400)
        let answer = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any]
        let texts = (answer?["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        let expected = cliErrors.map { line -> String in
            let rest = line.dropFirst(file.count + 1)   // LINE:COL: message
            let parts = rest.split(separator: ":", maxSplits: 2)
            return "request:\(Int(parts[0])! + 1):\(parts[1]):\(parts[2])"
        }
        #expect(texts == expected)
        // Syntax errors, in the scenario and around it, located; other shapes of bad input.
        let syntax = try server.request("POST", "/api/optimize", body: Array("{\"scenario\": {\"name\": \"x\",, }}".utf8))
        #expect(syntax.status == 400 && syntax.text.contains("request:1:27:"), "\(syntax.text)")
        for body in ["", "[]", "{\"scenario\": 1}", "{\"scenario\": {}, \"options\": []}", "{\"scenario\": {}, \"extra\": 1}",
                     "{\"scenario\": {} ", "\u{FF}\u{FE}", "{\"scenario\": {\"demand\": {\"a\": 1e999}}}", "{\"scenario\": \"\\u0000\"}"] {
            let reply = try server.request("POST", "/api/optimize", body: Array(body.utf8))
            #expect(reply.status == 400, "\(body): \(reply.status) \(reply.text.prefix(200))")
        }
        // Options the CLI refuses get the CLI's message.
        let top = try server.api("shortlist", scenario: try startScenario(server), options: "{\"top\": -1}")
        #expect(top.status == 400 && top.text.contains("--top must be ≥ 0, found -1"), "\(top.text)")
        let unknown = try server.api("explain", scenario: try startScenario(server), options: "{\"vendor_id\": \"-V999\"}")
        #expect(unknown.status == 400 && unknown.text.contains("no vendor with id '-V999'"), "\(unknown.text)")
        let limit = try server.api("optimize", scenario: try startScenario(server), options: "{\"time_limit\": 1000}")
        #expect(limit.status == 400 && limit.text.contains("options.time_limit"))
        #expect(try server.request("GET", "/api/health").status == 200)
    }

    @Test("Concurrent solves on 3 workers give the bytes of sequential CLI runs; a full queue answers 503 and the server recovers")
    func hammer() throws {
        let server = try ServeProcess([repo("datasets/vendors.csv"), "--scenario", repo("datasets/scenario.toml"), "--workers", "3", "--queue", "40", "--cache", "0"])
        defer { #expect(server.stop() == 0) }
        let scratch = try Scratch()
        let scenario = try startScenario(server)
        // Eight budgets around the minimum (infeasible, binding and slack), each run by the CLI once.
        let budgets = [300_000, 359_040, 370_000, 386_243, 400_000, 430_080, 500_000, 650_000]
        var expected: [Int: String] = [:]
        var texts: [Int: String] = [:]
        for budget in budgets {
            let text = try changed(scenario, ["budget", "total"], to: budget)
            texts[budget] = text
            expected[budget] = CLIRunner.run(["optimize", repo("datasets/vendors.csv"), "--scenario", try scratch.write("b\(budget).json", text), "--format", "json"]).stdout
        }
        let replies = Replies()
        let bodies = texts
        DispatchQueue.concurrentPerform(iterations: 32) { k in
            let budget = budgets[k % budgets.count]
            do {
                let reply = try server.api("optimize", scenario: bodies[budget]!, options: "{\"exit_analysis\": false}")
                replies.add(budget, reply)
            } catch {
                replies.fail("\(error)")
            }
        }
        #expect(replies.failures.isEmpty, "\(replies.failures)")
        #expect(replies.all.count == 32)
        for (budget, reply) in replies.all {
            #expect(reply.status == 200)
            #expect(reply.text == expected[budget], "budget \(budget): the concurrent answer differs from the CLI's")
        }
        // One worker, no queue: of 6 sweeps sent at once, some are refused with 503 (none fails otherwise).
        let small = try ServeProcess([repo("datasets/vendors.csv"), "--scenario", repo("datasets/scenario.toml"), "--workers", "1", "--queue", "0", "--cache", "0"])
        defer { #expect(small.stop() == 0) }
        let busy = Replies()
        DispatchQueue.concurrentPerform(iterations: 6) { _ in
            if let reply = try? small.api("scenarios", scenario: scenario, options: "{\"budgets\": \"300k...1.3M/25k\"}") { busy.add(0, reply) }
        }
        let statuses = busy.all.map(\.1.status)
        #expect(statuses.count == 6)
        #expect(statuses.contains(503) && statuses.contains(200), "\(statuses)")
        #expect(statuses.allSatisfy { $0 == 200 || $0 == 503 })
        #expect(busy.all.first { $0.1.status == 503 }?.1.headers["retry-after"] == "1")
        #expect(try small.api("shortlist", scenario: scenario).status == 200)
    }

    @Test("The answer cache: an answer asked again is the same bytes without a solve; errors and time-limited answers are not kept; at most --cache answers, least recently used out")
    func answerCache() throws {
        let scratch = try Scratch()
        let vendors = scratch.path("vendors.csv"), toml = scratch.path("scenario.toml")
        #expect(CLIRunner.run(["generate", "--vendors", "3000", "--seed", "5", "--out", vendors]).status == 0)
        #expect(CLIRunner.run(["init", "--out", toml]).status == 0)
        let server = try ServeProcess([vendors, "--scenario", toml, "--cache", "2"])
        defer { #expect(server.stop() == 0) }
        let scenario = try startScenario(server)
        func health() throws -> [String: Int] {
            let reply = try server.request("GET", "/api/health")
            let object = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any]
            return try #require(object?["cache"] as? [String: Int], "\(reply.text)")
        }
        let first = try server.api("optimize", scenario: scenario)
        let again = try server.api("optimize", scenario: scenario)
        #expect(first.status == 200 && again.status == 200)
        #expect(again.text == first.text, "the kept answer is the computed one")
        #expect(try health() == ["hits": 1, "misses": 1, "kept": 1])
        // An error is not kept: asked twice, computed twice.
        let bad = try changed(scenario, ["budget", "total"], to: "lots")
        #expect(try server.api("optimize", scenario: bad).status == 400)
        #expect(try server.api("optimize", scenario: bad).status == 400)
        #expect(try health() == ["hits": 1, "misses": 3, "kept": 1])
        // A solve ended by its time limit: its answer may differ on another run, so it is not kept.
        let limited = "{\"time_limit\": 0.001, \"no_pruning\": true}"
        let cut = try server.api("optimize", scenario: scenario, options: limited)
        #expect(cut.status == 200)
        let status = try #require(cut.text.firstMatch(of: /"status": "([a-z_]+)"/)).1
        try #require(status.hasPrefix("time_limit"), "the 1 ms solve of 3,000 unpruned vendors ended by the clock (\(status))")
        _ = try server.api("optimize", scenario: scenario, options: limited)
        #expect(try health() == ["hits": 1, "misses": 5, "kept": 1])
        // Two more answers: the least recently used (the first) leaves, and is computed again — the same bytes.
        _ = try server.api("shortlist", scenario: scenario)
        _ = try server.api("optimize", scenario: scenario, options: "{\"alternatives\": 1}")
        #expect(try health() == ["hits": 1, "misses": 7, "kept": 2])
        #expect(try server.api("optimize", scenario: scenario).text == first.text)
        #expect(try health() == ["hits": 1, "misses": 8, "kept": 2])
        // --cache 0 keeps nothing.
        let plain = try ServeProcess([vendors, "--scenario", toml, "--cache", "0"])
        defer { #expect(plain.stop() == 0) }
        #expect(try plain.api("shortlist", scenario: scenario).text == plain.api("shortlist", scenario: scenario).text)
        let counts = try JSONSerialization.jsonObject(with: Data(plain.request("GET", "/api/health").body)) as? [String: Any]
        #expect(counts?["cache"] as? [String: Int] == ["hits": 0, "misses": 0, "kept": 0])
    }

    @Test("SIGTERM stops the server cleanly (exit 0, 'stopped'); a bad scenario file stops it before it listens (exit 65)")
    func lifecycle() throws {
        let server = try ServeProcess([repo("datasets/vendors.csv"), "--scenario", repo("datasets/scenario.toml")])
        #expect(server.stop() == 0)
        #expect(server.stderr.contains("partner-match serve: stopped"))
        let bad = CLIRunner.run(["serve", repo("datasets/vendors.csv"), "--scenario", repo("Tests/PartnerMatchTests/Fixtures/scenarios/bad-weights.json"), "--port", "0"])
        #expect(bad.status == 65)
        #expect(bad.stdout.isEmpty)
        #expect(CLIRunner.run(["serve", repo("datasets/vendors.csv"), "--scenario", repo("datasets/scenario.toml"), "--port", "70000"]).status == 64)
    }
}

private final class Replies: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var all: [(Int, HTTPReply)] = []
    private(set) var failures: [String] = []
    func add(_ key: Int, _ reply: HTTPReply) { lock.withLock { all.append((key, reply)) } }
    func fail(_ message: String) { lock.withLock { failures.append(message) } }
}
