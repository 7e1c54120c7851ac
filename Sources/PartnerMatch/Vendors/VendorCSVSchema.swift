/// The columns of a vendor CSV (docs/MODEL.md, "Inputs"; documented in `datasets/README.md`, "Vendor CSV").
public enum VendorColumn: String, CaseIterable, Sendable {
    case id, name, country, timezone
    case workStart = "work_start", workEnd = "work_end"
    case hourlyRate = "hourly_rate", quality
    case culturalFit = "cultural_fit"
    case capacityFTE = "capacity_fte", maxFTE = "max_fte", minFTE = "min_fte"
    case certifications, skills
    /// (v2) ISO 4217 code of the vendor's amounts, per-skill rates, and one-off onboarding cost.
    case currency, rates
    case onboardingCost = "onboarding_cost"

    /// The columns `VendorCSVWriter` and the generator write (a pool in one currency, without
    /// per-skill rates or onboarding costs, needs no others).
    public static let written: [VendorColumn] = [
        .id, .name, .country, .timezone, .workStart, .workEnd, .hourlyRate, .quality, .culturalFit,
        .capacityFTE, .maxFTE, .minFTE, .certifications, .skills,
    ]

    /// The column's position in `allCases` (a switch, so no array is built per call).
    var ordinal: Int {
        switch self {
        case .id: 0
        case .name: 1
        case .country: 2
        case .timezone: 3
        case .workStart: 4
        case .workEnd: 5
        case .hourlyRate: 6
        case .quality: 7
        case .culturalFit: 8
        case .capacityFTE: 9
        case .maxFTE: 10
        case .minFTE: 11
        case .certifications: 12
        case .skills: 13
        case .currency: 14
        case .rates: 15
        case .onboardingCost: 16
        }
    }

    /// The header spelling written by `VendorCSVWriter` (the raw value).
    public var name: String { rawValue }

    /// Whether the header must have this column.
    public var isRequired: Bool {
        switch self {
        case .id, .country, .timezone, .hourlyRate, .quality, .capacityFTE: true
        default: false
        }
    }

    /// The column a header cell names: compared case-insensitively, surrounding spaces ignored,
    /// and spaces or `-` inside count as `_` (`"Hourly Rate"`, `"hourly-rate"` → `hourly_rate`).
    public init?(header: some StringProtocol) {
        self.init(rawValue: Self.normalizedHeader(header))
    }

    static func normalizedHeader(_ header: some StringProtocol) -> String {
        var bytes = Array(header.utf8)
        while let last = bytes.last, last == 32 || last == 9 { bytes.removeLast() }
        let start = bytes.firstIndex { $0 != 32 && $0 != 9 } ?? bytes.endIndex
        return String(decoding: bytes[start...].map { byte -> UInt8 in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte + 32
            case UInt8(ascii: " "), UInt8(ascii: "-"): UInt8(ascii: "_")
            default: byte
            }
        }, as: UTF8.self)
    }
}

/// The certification tokens partner-match knows, by `Token.key` (the default points table of docs/MODEL.md).
/// Other tokens are kept, warned about by the reader, and score 0 unless a scenario's table names them.
public enum KnownCertification {
    public static let spellings = ["ISO27001", "SOC2", "GDPR", "ISO9001", "CMMI3"]
    public static let keys: Set<String> = Set(spellings.map { Token.key($0) })
}
