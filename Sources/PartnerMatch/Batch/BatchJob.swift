import Foundation

/// One line of a jobs file (`partner-match batch JOBS.jsonl`, docs/BATCH.md):
/// `{"id": …, "command": …, "vendors": …, "scenario": …, "args": […]}`.
///
/// `scenario` is a path or an inline JSON scenario (an object); `compare` takes an array of them.
/// `args` are the command's other options as on its command line (strings; numbers are taken as
/// their text). A line that cannot be read gives a `BatchJob.Failure` located in the jobs file.
public struct BatchJob: Sendable {
    /// Where a scenario comes from.
    public enum ScenarioSource: Sendable, Equatable {
        case path(String)
        /// A JSON object written in the job line; `column` is where it starts (in characters).
        case inline(text: String, column: Int)
    }

    /// The job's line in the jobs file (1-based).
    public var line: Int
    /// The job's `id` as written (a string or a number), echoed on its result line.
    public var id: JSONValue
    public var command: String
    public var vendors: String
    public var scenarios: [ScenarioSource]
    public var args: [String]
    /// Where each member's value starts on the line (characters, 1-based): unlocated problems of
    /// a job (a vendor file that cannot be read) are reported at the member that names it.
    public var columns: [String: Int] = [:]

    /// `file:line:column` of the member `key`'s value.
    public func location(of key: String, file: String) -> SourceLocation {
        SourceLocation(file: file, line: line, column: columns[key] ?? 1)
    }

    /// A line that is not a job: the id when one could be read, the located reason, the exit code.
    public struct Failure: Error, Sendable {
        public var id: JSONValue
        public var diagnostic: Diagnostic
        public var exitCode: Int32
    }

    /// Reads line `line` of `file` (the bytes without the line feed).
    public static func parse(_ bytes: ArraySlice<UInt8>, line: Int, file: String) -> Result<BatchJob, Failure> {
        func failure(_ id: JSONValue, column: Int?, _ code: String, _ message: String, exit: Int32 = 65) -> Result<BatchJob, Failure> {
            .failure(Failure(id: id, diagnostic: Diagnostic(at: SourceLocation(file: file, line: line, column: column), code: code, message), exitCode: exit))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return failure(.null, column: nil, "not_utf8", "expected a job as UTF-8 JSON, found bytes that are not UTF-8")
        }
        if let problem = JSONPreflight.check(text) {
            return failure(.null, column: problem.column, problem.code, problem.message + " (each line of a jobs file is one JSON object)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) as? [String: Any] else {
            return failure(.null, column: 1, "job_not_object", "expected a job as a JSON object {\"id\", \"command\", \"vendors\", \"scenario\", \"args\"}, found another JSON value")
        }
        let spans = TopLevelSpans(Array(bytes))
        func column(_ key: String) -> Int { spans.valueColumn[key] ?? 1 }
        var id: JSONValue = .null
        switch object["id"] {
        case nil: break
        case let s as String: id = .string(s)
        case let n as NSNumber where !["true", "false"].contains(spans.valueText["id"]):
            id = Double(n.int64Value) == n.doubleValue ? .integer(Int(n.int64Value)) : .number(n.doubleValue)
        default: return failure(.null, column: column("id"), "bad_job_id", "expected \"id\" to be a string or a number, found \(spans.valueText["id"] ?? "another value")")
        }
        let known = ["id", "command", "vendors", "scenario", "args"]
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            return failure(id, column: spans.keyColumn[unknown], "unknown_job_key", "expected the keys \(known.joined(separator: ", ")), found '\(unknown)'")
        }
        guard let command = object["command"] as? String else {
            return failure(id, column: object["command"] == nil ? 1 : column("command"), "bad_job_command",
                           "expected \"command\": one of \(commands.joined(separator: ", ")), found \(object["command"].map(Self.kind) ?? "none")")
        }
        guard commands.contains(command) else {
            return failure(id, column: column("command"), "unknown_command",
                           "expected \"command\" to be one of \(commands.joined(separator: ", ")), found '\(command)'", exit: 64)
        }
        guard let vendors = object["vendors"] as? String, !vendors.isEmpty else {
            return failure(id, column: object["vendors"] == nil ? 1 : column("vendors"), "bad_job_vendors",
                           "expected \"vendors\": the vendor file's path, found \(object["vendors"].map(Self.kind) ?? "none")")
        }
        var scenarios: [ScenarioSource] = []
        let scenarioColumn = column("scenario")
        switch object["scenario"] {
        case let path as String: scenarios = [.path(path)]
        case is [String: Any]: scenarios = [.inline(text: spans.valueText["scenario"] ?? "{}", column: scenarioColumn)]
        case let list as [Any] where command == "compare":
            for (k, item) in list.enumerated() {
                switch item {
                case let path as String: scenarios.append(.path(path))
                case is [String: Any]:
                    let element = spans.arrayElements(of: "scenario")
                    scenarios.append(.inline(text: k < element.count ? element[k].text : "{}", column: k < element.count ? element[k].column : scenarioColumn))
                default:
                    return failure(id, column: scenarioColumn, "bad_job_scenario", "expected each scenario of \"scenario\" to be a path or a JSON object, found \(Self.kind(item))")
                }
            }
        default:
            let wanted = command == "compare" ? "an array of two or more scenarios (paths or JSON objects)" : "a scenario file's path or a JSON scenario object"
            return failure(id, column: object["scenario"] == nil ? 1 : scenarioColumn, "bad_job_scenario",
                           "expected \"scenario\": \(wanted), found \(object["scenario"].map(Self.kind) ?? "none")")
        }
        var args: [String] = []
        switch object["args"] {
        case nil: break
        case let list as [Any]:
            let texts = spans.arrayElements(of: "args")
            for (k, item) in list.enumerated() {
                let text = k < texts.count ? texts[k] : (text: "?", column: column("args"))
                switch item {
                case let s as String: args.append(s)
                case let n as NSNumber where !["true", "false"].contains(text.text): args.append(JSONValue.numberText(n.doubleValue))
                default:
                    return failure(id, column: text.column, "bad_job_args", "expected \"args\" to hold strings (the command's options), found \(text.text)", exit: 64)
                }
            }
        default:
            return failure(id, column: column("args"), "bad_job_args", "expected \"args\" to be an array of strings such as [\"--top\", \"5\"], found \(Self.kind(object["args"]!))", exit: 64)
        }
        return .success(BatchJob(line: line, id: id, command: command, vendors: vendors, scenarios: scenarios, args: args, columns: spans.valueColumn))
    }

    /// The commands a job may run.
    public static let commands = ["optimize", "shortlist", "scenarios", "explain", "compare"]

    /// Reads one scenario of the job; an inline scenario's diagnostics are located in the jobs file
    /// (its line, and the column within it). A scenario file is parsed through `cache` when one is given.
    public func readScenario(_ source: ScenarioSource, file: String, limits: InputLimits = .default,
                             cache: ScenarioCache? = nil) -> (name: String, parsed: Result<Scenario, InputError>) {
        switch source {
        case .path(let path):
            let parsed = InputFile.read(path: path, limit: limits.scenarioFileBytes, noun: "scenario file")
                .flatMap { bytes in
                    let parse = { Result { () throws(InputError) in try ScenarioReader.read(bytes: bytes, path: path, limits: limits) } }
                    return cache?.scenario(bytes: bytes, path: path, parse: parse) ?? parse()
                }
            return (path, parsed)
        case .inline(let text, let start):
            let name = "\(file):\(line)"
            do throws(InputError) {
                return (name, .success(try ScenarioReader.parse(text, file: "inline.json", format: .json, limits: limits)))
            } catch {
                var error = error
                error.diagnostics = error.diagnostics.map { d in
                    var d = d
                    if let at = d.location, at.file == "inline.json" {
                        d.location = SourceLocation(file: file, line: line, column: at.line == 1 ? at.column.map { start + $0 - 1 } ?? start : start)
                    }
                    return d
                }
                return (name, .failure(error))
            }
        }
    }

    static func kind(_ value: Any) -> String {
        switch value {
        case is String: "a string"
        case is NSNumber: "a number or a boolean"
        case is [Any]: "an array"
        case is [String: Any]: "an object"
        case is NSNull: "null"
        default: "another value"
        }
    }
}

/// Where each top-level member of a one-line JSON object starts (columns in characters, 1-based)
/// and the text of its value. Run on text that `JSONPreflight` accepted.
struct TopLevelSpans {
    var keyColumn: [String: Int] = [:]
    var valueColumn: [String: Int] = [:]
    var valueText: [String: String] = [:]
    private var valueRange: [String: Range<Int>] = [:]
    private let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var i = skipSpace(0)
        guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return }
        i += 1
        while true {
            i = skipSpace(i)
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return }
            let keyStart = i
            i = skipValue(i)
            let key = (try? JSONSerialization.jsonObject(with: Data(bytes[keyStart..<i]), options: [.fragmentsAllowed])) as? String ?? ""
            i = skipSpace(i)
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return }
            i = skipSpace(i + 1)
            let valueStart = i
            i = skipValue(i)
            keyColumn[key] = column(keyStart)
            valueColumn[key] = column(valueStart)
            valueRange[key] = valueStart..<i
            valueText[key] = String(decoding: bytes[valueStart..<i], as: UTF8.self)
            i = skipSpace(i)
            guard i < bytes.count, bytes[i] == UInt8(ascii: ",") else { return }
            i += 1
        }
    }

    /// The elements of the array under `key`: their text and starting column.
    func arrayElements(of key: String) -> [(text: String, column: Int)] {
        guard let range = valueRange[key], bytes[range.lowerBound] == UInt8(ascii: "[") else { return [] }
        var out: [(String, Int)] = []
        var i = skipSpace(range.lowerBound + 1)
        while i < range.upperBound, bytes[i] != UInt8(ascii: "]") {
            let start = i
            i = skipValue(i)
            out.append((String(decoding: bytes[start..<i], as: UTF8.self), column(start)))
            i = skipSpace(i)
            if i < range.upperBound, bytes[i] == UInt8(ascii: ",") { i = skipSpace(i + 1) }
        }
        return out
    }

    private func column(_ offset: Int) -> Int { bytes[..<offset].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }

    private func skipSpace(_ start: Int) -> Int {
        var i = start
        while i < bytes.count, [0x20, 0x09, 0x0D, 0x0A].contains(bytes[i]) { i += 1 }
        return i
    }

    /// The end of the value starting at `start` (strings with escapes, nested brackets, scalars).
    private func skipValue(_ start: Int) -> Int {
        var i = start
        var depth = 0
        var inString = false
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                if b == UInt8(ascii: "\\") { i += 2; continue }
                if b == UInt8(ascii: "\"") { inString = false; if depth == 0 { return i + 1 } }
            } else {
                switch b {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 { return i }
                    depth -= 1
                    if depth == 0 { return i + 1 }
                case UInt8(ascii: ","), 0x20, 0x09, 0x0D, 0x0A:
                    if depth == 0 { return i }
                default: break
                }
            }
            i += 1
        }
        return i
    }
}
