import PartnerMatch

extension Report {
    /// The report with several sections added (`--robustness` and `--rule-prices` together): the
    /// sections' texts after the report's, each object under its key in the JSON document; in CSV
    /// the one section's table alone, or with several, each in its own part after a `# key` line,
    /// parts separated by a blank line (as `TeamReport`'s own parts are).
    public func render(_ format: OutputFormat, terminal: Terminal, sections: [any ReportSection]) -> String {
        guard sections.count > 1 else {
            guard let only = sections.first else { return render(format, terminal: terminal) }
            return render(format, terminal: terminal, adding: only)
        }
        switch format {
        case .table, .markdown:
            let markdown = format == .markdown
            return render(format, terminal: terminal)
                + sections.map { HumanText.document($0.text(terminal, markdown: markdown), terminal: terminal, markdown: markdown) }.joined()
        case .csv:
            return sections.map { "# \(type(of: $0).key)\n" + $0.csv() }.joined(separator: "\n")
        case .json, .xlsx:
            guard case .object(var root) = json() else { return render(.json, terminal: terminal) }
            for section in sections { root[type(of: section).key] = section.json() }
            return JSONValue.object(root).rendered()
        }
    }
}
