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
///   of TO when it lands on a step. `FROM..TO/STEP` (two dots, as typed in Ruby, Kotlin or shell
///   brace ranges) is the same inclusive range; `..<` is refused rather than guessed at.
///
/// Each amount is read by `Amount` (`25k`, `1.2M`, `1.2m`, `1_250_000`). Budgets must be
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
        if trimmed.contains("..") { return try range(trimmed) }
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

    /// `FROM...TO/STEP`, or `FROM..TO/STEP` (the same inclusive range).
    private static func range(_ text: String) throws(BudgetListError) -> [Double] {
        if text.contains("..<") {
            throw BudgetListError("'..<' is not a budget range: write FROM...TO/STEP (TO included when it lands on a step), found '\(text)'")
        }
        let separator = text.contains("...") ? "..." : ".."
        let ends = text.components(separatedBy: separator)
        guard ends.count == 2, !ends[1].hasPrefix("."), let slash = ends[1].firstIndex(of: "/") else {
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

    /// One amount (see `Amount`); `role` names it in the message (`FROM`, `TO`, `STEP`).
    public static func amount(_ text: String, role: String? = nil) throws(BudgetListError) -> Double {
        do {
            return try Amount.parse(text, what: role.map { "the budget \($0)" } ?? "the budget")
        } catch {
            throw BudgetListError(error.message)
        }
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
