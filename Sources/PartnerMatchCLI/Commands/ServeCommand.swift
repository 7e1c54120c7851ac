import ArgumentParser
import Dispatch
import FlyingFox
import FlyingSocks
import Foundation
import PartnerMatch
import PartnerMatchReports

/// `partner-match serve VENDORS --scenario FILE`: the workbench in the browser (docs/SERVE.md).
///
/// Why FlyingFox: it is one small package without dependencies (Swift concurrency over non-blocking
/// BSD sockets). Built alone from clean it took 105 s here (debug, 2 cores, load average about 9),
/// where Hummingbird's SwiftNIO stack adds 2.5 to 4.5 minutes to a clean build — which CI pays on
/// every run (BENCHMARKS.md, "serve").
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Open the workbench in the browser: move weights, budget and rules, and watch shortlist and team follow.",
        discussion: """
        Starts a local web server for one vendor file and prints its address with a one-time token \
        (http://127.0.0.1:PORT/?token=…); Ctrl-C stops it. The page and the JSON API (POST /api/shortlist, \
        /api/optimize, /api/scenarios, /api/explain) answer what the CLI prints with --format json \
        (docs/SERVE.md). Listens on 127.0.0.1 unless --host says otherwise. Exit codes: 0 stopped by \
        SIGINT or SIGTERM; 64 usage error; 65 bad input data; 66 an input file cannot be read; 71 the \
        address cannot be listened on.
        """
    )

    @OptionGroup var input: InputOptions
    var vendors: String { input.vendors }
    var scenario: String { input.scenario }
    var vendorFile: VendorFileOptions { input.vendorFile }

    @Option(help: "The TCP port (0: any free port, printed at the start).")
    var port: Int = 8080

    @Option(help: "The address to listen on. Anything but 127.0.0.1 or ::1 lets other machines reach the workbench (a warning says so).")
    var host: String = "127.0.0.1"

    @Option(help: "Seconds each solve may take (the API's default --time-limit and its ceiling).")
    var solveTimeLimit: Double = 20

    @Option(help: "Computations run at once (default: the number of cores).")
    var workers: Int?

    @Option(help: "Computations that may wait for a worker; one more is answered 503 (busy).")
    var queue: Int = 64

    @Option(help: "Answers kept to give again without a solve (0: none; at most 64 MiB in all).")
    var cache: Int = 256

    func validate() throws {
        guard cache >= 0 else { throw ValidationError("--cache must be ≥ 0, found \(cache)") }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535, found \(port)") }
        guard solveTimeLimit > 0, solveTimeLimit.isFinite else {
            throw ValidationError("--solve-time-limit must be a positive number of seconds, found \(solveTimeLimit)")
        }
        if let workers, workers < 1 { throw ValidationError("--workers must be ≥ 1, found \(workers)") }
        guard queue >= 0 else { throw ValidationError("--queue must be ≥ 0, found \(queue)") }
    }

    func run() throws {
        // The inputs are checked as every command checks them (exit 65/66 with the same messages).
        let inputs = try InputLoading.load(vendors: vendors, scenario: scenario, vendorFile: vendorFile)
        let scenarioText = String(decoding: inputs.scenarioBytes, as: UTF8.self)
        let form: PartnerMatch.JSONValue
        switch Self.jsonForm(scenarioText, file: scenario) {
        case .success(let value): form = value
        case .failure(let error):
            InputLoading.report(error.diagnostics, notes: [])
            throw ExitCode.dataError
        }
        let start = PartnerMatch.JSONValue.object([
            "scenario": form,
            "vendors": .object(["file": .string((vendors as NSString).lastPathComponent), "count": .integer(inputs.pool.count)]),
            "currency": .string(inputs.scenario.currency),
            "limits": .object(["solve_seconds": .number(solveTimeLimit)]),
            "version": .string(PartnerMatchVersion.string),
        ]).renderedBytes()

        let address: any SocketAddress
        do {
            address = host.contains(":") ? try sockaddr_in6.inet6(ip6: host, port: UInt16(port))
                                         : try sockaddr_in.inet(ip4: host, port: UInt16(port))
        } catch {
            writeStandardError("error: --host \(HumanText.inline(host)): expected an IP address such as 127.0.0.1 or ::1, found none that can be listened on\n")
            throw ExitCode.validationFailure
        }
        let loopback = host == "127.0.0.1" || host == "::1"
        if !loopback {
            writeStandardError("warning: --host \(HumanText.inline(host)) lets other machines reach the workbench; anyone with the token can use it\n")
        }
        let token = WorkbenchHandler.newToken()
        let gate = SolveGate(workers: workers ?? ProcessInfo.processInfo.activeProcessorCount, queueLength: queue)
        let api = ServeAPI(vendorsPath: vendors, vendorBytes: inputs.vendorBytes, vendorFileArguments: vendorFile.arguments,
                           limits: ServeAPI.Limits(solveSeconds: solveTimeLimit))
        let answers = AnswerCache(capacity: cache)
        let bodyLimit = InputLimits.default.scenarioFileBytes + 64 << 10
        let timeout = solveTimeLimit * 4 + 60   // an explanation or exit analysis is several solves
        let config = HTTPServer.Configuration(address: address, timeout: timeout, pool: NoDelayPool(), logger: .disabled)

        let outcome = ServeRun()
        let done = DispatchSemaphore(value: 0)
        let hostName = host.contains(":") ? "[\(host)]" : host
        // FlyingFox binds in run(); the handler's Host check names the port, so it is set once listening.
        let handler = DeferredHandler()
        let server = HTTPServer(config: config, handler: handler)
        // SIGINT and SIGTERM stop the server (open requests get 2 s), then the process exits 0; set up
        // before the address is printed, so a signal sent as soon as it is read is not lost.
        var sources: [DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                outcome.stopping()
                Task { await server.stop(timeout: 2); done.signal() }
            }
            source.resume()
            sources.append(source)
        }
        Task {
            do { try await server.run() } catch { outcome.fail(error) }
            done.signal()
        }
        Task {
            do {
                try await server.waitUntilListening(timeout: 30)
            } catch {
                outcome.fail(error)
                done.signal()
                return
            }
            var bound = port
            if case .ip4(_, let p)? = await server.listeningAddress { bound = Int(p) }
            if case .ip6(_, let p)? = await server.listeningAddress { bound = Int(p) }
            var hosts: Set<String> = ["\(hostName):\(bound)".lowercased()]
            if loopback { hosts.formUnion(["127.0.0.1:\(bound)", "localhost:\(bound)", "[::1]:\(bound)"]) }
            handler.set(WorkbenchHandler(api: api, gate: gate, cache: answers, token: token, hosts: hosts, bodyLimit: bodyLimit, start: start))
            let shown = loopback && host == "127.0.0.1" ? "127.0.0.1" : hostName
            try? writeStandardOutput("http://\(shown):\(bound)/?token=\(token)\n")
            writeStandardError("partner-match serve: \(inputs.pool.count) vendors from \(vendors), scenario \(scenario); Ctrl-C stops\n")
        }
        done.wait()
        if let error = outcome.error, !outcome.stopped {
            writeStandardError("error: cannot listen on \(hostName):\(port): \(error)\n")
            throw ExitCode(71)
        }
        writeStandardError("partner-match serve: stopped\n")
        _ = sources
    }

    /// The scenario file's text in the JSON form the page edits.
    static func jsonForm(_ text: String, file: String) -> Result<PartnerMatch.JSONValue, InputError> {
        do {
            return .success(try ScenarioReader.jsonForm(text, file: file, format: file.lowercased().hasSuffix(".json") ? .json : .toml))
        } catch {
            return .failure(error)
        }
    }
}

/// What happened to the server task, written from other threads.
private final class ServeRun: @unchecked Sendable {
    private let lock = NSLock()
    private var failure: (any Error)?
    private var isStopping = false
    func fail(_ error: any Error) { lock.lock(); if failure == nil { failure = error }; lock.unlock() }
    func stopping() { lock.lock(); isStopping = true; lock.unlock() }
    var error: (any Error)? { lock.lock(); defer { lock.unlock() }; return failure }
    var stopped: Bool { lock.lock(); defer { lock.unlock() }; return isStopping }
}

/// The handler, set once the port is known (its Host check names the port); until then every
/// request is refused with 503.
private final class DeferredHandler: HTTPHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var handler: WorkbenchHandler?
    func set(_ handler: WorkbenchHandler) { lock.lock(); self.handler = handler; lock.unlock() }
    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard let current = lock.withLock({ handler }) else { return HTTPResponse(statusCode: .serviceUnavailable) }
        return try await current.handleRequest(request)
    }
}
