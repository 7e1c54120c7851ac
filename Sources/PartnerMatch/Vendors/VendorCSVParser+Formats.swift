import Foundation

/// How one vendor file is read: the options given and what detection decided.
struct ReadContext: Sendable {
    var options = VendorReadOptions()
    var delimiter: UInt8 = CSVByte.comma
    var delimiterDetected = false
    var encoding: TextEncoding = .utf8
    /// `,` is the decimal mark (decided after the header: `decideDecimalMark`).
    var decimalComma = false
    var decimalCommaDetected = false
    /// The text is a worksheet turned into CSV: cells are located by column number.
    var spreadsheet = false
    var sheet: String?
}

/// How a vendor file was read, for `validate` (text and JSON).
public struct VendorFileFormat: Sendable, Hashable, Codable {
    /// `csv` or `xlsx`.
    public var container = "csv"
    public var sheet: String?
    public var encoding = TextEncoding.utf8.rawValue
    /// `,` `;` `tab` `|`.
    public var delimiter = ","
    /// `detected`, `--delimiter`, or `default`.
    public var delimiterSource = "detected"
    /// `.` or `,`.
    public var decimalMark = "."
    public var headers: [HeaderReading] = []
    public var defaults: [DefaultApplied] = []
    /// Currencies found in a `currency` column, and the scenario currency amounts were converted to
    /// (`nil`: not converted, no scenario given).
    public var currencies: [String] = []
    public var convertedTo: String?
    public var skippedEmptyRows = 0
    /// Vendors with a `rates` entry, and with an `onboarding_cost`.
    public var vendorsWithRates = 0
    public var vendorsWithOnboardingCost = 0

    public init() {}
}

/// Normalisations that could change a value: each reported once, with a count and the first place.
struct FormatNotes: Sendable {
    enum Kind: Int, CaseIterable, Sendable {
        case decimalComma, currencySymbol, percent, thousands, fixedOffset, emptyRows
    }
    var counts = [Int](repeating: 0, count: Kind.allCases.count)
    var first = [SourceLocation?](repeating: nil, count: Kind.allCases.count)
    var detail = [String](repeating: "", count: Kind.allCases.count)

    mutating func note(_ kind: Kind, at location: SourceLocation, count: Int = 1, detail text: String = "") {
        counts[kind.rawValue] += count
        if first[kind.rawValue] == nil || Self.before(location, first[kind.rawValue]!) {
            first[kind.rawValue] = location
            if !text.isEmpty { detail[kind.rawValue] = text }
        }
    }

    static func before(_ a: SourceLocation, _ b: SourceLocation) -> Bool {
        (a.line, a.column ?? 0) < (b.line, b.column ?? 0)
    }

    mutating func merge(_ other: FormatNotes) {
        for kind in Kind.allCases where other.counts[kind.rawValue] > 0 {
            note(kind, at: other.first[kind.rawValue]!, count: other.counts[kind.rawValue], detail: other.detail[kind.rawValue])
        }
    }

    func warnings(source: String) -> [Diagnostic] {
        Kind.allCases.compactMap { kind in
            let n = counts[kind.rawValue]
            guard n > 0, let at = first[kind.rawValue] else { return nil }
            let (code, message): (String, String)
            switch kind {
            case .decimalComma:
                (code, message) = ("decimal_comma", "read ',' as the decimal mark in \(n) numeric cell\(n == 1 ? "" : "s") (this is the first): the file is \(detail[kind.rawValue].isEmpty ? "';'" : detail[kind.rawValue])-separated and its numbers use ',' throughout")
            case .currencySymbol:
                (code, message) = ("currency_symbol_dropped", "read \(n) amount\(n == 1 ? "" : "s") written with a currency symbol or code (this is the first, '\(detail[kind.rawValue])'), each agreeing with its vendor's currency")
            case .percent:
                (code, message) = ("percent_dropped", "read \(n) value\(n == 1 ? "" : "s") written with '%' as points out of 100 (this is the first, '\(detail[kind.rawValue])')")
            case .thousands:
                (code, message) = ("thousands_separator_dropped", "read \(n) number\(n == 1 ? "" : "s") with thousands separators (this is the first, '\(detail[kind.rawValue])')")
            case .fixedOffset:
                (code, message) = ("fixed_offset", "expected an IANA time zone, found a fixed UTC offset for \(n) vendor\(n == 1 ? "" : "s") (this is the first, '\(detail[kind.rawValue])'): no daylight saving applies to them; write the IANA name (e.g. 'Asia/Kolkata') if the place has it")
            case .emptyRows:
                (code, message) = ("empty_rows_skipped", "skipped \(n) row\(n == 1 ? "" : "s") whose cells are all empty (this is the first)")
            }
            return Diagnostic(.warning, at: at, code: code, message)
        }
    }
}

extension VendorCSVParser {
    // MARK: Containers, encodings, delimiters

    /// Reads a vendor file's bytes: an `.xlsx` workbook, or CSV text in any accepted encoding and
    /// delimiter, turned into UTF-8 first when it is not.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, source: String, chunks: Int? = nil,
                     options: VendorReadOptions = VendorReadOptions(), limits: InputLimits = .default) -> Result<VendorReadResult, InputError> {
        var context = ReadContext(options: options)
        if bytes.count >= parallelThreshold { TimeZoneNames.prepareInBackground() }
        if bytes.count > limits.vendorFileBytes {
            return .failure(InputError([Diagnostic(at: SourceLocation(file: source, line: 1), code: "file_too_large",
                                                   FileBytes.tooLarge(bytes.count, limit: limits.vendorFileBytes))]))
        }
        if XlsxReader.isWorkbook(bytes) {
            let sheet: XlsxReader.Sheet
            switch XlsxReader.readSheet(bytes, named: options.sheet, limits: limits) {
            case .success(let found): sheet = found
            case .failure(let failure):
                return .failure(InputError([Diagnostic(at: SourceLocation(file: source, line: failure.row ?? 1, column: failure.column),
                                                       code: failure.code, failure.message)]))
            }
            context.spreadsheet = true
            context.sheet = sheet.name
            context.delimiter = CSVByte.comma
            context.decimalComma = false
            let result = sheet.csv.withUnsafeBufferPointer { readText($0, source: source, chunks: chunks, context: context, limits: limits) }
            return located(result, sheet: sheet.name)
        }
        var transcoded: [UInt8]?
        var detected: (line: Int, lines: Int)?
        switch EncodingDetection.prepare(bytes, forced: options.encoding) {
        case .failure(let failure):
            return .failure(InputError([Diagnostic(at: SourceLocation(file: source, line: failure.line, column: failure.column),
                                                   code: failure.code, failure.message)]))
        case .success(let outcome):
            transcoded = outcome.utf8
            context.encoding = outcome.encoding
            detected = outcome.detected
        }
        func body(_ text: UnsafeBufferPointer<UInt8>) -> Result<VendorReadResult, InputError> {
            if let forced = options.delimiter {
                context.delimiter = forced
            } else {
                switch detectDelimiter(text) {
                case .success(let found):
                    context.delimiter = found
                    context.delimiterDetected = true
                case .failure(let problem):
                    return .failure(InputError([Diagnostic(at: SourceLocation(file: source, line: 1, column: 1), code: "ambiguous_delimiter", problem.message)]))
                }
            }
            var result = readText(text, source: source, chunks: chunks, context: context, limits: limits)
            if let detected {
                let warning = Diagnostic(.warning, at: SourceLocation(file: source, line: detected.line), code: "read_as_windows1252",
                    "expected UTF-8 text, found bytes that are not UTF-8 on \(detected.lines) line\(detected.lines == 1 ? "" : "s") (this is the first): read the file as Windows-1252; pass --encoding windows-1252 to say so, or save it as UTF-8")
                switch result {
                case .success(var read):
                    read.warnings.insert(warning, at: 0)
                    result = .success(read)
                case .failure(var error):
                    error.diagnostics.insert(warning, at: 0)
                    result = .failure(error)
                }
            }
            return result
        }
        if let transcoded { return transcoded.withUnsafeBufferPointer(body) }
        return body(bytes)
    }

    /// A workbook's cell diagnostics name the cell as the spreadsheet shows it, before the message:
    /// `vendors.xlsx:12:7: Vendors!G12: expected …` (the location is row 12, column 7).
    static func located(_ result: Result<VendorReadResult, InputError>, sheet: String) -> Result<VendorReadResult, InputError> {
        func name(_ diagnostic: Diagnostic) -> Diagnostic {
            guard let location = diagnostic.location, let column = location.column else { return diagnostic }
            var named = diagnostic
            named.message = XlsxReader.cellReference(sheet: sheet, row: location.line, column: column) + ": " + diagnostic.message
            return named
        }
        switch result {
        case .success(var read):
            read.warnings = read.warnings.map(name)
            return .success(read)
        case .failure(var error):
            error.diagnostics = error.diagnostics.map(name)
            return .failure(error)
        }
    }

    struct DelimiterProblem: Error { var message: String }

    static let delimiters: [UInt8] = [CSVByte.comma, UInt8(ascii: ";"), 9, UInt8(ascii: "|")]

    static func delimiterName(_ byte: UInt8) -> String {
        byte == 9 ? "tab" : String(UnicodeScalar(byte))
    }

    /// The delimiter of the header line: the one of `,` `;` tab `|` found most often outside quotes.
    /// A tie between two that both occur is an error naming `--delimiter`.
    static func detectDelimiter(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<UInt8, DelimiterProblem> {
        var counts = [Int](repeating: 0, count: 4)
        var i = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        var quoted = false
        while i < bytes.count {
            let b = bytes[i]
            if b == CSVByte.quote { quoted.toggle() }
            else if !quoted {
                if b == CSVByte.lf || b == CSVByte.cr {
                    if counts.contains(where: { $0 > 0 }) { break } // the first non-blank line is the header
                } else if let k = delimiters.firstIndex(of: b) {
                    counts[k] += 1
                }
            }
            i += 1
        }
        let best = counts.max()!
        guard best > 0 else { return .success(CSVByte.comma) } // one column: the schema will say what is missing
        let winners = delimiters.indices.filter { counts[$0] == best }
        if winners.count > 1 {
            let names = winners.map { "'\(delimiterName(delimiters[$0]))'" }.joined(separator: " and ")
            return .failure(DelimiterProblem(message: "expected one delimiter in the header line, found \(names) equally often (\(best) each); pass --delimiter with the one the file uses"))
        }
        return .success(delimiters[winners[0]])
    }

    /// Decides the decimal mark: `.`, unless `--decimal-comma`, or the file is `;`-separated and
    /// every numeric cell with a decimal part uses `,` (reported once as a warning).
    mutating func decideDecimalMark(dataStart: Int, line: Int) {
        if context.spreadsheet { return }
        if let forced = context.options.decimalComma {
            context.decimalComma = forced
            return
        }
        // A ',' cannot be a decimal mark in a ','-separated file (it would split the cell), nor in a
        // '|' file by convention; a ';' file (Excel "CSV" in Europe) and a tab file (Excel "Unicode
        // Text", UTF-16) may use it.
        guard context.delimiter == UInt8(ascii: ";") || context.delimiter == 9 else { return }
        let numeric: [VendorColumn] = [.hourlyRate, .quality, .culturalFit, .capacityFTE, .maxFTE, .minFTE, .onboardingCost]
        let positions = numeric.map { fieldOf[$0.ordinal] }.filter { $0 >= 0 }
        guard !positions.isEmpty else { return }
        var scan = CSVTokenizer(bytes: tokenizer.bytes, start: dataStart, line: line, delimiter: context.delimiter)
        var row: [CSVField] = []
        var comma = 0, dot = 0
        while scan.nextRecord(into: &row) != nil {
            for position in positions where position < row.count {
                let text = scan.value(of: row[position])
                guard text.contains(",") || text.contains(".") else { continue }
                switch NumberFormats.decimalEvidence(text) {
                case true?: comma += 1
                case false?: dot += 1
                case nil: break
                }
            }
        }
        if comma > 0 && dot == 0 {
            context.decimalComma = true
            context.decimalCommaDetected = true
        }
    }

    // MARK: Headers

    /// Matches the header cells to fields (`HeaderMatching`), then checks what is missing.
    mutating func matchHeader(line: Int) {
        var names: [String] = []
        for index in fields.indices { names.append(String(decoding: cells[index], as: UTF8.self)) }
        let readings = HeaderMatching.read(names, columns: context.options.columns)
        var firstField: [VendorColumn: Int] = [:]
        var kept: [HeaderReading] = []
        var extraNames: [String] = []
        for (index, (reading, column)) in readings.enumerated() {
            var reading = reading
            if let column {
                if let first = firstField[column] {
                    log.error(location(index), "duplicate_column",
                              "expected each column once, found '\(names[index].trimmingASCIISpaces())' read as '\(column.name)' again (first '\(names[first].trimmingASCIISpaces())', field \(first + 1)); map one of them with --map \"HEADER=pass\" or [columns]")
                    reading.kind = .ignored
                    reading.how = "duplicate of field \(first + 1)"
                    reading.field = nil
                    kept.append(reading)
                    continue
                }
                firstField[column] = index
                fieldOf[column.ordinal] = index
            } else if reading.kind == .passedThrough {
                extraFields.append(index)
                extraNames.append(names[index].trimmingASCIISpaces())
            }
            kept.append(reading)
        }
        headerReadings = kept
        let unmatched = readings.indices.filter { readings[$0].column == nil && readings[$0].reading.kind == .passedThrough && readings[$0].reading.how == "not a field" }
        for column in VendorColumn.allCases where column.isRequired && fieldOf[column.ordinal] < 0 {
            let nearest = HeaderMatching.nearest(to: column, among: unmatched.map { names[$0] })
            let hint = nearest.map { "; the nearest header is '\($0.trimmingASCIISpaces())': map it with --map \"\($0.trimmingASCIISpaces())=\(column.name)\" or in the scenario's [columns]" }
                ?? "; name one with --map \"HEADER=\(column.name)\" or the scenario's [columns]"
            let delimiterHint = headerCount == 1 && context.delimiterDetected
                ? " (the header has a single column: is the delimiter one of , ; tab |? pass --delimiter)" : ""
            log.error(SourceLocation(file: source, line: line), "missing_column",
                      "expected a column '\(column.name)' in the header, found none\(hint)\(delimiterHint)")
        }
        // Working hours that no header names would silently become 09:00–17:00: a header that looks
        // like working hours but matched nothing must be mapped (to a field, or to `pass`).
        if fieldOf[VendorColumn.workStart.ordinal] < 0 || fieldOf[VendorColumn.workEnd.ordinal] < 0 {
            for index in unmatched where HeaderMatching.looksLikeWorkHours(names[index]) {
                let header = names[index].trimmingASCIISpaces()
                let missing = [VendorColumn.workStart, .workEnd].filter { fieldOf[$0.ordinal] < 0 }.map(\.name).joined(separator: " and ")
                log.error(location(index), "unmapped_work_hours",
                          "expected a header read as \(missing), found '\(header)', which looks like working hours but matches no field; map it with --map \"\(header)=work_start\" (or work_end), or --map \"\(header)=pass\" to keep it as an extra column")
            }
        }
        // A currency in a header's unit converts nothing: say so when it is not the currency the
        // amounts are read in (no `currency` column, and a scenario currency to compare with).
        if fieldOf[VendorColumn.currency.ordinal] < 0, context.options.fx != nil {
            for column in [VendorColumn.hourlyRate, .rates, .onboardingCost] where fieldOf[column.ordinal] >= 0 {
                let index = fieldOf[column.ordinal]
                guard let unit = HeaderMatching.unit(names[index]), let named = Self.currencyNamed(in: unit),
                      named != context.options.currency else { continue }
                log.warning(location(index), "unit_currency_ignored",
                            "expected amounts in \(context.options.currency) (the scenario's currency) under '\(names[index].trimmingASCIISpaces())', found a header naming \(named): a unit in brackets converts nothing; add a currency column (\(named)) and \(named) = … under [fx], or correct the header")
            }
        }
        // A mapping that names no header of the file is a typo until shown otherwise.
        for mapping in context.options.columns {
            let trimmed = mapping.header.trimmingCharacters(in: .whitespaces).lowercased()
            let found = names.contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == trimmed || HeaderMatching.key($0) == HeaderMatching.key(mapping.header) }
            if !found {
                let near = closestMatch(to: mapping.header, in: names.map { $0.trimmingASCIISpaces() }).map { "; did you mean '\($0)'?" } ?? ""
                log.warning(SourceLocation(file: source, line: line), "unused_mapping",
                            "expected a header '\(mapping.header)' as \(mapping.origin) maps it, found none in this file\(near)")
            }
        }
        pool = VendorPool(source: source, extraColumns: extraNames)
        prepareOptionalColumns()
    }

    /// Sets up the pool's optional (v2) columns for the columns this file has (without a `currency`
    /// column every vendor is in the scenario currency, and nothing is stored).
    mutating func prepareOptionalColumns() {
        if fieldOf[VendorColumn.onboardingCost.ordinal] >= 0 { pool.onboardingCost.reserveCapacity(64) }
    }

    /// What `validate` reports about the file's format.
    func fileFormat(defaults: [Int], parts: [VendorPool], skippedRows: Int) -> VendorFileFormat {
        let vendors = parts.reduce(0) { $0 + $1.count }
        var format = VendorFileFormat()
        format.container = context.spreadsheet ? "xlsx" : "csv"
        format.sheet = context.sheet
        format.encoding = context.encoding.rawValue
        format.delimiter = Self.delimiterName(context.delimiter)
        format.delimiterSource = context.spreadsheet ? "worksheet" : context.options.delimiter != nil ? "--delimiter" : "detected"
        format.decimalMark = context.decimalComma ? "," : "."
        format.headers = headerReadings
        func add(_ column: VendorColumn, _ value: String) {
            if fieldOf[column.ordinal] < 0 {
                if vendors > 0 { format.defaults.append(DefaultApplied(field: column.name, value: value, vendors: vendors, reason: "no column")) }
            } else if defaults[column.ordinal] > 0 {
                format.defaults.append(DefaultApplied(field: column.name, value: value, vendors: defaults[column.ordinal], reason: "blank cells"))
            }
        }
        add(.name, "the id")
        add(.workStart, "09:00")
        add(.workEnd, "17:00")
        add(.culturalFit, "the scenario's missing.cultural_fit")
        add(.maxFTE, "capacity_fte")
        add(.minFTE, "0")
        add(.currency, context.options.fx == nil ? "the scenario's currency" : context.options.currency)
        add(.onboardingCost, "the scenario's costs.onboarding_per_vendor")
        format.currencies = fieldOf[VendorColumn.currency.ordinal] >= 0 ? Array(Set(parts.flatMap(\.currencies.display))).sorted() : []
        format.convertedTo = context.options.fx == nil ? nil : context.options.currency
        format.skippedEmptyRows = skippedRows
        format.vendorsWithRates = parts.reduce(0) { $0 + $1.skillRates.count }
        format.vendorsWithOnboardingCost = parts.reduce(0) { $0 + $1.onboardingCost.count { !$0.isNaN } }
        return format
    }

    /// The ISO 4217 code a header unit names (`USD/h`, `EUR per hour`, `€/h`), if it names one.
    static func currencyNamed(in unit: String) -> String? {
        for word in unit.split(whereSeparator: { !$0.isLetter }) where word.count == 3 {
            let code = word.uppercased()
            if Locale.commonISOCurrencyCodes.contains(code) { return code }
        }
        for (symbol, codes) in NumberFormats.symbols where codes.count == 1 && unit.contains(symbol) { return codes.first }
        return nil
    }

    // MARK: Rows

    /// Whether every cell of the current row is empty or blank (then the row is skipped, counted).
    mutating func isEmptyRow() -> Bool {
        for cell in cells where !ByteParsing.trimmed(cell).isEmpty { return false }
        notes.note(.emptyRows, at: SourceLocation(file: source, line: plainLine > 0 ? plainLine : fields[0].line))
        return true
    }

    /// For a row with one field too many: the unquoted decimal comma that likely split a number.
    func fieldCountHint() -> String {
        guard fields.count == headerCount + 1, context.delimiter == CSVByte.comma else { return "" }
        for index in 0..<(fields.count - 1) where index < cells.count - 1 {
            let a = ByteParsing.trimmed(cells[index]), b = ByteParsing.trimmed(cells[index + 1])
            guard !a.isEmpty, !b.isEmpty, a.allSatisfy({ $0 &- 48 < 10 }), b.allSatisfy({ $0 &- 48 < 10 }) else { continue }
            let header = index < headerReadings.count ? " near '\(headerReadings[index].header)'" : ""
            return "; '\(Self.shown(a)),\(Self.shown(b))'\(header) is likely a number with an unquoted decimal comma: write \(Self.shown(a)).\(Self.shown(b)), or quote the cell"
        }
        return ""
    }

    /// A country cell that is not two letters: an alpha-3 code, a name or an alias (`CountryNames`).
    mutating func countryByName(_ field: Int, _ value: UnsafeBufferPointer<UInt8>) -> Int32 {
        if let cached = countryNameCache.value(for: value) {
            if cached < 0 { reportCountry(field, value) }
            return cached
        }
        var id: Int32 = -1
        if let code = CountryNames.alpha2(for: String(decoding: value, as: UTF8.self)) {
            let bytes = Array(code.utf8)
            if let index = Self.countryCode(bytes[0], bytes[1]) {
                id = countryIDs[index]
                if id < 0 { id = internCountry(code, code: index) }
            }
        }
        let known = id
        _ = countryNameCache.value(for: value) { known }
        if id < 0 { reportCountry(field, value) }
        return id
    }

    /// For a two-letter code seen for the first time: `nil` when it is assigned (the caller interns
    /// it); else the id of the country its alias means (`UK` → GB), or -1 after an error (and the code
    /// is remembered as invalid, -2).
    mutating func unassignedCode(_ code: Int, _ field: Int, _ value: UnsafeBufferPointer<UInt8>) -> Int32? {
        let text = String(decoding: [value[0] & 0xDF, value[1] & 0xDF], as: UTF8.self)
        if CountryNames.assigned.contains(text) { return nil }
        if let alias = CountryNames.alpha2(for: text), alias != text {
            let id = countryByName(field, value)
            countryIDs[code] = id
            return id
        }
        countryIDs[code] = -2
        reportCountry(field, value)
        return -1
    }

    mutating func reportCountry(_ field: Int, _ value: UnsafeBufferPointer<UInt8>) {
        let suggestions = CountryNames.suggestions(for: String(decoding: value, as: UTF8.self))
        let hint = suggestions.isEmpty ? "" : "; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?"
        log.error(location(field), "invalid_country",
                  "expected an ISO 3166-1 country (code such as 'DE' or 'DEU', or English name) for 'country', found '\(Self.shown(value))'\(hint)")
    }

    /// Interns a zone spelling seen for the first time; -1 when it is refused.
    mutating func internZone(_ value: UnsafeBufferPointer<UInt8>) -> Int32 {
        guard case .success(let resolved) = TimeZoneNames.resolve(String(decoding: value, as: UTF8.self)) else { return -1 }
        let id = pool.timeZones.intern(resolved.name, key: resolved.name)
        while zoneIsFixed.count <= id { zoneIsFixed.append(false) }
        zoneIsFixed[id] = resolved.isFixedOffset
        return Int32(id)
    }

    mutating func reportZone(_ field: Int, _ value: UnsafeBufferPointer<UInt8>) {
        guard case .failure(let problem) = TimeZoneNames.resolve(String(decoding: value, as: UTF8.self)) else { return }
        let code: String
        switch problem {
        case .abbreviation: code = "ambiguous_timezone"
        case .ambiguousCity: code = "ambiguous_timezone"
        default: code = "unknown_timezone"
        }
        log.error(location(field), code,
                  "expected an IANA time zone such as 'Europe/Berlin' (or a city such as 'Toronto', or an offset such as 'UTC+05:30') for 'timezone', found '\(Self.shown(value))'\(problem.hint)")
    }

    /// Reads the row's `currency` cell: sets `rowCurrency` and `rowFactor` (to the scenario currency).
    mutating func readCurrency() {
        let scenario = context.options.currency
        rowCurrency = scenario
        rowFactor = 1
        guard let (field, value) = cell(.currency) else { return }
        var id: Int32
        if let cached = currencyCache.value(for: value) {
            id = cached
        } else {
            let text = String(decoding: value, as: UTF8.self).uppercased()
            let code = text.isEmpty ? scenario : text
            if code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }), Locale.commonISOCurrencyCodes.contains(code) || code == scenario {
                id = Int32(pool.currencies.intern(code, key: code))
                if pool.currencyFactor.count < pool.currencies.count {
                    let factor: Double
                    if let fx = context.options.fx { factor = code == scenario ? 1 : fx[code] ?? .infinity } else { factor = .nan }
                    pool.currencyFactor.append(factor)
                }
            } else {
                id = -1
            }
            let known = id
            _ = currencyCache.value(for: value) { known }
        }
        if value.isEmpty { defaultCounts[VendorColumn.currency.ordinal] += 1 }
        guard id >= 0 else {
            let text = String(decoding: value, as: UTF8.self)
            let near = closestMatch(to: text.uppercased(), in: Locale.commonISOCurrencyCodes).map { "; did you mean '\($0)'?" } ?? ""
            log.error(location(field), "invalid_currency",
                      "expected an ISO 4217 currency code such as 'EUR' for 'currency', found '\(Self.shown(value))'\(near)")
            pool.currencyIndex.append(0)
            rowFactor = .nan
            return
        }
        pool.currencyIndex.append(id)
        rowCurrency = pool.currencies.display[Int(id)]
        let factor = pool.currencyFactor[Int(id)]
        if factor == .infinity {
            log.error(location(field), "missing_fx",
                      "expected a rate for \(rowCurrency) in the scenario's [fx] table (\(scenario) per 1 \(rowCurrency)), found none; add \(rowCurrency) = … under [fx]")
            rowFactor = .nan
            return
        }
        rowFactor = factor.isNaN ? 1 : factor
    }

    /// A numeric cell that is not a plain number: formatted amounts (`NumberFormats`), else an error.
    mutating func formattedNumber(_ column: VendorColumn, _ field: Int, _ value: UnsafeBufferPointer<UInt8>) -> Double? {
        let text = String(decoding: value, as: UTF8.self)
        let percentField = column == .quality || column == .culturalFit
        let money = column == .hourlyRate || column == .onboardingCost || column == .rates
        switch NumberFormats.parse(text, decimalComma: context.decimalComma, allowPercent: percentField) {
        case .success(let parsed):
            let here = location(field)
            if let mark = parsed.currencyMark {
                guard money else {
                    log.error(here, "not_a_number", "expected a number for '\(column.name)', found '\(Self.shown(value))': a currency belongs only to amounts")
                    return nil
                }
                let currency = rowCurrency.isEmpty ? context.options.currency : rowCurrency
                guard NumberFormats.agrees(mark, with: currency) else {
                    log.error(here, "currency_mismatch",
                              "expected an amount in \(currency) (the vendor's currency) for '\(column.name)', found '\(Self.shown(value))', which says \(NumberFormats.meaning(of: mark)); fix the amount or the vendor's currency")
                    return nil
                }
                notes.note(.currencySymbol, at: here, detail: Self.shown(value))
            }
            if parsed.percent { notes.note(.percent, at: here, detail: Self.shown(value)) }
            if parsed.thousands { notes.note(.thousands, at: here, detail: Self.shown(value)) }
            if parsed.decimalComma && context.decimalCommaDetected {
                notes.note(.decimalComma, at: here, detail: context.delimiter == 9 ? "tab" : "';'")
            }
            return parsed.value
        case .failure(let problem):
            let hint: String
            var code = "not_a_number"
            switch problem {
            case .ambiguous(let thousands, let decimal):
                code = "ambiguous_number"
                let mark = context.decimalComma ? "." : ","
                hint = "; it reads as \(thousands) ('\(mark)' separating thousands) or as \(decimal) ('\(mark)' as the decimal mark): write \(thousands) or \(decimal) without the '\(mark)'" + (!context.decimalComma && context.delimiter != CSVByte.comma && !context.spreadsheet ? " (or pass --decimal-comma if every number uses ',')" : "")
            case .ambiguousAmount(let thousands, let decimal, let separator):
                code = "ambiguous_number"
                hint = "; with a currency it reads as \(thousands) ('\(separator)' separating thousands) or as \(decimal) ('\(separator)' as the decimal mark): write \(thousands) or \(decimal)"
            case .wrongDecimalMark(let expected, let rewritten):
                code = "wrong_decimal_mark"
                hint = context.decimalComma
                    ? "; this file's decimal mark is ',' (it is ';'-separated with decimal commas): write \(rewritten.replacingOccurrences(of: ".", with: ","))"
                    : "; this file's decimal mark is '\(expected)': write \(rewritten)" + (context.delimiter != CSVByte.comma && !context.spreadsheet ? " (or pass --decimal-comma if every number uses ',')" : "")
            case .percentNotAllowed:
                hint = "; '%' belongs only to 0–100 fields (quality, cultural_fit)"
            case .outOfRange:
                code = "number_out_of_range"
                hint = ", which is beyond the largest number a cell can hold (about 1.8e308)"
            case .notANumber:
                hint = ""
            }
            log.error(location(field), code, "expected a number for '\(column.name)', found '\(Self.shown(value))'\(hint)")
            return nil
        }
    }

    /// Reads `rates` (`skill=rate;skill=rate`), converted; a skill the vendor does not list is a warning.
    mutating func readSkillRates() {
        guard let (field, value) = cell(.rates), !value.isEmpty else { return }
        let row = pool.ids.count - 1
        let offered = Set(pool.skills[row])
        var rates: [Int32: Double] = [:]
        var seen: [String: String] = [:] // skill key → the entry that first named it
        for part in String(decoding: value, as: UTF8.self).split(separator: ";") {
            let item = part.trimmingCharacters(in: .whitespaces)
            guard !item.isEmpty else { continue }
            guard let eq = item.firstIndex(of: "="), !item[..<eq].trimmingCharacters(in: .whitespaces).isEmpty else {
                log.error(location(field), "invalid_rates", "expected 'skill=rate' entries separated by ';' for 'rates', found '\(item)'")
                continue
            }
            let skill = item[..<eq].trimmingCharacters(in: .whitespaces)
            let amount = item[item.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if let first = seen[Token.key(skill)] {
                log.error(location(field), "duplicate_rate",
                          "expected each skill once in 'rates', found '\(skill)' again ('\(first)', then '\(item)'); keep the one rate that holds")
                continue
            }
            seen[Token.key(skill)] = item
            var bytes = Array(amount.utf8)
            let rate: Double? = bytes.withUnsafeMutableBufferPointer { buffer in
                let view = UnsafeBufferPointer(buffer)
                if !context.decimalComma, let plain = ByteParsing.parseDouble(view) { return plain }
                return formattedNumber(.rates, field, view)
            }
            guard let rate else { continue }
            guard rate > 0 else {
                log.error(location(field), "invalid_rates", "expected a positive rate for '\(skill)' in 'rates', found '\(amount)'")
                continue
            }
            guard withinMagnitude(rate, VendorMagnitude.rate, .rates, field, value, entry: skill) else { continue }
            guard let id = pool.skillTokens.id(of: skill), offered.contains(Int32(id)) else {
                log.warning(location(field), "rate_for_unlisted_skill",
                            "expected rates only for the vendor's skills, found a rate for '\(skill)', which its 'skills' do not list: ignored")
                continue
            }
            rates[Int32(id)] = rate * rowFactor
        }
        if !rates.isEmpty { pool.skillRates[row] = rates }
    }

    /// Reads `onboarding_cost`, converted; NaN for a blank cell (counted as a default).
    mutating func readOnboardingCost() {
        var cost = Double.nan
        if let (field, value) = cell(.onboardingCost), let amount = number(.onboardingCost, field, value, required: false) {
            if !withinMagnitude(amount, VendorMagnitude.onboardingCost, .onboardingCost, field, value) {
                pool.onboardingCost.append(.nan)
                return
            } else if amount < 0 {
                log.error(location(field), "negative_onboarding_cost", "expected an onboarding_cost of 0 or more, found '\(Self.shown(value))'")
            }
            cost = amount * rowFactor
        }
        pool.onboardingCost.append(cost)
    }
}
