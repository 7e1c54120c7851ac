/// How a vendor file is to be read beyond what detection finds (`--encoding`, `--delimiter`,
/// `--decimal-comma`, `--sheet`, `--map`, and the scenario's `currency`, `[fx]` and `[columns]`).
public struct VendorReadOptions: Sendable {
    /// `nil`: detected (UTF-8, UTF-16 with BOM, else Windows-1252 with a warning).
    public var encoding: TextEncoding?
    /// `nil`: detected from the header line among `,` `;` tab `|`.
    public var delimiter: UInt8?
    /// `true`: `,` is the decimal mark (`--decimal-comma`); `nil`: detected (`;` files only).
    public var decimalComma: Bool?
    /// The worksheet of an `.xlsx` file; `nil`: the first.
    public var sheet: String?
    /// Header → field (or `pass`), `[columns]` first, then `--map` (a later entry for the same header wins).
    public var columns: [ColumnMapping]
    /// The scenario's currency: amounts of vendors without a `currency` cell are in it.
    public var currency: String
    /// Scenario-currency units per one unit of each other currency; `nil` (no scenario given, as in
    /// `validate` alone): amounts are kept in their own currencies and not converted.
    public var fx: [String: Double]?
    /// Keep the pools the reading threads filled, in file order (`VendorReadResult.parts`), instead of
    /// joining them into `VendorReadResult.pool`: for a caller that only summarises the file, as
    /// `validate` does (joining half a million vendors' columns was a tenth of reading a million).
    public var keepChunks = false

    public init(encoding: TextEncoding? = nil, delimiter: UInt8? = nil, decimalComma: Bool? = nil,
                sheet: String? = nil, columns: [ColumnMapping] = [], currency: String = "USD",
                fx: [String: Double]? = [:]) {
        self.encoding = encoding
        self.delimiter = delimiter
        self.decimalComma = decimalComma
        self.sheet = sheet
        self.columns = columns
        self.currency = currency
        self.fx = fx
    }

    /// The delimiters a vendor file may use, as `--delimiter` names them.
    public static func delimiter(argument: String) -> UInt8? {
        switch argument.lowercased() {
        case ",", "comma": UInt8(ascii: ",")
        case ";", "semicolon": UInt8(ascii: ";")
        case "\t", "\\t", "tab": 9
        case "|", "pipe": UInt8(ascii: "|")
        default: nil
        }
    }
}

/// One explicit header mapping: `"Day rate / 8" = "hourly_rate"`, or `= "pass"` to keep an extra column.
public struct ColumnMapping: Sendable, Hashable {
    public var header: String
    /// A `VendorColumn` raw value or `pass`.
    public var field: String
    /// Where it was given (`--map`, or `scenario.toml:40:1`), for messages.
    public var origin: String

    public init(header: String, field: String, origin: String) {
        self.header = header
        self.field = field
        self.origin = origin
    }

    /// The fields a mapping may name.
    public static let fields: [String] = VendorColumn.allCases.map(\.name) + ["pass"]

    /// Parses `--map "Header=field"`; `nil` when there is no `=` or the field is unknown.
    public static func parse(argument: String) -> ColumnMapping? {
        guard let eq = argument.lastIndex(of: "=") else { return nil }
        let header = argument[..<eq].trimmingCharacters(in: .whitespaces)
        let field = argument[argument.index(after: eq)...].trimmingCharacters(in: .whitespaces).lowercased()
        guard !header.isEmpty, fields.contains(field) else { return nil }
        return ColumnMapping(header: header, field: field, origin: "--map")
    }
}

/// How one header cell was read, as `validate` reports it.
public struct HeaderReading: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable { case field, passedThrough = "passed_through", ignored }
    /// The header as written.
    public var header: String
    public var kind: Kind
    /// The field it holds (`kind == .field`).
    public var field: String?
    /// How it was matched: `exact`, `alias`, `[columns]`, `--map`, or why it was ignored / passed.
    public var how: String
}

/// A default value applied to vendors whose file gave none.
public struct DefaultApplied: Sendable, Hashable, Codable {
    public var field: String
    public var value: String
    public var vendors: Int
    /// `no column` or `blank cells`.
    public var reason: String
}

/// Header names → fields (docs: `datasets/README.md`, "Headers"): compared ignoring case, spaces,
/// `-`, `_`, `.` and a trailing unit in brackets, then through the alias list.
public enum HeaderMatching {
    /// The matching key: lower-cased, a trailing `(…)` or `[…]` dropped, spaces `-` `_` `.` removed.
    public static func key(_ header: String) -> String {
        var text = Substring(header.trimmingCharacters(in: .whitespaces))
        if let last = text.last, last == ")" || last == "]" {
            let open: Character = last == ")" ? "(" : "["
            if let start = text.lastIndex(of: open), start > text.startIndex { text = text[..<start] }
        }
        return String(text.lowercased().filter { !" -_.\t".contains($0) })
    }

    /// The unit in a trailing bracket (`Hourly Rate (USD/h)` → `USD/h`), if any.
    public static func unit(_ header: String) -> String? {
        let text = header.trimmingCharacters(in: .whitespaces)
        guard let last = text.last, last == ")" || last == "]" else { return nil }
        let open: Character = last == ")" ? "(" : "["
        guard let start = text.lastIndex(of: open), start > text.startIndex else { return nil }
        return String(text[text.index(after: start)..<text.index(before: text.endIndex)])
    }

    /// Alias keys (see `key`) for each field, besides the field's own name.
    static let aliasList: [(VendorColumn, [String])] = [
        (.id, ["vendorid", "supplierid", "partnerid", "vendorcode", "suppliercode", "vendorno", "vendornumber"]),
        (.name, ["company", "companyname", "vendor", "vendorname", "supplier", "suppliername", "partner", "partnername"]),
        (.country, ["countrycode", "hqcountry", "nation"]),
        (.timezone, ["tz", "zone", "timezonename", "tzid", "timezoneiana", "iana"]),
        (.workStart, ["start", "shiftstart", "starttime", "workhoursstart", "workingfrom", "hoursfrom", "daystart"]),
        (.workEnd, ["end", "shiftend", "endtime", "workhoursend", "workinguntil", "hoursto", "dayend"]),
        (.hourlyRate, ["rate", "hourly", "priceperhour", "rateperhour", "hourlyprice", "hourlyfee", "price"]),
        (.quality, ["qualityscore", "qualityrating"]),
        (.culturalFit, ["culture", "culturefit", "fit", "culturalfitscore"]),
        (.capacityFTE, ["capacity", "fte", "availablefte", "currentfte", "capacitynow"]),
        (.maxFTE, ["maxcapacity", "maximumfte", "rampupfte", "fteafterrampup", "maxftes"]),
        (.minFTE, ["minimumfte", "minengagement", "minimumengagement", "minftes"]),
        (.certifications, ["certs", "certificates", "certification", "certificate"]),
        (.skills, ["skill", "skillset", "capabilities"]),
        (.currency, ["ccy", "currencycode"]),
        (.rates, ["skillrates", "ratesperskill", "rateperskill"]),
        (.onboardingCost, ["onboarding", "onboardingfee", "setupcost", "transitioncost"]),
    ]

    static let byKey: [String: (VendorColumn, alias: Bool)] = {
        var table: [String: (VendorColumn, alias: Bool)] = [:]
        for column in VendorColumn.allCases { table[key(column.name)] = (column, false) }
        for (column, aliases) in aliasList { for alias in aliases where table[alias] == nil { table[alias] = (column, true) } }
        return table
    }()

    /// Words of a header that suggest working hours (to refuse silently dropping such a column): a
    /// word equal to one of `workHourWords`, or starting with one of `workHourStems` (`begins`, `closing`).
    /// Whole words, so that `Vendor contact` (which holds "end") is not taken for an end time.
    static let workHourWords: Set<String> = ["end", "ends", "from", "until", "till", "time", "times"]
    static let workHourStems = ["start", "begin", "finish", "shift", "hour", "open", "clos"]

    /// What each header cell holds. `columns` is applied first (a later mapping of the same header
    /// wins); then exact names, then aliases. `nil` field with `.passedThrough`/`.ignored` kinds.
    static func read(_ headers: [String], columns: [ColumnMapping]) -> [(reading: HeaderReading, column: VendorColumn?)] {
        func mapping(for header: String) -> ColumnMapping? {
            let trimmed = header.trimmingCharacters(in: .whitespaces).lowercased()
            if let exact = columns.last(where: { $0.header.trimmingCharacters(in: .whitespaces).lowercased() == trimmed }) { return exact }
            let k = key(header)
            return columns.last { key($0.header) == k && !k.isEmpty }
        }
        return headers.map { header in
            let shown = header.trimmingCharacters(in: .whitespaces)
            if let mapped = mapping(for: header) {
                let how = mapped.origin == "--map" ? "--map" : "[columns]"
                if mapped.field == "pass" {
                    return (HeaderReading(header: shown, kind: .passedThrough, field: nil, how: how), nil)
                }
                let column = VendorColumn(rawValue: mapped.field)!
                return (HeaderReading(header: shown, kind: .field, field: column.name, how: how), column)
            }
            if shown.isEmpty {
                return (HeaderReading(header: shown, kind: .ignored, field: nil, how: "empty header"), nil)
            }
            if let (column, alias) = byKey[key(header)] {
                return (HeaderReading(header: shown, kind: .field, field: column.name, how: alias ? "alias" : "name"), column)
            }
            return (HeaderReading(header: shown, kind: .passedThrough, field: nil, how: "not a field"), nil)
        }
    }

    /// Whether a header that matched no field looks like it holds working hours.
    static func looksLikeWorkHours(_ header: String) -> Bool {
        // Words split at anything not a letter, and at a lower-to-upper change (`ShiftStart`).
        var words: [String] = []
        var current = ""
        var previousLower = false
        for ch in header {
            if !ch.isLetter {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousLower = false
                continue
            }
            if ch.isUppercase, previousLower, !current.isEmpty { words.append(current); current = "" }
            current.append(contentsOf: ch.lowercased())
            previousLower = ch.isLowercase
        }
        if !current.isEmpty { words.append(current) }
        return words.contains { word in workHourWords.contains(word) || workHourStems.contains { word.hasPrefix($0) } }
    }

    /// The passed-through header nearest to a missing field's name or aliases, if any is close.
    static func nearest(to column: VendorColumn, among headers: [String]) -> String? {
        let targets = [key(column.name)] + (aliasList.first { $0.0 == column }?.1 ?? [])
        var best: (Int, String)?
        for header in headers {
            let k = key(header)
            guard !k.isEmpty else { continue }
            // Each spelling allows about one edit per three letters of itself.
            for target in targets {
                let d = editDistance(k, target)
                guard d <= max(1, target.count / 3) else { continue }
                if best == nil || d < best!.0 { best = (d, header) }
            }
        }
        guard let (_, header) = best else { return nil }
        return header
    }
}
