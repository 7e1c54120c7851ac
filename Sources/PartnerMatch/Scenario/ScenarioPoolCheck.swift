import Foundation

/// Checks a scenario's values against the pool before anything is solved (docs: `datasets/README.md`,
/// "Scenario values checked against the pool"): a country, certification or skill the scenario names
/// that no vendor has is a warning with the nearest spellings found in the pool; a demanded skill no
/// vendor offers is an error naming the skills that exist. Each diagnostic points at the scenario key.
public enum ScenarioPoolCheck {
    public static func check(_ scenario: Scenario, file: String, against pool: VendorPool) -> [Diagnostic] {
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        let locator = KeyLocator(text: text, format: file.lowercased().hasSuffix(".json") ? .json : .toml)
        func at(_ path: [String]) -> SourceLocation {
            var probe = path
            while !probe.isEmpty {
                if let found = locator.location(of: probe) { return SourceLocation(file: file, line: found.line, column: found.column) }
                probe.removeLast()
            }
            return SourceLocation(file: file, line: 1)
        }
        var found: [Diagnostic] = []
        guard !pool.isEmpty else { return found }

        // Skills: a demanded skill nobody offers can never be staffed.
        let offered = Set(pool.skillTokens.keys)
        for skill in scenario.demand.skills where !offered.contains(skill.key) {
            let near = Spelling.nearest(to: skill.display, in: pool.skillTokens.display)
            let list = pool.skillTokens.display.sorted().prefix(20).joined(separator: ", ")
                + (pool.skillTokens.count > 20 ? ", … (\(pool.skillTokens.count - 20) more)" : "")
            let hint = near.map { "did you mean '\($0)'? " } ?? ""
            found.append(Diagnostic(.error, at: at(["demand", skill.display]), code: "unknown_skill",
                "expected a demanded skill that some vendor offers, found '\(skill.display)', which no vendor in \(pool.source) lists; \(hint)skills in the pool: \(list.isEmpty ? "none" : list)"))
        }

        // Certifications a rule requires.
        let held = Set(pool.certificationTokens.keys)
        for certification in scenario.rules.requiredCertifications where !held.contains(Token.key(certification)) {
            let near = Spelling.nearest(to: certification, in: pool.certificationTokens.display)
            found.append(Diagnostic(.warning, at: at(["rules", "required_certifications"]), code: "certification_not_in_pool",
                "expected a required certification some vendor holds, found '\(certification)', which no vendor in the pool has: every vendor will be excluded\(near.map { "; did you mean '\($0)'?" } ?? "")"))
        }

        // Countries of the country rules.
        let present = Set(pool.countries.display)
        let names = Dictionary(CountryNames.iso3166.map { ($0.alpha2, $0.names[0]) }, uniquingKeysWith: { a, _ in a })
        for (key, list) in [("allowed_countries", scenario.rules.allowedCountries), ("excluded_countries", scenario.rules.excludedCountries)] {
            for country in list where !present.contains(country) {
                let spelled = names[country].map { "\(country) (\($0))" } ?? country
                let candidates = present.sorted().map { code in names[code].map { "\(code) (\($0))" } ?? code }
                let near = candidates.filter { candidate in
                    editDistance(CountryNames.key(candidate), CountryNames.key(spelled)) <= max(3, spelled.count / 2)
                }.prefix(3)
                let consequence = key == "allowed_countries" ? "it admits no vendor" : "it excludes no vendor"
                found.append(Diagnostic(.warning, at: at(["rules", key]), code: "country_not_in_pool",
                    "expected a country some vendor is in, found \(spelled) in rules.\(key), which no vendor in the pool is in: \(consequence)\(near.isEmpty ? "" : "; nearest in the pool: " + near.joined(separator: ", ")); countries in the pool: \(present.sorted().prefix(20).joined(separator: ", "))"))
            }
        }

        // The team rules check their own values against the pool.
        for case let constraint as any ScenarioRule in scenario.rules.constraints.items {
            for issue in constraint.poolIssues(pool) {
                found.append(Diagnostic(issue.severity, at: at(["rules"] + issue.path), code: issue.code, issue.message))
            }
        }

        // Vendor ids of exclude_vendors: one not in the pool excludes nobody (likely a typo).
        if !scenario.rules.excludeVendors.isEmpty {
            let ids = (0..<pool.count).map { pool.ids[$0] }
            let present = Set(ids)
            for id in scenario.rules.excludeVendors where !present.contains(id) {
                let near = Spelling.nearestIDs(to: id, in: ids)
                found.append(Diagnostic(.warning, at: at(["rules", "exclude_vendors"]), code: "vendor_not_in_pool",
                    "expected a vendor id of the pool, found '\(id)' in rules.exclude_vendors, which no vendor in \(pool.source) has: it excludes no vendor\(near.isEmpty ? "" : "; nearest ids in the pool: " + near.joined(separator: ", "))"))
            }
        }

        if scenario.client.timeZone.hasPrefix("UTC+") || scenario.client.timeZone.hasPrefix("UTC-") {
            found.append(Diagnostic(.warning, at: at(["client", "timezone"]), code: "fixed_offset",
                "expected an IANA time zone for client.timezone, found the fixed offset \(scenario.client.timeZone): no daylight saving applies; write the IANA name (e.g. 'Europe/Berlin') if the place has it"))
        }
        return found.sorted { ($0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.line ?? 0, $1.location?.column ?? 0) }
    }
}
