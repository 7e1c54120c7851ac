import Foundation

/// A command's JSON output as a workbook (`--format xlsx --out F.xlsx`): one sheet per part.
///
/// - **Summary**: every scalar of the document (`status`, `objective`, `total_cost`, …), nested
///   objects flattened with dotted names (`weights.cost`), one per row.
/// - One sheet for each list of records, at any depth (`ranked`, `excluded`, `team`, `points`,
///   `changes`, `robustness.vendors`, …): one row per record, its scalars as columns (nested
///   objects flattened, `scores.cost`); a short list of numbers becomes numbered columns
///   (`rank_acceptability 1`, `2`, …), a list of texts one cell (`a, b`), a list of records one cell
///   (their ids, `V019; V021`, or their values, `code: message; …`).
///
/// Every number is the JSON's number, stored as a number, with a number format chosen by its name:
/// amounts (`cost`, `budget`, `rate`) in the document's `currency`, shares (`share`, `gap`,
/// `acceptability`, `confidence`, `materiality`) as percents, utilities and scores to 3 decimals,
/// FTE and hours to 2, ranks and counts whole. So the workbook says nothing the JSON does not.
enum JSONWorkbook {
    static func workbook(json text: String) throws -> XlsxWorkbook {
        let root = try JSONNode.parse(text)
        var book = XlsxWorkbook()
        guard case .object(let object) = root else {
            book.add(XlsxWorkbook.Sheet(name: "Summary", header: ["value"], rows: [[cell(root, key: "value", currency: nil)]]))
            return book
        }
        var currency: String?
        if case .string(let code)? = object["currency"] { currency = code }
        var summary: [[XlsxWorkbook.Cell]] = []
        var lists: [(path: String, records: [[String: JSONNode]])] = []
        func visit(_ object: [String: JSONNode], prefix: String) {
            for key in ordered(object.keys, preferred: topOrder) {
                let value = object[key]!
                let path = prefix.isEmpty ? key : prefix + "." + key
                if case .object(let nested) = value {
                    visit(nested, prefix: path)
                } else if let records = Self.records(value) {
                    lists.append((path, records))
                } else {
                    summary.append([.text(path), cell(value, key: path, currency: currency)])
                }
            }
        }
        visit(object, prefix: "")
        book.add(XlsxWorkbook.Sheet(name: "Summary", header: ["field", "value"], rows: summary))
        for (path, records) in lists.sorted(by: { rank(of: $0.path) < rank(of: $1.path) }) {
            book.add(sheet(path, records, currency: currency))
        }
        return book
    }

    /// The parts a reader looks for first; the others follow in name order.
    static let topOrder = ["name", "scenario", "status", "currency", "objective", "mean_utility", "total_cost",
                           "ranked", "team", "points", "changes", "teams", "alternatives", "relaxations", "excluded"]
    static let columnOrder = ["rank", "budget", "id", "name", "status", "fte", "utility", "cost"]

    static func rank(of path: String) -> (Int, String) {
        (topOrder.firstIndex(of: path.split(separator: ".").first.map(String.init) ?? path) ?? topOrder.count, path)
    }

    /// The records of a non-empty list of objects, else `nil`.
    static func records(_ value: JSONNode) -> [[String: JSONNode]]? {
        guard case .array(let items) = value, !items.isEmpty else { return nil }
        var records: [[String: JSONNode]] = []
        for item in items {
            guard case .object(let record) = item else { return nil }
            records.append(record)
        }
        return records
    }

    static func ordered(_ keys: Dictionary<String, JSONNode>.Keys, preferred: [String]) -> [String] {
        keys.sorted { a, b in
            let x = preferred.firstIndex(of: a) ?? preferred.count, y = preferred.firstIndex(of: b) ?? preferred.count
            return x != y ? x < y : a < b
        }
    }

    /// One sheet for a list of records.
    static func sheet(_ path: String, _ records: [[String: JSONNode]], currency: String?) -> XlsxWorkbook.Sheet {
        var columns: [String] = []
        var keyOf: [String: String] = [:] // column → the key that names its number format
        let flat: [[String: JSONNode]] = records.map { record in
            var row: [String: JSONNode] = [:]
            func flatten(_ object: [String: JSONNode], prefix: String) {
                for (key, value) in object {
                    let column = prefix.isEmpty ? key : prefix + "." + key
                    if case .object(let nested) = value {
                        flatten(nested, prefix: column)
                    } else if case .array(let numbers) = value, !numbers.isEmpty, numbers.count <= 50,
                              numbers.allSatisfy({ if case .number = $0 { true } else { false } }) {
                        for (index, number) in numbers.enumerated() {
                            row["\(column) \(index + 1)"] = number
                            keyOf["\(column) \(index + 1)"] = column
                        }
                    } else {
                        row[column] = value
                        keyOf[column] = column
                    }
                }
            }
            flatten(record, prefix: "")
            return row
        }
        for row in flat {
            for column in row.keys where !columns.contains(column) { columns.append(column) }
        }
        columns.sort { a, b in
            let x = columnOrder.firstIndex(of: a) ?? columnOrder.count, y = columnOrder.firstIndex(of: b) ?? columnOrder.count
            if x != y { return x < y }
            return a.compare(b, options: .numeric) == .orderedAscending
        }
        let rows = flat.map { row in
            columns.map { column in row[column].map { cell($0, key: keyOf[column] ?? column, currency: currency) } ?? .empty }
        }
        return XlsxWorkbook.Sheet(name: path, header: columns, rows: rows)
    }

    /// One JSON value as a cell.
    static func cell(_ value: JSONNode, key: String, currency: String?) -> XlsxWorkbook.Cell {
        switch value {
        case .null: return .empty
        case .string(let text): return .text(text)
        case .bool(let flag): return .bool(flag)
        case .number(let number): return .number(number, format(for: key, currency: currency))
        case .object: return .text(plain(value))
        case .array(let items):
            let joined = items.contains { if case .object = $0 { true } else { false } }
            return .text(items.map(plain).joined(separator: joined ? "; " : ", "))
        }
    }

    /// A value as plain text inside one cell: a record's values joined with `: ` (code first).
    static func plain(_ value: JSONNode) -> String {
        switch value {
        case .null: return ""
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return XlsxWorkbook.number(number)
        case .array(let items): return items.map(plain).joined(separator: ", ")
        case .object(let object):
            // A record that has an id (a team member) is named by it; its numbers are on its own sheet.
            if case .string(let id)? = object["id"] { return id }
            return ordered(object.keys, preferred: ["code", "constraint"]).map { plain(object[$0]!) }.joined(separator: ": ")
        }
    }

    /// The number format a JSON key's numbers get (by the words of its last name; `path` is dotted).
    static func format(for path: String, currency: String?) -> XlsxWorkbook.NumberFormat {
        let parts = path.lowercased().split(separator: ".").map(String.init)
        // Scores and weights are shares of 1 whatever their criterion is called (`scores.cost`).
        if parts.dropLast().contains(where: { $0 == "scores" || $0.hasSuffix("weights") }) { return .decimal(3) }
        let name = (parts.last ?? "").split(separator: " ").first.map(String.init) ?? ""
        let words = Set(name.split(whereSeparator: { !$0.isLetter }).map(String.init))
        if !words.contains("per") && (words.contains("cost") || words.contains("budget") || words.contains("rate")
            || words.contains("price") || name == "tolerance") {
            return currency.map { .currency($0) } ?? .decimal(2)
        }
        if words.contains("share") || words.contains("gap") || words.contains("acceptability") || words.contains("confidence")
            || words.contains("materiality") {
            return .percent(1)
        }
        if words.contains("rank") || words.contains("samples") || words.contains("seed") || words.contains("count")
            || words.contains("vendors") || words.contains("iterations") {
            return .decimal(0)
        }
        if words.contains("fte") || words.contains("hours") || words.contains("seconds") || words.contains("months") {
            return .decimal(2)
        }
        if words.contains("utility") || words.contains("closeness") || words.contains("score") || words.contains("gain") {
            return .decimal(3)
        }
        return .general
    }
}
