import PartnerMatch

/// The output formats of the listing commands (`shortlist`, `optimize`, `scenarios`, `compare`, `bench`).
public enum OutputFormat: String, CaseIterable, Sendable {
    /// An aligned table for people (colour only on a terminal).
    case table
    /// RFC 4180 CSV with a header row.
    case csv
    /// One deterministic JSON document (sorted keys), the machine interface of docs/MODEL.md.
    case json
    /// A GitHub-flavoured Markdown table.
    case markdown
    /// An Excel workbook written to `--out` (one sheet per part, numbers as numbers): `shortlist`,
    /// `optimize`, `scenarios` and `compare` only (`WorkbookOutput`). Reports render it as their JSON,
    /// which the workbook is made from.
    case xlsx
}

/// The output formats of the commands that print one report (`validate`, `solve`, `explain`).
public enum ReportFormat: String, CaseIterable, Sendable {
    /// Aligned text for people.
    case table
    /// One deterministic JSON document (sorted keys).
    case json
}

/// CSV rendering (RFC 4180): fields with a comma, quote or line break are quoted, quotes doubled.
///
/// Every field is also made safe to open in a spreadsheet (OWASP, "CSV Injection"): text starting
/// with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so it is shown as text and
/// never run as a formula. Numbers (`-0.5`, `+3`, `-inf`) are left as they are.
public enum CSV {
    public static func field(_ text: String) -> String {
        let text = neutralized(text)
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `text` with a leading `'` when a spreadsheet would read it as a formula; numbers unchanged.
    public static func neutralized(_ text: String) -> String {
        guard let first = text.utf8.first, formulaStarts.contains(first), Double(text) == nil else { return text }
        return "'" + text
    }

    /// `=`, `+`, `-`, `@`, tab, carriage return.
    public static let formulaStarts: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]

    public static func row(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\n" }
}

/// Fixed-decimal number text for tables and CSV (`0.824`, `1.00`): `Format.fixed`, shortened for the
/// reports' many cells.
public func fixed(_ value: Double, _ decimals: Int) -> String { Format.fixed(value, decimals: decimals) }

/// Data (vendor names and ids, scenario and skill names) made safe for the formats people read —
/// `table` and `markdown` — so that a name cannot retitle or clear the terminal, fake a table row,
/// inject a Markdown heading or raw HTML. JSON and CSV keep the data as it is, escaped as their
/// formats say.
public enum HumanText {
    /// `text` on one line: every control character (line breaks and tabs included, C1 controls, DEL)
    /// and every bidirectional override is shown as a visible symbol (`␛`, `␊`, `<U+202E>`).
    public static func inline(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { append(scalar, to: &out, keepLineFeed: false) }
        return String(out)
    }

    /// `inline(text)` with the characters Markdown gives a meaning inside a line backslash-escaped
    /// (`\`, `|`, `` ` ``, `*`, `_`, `[`, `]`; a name never starts a line, so `#` needs none).
    public static func markdownInline(_ text: String) -> String {
        var out = ""
        for character in inline(text) {
            if "\\|`*_[]".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// A whole rendered table or Markdown document: control characters other than the line feed are
    /// made visible (with colour on, the bold, dim and reset codes this program writes are kept); in
    /// Markdown, `&`, `<` and `>` become entities, so no name turns into HTML.
    public static func document(_ text: String, terminal: Terminal, markdown: Bool) -> String {
        let needsWork = text.unicodeScalars.contains { ($0 != "\n" && isControl($0)) || (markdown && ($0 == "&" || $0 == "<" || $0 == ">")) }
        guard needsWork else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if terminal.colour, scalar == "\u{1B}", index + 3 < scalars.count, scalars[index + 1] == "[",
               "012".unicodeScalars.contains(scalars[index + 2]), scalars[index + 3] == "m" {
                out.append(contentsOf: scalars[index...(index + 3)])
                index += 4
                continue
            }
            switch scalar {
            case "&" where markdown: out.append(contentsOf: "&amp;".unicodeScalars)
            case "<" where markdown: out.append(contentsOf: "&lt;".unicodeScalars)
            case ">" where markdown: out.append(contentsOf: "&gt;".unicodeScalars)
            default: append(scalar, to: &out, keepLineFeed: true)
            }
            index += 1
        }
        return String(out)
    }

    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    private static func append(_ scalar: Unicode.Scalar, to out: inout String.UnicodeScalarView, keepLineFeed: Bool) {
        let v = scalar.value
        if keepLineFeed, scalar == "\n" { out.append(scalar); return }
        if v < 0x20 { out.append(Unicode.Scalar(0x2400 + v)!); return }   // ␀ … ␟ (Control Pictures)
        if v == 0x7F { out.append("\u{2421}"); return }                 // ␡
        if isControl(scalar) {
            let hex = String(v, radix: 16, uppercase: true)
            out.append(contentsOf: "<U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex)>".unicodeScalars)
            return
        }
        out.append(scalar)
    }
}

/// `fixed(value, decimals)` with thousands separators in the whole part (`702103.5` → `702,103.50`
/// with 2 decimals), for amounts people read; CSV and JSON keep plain numbers.
public func grouped(_ value: Double, _ decimals: Int) -> String { groupThousands(fixed(value, decimals)) }

/// `Format.number` (trailing zeros dropped) with thousands separators: `702103.5` → `702,103.5`.
public func groupedNumber(_ value: Double, decimals: Int = 2) -> String { groupThousands(Format.number(value, decimals: decimals)) }

/// Commas between groups of three digits of the whole part of a plain decimal number.
public func groupThousands(_ text: String) -> String {
    let negative = text.hasPrefix("-")
    let unsigned = negative ? String(text.dropFirst()) : text
    let whole = unsigned.prefix { $0 != "." }
    guard whole.allSatisfy(\.isNumber) else { return text }   // inf, 1e+19
    let rest = unsigned.dropFirst(whole.count)
    var out = ""
    for (i, digit) in whole.enumerated() {
        if i > 0, (whole.count - i) % 3 == 0 { out.append(",") }
        out.append(digit)
    }
    return (negative ? "-" : "") + out + rest
}

/// `text` broken into lines of at most `width` characters at spaces (a longer word gets a line of its own).
public func wrapped(_ text: String, width: Int) -> String {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
        if !current.isEmpty, current.count + 1 + word.count > width {
            lines.append(current)
            current = String(word)
        } else {
            current += (current.isEmpty ? "" : " ") + word
        }
    }
    if !current.isEmpty { lines.append(current) }
    return lines.joined(separator: "\n")
}
