#!/usr/bin/env bash
# Installs what partner-match needs beyond the Swift toolchain, when it is missing: GLPK's headers
# and library (Debian's libglpk-dev), libcurl's and libxml2's headers for the static release build, and Chromium (Debian's chromium) for the browser test of the
# HTML report (scripts/browser-test.sh), Playwright for the workbench's browser test, and openpyxl for the .xlsx output check. Safe to run again;
# quick when all are present.
set -euo pipefail
missing=()
if ! { [ -f /usr/include/glpk.h ] && ldconfig -p 2>/dev/null | grep -q 'libglpk\.so'; }; then
  missing+=(libglpk-dev)
fi
if ! command -v chromium >/dev/null 2>&1; then
  missing+=(chromium)
fi
# libcurl's and libxml2's development files: the release build links Foundation in statically
# (scripts/build-release.sh), which needs them (Swift's Linux prerequisites; not every image has them).
if ! { [ -f /usr/include/x86_64-linux-gnu/curl/curl.h ] || [ -f /usr/include/aarch64-linux-gnu/curl/curl.h ] || [ -f /usr/include/curl/curl.h ]; }; then
  missing+=(libcurl4-openssl-dev)
fi
if [ ! -f /usr/include/libxml2/libxml/parser.h ]; then
  missing+=(libxml2-dev)
fi
# openpyxl (PyPI) for scripts/xlsx-output-check.py and scripts/make-vendor-format-fixtures.py.
if ! python3 -c "import openpyxl" >/dev/null 2>&1; then
  echo "partner-match: installing openpyxl" >&2
  python3 -m pip install -q openpyxl 2>/dev/null || python3 -m pip install -q --break-system-packages openpyxl
fi
# Playwright (PyPI) for scripts/browser/serve_check.py; it drives the machine's Chromium (no browser download).
if ! python3 -c "import playwright" >/dev/null 2>&1; then
  echo "partner-match: installing playwright" >&2
  python3 -m pip install -q playwright 2>/dev/null || python3 -m pip install -q --break-system-packages playwright
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "partner-match: installing ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
