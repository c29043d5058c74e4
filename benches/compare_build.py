#!/usr/bin/env python3
"""Full builds of malbild against Zola and Hugo on one corpus, paired, and
malbild's build over its own output with nothing changed.

For each size N the standard corpus (benches/corpus/gen_corpus.py, a copy of
../shared/bench/gen_corpus.py) is laid out for the three tools by
benches/corpus/prepare.sh (Zola and Hugo get the templates in
benches/corpus/peers/, which render the same pages). Then, RUNS times, each
tool builds from nothing in turn (malbild, zola, hugo, malbild, ...): the
outputs of the round before are removed first, outside the timing, and the
script syncs and waits --settle seconds (default 61) before the round: an
ext4 without a journal (this VM's) does not reuse, for 60 seconds after it
is written back (300 while it is not), the inodes of files just deleted, and
every new file then costs a scan past thousands of them (`recently_deleted`
in the kernel: at 10,000 pages, 45 % of a build's samples in perf and the
kernel time of a build 5.5 s instead of under 2), whichever tool builds. Wall
and CPU time and peak RSS come from GNU time. Ratios are taken pair by pair (the machine is
shared: compare only within one run). Last, malbild builds again over its
own output with nothing changed: the table gives its time and how many
files got a new inode or modification time (the goal is none).

Then the search index of malbild's output: its size, its files, its
largest file, and the bytes one query loads in the browser (`kommunerna`:
the page's script, the index file, the shard of its stem and the card files
of the first 10 results, as the theme's js/search.js does).

Nothing is asserted about speed. With --smoke (CI), it runs malbild alone on
a small corpus and fails when the build with nothing changed writes a file.

Usage: benches/compare_build.py [--sizes 1000,10000] [--runs 3]
           [--tools malbild,zola,hugo] [--binary PATH] [--work DIR] [--settle S] [--smoke]
  ZOLA=path names Zola 0.22.1 (default ../shared/peers/zola); Hugo is
  Debian's (installed with apt-get when missing), as is GNU time.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
CORPUS = os.path.join(HERE, "corpus")


def need(program, package):
    if shutil.which(program) is None:
        print(f"installing {package} (apt-get)", file=sys.stderr)
        subprocess.run(["apt-get", "install", "-y", package], check=True,
                       stdout=subprocess.DEVNULL)


def binary(args):
    if args.binary:
        return os.path.abspath(args.binary)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(TOP, "target"))
    path = os.path.join(target, "release", "malbild")
    if not os.path.exists(path):
        sys.exit(f"{path} is missing: run `cargo build --release` first")
    return path


def command(tool, site, out, malbild):
    if tool == "malbild":
        return [malbild, "build", "--quiet", "--root", site, "--output", out]
    if tool == "zola":
        zola = os.environ.get("ZOLA", os.path.join(TOP, "..", "shared", "peers", "zola"))
        return [zola, "--root", site, "build", "--output-dir", out, "--force"]
    return ["hugo", "--source", site, "--destination", out, "--quiet"]


def timed(cmd):
    """(wall s, cpu s, peak RSS MiB) of one run of cmd."""
    with tempfile.NamedTemporaryFile("r") as log:
        run = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", log.name] + cmd,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if run.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed ({run.returncode}):\n{run.stderr[-2000:]}")
        wall, user, sys_, rss = map(float, log.read().split()[-4:])
    return wall, user + sys_, rss / 1024


def identities(folder):
    out = {}
    for d, _, files in os.walk(folder):
        for f in files:
            p = os.path.join(d, f)
            st = os.lstat(p)
            out[os.path.relpath(p, folder)] = (st.st_ino, st.st_mtime_ns)
    return out


def search_figures(out, stem="kommun", shown=10):
    """(index bytes, index files, largest file, bytes of one query) of the
    search index in output folder `out`, for the query whose stem is
    `stem`, or None when the output has no index."""
    folder = os.path.join(out, "search")
    if not os.path.isdir(folder):
        return None
    sizes = {f: os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder)}
    with open(os.path.join(folder, "index.js"), encoding="utf-8") as f:
        meta = json.loads(f.read()[len("malbildSearch.meta("):-len(");\n")])
    key = stem[:2]
    shard = "t-" + "".join(c if c.isascii() and c.isalnum() else f"_{ord(c):x}" for c in key) + ".js"
    with open(os.path.join(folder, shard), encoding="utf-8") as f:
        text = f.read()
    stems = json.loads(text[text.index(",") + 1:-len(");\n")])
    last, more = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", "abcdefghijklmnopqrstuvwxyz6789+/"
    postings, k = [], 0
    for c in stems.get(stem, ""):
        if c in last:
            postings.append(k * 32 + last.index(c))
            k = 0
        else:
            k = k * 32 + more.index(c)
    docs, doc = {}, 0
    for i in range(0, len(postings), 2):
        doc += postings[i]
        docs[doc] = postings[i + 1]
    top = sorted(docs, key=lambda d: (-docs[d], d))[:shown]
    cards = {f"p-{d // meta['chunk']}.js" for d in top}
    script = os.path.getsize(os.path.join(out, "js", "search.js"))
    query = script + sizes["index.js"] + sizes[shard] + sum(sizes[c] for c in cards)
    return sum(sizes.values()), len(sizes), max(sizes.values()), query, len(docs)


def spread(xs, k=2):
    return f"{statistics.median(xs):.{k}f} ({min(xs):.{k}f}–{max(xs):.{k}f})"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--tools", default="malbild,zola,hugo")
    ap.add_argument("--binary")
    ap.add_argument("--work")
    ap.add_argument("--settle", type=float, default=61.0,
                    help="seconds to wait after removing the outputs before the next round")
    ap.add_argument("--smoke", action="store_true")
    args = ap.parse_args()
    if args.smoke:
        args.sizes, args.runs, args.tools, args.settle = "300", 1, "malbild", 0
    tools = args.tools.split(",")
    need("/usr/bin/time", "time")
    if "hugo" in tools:
        need("hugo", "hugo")
    malbild = binary(args)
    work = args.work or tempfile.mkdtemp(prefix="malbild-bench-")
    rows, failed = [], False
    print(f"load before: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    for n in map(int, args.sizes.split(",")):
        d = os.path.join(work, str(n))
        subprocess.run(["bash", os.path.join(CORPUS, "prepare.sh"), str(n), d], check=True,
                       stdout=subprocess.DEVNULL)
        pages = sum(f.endswith(".md") for _, _, fs in os.walk(os.path.join(d, "malbild")) for f in fs)
        got = {t: [] for t in tools}
        for i in range(args.runs + 1):
            # The last round's outputs go before this round starts, and the
            # kernel is given time to stop skipping their inodes.
            gone = [os.path.join(d, f"out-{t}") for t in tools]
            if any(os.path.exists(o) for o in gone):
                for o in gone:
                    shutil.rmtree(o, ignore_errors=True)
                os.sync()
                time.sleep(args.settle)
            for t in tools:
                out = os.path.join(d, f"out-{t}")
                m = timed(command(t, os.path.join(d, t), out, malbild))
                if i > 0 or args.runs == 1:  # the first round warms the caches
                    got[t].append(m)
        out = os.path.join(d, "out-malbild")
        before = identities(out)
        again = [timed(command("malbild", os.path.join(d, "malbild"), out, malbild))
                 for _ in range(max(1, args.runs))]
        after = identities(out)
        changed = sum(1 for p, v in after.items() if before.get(p) != v)
        changed += sum(1 for p in before if p not in after)
        failed |= changed > 0
        rows.append((n, pages, got, again, changed, len(after), search_figures(out)))
    print(f"load after: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    print("| N | tool | wall s | cpu s | peak RSS MiB | ms per page | KiB per page | malbild/tool, wall | malbild/tool, RSS |")
    print("|---|---|---|---|---|---|---|---|---|")
    for n, pages, got, again, changed, files, _ in rows:
        mine = got.get("malbild")
        for t in tools:
            walls = [m[0] for m in got[t]]
            ratio = rss_ratio = ""
            if mine and t != "malbild":
                ratio = spread([a[0] / b[0] for a, b in zip(mine, got[t])])
                rss_ratio = spread([a[2] / b[2] for a, b in zip(mine, got[t])])
            print(f"| {n:,} | {t} | {spread(walls)} | {spread([m[1] for m in got[t]])} | "
                  f"{spread([m[2] for m in got[t]], 0)} | "
                  f"{statistics.median(walls) * 1000 / pages:.2f} | "
                  f"{statistics.median([m[2] for m in got[t]]) * 1024 / pages:.0f} | {ratio} | {rss_ratio} |")
        if mine:
            share = [a[0] / statistics.median([m[0] for m in mine]) for a in again]
            print(f"| {n:,} | malbild, nothing changed | {spread([a[0] for a in again])} | "
                  f"{spread([a[1] for a in again])} | {spread([a[2] for a in again], 0)} | | | "
                  f"{spread(share)} of a build from nothing | {changed} of {files} files written |")
    print()
    print("| N | search index | files | largest file | one query (`kommunerna`) loads | pages found |")
    print("|---|---|---|---|---|---|")
    for n, _, _, _, _, _, found in rows:
        if found:
            total, nfiles, largest, query, hits = found
            print(f"| {n:,} | {total / 1e6:.1f} MB | {nfiles:,} | {largest / 1e3:.0f} kB | {query / 1e3:.0f} kB | {hits:,} |")
    if args.smoke and failed:
        sys.exit("a build with nothing changed wrote files")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
