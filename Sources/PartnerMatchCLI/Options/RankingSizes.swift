import ArgumentParser

/// `--top`: how many ranked vendors a shortlist shows. One declaration, one default (10) and one
/// range (0 or more; 0 shows all) for `shortlist`, `explain` and `report`.
struct TopOption: ParsableArguments {
    @Option(help: "How many ranked vendors the shortlist shows (0: all).")
    var top = 10

    init() {}

    func validate() throws {
        guard top >= 0 else { throw ValidationError("--top must be ≥ 0, found \(top)") }
    }

    /// `nil` for all.
    var limit: Int? { top == 0 ? nil : top }
}

/// The range of `--alternatives` in `optimize` and `report` (docs/LIMITS.md): each team is one more
/// MILP solve with one more no-good cut, so the time grows faster than the count.
enum AlternativesRange {
    static let range = 1...50

    static func validate(_ alternatives: Int) throws {
        guard range.contains(alternatives) else {
            throw ValidationError("--alternatives must be between 1 and \(range.upperBound), found \(alternatives) (docs/LIMITS.md)")
        }
    }
}
