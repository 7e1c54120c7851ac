/// A region of the IT-outsourcing market: its countries, their IANA zones, and a typical band of
/// hourly rates for a mid-level engineer, in USD.
///
/// The bands are rough and approximate, read off public rate surveys (see `datasets/README.md`,
/// "Synthetic pools"). The generator draws rates from them; the reader warns (never errs) when a
/// vendor's rate is far outside its country's band, which usually means a typo or a monthly figure.
public struct MarketRegion: Sendable {
    public var name: String
    /// Share of the vendors of a synthetic pool that come from this region.
    public var weight: Double
    /// Typical hourly rate, USD: most vendors fall between `rateLow` and `rateHigh`.
    public var rateLow: Double
    public var rateHigh: Double
    /// ISO 3166-1 alpha-2 codes, each with its zones and its relative weight within the region.
    public var countries: [(code: String, weight: Double, zones: [String])]

    /// A rate is "far outside" the band below `rateLow / farFactor` or above `rateHigh * farFactor`.
    public static let farFactor = 2.5

    public static let all: [MarketRegion] = [
        MarketRegion(name: "South Asia", weight: 0.24, rateLow: 18, rateHigh: 45, countries: [
            ("IN", 0.80, ["Asia/Kolkata"]),
            ("PK", 0.08, ["Asia/Karachi"]),
            ("BD", 0.05, ["Asia/Dhaka"]),
            ("LK", 0.04, ["Asia/Colombo"]),
            ("NP", 0.03, ["Asia/Kathmandu"]),
        ]),
        MarketRegion(name: "Central and Eastern Europe", weight: 0.20, rateLow: 35, rateHigh: 75, countries: [
            ("PL", 0.30, ["Europe/Warsaw"]),
            ("UA", 0.20, ["Europe/Kyiv"]),
            ("RO", 0.15, ["Europe/Bucharest"]),
            ("CZ", 0.08, ["Europe/Prague"]),
            ("HU", 0.07, ["Europe/Budapest"]),
            ("BG", 0.07, ["Europe/Sofia"]),
            ("RS", 0.06, ["Europe/Belgrade"]),
            ("EE", 0.04, ["Europe/Tallinn"]),
            ("LT", 0.03, ["Europe/Vilnius"]),
        ]),
        MarketRegion(name: "Latin America", weight: 0.15, rateLow: 35, rateHigh: 70, countries: [
            ("BR", 0.30, ["America/Sao_Paulo"]),
            ("MX", 0.25, ["America/Mexico_City", "America/Monterrey", "America/Tijuana"]),
            ("AR", 0.15, ["America/Argentina/Buenos_Aires"]),
            ("CO", 0.15, ["America/Bogota"]),
            ("CL", 0.07, ["America/Santiago"]),
            ("UY", 0.04, ["America/Montevideo"]),
            ("CR", 0.04, ["America/Costa_Rica"]),
        ]),
        MarketRegion(name: "Southeast Asia", weight: 0.12, rateLow: 20, rateHigh: 45, countries: [
            ("VN", 0.35, ["Asia/Ho_Chi_Minh"]),
            ("PH", 0.30, ["Asia/Manila"]),
            ("ID", 0.12, ["Asia/Jakarta"]),
            ("MY", 0.12, ["Asia/Kuala_Lumpur"]),
            ("TH", 0.11, ["Asia/Bangkok"]),
        ]),
        MarketRegion(name: "Western Europe", weight: 0.10, rateLow: 70, rateHigh: 150, countries: [
            ("DE", 0.25, ["Europe/Berlin"]),
            ("GB", 0.20, ["Europe/London"]),
            ("NL", 0.12, ["Europe/Amsterdam"]),
            ("FR", 0.12, ["Europe/Paris"]),
            ("ES", 0.10, ["Europe/Madrid"]),
            ("PT", 0.08, ["Europe/Lisbon"]),
            ("IE", 0.05, ["Europe/Dublin"]),
            ("SE", 0.04, ["Europe/Stockholm"]),
            ("CH", 0.04, ["Europe/Zurich"]),
        ]),
        MarketRegion(name: "North America", weight: 0.09, rateLow: 90, rateHigh: 180, countries: [
            ("US", 0.80, ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"]),
            ("CA", 0.20, ["America/Toronto", "America/Vancouver", "America/St_Johns", "America/Halifax"]),
        ]),
        MarketRegion(name: "Africa", weight: 0.05, rateLow: 20, rateHigh: 50, countries: [
            ("EG", 0.30, ["Africa/Cairo"]),
            ("NG", 0.25, ["Africa/Lagos"]),
            ("KE", 0.20, ["Africa/Nairobi"]),
            ("ZA", 0.25, ["Africa/Johannesburg"]),
        ]),
        MarketRegion(name: "Oceania", weight: 0.03, rateLow: 80, rateHigh: 150, countries: [
            ("AU", 0.75, ["Australia/Sydney", "Australia/Melbourne", "Australia/Adelaide", "Australia/Perth"]),
            ("NZ", 0.25, ["Pacific/Auckland"]),
        ]),
        MarketRegion(name: "East Asia", weight: 0.02, rateLow: 30, rateHigh: 70, countries: [
            ("CN", 0.60, ["Asia/Shanghai"]),
            ("TW", 0.40, ["Asia/Taipei"]),
        ]),
    ]

    /// The region of an upper-case alpha-2 country code, if it is in the table.
    public static func region(ofCountry code: String) -> MarketRegion? {
        regionByCountry[code].map { all[$0] }
    }

    static let regionByCountry: [String: Int] = {
        var table: [String: Int] = [:]
        for (index, region) in all.enumerated() {
            for country in region.countries { table[country.code] = index }
        }
        return table
    }()
}
