#!/usr/bin/env python3
"""Every kind of edit once under `malbild watch`, on a generated site: how
long each rebuild takes in malbild, and how much it renders and writes.

The site is N parts of benches/corpus/gen_corpus.py (copied to a temporary
folder). `malbild watch` runs with MALBILD_TIMINGS=1; each edit is saved,
then the script waits for the `rebuilt in N ms (R rendered, W written, D
removed)` line, and the edit is undone before the next one (also timed).
Figures are malbild's own (from the watcher's batch to the files written);
the save-to-browser time adds the watcher's 15 ms quiet window and the
browser's reload (tests/browser/livereload.sh measures that).

Usage: benches/edit_kinds.py [--pages 10000] [--binary PATH] [--pause S] [--laps]
"""

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
TITLE = re.compile(r'(?m)^title: "?(.*?)"?$')


def retitle(text):
    """The front matter's title with ` (ny)` added."""
    return TITLE.sub(lambda m: f'title: "{m.group(1)} (ny)"', text, count=1)


LINE = re.compile(r"rebuilt in (\d+) ms \((\d+) rendered, (\d+) written, (\d+) removed\)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--binary")
    ap.add_argument("--pause", type=float, default=1.5)
    ap.add_argument("--laps", action="store_true",
                    help="also print MALBILD_TIMINGS' steps of each rebuild (to standard error)")
    args = ap.parse_args()
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(TOP, "target"))
    malbild = os.path.abspath(args.binary or os.path.join(target, "release", "malbild"))
    work = tempfile.mkdtemp(prefix="malbild-edits-")
    subprocess.run([sys.executable, os.path.join(HERE, "corpus", "gen_corpus.py"),
                    str(args.pages), work], check=True, stdout=subprocess.DEVNULL)
    content = os.path.join(work, "content")
    region = sorted(d for d in glob.glob(os.path.join(content, "region-*")))[0]
    publication = sorted(glob.glob(os.path.join(region, "*", "_index.md")))[0]
    folder = os.path.dirname(publication)
    parts = sorted(p for p in glob.glob(os.path.join(folder, "*.md")) if not p.endswith("_index.md"))
    part = parts[0]
    with open(os.path.join(folder, "bild.svg"), "w") as f:
        f.write('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')

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
                for line in lines[since:]:
                    m = pattern.search(line)
                    if m:
                        return m
                cond.wait(1)
        sys.exit(f"no line matching {pattern.pattern}; got:\n{''.join(lines[-20:])}")

    wait(re.compile(r"built .*pages|watching"), 0)
    time.sleep(args.pause)

    def read_file(p):
        with open(p, encoding="utf-8") as f:
            return f.read()

    def write_file(p, text):
        with open(p, "w", encoding="utf-8") as f:
            f.write(text)

    def edit(what, do, undo):
        for label, step in ((what, do), (what + ", undone", undo)):
            since = len(lines)
            step()
            m = wait(LINE, since)
            print(f"| {label} | {m.group(1)} | {m.group(2)} / {m.group(3)} / {m.group(4)} |", flush=True)
            if args.laps:
                sys.stderr.write("".join(lines[since:]))
            time.sleep(args.pause)

    text = read_file(part)
    pub_text = read_file(publication)
    region_index = os.path.join(region, "_index.md")
    region_text = read_file(region_index)
    new = os.path.join(folder, "ny-del.md")
    last_text = read_file(parts[-1])
    print("| edit | malbild ms | rendered / written / removed |")
    print("|---|---:|---|")
    edit("body text of a part", lambda: write_file(part, text + "\nEn ny mening i texten.\n"),
         lambda: write_file(part, text))
    edit("a heading added to a part", lambda: write_file(part, text + "\n## En ny rubrik\n\nText.\n"),
         lambda: write_file(part, text))
    edit("a part's title", lambda: write_file(part, retitle(text)),
         lambda: write_file(part, text))
    edit("an image touched", lambda: os.utime(os.path.join(folder, "bild.svg")),
         lambda: os.utime(os.path.join(folder, "bild.svg")))
    edit("a new part", lambda: write_file(new, "---\ntitle: Ny del\nweight: 99\n---\n\nText.\n"),
         lambda: os.remove(new))
    edit("a publication's title",
         lambda: write_file(publication, retitle(pub_text)),
         lambda: write_file(publication, pub_text))
    edit("a region's title",
         lambda: write_file(region_index, retitle(region_text)),
         lambda: write_file(region_index, region_text))
    proc.terminate()
    proc.wait()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
