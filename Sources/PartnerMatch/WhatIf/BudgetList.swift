import Foundation

/// A budget list that cannot be read: the message says which part and why.
public struct BudgetListError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// The budgets of a what-if sweep, as written on the command line (`--budgets`):
///
/// - a list, `800k,1.2M,1_500_000`: comma-separated amounts;
/// - a range, `FROM...TO/STEP`, e.g. `500k...1.5M/100k`: FROM, FROM + STEP, … up to TO, inclusive
///   of TO when it lands on a step.
///
/// An amount is a decimal number with optional `_` separators between digits and an optional
/// suffix `k` (thousand) or `M` (million); no sign, exponent, `inf` or `nan`. Budgets must be
/// positive. The result is sorted ascending without duplicates (a sweep reads left to right), and
/// has at most `maximumPoints` budgets.
public enum BudgetList {
    /// The most budgets one sweep may have.
    public static let maximumPoints = 1_000

    /// The budgets `text` describes, ascending and distinct.
    ///
    /// - Complexity: O(*n* log *n*) for *n* budgets.
    public static func parse(_ text: String) throws(BudgetListError) -> [Double] {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { throw BudgetListError("--budgets is empty: give a list such as 800k,1M or a range such as 500k...1.5M/100k") }
        if trimmed.contains("...") { return try range(trimmed) }
        var budgets: [Double] = []
        for (n, part) in trimmed.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
            let item = String(part).trimmingSpaces
            guard !item.isEmpty else { throw BudgetListError("budget \(n + 1) of the list is empty") }
            let value = try amount(item)
            guard value > 0 else { throw BudgetListError("budgets must be > 0, found '\(item)'") }
            budgets.append(value)
        }
        let distinct = Array(Set(budgets)).sorted()
        guard distinct.count <= maximumPoints else {
            throw BudgetListError("\(distinct.count) budgets is more than the limit of \(maximumPoints)")
        }
        return distinct
    }

    /// `FROM...TO/STEP`.
    private static func range(_ text: String) throws(BudgetListError) -> [Double] {
        let ends = text.components(separatedBy: "...")
        guard ends.count == 2, let slash = ends[1].firstIndex(of: "/") else {
            throw BudgetListError("a budget range reads FROM...TO/STEP (e.g. 500k...1.5M/100k), found '\(text)'")
        }
        let fromText = ends[0].trimmingSpaces
        let toText = String(ends[1][..<slash]).trimmingSpaces
        let stepText = String(ends[1][ends[1].index(after: slash)...]).trimmingSpaces
        let from = try amount(fromText, role: "FROM")
        let to = try amount(toText, role: "TO")
        let step = try amount(stepText, role: "STEP")
        guard step > 0 else { throw BudgetListError("the STEP of a budget range must be > 0, found '\(stepText)'") }
        guard from > 0 else { throw BudgetListError("budgets must be > 0, found FROM '\(fromText)'") }
        guard from <= to else {
            throw BudgetListError("the budget range runs backwards: FROM \(Format.money(from)) is more than TO \(Format.money(to))")
        }
        // Steps counted, not accumulated, so 0.1-sized steps do not drift; a TO within a
        // billionth of a step of a grid point counts as landing on it.
        let steps = ((to - from) / step + 1e-9).rounded(.down)
        guard steps + 1 <= Double(maximumPoints) else {
            let count = steps + 1 < 1e15 ? Format.money(steps + 1) : "more than \(Format.money(1e15))"
            throw BudgetListError("the budget range has \(count) points, more than the limit of \(maximumPoints): use a larger STEP")
        }
        let last = Int(steps)
        return (0...last).map { k in
            let value = from + Double(k) * step
            return k == last && abs(value - to) <= 1e-9 * step ? to : value
        }
    }

    /// One amount: digits with optional `_` separators and one `.`, then an optional `k` or `M`.
    public static func amount(_ text: String, role: String? = nil) throws(BudgetListError) -> Double {
        let what = role.map { "\($0) '\(text)'" } ?? "'\(text)'"
        func fail(_ why: String) -> BudgetListError {
            BudgetListError("cannot read the budget \(what): \(why) (write e.g. 1250000, 1_250_000, 800k or 1.2M)")
        }
        var body = Substring(text)
        var exponent = 0
        if let last = body.last, last == "k" || last == "K" || last == "M" {
            exponent = last == "M" ? 6 : 3
            body = body.dropLast()
        }
        guard !body.isEmpty else { throw fail("no digits") }
        var mantissa: UInt64 = 0
        var decimals = 0
        var seenPoint = false
        var previous: Character? = nil
        var digits = 0
        for ch in body {
            switch ch {
            case "0"..."9":
                guard digits < 18 else { throw fail("too many digits") }
                if digits > 0 || ch != "0" { digits += 1 }
                mantissa = mantissa * 10 + UInt64(ch.asciiValue! - 48)
                if seenPoint { decimals += 1 }
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
        guard body.contains(where: { $0.isASCII && $0.isNumber }) else { throw fail("no digits") }
        // Exact when the suffix covers the decimals: 1.2M = 12 × 10^5.
        let shift = exponent - decimals
        var scale = 1.0
        for _ in 0..<abs(shift) { scale *= 10 }
        return shift >= 0 ? Double(mantissa) * scale : Double(mantissa) / scale
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
