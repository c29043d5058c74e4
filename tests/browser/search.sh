#!/usr/bin/env bash
# The site search in a real browser: installs what it needs (setup.sh:
# Debian's chromium and nginx), builds malbild and runs
# tests/browser/search.mjs with the arguments given.
set -euo pipefail
BROWSER_PACKAGES=nginx
source "$(dirname "$0")/setup.sh"
exec node "$here/search.mjs" "$@"
