import Dispatch
import Foundation

/// The state of one read: the tokenizer, the pool being filled, and the look-up caches. Its work is in its
/// extensions, one file each: `+Parallel` (large inputs in chunks, merged), `+Structure` (header and
/// records), `+Rows` (each row into the pool), `+Formats` (column mappings, numbers, currencies),
/// `+Messages` (cell text for diagnostics).
struct VendorCSVParser {
    let source: String
    var tokenizer: CSVTokenizer
    var log = DiagnosticLog()
    var pool: VendorPool
    var limits = InputLimits.default
    /// A limit was exceeded: the read stops (the one error is already logged).
    var overLimit = false

    /// Field index of each `VendorColumn` (by `allCases` order), or -1.
    var fieldOf = [Int](repeating: -1, count: VendorColumn.allCases.count)
    var extraFields: [Int] = []
    /// How each header cell was read (for `validate`).
    var headerReadings: [HeaderReading] = []
    var headerCount = 0

    var fields: [CSVField] = []
    /// The current row was read by `CSVTokenizer.nextPlainRecord`: its line and first byte (then
    /// `fields` is not filled; `cells` holds the raw fields). 0 for a row read by `nextRecord`.
    var plainLine = 0
    var plainStart = 0
    /// The current row's cell values (unescaped, untrimmed), one per field.
    var cells: [UnsafeBufferPointer<UInt8>] = []
    var arena: UnsafeMutableBufferPointer<UInt8> = .init(start: nil, count: 0)

    var idLines = ByteStringTable()
    var zoneCache = ByteStringTable()
    var certificationCache = ByteStringTable()
    var skillCache = ByteStringTable()
    /// Interned country id per two-letter code (`(c0 - 'A') * 26 + (c1 - 'A')`), or -1.
    var countryIDs = [Int32](repeating: -1, count: 26 * 26)
    /// Per interned country id: index into `MarketRegion.all`, or -1 when unknown.
    var regionOfCountry: [Int] = []
    /// Per interned country id: the rates below or above which a warning is due (NaN: no region).
    var rateBounds: [(low: Double, high: Double)] = []
    /// Per interned certification id: whether it is one of `KnownCertification`.
    var certificationKnown: [Bool] = []
    var tokenScratch: [Int] = []
    /// Whole token cells seen before: index into `cellTokens`, or -1 for a cell that warns.
    var certificationCells = ByteStringTable()
    var skillCells = ByteStringTable()
    /// The ids of each remembered cell, sorted and distinct, one after another: cell `k`'s are
    /// `cellTokens[cellTokenEnds[k - 1]..<cellTokenEnds[k]]` (from 0 for the first).
    var cellTokens: [Int32] = []
    var cellTokenEnds: [Int] = []
    /// First physical line of this parser's rows, and its first byte (to locate a cell later).
    var firstLine = 1
    var firstByte = 0
    /// How this file is read (options, detected delimiter and decimal mark) and what was normalised.
    var context = ReadContext()
    var notes = FormatNotes()
    var defaultCounts = [Int](repeating: 0, count: VendorColumn.allCases.count)
    var countryNameCache = ByteStringTable()
    var zoneIsFixed: [Bool] = []
    var currencyCache = ByteStringTable()
    /// The current row's currency (a code) and its factor to the scenario currency.
    var rowCurrency = ""
    var rowFactor = 1.0

    /// Tokenizer issues already reported (`reportTokenizerIssues`).
    var reportedIssues = 0

    /// While every id so far is greater (in byte order) than the one before, a new id can only repeat
    /// an earlier one if it is not greater than the last: sorted files (most exports, every generated
    /// pool) need no hash table. The first id out of order builds the table from the ids so far.
    var idsAscending = true
    var firstIDRow = -1
    var lastIDRow = -1

    init(bytes: UnsafeBufferPointer<UInt8>, source: String, delimiter: UInt8 = CSVByte.comma) {
        self.source = source
        tokenizer = CSVTokenizer(bytes: bytes, delimiter: delimiter)
        pool = VendorPool(source: source)
    }
}
