import Foundation
import Testing

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let vendors = repository.appendingPathComponent("datasets/vendors.csv").path

@Suite("init's cost-mode lines, uncommented")
struct TemplateCostModeTests {
    @Test("init, then uncommenting objective and min_mean_utility where they stand: validate and optimize read the cheapest-team scenario")
    func uncommentedTemplate() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pm-template-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("scenario.toml").path
        #expect(CLIRunner.run(["init", "--out", path]).status == 0)
        let written = try String(contentsOfFile: path, encoding: .utf8)
        // The user deletes the "# " of the two lines, in an editor, where init put them.
        var lines = written.components(separatedBy: "\n")
        var edited = 0
        for k in lines.indices where lines[k].hasPrefix("# objective = ") || lines[k].hasPrefix("# min_mean_utility = ") {
            lines[k].removeFirst(2)
            edited += 1
        }
        #expect(edited == 2)
        try lines.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)

        let validate = CLIRunner.run(["validate", vendors, "--scenario", path])
        #expect(validate.status == 0, "\(validate.stderr)")
        let optimize = CLIRunner.run(["optimize", vendors, "--scenario", path, "--format", "json"])
        #expect(optimize.status == 0, "\(optimize.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(optimize.stdout.utf8)) as? [String: Any])
        #expect(object["objective_kind"] as? String == "cost")
        #expect((object["mean_utility"] as? Double ?? 0) >= 0.75 - 1e-9)
        #expect(object["objective"] as? Double == object["total_cost"] as? Double)
    }
}
