@testable import PartnerMatch

/// SplitMix64: a tiny seeded generator so every random test case can be replayed from its seed.
struct TestRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Small random team problems with every rule type switched on at random.
enum RandomTeamProblems {
    static func make(seed: UInt64, vendors: Int? = nil) -> TeamProblem {
        var rng = TestRandom(seed: seed)
        let skillCount = Int.random(in: 1...3, using: &rng)
        let names = ["backend", "ios", "qa"]
        let fteStep: Double? = Bool.random(using: &rng) ? 0.5 : nil
        var skills: [TeamRequirements.Skill] = []
        for s in 0..<skillCount {
            let demand = Double(Int.random(in: 2...8, using: &rng)) * 0.5
            skills.append(.init(name: names[s], demand: demand, backups: Int.random(in: 0...3, using: &rng) == 3 ? 2 : 0))
        }
        let n = vendors ?? Int.random(in: 3...8, using: &rng)
        var candidates: [TeamCandidate] = []
        for v in 0..<n {
            var offered = (0..<skillCount).filter { _ in Double.random(in: 0..<1, using: &rng) < 0.6 }
            if offered.isEmpty { offered = [Int.random(in: 0..<skillCount, using: &rng)] }
            let capacity = Double(Int.random(in: 1...10, using: &rng)) * 0.5
            let rate = Double(Int.random(in: 20...120, using: &rng))
            candidates.append(TeamCandidate(
                id: "V\(v)", poolIndex: v, utility: Double(Int.random(in: 20...95, using: &rng)) / 100,
                hourlyRate: rate, costPerFTE: rate * 160 * 12, capacityFTE: capacity,
                maxFTE: capacity * Double.random(in: 1...2.5, using: &rng),
                minimumFTE: Bool.random(using: &rng) ? 0.5 : 1, overlapHours: Double(Int.random(in: 0...16, using: &rng)) * 0.5,
                skills: offered))
        }
        let D = skills.reduce(0) { $0 + $1.demand }
        let meanCost = candidates.reduce(0) { $0 + $1.costPerFTE } / Double(n)
        let budget: Double? = Bool.random(using: &rng) ? D * meanCost * Double.random(in: 0.7...1.4, using: &rng) : nil
        let maxVendors: Int? = Bool.random(using: &rng) ? Int.random(in: 1...4, using: &rng) : nil
        let requirements = TeamRequirements(
            skills: skills, budget: budget,
            maxShare: Bool.random(using: &rng) ? [0.5, 0.6, 0.8][Int.random(in: 0...2, using: &rng)] : 1,
            minVendors: Int.random(in: 1...2, using: &rng), maxVendors: maxVendors,
            growth: Bool.random(using: &rng) ? [1.0, 1.2, 1.5][Int.random(in: 0...2, using: &rng)] : 0,
            teamOverlapHours: Bool.random(using: &rng) ? Double(Int.random(in: 2...8, using: &rng)) * 0.5 : nil,
            fteStep: fteStep)
        return TeamProblem(candidates: candidates, requirements: requirements)
    }
}

/// Whether two optima (or two "no team"s) are equal up to a relative tolerance: the suites' one
/// comparison of objective values.
func same(_ a: Double?, _ b: Double?, tolerance: Double = 1e-6) -> Bool {
    switch (a, b) {
    case (nil, nil): true
    case let (a?, b?): abs(a - b) <= tolerance * max(1, abs(a), abs(b))
    default: false
    }
}
