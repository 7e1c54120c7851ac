import CGLPKShim
import LinearModel

/// GLPK's integer codes, named: the only place that knows them.
enum GLPKCodes {
    static func returnCodeName(_ code: Int32) -> String {
        switch code {
        case 0: "0 (success)"
        case GLP_EBADB: "GLP_EBADB"
        case GLP_ESING: "GLP_ESING"
        case GLP_ECOND: "GLP_ECOND"
        case GLP_EBOUND: "GLP_EBOUND"
        case GLP_EFAIL: "GLP_EFAIL"
        case GLP_EOBJLL: "GLP_EOBJLL"
        case GLP_EOBJUL: "GLP_EOBJUL"
        case GLP_EITLIM: "GLP_EITLIM"
        case GLP_ETMLIM: "GLP_ETMLIM"
        case GLP_ENOPFS: "GLP_ENOPFS"
        case GLP_ENODFS: "GLP_ENODFS"
        case GLP_EROOT: "GLP_EROOT"
        case GLP_ESTOP: "GLP_ESTOP"
        case GLP_EMIPGAP: "GLP_EMIPGAP"
        default: "unknown return code \(code)"
        }
    }

    static func statusName(_ status: Int32) -> String {
        switch status {
        case GLP_UNDEF: "GLP_UNDEF"
        case GLP_FEAS: "GLP_FEAS"
        case GLP_INFEAS: "GLP_INFEAS"
        case GLP_NOFEAS: "GLP_NOFEAS"
        case GLP_OPT: "GLP_OPT"
        case GLP_UNBND: "GLP_UNBND"
        default: "unknown status \(status)"
        }
    }

    /// GLPK's codes of one routine call, kept with their names for diagnosis.
    static func raw(_ routine: String, _ code: Int32, _ status: Int32) -> RawSolverStatus {
        RawSolverStatus(solver: "GLPK", routine: routine, returnCode: code, status: status,
                        meaning: "\(returnCodeName(code)) / \(statusName(status))")
    }

    /// What a `glp_simplex` call ended in, from its return code and (on success) the basic
    /// solution's status; `nil` for GLP_EBOUND, a model GLPK refused (the caller throws).
    /// The one mapping of simplex codes: the LP solve and a MIP's LP relaxation both read it.
    static func simplexTermination(code: Int32, status: Int32) -> TerminationReason? {
        switch code {
        case 0:
            switch status {
            case GLP_OPT: .optimal
            case GLP_NOFEAS: .infeasible
            case GLP_UNBND: .unbounded
            default: .numericalFailure
            }
        case GLP_ETMLIM: .timeLimit
        case GLP_EITLIM: .iterationLimit
        case GLP_ENOPFS: .infeasible
        case GLP_ENODFS: .infeasibleOrUnbounded
        case GLP_EOBJLL, GLP_EOBJUL: .stopped
        case GLP_EBOUND: nil
        default: .numericalFailure // GLP_EBADB, GLP_ESING, GLP_ECOND, GLP_EFAIL
        }
    }

    /// What a `glp_intopt` call ended in, from its return code and the MIP solution's status;
    /// `nil` for GLP_EBOUND (the caller throws).
    static func intoptTermination(code: Int32, status: Int32) -> TerminationReason? {
        switch code {
        case 0:
            switch status {
            case GLP_OPT: .optimal
            case GLP_NOFEAS: .infeasible
            case GLP_FEAS: .stopped
            default: .numericalFailure
            }
        case GLP_EMIPGAP: .gapLimit
        case GLP_ETMLIM: .timeLimit
        case GLP_ESTOP: .stopped
        case GLP_ENOPFS: .infeasible
        case GLP_ENODFS: .infeasibleOrUnbounded
        case GLP_EBOUND: nil
        default: .numericalFailure // GLP_EROOT, GLP_EFAIL
        }
    }

    static func branching(_ rule: SolveOptions.BranchingRule) -> Int32 {
        switch rule {
        case .firstFractional: GLP_BR_FFV
        case .lastFractional: GLP_BR_LFV
        case .mostFractional: GLP_BR_MFV
        case .driebeckTomlin: GLP_BR_DTH
        case .hybridPseudocost: GLP_BR_PCH
        }
    }

    static func backtracking(_ rule: SolveOptions.BacktrackingRule) -> Int32 {
        switch rule {
        case .depthFirst: GLP_BT_DFS
        case .breadthFirst: GLP_BT_BFS
        case .bestLocalBound: GLP_BT_BLB
        case .bestProjection: GLP_BT_BPH
        }
    }

    /// GLPK's own definition (glp_ios_mip_gap): |best_mip − best_bound| / (|best_mip| + DBL_EPSILON).
    static func relativeGap(objective: Double, bound: Double) -> Double {
        abs(objective - bound) / (abs(objective) + Double.ulpOfOne)
    }
}
