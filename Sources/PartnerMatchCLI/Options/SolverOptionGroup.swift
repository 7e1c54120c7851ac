import ArgumentParser
import LinearModel

/// GLPK's own flags for `solve`, which runs any model file: pull them in with
/// `@OptionGroup var solver: SolverOptionGroup` and call `solveOptions()`. The limits (`--time-limit`,
/// `--gap`, `--solver-log`) are `SolverLimits`, shared with `optimize`.
struct SolverOptionGroup: ParsableArguments {
    @OptionGroup var limits: SolverLimits

    @Flag(name: .customLong("no-presolve"), help: "Turn off GLPK's presolver.")
    var noPresolve = false

    @Option(name: .customLong("cuts"), help: "Cutting planes to generate: a comma-separated list of gomory, mir, cover and clique, or all.")
    var cuts: String?

    @Option(help: "The branching rule: first-fractional, last-fractional, most-fractional, driebeck-tomlin or hybrid-pseudocost.")
    var branching: Branching = .driebeckTomlin

    @Option(help: "The backtracking rule: depth-first, breadth-first, best-local-bound or best-projection.")
    var backtracking: Backtracking = .bestLocalBound

    @Flag(name: .customLong("feasibility-pump"), help: "Run GLPK's feasibility-pump heuristic to find a first solution sooner.")
    var feasibilityPump = false

    @Flag(name: .customLong("proximity-search"), help: "Run GLPK's proximity-search heuristic to improve solutions found.")
    var proximitySearch = false

    init() {}

    enum Branching: String, ExpressibleByArgument, CaseIterable, Sendable {
        case firstFractional = "first-fractional", lastFractional = "last-fractional", mostFractional = "most-fractional"
        case driebeckTomlin = "driebeck-tomlin", hybridPseudocost = "hybrid-pseudocost"

        var rule: SolveOptions.BranchingRule {
            switch self {
            case .firstFractional: .firstFractional
            case .lastFractional: .lastFractional
            case .mostFractional: .mostFractional
            case .driebeckTomlin: .driebeckTomlin
            case .hybridPseudocost: .hybridPseudocost
            }
        }
    }

    enum Backtracking: String, ExpressibleByArgument, CaseIterable, Sendable {
        case depthFirst = "depth-first", breadthFirst = "breadth-first"
        case bestLocalBound = "best-local-bound", bestProjection = "best-projection"

        var rule: SolveOptions.BacktrackingRule {
            switch self {
            case .depthFirst: .depthFirst
            case .breadthFirst: .breadthFirst
            case .bestLocalBound: .bestLocalBound
            case .bestProjection: .bestProjection
            }
        }
    }

    /// The `--cuts` list parsed, or a message naming the unknown family.
    static func parseCuts(_ text: String) -> Result<SolveOptions.Cuts, ValidationError> {
        var cuts = SolveOptions.Cuts.none
        for item in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            switch item {
            case "all": cuts = .all
            case "gomory": cuts.gomory = true
            case "mir": cuts.mixedIntegerRounding = true
            case "cover": cuts.cover = true
            case "clique": cuts.clique = true
            default:
                return .failure(ValidationError("--cuts: unknown cut family '\(item)' (expected gomory, mir, cover, clique or all)"))
            }
        }
        return .success(cuts)
    }

    func validate() throws {
        if let cuts { _ = try Self.parseCuts(cuts).get() }
    }

    /// The options these flags ask for.
    func solveOptions() -> SolveOptions {
        var options = SolveOptions()
        options.timeLimit = limits.timeLimit
        options.relativeGap = limits.gap
        options.presolve = !noPresolve
        if let cuts, case .success(let parsed) = Self.parseCuts(cuts) { options.cuts = parsed }
        options.branching = branching.rule
        options.backtracking = backtracking.rule
        options.feasibilityPump = feasibilityPump
        options.proximitySearch = proximitySearch
        options.log = limits.showsLog ? .standardError : .silent
        return options
    }
}
