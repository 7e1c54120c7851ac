import Foundation
import PartnerMatch
import ZIPFoundation

/// A spreadsheet to write as an `.xlsx` file (Office Open XML, ECMA-376): sheets of text and
/// numbers, each number with its number format, a frozen bold header row and column widths.
///
/// Knows nothing of partner-match: `JSONWorkbook` fills it from a command's JSON output. The file
/// is a ZIP package written with ZIPFoundation (the package the vendor reader opens `.xlsx` with),
/// every entry dated 1980-01-01, so the same workbook gives the same bytes.
struct XlsxWorkbook {
    enum NumberFormat: Hashable {
        /// Excel's `General`.
        case general
        /// `#,##0` and so on: a fixed number of decimals, thousands grouped.
        case decimal(Int)
        /// `0.0%`: the stored fraction shown as a percent.
        case percent(Int)
        /// `#,##0.00 "USD"`: an amount with its ISO 4217 code.
        case currency(String)

        /// The format code (ECMA-376 §18.8.31).
        var code: String {
            switch self {
            case .general: "General"
            case .decimal(let places): "#,##0" + (places > 0 ? "." + String(repeating: "0", count: places) : "")
            case .percent(let places): "0" + (places > 0 ? "." + String(repeating: "0", count: places) : "") + "%"
            case .currency(let code): "#,##0.00\\ \"\(code.filter { $0.isLetter })\""
            }
        }
    }

    enum Cell: Equatable {
        case empty
        case text(String)
        case number(Double, NumberFormat)
        case bool(Bool)
    }

    struct Sheet {
        var name: String
        var header: [String]
        var rows: [[Cell]]
    }

    var sheets: [Sheet] = []

    /// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the workbook.
    mutating func add(_ sheet: Sheet) {
        var base = String(sheet.name.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
        if base.isEmpty { base = "Sheet" }
        var name = base
        var n = 2
        while sheets.contains(where: { $0.name.lowercased() == name.lowercased() }) {
            let suffix = " (\(n))"
            name = String(base.prefix(31 - suffix.count)) + suffix
            n += 1
        }
        var added = sheet
        added.name = name
        sheets.append(added)
    }

    /// The package's bytes.
    func data() throws -> Data {
        let archive = try Archive(accessMode: .create)
        let date = Date(timeIntervalSince1970: 315_532_800) // 1980-01-01, the earliest a ZIP entry can say
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let formats = numberFormats()
        try add("[Content_Types].xml", contentTypes())
        try add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """)
        try add("xl/workbook.xml", workbook())
        try add("xl/_rels/workbook.xml.rels", workbookRelationships())
        try add("xl/styles.xml", styles(formats))
        for (index, sheet) in sheets.enumerated() {
            try add("xl/worksheets/sheet\(index + 1).xml", worksheet(sheet, formats: formats))
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    // MARK: Parts

    private func contentTypes() -> String {
        let overrides = sheets.indices.map {
            "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\(overrides)</Types>
            """
    }

    private func workbook() -> String {
        let list = sheets.enumerated().map { "<sheet name=\"\(Self.escaped($0.element.name))\" sheetId=\"\($0.offset + 1)\" r:id=\"rId\($0.offset + 1)\"/>" }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>\(list)</sheets></workbook>
            """
    }

    private func workbookRelationships() -> String {
        var list = sheets.indices.map {
            "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
        }.joined()
        list += "<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(list)</Relationships>
            """
    }

    /// Every number format used, in order of first use: cell style `i + 2` shows format `i` (style 0
    /// is the default, 1 the bold header).
    private func numberFormats() -> [NumberFormat] {
        var seen: [NumberFormat] = []
        for sheet in sheets {
            for row in sheet.rows {
                for case .number(_, let format) in row where !seen.contains(format) { seen.append(format) }
            }
        }
        return seen
    }

    private func styles(_ formats: [NumberFormat]) -> String {
        let custom = formats.enumerated().map { "<numFmt numFmtId=\"\(164 + $0.offset)\" formatCode=\"\(Self.escaped($0.element.code))\"/>" }.joined()
        let xfs = formats.indices.map { "<xf numFmtId=\"\(164 + $0)\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>" }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\(formats.isEmpty ? "" : "<numFmts count=\"\(formats.count)\">\(custom)</numFmts>")<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="\(formats.count + 2)"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\(xfs)</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
            """
    }

    private func worksheet(_ sheet: Sheet, formats: [NumberFormat]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        xml += "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        xml += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
        let widths = Self.widths(sheet)
        if !widths.isEmpty {
            xml += "<cols>" + widths.enumerated().map { "<col min=\"\($0.offset + 1)\" max=\"\($0.offset + 1)\" width=\"\($0.element)\" customWidth=\"1\"/>" }.joined() + "</cols>"
        }
        xml += "<sheetData>"
        xml += "<row r=\"1\">" + sheet.header.enumerated().map { cell(.text($0.element), column: $0.offset, row: 1, style: 1, formats: formats) }.joined() + "</row>"
        for (index, row) in sheet.rows.enumerated() {
            xml += "<row r=\"\(index + 2)\">" + row.enumerated().map { cell($0.element, column: $0.offset, row: index + 2, style: nil, formats: formats) }.joined() + "</row>"
        }
        xml += "</sheetData></worksheet>"
        return xml
    }

    private func cell(_ cell: Cell, column: Int, row: Int, style: Int?, formats: [NumberFormat]) -> String {
        let reference = Self.column(column) + String(row)
        let s = style.map { " s=\"\($0)\"" } ?? ""
        switch cell {
        case .empty: return ""
        case .text(let text):
            return "<c r=\"\(reference)\" t=\"inlineStr\"\(s)><is><t xml:space=\"preserve\">\(Self.escaped(Self.neutralized(text)))</t></is></c>"
        case .bool(let value):
            return "<c r=\"\(reference)\" t=\"b\"\(s)><v>\(value ? 1 : 0)</v></c>"
        case .number(let value, let format):
            guard value.isFinite else { return "<c r=\"\(reference)\" t=\"inlineStr\"\(s)><is><t>\(value.isNaN ? "" : value > 0 ? "inf" : "-inf")</t></is></c>" }
            let styleIndex = (formats.firstIndex(of: format) ?? -2) + 2
            return "<c r=\"\(reference)\" s=\"\(style ?? styleIndex)\"><v>\(Self.number(value))</v></c>"
        }
    }

    // MARK: Text

    /// The shortest text that reads back as `value` (what the JSON output writes, too).
    static func number(_ value: Double) -> String { Format.shortest(value) }

    /// Text a spreadsheet could take for a formula (`=`, `+`, `-`, `@`, tab, carriage return at the
    /// start) gets a leading `'`, as in CSV output (`CSV.neutralized`).
    static func neutralized(_ text: String) -> String {
        guard let first = text.utf8.first, [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains(first), Double(text) == nil else { return text }
        return "'" + text
    }

    /// XML text: `&`, `<`, `>`, `"` escaped; characters XML 1.0 cannot hold (controls other than
    /// tab, line feed and carriage return, lone surrogates) shown as U+FFFD.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// `0` → `A`, `27` → `AB`.
    static func column(_ index: Int) -> String {
        var letters = ""
        var n = index + 1
        while n > 0 {
            letters = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + letters
            n = (n - 1) / 26
        }
        return letters
    }

    /// Column widths in characters: the longest header or cell as shown (numbers with their
    /// grouping and symbol), between 6 and 60.
    static func widths(_ sheet: Sheet) -> [Int] {
        let count = max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
        return (0..<count).map { column in
            var width = column < sheet.header.count ? sheet.header[column].count + 2 : 6
            for row in sheet.rows where column < row.count {
                let shown: Int
                switch row[column] {
                case .empty: shown = 0
                case .text(let text): shown = text.split(separator: "\n").map(\.count).max() ?? 0
                case .bool: shown = 5
                case .number(let value, let format):
                    let digits = String(Int64(min(abs(value), 1e15))).count
                    switch format {
                    case .general: shown = number(value).count
                    case .decimal(let places): shown = digits + digits / 3 + places + 2
                    case .percent(let places): shown = String(Int64(min(abs(value * 100), 1e15))).count + places + 3
                    case .currency(let code): shown = digits + digits / 3 + 4 + code.count
                    }
                }
                width = max(width, shown + 2)
            }
            return min(max(width, 6), 60)
        }
    }
}
