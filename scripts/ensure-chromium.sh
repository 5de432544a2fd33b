#!/usr/bin/env bash
# Browser tests drive Debian's Chromium with Playwright (Playwright cannot download a
# browser here). Installs it when it is missing. Used by `make test`.
set -euo pipefail
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
echo "Installing Chromium from Debian's packages for the browser tests..."
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
[ -x "$CHROMIUM" ] || { echo "Chromium is not at $CHROMIUM after installing it" >&2; exit 1; }
