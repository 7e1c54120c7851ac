/// Finds where a key path (`["weights", "cost"]`) is written in a TOML or JSON source text.
///
/// TOMLKit reports positions for syntax errors only, so semantic errors are located by scanning
/// the text once: TOML table headers (`[rules]`), `key = value` lines (dotted keys too) and the keys
/// of inline tables (`backups = { backend = 2 }`); for JSON, every object key with its nesting.
/// A path not written in the file is located at its nearest written ancestor (a table header),
/// or not at all.
public struct KeyLocator: Sendable {
    public enum Format: Sendable { case toml, json }

    /// 1-based line and column of each written key path (joined with `"\u{1F}"`).
    private var positions: [String: (line: Int, column: Int)] = [:]

    public init(text: String, format: Format) {
        switch format {
        case .toml: scanTOML(text)
        case .json: scanJSON(text)
        }
    }

    /// Where `path` is written, or its nearest written ancestor; `nil` if neither is in the file.
    public func location(of path: [String]) -> (line: Int, column: Int)? {
        var prefix = path
        while !prefix.isEmpty {
            if let found = positions[Self.join(prefix)] { return found }
            prefix.removeLast()
        }
        return nil
    }

    /// Whether exactly `path` is written in the file.
    public func contains(_ path: [String]) -> Bool { positions[Self.join(path)] != nil }

    private static func join(_ path: [String]) -> String { path.joined(separator: "\u{1F}") }

    private mutating func record(_ path: [String], line: Int, column: Int) {
        let key = Self.join(path)
        if positions[key] == nil { positions[key] = (line, column) }
    }

    // MARK: TOML

    private mutating func scanTOML(_ text: String) {
        var table: [String] = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = Array(rawLine.unicodeScalars)
            let lineNumber = offset + 1
            var i = 0
            while i < line.count, line[i] == " " || line[i] == "\t" { i += 1 }
            guard i < line.count, line[i] != "#", line[i] != "\r" else { continue }
            if line[i] == "[" {
                let isArray = i + 1 < line.count && line[i + 1] == "["
                let start = i + (isArray ? 2 : 1)
                guard let close = line[start...].firstIndex(of: "]") else { continue }
                table = Self.dottedKey(line[start..<close])
                record(table, line: lineNumber, column: i + 1)
                continue
            }
            guard let equals = Self.firstUnquoted("=", in: line, from: i) else { continue }
            let keyPath = table + Self.dottedKey(line[i..<equals])
            record(keyPath, line: lineNumber, column: i + 1)
            // Inline table: record its keys too (one level, enough for `backups = { backend = 2 }`).
            var j = equals + 1
            while j < line.count, line[j] == " " || line[j] == "\t" { j += 1 }
            if j < line.count, line[j] == "{" { scanInlineTable(line, from: j + 1, parent: keyPath, lineNumber: lineNumber) }
        }
    }

    private mutating func scanInlineTable(_ line: [Unicode.Scalar], from start: Int, parent: [String], lineNumber: Int) {
        var i = start
        while i < line.count {
            while i < line.count, line[i] == " " || line[i] == "\t" || line[i] == "," { i += 1 }
            guard i < line.count, line[i] != "}" else { return }
            guard let equals = Self.firstUnquoted("=", in: line, from: i) else { return }
            record(parent + Self.dottedKey(line[i..<equals]), line: lineNumber, column: i + 1)
            // Skip the value up to the next top-level comma or the closing brace.
            var depth = 0, j = equals + 1, quote: Unicode.Scalar? = nil
            while j < line.count {
                let c = line[j]
                if let q = quote { if c == q { quote = nil } }
                else if c == "\"" || c == "'" { quote = c }
                else if c == "[" || c == "{" { depth += 1 }
                else if c == "]" || c == "}" { if depth == 0 { return }; depth -= 1 }
                else if c == ",", depth == 0 { break }
                j += 1
            }
            i = j + 1
        }
    }

    private static func firstUnquoted(_ target: Unicode.Scalar, in line: [Unicode.Scalar], from start: Int) -> Int? {
        var quote: Unicode.Scalar? = nil
        var i = start
        while i < line.count {
            let c = line[i]
            if let q = quote { if c == q { quote = nil } }
            else if c == "\"" || c == "'" { quote = c }
            else if c == target { return i }
            else if c == "#" { return nil }
            i += 1
        }
        return nil
    }

    /// `a."b.c" . d` → `["a", "b.c", "d"]`.
    private static func dottedKey(_ scalars: ArraySlice<Unicode.Scalar>) -> [String] {
        var parts: [String] = [], current = String.UnicodeScalarView(), quote: Unicode.Scalar? = nil
        for c in scalars {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "." {
                parts.append(String(current)); current = .init()
            } else if c != " " && c != "\t" {
                current.append(c)
            }
        }
        parts.append(String(current))
        return parts
    }

    // MARK: JSON

    private mutating func scanJSON(_ text: String) {
        var stack: [String?] = []   // one entry per open container: the key it hangs under (nil in arrays)
        var pendingKey: String? = nil
        var lastString: (text: String, line: Int, column: Int)? = nil
        var line = 1, column = 0
        var iterator = text.unicodeScalars.makeIterator()
        while let c = iterator.next() {
            column += 1
            switch c {
            case "\n": line += 1; column = 0
            case "\"":
                let startLine = line, startColumn = column
                var value = String.UnicodeScalarView()
                while let s = iterator.next() {
                    column += 1
                    if s == "\\" { if let e = iterator.next() { column += 1; value.append(e) }; continue }
                    if s == "\"" { break }
                    if s == "\n" { line += 1; column = 0 }
                    value.append(s)
                }
                lastString = (String(value), startLine, startColumn)
            case ":":
                if let key = lastString {
                    let path = stack.compactMap { $0 } + [key.text]
                    record(path, line: key.line, column: key.column)
                    pendingKey = key.text
                }
                lastString = nil
            case "{", "[":
                stack.append(stack.isEmpty ? nil : pendingKey)
                pendingKey = nil
                lastString = nil
            case "}", "]":
                if !stack.isEmpty { stack.removeLast() }
                pendingKey = nil
                lastString = nil
            case ",":
                pendingKey = nil
                lastString = nil
            default: break
            }
        }
    }
}
