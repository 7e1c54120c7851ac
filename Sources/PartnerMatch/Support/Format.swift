/// Locale-independent number formatting for messages and outputs (same bytes on every machine).
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

    private static func pow10(_ n: Int) -> Double {
        var x = 1.0
        for _ in 0..<n { x *= 10 }
        return x
    }
}
