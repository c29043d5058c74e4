#!/usr/bin/env python3
"""Time and memory of `malbild build` over the hostile inputs of issue 12, at
sizes n, 2n, 4n and 8n: linear work doubles with each step, quadratic work
quadruples. Not a test (nothing is asserted); it prints a table.

Each input is one page of a copy of tests/testsuite/fixtures/kinds:
  yaml-list   title: [[[…x…]]]   n levels deep           (n = 12,500)
  yaml-map    title: {a: {a: …}} n levels deep           (n = 6,250)
  fragments   n links to missing #fragments on one line  (n = 2,500)
  raw-html    <div then n times `<a ` and no `>`         (n = 32,000)
  headings    n headings with nothing under them         (n = 40,000)

Time and maximum resident memory come from /usr/bin/time -v. A run that takes
longer than --timeout seconds is stopped and shown as such.

Usage: benches/hostile_growth.py [--binary PATH] [--timeout S] [--only NAME]
  --binary PATH  the malbild to measure (default: target/release/malbild,
                 or $CARGO_TARGET_DIR/release/malbild; build it with
                 `cargo build --release`)
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(ROOT, "tests", "testsuite", "fixtures", "kinds")
PAGE = os.path.join("content", "region-a", "plan-2030", "bilaga.md")


def yaml_list(n):
    return "---\ntitle: " + "[" * n + "x" + "]" * n + "\n---\n"


def yaml_map(n):
    return "---\ntitle: " + "{a: " * n + "x" + "}" * n + "\n---\n"


def fragments(n):
    links = " ".join(f"[l](#s{i})" for i in range(n))
    return f"---\ntitle: Bilaga\n---\n\n## Ordlista\n\n{links}\n"


def raw_html(n):
    return "---\ntitle: Bilaga\n---\n\n<div " + "<a " * n + "\n"


def headings(n):
    return "---\ntitle: Bilaga\n---\n\n" + "".join(f"## Rubrik {i}\n\n" for i in range(n))


INPUTS = [
    ("yaml-list", yaml_list, 12_500),
    ("yaml-map", yaml_map, 6_250),
    ("fragments", fragments, 2_500),
    ("raw-html", raw_html, 32_000),
    ("headings", headings, 40_000),
]


def measure(binary, site, timeout):
    """(seconds, max RSS in MB, exit status, bytes of stderr) of one build."""
    out = os.path.join(site, "output")
    shutil.rmtree(out, ignore_errors=True)
    cmd = ["/usr/bin/time", "-v", binary, "build", "--quiet", "--root", site]
    start = time.monotonic()
    try:
        run = subprocess.run(cmd, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    seconds = time.monotonic() - start
    err = run.stderr.decode("utf-8", "replace")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    status = re.search(r"Exit status: (\d+)", err)
    said = err.split("\tCommand being timed:")[0]
    return (
        seconds,
        int(rss.group(1)) / 1024 if rss else float("nan"),
        int(status.group(1)) if status else run.returncode,
        len(said.encode()),
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    parser.add_argument("--binary", default=os.path.join(target, "release", "malbild"))
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--only", help="one input by name")
    args = parser.parse_args()
    if not os.path.isfile(args.binary):
        sys.exit(f"{args.binary} does not exist: run `cargo build --release` first, or give --binary")
    print(f"{'input':<10} {'size':>8} {'bytes':>9} {'seconds':>8} {'max RSS MB':>11} {'exit':>5} {'stderr B':>9}")
    for name, make, n in INPUTS:
        if args.only and name != args.only:
            continue
        for factor in (1, 2, 4, 8):
            size = n * factor
            with tempfile.TemporaryDirectory(prefix="malbild-growth-") as tmp:
                site = os.path.join(tmp, "site")
                shutil.copytree(FIXTURE, site)
                text = make(size)
                with open(os.path.join(site, PAGE), "w", encoding="utf-8") as f:
                    f.write(text)
                result = measure(args.binary, site, args.timeout)
            if result is None:
                print(f"{name:<10} {size:>8} {len(text):>9} {'>' + str(int(args.timeout)):>8} {'-':>11} {'-':>5} {'-':>9}")
            else:
                s, mb, code, said = result
                print(f"{name:<10} {size:>8} {len(text):>9} {s:>8.2f} {mb:>11.0f} {code:>5} {said:>9}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
