#!/usr/bin/env bash
# Sets up a fresh machine (see setup.sh), runs the whole test suite, then opens the HTML report in
# headless Chromium (scripts/browser-test.sh). Arguments go to `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --build-tests
swift test --skip-build "$@"
scripts/browser-test.sh
