#!/usr/bin/env python3
"""Edit-to-reload latency of `malbild serve`.

Starts `malbild serve` on a site, listens to the live-reload event stream as a
browser does, then N times appends a sentence to one page and measures the time
from the write to the `reload` event. Also reads the server's own line for each
rebuild, to show how many pages were rendered (a one-page edit must never
trigger a full rebuild).

Usage: reload_latency.py [--root DIR] [--pages N] [--edits N] [--edit KIND] [--binary PATH]
  --root DIR   an existing site (default: the shipped site, the repository root)
  --pages N    instead: generate N pages with ../shared/bench/gen_corpus.py
  --edit KIND  what each edit does to the page:
                 text     appends a sentence (the default; the usual save)
                 heading  appends a heading and a sentence (the page's ids change,
                          so links to it from every page are checked again)
                 title    changes the title in the front matter (the pages that
                          show it are rendered again)
"""

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=TOP)
    ap.add_argument("--pages", type=int)
    ap.add_argument("--edits", type=int, default=30)
    ap.add_argument("--edit", choices=["text", "heading", "title"], default="text")
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(TOP, "target")
    ap.add_argument("--binary", default=os.path.join(target, "release", "malbild"))
    a = ap.parse_args()

    work = tempfile.mkdtemp(prefix="malbild-bench-")
    root = a.root
    if a.pages:
        gen = os.path.join(TOP, "..", "shared", "bench", "gen_corpus.py")
        subprocess.run([sys.executable, gen, str(a.pages), work], check=True, stdout=subprocess.DEVNULL)
        root = work
    output = os.path.join(work, "output")

    # The page to edit: a part in the middle of the site.
    pages = sorted(
        os.path.join(d, f)
        for d, _, fs in os.walk(os.path.join(root, "content"))
        for f in fs
        if f.endswith(".md") and f != "_index.md"
    )
    page = pages[len(pages) // 2]
    original = open(page, encoding="utf-8").read()

    server = subprocess.Popen(
        [a.binary, "serve", "--port", "0", "--root", root, "--output", output],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
    )
    lines = []
    port_ready = threading.Event()
    port = [None]

    def read_log():
        for line in server.stderr:
            lines.append(line.rstrip())
            m = re.search(r"serving the site at http://127.0.0.1:(\d+)/", line)
            if m:
                port[0] = int(m.group(1))
                port_ready.set()

    threading.Thread(target=read_log, daemon=True).start()
    try:
        if not port_ready.wait(600):
            sys.exit("the server did not start:\n" + "\n".join(lines))
        first = next((l for l in lines if l.startswith("built ")), "")
        sock = socket.create_connection(("127.0.0.1", port[0]))
        sock.settimeout(120)
        sock.sendall(b"GET /__malbild/events HTTP/1.1\r\nHost: x\r\n\r\n")
        buf = b""
        while b"\r\n\r\n" not in buf:
            buf += sock.recv(4096)
        buf = b""
        latencies = []
        for i in range(a.edits):
            time.sleep(0.3)  # let the previous rebuild settle, as between two saves
            start = time.perf_counter()
            if a.edit == "title":
                text = re.sub(
                    r"(?m)^title: ([\"']?)(.*?)\1[ \t]*$",
                    lambda m: f"title: {m.group(1)}{m.group(2)} {i}{m.group(1)}",
                    original,
                    count=1,
                )
                with open(page, "w", encoding="utf-8") as fh:
                    fh.write(text)
            else:
                heading = f"\n## Mätpunkt {i}\n" if a.edit == "heading" else ""
                with open(page, "a", encoding="utf-8") as fh:
                    fh.write(f"{heading}\nMätning nummer {i}.\n")
            while b"event: reload" not in buf:
                try:
                    chunk = sock.recv(4096)
                except socket.timeout:
                    sys.exit("no reload event within 120 s; the server said:\n" + "\n".join(lines[-30:]))
                if not chunk:
                    sys.exit("the event stream closed")
                buf += chunk
            latencies.append((time.perf_counter() - start) * 1000)
            buf = buf[buf.index(b"event: reload") + 13:]
        time.sleep(0.2)
        rebuilt = [l for l in lines if "rebuilt in" in l]
        rendered = [int(m.group(1)) for l in rebuilt if (m := re.search(r"\((\d+) rendered", l))]
        server_ms = [int(m.group(1)) for l in rebuilt if (m := re.search(r"rebuilt in (\d+) ms", l))]
        n_pages = int(re.search(r"built (\d+) pages", first).group(1)) if first else 0
        latencies.sort()
        print(f"site: {root} ({n_pages} pages); {a.edit} edit of {os.path.relpath(page, root)}, {a.edits} times")
        print(f"first build: {first}")
        print(
            "save -> reload event: median {:.1f} ms, p90 {:.1f} ms, max {:.1f} ms".format(
                statistics.median(latencies), latencies[int(len(latencies) * 0.9) - 1], latencies[-1]
            )
        )
        if server_ms:
            print(f"rebuild inside the server: median {statistics.median(server_ms):.0f} ms, max {max(server_ms)} ms")
            print("rebuilds in order (ms): " + " ".join(map(str, server_ms)))
        print(f"pages rendered per edit: max {max(rendered) if rendered else '?'} of {n_pages}")
        if rendered and max(rendered) >= n_pages:
            sys.exit("a one-page edit triggered a full rebuild")
    finally:
        server.kill()
        with open(page, "w", encoding="utf-8") as fh:
            fh.write(original)


if __name__ == "__main__":
    main()
