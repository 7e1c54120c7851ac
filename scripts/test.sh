#!/usr/bin/env bash
# Sets up a fresh machine (see setup.sh), runs the whole test suite, then opens the HTML report in
# headless Chromium (scripts/browser-test.sh) and checks the .xlsx output against the JSON
# (scripts/xlsx-output-check.py). Arguments go to `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --build-tests
swift test --skip-build "$@"
scripts/browser-test.sh
# The workbench (`serve`, docs/SERVE.md) driven in Chromium by Playwright.
python3 scripts/browser/serve_check.py --binary "$(swift build --show-bin-path)/partner-match"
# --format xlsx: every number of the workbooks equal to the JSON (openpyxl).
python3 scripts/xlsx-output-check.py "$(swift build --show-bin-path)/partner-match"
