import Foundation
import Testing
@testable import PartnerMatch

/// The library side of run bundles: copies, hashes, the resolved scenario.
@Suite struct RunBundleTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    func directory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("pm-bundle-\(UUID().uuidString)").path
    }

    @Test func theResolvedScenarioReadsBackToTheSameScenario() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        for path in ["datasets/scenario.toml", "datasets/scenario-tight-budget.toml", "datasets/scenario-priorities.toml"] {
            let scenario = try ScenarioReader.read(path: repository.appendingPathComponent(path).path)
            let json = RunBundle.resolvedScenarioJSON(scenario)
            let again = try ScenarioReader.parse(String(decoding: json, as: UTF8.self), file: "resolved.json", format: .json)
            #expect(again == scenario, "\(path)")
        }
    }

    @Test func aTotalDemandAndAnExcludedFitResolveToo() throws {
        let text = """
        [client]
        timezone = "Asia/Tokyo"
        [demand]
        total = 2.5
        [horizon]
        months = 3
        [budget]
        total = 1e5
        [missing]
        cultural_fit = "exclude"
        [rules]
        max_rate = 80
        max_vendors = 3
        fte_step = 0.25
        """
        let scenario = try ScenarioReader.parse(text)
        let json = String(decoding: RunBundle.resolvedScenarioJSON(scenario), as: UTF8.self)
        #expect(try ScenarioReader.parse(json, format: .json) == scenario)
        #expect(json.contains("\"hours_per_month\": 160"))
        #expect(json.contains("\"cultural_fit\": \"exclude\""))
    }

    @Test func aBundleRecordsCopiesWithTheirHashesAndOpensAgain() throws {
        let dir = directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = FileManager.default.temporaryDirectory.appendingPathComponent("pm-bundle-src-\(UUID().uuidString).json").path
        defer { unlink(source) }
        try "abc".write(toFile: source, atomically: false, encoding: .utf8)
        let settings = RunBundle.Settings(command: "optimize", arguments: ["--gap", "0.0"], glpkVersion: "5.0", solver: [:])
        let bundle = try RunBundle.create(at: dir, inputs: [(role: "scenario", path: source, bytes: Array("abc".utf8))], settings: settings)
        // Written beside the destination, which appears only on commit.
        #expect(!FileManager.default.fileExists(atPath: dir))
        try bundle.commit()
        #expect(bundle.inputs.map(\.copy) == ["inputs/scenario.json"])
        #expect(bundle.inputs.map(\.sha256) == ["ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"])
        #expect(bundle.inputs.map(\.size) == [3])
        let opened = try RunBundle.open(dir)
        #expect(opened.inputs == bundle.inputs)
        #expect(opened.settings == settings)
        #expect(opened.changedOriginals().isEmpty)
        try "abd".write(toFile: source, atomically: false, encoding: .utf8)
        #expect(opened.changedOriginals().map(\.change) == ["has changed (same size, different SHA-256)"])
    }

    @Test func aCopyPathOutsideTheBundleIsRefused() throws {
        let dir = directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let settings = RunBundle.Settings(command: "optimize", arguments: [], glpkVersion: "5.0", solver: [:])
        let bundle = try RunBundle.create(at: dir, inputs: [], settings: settings)
        try bundle.commit()
        var input = RunBundle.Input(role: "vendors", path: "/etc/passwd", absolutePath: "/etc/passwd", copy: "../../etc/passwd", size: 0, sha256: "")
        input.copy = "../../etc/passwd"
        try RunBundle.write(JSONValue.array([input.json]).renderedBytes(), to: dir + "/" + RunBundle.inputsFile)
        #expect(throws: RunBundleError.self) { try RunBundle.open(dir) }
    }
}

/// `VendorCSVWriter(neutralizingFormulas:)`: faithful by default, spreadsheet-safe when asked.
@Suite struct VendorCSVWriterFormulaTests {
    static let pool = VendorPool(vendors: [
        Vendor(id: "=1+1", name: "@SUM(A1)", country: "DE", timeZone: "Europe/Berlin", hourlyRate: 50, quality: 80,
               capacityFTE: 2, skills: ["-ios"]),
        Vendor(id: "v2", name: "Plain", country: "DE", timeZone: "Europe/Berlin", hourlyRate: 50, quality: 80, capacityFTE: 2),
    ])

    @Test func byDefaultFormulasAreKeptSoThePoolRoundTrips() throws {
        let bytes = VendorCSVWriter.bytes(Self.pool)
        let again = try VendorCSVReader.read(bytes: bytes, source: "w.csv").pool
        #expect(again.indices.map { again[$0] } == Self.pool.indices.map { Self.pool[$0] })
    }

    @Test func whenAskedTextCellsStartingAFormulaGetAQuote() {
        var text = ""
        VendorCSVWriter.write(Self.pool, neutralizingFormulas: true) { text += String(decoding: $0, as: UTF8.self) }
        let row = text.split(separator: "\n")[1]
        #expect(row.hasPrefix("'=1+1,'@SUM(A1),DE,Europe/Berlin,09:00,17:00,50,80,,2,2,0,,'-ios"))
    }
}
