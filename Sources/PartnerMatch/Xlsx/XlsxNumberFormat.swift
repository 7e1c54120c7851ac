import Foundation

/// What a worksheet cell's number format shows of the number it stores, as far as the vendor reader
/// cares: a time of day, a percent, or an amount with a currency symbol or code. A number cell is
/// handed to the reader as the text a person sees in the spreadsheet (`shown`), so that the rules for
/// CSV text hold for it too (datasets/README.md, "Numbers"): `0.8` formatted `0%` is `80%` (a percent,
/// allowed only in a 0–100 field), `40` formatted `"$"#,##0.00` is `$40` (a currency that must agree
/// with the vendor's), `0.375` formatted `hh:mm` is `09:00`.
///
/// Only the format's first section (the one for positive numbers) is read: `$#,##0;[Red]-$#,##0`
/// says `$` once. Thousands separators, decimals and colours change nothing the reader needs.
enum XlsxNumberFormat: Equatable, Sendable {
    case plain
    case time
    case percent
    /// A currency symbol (`$`, `€`, `US$`) or ISO 4217 code (`EUR`), as `NumberFormats.symbols` spells it.
    case currency(String)

    /// The format of a cell style: a built-in `numFmtId` (ECMA-376 §18.8.30), or `code` for a custom one.
    init(id: Int, code: String?) {
        switch id {
        // h:mm AM/PM, h:mm:ss AM/PM, h:mm, h:mm:ss; mm:ss, [h]:mm:ss, mm:ss.0
        case 18, 19, 20, 21, 45, 46, 47: self = .time
        case 9, 10: self = .percent // 0%, 0.00%
        // The built-in currency formats: ECMA-376 defines them as `$#,##0_);($#,##0)` and so on (a
        // spreadsheet writes a custom format when it means another currency).
        case 5, 6, 7, 8: self = .currency("$")
        default: self = code.map(Self.parse) ?? .plain
        }
    }

    /// Reads a custom format code.
    static func parse(_ code: String) -> XlsxNumberFormat {
        var literal = ""      // text the format shows: quoted, escaped, `[$…]`, and bare symbols
        var plain = ""        // the codes outside literals and brackets, lower-cased
        var iterator = code.makeIterator()
        var bracket: String?
        while let ch = iterator.next() {
            if var open = bracket {
                if ch == "]" {
                    // `[$€-407]`, `[$EUR]`: the currency before the locale; `[Red]`, `[h]`, `[>=100]` say none.
                    if open.hasPrefix("$") {
                        open.removeFirst()
                        literal += " " + (open.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? "") + " "
                    } else if ["h", "hh", "m", "mm", "s", "ss"].contains(open.lowercased()) {
                        plain += open.lowercased() // elapsed time: `[h]:mm`
                    }
                    bracket = nil
                } else {
                    open.append(ch)
                    bracket = open
                }
                continue
            }
            switch ch {
            case ";": iterator = "".makeIterator() // the first section only
            case "[": bracket = ""
            case "\"":
                literal += " "
                while let quoted = iterator.next(), quoted != "\"" { literal.append(quoted) }
                literal += " "
            case "\\": if let escaped = iterator.next() { literal.append(escaped) }
            case "_", "*": _ = iterator.next() // `_)` pads by a character's width, `* ` repeats one
            case "$", "€", "£", "¥", "₹", "₩", "₱", "₫", "₺", "₴", "₦": literal.append(ch)
            default: plain += String(ch).lowercased()
            }
        }
        if plain.contains("%") { return .percent }
        if plain.contains("h") && !plain.contains("d") && !plain.contains("y") { return .time }
        if let mark = currencyMark(in: literal) { return .currency(mark) }
        return .plain
    }

    /// The first currency symbol (longest spelling first: `US$` before `$`) or ISO 4217 code in a
    /// format's literal text.
    static func currencyMark(in literal: String) -> String? {
        for word in literal.split(whereSeparator: { !$0.isLetter }) where word.count == 3 && word.allSatisfy(\.isUppercase) {
            if Locale.commonISOCurrencyCodes.contains(String(word)) { return String(word) }
        }
        for (symbol, _) in NumberFormats.symbols where symbol.count > 1 || !symbol.allSatisfy(\.isLetter) {
            if literal.contains(symbol) { return symbol }
        }
        return nil
    }

    /// The text a person sees for the stored number `text` (shortest round-trip form), for the reader.
    func shown(_ text: String) -> String {
        switch self {
        case .plain: return text
        case .time:
            guard let fraction = Double(text), fraction >= 0, fraction <= 1 else { return text }
            let minutes = Int((fraction * 1440).rounded())
            return (minutes / 60 < 10 ? "0" : "") + "\(minutes / 60):" + (minutes % 60 < 10 ? "0" : "") + "\(minutes % 60)"
        case .percent:
            return Self.timesHundred(text) + "%"
        case .currency(let mark):
            // A stored number is exact: `45.125` must not look like `45,125` written with a '.'
            // separating thousands (the reader refuses `$1.000` typed as text), so three decimals
            // get a fourth zero.
            var number = text
            if let dot = number.firstIndex(of: "."), !number.contains(where: { $0 == "e" || $0 == "E" }),
               number.distance(from: dot, to: number.endIndex) == 4 {
                number += "0"
            }
            return mark.count == 3 && mark.allSatisfy(\.isUppercase) ? number + " " + mark : mark + number
        }
    }

    /// `text` × 100 to the 15 significant digits a spreadsheet shows (`0.8100000000000001`, which is
    /// how 81/100 is stored, shows as `81%`; `0.07` × 100 is 7.000000000000001 in binary and shows as 7).
    static func timesHundred(_ text: String) -> String {
        guard let value = Double(text), value.isFinite else { return text }
        return String(format: "%.15g", locale: Locale(identifier: "en_US_POSIX"), value * 100)
    }
}
