/// The scenario file's two spellings, converted into each other: the JSON form (what `serve`'s API
/// and page exchange) and TOML (what "Download scenario" writes). Both carry the same keys
/// (docs/MODEL.md, "The scenario"); the reader reads either to the same `Scenario`.
extension ScenarioReader {
    /// The tree of scenario text as JSON, keys sorted; a TOML date becomes the string `YYYY-MM-DD`,
    /// which the reader reads as the same date. Only the syntax is checked here, not the keys.
    public static func jsonForm(_ text: String, file: String, format: Format) throws(InputError) -> JSONValue {
        let parsed = format == .toml ? ScenarioValue.parseTOML(text, file: file) : ScenarioValue.parseJSON(text, file: file)
        switch parsed {
        case .success(let tree): return tree.jsonForm
        case .failure(let error): throw error
        }
    }

    /// TOML text with the same tree as the JSON-form `text`: tables as `[sections]`, arrays inline.
    public static func toml(fromJSONForm text: String, file: String) throws(InputError) -> String {
        switch ScenarioValue.parseJSON(text, file: file) {
        case .failure(let error): throw error
        case .success(.table(let root)): return ScenarioValue.tomlDocument(root)
        case .success(let other):
            throw InputError([Diagnostic(at: SourceLocation(file: file, line: 1), code: "not_a_table",
                                         "expected a JSON object with the scenario's keys, found \(other.kind)")])
        }
    }
}

extension ScenarioValue {
    var jsonForm: JSONValue {
        switch self {
        case .table(let entries): .object(entries.mapValues(\.jsonForm))
        case .array(let items): .array(items.map(\.jsonForm))
        case .string(let s): .string(s)
        case .integer(let i): .integer(i)
        case .double(let d): .number(d)
        case .bool(let b): .bool(b)
        case .date: .string(shown)
        case .other(let kind): .string(kind)
        }
    }

    /// A TOML document: the root's plain keys first, then one `[section]` per table, depth first,
    /// keys sorted (so the same tree always gives the same bytes).
    static func tomlDocument(_ root: [String: ScenarioValue]) -> String {
        var out = ""
        func section(_ entries: [String: ScenarioValue], path: [String]) {
            let keys = entries.keys.sorted()
            var body = ""
            for key in keys {
                guard let value = entries[key] else { continue }
                if case .table = value { continue }
                body += "\(tomlKey(key)) = \(value.tomlInline)\n"
            }
            if !path.isEmpty {
                out += (out.isEmpty ? "" : "\n") + "[" + path.map(tomlKey).joined(separator: ".") + "]\n"
            }
            out += body
            for key in keys {
                if case .table(let sub)? = entries[key] { section(sub, path: path + [key]) }
            }
        }
        section(root, path: [])
        return out
    }

    static func tomlKey(_ key: String) -> String {
        let bare = !key.isEmpty && key.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }
        return bare ? key : tomlString(key)
    }

    static func tomlString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16, uppercase: true)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    var tomlInline: String {
        switch self {
        case .table(let entries):
            let items = entries.keys.sorted().map { "\(Self.tomlKey($0)) = \(entries[$0]!.tomlInline)" }
            return items.isEmpty ? "{}" : "{ " + items.joined(separator: ", ") + " }"
        case .array(let items): return "[" + items.map(\.tomlInline).joined(separator: ", ") + "]"
        case .string(let s): return Self.tomlString(s)
        case .integer(let i): return String(i)
        case .double(let d):
            if d.isNaN { return "nan" }
            if d.isInfinite { return d > 0 ? "inf" : "-inf" }
            let text = "\(d)"   // shortest round-trip digits: "0.25", "1e-05", "5.0"
            return text.contains(".") || text.contains("e") ? text : text + ".0"
        case .bool(let b): return b ? "true" : "false"
        case .date: return shown
        case .other(let kind): return Self.tomlString(kind)
        }
    }
}
