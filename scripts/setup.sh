#!/usr/bin/env bash
# Installs what partner-match needs beyond the Swift toolchain, when it is missing:
# GLPK's headers and library (Debian's libglpk-dev). Safe to run again.
set -euo pipefail
if [ -f /usr/include/glpk.h ] && ldconfig -p 2>/dev/null | grep -q 'libglpk\.so'; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "partner-match: installing libglpk-dev" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libglpk-dev >/dev/null
