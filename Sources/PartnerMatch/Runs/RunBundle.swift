import Foundation

/// A problem creating, reading or checking a run bundle.
public struct RunBundleError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A reproducible run (docs/RUN-BUNDLES.md): a directory holding copies of a command's input files
/// with their sizes and SHA-256 hashes, the command's settings, and whatever the command adds (the
/// resolved scenario, the exported model, the result), so that `partner-match replay` can run it
/// again from the copies and compare the new result with the saved one byte for byte.
///
///     DIR/inputs.json              the inputs: role, original path, size, sha256, copy
///     DIR/inputs/<role><.ext>      the copies (extensions kept: `.json` selects the JSON reader)
///     DIR/settings.json            command, arguments, partner-match and GLPK versions
///     DIR/scenario.resolved.json   (added by the command) and the other files it writes
///
/// Every file is written atomically; JSON files have sorted keys and end with a line feed.
public struct RunBundle: Sendable {
    public static let inputsFile = "inputs.json"
    public static let settingsFile = "settings.json"
    public static let resolvedScenarioFile = "scenario.resolved.json"
    public static let modelFile = "model.lp"
    public static let resultFile = "result.json"
    /// The bundle format; `replay` refuses other versions.
    public static let formatVersion = 1

    /// One input file, as recorded in `inputs.json`.
    public struct Input: Codable, Sendable, Equatable {
        /// What the file is to the command: `vendors`, `scenario`.
        public var role: String
        /// The path as given on the command line.
        public var path: String
        /// The absolute path at save time (what `replay` checks for changes).
        public var absolutePath: String
        /// The copy, relative to the bundle directory.
        public var copy: String
        public var size: Int
        /// Lower-case hex SHA-256 of the bytes.
        public var sha256: String

        enum CodingKeys: String, CodingKey {
            case role, path, copy, size, sha256
            case absolutePath = "absolute_path"
        }

        /// As written to `inputs.json` (read back with `Decodable`).
        var json: JSONValue {
            ["role": .string(role), "path": .string(path), "absolute_path": .string(absolutePath), "copy": .string(copy),
             "size": .integer(size), "sha256": .string(sha256)]
        }
    }

    /// What ran, and with what: `settings.json`.
    public struct Settings: Codable, Sendable, Equatable {
        public var format: Int
        /// The subcommand, e.g. `optimize`.
        public var command: String
        /// Its options other than the input files and the output format, e.g. `["--gap", "0.01"]`.
        public var arguments: [String]
        public var partnerMatchVersion: String
        public var glpkVersion: String
        /// Solver settings as text (time limit, gap, warm start, pruning), for people reading the bundle.
        public var solver: [String: String]

        public init(command: String, arguments: [String], glpkVersion: String, solver: [String: String]) {
            format = RunBundle.formatVersion
            self.command = command
            self.arguments = arguments
            partnerMatchVersion = PartnerMatchVersion.string
            self.glpkVersion = glpkVersion
            self.solver = solver
        }

        enum CodingKeys: String, CodingKey {
            case format, command, arguments, solver
            case partnerMatchVersion = "partner_match_version"
            case glpkVersion = "glpk_version"
        }

        /// As written to `settings.json` (read back with `Decodable`).
        var json: JSONValue {
            ["format": .integer(format), "command": .string(command), "arguments": .array(arguments.map(JSONValue.string)),
             "partner_match_version": .string(partnerMatchVersion), "glpk_version": .string(glpkVersion),
             "solver": .object(solver.mapValues(JSONValue.string))]
        }
    }

    public let directory: String
    public var inputs: [Input]
    public var settings: Settings

    /// Creates the bundle directory (it must not exist, or be empty), copies each input into it with
    /// its size and hash, and writes `inputs.json` and `settings.json`.
    public static func create(at directory: String, inputs: [(role: String, path: String)], settings: Settings) throws(RunBundleError) -> RunBundle {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw RunBundleError("'\(directory)' exists and is not a directory") }
            let entries = (try? manager.contentsOfDirectory(atPath: directory)) ?? []
            guard entries.isEmpty else { throw RunBundleError("'\(directory)' is not empty; choose a new directory for the run") }
        }
        do {
            try manager.createDirectory(atPath: directory + "/inputs", withIntermediateDirectories: true)
        } catch {
            throw RunBundleError("cannot create '\(directory)': \(error.localizedDescription)")
        }
        var records: [Input] = []
        for (role, path) in inputs {
            guard case .success(let bytes) = FileBytes.read(path: path) else {
                throw RunBundleError("cannot read '\(path)' to copy it into the run bundle")
            }
            let ext = URL(fileURLWithPath: path).pathExtension
            let copy = "inputs/" + role + (ext.isEmpty ? "" : "." + ext)
            try write(bytes, to: directory + "/" + copy)
            records.append(Input(role: role, path: path, absolutePath: absolute(path), copy: copy,
                                 size: bytes.count, sha256: SHA256.hexDigest(bytes)))
        }
        let bundle = RunBundle(directory: directory, inputs: records, settings: settings)
        try bundle.writeJSON(.array(records.map(\.json)), to: inputsFile)
        try bundle.writeJSON(settings.json, to: settingsFile)
        return bundle
    }

    /// Opens a saved bundle: reads `inputs.json` and `settings.json` and checks that every copy is
    /// there with its recorded hash.
    public static func open(_ directory: String) throws(RunBundleError) -> RunBundle {
        let inputs: [Input] = try readJSON(directory + "/" + inputsFile)
        let settings: Settings = try readJSON(directory + "/" + settingsFile)
        guard settings.format == formatVersion else {
            throw RunBundleError("'\(directory)' is a run bundle of format \(settings.format); this partner-match reads format \(formatVersion)")
        }
        let bundle = RunBundle(directory: directory, inputs: inputs, settings: settings)
        for input in inputs {
            guard !input.copy.contains(".."), !input.copy.hasPrefix("/") else {
                throw RunBundleError("\(inputsFile): the copy '\(input.copy)' is outside the bundle")
            }
            guard case .success(let bytes) = FileBytes.read(path: bundle.path(input.copy)) else {
                throw RunBundleError("the bundle's copy '\(bundle.path(input.copy))' is missing")
            }
            guard SHA256.hexDigest(bytes) == input.sha256 else {
                throw RunBundleError("the bundle's copy '\(bundle.path(input.copy))' does not match its recorded SHA-256; the bundle was changed")
            }
        }
        return bundle
    }

    /// The path of a file inside the bundle.
    public func path(_ name: String) -> String { directory + "/" + name }

    /// The copy of the input with this role.
    public func copy(of role: String) -> String? { inputs.first { $0.role == role }.map { path($0.copy) } }

    /// The inputs whose file at the original (absolute) path is gone or no longer has the saved hash,
    /// each with what changed.
    public func changedOriginals() -> [(input: Input, change: String)] {
        inputs.compactMap { input in
            guard case .success(let bytes) = FileBytes.read(path: input.absolutePath) else {
                return (input, "is gone")
            }
            if bytes.count != input.size { return (input, "has changed (\(input.size) → \(bytes.count) bytes)") }
            return SHA256.hexDigest(bytes) == input.sha256 ? nil : (input, "has changed (same size, different SHA-256)")
        }
    }

    /// Writes `bytes` as `name` inside the bundle, atomically.
    public func write(_ bytes: [UInt8], as name: String) throws(RunBundleError) {
        try Self.write(bytes, to: path(name))
    }

    /// Writes `value` as JSON (the project's writer, `JSONWriter`) with a final line feed.
    public func writeJSON(_ value: JSONValue, to name: String) throws(RunBundleError) {
        try write(value.renderedBytes(), as: name)
    }

    static func write(_ bytes: [UInt8], to path: String) throws(RunBundleError) {
        do { try AtomicFileWriter.write(bytes, to: path) } catch { throw RunBundleError(error.description) }
    }

    static func readJSON<T: Decodable>(_ path: String) throws(RunBundleError) -> T {
        guard case .success(let bytes) = FileBytes.read(path: path, limit: 16 << 20), bytes.count <= 16 << 20 else {
            throw RunBundleError("cannot read '\(path)': not a run bundle (see docs/RUN-BUNDLES.md)")
        }
        do { return try JSONDecoder().decode(T.self, from: Data(bytes)) } catch {
            throw RunBundleError("'\(path)' is not a valid run-bundle file: \(error)")
        }
    }

    static func absolute(_ path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }

    // MARK: The resolved scenario

    /// `scenario` with every default filled in, as a JSON scenario file (the keys of MODEL.md, in its
    /// order; skills and certification points in the scenario's order; optional limits that are off —
    /// `max_rate`, `max_vendors`, `fte_step` — left out). Reading it with `ScenarioReader` gives
    /// `scenario` back.
    public static func resolvedScenarioJSON(_ scenario: Scenario) -> [UInt8] {
        let demand: JSONValue = switch scenario.demand {
        case .total(let d): .pairs([("total", .number(d))])
        case .perSkill(let skills): .pairs(skills.map { ($0.display, .number($0.fte)) })
        }
        let r = scenario.rules
        var rules: [(String, JSONValue)] = [
            ("min_overlap_hours", .number(r.minOverlapHours)),
            ("required_certifications", .array(r.requiredCertifications.map(JSONValue.string))),
            ("min_quality", .number(r.minQuality)), ("min_cultural_fit", .number(r.minCulturalFit)),
            ("allowed_countries", .array(r.allowedCountries.map(JSONValue.string))),
            ("excluded_countries", .array(r.excludedCountries.map(JSONValue.string))),
        ]
        if let v = r.maxRate { rules.append(("max_rate", .number(v))) }
        rules.append(("min_vendors", .number(Double(r.minVendors))))
        if let v = r.maxVendors { rules.append(("max_vendors", .number(Double(v)))) }
        rules += [
            ("max_share", .number(r.maxShare)), ("growth", .number(r.growth)),
            ("backups", .pairs(r.backups.sorted { $0.key < $1.key }.map { ($0.key, .number(Double($0.value))) })),
            ("team_overlap_hours", .number(r.teamOverlapHours)), ("min_engagement_fte", .number(r.minEngagementFTE)),
        ]
        if let v = r.fteStep { rules.append(("fte_step", .number(v))) }
        let missing: JSONValue = switch scenario.missingCulturalFit {
        case .exclude: .string("exclude")
        case .value(let v): .number(v)
        }
        var whatIf: [(String, JSONValue)] = [("materiality", .number(scenario.whatIf.materiality))]
        if let t = scenario.whatIf.tolerance { whatIf.append(("tolerance", .number(t))) }
        let root: JSONValue = .pairs([
            ("name", .string(scenario.name)), ("currency", .string(scenario.currency)),
            ("start_date", .string(scenario.startDate.description)),
            ("client", .pairs([("timezone", .string(scenario.client.timeZone)),
                                ("work_start", .string(scenario.client.workStart.description)),
                                ("work_end", .string(scenario.client.workEnd.description))])),
            ("demand", demand),
            ("horizon", .pairs([("months", .number(scenario.months)), ("hours_per_month", .number(scenario.hoursPerMonth))])),
            ("budget", .pairs([("total", .number(scenario.budget))])),
            ("weights", .pairs(Criterion.allCases.map { ($0.rawValue, .number(scenario.weights[$0])) })),
            ("rules", .pairs(rules)),
            ("missing", .pairs([("cultural_fit", missing)])),
            ("certification_points", .pairs(scenario.certificationPoints.entries.map { ($0.display, .number($0.points)) })),
            ("what_if", .pairs(whatIf)),
        ])
        return root.renderedBytes()
    }
}
