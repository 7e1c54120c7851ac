#!/usr/bin/env bash
# Optional tools for the benchmarks (never needed by the main package or its CI):
# - package-benchmark's malloc statistics: on Swift 6.3 and later they come from the malloc-interposer
#   package and nothing is installed; Swift 6.1/6.2 need jemalloc (libjemalloc-dev).
# - the HiGHS comparison (Benchmarks/highs): the Python package highspy.
set -euo pipefail
version="$(swift --version 2>&1 | sed -n 's/.*Swift version \([0-9]*\)\.\([0-9]*\).*/\1 \2/p' | head -1)"
read -r major minor <<< "${version:-0 0}"
if [ "$major" -lt 6 ] || { [ "$major" -eq 6 ] && [ "$minor" -lt 3 ]; }; then
    echo "Swift $major.$minor: installing jemalloc for package-benchmark's malloc statistics"
    apt-get update -qq && apt-get install -y -qq libjemalloc-dev
else
    echo "Swift $major.$minor: package-benchmark uses its malloc interposer; nothing to install"
fi
if [ "${1:-}" != "--no-highs" ]; then
    python3 -m pip install --quiet 'highspy>=1.15' && python3 -c 'import highspy; print("highspy", highspy.Highs().version())'
fi
