import Foundation
import GLPKSolver
import LinearModel
@testable import PartnerMatch
import Testing

@Suite("Exported team models")
struct ModelExportTests {
    @Test("An exported LP or MPS file, re-solved by GLPK from the file, gives the same optimum", arguments: ["lp", "mps"])
    func exportedModelsResolve(_ format: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pm-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var compared = 0
        for seed in UInt64(4000)...4030 {
            let problem = RandomTeamProblems.make(seed: seed)
            let team = try TeamOptimizer().solve(problem)
            guard team.status == .optimal, let objective = team.objective else { continue }
            let path = directory.appendingPathComponent("team-\(seed).\(format)").path
            try TeamOptimizer().exportModel(for: problem, to: path)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            // Readable names: the vendors' ids appear in the file.
            #expect(text.contains("y_\(team.members[0].id)"), "seed \(seed)")
            let model = try GLPKSolver().readModel(path: path)
            let solution = try GLPKSolver().solve(model)
            #expect(solution.termination == .optimal)
            #expect(abs((solution.objectiveValue ?? .nan) - objective) <= 1e-6 * max(1, objective), "seed \(seed)")
            compared += 1
        }
        #expect(compared > 10)
    }
}
