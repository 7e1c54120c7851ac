import ArgumentParser

/// The output formats of the listing commands (`shortlist`, and the lead's `optimize` and `scenarios`).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// An aligned table for people (colour only on a terminal).
    case table
    /// RFC 4180 CSV with a header row.
    case csv
    /// One deterministic JSON document (sorted keys), the machine interface of MODEL.md.
    case json
    /// A GitHub-flavoured Markdown table.
    case markdown
}

/// CSV rendering (RFC 4180): fields with a comma, quote or line break are quoted, quotes doubled.
///
/// Every field is also made safe to open in a spreadsheet (OWASP, "CSV Injection"): text starting
/// with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so it is shown as text and
/// never run as a formula. Numbers (`-0.5`, `+3`, `-inf`) are left as they are.
enum CSV {
    static func field(_ text: String) -> String {
        let text = neutralized(text)
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `text` with a leading `'` when a spreadsheet would read it as a formula; numbers unchanged.
    static func neutralized(_ text: String) -> String {
        guard let first = text.utf8.first, formulaStarts.contains(first), Double(text) == nil else { return text }
        return "'" + text
    }

    /// `=`, `+`, `-`, `@`, tab, carriage return.
    static let formulaStarts: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]

    static func row(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\n" }
}

/// Fixed-decimal number text for tables and CSV (`0.824`, `1.00`), the same under every locale.
func fixed(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "" : (value > 0 ? "inf" : "-inf") }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    let negative = value < 0 && scaled > 0
    var digits = String(Int64(scaled))
    if decimals > 0 {
        if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
        digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
    }
    return (negative ? "-" : "") + digits
}
