import Foundation

/// What standard output is connected to: decides colour and table width.
public struct Terminal: Sendable {
    /// Whether standard output is a terminal.
    public var isTTY: Bool
    /// Columns available for tables on a terminal: its width, else `COLUMNS` when set, else 80.
    /// Only a terminal shortens tables to it; a file or a pipe gets every character (`TextTable`).
    public var width: Int
    /// ANSI colour: only on a terminal, and never when `NO_COLOR` is set.
    public var colour: Bool

    public init(isTTY: Bool, width: Int, colour: Bool) {
        (self.isTTY, self.width, self.colour) = (isTTY, width, colour)
    }

    /// Plain output (no colour), 80 columns: for tests and files.
    public static let plain = Terminal(isTTY: false, width: 80, colour: false)

    public func bold(_ text: String) -> String { colour ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    public func dim(_ text: String) -> String { colour ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}

/// A small aligned table: columns right- or left-aligned, separated by two spaces. On a terminal,
/// flexible columns are shortened with "…" until the table fits its width, and a note under the
/// table says so; written to a file or a pipe, nothing is shortened (the table is as wide as its
/// longest cells), so a pasted table says everything. Renders as plain text or Markdown.
public struct TextTable {
    public enum Alignment: Sendable { case left, right }

    public struct Column: Sendable {
        public var title: String
        public var alignment: Alignment
        /// Whether the column may be shortened to fit (names, ids).
        public var flexible: Bool = false
        /// The shortest a flexible column gets.
        public var minimumWidth: Int = 6

        public init(title: String, alignment: Alignment, flexible: Bool = false, minimumWidth: Int = 6) {
            (self.title, self.alignment, self.flexible, self.minimumWidth) = (title, alignment, flexible, minimumWidth)
        }
    }

    public var columns: [Column]
    public var rows: [[String]] = []

    public init(_ columns: [Column]) { self.columns = columns }

    public mutating func append(_ row: [String]) {
        precondition(row.count == columns.count)
        rows.append(row)
    }

    /// Plain text fitted to `terminal.width`; the header is bold on a colour terminal.
    public func render(_ terminal: Terminal) -> String {
        let columns = columns.map { column in var c = column; c.title = HumanText.inline(c.title); return c }
        let rows = rows.map { $0.map(HumanText.inline) }
        var widths = columns.indices.map { c in rows.reduce(columns[c].title.count) { max($0, $1[c].count) } }
        let separator = 2
        func total() -> Int { widths.reduce(0, +) + separator * (widths.count - 1) }
        // On a terminal, shrink the widest flexible column, one character at a time, until the table fits.
        var shortened = false
        while terminal.isTTY, total() > terminal.width {
            let candidates = columns.indices.filter { columns[$0].flexible && widths[$0] > columns[$0].minimumWidth }
            guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
            shortened = true
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (c, cell) in cells.enumerated() {
                let text = Self.truncate(cell, to: widths[c])
                let padding = String(repeating: " ", count: max(0, widths[c] - text.count))
                let isLast = c == cells.count - 1
                parts.append(columns[c].alignment == .right ? padding + text : (isLast ? text : text + padding))
            }
            return parts.joined(separator: String(repeating: " ", count: separator))
        }
        var out = terminal.bold(line(columns.map(\.title))) + "\n"
        for row in rows { out += line(row) + "\n" }
        if shortened {
            out += terminal.dim("(… marks text shortened to fit \(terminal.width) columns; redirected to a file, nothing is shortened)") + "\n"
        }
        return out
    }

    /// A GitHub-flavoured Markdown table (no truncation; control characters made visible, `|` and
    /// the other Markdown-significant characters escaped: `HumanText.markdownInline`).
    public func renderMarkdown() -> String {
        func escape(_ s: String) -> String { HumanText.markdownInline(s) }
        var out = "| " + columns.map { escape($0.title) }.joined(separator: " | ") + " |\n"
        out += "|" + columns.map { $0.alignment == .right ? "---:|" : ":---|" }.joined() + "\n"
        for row in rows { out += "| " + row.map(escape).joined(separator: " | ") + " |\n" }
        return out
    }

    static func truncate(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        guard width > 1 else { return String(text.prefix(width)) }
        return String(text.prefix(width - 1)) + "…"
    }
}
