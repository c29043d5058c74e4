#!/usr/bin/env bash
# One output everywhere: installs what it needs (setup.sh: Debian's chromium,
# and nginx), builds malbild and runs tests/browser/crawl.mjs with the
# arguments given.
set -euo pipefail
BROWSER_PACKAGES=nginx
source "$(dirname "$0")/setup.sh"
exec node "$here/crawl.mjs" "$@"
