/// An amount of money that cannot be read: the message says which part and why, and how to write it.
public struct AmountError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// Why alone, e.g. `unexpected 'x'` (for messages that name the amount their own way).
    public var reason: String

    public init(_ message: String, reason: String = "") {
        self.message = message
        self.reason = reason
    }

    public var description: String { message }
}

/// The one reader of amounts typed by people: `--budgets`, `--tolerance`, and scenario keys that
/// take an amount as a string (`budget.total = "1.2M"`, `what_if.tolerance = "25k"`).
///
/// An amount is a decimal number with optional `_` separators between digits and an optional
/// suffix `k`/`K` (thousand) or `m`/`M` (million): `1250000`, `1_250_000`, `1250k`, `1.25M`,
/// `1.25m`. No sign, exponent, `inf` or `nan`. The value is exact whenever the suffix covers the
/// decimals (`1.2M` is 12 × 10⁵, not 1.2 × 10⁶ rounded).
public enum Amount {
    /// How an amount is written, for messages.
    public static let examples = "1250000, 1_250_000, 800k or 1.2M"

    /// The value of `text` (surrounding spaces ignored). `what` names the amount in the message,
    /// e.g. `"the budget"` or `"--tolerance"`.
    public static func parse(_ text: String, what: String = "the amount") throws(AmountError) -> Double {
        var body = Substring(text)
        while let f = body.first, f == " " || f == "\t" { body = body.dropFirst() }
        while let l = body.last, l == " " || l == "\t" { body = body.dropLast() }
        func fail(_ why: String) -> AmountError {
            AmountError("cannot read \(what) '\(text)': \(why) (write e.g. \(examples))", reason: why)
        }
        var exponent = 0
        if let last = body.last, "kKmM".contains(last) {
            exponent = last == "k" || last == "K" ? 3 : 6
            body = body.dropLast()
        }
        guard !body.isEmpty else { throw fail("no digits") }
        var mantissa: UInt64 = 0
        var decimals = 0
        var seenPoint = false
        var previous: Character? = nil
        var digits = 0
        var anyDigit = false
        for ch in body {
            switch ch {
            case "0"..."9":
                guard digits < 18 else { throw fail("too many digits") }
                if digits > 0 || ch != "0" { digits += 1 }
                mantissa = mantissa * 10 + UInt64(ch.asciiValue! - 48)
                if seenPoint { decimals += 1 }
                anyDigit = true
            case "_":
                guard let p = previous, p.isASCII, p.isNumber else { throw fail("'_' must come between digits") }
            case ".":
                guard !seenPoint else { throw fail("more than one decimal point") }
                seenPoint = true
            default:
                throw fail("unexpected '\(ch)'")
            }
            previous = ch
        }
        guard previous != "_" else { throw fail("'_' must come between digits") }
        guard anyDigit else { throw fail("no digits") }
        let shift = exponent - decimals
        var scale = 1.0
        for _ in 0..<abs(shift) { scale *= 10 }
        return shift >= 0 ? Double(mantissa) * scale : Double(mantissa) / scale
    }
}
