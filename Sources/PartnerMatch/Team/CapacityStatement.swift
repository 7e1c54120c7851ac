/// What the eligible vendors can deliver at most, skill by skill (docs/MODEL.md, "Infeasible for
/// want of capacity"): said when no single change makes a scenario feasible, before pointing at
/// the eligibility rules ("the 2 eligible vendors offering backend can supply at most 12 FTE of it;
/// the demand is 80").
public struct SkillCapacity: Sendable, Hashable {
    /// The skill as the scenario writes it (`total` when the demand is one total).
    public var skill: String
    /// Eligible vendors offering the skill.
    public var vendors: Int
    /// The most FTE of the skill they can supply together: each vendor's `min(capacity_fte, α·D)`,
    /// summed (an upper bound: no other rule is taken into account).
    public var most: Double
    /// The skill's demand `d_s`.
    public var demand: Double

    /// Whether the vendors fall short of the demand even before any other rule.
    public var short: Bool { most < demand - 1e-9 * max(1, demand) }

    /// E.g. "the 2 eligible vendors offering backend can supply at most 12 FTE of it; the demand is 80".
    public var message: String {
        let who = vendors == 1 ? "the 1 eligible vendor offering \(skill)" : "the \(vendors) eligible vendors offering \(skill)"
        let can = vendors == 1 ? "can" : "can together"
        return "\(who) \(can) supply at most \(Format.number(most)) FTE of it; the demand is \(Format.number(demand))"
    }
}

extension TeamProblem {
    /// The capacity statement of this problem's candidates, one entry per demanded skill, in the
    /// demand's order.
    ///
    /// - Complexity: O(candidates × skills).
    public func capacity() -> [SkillCapacity] {
        let r = requirements
        let cap = r.maxShare * r.totalDemand
        var vendors = [Int](repeating: 0, count: r.skills.count)
        var most = [Double](repeating: 0, count: r.skills.count)
        for candidate in candidates {
            for s in candidate.skills where s < r.skills.count {
                vendors[s] += 1
                most[s] += min(candidate.capacityFTE, cap)
            }
        }
        return r.skills.indices.map { s in
            SkillCapacity(skill: r.skills[s].name, vendors: vendors[s], most: most[s], demand: r.skills[s].demand)
        }
    }
}
