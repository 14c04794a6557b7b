#!/usr/bin/env bash
# The template lint (test/infra/cfn-lint.test.ts) runs cfn-lint, AWS's CloudFormation linter. It is a
# Python tool from PyPI; Debian has no package of it, so it is installed with Debian's pipx, pinned.
# Installs it when missing and we may (root, or sudo without a password); otherwise says how.
set -euo pipefail
CFN_LINT_VERSION=1.51.0
if command -v "${CFN_LINT_PATH:-cfn-lint}" >/dev/null 2>&1; then exit 0; fi
sudo=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo="none"; fi
fi
if ! command -v pipx >/dev/null 2>&1 && [ "$sudo" != "none" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's pipx for cfn-lint (apt-get install pipx)..." >&2
  $sudo apt-get update -qq >/dev/null
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pipx >/dev/null
fi
if command -v pipx >/dev/null 2>&1 && [ "$sudo" != "none" ]; then
  echo "Installing cfn-lint $CFN_LINT_VERSION from PyPI with pipx into /usr/local/bin..." >&2
  $sudo env PIPX_HOME=/opt/pipx PIPX_BIN_DIR=/usr/local/bin pipx install "cfn-lint==$CFN_LINT_VERSION" >/dev/null
  exit 0
fi
echo "cfn-lint is missing: install it with 'pipx install cfn-lint==$CFN_LINT_VERSION' (or set CFN_LINT_PATH)." >&2
exit 1
