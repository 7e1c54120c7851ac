/// One rate per vendor in every output (docs/MODEL.md, "Rates per skill"): the rate that criteria,
/// rules and tie-breaks use is `r̄_v`, the demand-weighted mean of the vendor's rates over the
/// demanded skills it offers (`ScoredPool.meanRate`). Outputs show `r̄`, labelled as such where it
/// differs from a vendor's `hourly_rate`, and the per-skill rates it is billed at where they apply.
extension ScoredPool {
    /// Whether vendor `index` is billed per skill on the demand: one of the demanded skills it
    /// offers has a rate of its own that differs from its `hourly_rate`.
    public func billedPerSkill(_ index: Int) -> Bool {
        demandedSkillRates(index).contains { $0.rate != pool.hourlyRate[index] }
    }

    /// The rate vendor `index` is billed for each demanded skill it offers, in the demand's order
    /// (empty when the demand is one total or the vendor has no `rates`).
    public func demandedSkillRates(_ index: Int) -> [(skill: String, rate: Double)] {
        guard scenario.demand.isPerSkill, pool.skillRates[index] != nil else { return [] }
        return scenario.demand.skills.compactMap { skill in
            guard let id = pool.skillID(skill.key), pool.offers(index, skill: id) else { return nil }
            return (skill.display, pool.rate(of: index, skill: id))
        }
    }

    /// Whether any vendor of the pool is billed per skill on the demand, so that `r̄` differs from
    /// `hourly_rate` somewhere and outputs label the rate column `r̄`.
    public var usesMeanRates: Bool {
        pool.skillRates.keys.contains { billedPerSkill($0) }
    }

    /// The rate column's title: `EUR/h`, or `r̄ EUR/h` when some vendor's `r̄` is a mean of per-skill rates.
    public var rateTitle: String {
        (usesMeanRates ? "r̄ " : "") + "\(scenario.currency)/h"
    }

    /// The legend of `rateTitle` when it is `r̄` (`nil` otherwise).
    public var rateLegend: String? {
        usesMeanRates ? "r̄: the vendor's rate as scored, the demand-weighted mean of its per-skill rates over the demanded skills it offers (its hourly_rate when it has none)" : nil
    }

    /// `x` as a rate in messages: at most four decimals, trailing zeros dropped (`30.6667`, never
    /// `30.666666666666668`), enough to tell `r̄` 30.6657 from a `max_rate` of 30.66.
    public static func rateText(_ x: Double) -> String { Format.number(x, decimals: 4) }
}
