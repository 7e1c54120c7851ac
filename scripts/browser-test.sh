#!/usr/bin/env bash
# Opens partner-match's HTML report in headless Chromium and checks it as a reader sees it
# (scripts/browser/check.py says what). Fails when Chromium is missing: scripts/setup.sh installs it.
# Usage: scripts/browser-test.sh [--keep DIR]   (DIR keeps the screenshots and the PDF)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  echo "browser-test: chromium is not installed; run scripts/setup.sh" >&2
  exit 1
fi
swift build >/dev/null
binary="$(swift build --show-bin-path)/partner-match"
exec python3 scripts/browser/check.py --binary "$binary" --vendors datasets/vendors.csv --scenario datasets/scenario.toml "$@"
