// The accessibility audit of malbild's output in a real browser.
//
// Builds each project with the malbild binary, serves the output on 127.0.0.1
// and checks every page (see README.md in this folder for the checks). Prints
// one line per failing page and check and a final `N passed, N failed` line;
// exits 1 when anything failed.
//
//   node tests/browser/audit.mjs [--project DIR]... [--expect-fail KEY,KEY]
//                                [--record] [--aria FILE] [--workers N]
//
// Without --project it audits the shipped site, the fixture `everything`
// (every page kind, front-matter key and Markdown feature) and the fixture
// `english` (the theme's English interface, and base_url: page addresses in
// <head>) and the fixture `split` (a small site split as a large one is: the
// A–Ö list a page per letter, the comparison and theme pages per region). --expect-fail inverts the verdict for a deliberately broken
// site: it passes only when every KEY (a check name, or `axe:<rule id>`)
// failed. --record writes content/accessibility-audit.yaml of the shipped
// site after a run with no failures; the accessibility statement reads it.
// --aria writes the accessibility tree of the perspective shifts and goal
// areas to FILE.

import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';

const here = dirname(fileURLToPath(import.meta.url));
const top = resolve(here, '..', '..');
const require = createRequire(import.meta.url);

// ------------------------------------------------------------------ arguments

const args = process.argv.slice(2);
const projects = [];
let expectFail = null;
let record = false;
let ariaFile = null;
let workers = 3;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--project') projects.push(resolve(args[++i]));
  else if (a === '--expect-fail') expectFail = args[++i].split(',').map((s) => s.trim()).filter(Boolean);
  else if (a === '--record') record = true;
  else if (a === '--aria') ariaFile = resolve(args[++i]);
  else if (a === '--workers') workers = Math.max(1, Number(args[++i]) || 1);
  else {
    console.error(`audit: unknown argument \`${a}\`; see the top of tests/browser/audit.mjs`);
    process.exit(2);
  }
}
if (projects.length === 0) {
  projects.push(top, join(top, 'tests/testsuite/fixtures/everything'), join(top, 'tests/testsuite/fixtures/english'), join(top, 'tests/testsuite/fixtures/split'));
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const CHECKS = [
  'page', // lang, one main, a unique <title> naming the page and the site
  'axe-light',
  'axe-dark',
  'axe-print',
  'html', // W3C Nu validator
  'reflow-320',
  'text-zoom-400',
  'keyboard', // skip link first and to main; every link and control reachable
  'focus-light', // a visible focus indicator of at least 3:1 on every tab stop
  'focus-dark',
  'requests', // nothing leaves 127.0.0.1, nothing requested is missing
];
const MIN_FOCUS_CONTRAST = 3;

// ------------------------------------------------------------------ build

const malbild = process.env.MALBILD || join(process.env.CARGO_TARGET_DIR || join(top, 'target'), 'release/malbild');
if (!existsSync(malbild)) {
  console.error(`audit: ${malbild} does not exist; run \`cargo build --release\` first`);
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'malbild-audit-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

const sites = projects.map((root, i) => {
  const name = root === top ? 'site' : relative(top, root).split(sep).pop();
  const out = join(work, `${i}-${name}`);
  const built = spawnSync(malbild, ['build', '--root', root, '--output', out], { encoding: 'utf8' });
  if (built.status !== 0) {
    console.error(`audit: malbild could not build ${root}:\n${built.stderr}`);
    process.exit(2);
  }
  const pages = walk(out).filter((f) => f.endsWith('.html')).map((f) => relative(out, f).split(sep).join('/')).sort();
  return { name, root, out, pages, port: 0, server: null };
});

function walk(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

// ------------------------------------------------------------------ serve

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.xml': 'application/xml', '.json': 'application/json', '.js': 'text/javascript' };

function serve(site) {
  return new Promise((ok) => {
    site.server = createServer((req, res) => {
      let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (path.endsWith('/')) path += 'index.html';
      const file = resolve(site.out, '.' + path);
      if (file.startsWith(site.out + sep) && existsSync(file) && statSync(file).isFile()) {
        res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
        createReadStream(file).pipe(res);
      } else {
        res.writeHead(404, { 'content-type': TYPES['.html'] });
        res.end(existsSync(join(site.out, '404.html')) ? readFileSync(join(site.out, '404.html')) : 'not found');
      }
    });
    site.server.listen(0, '127.0.0.1', () => {
      site.port = site.server.address().port;
      ok();
    });
  });
}

// ------------------------------------------------------------------ the Nu validator, in the background

const vnuJar = join(here, 'node_modules/vnu-jar/build/dist/vnu.jar');
function validate() {
  return new Promise((ok) => {
    const files = sites.flatMap((s) => s.pages.map((p) => join(s.out, p)));
    const java = spawn('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', ...files]);
    let stderr = '';
    java.stderr.on('data', (d) => (stderr += d));
    java.on('close', () => {
      const byFile = new Map();
      let messages = [];
      try {
        messages = JSON.parse(stderr).messages;
      } catch {
        messages = [{ type: 'error', url: 'file:' + files[0], message: `the validator did not run: ${stderr.slice(0, 300)}` }];
      }
      for (const m of messages) {
        if (m.type !== 'error' && m.subType !== 'fatal') continue;
        const file = fileURLToPath(m.url);
        if (!byFile.has(file)) byFile.set(file, []);
        byFile.get(file).push(`line ${m.lastLine}: ${m.message}`);
      }
      ok(byFile);
    });
  });
}

// ------------------------------------------------------------------ colours

function luminance(r, g, b) {
  const f = (c) => {
    c /= 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}

function contrast(l1, l2) {
  return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
}

// ------------------------------------------------------------------ in-page helpers (run in the browser)

const inPage = {
  // Every link and control a keyboard user must reach, as stable descriptions.
  focusables: () => {
    const describe = (el) => {
      const parts = [];
      for (let e = el; e && e !== document.body; e = e.parentElement) {
        const siblings = e.parentElement ? [...e.parentElement.children].filter((c) => c.tagName === e.tagName) : [];
        parts.unshift(e.tagName.toLowerCase() + (siblings.length > 1 ? `:nth-of-type(${siblings.indexOf(e) + 1})` : ''));
      }
      return parts.join(' > ');
    };
    window.__describe = describe;
    const selector = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, iframe, [contenteditable=""], [contenteditable=true], [tabindex]:not([tabindex="-1"])';
    return [...document.querySelectorAll(selector)]
      .filter((el) => !el.disabled && el.checkVisibility({ visibilityProperty: true }) && el.getClientRects().length > 0 && !el.closest('[inert]'))
      .map((el) => ({ id: describe(el), text: (el.innerText || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 60) }));
  },
  // The focused element: what it is, where it is and whether it can be seen.
  focused: () => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const rects = [...el.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    const box = rects.reduce(
      (b, r) => ({ left: Math.min(b.left, r.left), top: Math.min(b.top, r.top), right: Math.max(b.right, r.right), bottom: Math.max(b.bottom, r.bottom) }),
      { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity },
    );
    // Not obscured: the topmost element at the middle of some fragment is the element or inside it.
    const seen = rects.some((r) => {
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return false;
      const hit = document.elementFromPoint(x, y);
      return hit && (hit === el || el.contains(hit) || hit.contains(el));
    });
    return {
      id: window.__describe(el),
      text: (el.innerText || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 60),
      tag: el.tagName.toLowerCase(),
      href: el.getAttribute('href'),
      // A line around each fragment of the element, in CSS px.
      perimeter: rects.reduce((n, r) => n + 2 * (r.width + r.height), 0),
      box: rects.length ? box : null,
      seen,
      scrollX,
      scrollY,
    };
  },
  // Elements sticking out of the viewport or scrolling sideways, and clipped text.
  // A box may scroll sideways only when it is a table's region: WCAG 1.4.10
  // exempts data tables, and the region lets keyboards reach them and names
  // them for screen readers. Those come back in `tableScrollers` (marked with
  // data-audit-scroller) for the keyboard test; any other scroller fails.
  overflow: () => {
    const label = (el) => {
      const by = el.getAttribute('aria-labelledby');
      if (by !== null) {
        const named = by.split(/\s+/).filter(Boolean).map((id) => document.getElementById(id));
        return named.length && named.every(Boolean) ? named.map((n) => n.textContent).join(' ').trim() : '';
      }
      return (el.getAttribute('aria-label') || '').trim();
    };
    // Why a sideways scroller is not an allowed table region, or '' when it is one.
    const notTableRegion = (el) => {
      const kids = [...el.children];
      if (kids.length !== 1 || kids[0].tagName !== 'TABLE') return 'not a table\'s region';
      if (el.getAttribute('role') !== 'region') return 'no role=region';
      if (!el.hasAttribute('tabindex') || el.tabIndex < 0) return 'not a Tab stop';
      if (!label(el)) return 'no accessible name';
      return '';
    };
    // Content hidden for the eye but kept for screen readers sits in a 1 px box that clips it.
    const srOnly = [...document.body.querySelectorAll('*')].filter((el) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width <= 1 && r.height <= 1 && (s.overflow !== 'visible' || s.clipPath !== 'none' || s.clip !== 'auto');
    });
    const hidden = (el) => el.closest('[hidden]') || srOnly.some((h) => h.contains(el)) || !el.checkVisibility({ visibilityProperty: true });
    const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.classList.length ? '.' + [...el.classList].join('.') : '');
    const width = document.documentElement.clientWidth;
    const out = { pageScroll: document.documentElement.scrollWidth - width, wide: [], scrollers: [], tableScrollers: 0, clipped: [] };
    for (const el of document.body.querySelectorAll('*')) {
      if (hidden(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const s = getComputedStyle(el);
      if (r.right > width + 1 || r.left < -1) {
        // Only the innermost offenders: skip an element whose child sticks out too.
        const child = [...el.children].some((c) => {
          const cr = c.getBoundingClientRect();
          return cr.width > 0 && (cr.right > width + 1 || cr.left < -1);
        });
        if (!child && !el.classList.contains('skip-link')) out.wide.push(`${name(el)} (${Math.round(r.left)}–${Math.round(r.right)} px)`);
      }
      const clipsX = ['hidden', 'clip', 'auto', 'scroll'].includes(s.overflowX);
      const clipsY = ['hidden', 'clip', 'auto', 'scroll'].includes(s.overflowY);
      if (clipsX && el.scrollWidth > el.clientWidth + 1) {
        if (['auto', 'scroll'].includes(s.overflowX)) {
          const why = notTableRegion(el);
          if (why) out.scrollers.push(`${name(el)} (${why})`);
          else el.setAttribute('data-audit-scroller', out.tableScrollers++);
        } else out.clipped.push(`${name(el)} (${el.scrollWidth - el.clientWidth} px wide)`);
      }
      if (clipsY && el.scrollHeight > el.clientHeight + 1 && !['auto', 'scroll'].includes(s.overflowY)) {
        out.clipped.push(`${name(el)} (${el.scrollHeight - el.clientHeight} px high)`);
      }
      if (s.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth) out.clipped.push(`${name(el)} (ellipsis)`);
    }
    return out;
  },
  facts: () => ({
    lang: document.documentElement.getAttribute('lang'),
    title: document.title,
    mains: document.querySelectorAll('main, [role=main]').length,
    h1: [...document.querySelectorAll('h1')].map((h) => h.innerText.replace(/\s+/g, ' ').trim()),
    siteTitle: document.querySelector('.site-header__title')?.innerText.trim() ?? null,
    skipTarget: document.querySelector('main')?.id ?? null,
  }),
};

// ------------------------------------------------------------------ one page

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

async function runAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  return result.violations.map((v) => ({
    key: `axe:${v.id}`,
    text: `${v.id} (${v.impact}): ${v.help}; ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}${v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ''}`,
  }));
}

function decode(buffer) {
  return PNG.sync.read(buffer);
}

// Walks the page with Tab in one colour scheme. Returns the tab stops and,
// for each, how much of the area around it changed with at least 3:1
// contrast between unfocused and focused.
async function walkFocus(page, scheme) {
  // Reduced motion: the theme scrolls smoothly otherwise, and a focus that
  // scrolls the page would be measured halfway there (seen as "covered or
  // outside the window" now and then).
  await page.emulateMedia({ colorScheme: scheme, media: 'screen', reducedMotion: 'reduce' });
  await page.evaluate(() => {
    document.activeElement?.blur();
    window.scrollTo(0, 0);
  });
  await page.mouse.move(0, 0);
  const cdp = await page.context().newCDPSession(page);
  const capture = async (clip) =>
    decode(Buffer.from((await cdp.send('Page.captureScreenshot', { format: 'png', clip: { ...clip, scale: 1 }, captureBeyondViewport: !!clip.full, optimizeForSpeed: true })).data, 'base64'));
  const size = await page.evaluate(() => ({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight }));
  const base = await capture({ x: 0, y: 0, ...size, full: true });
  const stops = [];
  const problems = [];
  const limit = (await page.evaluate(inPage.focusables)).length + 5;
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(inPage.focused);
    if (!f) {
      if (stops.length) break; // past the last stop
      continue;
    }
    if (stops.length && f.id === stops[0].id) break; // round again
    stops.push(f);
    if (!f.box || !f.seen) {
      problems.push({ key: `focus-${scheme}`, text: `focus on ${f.tag} "${f.text}" cannot be seen (${f.box ? 'covered or outside the window' : 'no size'})` });
      continue;
    }
    const m = 8; // the indicator may be drawn outside the box
    const vw = page.viewportSize();
    const clip = {
      x: Math.max(0, Math.floor(f.box.left - m)),
      y: Math.max(0, Math.floor(f.box.top - m)),
    };
    clip.width = Math.min(vw.width, Math.ceil(f.box.right + m)) - clip.x;
    clip.height = Math.min(vw.height, Math.ceil(f.box.bottom + m)) - clip.y;
    if (clip.width <= 0 || clip.height <= 0) continue;
    const shot = await capture({ ...clip, x: clip.x + f.scrollX, y: clip.y + f.scrollY });
    let strong = 0;
    for (let y = 0; y < shot.height; y++) {
      const by = Math.round(y + clip.y + f.scrollY);
      if (by >= base.height) break;
      for (let x = 0; x < shot.width; x++) {
        const bx = Math.round(x + clip.x + f.scrollX);
        if (bx >= base.width) break;
        const a = (y * shot.width + x) * 4;
        const b = (by * base.width + bx) * 4;
        if (shot.data[a] === base.data[b] && shot.data[a + 1] === base.data[b + 1] && shot.data[a + 2] === base.data[b + 2]) continue;
        const c = contrast(
          luminance(shot.data[a], shot.data[a + 1], shot.data[a + 2]),
          luminance(base.data[b], base.data[b + 1], base.data[b + 2]),
        );
        if (c >= MIN_FOCUS_CONTRAST) strong++;
      }
    }
    // At least the area of a 1 CSS px line around the element must change
    // with 3:1 contrast (WCAG 2.4.13 asks for 2 px; 1.4.11 and 2.4.7 for a
    // visible indicator of 3:1).
    const need = Math.round(f.perimeter);
    f.indicator = { strong, need };
    if (strong < need) {
      if (process.env.AUDIT_DEBUG) {
        const n = `${process.env.AUDIT_DEBUG}/${scheme}-${f.text.replace(/[^a-zåäö]+/gi, '_').slice(0, 30)}`;
        writeFileSync(`${n}-after.png`, PNG.sync.write(shot));
        const before = new PNG({ width: shot.width, height: shot.height });
        PNG.bitblt(base, before, Math.round(clip.x + f.scrollX), Math.round(clip.y + f.scrollY), Math.min(shot.width, base.width - Math.round(clip.x + f.scrollX)), Math.min(shot.height, base.height - Math.round(clip.y + f.scrollY)), 0, 0);
        writeFileSync(`${n}-before.png`, PNG.sync.write(before));
      }
      problems.push({ key: `focus-${scheme}`, text: `the focus indicator on ${f.tag} "${f.text}" is too faint: ${strong} px change with ${MIN_FOCUS_CONTRAST}:1 contrast, ${need} px needed` });
    }
  }
  await cdp.detach();
  return { stops, problems };
}

const timing = {};
const tick = (name, t0) => {
  timing[name] = (timing[name] || 0) + (Date.now() - t0);
  return Date.now();
};

async function auditPage(context, site, path) {
  let t0 = Date.now();
  const failures = []; // {check, key, text}
  const fail = (check, text, key = check) => failures.push({ check, key, text });
  const url = `http://127.0.0.1:${site.port}/${path}`;
  const page = await context.newPage();
  const requests = new Set();
  await page.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.hostname === '127.0.0.1' && u.port === String(site.port)) return route.continue();
    requests.add(`blocked ${u.href}`);
    return route.abort('blockedbyclient');
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && r.url() !== url) requests.add(`missing ${r.url().replace(`http://127.0.0.1:${site.port}/`, '')} (${r.status()})`);
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light', media: 'screen' });
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response || response.status() !== 200) fail('page', `the page answered ${response?.status()}`);

  // The page as a whole.
  const facts = await page.evaluate(inPage.facts);
  if (!facts.lang) fail('page', 'no lang on <html>');
  if (facts.mains !== 1) fail('page', `${facts.mains} main elements, not one`);
  if (facts.h1.length !== 1) fail('page', `${facts.h1.length} h1 headings, not one`);
  if (!facts.title) fail('page', 'no <title>');
  else {
    if (facts.h1[0] && !facts.title.includes(facts.h1[0])) fail('page', `the title "${facts.title}" does not name the page ("${facts.h1[0]}")`);
    if (facts.siteTitle && !facts.title.includes(facts.siteTitle)) fail('page', `the title "${facts.title}" does not name the site ("${facts.siteTitle}")`);
  }

  t0 = tick('load', t0);
  // axe-core in light, dark and print.
  for (const [check, media] of [
    ['axe-light', { colorScheme: 'light', media: 'screen' }],
    ['axe-dark', { colorScheme: 'dark', media: 'screen' }],
    ['axe-print', { colorScheme: 'light', media: 'print' }],
  ]) {
    await page.emulateMedia(media);
    for (const v of await runAxe(page)) fail(check, v.text, v.key);
  }
  await page.emulateMedia({ colorScheme: 'light', media: 'screen' });

  t0 = tick('axe', t0);
  // Keyboard: every link and control is a tab stop; focus always visible.
  const focusables = await page.evaluate(inPage.focusables);
  let stops = [];
  for (const scheme of ['light', 'dark']) {
    const walked = await walkFocus(page, scheme);
    for (const p of walked.problems) fail(`focus-${scheme}`, p.text, p.key);
    if (scheme === 'light') stops = walked.stops;
  }
  t0 = tick('focus', t0);
  const reached = new Set(stops.map((s) => s.id));
  const missed = focusables.filter((f) => !reached.has(f.id));
  if (missed.length) fail('keyboard', `not reachable with Tab: ${missed.slice(0, 5).map((m) => `"${m.text}"`).join(', ')}${missed.length > 5 ? ` and ${missed.length - 5} more` : ''}`);
  const first = stops[0];
  if (!first || first.href !== `#${facts.skipTarget}`) {
    fail('keyboard', `the first tab stop is ${first ? `${first.tag} "${first.text}"` : 'nothing'}, not the skip link to main`);
  } else {
    await page.emulateMedia({ colorScheme: 'light', media: 'screen' });
    await page.goto(url, { waitUntil: 'load' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const after = await page.evaluate(() => ({
      tag: document.activeElement?.tagName.toLowerCase(),
      top: document.querySelector('main').getBoundingClientRect().top,
      atBottom: Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight,
    }));
    if (after.tag !== 'main') fail('keyboard', `the skip link moves focus to ${after.tag}, not to main`);
    else if (Math.abs(after.top) > 2 && !(after.top > 0 && after.atBottom)) fail('keyboard', `after the skip link, main starts ${Math.round(after.top)} px from the top of the window`);
  }

  t0 = tick('skip', t0);
  // Reflow at 320 CSS px.
  await page.setViewportSize({ width: 320, height: 800 });
  const narrow = await page.evaluate(inPage.overflow);
  if (narrow.pageScroll > 0) fail('reflow-320', `the page scrolls ${narrow.pageScroll} px sideways: ${narrow.wide.slice(0, 4).join(', ')}`);
  if (narrow.scrollers.length) fail('reflow-320', `scrolls sideways inside: ${narrow.scrollers.slice(0, 4).join(', ')}`);
  if (narrow.clipped.length) fail('reflow-320', `cut off: ${narrow.clipped.slice(0, 4).join(', ')}`);
  // A table that scrolls sideways scrolls with the arrow keys once its region has focus.
  for (let i = 0; i < narrow.tableScrollers; i++) {
    const region = page.locator(`[data-audit-scroller="${i}"]`);
    await region.focus();
    await page.keyboard.press('ArrowRight');
    const moved = await region.evaluate(async (el) => {
      for (let t = 0; t < 20 && el.scrollLeft === 0; t++) await new Promise((r) => setTimeout(r, 50));
      const x = el.scrollLeft;
      el.scrollLeft = 0;
      el.blur();
      el.removeAttribute('data-audit-scroller');
      return x;
    });
    if (!moved) fail('reflow-320', `the table in ${await region.evaluate((el) => el.className || el.tagName)} does not scroll with the arrow keys when it has focus`);
  }

  // 400 % text size at 1280 px (the browser's font size setting, as a user sets it).
  await page.setViewportSize({ width: 1280, height: 800 });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 64, fixed: 52 } });
  const zoomed = await page.evaluate(inPage.overflow);
  if (zoomed.pageScroll > 0) fail('text-zoom-400', `the page scrolls ${zoomed.pageScroll} px sideways: ${zoomed.wide.slice(0, 4).join(', ')}`);
  if (zoomed.clipped.length) fail('text-zoom-400', `cut off: ${zoomed.clipped.slice(0, 4).join(', ')}`);
  if (zoomed.scrollers.length) fail('text-zoom-400', `scrolls sideways inside: ${zoomed.scrollers.slice(0, 4).join(', ')}`);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 16, fixed: 13 } });
  await cdp.detach();

  t0 = tick('reflow+zoom', t0);
  // The accessibility tree of the perspective shifts and goal areas.
  const aria = [];
  for (const sel of ['.goal-areas', '.shifts']) {
    const loc = page.locator(sel);
    if (await loc.count()) aria.push({ sel, tree: await loc.first().ariaSnapshot() });
  }

  for (const r of requests) fail('requests', r);
  await page.close();
  return { failures, title: facts.title, aria, stops: stops.length, focusables: focusables.length };
}

// ------------------------------------------------------------------ run

const started = Date.now();
await Promise.all(sites.map(serve));
const validation = validate();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--font-render-hinting=none'],
});
const tasks = sites.flatMap((site) => site.pages.map((path) => ({ site, path })));
const results = new Map();
let next = 0;
async function worker() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, reducedMotion: 'reduce', locale: 'sv-SE' });
  while (next < tasks.length) {
    const task = tasks[next++];
    try {
      results.set(task, await auditPage(context, task.site, task.path));
    } catch (e) {
      results.set(task, { failures: [{ check: 'page', key: 'page', text: `the audit stopped: ${e.message.split('\n')[0]}` }], aria: [], title: '' });
    }
  }
  await context.close();
}
await Promise.all(Array.from({ length: workers }, worker));
const browserVersion = browser.version();
await browser.close();
const invalid = await validation;
for (const s of sites) s.server.close();

let passed = 0;
let failed = 0;
const seen = new Set();
const titles = new Map();
for (const task of tasks) {
  const r = results.get(task);
  const file = join(task.site.out, task.path);
  for (const e of invalid.get(file) || []) r.failures.push({ check: 'html', key: 'html', text: e });
  const key = `${task.site.name}\0${r.title}`;
  if (r.title && titles.has(key)) r.failures.push({ check: 'page', key: 'page', text: `the title "${r.title}" is also the title of ${titles.get(key)}` });
  titles.set(key, task.path);
  const byCheck = new Map();
  for (const f of r.failures) {
    if (!byCheck.has(f.check)) byCheck.set(f.check, []);
    byCheck.get(f.check).push(f);
    seen.add(f.key);
    seen.add(f.check);
  }
  for (const check of CHECKS) {
    const fs = byCheck.get(check);
    if (!fs) {
      passed++;
      task.site.passed = (task.site.passed || 0) + 1;
      continue;
    }
    failed++;
    task.site.failed = (task.site.failed || 0) + 1;
    for (const f of fs) console.log(`${task.site.name}/${task.path}: ${check}: ${f.text}`);
  }
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const nPages = tasks.length;
if (process.env.AUDIT_TIMING) console.log(timing);
console.log(`audited ${nPages} pages of ${sites.map((s) => `${s.name} (${s.pages.length})`).join(', ')}, ${CHECKS.length} checks each, in ${seconds} s`);

if (ariaFile) {
  const lines = [];
  for (const task of tasks) {
    for (const a of results.get(task).aria) lines.push(`# ${task.site.name}/${task.path} ${a.sel}`, a.tree, '');
  }
  writeFileSync(ariaFile, lines.join('\n'));
}

if (record) {
  const site = sites.find((s) => s.root === top);
  if (!site) console.log('not recorded: --record writes the record of the shipped site, which was not audited');
  else if (failed) console.log('not recorded: the accessibility statement only reports an audit with no failures');
  else writeAudit(site);
}

function writeAudit(site) {
  const vnu = spawnSync('java', ['-jar', vnuJar, '--version'], { encoding: 'utf8' }).stdout.trim();
  const axeVersion = JSON.parse(readFileSync(require.resolve('axe-core/package.json'), 'utf8')).version;
  const pw = JSON.parse(readFileSync(require.resolve('playwright-core/package.json'), 'utf8')).version;
  const d = new Date();
  const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const q = JSON.stringify; // a JSON string is a YAML string
  const yaml = [
    '# Written by `node tests/browser/audit.mjs --record` after an audit with no failures.',
    '# The accessibility statement (tillganglighet/index.html) reads it. Do not edit by hand.',
    `date: ${q(date)}`,
    'tools:',
    `  - ${q(`axe-core ${axeVersion}`)}`,
    `  - ${q(`W3C Nu Html Checker ${vnu}`)}`,
    `  - ${q(`Chromium ${browserVersion}`)}`,
    `  - ${q(`Playwright ${pw}`)}`,
    `checks: ${CHECKS.length}`,
    `passed: ${site.passed || 0}`,
    `failed: ${site.failed || 0}`,
    'pages:',
    ...site.pages.map((p) => `  - ${q(p)}`),
    '',
  ].join('\n');
  writeFileSync(join(site.root, 'content/accessibility-audit.yaml'), yaml);
  console.log(`recorded the audit in ${relative(process.cwd(), join(site.root, 'content/accessibility-audit.yaml'))}`);
}

if (expectFail) {
  const missing = expectFail.filter((k) => !seen.has(k));
  console.log(`expected failures: ${expectFail.map((k) => `${k} ${seen.has(k) ? 'failed as expected' : 'DID NOT FAIL'}`).join(', ')}`);
  const ok = missing.length === 0;
  console.log(`${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
  process.exit(ok ? 0 : 1);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
