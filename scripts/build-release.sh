#!/usr/bin/env bash
# Builds partner-match in release mode as it is run and measured (BENCHMARKS.md), and prints the
# binary's path. The Swift standard library and Foundation are linked in (`--static-swift-stdlib`):
# the binary runs where no Swift toolchain is installed, and starts in about 12 ms instead of 19 (on
# a million-vendor `validate`, 0.95× the time of a dynamically linked build). Needs libcurl's and
# libxml2's development files (Swift's own Linux prerequisites), which scripts/setup.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --product partner-match >&2
echo "$(swift build -c release --static-swift-stdlib --show-bin-path)/partner-match"
