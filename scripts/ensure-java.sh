#!/usr/bin/env bash
# The HTML checker in the tests (vnu.jar from the vnu-jar package) runs on Debian's Java runtime;
# the package's own fallback would download one, which the tests never let it do.
# Installs it when missing and we may (root, or sudo without a password); otherwise says how.
set -euo pipefail
JAVA="${JAVA_PATH:-java}"
if command -v "$JAVA" >/dev/null 2>&1; then exit 0; fi
sudo=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo="none"; fi
fi
if [ "$sudo" != "none" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's Java runtime for the HTML checker (apt-get install default-jre-headless)..." >&2
  $sudo apt-get update -qq >/dev/null
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
  exit 0
fi
echo "Java is missing: install it with 'sudo apt-get install -y default-jre-headless' (or set JAVA_PATH)." >&2
exit 1
