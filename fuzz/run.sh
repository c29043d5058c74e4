#!/usr/bin/env bash
# Fuzzes malbild for a bounded time: fuzz/run.sh [SECONDS] [TARGET]
# (default 60 seconds, target `pipeline`).
#
# Targets: `pipeline` (front matter + Markdown + rendering + checks over a
# small site made from the input) and `links` (link targets and URLs: the
# functions of links.rs alone, and the target written in every way Markdown
# carries a link; no written href or src may have a refused scheme).
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# Seeds the corpus with the shipped content and the test fixtures. Crashes
# are written to fuzz/artifacts/TARGET/; reproduce one with
#   cargo +nightly fuzz run TARGET fuzz/artifacts/TARGET/<file>
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
target="${2:-pipeline}"

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz/run.sh needs a nightly Rust toolchain: rustup toolchain install nightly" >&2
  exit 2
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz/run.sh needs cargo-fuzz: cargo install cargo-fuzz" >&2
  exit 2
fi

corpus="corpus/$target"
mkdir -p "$corpus"
if [ "$target" = links ]; then
  # Every link target written in the shipped content and the fixtures, and
  # a few that have broken things before.
  n=0
  grep -rhoE '\]\([^)]*\)' ../content ../tests/testsuite/fixtures --include='*.md' \
    | sed -E 's/^\]\((.*)\)$/\1/' | sort -u | while IFS= read -r dest; do
      n=$((n + 1)); printf '%s' "$dest" > "$corpus/seed-$n"
    done
  for dest in '100%€.md' 'javascript:alert(1)' ' &#106;avascript:x' 'C:\Users\a.png' \
    '../../b/q/z.md#rubrik' 'bilder/karta gävleborg.png' 'mailto:a@b.se' '%C3%A5.md'; do
    printf '%s' "$dest" > "$corpus/seed-$(printf '%s' "$dest" | md5sum | cut -c1-8)"
  done
  echo "fuzzing links for ${seconds}s with $(ls "$corpus" | wc -l) inputs in the corpus"
  exec cargo +nightly fuzz run --sanitizer none links "$corpus" -- \
    -max_total_time="$seconds" -max_len=512 -rss_limit_mb=4096 -timeout=30
fi
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
