/// Synthetic vendor pools that look like the IT-outsourcing market (distributions and the figures they
/// were calibrated on: `datasets/README.md`, "Synthetic pools").
///
/// - Regions, countries and their real IANA zones come from `MarketRegion.all` (including Asia/Kolkata
///   at +5:30, Asia/Kathmandu at +5:45, America/St_Johns at −3:30, Australia/Adelaide at +9:30).
/// - Rates are drawn inside each region's band; quality rises with the rate's place in the band.
/// - Capacities follow a Pareto law (long tail); certifications are likelier for larger firms.
/// - About 5% of vendors (12% in South Asia) work a night shift that crosses midnight (e.g. 22:00–06:00).
///
/// The same seed and skill count give byte-identical CSV on every machine: the generator is
/// `SeededGenerator`, every value is computed with exactly-rounded IEEE operations (no `log`, `pow`,
/// `exp`) and formatted by hand (rates with two decimals, FTE in halves).
public struct PoolGenerator: Sendable {
    public let seed: UInt64
    /// The distinct skills vendors offer: the first `skillCount` of `skillCatalog` (then `skill21`, …).
    public let skills: [String]

    public static let defaultSkillCount = 8

    /// Skills in the order of how commonly outsourcing vendors offer them.
    public static let skillCatalog = [
        "backend", "frontend", "qa", "ios", "android", "devops", "data", "design",
        "ml", "security", "cloud", "sre", "embedded", "java", "dotnet", "salesforce",
        "sap", "gamedev", "blockchain", "arvr",
    ]

    public init(seed: UInt64, skillCount: Int = PoolGenerator.defaultSkillCount) {
        self.seed = seed
        let count = max(1, skillCount)
        skills = (0..<count).map { $0 < Self.skillCatalog.count ? Self.skillCatalog[$0] : "skill\($0 + 1)" }
    }

    /// Writes a CSV of `vendors` rows (with its header) to `sink`, in chunks of about 64 KiB.
    /// - Complexity: O(vendors) time, O(1) memory.
    public func write(vendors: Int, to sink: (ArraySlice<UInt8>) throws -> Void) rethrows {
        var rows = RowSource(generator: self)
        var out = CSVLineBuffer()
        out.bytes.append(contentsOf: VendorColumn.written.map(\.name).joined(separator: ",").utf8)
        out.bytes.append(CSVByte.lf)
        for index in 0..<max(vendors, 0) {
            let row = rows.next(index: index)
            out.appendPlain(row.id)
            out.comma()
            out.appendCell(row.name)
            out.comma()
            out.appendPlain(row.country)
            out.comma()
            out.appendPlain(row.zone)
            out.comma()
            out.appendClock(row.start)
            out.comma()
            out.appendClock(row.end)
            out.comma()
            out.appendHundredths(row.rateCents)
            out.comma()
            out.appendInteger(row.quality)
            out.comma()
            if let fit = row.culturalFit { out.appendInteger(fit) }
            out.comma()
            out.appendHalves(row.capacityHalves)
            out.comma()
            out.appendHalves(row.maxHalves)
            out.comma()
            out.appendHalves(row.minHalves)
            out.comma()
            out.appendPlain(row.certifications.joined(separator: ";"))
            out.comma()
            out.appendPlain(row.skills.joined(separator: ";"))
            out.bytes.append(CSVByte.lf)
            if out.bytes.count >= CSVLineBuffer.flushSize {
                try sink(out.bytes[...])
                out.bytes.removeAll(keepingCapacity: true)
            }
        }
        if !out.bytes.isEmpty { try sink(out.bytes[...]) }
    }

    /// The CSV of `vendors` rows as bytes (small pools; large ones should stream with `write`).
    public func csv(vendors: Int) -> [UInt8] {
        var all: [UInt8] = []
        write(vendors: vendors) { all.append(contentsOf: $0) }
        return all
    }

    /// The same pool that reading `write(vendors:to:)`'s output would give, built directly.
    public func makePool(vendors: Int) -> VendorPool {
        var rows = RowSource(generator: self)
        var pool = VendorPool(source: "generated(seed: \(seed), skills: \(skills.count))")
        pool.reserveCapacity(max(vendors, 0))
        for index in 0..<max(vendors, 0) {
            let row = rows.next(index: index)
            pool.append(Vendor(
                id: row.id, name: row.name, country: row.country, timeZone: row.zone,
                workStart: ClockTime(minutes: row.start)!, workEnd: ClockTime(minutes: row.end)!,
                hourlyRate: Double(row.rateCents) / 100, quality: Double(row.quality),
                culturalFit: row.culturalFit.map(Double.init),
                capacityFTE: Double(row.capacityHalves) / 2, maxFTE: Double(row.maxHalves) / 2,
                minFTE: Double(row.minHalves) / 2,
                certifications: row.certifications, skills: row.skills
            ), line: index + 2)
        }
        return pool
    }
}

/// One generated vendor, in the integer units the CSV is written in.
struct GeneratedRow {
    var id: String
    var name: String
    var country: String
    var zone: String
    var start: Int
    var end: Int
    var rateCents: Int
    var quality: Int
    var culturalFit: Int?
    var capacityHalves: Int
    var maxHalves: Int
    var minHalves: Int
    var certifications: [String]
    var skills: [String]
}

/// Draws rows one after another from the seeded generator.
struct RowSource {
    let skills: [String]
    var random: SeededGenerator
    let regionWeights: [Double]
    let countryWeights: [[Double]]
    let skillWeights: [Double]

    init(generator: PoolGenerator) {
        skills = generator.skills
        random = SeededGenerator(seed: generator.seed)
        regionWeights = MarketRegion.all.map(\.weight)
        countryWeights = MarketRegion.all.map { $0.countries.map(\.weight) }
        // Popularity falls off with the catalogue position: 10/(i+2), so backend ≈ 2.7× the 8th skill.
        skillWeights = skills.indices.map { 10 / (Double($0) + 2) }
    }

    static let namePrefixes = [
        "Nord", "Vel", "Ar", "Quan", "Sil", "Bright", "Code", "Data", "Blue", "Tera", "Nova", "Pixel",
        "Agile", "Cloud", "Iron", "Delta", "Sky", "Bit", "Lumi", "Zen", "Hexa", "Orbit", "Sun", "Peak",
        "Kite", "Cedar", "Onyx", "Astra", "Vertex", "Mango",
    ]
    static let nameStems = [
        "vik", "ora", "tech", "soft", "works", "ify", "stack", "line", "wave", "forge", "logic",
        "nest", "sys", "core", "port", "bridge", "craft", "loop", "mind", "gate",
    ]
    static let nameSuffixes = [
        "Labs", "Software", "Solutions", "Systems", "Digital", "Technologies", "Consulting", "Studio",
        "Group", "IT",
    ]
    static let legalForms = [", Inc.", ", Ltd.", ", LLC", ", S.A.", ", s.r.o."]

    /// Certifications with their base probability for a large firm.
    static let certificationBase: [(token: String, p: Double)] = [
        ("ISO27001", 0.60), ("SOC2", 0.35), ("GDPR", 0.45), ("ISO9001", 0.40), ("CMMI3", 0.25),
    ]

    mutating func next(index: Int) -> GeneratedRow {
        let regionIndex = random.pick(weights: regionWeights)
        let region = MarketRegion.all[regionIndex]
        let country = region.countries[random.pick(weights: countryWeights[regionIndex])]
        let zone = country.zones[random.below(country.zones.count)]

        // Size: Pareto with x_m = 2 FTE and α = 4/3, i.e. 2·u^(−3/4), with u^(3/4) = √u·√√u.
        let u = 1 - random.unit() // (0, 1]
        let root = u.squareRoot()
        let capacity = min(400, 2 / (root * root.squareRoot()))
        let capacityHalves = max(1, Int((capacity * 2).rounded()))
        let growth = random.unit() * 1.5 // up to +150% after ramp-up
        let maxHalves = max(capacityHalves, Int((Double(capacityHalves) * (1 + growth)).rounded()))
        let minChoices = [0, 0, 0, 0, 0, 1, 1, 2, 4, 10] // halves: 0, 0.5, 1, 2, 5 FTE
        let minHalves = min(minChoices[random.below(minChoices.count)], capacityHalves)

        // Rate: place in the band ~ triangular on [0, 1]; 6% premium vendors up to 1.6× the band's top.
        var place = (random.unit() + random.unit()) / 2
        if random.chance(0.06) { place = 1 + random.unit() * 0.6 }
        let rate = region.rateLow + (region.rateHigh - region.rateLow) * place
        let rateCents = Int((rate * 100).rounded())

        // Quality rises with the place in the band: 55 + 30·place, ± a normal with σ = 8.
        let quality = Int(min(99, max(30, 55 + 30 * place + 8 * random.normal())).rounded())
        let culturalFit: Int? = random.chance(0.04)
            ? nil : Int(min(100, max(10, 65 + 15 * random.normal())).rounded())

        let (start, end) = shift(region: region.name)

        // Certifications: base × (0.2 + 0.8·size), size = capacity / (capacity + 20) ∈ (0, 1).
        let size = capacity / (capacity + 20)
        var certifications: [String] = []
        for (token, base) in Self.certificationBase {
            var p = base * (0.2 + 0.8 * size)
            switch (token, region.name) {
            case ("GDPR", "Western Europe"), ("GDPR", "Central and Eastern Europe"): p *= 1.8
            case ("SOC2", "North America"): p *= 1.8
            case ("CMMI3", "South Asia"): p *= 2
            default: break
            }
            if random.chance(min(p, 0.95)) { certifications.append(token) }
        }

        // Skills: 1 + geometric(0.45) distinct skills, at most 6, drawn by popularity.
        var count = 1
        while count < min(6, skills.count), random.chance(0.45) { count += 1 }
        var chosen: [Int] = []
        while chosen.count < count {
            let skill = random.pick(weights: skillWeights)
            if !chosen.contains(skill) { chosen.append(skill) }
        }
        chosen.sort()

        var name = Self.namePrefixes[random.below(Self.namePrefixes.count)]
            + Self.nameStems[random.below(Self.nameStems.count)]
            + " " + Self.nameSuffixes[random.below(Self.nameSuffixes.count)]
        if random.chance(0.03) { name += Self.legalForms[random.below(Self.legalForms.count)] }

        return GeneratedRow(
            id: Self.id(index), name: name, country: country.code, zone: zone,
            start: start, end: end, rateCents: rateCents, quality: quality, culturalFit: culturalFit,
            capacityHalves: capacityHalves, maxHalves: maxHalves, minHalves: minHalves,
            certifications: certifications, skills: chosen.map { skills[$0] })
    }

    /// Working hours: mostly a day shift starting 08:00–10:00; some late shifts overlapping Europe
    /// or the US; some night shifts crossing midnight.
    mutating func shift(region: String) -> (start: Int, end: Int) {
        let nightShare = region == "South Asia" ? 0.12 : 0.05
        let lateShare = region == "South Asia" || region == "Southeast Asia" ? 0.15 : 0.04
        let roll = random.unit()
        let lengths = [480, 510, 540] // 8 h, 8.5 h, 9 h
        let length = lengths[random.below(lengths.count)]
        let start: Int
        if roll < nightShare {
            start = [21 * 60, 22 * 60, 22 * 60 + 30, 23 * 60][random.below(4)]
        } else if roll < nightShare + lateShare {
            start = 12 * 60 + 30 * random.below(5) // 12:00–14:00
        } else {
            start = 8 * 60 + 30 * random.below(5) // 08:00–10:00
        }
        return (start, (start + length) % 1440)
    }

    static func id(_ index: Int) -> String {
        let digits = String(index + 1)
        return "V" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
    }
}
