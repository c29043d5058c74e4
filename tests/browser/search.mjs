// The site search in a real browser (Chromium), where a visitor uses it:
// opened from a disk (file://) and on a web server (Debian's nginx) under a
// sub-path. Builds the shipped site, then checks:
//
// - the theme's js/search.js stems every word of tests/browser/stems.tsv as
//   malbild does when it builds the index (src/search.rs);
// - in each place, `kommunerna` finds a page that says only "kommuner" and
//   `målbilder` a page that says "målbilden" (typed into the header's search
//   box, Enter, the results page), the count is in the live region and the
//   heading, Tab from there reaches the first result, and nothing is asked
//   of another host;
// - without JavaScript the header's form leads to the A–Ö list of every page
//   (on a large site, a project whose site.yaml has `split:`, through its
//   letters and their parts).
//
//   node tests/browser/search.mjs [--project DIR] [--screenshots DIR]
//
// One line per problem; exits 1 on any problem.

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const top = resolve(here, '..', '..');
const args = process.argv.slice(2);
let project = top;
let shots = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--project') project = resolve(args[++i]);
  else if (args[i] === '--screenshots') shots = resolve(args[++i]);
  else {
    console.error(`search: unknown argument \`${args[i]}\`; see the top of tests/browser/search.mjs`);
    process.exit(2);
  }
}
const malbild = process.env.MALBILD || join(process.env.CARGO_TARGET_DIR || join(top, 'target'), 'release/malbild');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const nginxPath = process.env.NGINX || '/usr/sbin/nginx';
for (const [what, path] of [['malbild', malbild], ['chromium', chromiumPath], ['nginx', nginxPath]]) {
  if (!existsSync(path)) {
    console.error(`search: ${what} is not at ${path}; run tests/browser/search.sh, which installs it`);
    process.exit(2);
  }
}
const work = mkdtempSync(join(tmpdir(), 'malbild-search-'));
const children = [];
process.on('exit', () => {
  for (const c of children) c.kill();
  rmSync(work, { recursive: true, force: true });
});
const problems = [];
const fail = (what) => { problems.push(what); console.log(`FAIL ${what}`); };

// ------------------------------------------------------------------ build
const out = join(work, 'output');
const built = spawnSync(malbild, ['build', '--root', project, '--output', out], { encoding: 'utf8' });
if (built.status !== 0) {
  console.error(`search: malbild could not build ${project}:\n${built.stderr}`);
  process.exit(2);
}
const summary = built.stderr.split('\n').find((l) => l.startsWith('sökindex:'));
if (!summary) fail('the build printed no line about the search index');
else console.log(summary);

// ------------------------------------------------------------------ stems
// The script that ships, loaded as a CommonJS module (it exports its
// functions when there is no window).
const searchJs = createRequire(import.meta.url)(join(out, 'js', 'search.js'));
let nStems = 0;
const stemProblems = [];
for (const line of readFileSync(join(here, 'stems.tsv'), 'utf8').split('\n')) {
  if (!line || line.startsWith('#')) continue;
  const [word, want] = line.split('\t');
  nStems++;
  // `-` is a stop word, which malbild does not index; the browser drops
  // it with the list the index gives it.
  if (want === '-') continue;
  const got = searchJs.snowball(searchJs.fold(word));
  if (got !== want) stemProblems.push(`${word}: js/search.js says ${got}, malbild says ${want}`);
}
for (const p of stemProblems.slice(0, 20)) fail(`stem ${p}`);
if (stemProblems.length > 20) fail(`... and ${stemProblems.length - 20} more words stemmed differently`);
console.log(`stems: ${nStems - stemProblems.length} of ${nStems} words as malbild stems them`);

// ------------------------------------------------------------------ expected pages
function walk(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
const mainText = (html) => (html.match(/<main[\s\S]*<\/main>/) || [''])[0].replace(/<[^>]+>/g, ' ');
const pages = walk(out)
  .filter((f) => f.endsWith('index.html') && !f.includes(`${sep}sok${sep}`))
  .map((f) => ({ url: relative(out, f).split(sep).join('/'), text: mainText(readFileSync(f, 'utf8')) }));
// A query and a page it must find that does not have the query's word.
const QUERIES = [
  ['kommunerna', /\bkommuner\b/i, /kommunerna/i],
  ['målbilder', /\bmålbilden\b/i, /målbilder/i],
];
const wanted = QUERIES.map(([q, has, hasNot]) => {
  const page = pages.find((p) => has.test(p.text) && !hasNot.test(p.text)
    && !/^(jamfor|teman|tillganglighet)\//.test(p.url) && p.url !== 'index.html');
  if (!page) fail(`no page of the site says ${has} without ${hasNot}: nothing to test \`${q}\` with`);
  return { q, page };
});

// ------------------------------------------------------------------ nginx under a sub-path
async function freePort() {
  return new Promise((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
  });
}
const SUB = '/a/sub/path/';
const port = await freePort();
const ndir = join(work, 'nginx');
mkdirSync(join(ndir, 'logs'), { recursive: true });
writeFileSync(join(ndir, 'nginx.conf'), `
${userInfo().uid === 0 ? 'user root;' : ''}
worker_processes 1;
daemon off;
pid ${ndir}/nginx.pid;
error_log ${ndir}/logs/error.log warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${ndir}/body;
  proxy_temp_path ${ndir}/proxy;
  fastcgi_temp_path ${ndir}/fastcgi;
  uwsgi_temp_path ${ndir}/uwsgi;
  scgi_temp_path ${ndir}/scgi;
  server {
    listen 127.0.0.1:${port};
    location ${SUB} { alias ${out}/; error_page 404 ${SUB}404.html; }
    location / { return 404; }
  }
}
`);
const nginx = spawn(nginxPath, ['-p', ndir, '-c', join(ndir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
children.push(nginx);
for (const end = Date.now() + 10_000; ;) {
  try { await fetch(`http://127.0.0.1:${port}${SUB}`); break; } catch {
    if (Date.now() > end) { console.error('search: nginx did not start'); process.exit(2); }
    await new Promise((r) => setTimeout(r, 50));
  }
}

// ------------------------------------------------------------------ browser
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
});
const places = [
  ['file://', pathToFileURL(out).href + '/'],
  [`nginx under ${SUB}`, `http://127.0.0.1:${port}${SUB}`],
];

async function searchFrom(context, place, root, { q, page: want }) {
  const page = await context.newPage();
  const outside = [];
  page.on('request', (r) => { if (!r.url().startsWith(root) && !r.url().startsWith('data:')) outside.push(r.url()); });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${root}index.html`);
  // Type into the header's search box and press Enter: the results page.
  await page.focus('#mb-sidsok');
  await page.keyboard.type(q);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.href.includes('sok/index.html'), { timeout: 10_000 });
  const heading = page.locator('#mb-sok-rubrik');
  try {
    await page.waitForFunction(() => document.querySelector('#mb-sok-rubrik').textContent.trim() !== '', null, { timeout: 10_000 });
  } catch {
    fail(`${place}: \`${q}\`: no results heading after 10 s (${errors.join('; ') || 'no script error'})`);
    await page.close();
    return;
  }
  const said = (await heading.textContent()).trim();
  const status = (await page.locator('[role=status]').textContent()).trim();
  const n = Number((said.match(/^(\d+)/) || [])[1] || 0);
  if (!n) {
    fail(`${place}: \`${q}\` found nothing: "${said}"`);
    await page.close();
    return;
  }
  if (status !== said) fail(`${place}: \`${q}\`: the live region says "${status}", the heading "${said}"`);
  if (!said.includes(q)) fail(`${place}: \`${q}\`: the heading does not name the query: "${said}"`);
  // Keyboard: focus is on the heading; Tab goes to the first result.
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
  if (focused !== 'mb-sok-rubrik') fail(`${place}: \`${q}\`: after Enter focus is on #${focused}, not on the results' heading`);
  await page.waitForSelector('.search-result__link');
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => {
    const a = document.activeElement;
    return { isFirst: a === document.querySelector('.search-results__list li:first-child a'), text: a.textContent };
  });
  if (!first.isFirst) fail(`${place}: \`${q}\`: Tab from the heading reaches "${first.text}", not the first result`);
  // Every result, then the page that must be among them.
  for (let i = 0; i < 100 && await page.locator('.search-results__more').isVisible(); i++) {
    await page.locator('.search-results__more').click();
  }
  const hrefs = await page.$$eval('.search-result__link', (as) => as.map((a) => a.href));
  if (hrefs.length !== n) fail(`${place}: \`${q}\`: the heading says ${n}, the list has ${hrefs.length}`);
  if (want && !hrefs.includes(new URL(want.url, root).href)) {
    fail(`${place}: \`${q}\` does not find ${want.url}, which says only another form of the word (found: ${hrefs.map((h) => h.slice(root.length)).join(', ')})`);
  }
  // A result leads to its page.
  if (hrefs.length) {
    const res = await page.goto(hrefs[0]);
    if (res && !res.ok()) fail(`${place}: \`${q}\`: the first result ${hrefs[0]} answers ${res.status()}`);
  }
  if (outside.length) fail(`${place}: \`${q}\`: requests outside the site: ${outside.join(', ')}`);
  if (errors.length) fail(`${place}: \`${q}\`: script errors: ${errors.join('; ')}`);
  console.log(`${place}: ${q}: ${said}${want ? `; ${want.url} among them` : ''}`);
  await page.close();
}

// The 404 page, which a server shows at any address, corrects its links
// and its search form's address to where the site is.
{
  const context = await browser.newContext();
  const page = await context.newPage();
  const root = places[1][1];
  await page.goto(`${root}finns/inte/alls/`);
  try {
    await page.waitForFunction((r) => document.querySelector('#mb-sidsok').form.action === `${r}sok/index.html`, root, { timeout: 10_000 });
    console.log(`404 page under ${SUB}: the search form leads to ${root}sok/index.html`);
  } catch {
    fail(`404 page under ${SUB}: the search form leads to ${await page.evaluate(() => document.querySelector('#mb-sidsok').form.action)}, not ${root}sok/index.html`);
  }
  await context.close();
}

for (const [place, root] of places) {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  for (const w of wanted) await searchFrom(context, place, root, w);
  await context.close();

  // Without JavaScript: the form leads to the A–Ö list of every page.
  const nojs = await browser.newContext({ javaScriptEnabled: false });
  const page = await nojs.newPage();
  await page.goto(`${root}index.html`);
  await page.fill('#mb-sidsok', 'kommunerna');
  await page.press('#mb-sidsok', 'Enter');
  await page.waitForURL((u) => u.href.includes('sok/index.html'), { timeout: 10_000 });
  const listed = await page.$$eval('.a-to-o__list a', (as) => as.map((a) => a.href));
  // A large site's list is a page per letter (and a long letter in parts):
  // follow the search page's letters, then each letter's parts.
  const letters = await page.$$eval('nav.a-to-o__letters a', (as) => as.map((a) => a.href));
  const seen = new Set();
  const todo = listed.length ? [] : [...letters];
  while (todo.length) {
    const url = todo.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    const part = await nojs.newPage();
    await part.goto(url);
    listed.push(...(await part.$$eval('.a-to-o__list a', (as) => as.map((a) => a.href))));
    todo.push(...(await part.$$eval('nav.a-to-o__parts a', (as) => as.map((a) => a.href))));
    if ((await part.locator('h1').count()) !== 1) fail(`${place}, no JavaScript: ${url} has not one h1`);
    await part.close();
  }
  if (seen.size) console.log(`${place}, no JavaScript: the list is split into ${seen.size} pages of letters`);
  const heading = await page.locator('#mb-alla-sidor').textContent().catch(() => '');
  const missing = pages.filter((p) => !/^(jamfor|teman|tillganglighet)\//.test(p.url) && !/\/print\//.test(p.url) && !listed.includes(new URL(p.url, root).href));
  if (!/A–Ö/.test(heading)) fail(`${place}, no JavaScript: the search page has no A–Ö heading ("${heading}")`);
  if (missing.length) fail(`${place}, no JavaScript: the A–Ö list lacks ${missing.map((p) => p.url).join(', ')}`);
  console.log(`${place}, no JavaScript: the form leads to the A–Ö list of ${listed.length} pages`);
  await nojs.close();
}

if (shots) {
  mkdirSync(shots, { recursive: true });
  for (const width of [1280, 320]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${places[0][1]}sok/index.html?q=kommunerna`);
    await page.waitForSelector('.search-result__link');
    await page.screenshot({ path: join(shots, `search-kommunerna-${width}.png`), fullPage: false });
    await context.close();
  }
  console.log(`screenshots in ${shots}`);
}

await browser.close();
console.log(problems.length ? `search: ${problems.length} problems` : 'search: all checks passed');
process.exit(problems.length ? 1 : 0);
