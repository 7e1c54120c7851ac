import ArgumentParser
import PartnerMatch

@main
struct PartnerMatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partner-match",
        abstract: "Choose IT-outsourcing partners: score vendors, pick the optimal team, explore budgets.",
        discussion: """
        Exit codes: 0 success; 1 internal or solver failure; 2 infeasible scenario; \
        3 time limit reached without a team; 4 a replayed run differs from its bundle; 64 usage error; 65 bad input data; \
        66 an input file cannot be read; 73 an output file cannot be written.
        """,
        version: PartnerMatchVersion.string,
        subcommands: [
            ValidateCommand.self,
            GenerateCommand.self,
            ShortlistCommand.self,
            OptimizeCommand.self,
            ScenariosCommand.self,
            CompareCommand.self,
            ExplainCommand.self,
            InitCommand.self,
            BenchCommand.self,
            SolveCommand.self,
            ReplayCommand.self,
        ]
    )
}
