#!/usr/bin/env bash
# Fuzzes malbild's pipeline (front matter + Markdown + rendering + checks)
# for a bounded time: fuzz/run.sh [SECONDS] (default 60).
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# Seeds the corpus with the shipped content and the test fixtures. Crashes
# are written to fuzz/artifacts/pipeline/; reproduce one with
#   cargo +nightly fuzz run pipeline fuzz/artifacts/pipeline/<file>
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz/run.sh needs a nightly Rust toolchain: rustup toolchain install nightly" >&2
  exit 2
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz/run.sh needs cargo-fuzz: cargo install cargo-fuzz" >&2
  exit 2
fi

corpus=corpus/pipeline
mkdir -p "$corpus"
# One seed per content file: an empty site.yaml, FF FE, the place byte, the file.
n=0
while IFS= read -r -d '' file; do
  n=$((n + 1))
  { printf '\xff\xfe'; printf "\\$(printf '%03o' $((n % 11)))"; cat "$file"; } > "$corpus/seed-$n"
done < <(find ../content ../tests/testsuite/fixtures -name '*.md' -print0 | sort -z)
# A whole small site in one seed.
{
  cat ../content/site.yaml
  printf '\xff\xfe\x00'; cat ../content/_index.md
  printf '\xff\xfe\x01'; cat ../content/kalmar/_index.md
  printf '\xff\xfe\x02'; cat ../content/kalmar/nara-vard-2023/_index.md
  printf '\xff\xfe\x03'; cat ../content/kalmar/nara-vard-2023/malbild.md
  printf '\xff\xfe\x04'; cat ../content/kalmar/nara-vard-2023/bakgrund.md
} > "$corpus/seed-site"

echo "fuzzing for ${seconds}s with $(ls "$corpus" | wc -l) inputs in the corpus"
# Rust's own memory safety covers what AddressSanitizer would find here (no
# unsafe code in malbild), and without it the target runs several times faster.
cargo +nightly fuzz run --sanitizer none pipeline "$corpus" -- \
  -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096 -timeout=30
