#!/usr/bin/env bash
# Installs what the browser audit needs (setup.sh: Debian's chromium, and a
# Java runtime for the Nu validator), builds malbild, and runs
# tests/browser/audit.mjs with the arguments given (see README.md here).
set -euo pipefail
BROWSER_PACKAGES=default-jre-headless
source "$(dirname "$0")/setup.sh"
exec node "$here/audit.mjs" "$@"
