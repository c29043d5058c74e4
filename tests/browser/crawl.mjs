// One output folder works everywhere: on a real web server (Debian's nginx)
// at the domain root and under a sub-path, and opened from a disk (file://).
//
// Builds each project once (with --pdf when a browser is there), then in
// Chromium follows every link of every page from the start page, in each of
// the three places, and fetches every file a page links or loads:
//
//   node tests/browser/crawl.mjs [--project DIR]... [--no-pdf] [--screenshots DIR]
//
// A place passes when every page and file answers, every page is styled
// (its stylesheets loaded and the theme's rules apply), every `#fragment`
// names an element of its page, no link leaves the site's folder, every HTML
// file of the output is reached, and a missing address gets the 404 page,
// styled, with links that work. One line per problem, one summary line per
// place; exits 1 on any problem.

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const top = resolve(here, '..', '..');

const args = process.argv.slice(2);
const projects = [];
let pdf = true;
let shots = null;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--project') projects.push(resolve(args[++i]));
  else if (a === '--no-pdf') pdf = false;
  else if (a === '--screenshots') shots = resolve(args[++i]);
  else {
    console.error(`crawl: unknown argument \`${a}\`; see the top of tests/browser/crawl.mjs`);
    process.exit(2);
  }
}
const work = mkdtempSync(join(tmpdir(), 'malbild-crawl-'));
if (!projects.length) {
  // The shipped site, the fixture with every feature, the fixture split as a
  // large site is (a page per letter, the comparison per region), and the
  // fixture with every feature with a base_url naming the sub-path (the 404
  // page's links then start there).
  projects.push(top, join(top, 'tests/testsuite/fixtures/everything'), join(top, 'tests/testsuite/fixtures/split'));
  const withBase = join(work, 'everything-base-url');
  cpSync(join(top, 'tests/testsuite/fixtures/everything'), withBase, { recursive: true });
  const yaml = join(withBase, 'content', 'site.yaml');
  writeFileSync(yaml, `${readFileSync(yaml, 'utf8').replace(/\s*$/, '')}\nbase_url: https://www.example.se/a/sub/path\n`);
  projects.push(withBase);
}
if (shots) mkdirSync(shots, { recursive: true });

const malbild = process.env.MALBILD || join(process.env.CARGO_TARGET_DIR || join(top, 'target'), 'release/malbild');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const nginxPath = process.env.NGINX || '/usr/sbin/nginx';
for (const [what, path] of [['malbild', malbild], ['chromium', chromiumPath], ['nginx', nginxPath]]) {
  if (!existsSync(path)) {
    console.error(`crawl: ${what} is not at ${path}; run tests/browser/crawl.sh, which installs it`);
    process.exit(2);
  }
}

const children = [];
process.on('exit', () => {
  for (const c of children) c.kill();
  rmSync(work, { recursive: true, force: true });
});

function walk(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

// ------------------------------------------------------------------ build

const sites = projects.map((root, i) => {
  const name = root === top ? 'site' : root.split(sep).pop();
  const out = join(work, `${i}-${name}`);
  const built = spawnSync(malbild, ['build', '--root', root, '--output', out, ...(pdf ? ['--pdf'] : [])], {
    encoding: 'utf8',
    env: { ...process.env, MALBILD_CHROMIUM: chromiumPath },
  });
  if (built.status !== 0) {
    console.error(`crawl: malbild could not build ${root}:\n${built.stderr}`);
    process.exit(2);
  }
  const html = walk(out).filter((f) => f.endsWith('.html')).map((f) => relative(out, f).split(sep).join('/'));
  const pdfs = walk(out).filter((f) => f.endsWith('.pdf')).length;
  return { name, out, html, pdfs };
});

// ------------------------------------------------------------------ nginx

async function freePort() {
  return new Promise((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

const SUB = '/a/sub/path/';
async function startNginx(site) {
  const dir = join(work, `nginx-${site.name}`);
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const rootPort = await freePort();
  const subPort = await freePort();
  // As a web host would serve it: the site at the root of one server, and
  // only under a sub-path of another (as GitHub and GitLab project pages do);
  // each shows the site's 404.html for a missing address.
  const conf = `
${userInfo().uid === 0 ? 'user root;' : ''}
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${rootPort};
    root ${site.out};
    error_page 404 /404.html;
  }
  server {
    listen 127.0.0.1:${subPort};
    location ${SUB} {
      alias ${site.out}/;
      error_page 404 ${SUB}404.html;
    }
    location / { return 404; }
  }
}
`;
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const child = spawn(nginxPath, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let said = '';
  child.stderr.on('data', (d) => { said += d; });
  children.push(child);
  // Wait until both ports answer.
  const end = Date.now() + 10_000;
  for (const port of [rootPort, subPort]) {
    for (;;) {
      try {
        await fetch(`http://127.0.0.1:${port}/`);
        break;
      } catch {
        if (Date.now() > end) {
          console.error(`crawl: nginx did not start:\n${said}`);
          process.exit(2);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }
  return { rootPort, subPort };
}

// ------------------------------------------------------------------ crawl

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const inPage = {
  facts: () => {
    const sheets = [...document.querySelectorAll('link[rel~="stylesheet"]')];
    const styled = getComputedStyle(document.documentElement).getPropertyValue('--link').trim() !== ''
      && sheets.every((l) => l.sheet !== null);
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id)
      .concat([...document.querySelectorAll('a[name]')].map((e) => e.getAttribute('name')));
    const links = [...document.querySelectorAll('a[href], area[href]')].map((a) => a.href);
    const files = [...document.querySelectorAll('img[src], source[src], link[href]:not([rel~="canonical"])')]
      .map((e) => e.src || e.href);
    return { styled, ids, links, files, title: document.title };
  },
};

/**
 * Crawls one place: `start` is the start page's URL, `inside(url)` says
 * whether a URL is part of the site, `fetchFile(url)` checks a file that is
 * not a page. Returns the problems found.
 */
async function crawl(site, place, start, inside, fetchFile, notFoundUrl) {
  const problems = [];
  const problem = (what) => problems.push(`${site.name} ${place}: ${what}`);
  const context = await browser.newContext();
  const page = await context.newPage();
  const failedLoads = [];
  // The 404 page's script asks folders above it for 404.html to find the
  // site; those answers are meant to be missing, and they are cut short when
  // the crawl moves on.
  const probe = (url) => url.endsWith('/404.html') && page.url() !== url;
  page.on('requestfailed', (r) => {
    if (!probe(r.url())) failedLoads.push(`${r.url()} (${r.failure()?.errorText})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== 'document' && !probe(r.url())) failedLoads.push(`${r.url()} (${r.status()})`);
  });

  const pageKey = (url) => {
    const u = new URL(url);
    u.hash = '';
    let s = u.href;
    if (s.endsWith('/')) s += 'index.html';
    return s;
  };
  const isPage = (url) => {
    const p = new URL(url).pathname;
    return p.endsWith('/') || p.endsWith('.html');
  };
  const queue = [pageKey(start)];
  const from = new Map([[pageKey(start), '(start)']]);
  const seen = new Set(queue);
  const idsOf = new Map();
  const wanted = []; // [page, fragment, linked from]
  const filesSeen = new Set();
  let n = 0;
  while (queue.length) {
    const url = queue.shift();
    n++;
    failedLoads.length = 0;
    let response;
    try {
      response = await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    } catch (err) {
      problem(`${url} (linked from ${from.get(url)}) did not load: ${String(err.message).split('\n')[0]}`);
      continue;
    }
    if (response && response.status() !== 200) {
      problem(`${url} (linked from ${from.get(url)}) answered ${response.status()}`);
      continue;
    }
    const facts = await page.evaluate(inPage.facts);
    if (!facts.styled) problem(`${url} is not styled (a stylesheet did not load, or the theme's rules do not apply)`);
    for (const f of failedLoads) problem(`${url} could not load ${f}`);
    idsOf.set(url, new Set(facts.ids));
    for (const link of facts.links) {
      const u = new URL(link);
      if (!['http:', 'https:', 'file:'].includes(u.protocol)) continue; // mailto:, tel:
      if (!inside(link)) {
        if (u.origin === new URL(start).origin || u.protocol === 'file:') problem(`${url} links outside the site's folder: ${link}`);
        continue; // another web site: not followed
      }
      if (!isPage(link)) {
        if (!filesSeen.has(pageKey(link))) {
          filesSeen.add(pageKey(link));
          const bad = await fetchFile(pageKey(link));
          if (bad) problem(`${url} links ${link}, which ${bad}`);
        }
        continue;
      }
      const key = pageKey(link);
      if (u.hash.length > 1) wanted.push([key, decodeURIComponent(u.hash.slice(1)), url]);
      if (!seen.has(key)) {
        seen.add(key);
        from.set(key, url);
        queue.push(key);
      }
    }
    for (const file of facts.files) {
      if (inside(file) && !filesSeen.has(pageKey(file))) {
        filesSeen.add(pageKey(file));
        const bad = await fetchFile(pageKey(file));
        if (bad) problem(`${url} uses ${file}, which ${bad}`);
      }
    }
  }
  for (const [key, id, linker] of wanted) {
    const ids = idsOf.get(key);
    if (ids && !ids.has(id)) problem(`${linker} links ${key}#${id}, but that page has no element with id "${id}"`);
  }
  // Every page of the output is reached by some link (404.html is reached
  // below, by a missing address).
  const startDir = pageKey(start).slice(0, pageKey(start).lastIndexOf('/') + 1);
  const reached = new Set([...idsOf.keys()].map((k) => k.slice(startDir.length)));
  const orphans = site.html.filter((h) => h !== '404.html' && !reached.has(h));
  for (const o of orphans) problem(`${o} is in the output, but no link leads to it`);

  // A missing address: the 404 page, styled, with links that work.
  let notFound = 'not tried';
  if (notFoundUrl) {
    failedLoads.length = 0;
    const response = await page.goto(notFoundUrl, { waitUntil: 'networkidle', timeout: 30_000 });
    const status = response ? response.status() : 0;
    if (notFoundUrl.startsWith('http') && status !== 404) problem(`the missing address ${notFoundUrl} answered ${status}, not 404`);
    const facts = await page.evaluate(inPage.facts);
    const isNotFound = await page.evaluate(() => document.querySelector('meta[name="malbild-not-found"]') !== null);
    if (!isNotFound) problem(`the missing address ${notFoundUrl} did not show the site's 404 page`);
    if (!facts.styled) problem(`the 404 page at ${notFoundUrl} is not styled`);
    for (const f of failedLoads) problem(`the 404 page at ${notFoundUrl} could not load ${f}`);
    if (shots) await page.screenshot({ path: join(shots, `404-${site.name}-${place.replace(/\W+/g, '_')}.png`), fullPage: true });
    let good = 0;
    for (const link of facts.links) {
      if (new URL(link).hash && pageKey(link) === pageKey(notFoundUrl)) continue; // the skip link
      const u = new URL(link);
      if (!['http:', 'https:', 'file:'].includes(u.protocol)) continue;
      if (!inside(link)) {
        if (u.origin === new URL(start).origin || u.protocol === 'file:') problem(`the 404 page at ${notFoundUrl} links outside the site's folder: ${link}`);
        continue;
      }
      if (!seen.has(pageKey(link))) {
        problem(`the 404 page at ${notFoundUrl} links ${link}, which is not a page of the site`);
        continue;
      }
      good++;
    }
    notFound = `404 page with ${good} working links`;
    // Without JavaScript its links are as written: right where the site is
    // at the path of base_url (or at the domain root without base_url).
    const written = await page.evaluate(() => document.querySelector('meta[name="malbild-not-found"]')?.content);
    if (notFoundUrl.startsWith('http') && written === new URL(start).pathname.replace(/index\.html$/, '')) {
      const bare = await browser.newContext({ javaScriptEnabled: false });
      const p = await bare.newPage();
      await p.goto(notFoundUrl, { waitUntil: 'load' });
      const plain = await p.evaluate(inPage.facts);
      const wrong = plain.links.filter((l) => l.startsWith(new URL(start).origin) && !(new URL(l).hash && pageKey(l) === pageKey(notFoundUrl)) && !seen.has(pageKey(l)));
      if (!plain.styled) problem(`the 404 page at ${notFoundUrl} is not styled without JavaScript`);
      for (const l of wrong) problem(`without JavaScript, the 404 page at ${notFoundUrl} links ${l}, which is not a page of the site`);
      await bare.close();
      notFound += ', also without JavaScript';
    }
  }
  await context.close();
  const total = problems.length;
  console.log(`${total ? 'FAIL' : 'ok  '} ${site.name} ${place}: ${n} pages, ${filesSeen.size} files (${[...filesSeen].filter((f) => f.endsWith('.pdf')).length} PDFs), ${wanted.length} #fragment links, ${notFound}; ${total} problems`);
  return problems;
}

async function httpFile(url) {
  try {
    const r = await fetch(url);
    if (r.status !== 200) return `answered ${r.status}`;
    const type = r.headers.get('content-type') || '';
    if (url.endsWith('.pdf') && !type.startsWith('application/pdf')) return `came as ${type}, not application/pdf`;
    await r.arrayBuffer();
    return null;
  } catch (err) {
    return `could not be fetched (${err.message})`;
  }
}

function diskFile(url) {
  return existsSync(fileURLToPath(url)) ? null : 'does not exist';
}

const problems = [];
for (const site of sites) {
  const { rootPort, subPort } = await startNginx(site);
  const atRoot = `http://127.0.0.1:${rootPort}/`;
  const atSub = `http://127.0.0.1:${subPort}${SUB}`;
  const onDisk = pathToFileURL(site.out).href + '/';
  problems.push(...await crawl(site, 'nginx at /', atRoot, (u) => u.startsWith(atRoot), httpFile, `${atRoot}finns/inte/alls/`));
  problems.push(...await crawl(site, `nginx under ${SUB}`, atSub, (u) => u.startsWith(atSub), httpFile, `${atSub}kalmar/finns-inte/`));
  problems.push(...await crawl(site, 'file://', `${onDisk}index.html`, (u) => u.startsWith(onDisk), diskFile, `${onDisk}404.html`));
  if (pdf && site.pdfs === 0 && site.name === 'site') problems.push(`${site.name}: --pdf made no PDF, so none was crawled`);
}
await browser.close();
for (const p of problems) console.log(`  ${p}`);
console.log(problems.length ? `crawl: ${problems.length} problems` : 'crawl: no problems');
process.exit(problems.length ? 1 : 0);
