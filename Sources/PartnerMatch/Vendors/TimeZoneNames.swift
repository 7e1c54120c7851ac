import Dispatch
import Foundation

/// How a time-zone cell or `client.timezone` is read (docs: `datasets/README.md`, "Time zones").
///
/// Foundation's `TimeZone(identifier:)` also accepts abbreviations (`BST` is Bangladesh there, `EST` a
/// fixed UTC−5) and legacy names, so it never decides alone: a spelling is accepted only when it is an
/// IANA name (any case; `UTC` and `GMT` included, the other legacy names without a `/` not), the last
/// part of exactly one IANA name (`Toronto`), or an explicit fixed offset (`UTC+05:30`, `GMT-3`,
/// `+05:30`; `GMT-3` is three hours *behind* UTC, as people write it). Abbreviations are refused with
/// the zones they may mean.
public enum TimeZoneNames {
    public struct Resolved: Sendable, Hashable {
        /// The stored name: an IANA name in its canonical spelling, or `UTC±HH:MM` for a fixed offset.
        public var name: String
        /// A fixed offset: no daylight saving applies (the reader warns).
        public var isFixedOffset: Bool
    }

    public enum Problem: Error, Sendable, Hashable {
        /// An abbreviation such as `IST`, with the IANA zones it may stand for.
        case abbreviation(String, candidates: [String])
        /// A city that ends several IANA names.
        case ambiguousCity(String, candidates: [String])
        /// Nothing matched; the nearest names, if any.
        case unknown(String, suggestions: [String])
        /// An offset beyond ±14:00 or with minutes ≥ 60.
        case badOffset(String)

        /// The message after "expected …, found '…'" (starting with "; ").
        public var hint: String {
            switch self {
            case .abbreviation(let text, let candidates):
                let list = candidates.isEmpty ? "" : " (one of \(candidates.joined(separator: ", ")))"
                return "; '\(text)' is an abbreviation that names several zones or none reliably: write the IANA name\(list)"
            case .ambiguousCity(_, let candidates):
                return "; several zones end in that name: write one of \(candidates.joined(separator: ", "))"
            case .unknown(_, let suggestions):
                return suggestions.isEmpty ? "" : "; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?"
            case .badOffset:
                return "; an offset is at most ±14:00, written like UTC+05:30"
            }
        }
    }

    /// Abbreviations people write for zones, with the IANA zones each may mean (the usual ones first).
    static let abbreviations: [String: [String]] = [
        "IST": ["Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"],
        "BST": ["Europe/London", "Asia/Dhaka"],
        "CST": ["America/Chicago", "Asia/Shanghai", "America/Havana"],
        "CDT": ["America/Chicago", "America/Havana"],
        "EST": ["America/New_York", "America/Toronto", "America/Panama"],
        "EDT": ["America/New_York", "America/Toronto"],
        "ET": ["America/New_York", "America/Toronto"],
        "CT": ["America/Chicago"], "MT": ["America/Denver", "America/Phoenix"], "PT": ["America/Los_Angeles"],
        "MST": ["America/Denver", "America/Phoenix"], "MDT": ["America/Denver"],
        "PST": ["America/Los_Angeles", "Asia/Manila"], "PDT": ["America/Los_Angeles"],
        "AKST": ["America/Anchorage"], "AKDT": ["America/Anchorage"], "HST": ["Pacific/Honolulu"],
        "AST": ["America/Halifax", "Asia/Riyadh", "America/Puerto_Rico"], "ADT": ["America/Halifax"],
        "NST": ["America/St_Johns"], "NDT": ["America/St_Johns"],
        "CET": ["Europe/Berlin", "Europe/Paris", "Europe/Madrid"], "CEST": ["Europe/Berlin", "Europe/Paris", "Europe/Madrid"],
        "MET": ["Europe/Berlin", "Europe/Paris"], "MEZ": ["Europe/Berlin"], "MESZ": ["Europe/Berlin"],
        "EET": ["Europe/Athens", "Europe/Helsinki", "Africa/Cairo"], "EEST": ["Europe/Athens", "Europe/Helsinki"],
        "WET": ["Europe/Lisbon", "Atlantic/Canary"], "WEST": ["Europe/Lisbon", "Atlantic/Canary"],
        "MSK": ["Europe/Moscow"], "GST": ["Asia/Dubai", "Atlantic/South_Georgia"], "PKT": ["Asia/Karachi"],
        "NPT": ["Asia/Kathmandu"], "ICT": ["Asia/Bangkok", "Asia/Ho_Chi_Minh"], "WIB": ["Asia/Jakarta"],
        "SGT": ["Asia/Singapore"], "MYT": ["Asia/Kuala_Lumpur"], "PHT": ["Asia/Manila"], "PHST": ["Asia/Manila"],
        "HKT": ["Asia/Hong_Kong"], "JST": ["Asia/Tokyo"], "KST": ["Asia/Seoul"],
        "AEST": ["Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane"], "AEDT": ["Australia/Sydney", "Australia/Melbourne"],
        "ACST": ["Australia/Adelaide", "Australia/Darwin"], "AWST": ["Australia/Perth"],
        "NZST": ["Pacific/Auckland"], "NZDT": ["Pacific/Auckland"], "SAST": ["Africa/Johannesburg"],
        "WAT": ["Africa/Lagos"], "CAT": ["Africa/Maputo", "Africa/Harare"], "EAT": ["Africa/Nairobi"],
        "ART": ["America/Argentina/Buenos_Aires"], "BRT": ["America/Sao_Paulo"], "CLT": ["America/Santiago"],
        "COT": ["America/Bogota"], "PET": ["America/Lima"], "UCT": ["UTC"], "Z": ["UTC"], "ZULU": ["UTC"],
    ]

    /// Every IANA name known here: Foundation's list plus tzdata's own (`tzdata.zi`: zones and links),
    /// keeping only names with a `/` (or `UTC`, `GMT`): tzdata's legacy names without one (`EST`,
    /// `GB`, `PRC`, `Japan`, …) are abbreviations or countries, not zones a person means by that spelling.
    static let names: [String] = {
        let known = Set(TimeZone.knownTimeZoneIdentifiers)
        var all = known
        if let data = FileManager.default.contents(atPath: "/usr/share/zoneinfo/tzdata.zi") {
            all.formUnion(tzdataNames(Array(data)))
        }
        // Foundation's own names open as zones; only tzdata's others are tried (each try is an ICU
        // look-up, and this table is built before the first vendor row is read).
        return all.filter { ($0.contains("/") || $0 == "UTC" || $0 == "GMT") && (known.contains($0) || TimeZone(identifier: $0) != nil) }.sorted()
    }()

    /// The zone names (`Z name …`) and link names (`L target name`) of a `tzdata.zi`, read as bytes:
    /// splitting its 110 kB as `String`s was most of the first zone look-up (every command reading
    /// vendors makes one).
    static func tzdataNames(_ bytes: [UInt8]) -> [String] {
        var found: [String] = []
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            // The line's first three space-separated words (runs of spaces count as one).
            var words: [Range<Int>] = []
            var position = start
            while position < end && words.count < 3 {
                while position < end && bytes[position] == UInt8(ascii: " ") { position += 1 }
                let word = position
                while position < end && bytes[position] != UInt8(ascii: " ") { position += 1 }
                if position > word { words.append(word..<position) }
            }
            if let first = words.first, first.count == 1 {
                let kind = bytes[first.lowerBound]
                if kind == UInt8(ascii: "Z"), words.count > 1 { found.append(String(decoding: bytes[words[1]], as: UTF8.self)) }
                if kind == UInt8(ascii: "L"), words.count > 2 { found.append(String(decoding: bytes[words[2]], as: UTF8.self)) }
            }
            start = end + 1
        }
        return found
    }

    /// Builds the name tables on another thread, for a caller that will look zones up after other
    /// work (a large read checks its encoding and counts its lines first): the first look-up then
    /// finds them ready instead of building them while the other reading threads wait.
    static func prepareInBackground() {
        DispatchQueue.global(qos: .userInitiated).async { _ = byLowercase }
    }

    /// Lower-cased name (spaces as `_`) → canonical spelling.
    static let byLowercase: [String: String] = Dictionary(names.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })

    /// Lower-cased last part → every name ending in it (legacy groups such as `Etc/`, `US/` left out).
    static let byCity: [String: [String]] = {
        var table: [String: [String]] = [:]
        for name in names where name.contains("/") && !legacyPrefixes.contains(where: { name.hasPrefix($0) }) {
            table[String(name.split(separator: "/").last!).lowercased(), default: []].append(name)
        }
        return table
    }()
    static let legacyPrefixes = ["Etc/", "US/", "Canada/", "Mexico/", "Brazil/", "Chile/", "SystemV/"]

    /// Reads one spelling.
    public static func resolve(_ raw: String) -> Result<Resolved, Problem> {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let key = text.lowercased().replacingOccurrences(of: " ", with: "_")
        if let name = byLowercase[key] {
            // `Etc/GMT-3` keeps its IANA meaning (UTC+3) only when spelled in full, which this is.
            return .success(Resolved(name: name, isFixedOffset: false))
        }
        if let offset = fixedOffset(text) {
            guard let minutes = offset else { return .failure(.badOffset(text)) }
            return .success(Resolved(name: offsetName(minutes), isFixedOffset: true))
        }
        if let candidates = abbreviations[text.uppercased()] {
            return .failure(.abbreviation(text, candidates: candidates))
        }
        if !key.contains("/"), let candidates = byCity[key] {
            if candidates.count == 1 { return .success(Resolved(name: candidates[0], isFixedOffset: false)) }
            // `Buenos_Aires` ends both America/Buenos_Aires and America/Argentina/Buenos_Aires: within
            // one region the longer name is tzdata's current one.
            let regions = Set(candidates.map { $0.split(separator: "/")[0] })
            if regions.count == 1, let longest = candidates.max(by: { ($0.count, $1) < ($1.count, $0) }),
               candidates.allSatisfy({ $0 == longest || $0.count < longest.count }) {
                return .success(Resolved(name: longest, isFixedOffset: false))
            }
            return .failure(.ambiguousCity(text, candidates: candidates.sorted()))
        }
        let letters = text.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
        if letters, (2...5).contains(text.count), !key.contains("/") {
            return .failure(.abbreviation(text, candidates: []))
        }
        return .failure(.unknown(text, suggestions: suggestions(for: key)))
    }

    /// Minutes east of UTC for `UTC±H[H][:MM]`, `GMT±…`, `±HH:MM`, `±HHMM`; `.some(nil)` for an offset
    /// out of range; `nil` when the text is not an offset at all.
    static func fixedOffset(_ text: String) -> Int?? {
        var rest = Substring(text.uppercased())
        if rest.hasPrefix("UTC") || rest.hasPrefix("GMT") { rest = rest.dropFirst(3) }
        rest = rest.drop { $0 == " " }
        guard let sign = rest.first, sign == "+" || sign == "-" || sign == "−" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " }
        let digits = rest.filter(\.isNumber)
        let shape = rest.replacingOccurrences(of: ":", with: "")
        guard !digits.isEmpty, shape == String(digits), digits.count <= 4, digits.allSatisfy(\.isASCII) else { return nil }
        let hours: Int, minutes: Int
        if rest.contains(":") {
            let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2 else { return nil }
            hours = Int(parts[0])!; minutes = Int(parts[1])!
        } else if digits.count <= 2 {
            hours = Int(digits)!; minutes = 0
        } else {
            hours = Int(digits.dropLast(2))!; minutes = Int(digits.suffix(2))!
        }
        guard minutes < 60, hours * 60 + minutes <= 14 * 60 else { return .some(nil) }
        return .some((sign == "+" ? 1 : -1) * (hours * 60 + minutes))
    }

    /// `UTC+05:30`, `UTC-03:00`, `UTC+00:00` (Foundation reads these as fixed offsets).
    static func offsetName(_ minutes: Int) -> String {
        let m = abs(minutes)
        let hh = m / 60 < 10 ? "0\(m / 60)" : "\(m / 60)", mm = m % 60 < 10 ? "0\(m % 60)" : "\(m % 60)"
        return "UTC\(minutes < 0 ? "-" : "+")\(hh):\(mm)"
    }

    /// Up to two nearest IANA names or cities.
    static func suggestions(for key: String) -> [String] {
        guard !key.isEmpty else { return [] }
        let target = key.contains("/") ? key : key
        var scored: [(Int, String)] = []
        for name in names {
            let lower = name.lowercased()
            let city = String(lower.split(separator: "/").last ?? Substring(lower))
            let distance = min(editDistance(target, lower), editDistance(target, city))
            scored.append((distance, name))
        }
        let limit = max(2, target.count / 3)
        let best = scored.map(\.0).min() ?? .max
        guard best <= limit else { return [] }
        return scored.filter { $0.0 == best }.sorted { $0.1 < $1.1 }.prefix(2).map(\.1)
    }
}
