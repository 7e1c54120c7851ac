/// The hard filters of docs/MODEL.md ("Eligibility") a vendor can fail, as a compact set.
public struct RuleFailures: OptionSet, Hashable, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let minOverlap = RuleFailures(rawValue: 1 << 0)
    public static let missingCertification = RuleFailures(rawValue: 1 << 1)
    public static let minQuality = RuleFailures(rawValue: 1 << 2)
    public static let minCulturalFit = RuleFailures(rawValue: 1 << 3)
    public static let countryNotAllowed = RuleFailures(rawValue: 1 << 4)
    public static let countryExcluded = RuleFailures(rawValue: 1 << 5)
    public static let maxRate = RuleFailures(rawValue: 1 << 6)
    public static let noRequiredSkill = RuleFailures(rawValue: 1 << 7)
    public static let missingCulturalFit = RuleFailures(rawValue: 1 << 8)
    /// The vendor's id is listed in `rules.exclude_vendors`.
    public static let excludedByID = RuleFailures(rawValue: 1 << 9)

    /// Every rule with its machine-readable code, in the order reasons are listed.
    public static let all: [(rule: RuleFailures, code: String)] = [
        (.excludedByID, "excluded_by_id"), (.minOverlap, "min_overlap"), (.missingCertification, "missing_certification"),
        (.minQuality, "min_quality"), (.minCulturalFit, "min_cultural_fit"),
        (.missingCulturalFit, "missing_cultural_fit"),
        (.countryNotAllowed, "country_not_allowed"), (.countryExcluded, "country_excluded"),
        (.maxRate, "max_rate"), (.noRequiredSkill, "no_required_skill"),
    ]

    /// The codes of the failed rules, in the order of `all`.
    public var codes: [String] { Self.all.filter { contains($0.rule) }.map(\.code) }
}

/// One failed rule of one vendor: a stable code and a sentence.
public struct IneligibilityReason: Hashable, Sendable, CustomStringConvertible {
    /// `min_overlap`, `missing_certification`, `min_quality`, `min_cultural_fit`, `country_not_allowed`,
    /// `country_excluded`, `max_rate`, `no_required_skill`, `missing_cultural_fit` or `excluded_by_id`.
    public var code: String
    /// E.g. "overlap 1.5 h is below the required 2.0 h".
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}

extension ScoredPool {
    /// Every rule vendor `index` fails, as codes and sentences (empty when eligible). This prepares
    /// an `IneligibilityTexts` for the one call: for many vendors, make one and ask it.
    public func reasons(for index: Int) -> [IneligibilityReason] {
        failures[index].isEmpty ? [] : IneligibilityTexts(self).reasons(for: index)
    }
}

/// The sentences of `ScoredPool.reasons(for:)`, with everything that does not depend on the vendor
/// prepared once (the scenario's limits as text, the required certifications' token ids, each
/// country's sentence), so that listing a million excluded vendors (`shortlist --format json`)
/// does not rebuild them per vendor.
public struct IneligibilityTexts: Sendable {
    private let scored: ScoredPool
    /// Each required certification as written, with its token id in the pool (nil: nobody holds it).
    private let required: [(display: String, token: Int32?)]
    private let requiredHours: (one: String, two: String)
    private let minQuality: String, minCulturalFit: String, maxRate: String
    private let skills: String
    private let notAllowed: [String], excluded: [String]
    /// The overlap sentence by overlap in tenths of an hour (0 to 24 h), where one decimal tells
    /// it from the requirement ("" where it does not: two decimals are then needed).
    private let overlapByTenths: [String]
    /// The quality sentence by whole quality 0…100.
    private let qualityByValue: [String]

    public init(_ scored: ScoredPool) {
        self.scored = scored
        let pool = scored.pool, rules = scored.scenario.rules
        var tokenOfKey: [String: Int32] = [:]
        for (k, key) in pool.certificationTokens.keys.enumerated() { tokenOfKey[key] = Int32(k) }
        required = rules.requiredCertifications.map { ($0, tokenOfKey[Token.key($0)]) }
        requiredHours = (Format.hours(rules.minOverlapHours), Format.hours(rules.minOverlapHours, decimals: 2))
        minQuality = formatNumber(rules.minQuality)
        minCulturalFit = formatNumber(rules.minCulturalFit)
        maxRate = formatNumber(rules.maxRate ?? .infinity)
        skills = "offers none of the demanded skills (\(scored.scenario.demand.skills.map(\.display).joined(separator: ", ")))"
        let allowed = rules.allowedCountries.joined(separator: ", ")
        notAllowed = pool.countries.display.map { "country \($0) is not among the allowed countries (\(allowed))" }
        excluded = pool.countries.display.map { "country \($0) is excluded" }
        let hours = requiredHours
        overlapByTenths = (0...240).map { tenths in
            let shown = Format.hours(Double(tenths) / 10)
            return shown == hours.one ? "" : "overlap \(shown) is below the required \(hours.one)"
        }
        let quality = minQuality
        qualityByValue = (0...100).map { "quality \(formatNumber(Double($0))) is below the minimum \(quality)" }
    }

    /// Every rule vendor `index` fails, as codes and sentences (empty when eligible).
    public func reasons(for index: Int) -> [IneligibilityReason] {
        let failed = scored.failures[index]
        guard !failed.isEmpty else { return [] }
        let pool = scored.pool
        var reasons: [IneligibilityReason] = []
        for (rule, code) in RuleFailures.all where failed.contains(rule) {
            let message: String
            switch rule {
            case .minOverlap:
                // Format.hours(h) depends only on h in tenths, rounded: the prepared sentence when
                // one decimal tells the two apart.
                let tenths = (scored.overlapHours[index] * 10).rounded()
                if tenths >= 0, tenths <= 240, !overlapByTenths[Int(tenths)].isEmpty {
                    reasons.append(IneligibilityReason(code: code, message: overlapByTenths[Int(tenths)]))
                    continue
                }
                var shown = Format.hours(scored.overlapHours[index]), required = requiredHours.one
                if shown == required {   // e.g. 1.96 h against 2.0 h: show two decimals
                    shown = Format.hours(scored.overlapHours[index], decimals: 2)
                    required = requiredHours.two
                }
                message = "overlap \(shown) is below the required \(required)"
            case .missingCertification:
                let held = pool.certifications[index]
                let missing = required.filter { certification in certification.token.map { !held.contains($0) } ?? true }.map(\.display)
                message = missing.count == 1
                    ? "lacks the required certification \(missing[0])"
                    : "lacks the required certifications \(missing.joined(separator: ", "))"
            case .minQuality:
                let quality = pool.quality[index]
                message = quality >= 0 && quality <= 100 && quality == quality.rounded()
                    ? qualityByValue[Int(quality)]
                    : "quality \(formatNumber(quality)) is below the minimum \(minQuality)"
            case .minCulturalFit:
                let blank = pool.culturalFit[index].isNaN
                message = "cultural fit \(formatNumber(scored.effectiveCulturalFit[index]))\(blank ? " (blank, the scenario's default)" : "") is below the minimum \(minCulturalFit)"
            case .missingCulturalFit:
                message = "cultural fit is blank and the scenario excludes vendors without one"
            case .countryNotAllowed:
                message = notAllowed[Int(pool.countryIndex[index])]
            case .countryExcluded:
                message = excluded[Int(pool.countryIndex[index])]
            case .maxRate:
                let rate = scored.meanRate[index]   // r̄: the hourly rate unless per-skill rates apply
                message = "\(rate == pool.hourlyRate[index] ? "hourly rate" : "demand-weighted mean rate") \(ScoredPool.rateText(rate)) is above the maximum \(maxRate)"
            case .noRequiredSkill:
                message = skills
            case .excludedByID:
                message = "its id \(pool.ids[index]) is listed in rules.exclude_vendors"
            default:
                message = code
            }
            reasons.append(IneligibilityReason(code: code, message: message))
        }
        return reasons
    }
}
