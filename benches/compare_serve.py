#!/usr/bin/env python3
"""Save-to-new-page latency of `malbild serve` against `hugo server`.

Both servers get the same content folder (our content model is plain Markdown
with YAML front matter in `_index.md` sections, which Hugo reads as it is) and
the same edit: a sentence appended to one page, N times. After each save the
page is fetched over HTTP every millisecond until the new sentence is in it;
the time from the write to that response is what a communicator waits for.
This measures both tools the same way, whatever their reload mechanism.

Hugo is given a minimal layout (title, breadcrumbs, the section's pages, the
table of contents and the text), so it does less template work per page than
malbild's theme does. Hugo runs as `hugo server` starts by default (pages in
memory, "fast render": only pages a browser has asked for are rendered again
after a change) and, with --disableFastRender, rendering every page again.

Usage: compare_serve.py [--root DIR | --pages N] [--edits N] [--binary PATH]
  --root DIR   a site in our content model (default: generate --pages pages)
  --pages N    generate N pages with ../shared/bench/gen_corpus.py (default 10000)

Installs Hugo with apt-get when it is missing (Debian's package).
"""

import argparse
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)

LAYOUT = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>{{ .Title }} – {{ .Site.Title }}</title></head>
<body>
<nav aria-label="Brödsmulor"><ol>{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol></nav>
<main><h1>{{ .Title }}</h1>
{{ with .Params.description }}<p>{{ . }}</p>{{ end }}
{{ .TableOfContents }}
{{ .Content }}
{{ if .IsNode }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
</main>
<nav aria-label="Delar">{{ with .Parent }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}</nav>
</body></html>
"""

CONFIG = """baseURL: "http://127.0.0.1/"
languageCode: sv
title: Jämförelse
contentDir: {content}
disableKinds: [taxonomy, term, RSS, sitemap, robotsTXT]
markup:
  goldmark:
    renderer:
      unsafe: false
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_hugo():
    if shutil.which("hugo"):
        return
    print("installing Hugo (apt-get install hugo) ...", file=sys.stderr)
    subprocess.run(["apt-get", "install", "-y", "-qq", "hugo"], check=True, stdout=subprocess.DEVNULL)


def start(cmd, ready, cwd=None):
    """Starts a server; returns (process, lines, matched line) once `ready` matches."""
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    found = threading.Event()
    match = [None]

    def read():
        for line in proc.stdout:
            lines.append(line.rstrip())
            if not found.is_set() and re.search(ready, line):
                match[0] = line.rstrip()
                found.set()

    threading.Thread(target=read, daemon=True).start()
    start_time = time.perf_counter()
    if not found.wait(900):
        proc.kill()
        sys.exit(f"{cmd[0]} did not start:\n" + "\n".join(lines[-30:]))
    return proc, lines, time.perf_counter() - start_time


def measure(port, url, page, original, edits):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def get():
        conn.request("GET", url)
        r = conn.getresponse()
        body = r.read().decode("utf-8", "replace")
        return r.status, body

    status, body = get()
    if status != 200:
        sys.exit(f"GET {url} gave {status}")
    latencies = []
    try:
        for i in range(edits):
            time.sleep(0.4)
            marker = f"Jämförelsemätning nummer {i}"
            start_time = time.perf_counter()
            with open(page, "a", encoding="utf-8") as fh:
                fh.write(f"\n{marker}.\n")
            while True:
                _, body = get()
                if marker in body:
                    break
                if time.perf_counter() - start_time > 120:
                    sys.exit(f"the edit never reached {url}")
                time.sleep(0.001)
            latencies.append((time.perf_counter() - start_time) * 1000)
    finally:
        with open(page, "w", encoding="utf-8") as fh:
            fh.write(original)
    latencies.sort()
    return latencies


def report(name, first, latencies):
    print(
        f"| {name} | {first:.1f} s | {statistics.median(latencies):.0f} ms | "
        f"{latencies[int(len(latencies) * 0.9) - 1]:.0f} ms | {latencies[-1]:.0f} ms |"
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root")
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--edits", type=int, default=20)
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(TOP, "target")
    ap.add_argument("--binary", default=os.path.join(target, "release", "malbild"))
    a = ap.parse_args()
    ensure_hugo()
    work = tempfile.mkdtemp(prefix="malbild-compare-")
    root = a.root
    if not root:
        gen = os.path.join(TOP, "..", "shared", "bench", "gen_corpus.py")
        subprocess.run([sys.executable, gen, str(a.pages), work], check=True, stdout=subprocess.DEVNULL)
        root = work
    content = os.path.abspath(os.path.join(root, "content"))
    pages = sorted(
        os.path.join(d, f)
        for d, _, fs in os.walk(content)
        for f in fs
        if f.endswith(".md") and f != "_index.md"
    )
    page = pages[len(pages) // 2]
    rel = os.path.relpath(page, content)[: -len(".md")]
    url = "/" + rel.replace(os.sep, "/") + "/"
    original = open(page, encoding="utf-8").read()
    version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip()
    print(f"site: {root} ({len(pages)} parts); edited {url}, {a.edits} times; {version}")
    print()
    print("| server | first build until serving | save → new page served (median) | p90 | max |")
    print("|---|---|---|---|---|")

    port = free_port()
    proc, lines, first = start(
        [a.binary, "serve", "--port", str(port), "--root", root, "--output", os.path.join(work, "output")],
        r"webbplatsen visas på",
    )
    try:
        report("malbild serve", first, measure(port, url, page, original, a.edits))
    finally:
        proc.kill()

    hugo = os.path.join(work, "hugo")
    os.makedirs(os.path.join(hugo, "layouts", "_default"), exist_ok=True)
    with open(os.path.join(hugo, "hugo.yaml"), "w", encoding="utf-8") as fh:
        fh.write(CONFIG.format(content=content))
    for name in ["single.html", "list.html"]:
        with open(os.path.join(hugo, "layouts", "_default", name), "w", encoding="utf-8") as fh:
            fh.write(LAYOUT)
    for extra, name in [([], "hugo server"), (["--disableFastRender"], "hugo server --disableFastRender")]:
        port = free_port()
        proc, lines, first = start(
            ["hugo", "server", "--port", str(port), "--bind", "127.0.0.1", *extra],
            r"Web Server is available",
            cwd=hugo,
        )
        try:
            report(name, first, measure(port, url, page, original, a.edits))
        finally:
            proc.kill()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
