#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ and runs each for a fixed time (default 600 s each).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     e.g. scripts/fuzz.sh 60 FuzzScenario
#
# Each target starts from its seed corpus (Fuzz/corpus/<name>, read-only) and adds what it finds to
# Fuzz/.build/corpus/<name>; crashes, hangs (-timeout=5; 15 for FuzzCommandLine) and out-of-memory inputs (-rss_limit_mb=2048)
# are saved under Fuzz/artifacts/<target>/.
# FuzzReplayBundle feeds run bundles to what `replay` reads; FuzzCommandLine runs the built
# binary (PM_BINARY) with fuzzed arguments and flags any signal or undocumented exit code. Exit status 1 when any target found one.
# Not part of CI: the regression tests for fixed findings are (Tests/PartnerMatchTests/Limits/FuzzRegressionTests.swift).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-600}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(FuzzVendorCSV FuzzVendorFormats FuzzScenario FuzzReplayBundle FuzzCommandLine); fi

swift build --package-path Fuzz -c release \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
# FuzzCommandLine runs the command itself, built as users get it.
case " ${targets[*]} " in *" FuzzCommandLine "*) swift build -c release --product partner-match ;; esac
export PM_BINARY="$PWD/.build/release/partner-match" PM_DATASETS="$PWD/datasets"

status=0
for target in "${targets[@]}"; do
    timeout=5
    case "$target" in
        FuzzVendorCSV) seeds=Fuzz/corpus/vendors; max_len=65536; leaks=1 ;;
        # The first byte picks the read options (encoding, delimiter, decimal comma, sheet, mappings).
        FuzzVendorFormats) seeds=Fuzz/corpus/formats; max_len=65536; leaks=1 ;;
        # TOMLKit 0.6.0's C shim leaks a few bytes per table key and number it hands to Swift
        # (tableGetKeys, nodeAsInt, … malloc without free): not ours to fix, so leaks are not crashes here.
        FuzzScenario) seeds=Fuzz/corpus/scenario; max_len=16384; leaks=0 ;;
        # A bundle's five files joined by NUL bytes (see the target); the same TOMLKit leaks apply.
        FuzzReplayBundle) seeds=Fuzz/corpus/bundle; max_len=65536; leaks=0 ;;
        # Arguments one a line; each input is one run of the binary (slow: about a hundred a second).
        FuzzCommandLine) seeds=Fuzz/corpus/commandline; max_len=512; leaks=0; timeout=15 ;;
        *) echo "unknown target $target" >&2; exit 64 ;;
    esac
    work="Fuzz/.build/corpus/${seeds##*/}"
    artifacts="Fuzz/artifacts/$target/"
    log="Fuzz/.build/$target.log"
    mkdir -p "$work" "$artifacts"
    echo "== $target: ${seconds}s from $seeds (log: $log)"
    set +e
    ASAN_OPTIONS="detect_leaks=$leaks" LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan-suppressions.txt" SWIFT_BACKTRACE=enable=no "Fuzz/.build/release/$target" "$work" "$seeds" \
        -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=2048 -max_len="$max_len" -detect_leaks="$leaks" \
        -print_final_stats=1 -artifact_prefix="$artifacts" >"$log" 2>&1
    code=$?
    set -e
    # Summary: the last status line (executions, coverage, features, corpus) and the final stats.
    grep -E '^#[0-9]+' "$log" | tail -1 || true
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" || true
    found=$(find "$artifacts" -type f | wc -l)
    echo "$target: exit $code, artifacts (crashes/hangs/ooms): $found"
    if [ "$code" -ne 0 ] || [ "$found" -ne 0 ]; then status=1; fi
done
exit $status
