#!/usr/bin/env bash
# The benchmark drives load with wrk (Debian's package). Installs it when it is missing.
# Used by bench/run.py.
set -euo pipefail
if command -v wrk >/dev/null; then
  exit 0
fi
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
echo "Installing wrk from Debian's packages for the benchmark..."
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
command -v wrk >/dev/null || { echo "wrk is not on PATH after installing it" >&2; exit 1; }
