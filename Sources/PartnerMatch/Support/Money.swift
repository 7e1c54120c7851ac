/// The one rule for comparing and rounding money (docs/MODEL.md, "Money to the cent").
///
/// Amounts are money: a cost fits a budget when `C ≤ B + 0.005` (half a cent of the scenario's
/// currency), so a budget typed as a team's printed cost always buys that team, whatever binary
/// floating point does to the exact decimal sum. Every least budget the engine reports or suggests
/// is the exact amount rounded *up* to the cent, so a budget equal to it fits. Verification, the
/// team model's budget row, the minimum budget and every suggested amount call this type; no other
/// tolerance is applied to money.
public enum Money {
    /// Half a cent: the slack of every comparison of a cost with a budget.
    public static let halfCent = 0.005

    /// Whether `cost` fits `budget`: `cost ≤ budget + 0.005`.
    public static func fits(_ cost: Double, within budget: Double) -> Bool {
        cost <= budget + halfCent
    }

    /// The right-hand side of the model's budget row: `B + 0.005` less a margin, so that a point
    /// exactly on the row still `fits` the budget once its FTE are read off the solver and cleaned of
    /// noise (`TeamOptimizer.clean` moves an FTE by at most 10⁻⁹ of itself, so the cost by at most
    /// 10⁻⁹ of the budget) and re-summed in floating point (a few ulps). A team costing within the
    /// margin below `B + 0.005` — 0.003 at a budget of one million — is the only one the row loses.
    public static func budgetRow(_ budget: Double) -> Double {
        budget + halfCent - rowMargin(budget)
    }

    /// What the model row keeps below the half cent: 10⁻⁶ plus 2·10⁻⁹ of the budget.
    static func rowMargin(_ budget: Double) -> Double { 1e-6 + 2e-9 * abs(budget) }

    /// `amount` rounded up to the cent. Binary noise below a millionth of a cent is ignored
    /// (77,656.80 computed as 77,656.80000000001 is 77,656.80, not 77,656.81): the half cent
    /// `fits` allows covers it, so a budget equal to the result always fits `amount`.
    public static func roundedUpToCent(_ amount: Double) -> Double {
        guard amount.isFinite else { return amount }
        let cents = (amount * 100 - 1e-4).rounded(.up)
        return cents / 100
    }

    /// `amount` rounded to the nearest cent (how costs are printed).
    public static func roundedToCent(_ amount: Double) -> Double {
        guard amount.isFinite else { return amount }
        return (amount * 100).rounded() / 100
    }
}

extension Money {
    /// `amount` as a buyer types it back: thousands separators, and the cents when it has any
    /// (`77,656.80`, `359,100`). Rounded to the nearest cent, so apply `roundedUpToCent` first to a
    /// least budget.
    public static func text(_ amount: Double) -> String {
        guard amount.isFinite, abs(amount) < 9e15 else { return Format.money(amount) }
        let cents = Int64((abs(amount) * 100).rounded())
        let whole = Format.money(Double(cents / 100))
        let sign = amount < 0 && cents > 0 ? "-" : ""
        let fraction = cents % 100
        guard fraction != 0 else { return sign + whole }
        return sign + whole + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }
}

extension Money {
    /// The largest amount the scenario reader accepts (`budget.total`, `rules.max_rate`): no
    /// suggestion goes beyond it.
    public static let largestAmount = Magnitude.money
}
