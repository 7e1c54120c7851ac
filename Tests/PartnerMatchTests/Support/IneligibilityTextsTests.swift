import Foundation
@testable import PartnerMatch
import Testing

/// `IneligibilityTexts` prepares the scenario's side of the exclusion sentences once; the sentences
/// must be exactly those built per vendor before (the oracle below is that code, kept verbatim).
@Suite("Exclusion sentences")
struct IneligibilityTextsTests {
    private static func previous(_ scored: ScoredPool, _ index: Int) -> [IneligibilityReason] {
        let failed = scored.failures[index], pool = scored.pool, rules = scored.scenario.rules
        var reasons: [IneligibilityReason] = []
        for (rule, code) in RuleFailures.all where failed.contains(rule) {
            let message: String
            switch rule {
            case .minOverlap:
                var shown = Format.hours(scored.overlapHours[index]), required = Format.hours(rules.minOverlapHours)
                if shown == required {
                    shown = Format.hours(scored.overlapHours[index], decimals: 2)
                    required = Format.hours(rules.minOverlapHours, decimals: 2)
                }
                message = "overlap \(shown) is below the required \(required)"
            case .missingCertification:
                let held = Set(pool.certifications[index].map { pool.certificationTokens.keys[Int($0)] })
                let missing = rules.requiredCertifications.filter { !held.contains(Token.key($0)) }
                message = missing.count == 1
                    ? "lacks the required certification \(missing[0])"
                    : "lacks the required certifications \(missing.joined(separator: ", "))"
            case .minQuality:
                message = "quality \(formatNumber(pool.quality[index])) is below the minimum \(formatNumber(rules.minQuality))"
            case .minCulturalFit:
                let blank = pool.culturalFit[index].isNaN
                message = "cultural fit \(formatNumber(scored.effectiveCulturalFit[index]))\(blank ? " (blank, the scenario's default)" : "") is below the minimum \(formatNumber(rules.minCulturalFit))"
            case .missingCulturalFit:
                message = "cultural fit is blank and the scenario excludes vendors without one"
            case .countryNotAllowed:
                let country = pool.countries.display[Int(pool.countryIndex[index])]
                message = "country \(country) is not among the allowed countries (\(rules.allowedCountries.joined(separator: ", ")))"
            case .countryExcluded:
                let country = pool.countries.display[Int(pool.countryIndex[index])]
                message = "country \(country) is excluded"
            case .maxRate:
                message = "hourly rate \(formatNumber(pool.hourlyRate[index])) is above the maximum \(formatNumber(rules.maxRate ?? .infinity))"
            case .noRequiredSkill:
                message = "offers none of the demanded skills (\(scored.scenario.demand.skills.map(\.display).joined(separator: ", ")))"
            default:
                message = code
            }
            reasons.append(IneligibilityReason(code: code, message: message))
        }
        return reasons
    }

    @Test("Every excluded vendor's sentences equal the per-vendor sentences, under strict and loose rules",
          arguments: [
            "", "min_overlap_hours = 2.0\nrequired_certifications = [\"ISO27001\", \"SOC2\", \"NOPE\"]\nmin_quality = 60.5\nmax_rate = 99.5\nmin_cultural_fit = 70\nexcluded_countries = [\"PL\", \"IN\"]",
            "min_overlap_hours = 3.96\nallowed_countries = [\"DE\", \"PL\"]\nmin_quality = 75",
          ])
    func sameSentences(rules: String) throws {
        var text = Scenario.template
        if !rules.isEmpty {
            // Replace the template's [rules] keys that the case sets.
            for line in rules.split(separator: "\n") {
                let key = line.split(separator: "=")[0].trimmingCharacters(in: .whitespaces)
                text = text.split(separator: "\n", omittingEmptySubsequences: false).map { existing in
                    existing.hasPrefix(key + " ") ? String(line) : String(existing)
                }.joined(separator: "\n")
            }
        }
        let scenario = try ScenarioReader.parse(text)
        let pool = PoolGenerator(seed: 31, skillCount: 8).makePool(vendors: 5_000)
        let scored = ScoredPool(pool: pool, scenario: scenario)
        let texts = IneligibilityTexts(scored)
        var checked = 0
        for i in 0..<pool.count where !scored.failures[i].isEmpty {
            #expect(texts.reasons(for: i) == Self.previous(scored, i), "vendor \(i)")
            checked += 1
        }
        #expect(checked > 1_000, "\(checked) excluded vendors checked")
    }
}
