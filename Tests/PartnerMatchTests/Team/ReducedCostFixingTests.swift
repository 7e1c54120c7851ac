import GLPKSolver
@testable import PartnerMatch
import Testing

/// Reduced-cost fixing removes only vendors that cannot be in an optimal team: every answer with it
/// equals the answer without it (pruning off in both, so only the fixing differs).
@Suite("Reduced-cost fixing never changes the answer")
struct ReducedCostFixingTests {
    private func optimizer(fixing: Bool) -> TeamOptimizer {
        var options = TeamOptimizer.Options()
        options.explainInfeasibility = false
        options.pruning = false
        options.reducedCostFixingAbove = fixing ? 0 : nil
        // Start the LP's column generation from very few candidates, so that pricing the others in
        // is exercised on small pools too.
        options.relaxationStartPerSkill = 1
        return TeamOptimizer(options: options)
    }

    @Test("The optimum with fixing equals the optimum without it on 240 random pools of 6 to 30 vendors")
    func optimumUnchanged() throws {
        var removedSomewhere = 0, removedForCost = 0, feasible = 0
        for seed in UInt64(3000)..<3240 {
            let problem = RandomTeamProblems.make(seed: seed, vendors: 6 + Int(seed % 25))
            let fixed = try optimizer(fixing: true).solve(problem)
            let full = try optimizer(fixing: false).solve(problem)
            #expect(fixed.status == full.status, "seed \(seed)")
            #expect(same(fixed.status.hasTeam ? fixed.objective : nil, full.status.hasTeam ? full.objective : nil), "seed \(seed)")
            if fixed.status.hasTeam {
                feasible += 1
                #expect(ReportedTeamCheck.violations(fixed, problem).isEmpty, "seed \(seed)")
                // The selection is reported in the positions of the problem given.
                #expect(Set(fixed.selection.map { problem.candidates[$0].id }) == Set(fixed.members.map(\.id)), "seed \(seed)")
            }
            if try optimizer(fixing: true).reducedCostFixed(problem).candidates.count < problem.candidates.count { removedSomewhere += 1 }
            var free = problem
            free.requirements.budget = nil
            if try optimizer(fixing: true).reducedCostFixed(free, objective: .minimizeCost(utilityFloor: nil)).candidates.count < free.candidates.count {
                removedForCost += 1
            }
        }
        #expect(removedForCost > 20, "the cases must exercise the fixing of the cost objective")
        #expect(feasible > 100)
        #expect(removedSomewhere > 20, "the cases must exercise the fixing")
    }

    @Test("The LP relaxation by column generation equals the LP over every candidate")
    func relaxationByColumnGeneration() throws {
        var pricedOut = 0
        for seed in UInt64(3400)..<3440 {
            let problem = RandomTeamProblems.make(seed: seed, vendors: 20 + Int(seed % 20))
            let model = TeamModel(problem)
            let full = try GLPKSolver().solve(model.model.relaxed())
            let generated = try optimizer(fixing: true).relaxation(model)
            #expect(same(full.termination == .optimal ? full.objectiveValue : nil, generated?.objective), "seed \(seed)")
            pricedOut += generated?.pricedOut ?? 0
        }
        #expect(pricedOut > 100, "the cases must price candidates out without solving over them")
    }

    @Test("Exit analysis, sweep points, minimum and saturation budgets with fixing equal those without it")
    func exitsAndSweepsUnchanged() throws {
        var checked = 0
        for seed in UInt64(3300)..<3500 {
            let problem = RandomTeamProblems.make(seed: seed, vendors: 12 + Int(seed % 15))
            let team = try optimizer(fixing: false).solve(problem)
            guard team.status.hasTeam else { continue }
            let withFixing = try optimizer(fixing: true).exitAnalysis(problem, team: team)
            let without = try optimizer(fixing: false).exitAnalysis(problem, team: team)
            #expect(zip(withFixing, without).allSatisfy { same($0.replacement.objective, $1.replacement.objective) }, "seed \(seed)")
            let fixedSweep = BudgetAnalysis(problem: problem, optimizer: optimizer(fixing: true))
            let fullSweep = BudgetAnalysis(problem: problem, optimizer: optimizer(fixing: false))
            guard let minimum = try fullSweep.minimumBudget(), let saturation = try fullSweep.saturation() else { continue }
            // The cost objective (minimum and saturation budgets) with its signs turned.
            #expect(same(try fixedSweep.minimumBudget(), minimum), "seed \(seed)")
            let fixedSaturation = try fixedSweep.saturation()
            #expect(same(fixedSaturation?.budget, saturation.budget) && same(fixedSaturation?.objective, saturation.objective), "seed \(seed)")
            let budgets = (0...5).map { minimum + Double($0) * (saturation.budget - minimum) / 5 }
            let a = try fixedSweep.sweep(budgets), b = try fullSweep.sweep(budgets)
            #expect(zip(a, b).allSatisfy { same($0.team.objective, $1.team.objective) }, "seed \(seed)")
            checked += 1
        }
        #expect(checked > 100)
    }
}
