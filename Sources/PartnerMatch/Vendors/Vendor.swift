/// One vendor, as a value: the row-shaped view of a `VendorPool` entry (docs/MODEL.md, "Vendor pool").
///
/// Pools store vendors column by column; `Vendor` is what callers build pools from in code and what
/// `VendorPool.subscript` materialises for one row.
public struct Vendor: Hashable, Sendable {
    public var id: String
    /// Display name; equals `id` when the CSV cell is blank.
    public var name: String
    /// ISO 3166-1 alpha-2 code, upper-cased.
    public var country: String
    /// IANA time-zone identifier, e.g. `Asia/Ho_Chi_Minh`.
    public var timeZone: String
    public var workStart: ClockTime
    public var workEnd: ClockTime
    /// Price of one FTE-hour in the scenario's currency.
    public var hourlyRate: Double
    /// Delivery quality, 0–100.
    public var quality: Double
    /// Buyer's assessment 0–100; `nil` when the cell was blank (the scenario's missing-value policy applies).
    public var culturalFit: Double?
    public var capacityFTE: Double
    public var maxFTE: Double
    public var minFTE: Double
    /// Certification tokens as written (first spelling seen in the pool).
    public var certifications: [String]
    /// Skill tokens as written (first spelling seen in the pool).
    public var skills: [String]
    /// Values of the pool's unknown columns, aligned with `VendorPool.extraColumns`.
    public var extra: [String]
    /// (v2) The currency the vendor's file amounts were in; `nil`: the scenario's.
    public var currency: String? = nil
    /// (v2) Per-skill rates by skill (as written), in the scenario's currency; empty: `hourlyRate` for all.
    public var rates: [String: Double] = [:]
    /// (v2) One-off onboarding cost in the scenario's currency; `nil`: the scenario's default applies.
    public var onboardingCost: Double? = nil

    public init(
        id: String, name: String? = nil, country: String, timeZone: String,
        workStart: ClockTime = .nine, workEnd: ClockTime = .seventeen,
        hourlyRate: Double, quality: Double, culturalFit: Double? = nil,
        capacityFTE: Double, maxFTE: Double? = nil, minFTE: Double = 0,
        certifications: [String] = [], skills: [String] = [], extra: [String] = []
    ) {
        self.id = id
        self.name = name ?? id
        self.country = country.uppercased()
        self.timeZone = timeZone
        self.workStart = workStart
        self.workEnd = workEnd
        self.hourlyRate = hourlyRate
        self.quality = quality
        self.culturalFit = culturalFit
        self.capacityFTE = capacityFTE
        self.maxFTE = maxFTE ?? capacityFTE
        self.minFTE = minFTE
        self.certifications = certifications
        self.skills = skills
        self.extra = extra
    }
}
