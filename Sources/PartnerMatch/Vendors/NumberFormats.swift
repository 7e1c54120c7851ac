import Foundation

/// Amounts as spreadsheets format them (docs: `datasets/README.md`, "Numbers"): currency symbols and
/// codes, `%`, thousands separators and the decimal comma. Plain numbers never come here: the reader
/// tries `ByteParsing.parseDouble` first, so this costs nothing on plain files.
enum NumberFormats {
    /// What a formatted cell held besides digits (each reported once per file, with a count).
    struct Parsed: Equatable {
        var value: Double
        /// The currency a symbol or code next to the amount named (`$` → `USD`-like, see `symbols`).
        var currencyMark: String?
        var percent = false
        var thousands = false
        var decimalComma = false
    }

    enum Problem: Error, Equatable {
        /// `1,200` with `.` as the decimal mark: 1200 or 1.2. Both readings named.
        case ambiguous(thousands: String, decimal: String)
        /// `€1.000` in a `.` file (or `€1,000` in a `,` file): an amount with a currency whose one
        /// separator is followed by exactly three digits reads as thousands (1000) as readily as a
        /// decimal part (1), whichever the file's decimal mark, so it is refused as `€1,000` is.
        case ambiguousAmount(thousands: String, decimal: String, separator: Character)
        /// A decimal part after the other mark than the file's (`45,5` in a `.` file).
        case wrongDecimalMark(expected: Character, rewritten: String)
        case percentNotAllowed
        /// Digits that overflow a double (`1e309`).
        case outOfRange
        case notANumber
    }

    /// Currency symbols and the ISO 4217 codes each agrees with (a `$` agrees with any dollar).
    static let symbols: [(String, Set<String>)] = [
        ("US$", ["USD"]), ("R$", ["BRL"]), ("C$", ["CAD"]), ("A$", ["AUD"]), ("NZ$", ["NZD"]), ("S$", ["SGD"]),
        ("HK$", ["HKD"]), ("MX$", ["MXN"]),
        ("$", ["USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN", "ARS", "CLP", "COP", "TWD"]),
        ("€", ["EUR"]), ("£", ["GBP"]), ("¥", ["JPY", "CNY"]), ("₹", ["INR"]), ("₱", ["PHP"]), ("₫", ["VND"]),
        ("₩", ["KRW"]), ("₺", ["TRY"]), ("₴", ["UAH"]), ("₦", ["NGN"]), ("zł", ["PLN"]), ("Kč", ["CZK"]),
        ("kr", ["SEK", "NOK", "DKK", "ISK"]), ("Fr.", ["CHF"]), ("CHF", ["CHF"]),
    ]

    /// Whether a currency mark (a symbol, or a code) agrees with `currency`.
    static func agrees(_ mark: String, with currency: String) -> Bool {
        if mark.count == 3, mark.allSatisfy(\.isLetter), mark.uppercased() == mark { return mark == currency }
        return symbols.first { $0.0 == mark }?.1.contains(currency) ?? false
    }

    /// The currencies a mark may stand for, for a message.
    static func meaning(of mark: String) -> String {
        if let set = symbols.first(where: { $0.0 == mark })?.1, !(mark.count == 3 && mark.allSatisfy(\.isUppercase)) {
            return set.sorted().joined(separator: "/")
        }
        return mark
    }

    /// Splits off a currency symbol or code before or after the amount, and a `%` at its end.
    static func strip(_ text: String) -> (number: String, mark: String?, percent: Bool) {
        var s = text.trimmingCharacters(in: .whitespaces)
        var percent = false
        if s.hasSuffix("%") { percent = true; s = String(s.dropLast()).trimmingCharacters(in: .whitespaces) }
        var negative = false
        if s.hasPrefix("-") || s.hasPrefix("−") { negative = true; s = String(s.dropFirst()).trimmingCharacters(in: .whitespaces) }
        var mark: String?
        for (symbol, _) in symbols {
            if s.hasPrefix(symbol) { mark = symbol; s = String(s.dropFirst(symbol.count)); break }
            if s.hasSuffix(symbol) { mark = symbol; s = String(s.dropLast(symbol.count)); break }
        }
        if mark == nil {
            let letters = s.prefix { $0.isASCII && $0.isLetter }
            let trailing = String(s.reversed().prefix { $0.isASCII && $0.isLetter }.reversed())
            if letters.count == 3 { mark = letters.uppercased(); s = String(s.dropFirst(3)) }
            else if trailing.count == 3 { mark = trailing.uppercased(); s = String(s.dropLast(3)) }
        }
        s = s.trimmingCharacters(in: .whitespaces)
        if s.hasPrefix("-") || s.hasPrefix("−") { negative.toggle(); s = String(s.dropFirst()) }
        return ((negative ? "-" : "") + s, mark, percent)
    }

    /// Reads a formatted amount with `decimalComma` telling the file's decimal mark.
    static func parse(_ text: String, decimalComma: Bool, allowPercent: Bool) -> Result<Parsed, Problem> {
        let (raw, mark, percent) = strip(text)
        if percent && !allowPercent { return .failure(.percentNotAllowed) }
        var body = Substring(raw)
        var sign = ""
        if body.hasPrefix("-") || body.hasPrefix("+") { sign = body.hasPrefix("-") ? "-" : ""; body = body.dropFirst() }
        // Spaces (also no-break and thin spaces) between digit groups are thousands separators.
        let spaced = body.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}" || $0 == "\u{2009}" })
        var thousands = false
        if spaced.count > 1 {
            guard spaced.dropFirst().allSatisfy({ $0.prefix { $0.isASCII && $0.isNumber }.count == 3 }),
                  (1...3).contains(spaced[0].count) else { return .failure(.notANumber) }
            body = Substring(spaced.joined())
            thousands = true
        }
        let decimal: Character = decimalComma ? "," : "."
        let group: Character = decimalComma ? "." : ","
        let decimals = body.filter { $0 == decimal }.count
        let groups = body.filter { $0 == group }.count
        guard body.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "." || $0 == "," || $0 == "e" || $0 == "E" || $0 == "+" || $0 == "-" }),
              body.contains(where: { $0.isASCII && $0.isNumber }) else { return .failure(.notANumber) }
        var plain = String(body)
        var usedComma = false
        if groups > 0 {
            let integerPart = decimals > 0 ? body[..<body.lastIndex(of: decimal)!] : body[...]
            if decimals > 0, body.lastIndex(of: group)! > body.lastIndex(of: decimal)! {
                return .failure(.wrongDecimalMark(expected: decimal, rewritten: rewrite(body, decimal: group)))
            }
            let parts = integerPart.split(separator: group, omittingEmptySubsequences: false)
            let grouped = (1...3).contains(parts[0].count) && parts.dropFirst().allSatisfy { $0.count == 3 }
                && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
            if !grouped {
                if groups == 1 && decimals == 0 {
                    return .failure(.wrongDecimalMark(expected: decimal, rewritten: rewrite(body, decimal: group)))
                }
                return .failure(.notANumber)
            }
            if decimals == 0 && groups == 1 {
                // `1,200` (or `1.200` in a decimal-comma file): both readings are plausible.
                let joined = parts.joined()
                let asDecimal = String(parts[0]) + "." + String(parts[1])
                return .failure(.ambiguous(thousands: sign + trimZeros(joined), decimal: sign + trimDecimal(asDecimal)))
            }
            plain = String(body.filter { $0 != group })
            thousands = true
        }
        if decimals > 1 { return .failure(.notANumber) }
        if mark != nil, groups == 0, decimals == 1, let dot = body.firstIndex(of: decimal) {
            let whole = body[..<dot], fraction = body[body.index(after: dot)...]
            if (1...3).contains(whole.count), fraction.count == 3, whole.allSatisfy(\.isNumber), fraction.allSatisfy(\.isNumber) {
                return .failure(.ambiguousAmount(thousands: sign + trimZeros(String(whole + fraction)),
                                                 decimal: sign + trimDecimal(String(whole) + "." + String(fraction)), separator: decimal))
            }
        }
        if decimalComma, decimals == 1 { plain = plain.replacingOccurrences(of: ",", with: "."); usedComma = true }
        guard let value = Double(sign + plain) else { return .failure(.notANumber) }
        guard value.isFinite else { return .failure(.outOfRange) }
        return .success(Parsed(value: value, currencyMark: mark, percent: percent, thousands: thousands, decimalComma: usedComma))
    }

    /// The amount with `decimal` read as the decimal mark and the other mark as grouping, for a hint.
    static func rewrite(_ body: Substring, decimal: Character) -> String {
        let group: Character = decimal == "," ? "." : ","
        return String(body.filter { $0 != group }.map { $0 == decimal ? "." : $0 })
    }

    static func trimZeros(_ digits: String) -> String {
        let trimmed = digits.drop { $0 == "0" }
        return trimmed.isEmpty ? "0" : String(trimmed)
    }

    static func trimDecimal(_ text: String) -> String {
        var s = text
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s.hasPrefix(".") ? "0" + s : s
    }

    /// Evidence for the file's decimal mark from one numeric cell: `true` for `,`, `false` for `.`,
    /// `nil` when the cell says nothing (no mark, or one mark followed by exactly three digits).
    static func decimalEvidence(_ text: String) -> Bool? {
        let body = strip(text).number
        guard let last = body.lastIndex(where: { $0 == "." || $0 == "," }) else { return nil }
        let mark = body[last]
        let others = body.filter { $0 == "." || $0 == "," }
        if others.allSatisfy({ $0 == mark }) {
            let after = body[body.index(after: last)...]
            if after.count == 3 { return nil } // `1,200` / `1.200`: a group or a decimal part
            if others.count > 1 { return nil }
        }
        return mark == ","
    }
}
