extension ScenarioDecoder {
    /// `[priorities]` (docs/MODEL.md, "Soft rules with priorities"): rule key → 1, 2 or 3 (1 most
    /// important). A key is a rule the scenario sets beyond its loosest value: `budget.total`,
    /// `demand.<skill>` (or `demand.total`), `min_mean_utility` (cost mode), or a team rule under
    /// `rules.` (`rules.max_share`, `rules.backups.<skill>`, `rules.country_share.<country>`, …).
    /// Located errors: a priority outside 1–3, a key that names no rule, an eligibility rule (those
    /// are never soft), a rule the scenario does not set.
    mutating func decodePriorities(_ value: ScenarioValue?, scenario: Scenario) -> [String: Int]? {
        guard let value else { return [:] }
        guard let table = table(value, ["priorities"]) else { return nil }
        let before = diagnostics.count
        // `rules.max_share = 2` unquoted is a nested table: read it as the dotted key it spells.
        var entries: [(key: String, path: [String], value: ScenarioValue)] = []
        func flatten(_ value: ScenarioValue, _ path: [String]) {
            if case .table(let inner) = value {
                for key in inner.keys.sorted(by: { orderInFile(path + [$0], $1) }) { flatten(inner[key]!, path + [key]) }
            } else {
                entries.append((path.dropFirst().joined(separator: "."), path, value))
            }
        }
        for key in table.keys.sorted(by: { orderInFile(["priorities", $0], $1) }) { flatten(table[key]!, ["priorities", key]) }

        let soft = Self.softKeys(of: scenario)
        let eligibility = Set(Scenario.Rules.eligibilityKeys.map { "rules." + $0 } + ["rules.exclude_vendors"])
        var out: [String: Int] = [:]
        for entry in entries {
            let key = Self.canonical(entry.key, scenario: scenario)
            guard let level = wholeNumber(entry.value, entry.path, atLeast: 1) else { continue }
            guard level <= 3 else {
                error(entry.path, "out_of_range", "priorities.\"\(entry.key)\" must be 1, 2 or 3 (1 most important), found \(level)")
                continue
            }
            if eligibility.contains(key) {
                error(entry.path, "not_soft", "expected a team rule, the budget or a skill's demand in [priorities], found the eligibility rule '\(entry.key)': eligibility rules are never soft; remove the entry")
                continue
            }
            guard soft.contains(key) else {
                if let known = Self.softCapable(key, scenario: scenario) {
                    error(entry.path, "rule_not_set", "priorities names '\(entry.key)', but the scenario does not set \(known) beyond its loosest value: set the rule, or remove the entry")
                } else {
                    let near = closestMatch(to: entry.key, in: soft.sorted())
                    error(entry.path, "unknown_key", "expected a rule key in [priorities] (\(soft.sorted().joined(separator: ", "))), found '\(entry.key)'\(near.map { "; did you mean '\($0)'?" } ?? "")")
                }
                continue
            }
            out[key] = level
        }
        return diagnostics.count == before ? out : nil
    }

    /// The key with skill and country spellings made canonical (`demand.QA` → `demand.qa`).
    static func canonical(_ key: String, scenario: Scenario) -> String {
        for prefix in ["demand.", "rules.backups."] where key.hasPrefix(prefix) {
            let name = String(key.dropFirst(prefix.count))
            if let skill = scenario.demand.skills.first(where: { Token.key($0.display) == Token.key(name) }) { return prefix + skill.display }
        }
        if key.hasPrefix("rules.country_share.") { return "rules.country_share." + key.dropFirst("rules.country_share.".count).uppercased() }
        return key
    }

    /// The keys `[priorities]` may name in `scenario`: each rule it sets beyond its loosest value.
    static func softKeys(of scenario: Scenario) -> Set<String> {
        var keys: Set<String> = []
        let rules = scenario.rules
        if scenario.hasBudget { keys.insert("budget.total") }
        if scenario.demand.isPerSkill { for skill in scenario.demand.skills { keys.insert("demand." + skill.display) } } else { keys.insert("demand.total") }
        if scenario.objective == .cost, scenario.minMeanUtility != nil { keys.insert("min_mean_utility") }
        if rules.minVendors > 1 { keys.insert("rules.min_vendors") }
        if rules.maxVendors != nil { keys.insert("rules.max_vendors") }
        if rules.maxShare < 1 { keys.insert("rules.max_share") }
        if rules.growth > 1 { keys.insert("rules.growth") }
        for skill in scenario.demand.skills where (rules.backups[skill.key] ?? 0) > 1 { keys.insert("rules.backups." + skill.display) }
        if rules.teamOverlapHours > 0 { keys.insert("rules.team_overlap_hours") }
        if rules.minEngagementFTE > 0 { keys.insert("rules.min_engagement_fte") }
        if let shares = rules.constraints.first(CountryShares.self) {
            if shares.maxShareSet, shares.maxShare < 1 { keys.insert("rules.max_country_share") }
            for (country, share) in shares.shares where share < 1 { keys.insert("rules.country_share." + country) }
        }
        if let countries = rules.constraints.first(MinCountries.self), countries.count > 1 { keys.insert("rules.min_countries") }
        if rules.constraints.first(PinnedVendors.self) != nil { keys.insert("rules.include_vendors") }
        return keys
    }

    /// The rule a key would name were it set (for "not set" messages), else `nil`.
    static func softCapable(_ key: String, scenario: Scenario) -> String? {
        let rules = ["min_vendors", "max_vendors", "max_share", "growth", "team_overlap_hours", "min_engagement_fte",
                     "max_country_share", "min_countries", "include_vendors"]
        if key == "budget.total" { return "budget.total" }
        if key == "min_mean_utility" { return "min_mean_utility (objective = \"cost\")" }
        if key.hasPrefix("rules."), rules.contains(String(key.dropFirst(6))) { return key }
        if key.hasPrefix("rules.backups."), scenario.demand.skills.contains(where: { "rules.backups." + $0.display == key }) { return key }
        if key.hasPrefix("rules.country_share."), key.count == "rules.country_share.".count + 2 { return key }
        return nil
    }
}
