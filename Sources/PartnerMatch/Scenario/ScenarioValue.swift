import Foundation
import TOMLKit

/// A scenario file's content as a neutral tree, so TOML and JSON share one decoder.
///
/// TOMLKit's tables are classes around C++ nodes; converting once to this `Sendable` value keeps
/// the rest of the reader independent of the file format.
public indirect enum ScenarioValue: Sendable, Equatable {
    case table([String: ScenarioValue])
    case array([ScenarioValue])
    case string(String)
    case integer(Int)
    case double(Double)
    case bool(Bool)
    case date(year: Int, month: Int, day: Int)
    /// TOML times and date-times (never valid in a scenario; kept to name them in errors).
    case other(String)

    /// The kind of value, for "expected …, found …" messages.
    public var kind: String {
        switch self {
        case .table: "a table"
        case .array: "an array"
        case .string: "a string"
        case .integer, .double: "a number"
        case .bool: "a boolean"
        case .date: "a date"
        case .other(let kind): kind
        }
    }

    public var number: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }

    /// The value as written, for messages: numbers in shortest form, strings quoted.
    public var shown: String {
        switch self {
        case .integer(let i): String(i)
        case .double(let d): formatNumber(d)
        case .string(let s): "\"\(s)\""
        case .bool(let b): String(b)
        case .date(let y, let m, let d): LocalDate(year: y, month: m, day: d)?.description ?? "\(y)-\(m)-\(d)"
        case .array(let items): "[" + items.map(\.shown).joined(separator: ", ") + "]"
        case .table: "a table"
        case .other(let kind): kind
        }
    }
}

/// Shortest decimal form of a number: `4`, `0.25`, `-0.2`, `1250000` (`Format.shortest`).
public func formatNumber(_ value: Double) -> String { Format.shortest(value) }

extension ScenarioValue {
    /// Parses TOML into a tree; a syntax error becomes one diagnostic at TOMLKit's position.
    static func parseTOML(_ text: String, file: String) -> Result<ScenarioValue, InputError> {
        do {
            let table = try TOMLTable(string: text)
            return .success(ScenarioValue(toml: table))
        } catch let error as TOMLParseError {
            let location = SourceLocation(file: file, line: max(1, error.source.begin.line), column: max(1, error.source.begin.column))
            return .failure(InputError([Diagnostic(at: location, code: "toml_syntax", "invalid TOML: \(error.description)")]))
        } catch {
            return .failure(InputError([Diagnostic(at: SourceLocation(file: file, line: 1), code: "toml_syntax", "invalid TOML: \(error)")]))
        }
    }

    init(toml table: TOMLTable) {
        var entries: [String: ScenarioValue] = [:]
        for (key, value) in table { entries[key] = ScenarioValue(tomlValue: value) }
        self = .table(entries)
    }

    init(tomlValue value: TOMLValueConvertible) {
        switch value.type {
        case .table: self = ScenarioValue(toml: value.table!)
        case .array: self = .array(value.array!.map { ScenarioValue(tomlValue: $0) })
        case .string: self = .string(value.string!)
        case .int: self = .integer(value.int!)
        case .double: self = .double(value.double!)
        case .bool: self = .bool(value.bool!)
        case .date:
            let d = value.date!
            self = .date(year: d.year, month: d.month, day: d.day)
        case .time: self = .other("a time")
        case .dateTime: self = .other("a date-time")
        }
    }

    /// Parses JSON into a tree; a syntax error becomes one diagnostic (with the parser's position when it gives one).
    static func parseJSON(_ text: String, file: String) -> Result<ScenarioValue, InputError> {
        do {
            let json = try JSONDecoder().decode(JSONNode.self, from: Data(text.utf8))
            return .success(json.value)
        } catch {
            var message = "\(error)"
            if case DecodingError.dataCorrupted(let context) = error {
                message = context.underlyingError.map { "\(($0 as NSError).userInfo[NSDebugDescriptionErrorKey] ?? $0)" }
                    ?? context.debugDescription
            }
            return .failure(InputError([Diagnostic(at: SourceLocation(file: file, line: 1), code: "json_syntax", "invalid JSON: \(message)")]))
        }
    }
}

/// Decodes any JSON value, keeping booleans, integers and other numbers apart.
private struct JSONNode: Decodable {
    var value: ScenarioValue

    init(from decoder: Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            var items: [ScenarioValue] = []
            while !array.isAtEnd { items.append(try array.decode(JSONNode.self).value) }
            value = .array(items)
            return
        }
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var entries: [String: ScenarioValue] = [:]
            for key in object.allKeys { entries[key.stringValue] = try object.decode(JSONNode.self, forKey: key).value }
            value = .table(entries)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { value = .other("null") }
        else if let b = try? single.decode(Bool.self) { value = .bool(b) }
        else if let i = try? single.decode(Int.self) { value = .integer(i) }
        else if let d = try? single.decode(Double.self) { value = .double(d) }
        else { value = .string(try single.decode(String.self)) }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
