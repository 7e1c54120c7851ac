import Foundation
import Testing
@testable import PartnerMatch

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
private let sampleBytes = Array(try! Data(contentsOf: repository.appendingPathComponent("datasets/vendors.csv")))

@Suite("batch: the pool cache, the ordered pipeline, job lines")
struct BatchSupportTests {
    @Test func poolsAreParsedOncePerContentAndOptions() throws {
        let cache = PoolCache()
        let a = try cache.pool(bytes: sampleBytes, source: "a.csv", options: VendorReadOptions(currency: "EUR")).get()
        let b = try cache.pool(bytes: sampleBytes, source: "b.csv", options: VendorReadOptions(currency: "EUR")).get()
        #expect(cache.parses == 1)
        #expect(a.pool.source == "a.csv" && b.pool.source == "b.csv")
        #expect(a.pool.count == b.pool.count && (0..<a.pool.count).allSatisfy { a.pool.hourlyRate[$0] == b.pool.hourlyRate[$0] })
        // The shared pool is the one a fresh read gives.
        let fresh = try VendorCSVReader.read(bytes: sampleBytes, source: "b.csv", options: VendorReadOptions(currency: "EUR"))
        #expect((0..<fresh.pool.count).allSatisfy { fresh.pool.ids[$0] == b.pool.ids[$0] && fresh.pool.quality[$0] == b.pool.quality[$0] })
        #expect(fresh.warnings == b.warnings)
        // Other read options (the currency changes the amounts) or one byte more: another parse.
        _ = cache.pool(bytes: sampleBytes, source: "a.csv", options: VendorReadOptions(currency: "USD"))
        _ = cache.pool(bytes: sampleBytes + Array("\n".utf8), source: "a.csv", options: VendorReadOptions(currency: "EUR"))
        #expect(cache.parses == 3)
    }

    @Test func concurrentRequestsWaitForOneParse() {
        let cache = PoolCache()
        DispatchQueue.concurrentPerform(iterations: 8) { k in
            _ = cache.pool(bytes: sampleBytes, source: "p\(k).csv", options: VendorReadOptions())
        }
        #expect(cache.parses == 1)
    }

    @Test func theLeastRecentlyUsedPoolLeavesFirst() {
        let cache = PoolCache(capacity: 2)
        let a = sampleBytes, b = sampleBytes + [0x0A], c = sampleBytes + [0x0A, 0x0A]
        for bytes in [a, b, a, c, a, b] { _ = cache.pool(bytes: bytes, source: "x.csv", options: VendorReadOptions()) }
        // a, b parsed; a shared; c evicts b (a was used last); a shared; b parsed again.
        #expect(cache.parses == 4)
    }

    @Test func aBrokenFileIsReportedUnderEachName() {
        let cache = PoolCache()
        let broken = Array("id,name\n1,x\n".utf8)
        let first = cache.pool(bytes: broken, source: "one.csv", options: VendorReadOptions())
        let second = cache.pool(bytes: broken, source: "two.csv", options: VendorReadOptions())
        guard case .failure(let e1) = first, case .failure(let e2) = second else {
            Issue.record("a file without the required columns must fail")
            return
        }
        #expect(cache.parses == 1)
        #expect(e1.diagnostics.compactMap(\.location?.file).allSatisfy { $0 == "one.csv" })
        #expect(e2.diagnostics.compactMap(\.location?.file).allSatisfy { $0 == "two.csv" })
        #expect(e1.diagnostics.map(\.message) == e2.diagnostics.map(\.message))
    }

    @Test func scenariosAreParsedOncePerPathAndContentAndEqualAFreshParse() throws {
        let path = repository.appendingPathComponent("datasets/scenario.toml").path
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let cache = ScenarioCache(capacity: 2)
        var calls = 0
        func read(_ bytes: [UInt8], _ path: String) -> Result<Scenario, InputError> {
            cache.scenario(bytes: bytes, path: path) {
                calls += 1
                return Result { () throws(InputError) in try ScenarioReader.read(bytes: bytes, path: path) }
            }
        }
        let first = try read(bytes, path).get()
        let again = try read(bytes, path).get()
        #expect(calls == 1 && cache.parses == 1)
        let fresh = try ScenarioReader.read(bytes: bytes, path: path)
        #expect(again == fresh && first == fresh)
        // The same bytes under another path (it names the file in diagnostics), or other bytes: parsed.
        _ = read(bytes, "/elsewhere/scenario.toml")
        _ = read(bytes + Array("\n".utf8), path)
        #expect(calls == 3)
        // Capacity 2, least recently used out: `path` with the original bytes was evicted.
        _ = read(bytes, path)
        #expect(calls == 4)
        // A broken file is kept with its diagnostics.
        let broken = Array("budget = [\n".utf8)
        guard case .failure(let e1) = read(broken, "b.toml"), case .failure(let e2) = read(broken, "b.toml") else {
            Issue.record("a broken scenario must fail")
            return
        }
        #expect(calls == 5 && e1.diagnostics == e2.diagnostics)
    }

    /// Outputs in input order whatever the thread count and the jobs' durations; never more than
    /// `window` inputs taken and not yet emitted.
    @Test(arguments: [1, 2, 5])
    func pipelineKeepsOrderWithinItsWindow(threads: Int) {
        var next = 0, emitted: [Int] = [], maxInFlight = 0
        let window = 3 * threads
        OrderedPipeline.run(threads: threads, window: window, next: { () -> Int? in
            guard next < 200 else { return nil }
            next += 1
            return next - 1
        }, work: { (k: Int) -> Int in
            usleep(UInt32((k * 7919) % 13) * 50)   // uneven durations: later inputs often finish first
            return k * k
        }, emit: { value in
            emitted.append(value)
            maxInFlight = max(maxInFlight, next - emitted.count + 1)
        })
        #expect(emitted == (0..<200).map { $0 * $0 })
        #expect(maxInFlight <= window)
    }

    @Test func jobLinesLocateTheirMembers() throws {
        let line = Array(#"{"id": "a", "command": "compare", "vendors": "v.csv", "scenario": ["s.toml", {"name": "x"}], "args": ["--quiet"]}"#.utf8)
        let job = try BatchJob.parse(line[...], line: 7, file: "jobs.jsonl").get()
        #expect(job.id == .string("a") && job.command == "compare" && job.vendors == "v.csv" && job.args == ["--quiet"])
        let text = String(decoding: line, as: UTF8.self)
        let objectColumn = text.distance(from: text.startIndex, to: text.range(of: #"{"name""#)!.lowerBound) + 1
        #expect(job.scenarios == [.path("s.toml"), .inline(text: #"{"name": "x"}"#, column: objectColumn)])
        #expect(job.location(of: "vendors", file: "jobs.jsonl").description == "jobs.jsonl:7:\(text.distance(from: text.startIndex, to: text.range(of: #""v.csv""#)!.lowerBound) + 1)")
        // An inline scenario's error is placed inside the object on the job's line.
        let (_, parsed) = job.readScenario(job.scenarios[1], file: "jobs.jsonl")
        guard case .failure(let error) = parsed else { Issue.record("a scenario without its required keys must fail"); return }
        #expect(error.diagnostics.allSatisfy { $0.location?.file == "jobs.jsonl" && $0.location?.line == 7 && ($0.location?.column ?? 0) >= objectColumn })
    }

    @Test func numbersInArgsAreTheirTextAndBooleansAreRefused() throws {
        let ok = try BatchJob.parse(Array(#"{"id": 1.5, "command": "shortlist", "vendors": "v", "scenario": "s", "args": ["--top", 5]}"#.utf8)[...], line: 1, file: "j").get()
        #expect(ok.args == ["--top", "5"] && ok.id == .number(1.5))
        let bad = BatchJob.parse(Array(#"{"id": 1, "command": "shortlist", "vendors": "v", "scenario": "s", "args": ["--top", true]}"#.utf8)[...], line: 1, file: "j")
        guard case .failure(let failure) = bad else { Issue.record("a boolean in args must be refused"); return }
        #expect(failure.exitCode == 64 && failure.diagnostic.message.contains("found true") && failure.id == .integer(1))
    }
}
