import Foundation
import Testing

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Runs shell scripts against the built binary, for what only a shell sets up: full disks
/// (`/dev/full`, `ulimit -f`, a small tmpfs when the tests run as root), closed descriptors, umasks,
/// modes, another user.
///
/// The script sees `$PM` (the binary), `$V` and `$S` (copies of the sample vendors and scenario) and
/// runs in a fresh directory, removed afterwards.
enum Shell {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ script: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> (Result, URL) {
        let binary = try CLIRunner.binary().get()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pm-hard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: repository.appendingPathComponent("datasets/vendors.csv").path,
                                         toPath: dir.appendingPathComponent("vendors.csv").path)
        try FileManager.default.copyItem(atPath: repository.appendingPathComponent("datasets/scenario.toml").path,
                                         toPath: dir.appendingPathComponent("scenario.toml").path)
        let prelude = "cd '\(dir.path)' && PM='\(binary.path)' V=vendors.csv S=scenario.toml && export PM V S\n"
        let output = try CLIRunner.run(URL(fileURLWithPath: "/bin/sh"), ["-c", prelude + script])
        return (Result(status: output.status, stdout: output.stdout, stderr: output.stderr), dir)
    }

    /// Runs `script` and removes its directory; the script's last command decides the status.
    static func check(_ script: String) throws -> Result {
        let (result, dir) = try run(script)
        try? FileManager.default.removeItem(at: dir)
        return result
    }

    /// Whether the tests run as root (who can mount a tmpfs and switch to another user).
    static var isRoot: Bool { getuid() == 0 }
}

/// Writes that fail — a full disk, `ulimit -f`, a full or closed standard output — are errors with a
/// documented exit code, and the previous file is left as it was (issue 17, items 1 and "Crashes").
@Suite struct FullDiskTests {
    @Test func exportingTheModelThroughALinkToDevFullIsError73() throws {
        let r = try Shell.check("""
        ln -s /dev/full full.lp
        "$PM" optimize "$V" --scenario "$S" --export-model full.lp > /dev/null; echo "status $?"
        """)
        #expect(r.stdout == "status 73\n", "\(r.stderr)")
        #expect(r.stderr.contains("full.lp: cannot write the model: No space left on device"))
    }

    @Test func solveWriteThroughALinkToDevFullIsError73() throws {
        let r = try Shell.check("""
        "$PM" optimize "$V" --scenario "$S" --export-model model.lp > /dev/null
        ln -s /dev/full full.lp
        "$PM" solve model.lp --write full.lp > /dev/null; echo "status $?"
        """)
        #expect(r.stdout == "status 73\n", "\(r.stderr)")
        #expect(r.stderr.contains("No space left on device"))
    }

    @Test func aFileSizeLimitLeavesTheOldModelAndNoTemporaryFile() throws {
        // `ulimit -f 4` (4 KiB blocks of 1,024 bytes in sh): the model (about 15 KB) does not fit.
        let r = try Shell.check("""
        echo "old model" > model.lp
        ( ulimit -f 4; "$PM" optimize "$V" --scenario "$S" --export-model model.lp > /dev/null 2> err.txt; echo "status $?" )
        cat model.lp; ls -A | grep -c tmp; cat err.txt >&2
        """)
        #expect(r.stdout == "status 73\nold model\n0\n", "\(r.stderr)")
        #expect(r.stderr.contains("File too large"))
    }

    @Test func aFileSizeLimitOnGenerateLeavesTheOldFile() throws {
        let r = try Shell.check("""
        echo "old" > pool.csv
        ( ulimit -f 8; "$PM" generate --vendors 5000 --seed 1 --out pool.csv 2> err.txt; echo "status $?" )
        cat pool.csv; ls -A | grep -c tmp; cat err.txt >&2
        """)
        #expect(r.stdout == "status 73\nold\n0\n", "\(r.stderr)")
    }

    @Test(.enabled(if: Shell.isRoot, "mounting a tmpfs needs root; the /dev/full and ulimit tests cover the rest"))
    func aFullTmpfsKeepsTheExistingModelFile() throws {
        let r = try Shell.check("""
        mkdir disk && mount -t tmpfs -o size=64k tmpfs disk || { echo "cannot mount"; exit 0; }
        "$PM" optimize "$V" --scenario "$S" --export-model disk/model.lp > /dev/null 2>&1
        cp disk/model.lp before.lp
        dd if=/dev/zero of=disk/fill bs=1k count=200 2> /dev/null
        "$PM" optimize "$V" --scenario "$S" --export-model disk/model.lp > /dev/null 2> err.txt; echo "status $?"
        cmp -s before.lp disk/model.lp && echo "intact"; ls -A disk | grep -c tmp
        "$PM" optimize "$V" --scenario "$S" --save-run disk/run > /dev/null 2>> err.txt; echo "status $?"
        ls -A disk | grep -c run
        umount disk; cat err.txt >&2
        """)
        #expect(r.stdout == "status 73\nintact\n0\nstatus 73\n0\n", "\(r.stderr)")
        #expect(r.stderr.contains("No space left on device"))
    }

    @Test(arguments: [
        ["validate", "vendors.csv"], ["validate", "vendors.csv", "--format", "json"],
        ["optimize", "vendors.csv", "--scenario", "scenario.toml"], ["generate", "--vendors", "10", "--seed", "1"],
    ])
    func aFullStandardOutputIsExitCode74(_ arguments: [String]) throws {
        let r = try Shell.check("\"$PM\" \(arguments.joined(separator: " ")) > /dev/full 2> err.txt; echo \"status $?\"; cat err.txt >&2")
        #expect(r.stdout == "status 74\n", "\(r.stderr)")
        #expect(r.stderr.contains("cannot write to standard output: No space left on device"))
    }

    @Test(arguments: [["--help"], ["--version"], ["optimize", "--help"]])
    func helpAndVersionOnAFullStandardOutputAreExitCode74(_ arguments: [String]) throws {
        let r = try Shell.check("\"$PM\" \(arguments.joined(separator: " ")) > /dev/full 2> err.txt; echo \"status $?\"; cat err.txt >&2")
        #expect(r.stdout == "status 74\n", "\(r.stderr)")
        #expect(r.stderr.contains("cannot write to standard output"))
    }

    @Test func aClosedStandardOutputIsExitCode74NotACrash() throws {
        let r = try Shell.check("\"$PM\" optimize \"$V\" --scenario \"$S\" >&- 2> err.txt; echo \"status $?\" >&2")
        #expect(r.stderr == "status 74\n")
    }

    @Test func aFullStandardErrorDoesNotCrash() throws {
        let r = try Shell.check("\"$PM\" validate datasets-missing.csv 2> /dev/full; echo \"status $?\"")
        #expect(r.stdout == "status 66\n")
    }

    @Test func aClosedPipeEndsTheCommandWithoutASignal() throws {
        // `head` exits after one line; the pool is larger than a pipe's buffer, so a later write fails with EPIPE.
        let r = try Shell.check("""
        "$PM" generate --vendors 20000 --seed 1 > pool.csv
        ( "$PM" validate pool.csv --format json 2> err.txt; echo "status $?" > status.txt ) | head -n 1 > /dev/null
        cat status.txt
        """)
        #expect(r.stdout == "status 74\n" || r.stdout == "status 0\n", "\(r.stderr)")
    }
}

/// Outputs keep an existing file's mode, honour the umask for new files, and never replace a file the
/// user could not write (issue 17, item 3); `solve --write` never replaces its own input (item 5).
@Suite struct OutputModeTests {
    @Test func anExisting0600FileStays0600() throws {
        let r = try Shell.check("""
        echo old > model.lp; chmod 600 model.lp
        "$PM" optimize "$V" --scenario "$S" --export-model model.lp > /dev/null 2>&1; echo "status $?"
        stat -c %a model.lp; head -c 2 model.lp | od -c | head -1 | cut -c 9-
        """)
        #expect(r.stdout.hasPrefix("status 0\n600\n"), "\(r.stdout)")
        #expect(!r.stdout.contains("o   l"))   // the model replaced "old"
    }

    @Test func aNewFileHonoursTheUmask() throws {
        let r = try Shell.check("""
        umask 077; "$PM" optimize "$V" --scenario "$S" --export-model model.lp --save-run run > report.txt 2>&1; echo "status $?"
        "$PM" generate --vendors 3 --seed 1 --out pool.csv; "$PM" init --out new.toml > /dev/null
        stat -c %a model.lp pool.csv new.toml run run/result.json run/inputs/vendors.csv
        umask 022; "$PM" generate --vendors 3 --seed 1 --out pool2.csv; stat -c %a pool2.csv
        """)
        #expect(r.stdout == "status 0\n600\n600\n600\n700\n600\n600\n644\n", "\(r.stderr)")
    }

    @Test(.enabled(if: Shell.isRoot, "needs root to run the command as another user (nobody)"))
    func aReadOnlyFileIsNotReplacedByAnUnprivilegedUser() throws {
        let r = try Shell.check("""
        chmod 777 .; chmod 644 vendors.csv scenario.toml
        echo "keep me" > model.lp; chmod 444 model.lp
        setpriv --reuid=65534 --regid=65534 --clear-groups "$PM" optimize "$V" --scenario "$S" --export-model model.lp > /dev/null 2> err.txt
        echo "status $?"; cat model.lp; stat -c %a model.lp; cat err.txt >&2
        """)
        #expect(r.stdout == "status 73\nkeep me\n444\n", "\(r.stderr)")
        #expect(r.stderr.contains("Permission denied"))
    }

    @Test func solveRefusesToWriteOverItsOwnModelFile() throws {
        let r = try Shell.check("""
        "$PM" optimize "$V" --scenario "$S" --export-model model.lp > /dev/null 2>&1
        cp model.lp before.lp; ln -s model.lp link.lp
        "$PM" solve model.lp --write model.lp > /dev/null 2> err.txt; echo "status $?"
        "$PM" solve model.lp --write ./link.lp > /dev/null 2>> err.txt; echo "status $?"
        cmp -s model.lp before.lp && echo intact; cat err.txt >&2
        """)
        #expect(r.stdout == "status 73\nstatus 73\nintact\n", "\(r.stderr)")
        #expect(r.stderr.contains("--write 'model.lp' is the input file 'model.lp'; refusing to overwrite an input"))
    }

    @Test func solveWriteMustNameAModelFormat() throws {
        let r = try Shell.check("""
        "$PM" optimize "$V" --scenario "$S" --export-model model.lp > /dev/null 2>&1
        "$PM" solve model.lp --write model.txt > /dev/null; echo "status $?"; ls model.txt 2>/dev/null | wc -l
        """)
        #expect(r.stdout == "status 64\n0\n", "\(r.stderr)")
        #expect(r.stderr.contains("--write must name a .lp or .mps file, found 'model.txt'"))
    }
}

/// A run bundle is untrusted input: `replay` accepts only the documented settings and reads only the
/// bundle's own regular files, within the limits (issue 17, item 2). `--save-run` copies the bytes the
/// command read (item 6) and the bundle appears whole or not at all (item 7).
@Suite struct UntrustedBundleTests {
    /// Saves a run in `run` first; `script` follows.
    static func withBundle(_ script: String) throws -> Shell.Result {
        try Shell.check("\"$PM\" optimize \"$V\" --scenario \"$S\" --save-run run > /dev/null 2>&1 || echo 'cannot save'\n" + script)
    }

    @Test func aSettingThatWritesAFileIsRefusedAndNothingIsWritten() throws {
        let r = try Self.withBundle("""
        sed -i 's|"--gap",|"--export-model", "'"$PWD"'/evil.lp", "--gap",|' run/settings.json
        grep -c evil.lp run/settings.json
        "$PM" replay run > /dev/null; echo "status $?"; ls evil.lp 2>/dev/null | wc -l
        """)
        #expect(r.stdout == "1\nstatus 65\n0\n", "\(r.stderr)")
        #expect(r.stderr.contains("the argument '--export-model' is not a setting replay accepts"))
    }

    @Test func aSettingValueThatIsAnOptionIsRefused() throws {
        let r = try Self.withBundle("""
        sed -i 's|"--gap",|"--gap", "--save-run", "x",|' run/settings.json
        "$PM" replay run > /dev/null; echo "status $?"; ls x 2>/dev/null | wc -l
        """)
        #expect(r.stdout == "status 65\n0\n", "\(r.stderr)")
        #expect(r.stderr.contains("the option '--gap' has no value"))
    }

    @Test func aCopyThatIsALinkToDevZeroIsRefusedAtOnce() throws {
        let r = try Self.withBundle("""
        rm run/inputs/vendors.csv; ln -s /dev/zero run/inputs/vendors.csv
        "$PM" replay run > /dev/null; echo "status $?"
        """)
        #expect(r.stdout == "status 65\n", "\(r.stderr)")
        #expect(r.stderr.contains("a symbolic link; a bundle's files must be its own"))
    }

    @Test func aCopyPathNamingADeviceIsRefused() throws {
        let r = try Self.withBundle("""
        sed -i 's|"inputs/vendors.csv"|"inputs/../../../../dev/zero"|' run/inputs.json
        "$PM" replay run > /dev/null; echo "status $?"
        """)
        #expect(r.stdout == "status 65\n", "\(r.stderr)")
        #expect(r.stderr.contains("is not a file of the bundle"))
    }

    @Test func anOriginalPathNamingDevZeroIsNotRead() throws {
        let r = try Self.withBundle("""
        sed -i 's|"absolute_path": "[^"]*vendors.csv"|"absolute_path": "/dev/zero"|' run/inputs.json
        timeout 20 "$PM" replay run > /dev/null; echo "status $?"
        """)
        #expect(r.stdout == "status 0\n", "\(r.stderr)")
        #expect(r.stderr.contains("warning: the vendors file '/dev/zero' is not a regular file, so it was not compared"))
    }

    @Test func aResultThatIsALinkIsNotRead() throws {
        let r = try Self.withBundle("""
        rm run/result.json; ln -s /dev/zero run/result.json
        timeout 20 "$PM" replay run > /dev/null; echo "status $?"
        """)
        #expect(r.stdout == "status 66\n", "\(r.stderr)")
    }

    @Test func anInputsFileThatIsALinkToDevZeroIsNotABundle() throws {
        let r = try Self.withBundle("""
        rm run/inputs.json; ln -s /dev/zero run/inputs.json
        timeout 20 "$PM" replay run > /dev/null; echo "status $?"
        """)
        #expect(r.stdout == "status 65\n", "\(r.stderr)")
        #expect(r.stderr.contains("not a run bundle"))
    }

    @Test func savingARunReadFromStandardInputCopiesWhatWasRead() throws {
        let r = try Shell.check("""
        "$PM" optimize /dev/stdin --scenario "$S" --save-run run < "$V" > /dev/null 2>&1; echo "status $?"
        cmp -s run/inputs/vendors "$V" && echo "same bytes"
        "$PM" replay run; echo "status $?"
        """)
        #expect(r.stdout.hasPrefix("status 0\nsame bytes\nidentical: "), "\(r.stderr)")
        #expect(r.stdout.hasSuffix("status 0\n"))
    }

    @Test func savingARunReadFromAFIFOFinishes() throws {
        let r = try Shell.check("""
        mkfifo pipe; cat "$V" > pipe &
        timeout 20 "$PM" optimize pipe --scenario "$S" --save-run run > /dev/null 2>&1; echo "status $?"
        cmp -s run/inputs/vendors "$V" && echo "same bytes"
        """)
        #expect(r.stdout == "status 0\nsame bytes\n", "\(r.stderr)")
    }

    @Test func aKilledSaveLeavesNoBundleOrAWholeOne() throws {
        // 20 kills at increasing delays (bounded: each run takes well under a second here).
        let r = try Shell.check("""
        partial=0; whole=0; none=0
        for i in $(seq 1 20); do
          rm -rf run .run.tmp-*
          "$PM" scenarios "$V" --scenario "$S" --budgets 100k...2M/50k --quiet --save-run run > /dev/null 2>&1 &
          pid=$!; sleep "0.$(printf %02d $((i * 2)))"; kill -9 $pid 2> /dev/null; wait $pid 2> /dev/null
          if [ ! -e run ]; then none=$((none + 1))
          elif "$PM" replay run > /dev/null 2>&1; then whole=$((whole + 1))
          else partial=$((partial + 1)); fi
        done
        echo "partial $partial"; echo "tries $((none + whole + partial))"
        "$PM" scenarios "$V" --scenario "$S" --budgets 100k...2M/50k --quiet --save-run run2 > /dev/null 2>&1; echo "status $?"
        """)
        #expect(r.stdout == "partial 0\ntries 20\nstatus 0\n", "\(r.stderr)")
    }

    @Test func aFailedSaveRemovesItsTemporaryDirectory() throws {
        let r = try Shell.check("""
        ( ulimit -f 4; "$PM" optimize "$V" --scenario "$S" --save-run run > /dev/null 2> err.txt; echo "status $?" )
        ls -A | grep -c run; cat err.txt >&2
        """)
        #expect(r.stdout == "status 73\n0\n", "\(r.stderr)")
    }
}

/// Names reach table and Markdown output neutralised: no terminal escape, no fake row or heading, no
/// raw HTML; JSON and CSV keep the data (issue 17, item 4).
@Suite struct HostileNameTests {
    /// A pool whose names and ids carry terminal escapes, a line break with a heading, and HTML.
    static let script = #"""
    printf 'id,name,country,timezone,hourly_rate,quality,cultural_fit,capacity_fte,certifications,skills\n' > hostile.csv
    printf 'V1,"\033]0;pwned\007Evil\033[2J",DE,Europe/Berlin,50,85,80,3,,backend\n' >> hostile.csv
    printf 'V2,"Two\n# Injected heading",PL,Europe/Warsaw,45,80,75,3,,backend\n' >> hostile.csv
    printf 'V3,"<script>alert(1)</script> | x",DE,Europe/Berlin,55,90,85,3,,backend\n' >> hostile.csv
    printf 'V4,"[click](javascript:x) *b*",PL,Europe/Warsaw,40,70,70,3,,backend\n' >> hostile.csv
    printf 'name = "Plan\\u001b[2J\\n# Heading"\n[client]\ntimezone = "Europe/Berlin"\n[demand]\ntotal = 12\n[horizon]\nmonths = 12\n[budget]\ntotal = 10_000_000\n[rules]\nmin_engagement_fte = 0\n' > hostile.toml
    """#

    static func output(_ command: String, _ format: String) throws -> Shell.Result {
        try Shell.check(script + "\n\"$PM\" \(command) hostile.csv --scenario hostile.toml --format \(format) 2> err.txt; echo \"status $?\"; cat err.txt >&2")
    }

    @Test(arguments: ["optimize", "shortlist"])
    func tablesShowControlCharactersVisibly(_ command: String) throws {
        let r = try Self.output(command, "table")
        #expect(r.stdout.hasSuffix("status 0\n"), "\(r.stderr)")
        #expect(!r.stdout.contains("\u{1B}"))
        #expect(!r.stdout.contains("\u{07}"))
        #expect(r.stdout.contains("␛]0;pwned␇Evil␛[2J") || command == "optimize" && r.stdout.contains("␛]0;pwned"))
        #expect(!r.stdout.split(separator: "\n").contains { $0.hasPrefix("# Injected") || $0.hasPrefix("# Heading") })
    }

    @Test(arguments: ["optimize", "shortlist"])
    func markdownEscapesHeadingsAndHTML(_ command: String) throws {
        let r = try Self.output(command, "markdown")
        #expect(r.stdout.hasSuffix("status 0\n"), "\(r.stderr)")
        #expect(!r.stdout.contains("\u{1B}"))
        #expect(!r.stdout.contains("<script>"))
        #expect(r.stdout.contains("&lt;script&gt;"))
        #expect(r.stdout.contains("\\[click\\](javascript:x) \\*b\\*"))
        #expect(!r.stdout.split(separator: "\n").contains { $0.hasPrefix("#") && !$0.hasPrefix("## ") })
        // Every table row still has the header's number of cells: no name broke a row.
        let rows = r.stdout.split(separator: "\n").filter { $0.hasPrefix("|") }
        let cells = rows.map { $0.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count }
        #expect(Set(cells).count == 1, "\(rows)")
    }

    @Test func diagnosticsShowTerminalEscapesVisibly() throws {
        let r = try Shell.check(#"""
        printf '[client]\ntimezone = "Europe/Berlin"\n[demand]\ntotal = 5\n[horizon]\nmonths = 12\n[budget]\ntotal = 1000\n[weights]\n"\\u001b]0;pwned\\u0007" = 1\n' > esc.toml
        "$PM" shortlist "$V" --scenario esc.toml > /dev/null; echo "status $?"
        """#)
        #expect(r.stdout == "status 65\n")
        #expect(!r.stderr.contains("\u{1B}"), "\(r.stderr)")
        #expect(r.stderr.contains("esc.toml:9:1: unknown key 'weights.␛]0;pwned␇'"), "\(r.stderr)")
    }

    @Test func jsonAndCSVKeepTheDataEscapedAsTheirFormatsSay() throws {
        let json = try Self.output("shortlist", "json")
        #expect(json.stdout.contains(#""\u001b]0;pwned\u0007Evil\u001b[2J""#), "\(json.stdout)")
        #expect(json.stdout.contains(#""Two\n# Injected heading""#))
        let csv = try Self.output("shortlist", "csv")
        #expect(csv.stdout.contains("\"Two\n# Injected heading\""))
    }
}

/// Numbers too large for the model are located input errors (65), not traps or "invalid model"
/// (issue 17, "Crashes" and "Misleading messages").
@Suite struct HugeNumberTests {
    /// The sample scenario with `key = value` set in `table` (appended as its own table when absent).
    static func run(_ table: String, _ key: String, _ value: String, command: String = "optimize") throws -> Shell.Result {
        try Shell.check("""
        grep -v '^\(key) *=' "$S" | sed 's|^\\[\(table)\\]\\( .*\\)*$|[\(table)]\\n\(key) = \(value)|' > s.toml
        grep -q '^\\[\(table)\\]' s.toml || printf '[\(table)]\\n\(key) = \(value)\\n' >> s.toml
        "$PM" \(command) "$V" --scenario s.toml > /dev/null 2> err.txt; echo "status $?"; cat err.txt >&2
        """)
    }

    @Test(arguments: [
        ("budget", "total", "1e19", "budget.total must be at most 1e15 (docs/LIMITS.md), found 1e+19"),
        ("demand", "backend", "1e19", "demand.backend must be at most 1e6 (docs/LIMITS.md), found 1e+19"),
        ("horizon", "months", "1e308", "horizon.months must be at most 1200 (docs/LIMITS.md), found 1e+308"),
        ("rules", "growth", "1e308", "rules.growth must be at most 1000 (docs/LIMITS.md), found 1e+308"),
        ("horizon", "hours_per_month", "745", "horizon.hours_per_month must be at most 744 (docs/LIMITS.md), found 745"),
        ("rules", "max_rate", "1e300", "rules.max_rate must be at most 1e15 (docs/LIMITS.md), found 1e+300"),
    ])
    func aValueBeyondItsMagnitudeIsALocatedDataError(_ table: String, _ key: String, _ value: String, _ message: String) throws {
        for command in ["optimize", "shortlist"] {
            let r = try Self.run(table, key, value, command: command)
            #expect(r.stdout == "status 65\n", "\(command): \(r.stderr)")
            #expect(r.stderr.contains("s.toml:"), "\(r.stderr)")
            #expect(r.stderr.contains(message), "\(r.stderr)")
        }
    }

    @Test func aBudgetAtTheLimitRuns() throws {
        let r = try Self.run("budget", "total", "1e15")
        #expect(r.stdout == "status 0\n", "\(r.stderr)")
    }

    @Test func alternativesBeyondTheLimitIsAUsageError() throws {
        let r = try Shell.check("\"$PM\" optimize \"$V\" --scenario \"$S\" --alternatives 9223372036854775807 > /dev/null; echo \"status $?\"")
        #expect(r.stdout == "status 64\n")
        #expect(r.stderr.contains("--alternatives must be between 1 and"))
    }
}

/// Input files are read with bounded reads, not mapped: a file truncated while it is read ends the read
/// early (a clean result or a located error), never SIGBUS; a model file that is a link to `/dev/zero`
/// is refused at the model-file limit (issue 17, "Crashes").
@Suite struct TruncatedInputTests {
    @Test func aVendorFileTruncatedWhileReadIsNoCrash() throws {
        // Five tries at increasing delays; the mapped reader died with SIGBUS (exit 135) in each.
        let r = try Shell.check("""
        "$PM" generate --vendors 30000 --seed 1 --out pool.csv
        for i in 1 2 3 4 5; do
          cp pool.csv f.csv
          "$PM" validate f.csv > /dev/null 2>&1 & pid=$!
          sleep "0.0$i"; truncate -s 1000 f.csv; wait $pid; status=$?
          [ $status -ge 128 ] && echo "signal $status"
        done
        echo done
        """)
        #expect(r.stdout == "done\n", "\(r.stderr)")
    }

    @Test func solveOnALinkToDevZeroStopsAtTheModelFileLimit() throws {
        let r = try Shell.check("""
        ln -s /dev/zero zero.lp
        timeout 60 "$PM" solve zero.lp > /dev/null; echo "status $?"
        """)
        #expect(r.stdout == "status 66\n", "\(r.stderr)")
        #expect(r.stderr.contains("zero.lp: cannot read the model: expected a model file of at most 256 MiB, found more"))
    }

    @Test func anUnreadableScenarioSaysWhy() throws {
        let r = try Shell.check("""
        ln -s loop.toml loop.toml
        "$PM" optimize "$V" --scenario loop.toml > /dev/null; echo "status $?"
        """)
        #expect(r.stdout == "status 66\n")
        #expect(r.stderr.contains("cannot read 'loop.toml': Too many levels of symbolic links"), "\(r.stderr)")
    }

    @Test(.enabled(if: Shell.isRoot, "needs root to run the command as another user (nobody)"))
    func aScenarioWithoutReadPermissionSaysPermissionDenied() throws {
        let r = try Shell.check("""
        chmod 755 .; chmod 644 "$V"; chmod 600 "$S"
        setpriv --reuid=65534 --regid=65534 --clear-groups "$PM" optimize "$V" --scenario "$S" > /dev/null; echo "status $?"
        """)
        #expect(r.stdout == "status 66\n")
        #expect(r.stderr.contains("cannot read 'scenario.toml': Permission denied"), "\(r.stderr)")
    }
}

/// Messages that said the wrong thing (issue 17, "Misleading messages").
@Suite struct MisleadingMessageTests {
    @Test func anLPWithEmptyBoundsIsInfeasibleNotASolverFailure() throws {
        let r = try Shell.check("""
        printf 'Minimize\\n obj: x\\nSubject To\\n c1: x >= 0\\nBounds\\n 0 <= x <= -1\\nEnd\\n' > empty.lp
        "$PM" solve empty.lp; echo "status $?"
        """)
        #expect(r.stdout == "status 2\n", "\(r.stderr)")
        #expect(r.stderr.contains("empty.lp: infeasible: variable 'x' has lower bound 0.0 above upper bound -1.0"))
    }

    @Test func aScenarioWithThousandsOfErrorsPrintsOneHundred() throws {
        let r = try Shell.check("""
        printf '[client]\\ntimezone = "Europe/Berlin"\\n[demand]\\ntotal = 5\\n[horizon]\\nmonths = 12\\n[budget]\\ntotal = 1000\\n[certification_points]\\n' > many.toml
        i=0; while [ $i -lt 3000 ]; do echo "c$i = -1"; i=$((i + 1)); done >> many.toml
        "$PM" optimize "$V" --scenario many.toml > /dev/null 2> err.txt; echo "status $?"
        grep -c 'many.toml:' err.txt; tail -n 1 err.txt
        """)
        #expect(r.stdout == "status 65\n100\n(more scenario errors not shown)\n", "\(r.stderr)")
    }
}
