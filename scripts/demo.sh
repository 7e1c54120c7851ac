#!/usr/bin/env bash
# Sets up a fresh machine (see setup.sh), builds partner-match in release mode and runs the main
# job on the bundled datasets: the ranked shortlist and the optimal team.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product partner-match
bin="$(swift build -c release --show-bin-path)/partner-match"
"$bin" optimize datasets/vendors.csv --scenario datasets/scenario.toml "$@"
