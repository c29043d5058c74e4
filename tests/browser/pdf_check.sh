#!/usr/bin/env bash
# Builds the shipped site with `--pdf` (a real Chromium) and checks every
# publication's PDF against its print page:
#   - pdfinfo: tagged (accessible), every page A4 (595 x 842 pt), a sane page
#     count, the document title;
#   - qpdf: the document language is sv, and there are bookmarks for the title and
#     for every part, in order, each part on a later page than the one before;
#   - pdftotext: the table of contents gives each part the page its bookmark has;
#   - pdffonts: every font embedded;
#   - pdftotext: the cover gives region, title and facts, and the whole text comes
#     in reading order (cover, contents, then each part's title before its text);
#     from page 2 on, the publication's title and "page (pages)" in the margins.
# Installs chromium, poppler-utils, qpdf and python3 with apt-get when missing.
# Prints one line per failure and then "N passed, N failed".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
top="$(cd "$here/../.." && pwd)"
cd "$top"

need=()
command -v chromium >/dev/null || command -v chromium-browser >/dev/null ||
  command -v google-chrome >/dev/null || [ -n "${MALBILD_CHROMIUM:-}" ] || need+=(chromium)
command -v pdfinfo >/dev/null || need+=(poppler-utils)
command -v qpdf >/dev/null || need+=(qpdf)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}"
  apt-get install -y "${need[@]}" >/dev/null 2>&1 ||
    { apt-get update >/dev/null && apt-get install -y "${need[@]}" >/dev/null; }
fi

cargo build --release --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if ! "${CARGO_TARGET_DIR:-target}/release/malbild" build --pdf --output "$work/site" 2> "$work/build.log"; then
  cat "$work/build.log"
  exit 1
fi
cat "$work/build.log"

python3 - "$work/site" <<'PY'
import glob, json, os, re, subprocess, sys
from html.parser import HTMLParser

site = sys.argv[1]
passed = failed = 0


def check(ok, name, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}: {what}")


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def squash(s):
    """Text without case, spaces, hyphens or soft hyphens: hyphenation and line
    breaks in the PDF do not count."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", s).casefold()


class PrintPage(HTMLParser):
    """What a print page says, in document order."""

    def __init__(self):
        super().__init__()
        self.stack = []  # (tag, classes)
        self.title = ""
        self.region = ""
        self.h1 = ""
        self.contents = ""
        self.facts = []  # dt texts
        self.parts = []  # [title, first paragraph]
        self.grab = None

    def classes(self):
        return {c for _, cs in self.stack for c in cs}

    def handle_starttag(self, tag, attrs):
        if tag in ("meta", "link", "img", "br", "hr", "input"):
            return
        cls = (dict(attrs).get("class") or "").split()
        self.stack.append((tag, cls))
        inside = self.classes()
        if tag == "title":
            self.grab = "title"
        elif "eyebrow__region" in cls and "print-cover" in inside:
            self.grab = "region"
        elif tag == "h1":
            self.grab = "h1"
        elif "print-toc__heading" in cls:
            self.grab = "contents"
        elif tag == "dt" and "print-cover" in inside:
            self.facts.append("")
            self.grab = "dt"
        elif "print-part__title" in cls:
            self.parts.append(["", ""])
            self.grab = "part"
        elif tag == "p" and "print-part" in inside and self.parts and not self.parts[-1][1]:
            self.grab = "para"

    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break
        if tag in ("title", "span", "h1", "h2", "dt", "p"):
            self.grab = None

    def handle_data(self, data):
        g = self.grab
        if g == "title":
            self.title += data
        elif g == "region":
            self.region += data
        elif g == "h1":
            self.h1 += data
        elif g == "contents":
            self.contents += data
        elif g == "dt":
            self.facts[-1] += data
        elif g == "part":
            self.parts[-1][0] += data
        elif g == "para":
            self.parts[-1][1] += data


def outline(pdf):
    """Bookmarks as (depth, title, page), in order."""
    data = json.loads(run("qpdf", "--json", "--json-key=outlines", pdf))
    out = []

    def walk(items, depth):
        for item in items:
            out.append((depth, item["title"], item["destpageposfrom1"]))
            walk(item["kids"], depth + 1)

    walk(data["outlines"], 0)
    return out


def language(pdf):
    data = json.loads(run("qpdf", "--json", "--json-key=qpdf", pdf))
    objects = data["qpdf"][1]
    root = objects["trailer"]["value"]["/Root"]
    lang = objects[f"obj:{root}"]["value"].get("/Lang", "")
    return lang.split(":", 1)[-1]


pages = sorted(glob.glob(os.path.join(site, "**", "print", "index.html"), recursive=True))
check(len(pages) > 0, "site", "no print pages were built")
for page in pages:
    folder = os.path.dirname(page)
    name = os.path.relpath(folder, site)
    pdfs = glob.glob(os.path.join(folder, "*.pdf"))
    check(len(pdfs) == 1, name, f"expected one PDF beside the print page, found {len(pdfs)}")
    if len(pdfs) != 1:
        continue
    pdf = pdfs[0]
    name = os.path.relpath(pdf, site)
    doc = PrintPage()
    with open(page, encoding="utf-8") as f:
        doc.feed(f.read())
    title = " ".join(doc.title.split())
    h1 = " ".join(doc.h1.split())
    parts = [(" ".join(t.split()), " ".join(p.split())) for t, p in doc.parts]

    info = dict(
        (k.strip(), v.strip())
        for k, v in (l.split(":", 1) for l in run("pdfinfo", "-l", "-1", pdf).splitlines() if ":" in l)
    )
    n = int(info.get("Pages", "0"))
    check(info.get("Tagged") == "yes", name, f"not tagged (pdfinfo says Tagged: {info.get('Tagged')})")
    sizes = {v for k, v in info.items() if re.fullmatch(r"Page +\d+ size", k)}
    check(sizes == {"594.96 x 841.92 pts (A4)"}, name, f"not every page is A4: {sorted(sizes)}")
    least, most = len(parts) + 2, 3 * (len(parts) + 2)
    check(least <= n <= most, name, f"{n} pages; a cover, a contents page and {len(parts)} parts should take {least} to {most}")
    check(info.get("Title") == title, name, f"document title {info.get('Title')!r}, the page's is {title!r}")
    check(language(pdf) == "sv", name, f"document language {language(pdf)!r}, not sv")

    marks = outline(pdf)
    titles = [t for _, t, _ in marks]
    check(h1 in titles, name, f"no bookmark for the title {h1!r}")
    last_page = 1
    starts = []
    for part, _ in parts:
        found = [(p) for _, t, p in marks if t == part]
        if not found:
            check(False, name, f"no bookmark for the part {part!r}")
            continue
        check(found[0] > last_page, name, f"the part {part!r} starts on page {found[0]}, not after page {last_page}")
        last_page = found[0]
        starts.append(found[0])

    # The contents: a line per part, "<number> <title ...> <page>".
    contents_page = next((p for _, t, p in marks if t == doc.contents.strip()), None)
    if contents_page and starts:
        toc = run("pdftotext", "-layout", "-f", str(contents_page), "-l", str(starts[0] - 1), pdf, "-")
        numbered = {}
        for line in toc.splitlines():
            m = re.match(r"^\s*(\d+)\s+\S.*?\s(\d+)\s*$", line)
            if m and int(m.group(1)) not in numbered:
                numbered[int(m.group(1))] = int(m.group(2))
        printed = [numbered.get(k + 1) for k in range(len(starts))]
        check(printed == starts, name, f"the contents gives the parts pages {printed}, the bookmarks {starts}")
    else:
        check(False, name, "no bookmark for the table of contents")

    fonts = run("pdffonts", pdf).splitlines()[2:]
    unembedded = [l.split()[0] for l in fonts if len(l.split()) > 4 and l.split()[-5] != "yes"]
    check(not unembedded, name, f"fonts not embedded: {unembedded}")

    cover = squash(run("pdftotext", "-f", "1", "-l", "1", pdf, "-"))
    for what in [doc.region, h1, *doc.facts]:
        check(squash(what) in cover, name, f"the cover lacks {what.strip()!r}")

    text = squash(run("pdftotext", pdf, "-"))
    order = [doc.region, h1, doc.contents]
    for part, para in parts:
        order.append(part)
        if para:
            order.append(" ".join(para.split()[:8]))
    at, missing = 0, None
    for what in order:
        i = text.find(squash(what), at)
        if i < 0:
            missing = what
            break
        at = i + len(squash(what))
    check(missing is None, name, f"text out of reading order or missing: {missing!r}")

    for i in range(2, n + 1):
        page_text = run("pdftotext", "-f", str(i), "-l", str(i), pdf, "-")
        ok = squash(h1) in squash(page_text) and f"{i} ({n})" in page_text
        check(ok, name, f"page {i} lacks the title or \"{i} ({n})\" in its margins")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
