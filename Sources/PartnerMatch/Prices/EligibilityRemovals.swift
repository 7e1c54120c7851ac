extension Scenario.Rules {
    /// How rule pricing removes each eligibility rule in force (docs/MODEL.md, "What each rule
    /// costs"): a threshold set to 0 (`max_rate` lifted), each required certification dropped
    /// alone, `allowed_countries` emptied, each excluded country and each excluded vendor lifted
    /// alone. Eligibility decides the set over which cost is normalised, so each is a scenario
    /// edit, scored afresh.
    var eligibilityRemovals: [RuleRemoval] {
        var out: [RuleRemoval] = []
        func threshold(_ key: String, _ value: Double, _ set: @escaping @Sendable (inout Scenario.Rules) -> Void) {
            guard value > 0 else { return }
            out.append(RuleRemoval(constraint: "rules.\(key)", written: Format.number(value, decimals: 4), without: "0",
                                   edit: .scenario { set(&$0.rules) }))
        }
        threshold("min_overlap_hours", minOverlapHours) { $0.minOverlapHours = 0 }
        for certification in requiredCertifications {
            let rest = requiredCertifications.filter { $0 != certification }
            out.append(RuleRemoval(constraint: "rules.required_certifications", entry: certification,
                                   written: requiredCertifications.joined(separator: ", "),
                                   without: rest.isEmpty ? "none" : rest.joined(separator: ", "),
                                   edit: .scenario { $0.rules.requiredCertifications = rest }))
        }
        threshold("min_quality", minQuality) { $0.minQuality = 0 }
        threshold("min_cultural_fit", minCulturalFit) { $0.minCulturalFit = 0 }
        if !allowedCountries.isEmpty {
            out.append(RuleRemoval(constraint: "rules.allowed_countries", written: allowedCountries.joined(separator: ", "),
                                   without: "all", edit: .scenario { $0.rules.allowedCountries = [] }))
        }
        for country in excludedCountries {
            let rest = excludedCountries.filter { $0 != country }
            out.append(RuleRemoval(constraint: "rules.excluded_countries", entry: country,
                                   written: excludedCountries.joined(separator: ", "),
                                   without: rest.isEmpty ? "none" : rest.joined(separator: ", "),
                                   edit: .scenario { $0.rules.excludedCountries = rest }))
        }
        if let maxRate {
            out.append(RuleRemoval(constraint: "rules.max_rate", written: Format.number(maxRate, decimals: 4), without: "none",
                                   edit: .scenario { $0.rules.maxRate = nil }))
        }
        for id in excludeVendors {
            let rest = excludeVendors.filter { $0 != id }
            out.append(RuleRemoval(constraint: "rules.exclude_vendors", entry: id, written: excludeVendors.joined(separator: ", "),
                                   without: rest.isEmpty ? "none" : rest.joined(separator: ", "),
                                   edit: .scenario { $0.rules.excludeVendors = rest }))
        }
        return out
    }
}
