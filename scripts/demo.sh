#!/usr/bin/env bash
# Sets up a fresh machine (see setup.sh), builds partner-match in release mode and runs the main
# job on the bundled datasets: the ranked shortlist and the optimal team.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
bin="$(scripts/build-release.sh)"
"$bin" optimize datasets/vendors.csv --scenario datasets/scenario.toml "$@"
