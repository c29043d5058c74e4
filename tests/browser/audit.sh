#!/usr/bin/env bash
# Installs what the browser audit needs, builds malbild, and runs
# tests/browser/audit.mjs with the arguments given (see README.md here).
# Installs Debian's chromium and a Java runtime (for the Nu validator) with
# apt-get when they are missing, and the npm packages of package-lock.json
# into tests/browser/node_modules. It never downloads a browser of its own.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
top="$(cd "$here/../.." && pwd)"

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v java >/dev/null || missing+=(default-jre-headless)
if ((${#missing[@]})); then
  echo "installing ${missing[*]} with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci when package-lock.json changed since the last install. Install
# scripts stay off: vnu-jar's would download a Java runtime.
stamp="$here/node_modules/.malbild-lock"
if ! cmp -s "$here/package-lock.json" "$stamp" 2>/dev/null; then
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp "$here/package-lock.json" "$stamp"
fi

(cd "$top" && cargo build --release --quiet)
exec node "$here/audit.mjs" "$@"
