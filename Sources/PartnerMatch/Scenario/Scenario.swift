/// A sourcing scenario: who the client is, what it needs, what it can spend, and how vendors are
/// judged (docs/MODEL.md, "Scenario file"). Read one with `ScenarioReader`; every key but `demand`,
/// `budget.total`, `horizon.months` and `client.timezone` has the default documented on its property.
public struct Scenario: Sendable, Equatable {
    /// `name`; default `"Untitled scenario"`.
    public var name: String
    /// `currency`, the ISO 4217 code of every amount once converted (vendor amounts via `fx`); default `"USD"`.
    public var currency: String
    /// `start_date`: the first day of the 52-week overlap window; default 2027-01-04 (a Monday).
    public var startDate: LocalDate
    public var client: Client
    public var demand: Demand
    /// `horizon.months` (`M`), required, > 0.
    public var months: Double
    /// `horizon.hours_per_month` (`H`); default 160.
    public var hoursPerMonth: Double
    /// `budget.total` (`B`) for the whole horizon, required, > 0.
    public var budget: Double
    public var weights: Weights
    public var rules: Rules
    /// `missing.cultural_fit`: the value a blank `cultural_fit` takes, or `.exclude`; default 50.
    public var missingCulturalFit: MissingValuePolicy
    /// `certification_points`: replaces the default table when present.
    public var certificationPoints: CertificationPoints
    /// `[what_if]`: how budget sweeps report team changes (docs/WHAT-IF.md).
    public var whatIf = WhatIf()

    /// `[what_if]`: the materiality rule of budget sweeps.
    public struct WhatIf: Sendable, Equatable {
        /// `what_if.materiality` (`ε`): a sweep keeps its team while it is within this share of the
        /// optimum; default 0.001 (0.1%).
        public var materiality: Double = 0.001
        /// `what_if.tolerance`: team changes are located to this many currency units (`nil`:
        /// 0.1% of the swept range, at least 1).
        public var tolerance: Double?

        public init(materiality: Double = 0.001, tolerance: Double? = nil) {
            self.materiality = materiality
            self.tolerance = tolerance
        }
    }
    /// `objective`: what the team optimiser maximises or minimises; default `.utility`.
    public var objective: Objective = .utility
    /// `min_mean_utility` (`μ`): with `objective = "cost"`, the least mean utility per FTE the team
    /// must reach (required there, refused otherwise).
    public var minMeanUtility: Double?
    /// `costs.onboarding_per_vendor`: `f_v` of vendors whose file gives no `onboarding_cost`, in the
    /// scenario's currency; default 0.
    public var onboardingPerVendor: Double = 0

    /// `objective`.
    public enum Objective: String, Sendable, Equatable {
        /// The best FTE-weighted utility within the budget.
        case utility
        /// The cheapest team whose mean utility reaches `min_mean_utility`.
        case cost
    }

    /// Whether the scenario has a budget (`budget.total` may be left out with `objective = "cost"`;
    /// `budget` is then infinite).
    public var hasBudget: Bool { budget.isFinite }

    /// (v2) `[uncertainty]`: how the robustness analysis samples weights and scores (docs/ROBUSTNESS.md).
    public var uncertainty = Uncertainty()

    /// `[uncertainty]`: the SMAA-2 sampling of weights and scores.
    public struct Uncertainty: Sendable, Equatable {
        /// `uncertainty.weights`: how weight vectors are drawn.
        public enum WeightSampling: String, Sendable, Equatable, CaseIterable {
            /// Uniform on the simplex of all criteria: no preference information.
            case none
            /// Uniform on the simplex restricted to the order of the scenario's weights (ties kept),
            /// criteria with weight 0 left out.
            case ranking
            /// Each positive weight times `1 + U(−spread, spread)`, renormalised.
            case spread
        }

        /// `uncertainty.weights`; default `ranking`.
        public var weights: WeightSampling = .ranking
        /// `uncertainty.spread` in [0, 1); default 0.2.
        public var spread: Double = 0.2
        /// `uncertainty.quality`: ± points, uniform, clipped to 0–100; default 0.
        public var quality: Double = 0
        /// `uncertainty.cultural_fit`: ± points, uniform, clipped to 0–100; default 0.
        public var culturalFit: Double = 0
        /// `uncertainty.overlap_hours`: ± hours, uniform, clipped to 0–24; default 0.
        public var overlapHours: Double = 0
        /// `uncertainty.samples`; default `nil`: 10,000 for a shortlist, 500 for a team.
        public var samples: Int? = nil
        /// `uncertainty.seed`; default 1.
        public var seed: UInt64 = 1

        /// The most samples a scenario may ask for (docs/LIMITS.md).
        public static let maxSamples = 1_000_000

        public init() {}

        /// Whether any score is sampled.
        public var hasScoreUncertainty: Bool { quality > 0 || culturalFit > 0 || overlapHours > 0 }
    }

    /// (v2) `[fx]`: scenario-currency units per one unit of each other currency (ISO 4217 codes).
    public var fx: [String: Double] = [:]
    /// `[priorities]` (v3): rule key (`rules.max_share`, `budget.total`, `demand.qa`, …) → 1, 2 or 3.
    /// Read and checked (ScenarioReader+Priorities.swift); the relaxed solve is not built yet (docs/MODEL.md).
    public var priorities: [String: Int] = [:]
    /// (v2) `[columns]`: vendor-file header → field (or `pass`), in file order.
    public var columns: [ColumnMapping] = []

    public init(
        name: String = Scenario.defaultName, currency: String = "USD",
        startDate: LocalDate = Scenario.defaultStartDate,
        client: Client, demand: Demand, months: Double, hoursPerMonth: Double = 160,
        budget: Double, weights: Weights = Weights(), rules: Rules = Rules(),
        missingCulturalFit: MissingValuePolicy = .value(50),
        certificationPoints: CertificationPoints = .default
    ) {
        self.name = name
        self.currency = currency
        self.startDate = startDate
        self.client = client
        self.demand = demand
        self.months = months
        self.hoursPerMonth = hoursPerMonth
        self.budget = budget
        self.weights = weights
        self.rules = rules
        self.missingCulturalFit = missingCulturalFit
        self.certificationPoints = certificationPoints
    }

    public static let defaultName = "Untitled scenario"
    /// The default `start_date`: fixed, so that results never depend on the day a command runs.
    public static let defaultStartDate = LocalDate(year: 2027, month: 1, day: 4)!

    /// `D`: the total demand in FTE.
    public var totalDemand: Double { demand.total }
    /// `α`, the largest share of `D` one vendor may take.
    public var maxShare: Double { rules.maxShare }
    /// `g`, the growth factor.
    public var growth: Double { rules.growth }
    /// The cost of one FTE of a vendor charging `hourlyRate` over the horizon: `c_v = r_v · H · M`.
    public func costPerFTE(hourlyRate: Double) -> Double { hourlyRate * hoursPerMonth * months }
}

extension Scenario {
    /// `[client]`: the buyer's time zone and working hours.
    public struct Client: Sendable, Equatable {
        /// `client.timezone`, an IANA identifier; required.
        public var timeZone: String
        /// `client.work_start`; default 09:00.
        public var workStart: ClockTime
        /// `client.work_end`; default 17:00. An end not after the start crosses midnight; equal means 24 h.
        public var workEnd: ClockTime

        public init(timeZone: String, workStart: ClockTime = .nine, workEnd: ClockTime = .seventeen) {
            self.timeZone = timeZone
            self.workStart = workStart
            self.workEnd = workEnd
        }

        /// The nominal length of the client's working day, in hours (24 when end equals start).
        public var windowHours: Double { Double(ClockWindow(start: workStart, end: workEnd).minutes) / 60 }
    }

    /// `[demand]`: FTE per skill (`d_s`), or one total `D` when skills do not matter.
    public enum Demand: Sendable, Equatable {
        case total(Double)
        /// In file order; keys are `Token.key`s, `display` the spelling of the scenario file.
        case perSkill([SkillDemand])

        public var total: Double {
            switch self {
            case .total(let d): d
            case .perSkill(let skills): skills.reduce(0) { $0 + $1.fte }
            }
        }

        public var skills: [SkillDemand] {
            guard case .perSkill(let skills) = self else { return [] }
            return skills
        }

        public var isPerSkill: Bool { if case .perSkill = self { true } else { false } }
    }

    public struct SkillDemand: Sendable, Equatable {
        /// `Token.key` of the skill.
        public var key: String
        /// The skill as written in the scenario.
        public var display: String
        public var fte: Double

        public init(_ display: String, fte: Double) {
            self.key = Token.key(display)
            self.display = display
            self.fte = fte
        }
    }

    /// `[weights]`: `w_c` of each criterion (by `Criterion.ordinal`), each ≥ 0 with a positive sum,
    /// and how they were derived (docs/MODEL.md, "Weights"). Defaults are each criterion's `defaultWeight`.
    public struct Weights: Sendable, Equatable {
        /// `w_c` by `Criterion.ordinal`.
        public var values: [Double]
        /// How the scenario gave them: six numbers, a ranking, or pairwise judgements.
        public var method: WeightMethod = .given

        /// Each criterion's default weight.
        public init() { values = Criterion.allCases.map { $0.definition.defaultWeight } }

        /// The weights in `given`, every other criterion 0.
        public static func only(_ given: [Criterion: Double]) -> Weights {
            var w = Weights()
            for c in Criterion.allCases { w[c] = given[c] ?? 0 }
            return w
        }

        /// Each criterion's default weight, except those `given` (by criterion; code that builds scenarios).
        public init(_ given: [Criterion: Double]) {
            self.init()
            for (criterion, weight) in given { self[criterion] = weight }
        }

        public subscript(criterion: Criterion) -> Double {
            get { values[criterion.ordinal] }
            set { values[criterion.ordinal] = newValue }
        }

        /// `Σ_c w_c`.
        public var sum: Double { values.reduce(0, +) }

        /// The weights scaled to sum 1.
        public var normalised: [Double] {
            let s = sum
            return values.map { s > 0 ? $0 / s : 0 }
        }
    }

    /// How `[weights]` was given (docs/MODEL.md, "Weights").
    public enum WeightMethod: Sendable, Equatable {
        /// Six numbers.
        case given
        /// `order = [...]`: rank-order centroid weights; each group is one position (a tie when it
        /// holds more than one criterion), most important first.
        case order([[Criterion]])
        /// `ahp = {...}`: the principal eigenvector of the pairwise matrix of `judgements` (in file
        /// order), with its λ_max and CR.
        case ahp(judgements: [AHP.Judgement], lambdaMax: Double, consistencyRatio: Double)

        /// `given`, `order` or `ahp`.
        public var name: String {
            switch self {
            case .given: "given"
            case .order: "order"
            case .ahp: "ahp"
            }
        }
    }

    /// `[rules]`: the eligibility rules (hard filters on each vendor, its stored properties) and
    /// the team rules (`constraints`, each a `TeamConstraint` value that reads and writes its own keys;
    /// `minVendors`, `maxShare`, … are declared in each rule's file).
    public struct Rules: Sendable, Equatable {
        /// `min_overlap_hours`; default 0 (no filter).
        public var minOverlapHours: Double
        /// `required_certifications`, as written; compare with `Token.key`. Default none.
        public var requiredCertifications: [String]
        /// `min_quality`; default 0.
        public var minQuality: Double
        /// `min_cultural_fit`; default 0.
        public var minCulturalFit: Double
        /// `allowed_countries`, upper-cased; empty (the default) allows all.
        public var allowedCountries: [String]
        /// `excluded_countries`, upper-cased; default none.
        public var excludedCountries: [String]
        /// `max_rate`; default none (`nil`).
        public var maxRate: Double?
        /// `exclude_vendors`: vendor ids never eligible (reason `excluded_by_id`), as written, each
        /// once; default none.
        public var excludeVendors: [String] = []
        /// The team rules (docs/TEAM-MODEL.md, "Rules as values"), each at its default until set.
        public var constraints = TeamConstraints.scenarioDefaults

        /// The eligibility rules' keys under `[rules]`, in the order the reader's messages list them.
        static let eligibilityKeys = ["min_overlap_hours", "required_certifications", "min_quality", "min_cultural_fit",
                                      "allowed_countries", "excluded_countries", "max_rate"]

        public init(
            minOverlapHours: Double = 0, requiredCertifications: [String] = [], minQuality: Double = 0,
            minCulturalFit: Double = 0, allowedCountries: [String] = [], excludedCountries: [String] = [],
            maxRate: Double? = nil, minVendors: Int = 1, maxVendors: Int? = nil, maxShare: Double = 1,
            growth: Double = 1, backups: [String: Int] = [:], teamOverlapHours: Double = 0,
            minEngagementFTE: Double = 0.5, fteStep: Double? = nil
        ) {
            self.minOverlapHours = minOverlapHours
            self.requiredCertifications = requiredCertifications
            self.minQuality = minQuality
            self.minCulturalFit = minCulturalFit
            self.allowedCountries = allowedCountries.map { $0.uppercased() }
            self.excludedCountries = excludedCountries.map { $0.uppercased() }
            self.maxRate = maxRate
            self.minVendors = minVendors
            self.maxVendors = maxVendors
            self.maxShare = maxShare
            self.growth = growth
            self.backups = backups
            self.teamOverlapHours = teamOverlapHours
            self.minEngagementFTE = minEngagementFTE
            self.fteStep = fteStep
        }
    }

    /// `missing.cultural_fit`.
    public enum MissingValuePolicy: Sendable, Equatable {
        case value(Double)
        case exclude
    }

    /// Points per certification token (`[certification_points]`), keyed by `Token.key`.
    public struct CertificationPoints: Sendable, Equatable {
        /// `(display, points)` in table order.
        public private(set) var entries: [(display: String, points: Double)]
        public private(set) var byKey: [String: Double]

        public init(_ entries: [(String, Double)]) {
            self.entries = []
            self.byKey = [:]
            for (display, points) in entries where byKey[Token.key(display)] == nil {
                self.entries.append((display, points))
                byKey[Token.key(display)] = points
            }
        }

        /// docs/MODEL.md's default table: ISO27001 4, SOC2 3, GDPR 2, ISO9001 1, CMMI3 1.
        public static let `default` = CertificationPoints([
            ("ISO27001", 4), ("SOC2", 3), ("GDPR", 2), ("ISO9001", 1), ("CMMI3", 1),
        ])

        /// Points of a token (0 when absent from the table).
        public func points(_ token: String) -> Double { byKey[Token.key(token)] ?? 0 }
        /// Points of every certification in the table.
        public var total: Double { entries.reduce(0) { $0 + $1.points } }

        public static func == (a: Self, b: Self) -> Bool {
            a.entries.map(\.display) == b.entries.map(\.display) && a.byKey == b.byKey
        }
    }
}

/// A calendar date without a time zone (`YYYY-MM-DD`), e.g. a scenario's `start_date`.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// `nil` unless the date exists in the proleptic Gregorian calendar (years 1 ... 9999).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
              day <= LocalDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber: Int) {
        // Howard Hinnant's civil_from_days.
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// Days since 1970-01-01 (negative before).
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// ISO weekday: 1 Monday ... 7 Sunday.
    public var isoWeekday: Int { LocalDate.isoWeekday(dayNumber: dayNumber) }

    public static func isoWeekday(dayNumber: Int) -> Int {
        // 1970-01-01 was a Thursday (4).
        ((dayNumber % 7 + 7 + 3) % 7) + 1
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { a.dayNumber < b.dayNumber }

    public var description: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// A daily working window `[start, end)` in local clock time. An end not after the start
/// crosses midnight; an end equal to the start is a 24-hour window (docs/MODEL.md, "Criteria").
public struct ClockWindow: Hashable, Sendable {
    public var start: ClockTime
    public var end: ClockTime

    public init(start: ClockTime, end: ClockTime) {
        self.start = start
        self.end = end
    }

    /// Nominal length in minutes (1 ... 1440).
    public var minutes: Int {
        let s = start.minutes % 1440, e = end.minutes % 1440
        return e > s ? e - s : e - s + 1440
    }
}
