#!/usr/bin/env python3
"""One kind of edit saved N times under `malbild watch` (done, undone, done...)
on a generated site: each rebuild's time and the median, and the median of
each of MALBILD_TIMINGS' steps. benches/edit_kinds.py times each kind once;
this gives a median for one, since a single save on a shared machine swings
1.5-2x.

Usage: benches/save_median.py [--pages 10000]
       [--edit title|body|heading|image|new-part|pub-title|region-title]
       [--n 16] [--binary PATH] [--pause S] [--perf FILE]

new-part writes a new part and removes it in turn (the odd saves are the
removals); image touches a picture in the publication's folder.

--perf FILE records the watcher with `perf record --call-graph dwarf` while
the saves run (from after the first build).
"""

import argparse
import glob
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
TITLE = re.compile(r'(?m)^title: "?(.*?)"?$')
LINE = re.compile(r"rebuilt in (\d+) ms \((\d+) rendered, (\d+) written, (\d+) removed\)")
LAP = re.compile(r"(?m)^\s+(\w[\w ]*): ([\d.]+) ms")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--edit", default="title",
                    choices=["title", "body", "heading", "image", "new-part", "pub-title",
                             "region-title"])
    ap.add_argument("--n", type=int, default=16)
    ap.add_argument("--binary")
    ap.add_argument("--pause", type=float, default=0.5)
    ap.add_argument("--perf")
    args = ap.parse_args()
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(TOP, "target"))
    malbild = os.path.abspath(args.binary or os.path.join(target, "release", "malbild"))
    work = tempfile.mkdtemp(prefix="malbild-saves-")
    subprocess.run([sys.executable, os.path.join(HERE, "corpus", "gen_corpus.py"),
                    str(args.pages), work], check=True, stdout=subprocess.DEVNULL)
    content = os.path.join(work, "content")
    region = sorted(glob.glob(os.path.join(content, "region-*")))[0]
    publication = sorted(glob.glob(os.path.join(region, "*", "_index.md")))[0]
    folder = os.path.dirname(publication)
    parts = sorted(p for p in glob.glob(os.path.join(folder, "*.md")) if not p.endswith("_index.md"))
    path = {"pub-title": publication,
            "region-title": os.path.join(region, "_index.md"),
            "image": os.path.join(folder, "bild.svg"),
            "new-part": os.path.join(folder, "ny-del.md")}.get(args.edit, parts[0])
    if args.edit == "image":
        with open(path, "w") as f:
            f.write('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')
    text = None
    if os.path.exists(path) and args.edit != "image":
        with open(path, encoding="utf-8") as f:
            text = f.read()
    if args.edit == "body":
        edited = text + "\nEn ny mening i texten.\n"
    elif args.edit == "heading":
        edited = text + "\n## En ny rubrik\n\nText.\n"
    elif args.edit == "new-part":
        edited = "---\ntitle: Ny del\nweight: 99\n---\n\nText.\n"
    elif args.edit == "image":
        edited = None
    else:
        edited = TITLE.sub(lambda m: f'title: "{m.group(1)} (ny)"', text, count=1)

    def save(i):
        if args.edit == "image":
            os.utime(path)
        elif args.edit == "new-part" and i % 2 == 1:
            os.remove(path)
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(edited if i % 2 == 0 else text)

    proc = subprocess.Popen([malbild, "watch", "--root", work], stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, text=True,
                            env=dict(os.environ, MALBILD_TIMINGS="1", MALBILD_LANG="en"))
    lines = []
    cond = threading.Condition()

    def read():
        for line in proc.stderr:
            with cond:
                lines.append(line)
                cond.notify_all()
    threading.Thread(target=read, daemon=True).start()

    def wait(pattern, since):
        deadline = time.time() + 120
        with cond:
            while time.time() < deadline:
                for i, line in enumerate(lines[since:]):
                    m = pattern.search(line)
                    if m:
                        return m, since + i
                cond.wait(1)
        sys.exit(f"no line matching {pattern.pattern}; got:\n{''.join(lines[-20:])}")

    wait(re.compile(r"built .*pages|watching"), 0)
    perf = None
    if args.perf:
        perf = subprocess.Popen(["perf", "record", "-F", "1500", "--call-graph", "dwarf,16384",
                                 "-p", str(proc.pid), "-o", args.perf],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(args.pause)
    times = []
    laps = {}
    for i in range(args.n):
        since = len(lines)
        save(i)
        m, at = wait(LINE, since)
        times.append(int(m.group(1)))
        print(f"{i}: {m.group(1)} ms ({m.group(2)} rendered, {m.group(3)} written)", flush=True)
        for name, ms in LAP.findall("".join(lines[since:at + 1])):
            laps.setdefault(name, []).append(float(ms))
        time.sleep(args.pause)
    if perf:
        perf.send_signal(signal.SIGINT)
        perf.wait()
    proc.terminate()
    proc.wait()
    shutil.rmtree(work, ignore_errors=True)
    print(f"{args.edit} at {args.pages} parts, {args.n} saves: median {statistics.median(times)} ms "
          f"(min {min(times)}, max {max(times)})")
    print("steps, median ms: " + " ".join(
        f"{name}={statistics.median(v):.1f}" for name, v in laps.items()))


if __name__ == "__main__":
    main()
