import Foundation

/// The largest amounts and FTE a vendor file may hold (docs/LIMITS.md, "Vendor numbers"): far above
/// any real vendor in any currency (an hourly rate of 10^9 is 40,000 USD in Vietnamese đồng), and
/// small enough that every coefficient of a model — rate × [fx] × hours × months × FTE — stays finite
/// and exact to the cent. A value beyond is a `number_out_of_range` error at its cell naming the limit,
/// the same for CSV and `.xlsx`, before anything is converted or solved.
enum VendorMagnitude {
    /// `hourly_rate` and each `rates` entry, in the vendor's own currency.
    static let rate = 1e9
    /// `onboarding_cost`, in the vendor's own currency.
    static let onboardingCost = 1e12
    /// `capacity_fte`, `max_fte`, `min_fte` (the scenario's demand is bounded the same: 10^6 FTE).
    static let fte = 1e6

    /// `1e9` for a message.
    static func text(_ value: Double) -> String { "1e\(Int(log10(value).rounded()))" }
}
