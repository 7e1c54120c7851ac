/// Sizes beyond which the readers stop with a clear error instead of running out of memory or time
/// (docs/LIMITS.md). The defaults are far above any real vendor list or scenario, and far below what
/// would exhaust a laptop; each is reported at the place it is exceeded, with its own code.
public struct InputLimits: Sendable, Equatable {
    /// Largest vendor CSV, in bytes (`file_too_large`). Default 512 MiB: the file is read into memory
    /// and parsed beside it; 1 GiB would not fit in 1 GB of memory (docs/LIMITS.md).
    public var vendorFileBytes: Int
    /// Longest CSV field, in bytes, quotes included (`field_too_long`). Default 64 KiB.
    public var fieldBytes: Int
    /// Longest CSV record (one row, with the line breaks inside its quoted fields), in bytes
    /// (`line_too_long`). Default 1 MiB.
    public var lineBytes: Int
    /// Most vendor rows (`too_many_rows`). Default 2 million: 1 million rows take 345 MiB to validate.
    public var rows: Int
    /// Most columns in the header (`too_many_columns`). Default 1,000.
    public var columns: Int
    /// Most `;`-separated tokens in one `skills` or `certifications` cell (`too_many_tokens`). Default 1,000.
    public var tokensPerCell: Int
    /// Most distinct skills and certifications (by `Token.key`) in one vendor file
    /// (`too_many_distinct_tokens`). Default 100,000: every distinct token is interned twice (its
    /// spelling and its key), so 20 million of them took 4.7 GB.
    public var distinctTokens: Int
    /// Largest scenario file, in bytes (`file_too_large`). Default 1 MiB.
    public var scenarioFileBytes: Int
    /// Most skills in a scenario's `[demand]` (`too_many_skills`). Default 64: the exact dominance
    /// pruning signs vendors with a 64-bit skill set; beyond it every vendor stays in the MILP, and
    /// 1,000 vendors × 100 skills took 28 s (docs/LIMITS.md).
    public var demandedSkills: Int
    /// Deepest nesting of arrays and tables in a scenario file (`too_deep`). Default 64.
    public var nestingDepth: Int

    public init(
        vendorFileBytes: Int = 512 << 20, fieldBytes: Int = 64 << 10, lineBytes: Int = 1 << 20,
        rows: Int = 2_000_000, columns: Int = 1_000, tokensPerCell: Int = 1_000, distinctTokens: Int = 100_000,
        scenarioFileBytes: Int = 1 << 20, demandedSkills: Int = 64, nestingDepth: Int = 64
    ) {
        self.distinctTokens = distinctTokens
        self.vendorFileBytes = vendorFileBytes
        self.fieldBytes = fieldBytes
        self.lineBytes = lineBytes
        self.rows = rows
        self.columns = columns
        self.tokensPerCell = tokensPerCell
        self.scenarioFileBytes = scenarioFileBytes
        self.demandedSkills = demandedSkills
        self.nestingDepth = nestingDepth
    }

    /// The limits the readers and the command line use.
    public static let `default` = InputLimits()

    /// A byte count for messages: `2 GiB`, `64 KiB`, `1 MiB`, or bytes.
    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 30, bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }

    /// The deepest nesting of `[`/`{` outside strings and comments in TOML or JSON text, stopping
    /// as soon as it passes `limit`; with the line and column (in characters, 1-based) where it did.
    ///
    /// A lexical scan, not a parse: `"…"`, `'…'` (and their triple-quoted forms, which toggle
    /// the same way) and `#` comments are skipped, so brackets inside them do not count.
    /// - Complexity: O(n) in the text's length.
    static func nesting(of text: String, limit: Int) -> (depth: Int, line: Int, column: Int)? {
        var depth = 0, line = 1, column = 0
        var quote: UInt8? = nil
        var escaped = false, comment = false
        for byte in text.utf8 {
            if byte & 0xC0 != 0x80 { column += 1 }
            if byte == 0x0A { line += 1; column = 0; comment = false; escaped = false; continue }
            if comment { continue }
            if let open = quote {
                if escaped { escaped = false } else if byte == 0x5C && open == 0x22 { escaped = true } else if byte == open { quote = nil }
                continue
            }
            switch byte {
            case 0x22, 0x27: quote = byte
            case 0x23: comment = true
            case 0x5B, 0x7B:
                depth += 1
                if depth > limit { return (depth, line, column) }
            case 0x5D, 0x7D: depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }
}
