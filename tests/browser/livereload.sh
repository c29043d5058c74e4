#!/usr/bin/env bash
# Live reload in a real browser: installs what it needs (setup.sh), builds
# malbild and runs tests/browser/livereload.mjs with the arguments given.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
exec node "$here/livereload.mjs" "$@"
