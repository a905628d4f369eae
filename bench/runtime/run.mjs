#!/usr/bin/env node
// Runtime benchmark (issue 5): a page with a 1,000-row `wx:for` list (fixtures/bench-list),
// rendered side by side in one headless Chromium by
//   - WeChat's exparser: miniprogram-simulate's browser build (node_modules/miniprogram-simulate/
//     build.js, which bundles j-component and miniprogram-exparser), the template compiled by
//     WeChat's wcc (node_modules/miniprogram-compiler), as `compiler: 'official'` does;
//   - miniport: the fixture converted with `miniport convert` and served with `miniport serve`,
//     driven through WeChat's API as an app would (`getCurrentPages()[0].setData(…, cb)`, timed
//     from the call to the callback, which runs after the view is updated);
//   - bare DOM calls building (and updating) the same elements, as a floor.
// Every timed step ends with a forced layout (`document.body.offsetHeight`) on every side.
// Then the runtime's size: every `miniport/**/*.js` of a converted app, plain and `--minify`,
// raw and gzipped (zlib level 9, per file summed, and as one concatenated stream).
//
// Usage (from the repository root):
//   cargo build --release -p miniport
//   node bench/runtime/run.mjs            # Markdown table
//   node bench/runtime/run.mjs --json     # machine-readable
//   RUNS=20 ROWS=1000 MINIPORT_BIN=target/release/miniport node bench/runtime/run.mjs
//   SIZE_ONLY=1 MINIPORT_BIN=target/debug/miniport node bench/runtime/run.mjs   # the size tables alone
// RUNS (default 20) timed repetitions of each measure after 2 untimed warm-up rounds; medians.
// Only loopback addresses are served or contacted.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'package.json'));
const RUNS = Number(process.env.RUNS || 20);
const ROWS = Number(process.env.ROWS || 1000);
const WARMUP = 2;
// LAYOUT=0: no forced layout after a step (every side alike), to see the script and DOM work alone.
const LAYOUT = process.env.LAYOUT !== '0';
const json = process.argv.includes('--json');
const SIZE_ONLY = process.env.SIZE_ONLY === '1';
const bin = path.resolve(root, process.env.MINIPORT_BIN || 'target/release/miniport');
const fixture = path.join(root, 'fixtures/bench-list');
const pageDir = path.join(fixture, 'pages/list');
const VIEWPORT = { width: 375, height: 720 };
const log = (...a) => {
  if (!json) console.error(...a);
};

// ------------------------------------------------------------------ shared page material

/** The rows of a run; `tag` changes every name, so that each setData really changes them. */
function makeRows(n, tag) {
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = {
      id: i,
      name: `Contact ${i} ${tag}`,
      initial: String.fromCharCode(65 + (i % 26)),
      tone: i % 3,
      online: i % 4 === 0,
    };
  }
  return out;
}

/** The fixture's WXSS for the pages that are not miniport's: rpx at 375 px (1rpx = 0.5px). */
function pageCss() {
  const wxss = fs.readFileSync(path.join(pageDir, 'list.wxss'), 'utf8');
  const css = wxss.replace(/(-?\d*\.?\d+)rpx/g, (_, n) => `${Number(n) / 2}px`);
  // WeChat's base styles for the tags used (custom elements are inline by default).
  return `body{margin:0}wx-view{display:block}wx-text{display:inline}\n${css}`;
}

const blank = (css) =>
  `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style></head><body></body></html>`;

/** Median of a list of numbers. */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// ------------------------------------------------------------------ in-page drivers
// Each driver is installed in its page as `window.__bench` with the same four steps:
// first(rows): first render of the rows; fill(rows): an empty list receives the rows by
// setData; one(name): `list[500].name`; all(rows): every row changes; reset(): untimed.

function installExparser({ gwxSource, ROWS, LAYOUT, makeRowsSource }) {
  const makeRows = new Function(`return (${makeRowsSource})`)();
  window.__webview_engine_version__ = 0.02;
  const gwx = new Function(gwxSource)();
  const template = gwx('list.wxml');
  const methods = {
    onTap(e) {
      this.setData({ selected: e.currentTarget.dataset.id });
    },
  };
  const withRows = (rows) => simulate.load({ template, data: { title: 'Contacts', list: rows }, methods });
  const empty = simulate.load({ template, data: { title: 'Contacts', list: [] }, methods });
  let comp = null;
  const layout = () => (LAYOUT ? document.body.offsetHeight : 0);
  const drop = () => {
    if (comp) {
      comp.detach();
      comp = null;
    }
  };
  window.__bench = {
    first(tag) {
      drop();
      const id = withRows(makeRows(ROWS, tag)); // registering the definition is not timed
      const t0 = performance.now();
      comp = simulate.render(id);
      comp.attach(document.body);
      layout();
      return performance.now() - t0;
    },
    fill(tag) {
      drop();
      comp = simulate.render(empty);
      comp.attach(document.body);
      layout();
      const rows = makeRows(ROWS, tag);
      const t0 = performance.now();
      comp.setData({ list: rows });
      layout();
      return performance.now() - t0;
    },
    one(tag) {
      const t0 = performance.now();
      comp.setData({ 'list[500].name': `changed ${tag}` });
      layout();
      return performance.now() - t0;
    },
    all(tag) {
      const rows = makeRows(ROWS, `all ${tag}`);
      const t0 = performance.now();
      comp.setData({ list: rows });
      layout();
      return performance.now() - t0;
    },
    check() {
      const rows = document.querySelectorAll('.row');
      return {
        rows: rows.length,
        row500: rows[500] ? rows[500].textContent : null,
        dataId: rows[7] && rows[7].getAttribute('data-id'),
      };
    },
  };
}

function installMiniport({ ROWS, LAYOUT, makeRowsSource }) {
  const makeRows = new Function(`return (${makeRowsSource})`)();
  const layout = () => (LAYOUT ? document.body.offsetHeight : 0);
  const page = () => getCurrentPages()[0];
  const timed = (patch) =>
    new Promise((resolve) => {
      const t0 = performance.now();
      page().setData(patch, () => {
        layout();
        resolve(performance.now() - t0);
      });
    });
  const settle = (patch) =>
    new Promise((resolve) =>
      page().setData(patch, () => {
        layout();
        resolve();
      }),
    );
  window.__bench = {
    async first(tag) {
      await settle({ list: [] });
      const rows = makeRows(ROWS, tag);
      return timed({ list: rows });
    },
    async fill(tag) {
      return this.first(tag);
    },
    one(tag) {
      return timed({ 'list[500].name': `changed ${tag}` });
    },
    all(tag) {
      return timed({ list: makeRows(ROWS, `all ${tag}`) });
    },
    check() {
      const rows = document.querySelectorAll('.row');
      return {
        rows: rows.length,
        row500: rows[500] ? rows[500].textContent : null,
        dataId: rows[7] && rows[7].getAttribute('data-id'),
      };
    },
  };
}

function installBare({ ROWS, LAYOUT, makeRowsSource }) {
  const makeRows = new Function(`return (${makeRowsSource})`)();
  const layout = () => (LAYOUT ? document.body.offsetHeight : 0);
  let list = null;
  let names = [];
  let indexes = [];
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const build = (rows) => {
    const root = el('wx-view', 'list');
    root.appendChild(el('wx-view', 'list-header', `Contacts (${rows.length})`));
    names = new Array(rows.length);
    indexes = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const item = rows[i];
      const row = el('wx-view', item.online ? 'row row--online' : 'row ');
      row.dataset.id = item.id;
      row.appendChild(el('wx-view', `avatar avatar--${item.tone}`, item.initial));
      const body = el('wx-view', 'row-body');
      body.appendChild((indexes[i] = el('wx-text', 'row-index', `${i + 1}.`)));
      body.appendChild((names[i] = el('wx-text', 'row-name', item.name)));
      row.appendChild(body);
      root.appendChild(row);
    }
    return root;
  };
  window.__bench = {
    first(tag) {
      if (list) list.remove();
      const rows = makeRows(ROWS, tag);
      const t0 = performance.now();
      list = build(rows);
      document.body.appendChild(list);
      layout();
      return performance.now() - t0;
    },
    fill(tag) {
      return this.first(tag);
    },
    one(tag) {
      const t0 = performance.now();
      names[500].textContent = `changed ${tag}`;
      layout();
      return performance.now() - t0;
    },
    all(tag) {
      const rows = makeRows(ROWS, `all ${tag}`);
      const t0 = performance.now();
      for (let i = 0; i < rows.length; i++) names[i].textContent = rows[i].name;
      layout();
      return performance.now() - t0;
    },
    check() {
      const rows = document.querySelectorAll('.row');
      return {
        rows: rows.length,
        row500: rows[500] ? rows[500].textContent : null,
        dataId: rows[7] && rows[7].getAttribute('data-id'),
      };
    },
  };
}

// ------------------------------------------------------------------ miniport: convert, serve

function convert(extra) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'miniport-bench-'));
  const out = path.join(dir, 'out');
  const run = spawnSync(bin, ['convert', fixture, '-o', out, ...extra], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`miniport convert failed (${run.status}): ${run.stderr}`);
  return { out, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function serve(dir) {
  const child = spawn(bin, ['serve', dir, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 10000);
    child.stderr.on('data', (chunk) => {
      err += chunk;
      const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited ${code}: ${err}`));
    });
  });
  return { url, close: () => child.kill() };
}

/** Opens the converted app; null (with the reason) when its framework is not there yet. */
async function openMiniport(browser, cleanups) {
  if (!fs.existsSync(bin))
    return { reason: `no binary at ${path.relative(root, bin)} (cargo build --release -p miniport)` };
  const conv = convert(['--minify']);
  cleanups.push(conv.cleanup);
  const server = await serve(conv.out);
  cleanups.push(server.close);
  const page = await browser.newPage({ viewport: VIEWPORT });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(server.url);
  try {
    await page.waitForSelector('html[data-miniport-ready]', { timeout: 10000 });
  } catch {
    return { reason: `the app did not boot ${errors.join('; ')}` };
  }
  const ready = await page.evaluate(() => ({
    state: document.documentElement.dataset.miniportReady,
    api:
      typeof getCurrentPages === 'function'
      && getCurrentPages().length > 0
      && typeof getCurrentPages()[0].setData === 'function',
  }));
  if (ready.state !== 'true' || !ready.api)
    return { reason: `getCurrentPages()[0].setData is not there (${ready.state}) ${errors.join('; ')}` };
  return { page, errors };
}

// ------------------------------------------------------------------ size

function gz(buf) {
  return zlib.gzipSync(buf, { level: 9 }).length;
}

function walk(dir, out = []) {
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/**
 * The runtime modules an app loads: the static import graph of `miniport/index.js` (relative
 * `import`/`export … from` specifiers), as output paths.
 */
function importGraph(out) {
  const seen = new Set();
  const stack = ['miniport/index.js'];
  const re = /(?:\bimport|\bexport)\s*(?:[\w*{}\s,$]*?\sfrom\s*)?['"]([^'"]+)['"]/g;
  while (stack.length) {
    const file = stack.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const text = fs.readFileSync(path.join(out, file), 'utf8');
    for (const m of text.matchAll(re)) {
      if (m[1].startsWith('.')) stack.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1])));
    }
  }
  return seen;
}

/**
 * Bytes of the runtime in a converted app: raw, gzip per file summed, gzip of all files as one
 * stream — for every `miniport/**\/*.js`, for the modules an app loads (`graph`, the import
 * graph of the entry, computed on the plain output), and for the CSS.
 */
function runtimeSize(out, graph) {
  const files = walk(path.join(out, 'miniport'));
  const rel = (f) => path.relative(out, f).split(path.sep).join('/');
  const measure = (list) => {
    const bufs = list.map((f) => fs.readFileSync(f));
    return {
      files: list.length,
      raw: bufs.reduce((s, b) => s + b.length, 0),
      gzipPerFile: bufs.reduce((s, b) => s + gz(b), 0),
      gzipConcat: gz(Buffer.concat(bufs)),
    };
  };
  const js = files.filter((f) => f.endsWith('.js'));
  return {
    js: measure(js),
    loaded: measure(js.filter((f) => graph.has(rel(f)))),
    notLoaded: js.filter((f) => !graph.has(rel(f))).map(rel),
    css: measure(files.filter((f) => f.endsWith('.css'))),
  };
}

function sizes() {
  if (!fs.existsSync(bin)) return null;
  const plain = convert([]);
  const small = convert(['--minify']);
  try {
    const exparser = fs.readFileSync(require.resolve('miniprogram-exparser/exparser.min.js'));
    const graph = importGraph(plain.out);
    return {
      plain: runtimeSize(plain.out, graph),
      minified: runtimeSize(small.out, graph),
      exparser: { raw: exparser.length, gzip: gz(exparser) },
    };
  } finally {
    plain.cleanup();
    small.cleanup();
  }
}

/** The binary embeds the runtime at build time: say so when runtime-shim/src is newer. */
function staleBinary() {
  if (!fs.existsSync(bin)) return null;
  const built = fs.statSync(bin).mtimeMs;
  const newer = walk(path.join(root, 'runtime-shim/src')).filter((f) => fs.statSync(f).mtimeMs > built);
  return newer.length
    ? `${path.relative(root, bin)} is older than ${newer.length} runtime file(s) `
        + `(${path.relative(root, newer[0])}, …): rebuild it to measure the current runtime`
    : null;
}

// ------------------------------------------------------------------ main

/** SIZE_ONLY=1: the runtime's size alone, without the browser (any build of the binary gives the same files). */
function sizeOnly() {
  const size = sizes();
  if (!size) throw new Error(`no miniport binary at ${bin}`);
  const result = { date: new Date().toISOString(), size, stale: staleBinary() };
  if (json) console.log(JSON.stringify(result, null, 2));
  else printSize(result);
}

async function main() {
  if (SIZE_ONLY) return sizeOnly();
  const compiler = require('miniprogram-compiler');
  const gwxSource = compiler.wxmlToJs(pageDir);
  const args = { gwxSource, ROWS, LAYOUT, makeRowsSource: makeRows.toString() };
  const cleanups = [];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--js-flags=--expose-gc',
    ],
  });
  try {
    const sides = {};
    const exparser = await browser.newPage({ viewport: VIEWPORT });
    await exparser.setContent(blank(pageCss()));
    await exparser.addScriptTag({ path: require.resolve('miniprogram-simulate/build.js') });
    await exparser.evaluate(installExparser, args);
    sides.exparser = exparser;

    const bare = await browser.newPage({ viewport: VIEWPORT });
    await bare.setContent(blank(pageCss()));
    await bare.evaluate(installBare, args);
    sides.bare = bare;

    const mp = await openMiniport(browser, cleanups);
    let miniportNote = null;
    if (mp.page) {
      await mp.page.evaluate(installMiniport, args);
      sides.miniport = mp.page;
    } else {
      miniportNote = `miniport: framework not available (${mp.reason.trim()})`;
      log(miniportNote);
    }

    const steps = ['first', 'fill', 'one', 'all'];
    const times = {};
    for (const side of Object.keys(sides)) times[side] = Object.fromEntries(steps.map((s) => [s, []]));
    for (let run = 0; run < WARMUP + RUNS; run++) {
      // Interleaved: every side sees the same machine load.
      for (const [side, page] of Object.entries(sides)) {
        await page.bringToFront();
        const r = await page.evaluate(async (tag) => {
          if (globalThis.gc) globalThis.gc();
          const b = window.__bench;
          const out = {};
          out.fill = await b.fill(tag);
          out.first = await b.first(tag);
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          out.one = await b.one(tag);
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          out.all = await b.all(tag);
          return out;
        }, `r${run}`);
        if (run >= WARMUP) for (const s of steps) times[side][s].push(r[s]);
      }
      log(`run ${run + 1}/${WARMUP + RUNS}`);
    }
    // The three sides rendered the same rows.
    const checks = {};
    for (const [side, page] of Object.entries(sides)) checks[side] = await page.evaluate(() => window.__bench.check());
    const medians = {};
    for (const side of Object.keys(times))
      medians[side] = Object.fromEntries(steps.map((s) => [s, median(times[side][s])]));
    const ratios = {};
    if (medians.miniport) {
      for (const s of steps) ratios[s] = medians.miniport[s] / medians.exparser[s];
    }
    const size = sizes();
    const stale = staleBinary();
    const result = {
      date: new Date().toISOString(),
      machine:
        `${os.cpus().length}× ${os.cpus()[0]?.model || '?'}, `
        + `${Math.round(os.totalmem() / 2 ** 30)} GiB, load ${os.loadavg()[0].toFixed(2)}`,
      chromium: browser.version(),
      rows: ROWS,
      runs: RUNS,
      layout: LAYOUT,
      medians,
      ratios,
      times,
      checks,
      miniport: miniportNote,
      miniportErrors: mp.errors || [],
      size,
      stale,
    };
    if (json) console.log(JSON.stringify(result, null, 2));
    else printTable(result);
  } finally {
    await browser.close();
    for (const c of cleanups) c();
  }
}

// DESIGN.md's targets for miniport / exparser, per measure.
const TARGETS = { first: 0.25, fill: undefined, one: 0.1, all: 0.5 };
const BUDGET_GZIP = 25 * 1024;

function printTable(r) {
  const ms = (x) => (x === undefined ? '—' : `${x.toFixed(2)} ms`);
  const ratio = (x) => (x === undefined ? '—' : `${x.toFixed(2)}×`);
  const labels = {
    first: `first render of ${r.rows} rows (exparser: create + attach; miniport: setData into the empty page)`,
    fill: `setData of ${r.rows} rows into an empty list`,
    one: "setData of one row ('list[500].name')",
    all: `setData of all ${r.rows} rows (every name changes)`,
  };
  console.log(
    `Chromium ${r.chromium}; ${r.machine}; medians of ${r.runs}; `
      + `${r.layout ? 'each step ends with a forced layout' : 'no forced layout'}; ${r.date}`,
  );
  console.log();
  console.log('| measure | exparser | miniport | miniport / exparser | target | bare DOM | miniport / bare |');
  console.log('|---|---|---|---|---|---|---|');
  for (const s of ['first', 'fill', 'one', 'all']) {
    const mp = r.medians.miniport?.[s];
    const target = TARGETS[s] === undefined ? '—' : `≤ ${TARGETS[s]}×`;
    console.log(
      `| ${labels[s]} | ${ms(r.medians.exparser[s])} | ${ms(mp)} | ${ratio(r.ratios[s])} | ${target} | `
        + `${ms(r.medians.bare[s])} | ${ratio(mp === undefined ? undefined : mp / r.medians.bare[s])} |`,
    );
  }
  if (r.miniport) console.log(`\n${r.miniport}`);
  if (r.miniportErrors.length) console.log(`\nminiport page errors: ${r.miniportErrors.join('; ')}`);
  console.log(`\nrendered (rows, text of row 500, data-id of row 7): ${JSON.stringify(r.checks)}`);
  printSize(r);
}

/** The size tables of a result. */
function printSize(r) {
  if (r.size) {
    const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
    console.log('\n| runtime (miniport/**) | files | raw | gzip -9 per file, summed | gzip -9 as one stream |');
    console.log('|---|---|---|---|---|');
    const rows = [
      ['all JS, plain', r.size.plain.js],
      ['all JS, --minify', r.size.minified.js],
      ['JS an app loads (import graph of index.js), plain', r.size.plain.loaded],
      ['JS an app loads, --minify', r.size.minified.loaded],
      ['CSS (not minified)', r.size.minified.css],
    ];
    for (const [label, s] of rows) {
      console.log(`| ${label} | ${s.files} | ${kb(s.raw)} | ${kb(s.gzipPerFile)} | ${kb(s.gzipConcat)} |`);
    }
    console.log(
      `| exparser.min.js (reference) | 1 | ${kb(r.size.exparser.raw)} | ${kb(r.size.exparser.gzip)} | `
        + `${kb(r.size.exparser.gzip)} |`,
    );
    const js = r.size.minified.loaded;
    console.log(`\nnot loaded by an app: ${r.size.minified.notLoaded.join(', ') || 'none'}`);
    console.log(
      `budget ${kb(BUDGET_GZIP)} gzipped: the minified JS an app loads is `
        + `${(js.gzipConcat / BUDGET_GZIP).toFixed(2)}× of it (one stream), `
        + `${(js.gzipPerFile / BUDGET_GZIP).toFixed(2)}× (per file)`,
    );
  }
  if (r.stale) console.log(`\nwarning: ${r.stale}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
