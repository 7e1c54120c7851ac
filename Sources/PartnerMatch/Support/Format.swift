/// Locale-independent number formatting for messages and outputs (same bytes on every machine): the
/// one home of the number texts every target prints (`money`, `number`, `fixed`, `shortest`, `hours`).
public enum Format {
    /// Whole currency units with thousands separators: `1284000.4` → `1,284,000`.
    public static func money(_ value: Double) -> String {
        // Beyond ±9.2e18 an Int64 cannot hold the value: print it as Swift does (`1e+19`).
        guard value.isFinite, abs(value) < 9e18 else { return String(value) }
        let rounded = Int64(value.rounded())
        let digits = String(abs(rounded))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (rounded < 0 ? "-" : "") + out
    }

    /// At most `decimals` decimals, trailing zeros removed: `2.50` → `2.5`, `4.0` → `4`.
    public static func number(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite, abs(value) * pow10(decimals) < 9e18 else { return String(value) }
        var unit: Int64 = 1
        for _ in 0..<decimals { unit *= 10 }
        let scaled = Int64((abs(value) * Double(unit)).rounded())
        var text = String(scaled / unit)
        var fraction = String(scaled % unit)
        if scaled % unit != 0 {
            fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return (value < 0 && scaled > 0 ? "-" : "") + text
    }

    /// Exactly `decimals` decimals (`0.824`, `1.00`); NaN as an empty string, infinities as `inf`/`-inf`.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "" : (value > 0 ? "inf" : "-inf") }
        let scaled = (abs(value) * pow10(decimals)).rounded()
        let negative = value < 0 && scaled > 0
        var digits = String(Int64(scaled))
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return (negative ? "-" : "") + digits
    }

    /// The shortest decimal form that reads back as `value`: integral values without a fraction
    /// (`4`, `1250000`), others in Swift's round-trip form (`0.25`, `-0.2`); infinities `inf`/`-inf`,
    /// NaN as `nan` (the vendor writer passes `""`).
    public static func shortest(_ value: Double, nan: String = "nan") -> String {
        if value.isNaN { return nan }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// Hours with exactly `decimals` decimals and the unit: `1.5 h`, `2.0 h`, `1.96 h`.
    public static func hours(_ hours: Double, decimals: Int = 1) -> String { fixed(hours, decimals: decimals) + " h" }

    /// A count in words for prose: `six`; digits from 13 on.
    public static func cardinal(_ n: Int) -> String {
        let words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
        return words.indices.contains(n) ? words[n] : String(n)
    }

    /// Items joined for prose: `a`, `a and b`, `a, b and c`.
    public static func andList(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }

    private static func pow10(_ n: Int) -> Double {
        var x = 1.0
        for _ in 0..<n { x *= 10 }
        return x
    }
}
