#!/usr/bin/env bash
# Builds the shipped site and the `kinds` fixture (every page kind and Markdown
# feature) and runs the W3C Nu HTML validator over every page: zero errors.
# Installs vnu-jar from npm into tests/browser/node_modules on first use; needs
# Java (installed with apt-get when missing).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
top="$(cd "$here/../.." && pwd)"
cd "$top"

if ! command -v java >/dev/null; then
  apt-get install -y --no-install-recommends default-jre-headless >/dev/null
fi
if [ ! -f "$here/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
  (cd "$here" && npm install --no-audit --no-fund --silent vnu-jar@latest >/dev/null)
fi
jar="$here/node_modules/vnu-jar/build/dist/vnu.jar"

cargo build --release --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
target/release/malbild build --output "$work/site" 2>/dev/null
cp -r tests/testsuite/fixtures/kinds "$work/kinds"
target/release/malbild build --root "$work/kinds" 2>/dev/null

mapfile -t pages < <(find "$work/site" "$work/kinds/output" -name '*.html' | sort)
echo "validating ${#pages[@]} pages with the W3C Nu validator"
if java -jar "$jar" --errors-only --format gnu "${pages[@]}" 2> "$work/vnu.txt"; then
  echo "${#pages[@]} passed, 0 failed"
else
  sed "s|$work/||" "$work/vnu.txt"
  failed=$(cut -d: -f1 "$work/vnu.txt" | sort -u | wc -l)
  echo "$(( ${#pages[@]} - failed )) passed, $failed failed"
  exit 1
fi
