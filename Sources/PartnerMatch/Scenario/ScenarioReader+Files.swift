import Foundation

/// The scenario keys about how vendor files are read (v2): `currency`, `[fx]`, `[columns]`, and
/// countries written by name in `rules.allowed_countries` / `rules.excluded_countries`.
extension ScenarioDecoder {
    /// `currency`: an ISO 4217 code (any case, stored upper-case); default `USD`.
    mutating func decodeCurrency(_ value: ScenarioValue?) -> String {
        guard let text = string(value, ["currency"]) else { return "USD" }
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard code.count == 3, Locale.commonISOCurrencyCodes.contains(code) else {
            let hint = closestMatch(to: code, in: Locale.commonISOCurrencyCodes).map { "; did you mean '\($0)'?" } ?? ""
            error(["currency"], "invalid_currency", "currency must be an ISO 4217 code such as \"USD\" or \"EUR\", found \"\(text)\"\(hint)")
            return "USD"
        }
        return code
    }

    /// `[fx]`: `CODE = rate` (scenario-currency units per one unit of CODE), each rate > 0.
    mutating func decodeFX(_ value: ScenarioValue?, currency: String) -> [String: Double] {
        guard let entries = table(value, ["fx"]) else { return [:] }
        var fx: [String: Double] = [:]
        for key in entries.keys.sorted(by: { orderInFile(["fx", $0], $1) }) {
            let path = ["fx", key]
            let code = key.uppercased()
            guard code.count == 3, Locale.commonISOCurrencyCodes.contains(code) else {
                let hint = closestMatch(to: code, in: Locale.commonISOCurrencyCodes).map { "; did you mean '\($0)'?" } ?? ""
                error(path, "invalid_currency", "fx.\(key) must name an ISO 4217 currency such as EUR\(hint)")
                continue
            }
            guard let rate = number(entries[key], path, "> 0 (\(currency) per 1 \(code))", max: Magnitude.fxMax, { $0 > 0 }) else { continue }
            guard rate >= Magnitude.fxMin else {
                error(path, "out_of_range", "fx.\(key) must be at least \(Magnitude.fxMinText) (docs/LIMITS.md), found \(entries[key]!.shown)")
                continue
            }
            if code == currency, rate != 1 {
                error(path, "inconsistent", "fx.\(key) is the scenario's own currency, so its rate is 1, found \(entries[key]!.shown)")
                continue
            }
            if fx[code] != nil {
                error(path, "duplicate_key", "fx.\(key) is the same currency as another key of [fx]")
                continue
            }
            fx[code] = rate
        }
        return fx
    }

    /// `[columns]`: `"Header" = "field"` (a vendor field, or `pass`), in file order.
    mutating func decodeColumns(_ value: ScenarioValue?) -> [ColumnMapping] {
        guard let entries = table(value, ["columns"]) else { return [] }
        var mappings: [ColumnMapping] = []
        for key in entries.keys.sorted(by: { orderInFile(["columns", $0], $1) }) {
            let path = ["columns", key]
            guard let field = string(entries[key], path) else { continue }
            let normalized = field.trimmingCharacters(in: .whitespaces).lowercased()
            guard ColumnMapping.fields.contains(normalized) else {
                let hint = closestMatch(to: normalized, in: ColumnMapping.fields).map { "; did you mean \"\($0)\"?" } ?? ""
                error(path, "unknown_field", "columns.\"\(key)\" must name a vendor field or \"pass\", found \"\(field)\"\(hint)")
                continue
            }
            let at = location(path)
            mappings.append(ColumnMapping(header: key, field: normalized, origin: "[columns] (\(at))"))
        }
        return mappings
    }

    /// Countries of a rule by code or name (`CountryNames`), as alpha-2; an unknown one is an error.
    mutating func countries(_ values: [String], _ path: [String]) -> [String] {
        values.compactMap { value in
            if let code = CountryNames.alpha2(for: value) { return code }
            let suggestions = CountryNames.suggestions(for: value)
            let hint = suggestions.isEmpty ? "" : "; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?"
            error(path, "invalid_country", "\(Self.name(path)) must hold ISO 3166-1 countries (codes such as \"CA\" or names such as \"Canada\"), found \"\(value)\"\(hint)")
            return nil
        }
    }
}

extension Magnitude {
    /// `[fx]` rates: 10^-6 to 10^6 scenario-currency units per unit, wider than any pair of currencies
    /// in use (one US dollar is about 90,000 Lebanese pounds), so that a converted amount stays within
    /// 10^6 times the vendor file's limits (docs/LIMITS.md).
    static let fxMax = 1e6
    static let fxMin = 1e-6
    static let fxMinText = "1e-6"
}
