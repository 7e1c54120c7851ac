import Foundation

/// Country spellings people write in a vendor file or a scenario, mapped to ISO 3166-1 alpha-2
/// (docs: `datasets/README.md`, "Countries"): alpha-2 and alpha-3 codes, the English short name and
/// the common and official names of ISO 3166-1 (`CountryTable.swift`, generated), and the aliases
/// below. Compared case- and accent-insensitively, ignoring spaces and punctuation.
public enum CountryNames {
    /// Common names not in ISO 3166-1's own lists, each meaning exactly one country.
    static let aliases: [(String, String)] = [
        ("UK", "GB"), ("Great Britain", "GB"), ("Britain", "GB"), ("England", "GB"), ("Scotland", "GB"),
        ("Wales", "GB"), ("Northern Ireland", "GB"),
        ("America", "US"), ("U.S.", "US"), ("U.S.A.", "US"), ("United States of America", "US"),
        ("Russia", "RU"), ("Vietnam", "VN"), ("South Korea", "KR"), ("Korea, South", "KR"),
        ("Republic of Korea", "KR"), ("North Korea", "KP"), ("Czech Republic", "CZ"),
        ("Holland", "NL"), ("The Netherlands", "NL"), ("UAE", "AE"), ("Emirates", "AE"),
        ("Ivory Coast", "CI"), ("Cote d'Ivoire", "CI"), ("Macedonia", "MK"), ("Burma", "MM"),
        ("Cape Verde", "CV"), ("Swaziland", "SZ"), ("Turkey", "TR"), ("Turkiye", "TR"),
        ("Palestine", "PS"), ("Vatican", "VA"), ("Vatican City", "VA"), ("Brunei", "BN"),
        ("Micronesia", "FM"), ("Macau", "MO"), ("DR Congo", "CD"), ("DRC", "CD"),
        ("Democratic Republic of the Congo", "CD"), ("Congo-Kinshasa", "CD"),
        ("Republic of the Congo", "CG"), ("Congo-Brazzaville", "CG"), ("East Timor", "TL"),
        ("Bosnia", "BA"), ("Laos", "LA"), ("Syria", "SY"), ("Iran", "IR"), ("Bolivia", "BO"),
        ("Venezuela", "VE"), ("Tanzania", "TZ"), ("Moldova", "MD"), ("Taiwan", "TW"),
        ("Hong Kong SAR", "HK"), ("Mainland China", "CN"), ("PRC", "CN"), ("KSA", "SA"),
        ("Kosovo", "XK"), ("St Lucia", "LC"), ("St Kitts and Nevis", "KN"), ("St Vincent and the Grenadines", "VC"),
    ]

    /// Lookup key: lower-case letters and digits only, accents removed (`Côte d'Ivoire` → `cotedivoire`).
    static func key(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter {
            ("a"..."z").contains($0) || ("0"..."9").contains($0)
        }))
    }

    /// Every accepted spelling's key → alpha-2.
    static let byKey: [String: String] = {
        var table: [String: String] = [:]
        for (alpha2, alpha3, names) in iso3166 {
            table[key(alpha2)] = alpha2
            table[key(alpha3)] = alpha2
            for name in names { table[key(name)] = alpha2 }
        }
        for (alias, alpha2) in aliases { table[key(alias)] = alpha2 }
        return table
    }()

    /// The ISO 3166-1 short names with their codes, for suggestions.
    static let shortNames: [(name: String, alpha2: String)] = iso3166.map { ($0.names[0], $0.alpha2) }
        + aliases.map { ($0.0, $0.1) }

    /// Whether `code` is an assigned ISO 3166-1 alpha-2 code.
    public static func isAssigned(alpha2 code: String) -> Bool {
        assigned.contains(code.uppercased())
    }
    /// ISO 3166-1's assigned codes, and `XK` (Kosovo: user-assigned, but what the EU and banks use).
    static let assigned: Set<String> = Set(iso3166.map(\.alpha2) + ["XK"])

    /// The alpha-2 code a spelling means, or `nil` (also for an unassigned two-letter code).
    public static func alpha2(for text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.utf8.count == 2, assigned.contains(trimmed.uppercased()) { return trimmed.uppercased() }
        return byKey[key(trimmed)]
    }

    /// Up to three nearest spellings, as `Name (XX)`, for an error message.
    public static func suggestions(for text: String) -> [String] {
        let k = key(text)
        guard k.count >= 3 else { return [] }
        let scored = shortNames.map { entry -> (Int, String) in
            let candidate = key(entry.name)
            var distance = editDistance(k, candidate)
            if candidate.hasPrefix(k) || k.hasPrefix(candidate) { distance = min(distance, 1) }
            return (distance, "\(entry.name) (\(entry.alpha2))")
        }
        let limit = max(2, k.count / 3)
        var seen: Set<String> = []
        return scored.filter { $0.0 <= limit }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
            .map(\.1).filter { seen.insert($0).inserted }.prefix(3).map { $0 }
    }
}
