import Foundation

/// Reads a scenario file (TOML, or JSON with the same keys) into a validated `Scenario`.
///
/// Every problem found is reported in one pass, each at the line and column of the key it concerns:
/// `scenario.toml:14:1: weights.cost must be ≥ 0, found -0.2`.
public enum ScenarioReader {
    public enum Format: Sendable { case toml, json }

    /// Diagnostics reported for one file; beyond, `InputError.truncated` is set ("more errors not shown").
    public static let errorLimit = 100

    /// Reads the file at `path`; `.json` files are JSON, anything else TOML.
    /// - Throws: `InputError` with code `cannot_read` (and the system's reason) when the file cannot
    ///   be read, or every error found.
    public static func read(path: String, limits: InputLimits = .default) throws(InputError) -> Scenario {
        switch InputFile.read(path: path, limit: limits.scenarioFileBytes, noun: "scenario file") {
        case .failure(let error): throw error
        case .success(let bytes): return try read(bytes: bytes, path: path, limits: limits)
        }
    }

    /// Reads scenario bytes that came from `path` (which names them in diagnostics and, by its
    /// extension, chooses JSON or TOML).
    public static func read(bytes: [UInt8], path: String, limits: InputLimits = .default) throws(InputError) -> Scenario {
        if bytes.count > limits.scenarioFileBytes { throw tooLarge(file: path, limits: limits) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InputError([Diagnostic(at: SourceLocation(file: path, line: 1), code: "not_utf8", "the scenario file is not UTF-8 text")])
        }
        return try parse(text, file: path, format: path.lowercased().hasSuffix(".json") ? .json : .toml, limits: limits)
    }

    static func tooLarge(file: String, limits: InputLimits) -> InputError {
        InputError([Diagnostic(at: SourceLocation(file: file, line: 1), code: "file_too_large",
                               "expected a scenario file of at most \(InputLimits.size(limits.scenarioFileBytes)), found more")])
    }

    /// Parses scenario text; `file` names it in diagnostics. Text beyond `limits` (size, nesting,
    /// demanded skills; docs/LIMITS.md) is rejected before or right after parsing, with one error.
    public static func parse(_ text: String, file: String = "scenario.toml", format: Format = .toml,
                             limits: InputLimits = .default) throws(InputError) -> Scenario {
        if text.utf8.count > limits.scenarioFileBytes { throw tooLarge(file: file, limits: limits) }
        // toml++ reads the text as a C string: a NUL would end it early, with a misleading error.
        if let nul = text.utf8.firstIndex(of: 0) {
            let before = text.utf8[..<nul]
            let line = before.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            let lineStart = before.lastIndex(of: 0x0A).map { text.utf8.index(after: $0) } ?? text.utf8.startIndex
            let column = text.utf8[lineStart..<nul].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
            throw InputError([Diagnostic(at: SourceLocation(file: file, line: line, column: column), code: "nul_byte",
                                         "expected text, found a NUL byte")])
        }
        if format == .toml, let problem = TOMLPreflight.check(text, depthLimit: limits.nestingDepth) {
            throw InputError([Diagnostic(at: SourceLocation(file: file, line: problem.line, column: problem.column),
                                         code: problem.code, problem.message)])
        }
        if format == .json, let deep = InputLimits.nesting(of: text, limit: limits.nestingDepth) {
            throw InputError([Diagnostic(at: SourceLocation(file: file, line: deep.line, column: deep.column), code: "too_deep",
                                         "expected arrays and tables nested at most \(limits.nestingDepth) deep, found deeper")])
        }
        if format == .json, let problem = JSONPreflight.check(text, depthLimit: limits.nestingDepth) {
            throw InputError([Diagnostic(at: SourceLocation(file: file, line: problem.line, column: problem.column),
                                         code: problem.code, problem.message)])
        }
        let tree: ScenarioValue
        switch format == .toml ? ScenarioValue.parseTOML(text, file: file) : ScenarioValue.parseJSON(text, file: file) {
        case .success(let value): tree = value
        case .failure(let error): throw error
        }
        var decoder = ScenarioDecoder(
            file: file, locator: KeyLocator(text: text, format: format == .toml ? .toml : .json)
        )
        if case .table(let root) = tree, case .table(let demand)? = root["demand"], demand.count > limits.demandedSkills {
            throw InputError([Diagnostic(at: decoder.location(["demand"]), code: "too_many_skills",
                                         "expected at most \(limits.demandedSkills) skills in demand, found \(demand.count)")])
        }
        let scenario = decoder.decode(tree)
        let sorted = decoder.diagnostics.enumerated().sorted { a, b in
            let la = a.element.location, lb = b.element.location
            let ka = (la?.line ?? 0, la?.column ?? 0, a.offset), kb = (lb?.line ?? 0, lb?.column ?? 0, b.offset)
            return ka < kb
        }.map(\.element)
        if let scenario, !sorted.contains(where: { $0.severity == .error }) { return scenario }
        // At most `errorLimit` diagnostics, like the CSV reader: one bad table can hold thousands.
        throw InputError(Array(sorted.prefix(errorLimit)), truncated: sorted.count > errorLimit)
    }

    /// The keys each table accepts (`demand` and `certification_points` take any key).
    static let knownKeys: [String: [String]] = [
        "": ["name", "currency", "start_date", "client", "demand", "horizon", "budget", "weights", "rules",
             "missing", "certification_points", "fx", "columns", "what_if", "objective", "min_mean_utility", "costs",
             "uncertainty", "priorities"],
        "client": ["timezone", "work_start", "work_end"],
        "horizon": ["months", "hours_per_month"],
        "budget": ["total"],
        // The criteria depend on the task (`Criterion.extra`), so `checkKeys` lists them when it reads
        // [weights]: a static list would keep whichever task first read it.
        "weights": [],
        // The order of messages that list them: the team rules' keys before `include_vendors`, then
        // `exclude_vendors`, then the rest (a task's extra rules add theirs in `checkKeys`).
        "rules": Scenario.Rules.eligibilityKeys
            + TeamConstraints.registeredKeys.prefix { $0 != "include_vendors" } + ["exclude_vendors"]
            + TeamConstraints.registeredKeys.drop { $0 != "include_vendors" },
        "costs": ["onboarding_per_vendor"],
        "missing": ["cultural_fit"],
        "what_if": ["materiality", "tolerance"],
        "uncertainty": ["weights", "spread", "quality", "cultural_fit", "overlap_hours", "samples", "seed"],
    ]
}

/// One pass over a scenario tree, collecting every error.
struct ScenarioDecoder {
    let file: String
    let locator: KeyLocator
    var diagnostics: [Diagnostic] = []
    /// The per-skill demand keys as written (also when some values are wrong), for checking `backups`.
    var writtenSkills: [String]? = nil
    /// Whether the demand is one total (`rules.backups` then has no skill to name).
    var demandIsTotal = false

    init(file: String, locator: KeyLocator) {
        self.file = file
        self.locator = locator
    }

    func location(_ path: [String]) -> SourceLocation {
        if let found = locator.location(of: path) { return SourceLocation(file: file, line: found.line, column: found.column) }
        return SourceLocation(file: file, line: 1)
    }

    mutating func error(_ path: [String], _ code: String, _ message: String) {
        diagnostics.append(Diagnostic(at: location(path), code: code, message))
    }

    static func name(_ path: [String]) -> String { path.joined(separator: ".") }

    // MARK: Typed accessors (each reports its own errors and returns nil on error)

    mutating func table(_ value: ScenarioValue?, _ path: [String]) -> [String: ScenarioValue]? {
        guard let value else { return nil }
        guard case .table(let entries) = value else {
            let what = path.isEmpty ? "the scenario must be a table of keys" : "\(Self.name(path)) must be a table"
            error(path, "wrong_type", "\(what), found \(value.kind)")
            return nil
        }
        return entries
    }

    mutating func checkKeys(_ entries: [String: ScenarioValue], _ path: [String]) {
        guard var known = ScenarioReader.knownKeys[Self.name(path)] else { return }
        if path == ["rules"] { known += TeamConstraints.extra.compactMap { $0 as? any ScenarioRule.Type }.flatMap { $0.keys } }
        if path == ["weights"] { known = Criterion.allCases.map(\.rawValue) + ["order", "ahp"] }
        for key in entries.keys.sorted() where !known.contains(key) {
            let full = Self.name(path + [key])
            if misplacedTopLevel(path, key) { continue }
            if let suggestion = closestMatch(to: key, in: known) {
                error(path + [key], "unknown_key", "unknown key '\(full)'; did you mean '\(suggestion)'?")
            } else {
                error(path + [key], "unknown_key", "unknown key '\(full)'; known keys here: \(known.joined(separator: ", "))")
            }
        }
    }

    /// `objective` or `min_mean_utility` inside a table: a top-level key written below a table header
    /// (TOML reads every key after `[table]` as that table's), e.g. an older `init` template's line
    /// uncommented where it stood. Says to move it, and returns whether it did.
    mutating func misplacedTopLevel(_ path: [String], _ key: String) -> Bool {
        guard !path.isEmpty, ["objective", "min_mean_utility"].contains(key) else { return false }
        error(path + [key], "unknown_key", "unknown key '\(Self.name(path + [key]))': \(key) is a top-level key; move it above the first table "
              + "(every key below [\(Self.name(path))] belongs to that table)")
        return true
    }

    mutating func string(_ value: ScenarioValue?, _ path: [String]) -> String? {
        guard let value else { return nil }
        guard case .string(let s) = value else {
            error(path, "wrong_type", "\(Self.name(path)) must be a string, found \(value.shown)")
            return nil
        }
        return s
    }

    /// The number at `path`, which must meet `check` (described by `requirement`, e.g. "≥ 0") and be
    /// at most `max` (a `Magnitude`, docs/LIMITS.md).
    mutating func number(_ value: ScenarioValue?, _ path: [String], _ requirement: String, max: Double = .infinity,
                         _ check: (Double) -> Bool) -> Double? {
        guard let value else { return nil }
        guard let n = value.number, n.isFinite else {
            error(path, "wrong_type", "\(Self.name(path)) must be a number, found \(value.shown)")
            return nil
        }
        return inRange(n, as: value, path, requirement, max: max, check)
    }

    /// An amount of money: a number, or a string read by `Amount` (`"1.2M"`, `"25k"`, `"1_250_000"`),
    /// checked like `number`.
    mutating func amount(_ value: ScenarioValue?, _ path: [String], _ requirement: String, max: Double = .infinity,
                         _ check: (Double) -> Bool) -> Double? {
        guard case .string(let text)? = value else { return number(value, path, requirement, max: max, check) }
        let n: Double
        do { n = try Amount.parse(text, what: Self.name(path)) } catch let failure {
            error(path, "wrong_type", "\(Self.name(path)) must be a number, found \(value!.shown) (a string is read as an amount such as \"25k\" or \"1.2M\": \(failure.reason))")
            return nil
        }
        return inRange(n, as: value!, path, requirement, max: max, check)
    }

    /// `n` (read from `value`) when it meets `check` and is at most `max`; otherwise an error that
    /// shows the value as written.
    private mutating func inRange(_ n: Double, as value: ScenarioValue, _ path: [String], _ requirement: String,
                                  max: Double, _ check: (Double) -> Bool) -> Double? {
        guard check(n) else {
            error(path, "out_of_range", "\(Self.name(path)) must be \(requirement), found \(value.shown)")
            return nil
        }
        guard n <= max else {
            error(path, "out_of_range", "\(Self.name(path)) must be at most \(Magnitude.text(max)) (docs/LIMITS.md), found \(value.shown)")
            return nil
        }
        return n
    }

    mutating func wholeNumber(_ value: ScenarioValue?, _ path: [String], atLeast minimum: Int) -> Int? {
        guard let value else { return nil }
        guard let n = value.number, n.isFinite, n == n.rounded(), abs(n) < 1e9 else {
            error(path, "wrong_type", "\(Self.name(path)) must be a whole number, found \(value.shown)")
            return nil
        }
        guard Int(n) >= minimum else {
            error(path, "out_of_range", "\(Self.name(path)) must be ≥ \(minimum), found \(value.shown)")
            return nil
        }
        return Int(n)
    }

    mutating func time(_ value: ScenarioValue?, _ path: [String], allowEndOfDay: Bool) -> ClockTime? {
        guard let value else { return nil }
        guard case .string(let s) = value, let t = ClockTime(s), allowEndOfDay || t.minutes < 1440 else {
            let range = allowEndOfDay ? "00:00–24:00" : "00:00–23:59"
            error(path, "invalid_time", "\(Self.name(path)) must be a time HH:MM (\(range)), found \(value.shown)")
            return nil
        }
        return t
    }

    mutating func strings(_ value: ScenarioValue?, _ path: [String]) -> [String]? {
        guard let value else { return nil }
        guard case .array(let items) = value else {
            error(path, "wrong_type", "\(Self.name(path)) must be an array of strings, found \(value.shown)")
            return nil
        }
        var result: [String] = []
        for item in items {
            guard case .string(let s) = item, !s.trimmingCharacters(in: .whitespaces).isEmpty else {
                error(path, "wrong_type", "\(Self.name(path)) must hold non-empty strings, found \(item.shown)")
                return nil
            }
            result.append(s.trimmingCharacters(in: .whitespaces))
        }
        return result
    }

    // MARK: The scenario

    mutating func decode(_ tree: ScenarioValue) -> Scenario? {
        guard let root = table(tree, []) else { return nil }
        checkKeys(root, [])

        let name = string(root["name"], ["name"]) ?? Scenario.defaultName
        let currency = decodeCurrency(root["currency"]) // ScenarioReader+Files.swift
        let startDate = decodeDate(root["start_date"], ["start_date"]) ?? Scenario.defaultStartDate

        // [client]
        let client = table(root["client"], ["client"])
        if let client { checkKeys(client, ["client"]) }
        var zone: String? = nil
        if let value = client?["timezone"] {
            if let z = string(value, ["client", "timezone"]) {
                // The vendor file's rules (TimeZoneNames): never TimeZone(identifier:) alone.
                switch TimeZoneNames.resolve(z) {
                case .success(let resolved): zone = resolved.name
                case .failure(let problem):
                    error(["client", "timezone"], "invalid_timezone", "client.timezone must be an IANA time zone, found \"\(z)\"\(problem.hint)")
                }
            }
        } else if root["client"] == nil || client != nil {
            error(["client"], "missing_key", "missing required key 'client.timezone'")
        }
        let workStart = time(client?["work_start"], ["client", "work_start"], allowEndOfDay: false) ?? .nine
        let workEnd = time(client?["work_end"], ["client", "work_end"], allowEndOfDay: true) ?? .seventeen

        // [demand]
        let demand = decodeDemand(root["demand"])

        // [horizon]
        let horizon = table(root["horizon"], ["horizon"])
        if let horizon { checkKeys(horizon, ["horizon"]) }
        let months = number(horizon?["months"], ["horizon", "months"], "> 0", max: Magnitude.months) { $0 > 0 }
        if horizon?["months"] == nil, root["horizon"] == nil || horizon != nil {
            error(["horizon"], "missing_key", "missing required key 'horizon.months'")
        }
        let hours = number(horizon?["hours_per_month"], ["horizon", "hours_per_month"], "> 0", max: Magnitude.hoursPerMonth) { $0 > 0 } ?? 160

        // [budget]
        let budgetTable = table(root["budget"], ["budget"])
        if let budgetTable { checkKeys(budgetTable, ["budget"]) }
        let objective = decodeObjective(root)
        var budget = amount(budgetTable?["total"], ["budget", "total"], "> 0", max: Magnitude.money) { $0 > 0 }
        if budgetTable?["total"] == nil, root["budget"] == nil || budgetTable != nil {
            // The cheapest good-enough team needs no budget: without one, any cost is allowed.
            if objective?.mode == .cost { budget = .infinity } else {
                error(["budget"], "missing_key", "missing required key 'budget.total'")
            }
        }
        let onboarding = decodeCosts(root["costs"])

        let weights = decodeWeights(root["weights"])
        let rules = decodeRules(root["rules"], demand: demand)

        // [missing]
        var missing = Scenario.MissingValuePolicy.value(50)
        if let missingTable = table(root["missing"], ["missing"]) {
            checkKeys(missingTable, ["missing"])
            if let value = missingTable["cultural_fit"] {
                let path = ["missing", "cultural_fit"]
                if case .string(let s) = value, s.lowercased() == "exclude" { missing = .exclude }
                else if let n = value.number, n.isFinite, (0...100).contains(n) { missing = .value(n) }
                else {
                    error(path, value.number == nil ? "wrong_type" : "out_of_range",
                          "missing.cultural_fit must be a number 0–100 or \"exclude\", found \(value.shown)")
                }
            }
        }

        // [certification_points]
        var points = Scenario.CertificationPoints.default
        if let table = table(root["certification_points"], ["certification_points"]) {
            var entries: [(String, Double)] = []
            var seen: [String: String] = [:]
            for key in table.keys.sorted(by: { orderInFile(["certification_points", $0], $1) }) {
                let path = ["certification_points", key]
                if misplacedTopLevel(["certification_points"], key) { continue }
                guard let p = number(table[key], path, "≥ 0", max: Magnitude.points, { $0 >= 0 }) else { continue }
                if let other = seen[Token.key(key)] {
                    error(path, "duplicate_key", "certification_points.\(key) is the same certification as '\(other)'")
                    continue
                }
                seen[Token.key(key)] = key
                entries.append((key, p))
            }
            points = Scenario.CertificationPoints(entries)
        }

        // [what_if]
        var whatIf = Scenario.WhatIf()
        if let table = table(root["what_if"], ["what_if"]) {
            checkKeys(table, ["what_if"])
            if let v = number(table["materiality"], ["what_if", "materiality"], "in (0, 1)", { $0 > 0 && $0 < 1 }) { whatIf.materiality = v }
            if let v = amount(table["tolerance"], ["what_if", "tolerance"], "> 0", { $0 > 0 && $0.isFinite }) { whatIf.tolerance = v }
        }

        let uncertainty = decodeUncertainty(root["uncertainty"])
        let fx = decodeFX(root["fx"], currency: currency)
        let columns = decodeColumns(root["columns"])
        guard let zone, let demand, let months, let budget, let weights, let rules, let objective, let onboarding else { return nil }
        var scenario = Scenario(
            name: name, currency: currency, startDate: startDate,
            client: .init(timeZone: zone, workStart: workStart, workEnd: workEnd),
            demand: demand, months: months, hoursPerMonth: hours, budget: budget,
            weights: weights, rules: rules, missingCulturalFit: missing, certificationPoints: points
        )
        scenario.whatIf = whatIf
        scenario.objective = objective.mode
        scenario.minMeanUtility = objective.floor
        scenario.onboardingPerVendor = onboarding
        scenario.uncertainty = uncertainty
        scenario.fx = fx
        scenario.columns = columns
        guard let priorities = decodePriorities(root["priorities"], scenario: scenario) else { return nil }
        scenario.priorities = priorities
        return scenario
    }

    /// `objective` and `min_mean_utility`: the utility objective, or the cheapest team whose mean
    /// utility reaches the floor (`nil` after an error).
    mutating func decodeObjective(_ root: [String: ScenarioValue]) -> (mode: Scenario.Objective, floor: Double?)? {
        var mode = Scenario.Objective.utility
        if let value = root["objective"] {
            guard case .string(let text) = value, let parsed = Scenario.Objective(rawValue: text) else {
                error(["objective"], "invalid_value", "expected objective = \"utility\" or \"cost\", found \(value.shown)")
                return nil
            }
            mode = parsed
        }
        let floor = number(root["min_mean_utility"], ["min_mean_utility"], "in [0, 1] (a mean utility per FTE)", { (0...1).contains($0) })
        if root["min_mean_utility"] != nil, floor == nil { return nil }
        switch mode {
        case .cost where floor == nil:
            error(["objective"], "missing_key",
                  "objective = \"cost\" needs min_mean_utility (the least mean utility per FTE the team must reach, e.g. min_mean_utility = 0.7); add it, or use objective = \"utility\"")
            return nil
        case .utility where floor != nil:
            error(["min_mean_utility"], "inconsistent",
                  "min_mean_utility applies only with objective = \"cost\" (the cheapest team with that mean utility); add objective = \"cost\" or remove min_mean_utility")
            return nil
        default:
            return (mode, floor)
        }
    }

    /// `[costs]`: `onboarding_per_vendor` (default 0), in the scenario's currency.
    mutating func decodeCosts(_ value: ScenarioValue?) -> Double? {
        guard let value else { return 0 }
        guard let costs = table(value, ["costs"]) else { return nil }
        checkKeys(costs, ["costs"])
        guard let raw = costs["onboarding_per_vendor"] else { return 0 }
        return amount(raw, ["costs", "onboarding_per_vendor"], "≥ 0", max: Magnitude.money) { $0 >= 0 }
    }

    /// Orders keys of one table as they are written in the file (then by name).
    func orderInFile(_ a: [String], _ b: String) -> Bool {
        let la = locator.contains(a) ? locator.location(of: a) : nil
        let lb = locator.contains(Array(a.dropLast()) + [b]) ? locator.location(of: Array(a.dropLast()) + [b]) : nil
        switch (la, lb) {
        case let (x?, y?): return (x.line, x.column, a.last!) < (y.line, y.column, b)
        case (_?, nil): return true
        case (nil, _?): return false
        default: return a.last! < b
        }
    }

    mutating func decodeDate(_ value: ScenarioValue?, _ path: [String]) -> LocalDate? {
        guard let value else { return nil }
        switch value {
        case .date(let y, let m, let d):
            if let date = LocalDate(year: y, month: m, day: d) { return date }
        case .string(let s):
            if let date = LocalDate(s) { return date }
        default: break
        }
        error(path, "invalid_date", "\(Self.name(path)) must be a date YYYY-MM-DD, found \(value.shown)")
        return nil
    }

    mutating func decodeDemand(_ value: ScenarioValue?) -> Scenario.Demand? {
        guard let value else {
            error(["demand"], "missing_key", "missing required table 'demand' (FTE per skill, or total = D)")
            return nil
        }
        guard let entries = table(value, ["demand"]) else { return nil }
        if entries.isEmpty {
            error(["demand"], "missing_key", "demand must name at least one skill, or a total")
            return nil
        }
        var ok = true
        if let total = entries["total"] {
            let others = entries.keys.filter { $0 != "total" }.sorted()
            if !others.isEmpty {
                error(["demand", "total"], "inconsistent", "demand.total cannot be combined with per-skill demand (\(others.joined(separator: ", ")))")
                return nil
            }
            guard let d = number(total, ["demand", "total"], "> 0", max: Magnitude.fte, { $0 > 0 }) else { return nil }
            return .total(d)
        }
        var skills: [Scenario.SkillDemand] = []
        var seen: [String: String] = [:]
        writtenSkills = entries.keys.sorted(by: { orderInFile(["demand", $0], $1) })
        for key in writtenSkills ?? [] {
            let path = ["demand", key]
            if Token.key(key).isEmpty {
                error(path, "invalid_skill", "demand has an empty skill name")
                ok = false
                continue
            }
            guard let fte = number(entries[key], path, "> 0", max: Magnitude.fte, { $0 > 0 }) else { ok = false; continue }
            if let other = seen[Token.key(key)] {
                error(path, "duplicate_key", "demand.\(key) is the same skill as demand.\(other)")
                ok = false
                continue
            }
            seen[Token.key(key)] = key
            skills.append(Scenario.SkillDemand(key, fte: fte))
        }
        return ok ? .perSkill(skills) : nil
    }

    mutating func decodeWeights(_ value: ScenarioValue?) -> Scenario.Weights? {
        var weights = Scenario.Weights()
        guard let value else { return weights }
        guard let entries = table(value, ["weights"]) else { return nil }
        checkKeys(entries, ["weights"])
        let derived = ["order", "ahp"].filter { entries[$0] != nil }
        if derived.count == 2 {
            error(["weights", "ahp"], "inconsistent", "weights.order and weights.ahp cannot be combined: keep one way of giving the weights")
            return nil
        }
        if let method = derived.first {
            let numbers = Criterion.allCases.map(\.rawValue).filter { entries[$0] != nil }
            for key in numbers {
                error(["weights", key], "inconsistent",
                      "weights.\(key) cannot be combined with weights.\(method): remove the numbers or the \(method)")
            }
            guard numbers.isEmpty else { return nil }
            return method == "order" ? decodeOrder(entries["order"]!) : decodeAHP(entries["ahp"]!)
        }
        var ok = true
        for criterion in Criterion.allCases {
            guard let raw = entries[criterion.rawValue] else { continue }
            if let w = number(raw, ["weights", criterion.rawValue], "≥ 0", max: Magnitude.points, { $0 >= 0 }) {
                weights[criterion] = w
            } else { ok = false }
        }
        guard ok else { return nil }
        guard weights.sum > 0 else {
            error(["weights"], "out_of_range", "weights must have a positive sum, found 0")
            return nil
        }
        return weights
    }

    /// The criterion named `name`, or an error at `path` with the nearest key.
    private mutating func criterion(_ name: String, _ path: [String], in what: String) -> Criterion? {
        if let c = Criterion(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) { return c }
        let keys = Criterion.allCases.map(\.rawValue)
        let hint = closestMatch(to: name, in: keys).map { "; did you mean '\($0)'?" } ?? " (criteria: \(keys.joined(separator: ", ")))"
        error(path, "unknown_criterion", "\(what) names an unknown criterion \"\(name)\"\(hint)")
        return nil
    }

    /// `weights.order`: a ranking, most important first; a nested array is a tie.
    mutating func decodeOrder(_ value: ScenarioValue) -> Scenario.Weights? {
        let path = ["weights", "order"]
        let shape = "weights.order must be an array of criteria, most important first, with a nested array for a tie (e.g. [\"quality\", [\"cost\", \"timezone\"]])"
        guard case .array(let items) = value, !items.isEmpty else {
            error(path, "wrong_type", "\(shape), found \(value.shown)")
            return nil
        }
        var groups: [[Criterion]] = []
        var seen: Set<Criterion> = []
        var ok = true
        for item in items {
            var names: [String] = []
            switch item {
            case .string(let s): names = [s]
            case .array(let tie) where !tie.isEmpty:
                for member in tie {
                    guard case .string(let s) = member else {
                        error(path, "wrong_type", "\(shape), found \(member.shown) in a tie")
                        return nil
                    }
                    names.append(s)
                }
            default:
                error(path, "wrong_type", "\(shape), found \(item.shown)")
                return nil
            }
            var group: [Criterion] = []
            for name in names {
                guard let c = criterion(name, path, in: "weights.order") else { ok = false; continue }
                if !seen.insert(c).inserted {
                    error(path, "duplicate_criterion", "weights.order names \"\(c.rawValue)\" more than once: list each criterion once (tied criteria in one nested array)")
                    ok = false
                    continue
                }
                group.append(c)
            }
            if !group.isEmpty { groups.append(group) }
        }
        return ok ? RankOrderCentroid.weights(groups) : nil
    }

    /// `weights.ahp`: Saaty judgements `"a/b" = value`, one per pair of the criteria named.
    mutating func decodeAHP(_ value: ScenarioValue) -> Scenario.Weights? {
        let base = ["weights", "ahp"]
        guard let entries = table(value, base) else { return nil }
        var judgements: [AHP.Judgement] = []
        var pairKey: [Set<Criterion>: String] = [:]
        var ok = true
        for key in entries.keys.sorted(by: { orderInFile(base + [$0], $1) }) {
            let path = base + [key]
            let parts = key.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                error(path, "invalid_key", "weights.ahp keys must be \"a/b\" with two criteria (a is the value times as important as b), found \"\(key)\"")
                ok = false
                continue
            }
            guard let a = criterion(String(parts[0]), path, in: "weights.ahp.\"\(key)\""),
                  let b = criterion(String(parts[1]), path, in: "weights.ahp.\"\(key)\"") else { ok = false; continue }
            guard a != b else {
                error(path, "invalid_key", "weights.ahp.\"\(key)\" compares a criterion with itself (always 1): remove it")
                ok = false
                continue
            }
            if let other = pairKey[[a, b]] {
                error(path, "duplicate_key", "weights.ahp.\"\(key)\" judges the same pair as \"\(other)\": keep one")
                ok = false
                continue
            }
            pairKey[[a, b]] = key
            guard let v = judgement(entries[key]!, path, key) else { ok = false; continue }
            judgements.append(AHP.Judgement(a, b, v))
        }
        guard ok else { return nil }
        var named: [Criterion] = []
        for j in judgements {
            if !named.contains(j.a) { named.append(j.a) }
            if !named.contains(j.b) { named.append(j.b) }
        }
        guard named.count >= 2 else {
            error(base, "missing_key", "weights.ahp must compare at least two criteria, e.g. { \"quality/cost\" = 3 }")
            return nil
        }
        var missing: [String] = []
        for (n, a) in named.enumerated() {
            for b in named[(n + 1)...] where pairKey[[a, b]] == nil { missing.append("\"\(a.rawValue)/\(b.rawValue)\"") }
        }
        guard missing.isEmpty else {
            error(base, "missing_key", "weights.ahp needs one judgement per pair of the criteria it names (\(named.map(\.rawValue).joined(separator: ", "))); missing: \(missing.joined(separator: ", "))")
            return nil
        }
        let ahp = AHP(judgements: judgements)
        if ahp.consistencyRatio > AHP.acceptableRatio, let revision = ahp.suggestedRevision {
            let j = revision.judgement
            let key = pairKey[[j.a, j.b]]!
            // The judgement as written, the suggestion as it can be typed back ("1/3" in quotes, 3 bare).
            let change = "\"\(key)\" from \(entries[key]!.shown) to \(AHP.typeable(revision.value))"
            let found = "weights.ahp is inconsistent: expected a consistency ratio ≤ 0.10, found \(Format.number(ahp.consistencyRatio, decimals: 3)) (λ_max \(Format.number(ahp.lambdaMax, decimals: 3))); "
            error(base + [key], "inconsistent", found + (revision.suffices
                ? "revise \(change), the smallest single change on Saaty's scale that brings it within 0.10 (to \(Format.number(revision.consistencyRatio, decimals: 3)))"
                : "no single change of one judgement on Saaty's scale (1/9 … 9) brings it within 0.10: the best, \(change), lowers it to \(Format.number(revision.consistencyRatio, decimals: 3)); more than one judgement must change"))
            return nil
        }
        return ahp.weights
    }

    /// A Saaty judgement: a number or a string `"3"`, `"1/3"`, within 1/9 ... 9.
    private mutating func judgement(_ value: ScenarioValue, _ path: [String], _ key: String) -> Double? {
        var v: Double? = value.number
        if case .string(let s) = value {
            let parts = s.split(separator: "/", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
            if parts.count == 1, let x = parts[0] { v = x }
            if parts.count == 2, let x = parts[0], let y = parts[1], y != 0 { v = x / y }
        }
        guard let v, v.isFinite else {
            error(path, "wrong_type", "weights.ahp.\"\(key)\" must be a number on Saaty's 1–9 scale (or \"1/3\" for the reverse), found \(value.shown)")
            return nil
        }
        // 1/9 written as 0.111 is accepted: the bound is 1/9 to three decimals.
        guard v >= 0.111 - 1e-12, v <= 9 else {
            error(path, "out_of_range", "weights.ahp.\"\(key)\" must be between 1/9 and 9, found \(value.shown)")
            return nil
        }
        return v
    }

    /// `[uncertainty]` (docs/ROBUSTNESS.md).
    mutating func decodeUncertainty(_ value: ScenarioValue?) -> Scenario.Uncertainty {
        var u = Scenario.Uncertainty()
        guard let t = table(value, ["uncertainty"]) else { return u }
        checkKeys(t, ["uncertainty"])
        func p(_ key: String) -> [String] { ["uncertainty", key] }
        if let v = t["weights"] {
            let modes = Scenario.Uncertainty.WeightSampling.allCases.map(\.rawValue)
            if case .string(let s) = v, let mode = Scenario.Uncertainty.WeightSampling(rawValue: s.lowercased()) { u.weights = mode }
            else { error(p("weights"), "wrong_type", "uncertainty.weights must be one of \(modes.map { "\"\($0)\"" }.joined(separator: ", ")), found \(v.shown)") }
        }
        if let v = number(t["spread"], p("spread"), "in [0, 1)", { $0 >= 0 && $0 < 1 }) { u.spread = v }
        if let v = number(t["quality"], p("quality"), "in 0–100 (± points)", { (0...100).contains($0) }) { u.quality = v }
        if let v = number(t["cultural_fit"], p("cultural_fit"), "in 0–100 (± points)", { (0...100).contains($0) }) { u.culturalFit = v }
        if let v = number(t["overlap_hours"], p("overlap_hours"), "in 0–24 (± hours)", { (0...24).contains($0) }) { u.overlapHours = v }
        if let raw = t["samples"], let n = wholeNumber(raw, p("samples"), atLeast: 1) {
            if n > Scenario.Uncertainty.maxSamples {
                error(p("samples"), "out_of_range", "uncertainty.samples must be at most 1,000,000 (docs/LIMITS.md), found \(raw.shown)")
            } else { u.samples = n }
        }
        if let raw = t["seed"], let n = wholeNumber(raw, p("seed"), atLeast: 0) { u.seed = UInt64(n) }
        return u
    }

    mutating func decodeRules(_ value: ScenarioValue?, demand: Scenario.Demand?) -> Scenario.Rules? {
        var rules = Scenario.Rules()
        guard let value else { return rules }
        guard let r = table(value, ["rules"]) else { return nil }
        checkKeys(r, ["rules"])
        let before = diagnostics.count
        func p(_ key: String) -> [String] { ["rules", key] }

        if let v = number(r["min_overlap_hours"], p("min_overlap_hours"), "in 0–24", { (0...24).contains($0) }) { rules.minOverlapHours = v }
        if let v = strings(r["required_certifications"], p("required_certifications")) { rules.requiredCertifications = v }
        if let v = number(r["min_quality"], p("min_quality"), "in 0–100", { (0...100).contains($0) }) { rules.minQuality = v }
        if let v = number(r["min_cultural_fit"], p("min_cultural_fit"), "in 0–100", { (0...100).contains($0) }) { rules.minCulturalFit = v }
        if let v = strings(r["allowed_countries"], p("allowed_countries")) { rules.allowedCountries = countries(v, p("allowed_countries")) }
        if let v = strings(r["excluded_countries"], p("excluded_countries")) { rules.excludedCountries = countries(v, p("excluded_countries")) }
        if let v = strings(r["exclude_vendors"], p("exclude_vendors")) {
            var seen: Set<String> = []
            rules.excludeVendors = v.filter { seen.insert($0).inserted }   // an id listed twice is excluded once
        }
        if let v = number(r["max_rate"], p("max_rate"), "> 0", max: Magnitude.money, { $0 > 0 }) { rules.maxRate = v }
        // The team rules read their own keys (docs/TEAM-MODEL.md, "Rules as values").
        demandIsTotal = demand.map { !$0.isPerSkill } ?? false
        rules.constraints = TeamConstraints()
        for type in TeamConstraints.scenarioRules {
            if let constraint = type.read(r, &self) { rules.constraints.items.append(constraint) }
        }
        // An id both pinned and excluded is a contradiction, not a preference.
        if let pins = rules.constraints.first(PinnedVendors.self) {
            for id in pins.ids where rules.excludeVendors.contains(id) {
                error(p("include_vendors"), "inconsistent",
                      "expected a vendor either in rules.include_vendors or in rules.exclude_vendors, found '\(id)' in both; remove it from one list")
            }
        }

        return diagnostics.count == before ? rules : nil
    }
}

/// The largest values scenario numbers may take (docs/LIMITS.md, "Scenario numbers"): far above any
/// real project, and small enough that costs (rate × FTE × hours × months), sums and integer
/// conversions stay exact and finite. A value beyond is an `out_of_range` error at its key.
enum Magnitude {
    /// `budget.total`, `rules.max_rate`: 10^15 currency units.
    static let money = 1e15
    /// Each demand, `demand.total`, `rules.min_engagement_fte`: 10^6 FTE.
    static let fte = 1e6
    /// `horizon.months`: 100 years.
    static let months = 1_200.0
    /// `horizon.hours_per_month`: every hour of a 31-day month.
    static let hoursPerMonth = 744.0
    /// `rules.growth`: a team able to grow to 1,000 times the demand.
    static let growth = 1_000.0
    /// Weights and certification points: 10^6.
    static let points = 1e6

    static func text(_ value: Double) -> String {
        value >= 1e6 ? "1e\(Int(log10(value).rounded()))" : Format.number(value)
    }
}
