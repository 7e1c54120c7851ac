import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads one worksheet of an `.xlsx` workbook into CSV text (UTF-8, `,`-separated, one line per
/// worksheet row so that line numbers are row numbers), which the vendor reader then reads like any
/// CSV, locating cells by row and column number.
///
/// The ZIP layer is ZIPFoundation and the XML is parsed by Foundation's `XMLParser`; only the mapping
/// from worksheet cells to text is written here: shared strings (`t="s"`, rich text runs joined),
/// inline strings, formula string results, numbers as stored (shortest round-trip text), booleans as
/// `TRUE`/`FALSE`, numbers whose cell style is a time format (day fractions) as `HH:MM`, and numbers
/// whose number format shows a percent or a currency as a person sees them (`XlsxNumberFormat`):
/// `0.8` formatted `0%` is the text `80%`, `40` formatted `"$"#,##0.00` is `$40`, so that the vendor
/// reader applies the same rules to them as to CSV text (a percent only in a 0–100 field, a currency
/// that must agree with the vendor's).
enum XlsxReader {
    struct Sheet {
        var name: String
        var csv: [UInt8]
    }

    struct Failure: Error {
        var row: Int?
        var column: Int?
        var code: String
        var message: String
    }

    /// `Vendors!G12`, or `'Q3 list'!G12` for a sheet name that needs quotes, as spreadsheets write
    /// a reference to another sheet (row and column 1-based).
    static func cellReference(sheet: String, row: Int, column: Int) -> String {
        var letters = ""
        var n = column
        while n > 0 {
            letters = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + letters
            n = (n - 1) / 26
        }
        let plain = !sheet.isEmpty && sheet.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !(sheet.first?.isNumber ?? false)
        let name = plain ? sheet : "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'"
        return "\(name)!\(letters)\(row)"
    }

    /// A ZIP local file header: every `.xlsx` starts with one.
    static func isWorkbook(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04
    }

    static func readSheet(_ bytes: UnsafeBufferPointer<UInt8>, named wanted: String?, limits: InputLimits) -> Result<Sheet, Failure> {
        func fail(_ message: String, code: String = "invalid_xlsx") -> Result<Sheet, Failure> {
            .failure(Failure(row: nil, column: nil, code: code, message: message))
        }
        if let problem = ZipSanity.problem(bytes) {
            return fail("expected an .xlsx workbook (a ZIP archive), found a damaged one: \(problem); open it in a spreadsheet and save it again, or export it as CSV")
        }
        let archive: Archive
        do {
            archive = try Archive(data: Data(buffer: bytes), accessMode: .read)
        } catch {
            return fail("expected an .xlsx workbook (a ZIP archive), found a damaged ZIP file; open it in a spreadsheet and save it again, or export it as CSV")
        }
        // A decompression bomb stops at the vendor file limit, like a CSV of that size.
        let budget = max(limits.vendorFileBytes, 1) * 4
        func entry(_ path: String) -> Result<Data?, Failure> {
            guard let entry = archive[path] else { return .success(nil) }
            if Int(entry.uncompressedSize) > budget {
                return .failure(Failure(row: 1, column: nil, code: "file_too_large",
                    message: "expected a worksheet part of at most \(InputLimits.size(budget)) unpacked, found \(entry.uncompressedSize) bytes in \(path)"))
            }
            var data = Data()
            data.reserveCapacity(Int(entry.uncompressedSize))
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    data.append(chunk)
                    if data.count > budget { throw CocoaError(.fileReadTooLarge) }
                }
            } catch {
                return .failure(Failure(row: nil, column: nil, code: "invalid_xlsx",
                    message: "expected a readable .xlsx part \(path), found a damaged one (\(error)); save the workbook again or export it as CSV"))
            }
            return .success(data)
        }
        guard case .success(let workbookData?) = entry("xl/workbook.xml") else {
            return fail("expected an .xlsx workbook, found a ZIP archive without xl/workbook.xml; export the sheet as CSV")
        }
        let sheets = SheetList.parse(workbookData)
        guard !sheets.isEmpty else { return fail("expected at least one worksheet in the workbook, found none") }
        let chosen: SheetList.Entry
        if let wanted {
            guard let found = sheets.first(where: { $0.name == wanted }) ?? sheets.first(where: { $0.name.lowercased() == wanted.lowercased() }) else {
                return fail("expected a worksheet named '\(wanted)' (--sheet), found \(sheets.map { "'\($0.name)'" }.joined(separator: ", "))", code: "unknown_sheet")
            }
            chosen = found
        } else {
            chosen = sheets[0]
        }
        var target = "xl/worksheets/sheet1.xml"
        if case .success(let rels?) = entry("xl/_rels/workbook.xml.rels"), let path = Relationships.parse(rels)[chosen.relationship] {
            target = path.hasPrefix("/") ? String(path.dropFirst()) : "xl/" + path
        }
        var shared: [String] = []
        switch entry("xl/sharedStrings.xml") {
        case .success(let data?):
            guard let strings = SharedStrings.parse(data) else {
                return fail("expected the workbook's shared strings (xl/sharedStrings.xml) as XML, found a damaged part; save the workbook again or export it as CSV")
            }
            shared = strings
        case .success(nil): break
        case .failure(let failure): return .failure(failure)
        }
        var styles: [XlsxNumberFormat] = []
        if case .success(let data?) = entry("xl/styles.xml") { styles = Styles.formats(data) }
        switch entry(target) {
        case .failure(let failure): return .failure(failure)
        case .success(nil): return fail("expected the worksheet '\(chosen.name)' at \(target), found nothing there")
        case .success(let data?):
            var converter = SheetConverter(shared: shared, styles: styles)
            if let failure = converter.convert(data) { return .failure(failure) }
            return .success(Sheet(name: chosen.name, csv: converter.csv))
        }
    }
}

/// `xl/workbook.xml`: sheet names in order with their relationship ids.
private final class SheetList: NSObject, XMLParserDelegate {
    struct Entry { var name: String; var relationship: String }
    var entries: [Entry] = []

    static func parse(_ data: Data) -> [Entry] {
        let list = SheetList()
        let parser = XMLParser(data: data)
        parser.delegate = list
        _ = parser.parse() // damaged: no sheets found, which is an error of its own
        return list.entries
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        guard name == "sheet" || name.hasSuffix(":sheet") else { return }
        let relationship = attributes["r:id"] ?? attributes.first { $0.key.hasSuffix(":id") }?.value ?? ""
        entries.append(Entry(name: attributes["name"] ?? "Sheet\(entries.count + 1)", relationship: relationship))
    }
}

/// `xl/_rels/workbook.xml.rels`: relationship id → target path.
private final class Relationships: NSObject, XMLParserDelegate {
    var targets: [String: String] = [:]

    static func parse(_ data: Data) -> [String: String] {
        let rels = Relationships()
        let parser = XMLParser(data: data)
        parser.delegate = rels
        _ = parser.parse() // damaged: the first sheet's usual path is tried
        return rels.targets
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        if name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] { targets[id] = target }
    }
}

/// `xl/sharedStrings.xml`: each `<si>`'s text, rich-text runs joined, phonetic runs left out.
private final class SharedStrings: NSObject, XMLParserDelegate {
    var strings: [String] = []
    var current = ""
    var inText = false
    var inPhonetic = false

    /// `nil` when the part is not well-formed XML.
    static func parse(_ data: Data) -> [String]? {
        let table = SharedStrings()
        let parser = XMLParser(stream: InputStream(data: data)) // chunked, as for worksheets
        parser.delegate = table
        return parser.parse() ? table.strings : nil
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        switch name {
        case "si": current = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }
}

/// `xl/styles.xml`: per cell style (`cellXfs` index), what its number format shows (`XlsxNumberFormat`).
private final class Styles: NSObject, XMLParserDelegate {
    var customFormats: [Int: String] = [:]
    var xfFormats: [Int] = []
    var inCellXfs = false

    static func formats(_ data: Data) -> [XlsxNumberFormat] {
        let styles = Styles()
        let parser = XMLParser(data: data)
        parser.delegate = styles
        _ = parser.parse() // damaged: no formats known, so numbers stay as stored (day fractions: invalid_time)
        return styles.xfFormats.map { XlsxNumberFormat(id: $0, code: styles.customFormats[$0]) }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        switch name {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] { customFormats[id] = code }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs: xfFormats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "cellXfs" { inCellXfs = false }
    }
}

/// Turns worksheet XML into CSV lines: row `r` becomes line `r`; cells go to their column (`r="C5"`).
private struct SheetConverter {
    let shared: [String]
    let styles: [XlsxNumberFormat]
    var csv: [UInt8] = []

    init(shared: [String], styles: [XlsxNumberFormat]) {
        self.shared = shared
        self.styles = styles
    }

    mutating func convert(_ data: Data) -> XlsxReader.Failure? {
        let delegate = SheetDelegate(shared: shared, styles: styles)
        // A stream, so libxml2 is fed in chunks: handed a worksheet of more than 10 MB in one piece it
        // stops with an internal error (its lookup limit without XML_PARSE_HUGE).
        let parser = XMLParser(stream: InputStream(data: data))
        parser.delegate = delegate
        if !parser.parse(), delegate.failure == nil {
            return XlsxReader.Failure(row: parser.lineNumber, column: nil, code: "invalid_xlsx",
                                      message: "expected worksheet XML, found malformed XML (\(parser.parserError.map { "\($0)" } ?? "unknown error")); save the workbook again or export it as CSV")
        }
        if let failure = delegate.failure { return failure }
        csv = delegate.out
        return nil
    }
}

private final class SheetDelegate: NSObject, XMLParserDelegate {
    let shared: [String]
    let styles: [XlsxNumberFormat]
    var out: [UInt8] = []
    var failure: XlsxReader.Failure?
    /// The line the CSV is on (rows are written at their own line; gaps become blank lines).
    var line = 1
    var width = 0
    var row: [String] = []
    var rowNumber = 0
    var cellColumn = 0
    var cellType = "n"
    var cellStyle = 0
    var text = ""
    var collecting = false
    var inInline = false

    init(shared: [String], styles: [XlsxNumberFormat]) {
        self.shared = shared
        self.styles = styles
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        switch name {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            row.removeAll(keepingCapacity: true)
        case "c":
            cellColumn = attributes["r"].flatMap(Self.column) ?? row.count
            cellType = attributes["t"] ?? "n"
            cellStyle = attributes["s"].flatMap(Int.init) ?? 0
            text = ""
        case "v": collecting = true
        case "is": inInline = true
        case "t" where inInline: collecting = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t": collecting = false
        case "is": inInline = false
        case "c":
            var value: String
            switch cellType {
            case "s":
                guard let index = Int(text), shared.indices.contains(index) else {
                    failure = XlsxReader.Failure(row: rowNumber, column: cellColumn + 1, code: "invalid_xlsx",
                                                 message: "expected a shared-string index, found '\(text)'; save the workbook again or export it as CSV")
                    parser.abortParsing()
                    return
                }
                value = shared[index]
            case "b": value = text == "1" ? "TRUE" : "FALSE"
            case "n":
                value = !text.isEmpty && styles.indices.contains(cellStyle) ? styles[cellStyle].shown(text) : text
            default: value = text // inlineStr, str (a formula's text), e (an error such as #N/A)
            }
            while row.count < cellColumn { row.append("") }
            if row.count == cellColumn { row.append(value) } else { row[cellColumn] = value }
        case "row":
            while line < rowNumber { out.append(CSVByte.lf); line += 1 }
            if width == 0 { width = row.count } // the header row sets the width the others are padded to
            while row.count < width { row.append("") }
            while row.count > width, row.last == "" { row.removeLast() }
            for (index, cell) in row.enumerated() {
                if index > 0 { out.append(CSVByte.comma) }
                Self.append(cell, to: &out)
            }
            out.append(CSVByte.lf)
            line += 1 + cellLineBreaks(row)
        default: break
        }
    }

    func cellLineBreaks(_ row: [String]) -> Int {
        row.reduce(0) { $0 + $1.utf8.count { $0 == CSVByte.lf } }
    }

    static func append(_ cell: String, to out: inout [UInt8]) {
        let needsQuotes = cell.utf8.contains { $0 == CSVByte.comma || $0 == CSVByte.quote || $0 == CSVByte.lf || $0 == CSVByte.cr }
        if !needsQuotes { out.append(contentsOf: cell.utf8); return }
        out.append(CSVByte.quote)
        for byte in cell.utf8 {
            if byte == CSVByte.quote { out.append(CSVByte.quote) }
            out.append(byte)
        }
        out.append(CSVByte.quote)
    }

    /// `C5` → 2 (0-based column).
    static func column(_ reference: String) -> Int? {
        var column = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard ("A"..."Z").contains(scalar) else { break }
            column = column * 26 + Int(scalar.value - 64)
            letters += 1
        }
        return letters == 0 || column > 16384 ? nil : column - 1
    }
}
