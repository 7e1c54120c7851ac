#!/usr/bin/env bash
# Installs what partner-match needs beyond the Swift toolchain, when it is missing: GLPK's headers
# and library (Debian's libglpk-dev), and Chromium (Debian's chromium) for the browser test of the
# HTML report (scripts/browser-test.sh). Safe to run again; quick when both are present.
set -euo pipefail
missing=()
if ! { [ -f /usr/include/glpk.h ] && ldconfig -p 2>/dev/null | grep -q 'libglpk\.so'; }; then
  missing+=(libglpk-dev)
fi
if ! command -v chromium >/dev/null 2>&1; then
  missing+=(chromium)
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "partner-match: installing ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
