import Foundation
#if canImport(Glibc)
import Glibc
#endif

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

        /// The options `arguments` may hold for each command (docs/RUN-BUNDLES.md): those that decide
        /// the result, never one that writes a file or reads another input.
        public static let acceptedOptions: [String: (valued: Set<String>, flags: Set<String>)] = [
            "optimize": (vendorFileOptions.valued.union(["--gap", "--alternatives", "--time-limit", "--warm-start"]),
                         vendorFileOptions.flags.union(["--exit-analysis", "--no-pruning"])),
            "scenarios": (vendorFileOptions.valued.union(["--budgets", "--tolerance", "--materiality"]),
                          vendorFileOptions.flags.union(["--sequential"])),
        ]

        /// How the vendor file was read (docs/RUN-BUNDLES.md): replayed so the same bytes give the same pool.
        static let vendorFileOptions: (valued: Set<String>, flags: Set<String>) =
            (["--encoding", "--delimiter", "--sheet", "--map"], ["--decimal-comma"])

        /// The first of `arguments` that `replay` does not accept, described, or `nil`: an option not
        /// in `acceptedOptions`, or one whose value is missing or is itself an option.
        public func unacceptedArgument() -> String? {
            guard let accepted = Self.acceptedOptions[command] else { return "unknown command '\(command)'" }
            var index = 0
            while index < arguments.count {
                let argument = arguments[index]
                if accepted.flags.contains(argument) { index += 1; continue }
                guard accepted.valued.contains(argument) else { return "the argument '\(argument)' is not a setting replay accepts" }
                guard index + 1 < arguments.count, !arguments[index + 1].hasPrefix("--") else { return "the option '\(argument)' has no value" }
                index += 2
            }
            return nil
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

    /// Where the bundle's files are: while it is being written, a temporary directory beside the
    /// destination (`.NAME.tmp-XXXXXX`), which `commit()` renames to the destination.
    public let directory: String
    /// The directory the bundle appears at after `commit()` (for an opened bundle, `directory`).
    public let destination: String
    public var inputs: [Input]
    public var settings: Settings
    /// The bytes of each input copy, by role (checked against their hashes when opened).
    public var copies: [String: [UInt8]] = [:]

    /// The roles an input may have, and the largest copy `open` reads for each (docs/LIMITS.md).
    static let roleLimits: [String: Int] = [
        "vendors": InputLimits.default.vendorFileBytes, "scenario": InputLimits.default.scenarioFileBytes,
    ]
    /// The largest `inputs.json`, `settings.json` or `result.json` that `open` reads.
    public static let metadataLimit = 256 << 20

    /// Starts a bundle for `destination` (which must not exist, or be an empty directory): creates a
    /// temporary directory beside it, writes the copies of `inputs` (the bytes the command read,
    /// with their sizes and hashes), `inputs.json` and `settings.json` there. Add the other files
    /// with `write`, then `commit()`: the bundle appears whole at `destination` or not at all (a
    /// process killed before may leave the temporary directory behind, safe to delete).
    public static func create(at destination: String, inputs: [(role: String, path: String, bytes: [UInt8])],
                              settings: Settings) throws(RunBundleError) -> RunBundle {
        try checkDestination(destination)
        let url = URL(fileURLWithPath: destination)
        let parent = url.deletingLastPathComponent().path
        var template = Array((parent + "/." + url.lastPathComponent + ".tmp-XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw RunBundleError("cannot create '\(destination)': \(String(cString: strerror(errno)))")
        }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        // mkdtemp makes the directory 0700; a bundle gets the mode any new directory would.
        chmod(temporary, 0o777 & ~processUmask())
        var bundle = RunBundle(directory: temporary, destination: destination, inputs: [], settings: settings)
        do throws(RunBundleError) {
            guard mkdir(temporary + "/inputs", 0o777) == 0 else {
                throw RunBundleError("cannot create '\(destination)/inputs': \(String(cString: strerror(errno)))")
            }
            for (role, path, bytes) in inputs {
                let ext = URL(fileURLWithPath: path).pathExtension
                let copy = "inputs/" + role + (ext.isEmpty || !isSafeExtension(ext) ? "" : "." + ext)
                try write(bytes, to: temporary + "/" + copy)
                bundle.inputs.append(Input(role: role, path: path, absolutePath: absolute(path), copy: copy,
                                           size: bytes.count, sha256: ContentHash.sha256Hex(bytes)))
                bundle.copies[role] = bytes
            }
            try bundle.writeJSON(.array(bundle.inputs.map(\.json)), to: inputsFile)
            try bundle.writeJSON(settings.json, to: settingsFile)
        } catch {
            bundle.discard()
            throw error
        }
        return bundle
    }

    /// Refuses a destination that exists and is not an empty directory.
    static func checkDestination(_ destination: String) throws(RunBundleError) {
        var status = stat()
        guard lstat(destination, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFDIR else { throw RunBundleError("'\(destination)' exists and is not a directory") }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: destination)) ?? []
        guard entries.isEmpty else { throw RunBundleError("'\(destination)' is not empty; choose a new directory for the run") }
    }

    /// Renames the finished bundle to its destination (over an empty directory, if one is there).
    public func commit() throws(RunBundleError) {
        guard directory != destination else { return }
        guard rename(directory, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw RunBundleError("cannot create '\(destination)': \(reason)")
        }
    }

    /// Removes an uncommitted bundle's temporary directory (only the files the bundle wrote).
    public func discard() {
        guard directory != destination else { return }
        for name in [Self.inputsFile, Self.settingsFile, Self.resolvedScenarioFile, Self.modelFile, Self.resultFile] { unlink(path(name)) }
        for input in inputs { unlink(path(input.copy)) }
        // Temporary files of an interrupted write, then the directories (rmdir fails if anything else is left).
        for sub in ["inputs", ""] {
            let dir = sub.isEmpty ? directory : path(sub)
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where entry.contains(".tmp-") {
                unlink(dir + "/" + entry)
            }
            rmdir(dir)
        }
    }

    /// Opens a saved bundle: reads `inputs.json` and `settings.json`, and each copy, checked against
    /// its recorded hash. A bundle is untrusted input: only its own regular files are read (no links,
    /// devices or pipes, no path leaving it), each within the input limits (docs/LIMITS.md); inputs
    /// must have the roles `vendors` and `scenario`, once each.
    public static func open(_ directory: String) throws(RunBundleError) -> RunBundle {
        let inputs: [Input] = try readJSON(directory + "/" + inputsFile)
        let settings: Settings = try readJSON(directory + "/" + settingsFile)
        guard settings.format == formatVersion else {
            throw RunBundleError("'\(directory)' is a run bundle of format \(settings.format); this partner-match reads format \(formatVersion)")
        }
        var bundle = RunBundle(directory: directory, destination: directory, inputs: inputs, settings: settings)
        for input in inputs {
            guard let limit = roleLimits[input.role], bundle.copies[input.role] == nil else {
                throw RunBundleError("\(inputsFile): unexpected input role '\(input.role)' (expected vendors and scenario, once each)")
            }
            let ext = String(input.copy.dropFirst(("inputs/" + input.role).count).dropFirst())
            guard input.copy == "inputs/" + input.role || (input.copy.hasPrefix("inputs/" + input.role + ".") && isSafeExtension(ext)) else {
                throw RunBundleError("\(inputsFile): the copy '\(input.copy)' is not a file of the bundle (expected inputs/\(input.role) with an optional extension)")
            }
            let bytes: [UInt8]
            switch readBundleFile(bundle.path(input.copy), limit: limit) {
            case .failure(let error): throw error
            case .success(let read): bytes = read
            }
            guard ContentHash.sha256Hex(bytes) == input.sha256 else {
                throw RunBundleError("the bundle's copy '\(bundle.path(input.copy))' does not match its recorded SHA-256; the bundle was changed")
            }
            bundle.copies[input.role] = bytes
        }
        return bundle
    }

    /// An extension kept on a copy: letters and digits only.
    static func isSafeExtension(_ ext: String) -> Bool {
        !ext.isEmpty && ext.count <= 16 && ext.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }

    /// A regular file of the bundle, read whole: a symbolic link, a device, a pipe or a file over
    /// `limit` bytes is refused (opened with O_NOFOLLOW and O_NONBLOCK, so nothing blocks or loops).
    public static func readBundleFile(_ path: String, limit: Int) -> Result<[UInt8], RunBundleError> {
        let fd = Glibc.open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            let reason = errno == ELOOP ? "a symbolic link; a bundle's files must be its own" : String(cString: strerror(errno))
            return .failure(RunBundleError("cannot read '\(path)': \(reason)"))
        }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            return .failure(RunBundleError("cannot read '\(path)': not a regular file; a bundle holds only regular files"))
        }
        guard Int(status.st_size) <= limit else {
            return .failure(RunBundleError("'\(path)': expected a file of at most \(InputLimits.size(limit)), found \(status.st_size) bytes"))
        }
        return readAll(fd, expected: Int(status.st_size), limit: limit).mapError { RunBundleError("cannot read '\(path)': \($0.message)") }
    }

    /// Reads an open file to its end, at most `limit` bytes.
    static func readAll(_ fd: Int32, expected: Int, limit: Int) -> Result<[UInt8], RunBundleError> {
        var bytes = [UInt8](repeating: 0, count: min(expected, limit) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard count <= limit else { return .failure(RunBundleError("expected at most \(InputLimits.size(limit)), found more")) }
                bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, limit + 1 - count)))
            }
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 { if errno == EINTR { continue }; return .failure(RunBundleError(String(cString: strerror(errno)))) }
            if n == 0 { break }
            count += n
        }
        bytes.removeSubrange(count...)
        return .success(bytes)
    }

    /// The path of a file inside the bundle.
    public func path(_ name: String) -> String { directory + "/" + name }

    /// The copy of the input with this role.
    public func copy(of role: String) -> String? { inputs.first { $0.role == role }.map { path($0.copy) } }

    /// The inputs whose file at the original (absolute) path is gone or no longer has the saved hash,
    /// each with what changed. Only a regular file is read, and only when it has the recorded size.
    public func changedOriginals() -> [(input: Input, change: String)] {
        inputs.compactMap { input in
            // The path comes from the bundle: never open a device (opening some has effects), a pipe or a socket.
            var before = stat()
            guard stat(input.absolutePath, &before) == 0 else { return (input, "is gone") }
            guard before.st_mode & S_IFMT == S_IFREG else { return (input, "is not a regular file, so it was not compared") }
            let fd = Glibc.open(input.absolutePath, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
            guard fd >= 0 else { return (input, "is gone") }
            defer { close(fd) }
            var status = stat()
            guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return (input, "is not a regular file, so it was not compared") }
            if Int(status.st_size) != input.size { return (input, "has changed (\(input.size) → \(status.st_size) bytes)") }
            guard case .success(let bytes) = Self.readAll(fd, expected: input.size, limit: input.size) else { return (input, "cannot be read") }
            if bytes.count != input.size { return (input, "has changed (\(input.size) → \(bytes.count) bytes)") }
            return ContentHash.sha256Hex(bytes) == input.sha256 ? nil : (input, "has changed (same size, different SHA-256)")
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
        let bytes: [UInt8]
        switch readBundleFile(path, limit: metadataLimit) {
        case .failure(let error): throw RunBundleError("\(error.message): not a run bundle (see docs/RUN-BUNDLES.md)")
        case .success(let read): bytes = read
        }
        do { return try JSONDecoder().decode(T.self, from: Data(bytes)) } catch {
            throw RunBundleError("'\(path)' is not a valid run-bundle file: \(error)")
        }
    }

    static func processUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }

    static func absolute(_ path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }

    // MARK: The resolved scenario

    /// `scenario` with every default filled in, as a JSON scenario file (the keys of docs/MODEL.md, in its
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
        if !r.excludeVendors.isEmpty { rules.append(("exclude_vendors", .array(r.excludeVendors.map(JSONValue.string)))) }
        if let v = r.maxRate { rules.append(("max_rate", .number(v))) }
        rules += r.constraints.entries.map { ($0.key, $0.value) }
        let missing: JSONValue = switch scenario.missingCulturalFit {
        case .exclude: .string("exclude")
        case .value(let v): .number(v)
        }
        var whatIf: [(String, JSONValue)] = [("materiality", .number(scenario.whatIf.materiality))]
        if let t = scenario.whatIf.tolerance { whatIf.append(("tolerance", .number(t))) }
        var objective: [(String, JSONValue)] = [("objective", .string(scenario.objective.rawValue))]
        if let mu = scenario.minMeanUtility { objective.append(("min_mean_utility", .number(mu))) }
        let u = scenario.uncertainty
        var uncertainty: [(String, JSONValue)] = [
            ("weights", .string(u.weights.rawValue)), ("spread", .number(u.spread)), ("quality", .number(u.quality)),
            ("cultural_fit", .number(u.culturalFit)), ("overlap_hours", .number(u.overlapHours)),
        ]
        if let n = u.samples { uncertainty.append(("samples", .number(Double(n)))) }
        uncertainty.append(("seed", .number(Double(u.seed))))
        let root: JSONValue = .pairs([
            ("name", .string(scenario.name)), ("currency", .string(scenario.currency))] + objective + [
            ("start_date", .string(scenario.startDate.description)),
            ("client", .pairs([("timezone", .string(scenario.client.timeZone)),
                                ("work_start", .string(scenario.client.workStart.description)),
                                ("work_end", .string(scenario.client.workEnd.description))])),
            ("demand", demand),
            ("horizon", .pairs([("months", .number(scenario.months)), ("hours_per_month", .number(scenario.hoursPerMonth))])),
            ("budget", .pairs(scenario.hasBudget ? [("total", .number(scenario.budget))] : [])),
            ("costs", .pairs([("onboarding_per_vendor", .number(scenario.onboardingPerVendor))])),
            ("weights", scenario.weights.scenarioJSON),
            ("rules", .pairs(rules)),
            ("missing", .pairs([("cultural_fit", missing)])),
            ("certification_points", .pairs(scenario.certificationPoints.entries.map { ($0.display, .number($0.points)) })),
            ("what_if", .pairs(whatIf)),
            ("uncertainty", .pairs(uncertainty)),
        ] + (scenario.priorities.isEmpty ? [] : [
            ("priorities", .pairs(scenario.priorities.keys.sorted().map { ($0, .number(Double(scenario.priorities[$0]!))) })),
        ]))
        return root.renderedBytes()
    }
}
