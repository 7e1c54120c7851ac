import PartnerMatch

/// A result that can be shown in every `OutputFormat`: the one place where a format is chosen.
///
/// A report is built from the library's results (a `Shortlist`, `TeamSolution`s, a budget sweep) and
/// renders them as text; it never reads files, the environment or the process's streams, so a
/// command-line tool and a web workbench render the same bytes from the same results. Conform with
/// three methods — the human text (aligned table or Markdown), the CSV and the JSON document — and
/// `render(_:terminal:)` does the rest: people's formats made safe by `HumanText.document`, JSON
/// rendered deterministically (sorted keys, a final line feed). docs/ARCHITECTURE.md, "How to add an
/// output format", says how a format is added to every report at once.
public protocol Report {
    /// The text people read: an aligned table (`markdown: false`) or GitHub-flavoured Markdown
    /// (`true`). Names from the input may be left as they are: `render` makes the whole text safe.
    func text(_ terminal: Terminal, markdown: Bool) -> String
    /// RFC 4180 CSV with a header row (fields through `CSV.row`, which neutralises formulas).
    func csv() -> String
    /// The JSON document (the keys of docs/MODEL.md, "Machine-readable outputs").
    func json() -> JSONValue
    /// The JSON document as bytes, ending with a line feed: `json().renderedBytes()` unless a
    /// report writes large documents faster (the shortlist of a million vendors does).
    func jsonBytes() -> [UInt8]
}

extension Report {
    public func jsonBytes() -> [UInt8] { json().renderedBytes() }

    /// The report in `format`: the only switch over the output formats.
    public func render(_ format: OutputFormat, terminal: Terminal) -> String {
        switch format {
        case .table: HumanText.document(text(terminal, markdown: false), terminal: terminal, markdown: false)
        case .markdown: HumanText.document(text(terminal, markdown: true), terminal: terminal, markdown: true)
        case .csv: csv()
        // A workbook is made from the JSON document (the CLI's WorkbookOutput writes it to --out).
        case .json, .xlsx: String(decoding: jsonBytes(), as: UTF8.self)
        }
    }

    /// The report with `section` added (`--robustness`): its text after the report's, its object under
    /// `Section.key` in the report's JSON document; in CSV, which holds one table, the section's
    /// table alone.
    public func render<Section: ReportSection>(_ format: OutputFormat, terminal: Terminal, adding section: Section) -> String {
        switch format {
        case .table, .markdown:
            let markdown = format == .markdown
            return render(format, terminal: terminal)
                + HumanText.document(section.text(terminal, markdown: markdown), terminal: terminal, markdown: markdown)
        case .csv:
            return section.csv()
        case .json, .xlsx:
            guard case .object(var root) = json() else { return render(.json, terminal: terminal) }
            root[Section.key] = section.json()
            return JSONValue.object(root).rendered()
        }
    }
}

/// A part added to a report (the robustness analyses): text that follows the report's, its own CSV
/// table, and an object under `key` in the report's JSON document.
public protocol ReportSection {
    /// The key of the section's object in the report's JSON document.
    static var key: String { get }
    /// The section as people read it, starting with an empty line.
    func text(_ terminal: Terminal, markdown: Bool) -> String
    func csv() -> String
    func json() -> JSONValue
}
