import ArgumentParser
import PartnerMatch

/// `--robustness` (a flag) and `--samples N`: one meaning in `shortlist`, `optimize` and `report`
/// (docs/ROBUSTNESS.md). The sample count is the scenario's `uncertainty.samples` unless `--samples`
/// gives one (then 10,000 for a shortlist, 500 for a team).
struct RobustnessOptions: ParsableArguments {
    @Flag(help: "Also analyse how sure the result is under the scenario's [uncertainty] (docs/ROBUSTNESS.md): a shortlist's rank acceptabilities, central weights and confidence (SMAA-2); a team's selection shares and distinct teams.")
    var robustness = false

    @Option(help: "With --robustness, the number of samples (1 to 1,000,000; default: the scenario's uncertainty.samples, else 10,000 for a shortlist and 500 for a team).")
    var samples: Int?

    init() {}

    func validate() throws {
        guard let samples else { return }
        guard robustness else { throw ValidationError("--samples sets the robustness analysis' sample count: add --robustness") }
        guard (1...Scenario.Uncertainty.maxSamples).contains(samples) else {
            throw ValidationError("--samples must be between 1 and 1,000,000, found \(samples) (docs/LIMITS.md)")
        }
    }

    /// The samples of a team analysis: `--samples`, else the scenario's, else 500.
    func teamSamples(_ scenario: Scenario) -> Int { samples ?? scenario.uncertainty.samples ?? 500 }
}

extension RobustnessOptions {
    /// `--robustness=N`, the old `optimize` spelling with its value attached, read as
    /// `--robustness --samples N`: an attached value cannot be anything else. (`--robustness N` with
    /// a space is not rewritten: `N` could be a file argument; see `oldSpellingHint`.)
    static func rewritingOldSpelling(_ arguments: [String]) -> [String] {
        arguments.flatMap { argument -> [String] in
            guard argument.hasPrefix("--robustness="), let n = Int(argument.dropFirst("--robustness=".count)) else { return [argument] }
            return ["--robustness", "--samples", String(n)]
        }
    }

    /// For a usage error on a command line with `--robustness N` (the old `optimize` spelling), what
    /// to write now.
    static func oldSpellingHint(_ arguments: [String]) -> String? {
        guard let k = arguments.firstIndex(of: "--robustness"), k + 1 < arguments.count, let n = Int(arguments[k + 1]) else { return nil }
        guard (1...Scenario.Uncertainty.maxSamples).contains(n) else {
            return "note: --robustness is a flag; its number of samples is --samples, between 1 and 1,000,000, found \(n)\n"
        }
        return "note: --robustness is a flag; the number of samples is --samples: write --robustness --samples \(n)\n"
    }
}
