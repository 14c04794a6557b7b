#!/usr/bin/env bash
# The browser tests drive Debian's Chromium; a test tool's own browser download cannot work here.
# Installs it when missing and we may (root with apt-get); otherwise says how.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests (apt-get install chromium)..." >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "Chromium is missing at $CHROMIUM: install it with 'sudo apt-get install -y chromium' (or set CHROMIUM_PATH)." >&2
exit 1
