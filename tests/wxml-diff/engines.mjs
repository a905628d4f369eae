// The three renderers of a case: WeChat's wcc (the oracle), miniprogram-simulate with the
// official compiler, and miniport (convert + the render tool). Each returns the normal form
// of `normalize.mjs`, or throws.
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { fromWcc, fromDom } from './normalize.mjs';

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const CASES = path.join(ROOT, 'tests/wxml-diff/cases');

/** Every case: { name, dir, files: { relPath: text }, data } */
export function loadCases() {
  return fs
    .readdirSync(CASES)
    .filter((n) => fs.statSync(path.join(CASES, n)).isDirectory())
    .sort()
    .map((name) => {
      const dir = path.join(CASES, name);
      const files = {};
      const walk = (d) => {
        for (const f of fs.readdirSync(d)) {
          const p = path.join(d, f);
          if (fs.statSync(p).isDirectory()) walk(p);
          else files[path.relative(dir, p).split(path.sep).join('/')] = fs.readFileSync(p, 'utf8');
        }
      };
      walk(dir);
      const data = JSON.parse(files['data.json']);
      delete files['data.json'];
      return { name, dir, files, data };
    });
}

function writeFiles(root, files) {
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
}

export const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'wxml-diff-'));
// Kept when a test failed (the messages point into it), removed otherwise.
process.on('exit', (code) => {
  if (!code && !process.exitCode) fs.rmSync(TMP, { recursive: true, force: true });
});

// ---------------------------------------------------------------- (a) WeChat's wcc

const compiler = require('miniprogram-compiler');
const wccSource = new Map(); // case root → generated JS, shared with simulate (one wcc run per case)
const originalWxmlToJs = compiler.wxmlToJs.bind(compiler);
compiler.wxmlToJs = (rootPath, options) => wccSource.get(rootPath) ?? originalWxmlToJs(rootPath, options);

/**
 * Compile the case with wcc (every .wxml and .wxs of the case on its command line, as the
 * package does) into a component-shaped folder that simulate can load as well.
 * Returns { root, js }.
 */
export function wccCompile(c) {
  const root = path.join(TMP, 'c', c.name);
  fs.mkdirSync(root, { recursive: true });
  writeFiles(root, c.files);
  fs.writeFileSync(path.join(root, 'index.json'), '{"component":true}');
  fs.writeFileSync(path.join(root, 'index.js'), `Component({ data: ${JSON.stringify(c.data)} })\n`);
  const js = compiler.wxmlToJs(root);
  wccSource.set(root, js);
  return { root, js };
}

/** Run wcc's generated code for index.wxml with the case's data. Returns { tree, warnings }. */
export function wccRender(js, data) {
  const warnings = [];
  const sink = (...a) => warnings.push(a.map(String).join(' '));
  // wcc's code reads `window`; without `__webview_engine_version__` it flattens its
  // virtual (block/if/for/template) nodes itself, which is what reaches the screen. WXS's
  // `this` compiles to `this.constructor===Window?{}:this`: the global is a `Window`.
  class Window {}
  const global = Object.assign(new Window(), { Window, console: { log: sink, warn: sink, error: sink, info: sink } });
  const context = vm.createContext(global);
  context.window = context;
  const gwx = vm.runInContext(`(function(){${js}\n})()`, context, { timeout: 5000 });
  const render = gwx('index.wxml');
  if (typeof render !== 'function') throw new Error('wcc produced no render function for index.wxml');
  // The data must be made in the context's own realm: wcc's deep copy and its WXS helpers
  // (`nv_join`, …) recognise arrays by `constructor === Array` and prototype methods.
  const env = vm.runInContext(`JSON.parse(${JSON.stringify(JSON.stringify(data))})`, context);
  const tree = render(env, {}, {});
  return { raw: tree, tree: fromWcc(tree), warnings };
}

// ---------------------------------------------------------------- (b) miniprogram-simulate

let simulate;
let jsdom;
function jsdomModule() {
  if (!jsdom) jsdom = require('jsdom');
  return jsdom;
}

export function setupSimulate() {
  if (simulate) return simulate;
  const { JSDOM } = jsdomModule();
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { pretendToBeVisual: true });
  const w = dom.window;
  // miniprogram-simulate is written for a jsdom test environment: it needs these globals.
  global.window = w;
  // `Window`: wcc compiles WXS's `this` to `this.constructor===Window?{}:this`.
  for (const k of [
    'document',
    'navigator',
    'Node',
    'Element',
    'HTMLElement',
    'Event',
    'CustomEvent',
    'MutationObserver',
    'getComputedStyle',
    'requestAnimationFrame',
    'cancelAnimationFrame',
    'Window',
  ]) {
    if (!(k in global) || k === 'Event' || k === 'CustomEvent') {
      Object.defineProperty(global, k, { value: w[k], configurable: true, writable: true });
    }
  }
  simulate = require('miniprogram-simulate');
  return simulate;
}

export const SIM_TAG = 'wxml-case';
const SIM_PREFIX = `${SIM_TAG}--`;

/** Load the compiled case folder as a component, attach it, and normalise its DOM. */
export function simulateRender(root) {
  const sim = setupSimulate();
  const warnings = [];
  const { warn, error, log } = console;
  console.warn = console.error = console.log = (...a) => warnings.push(a.map(String).join(' '));
  // wcc's code caches its expression tables in the global `__WXML_GLOBAL__` under names
  // that every compilation shares ($gwx_1, …): start each case with empty tables. (It also
  // installs its `nv_*` helpers on the built-in prototypes once, marked by `wxs_nf_init`.)
  const g = globalThis.__WXML_GLOBAL__;
  if (g) Object.assign(g, { ops_cached: {}, ops_set: {}, ops_init: {} });
  try {
    const id = sim.load(path.join(root, 'index'), SIM_TAG, { compiler: 'official', rootPath: root });
    const comp = sim.render(id);
    const host = document.createElement('wxml-host');
    comp.attach(host);
    const hostEl = host.firstElementChild;
    const tree = fromDom(hostEl, {
      raw: true,
      classPrefix: SIM_PREFIX,
      // exparser keeps `id` on its node, not in the DOM; j-component keeps the parsed event
      // bindings on the node's virtual tree entry.
      extra(domEl, el) {
        const ex = domEl.__wxElement;
        if (!ex) return;
        if (ex.id) el.attrs.id = String(ex.id);
        const ev = (ex._vt && ex._vt.event) || {};
        for (const k of Object.keys(ev)) {
          const e = ev[k];
          const kind = `${e.isCapture ? 'capture-' : ''}${e.isMutated ? 'mut-' : ''}${e.isCatch ? 'catch' : 'bind'}`;
          el.events.push(`${kind}:${e.name}=${e.handler == null ? '' : String(e.handler)}`);
        }
      },
      decodeOf(domEl) {
        const ex = domEl.__wxElement;
        const attrs = (ex && ex._vt && ex._vt.attrs) || [];
        const d = attrs.find((a) => a.name === 'decode');
        return !!(d && d.value);
      },
    });
    comp.detach();
    return { tree, warnings, html: hostEl.innerHTML };
  } finally {
    Object.assign(console, { warn, error, log });
  }
}

// ---------------------------------------------------------------- (c) miniport

export const MINIPORT_BIN = path.join(ROOT, 'target/debug/miniport');
// MINIPORT_DIFF_RENDER_TOOL points the suite at another render tool (to test the harness).
export const RENDER_TOOL = process.env.MINIPORT_DIFF_RENDER_TOOL || path.join(ROOT, 'runtime-shim/tools/render.mjs');

function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), 30000);
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out, err });
    });
    p.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: -1, out, err: String(e) });
    });
  });
}

/** The case as a one-page mini-program: pages/index/index plus the case's extra files. */
export function miniportApp(c) {
  const app = path.join(TMP, 'm', c.name, 'src');
  fs.mkdirSync(app, { recursive: true });
  fs.writeFileSync(path.join(app, 'app.json'), JSON.stringify({ pages: ['pages/index/index'] }));
  fs.writeFileSync(path.join(app, 'app.js'), 'App({})\n');
  const page = path.join(app, 'pages/index');
  writeFiles(page, c.files);
  fs.writeFileSync(path.join(page, 'index.js'), `Page({ data: ${JSON.stringify(c.data)} })\n`);
  fs.writeFileSync(path.join(page, 'index.json'), '{}');
  return app;
}

let renderQueue = Promise.resolve();

/**
 * What `render.mjs <dist> <route>` prints, computed in this process with the render tool's own
 * host (one jsdom app at a time: the host sets the DOM globals), which saves a Node start per case.
 */
function renderInProcess(dist, route) {
  const job = renderQueue.then(async () => {
    const { createApp } = await import(path.join(ROOT, 'runtime-shim/tools/dom-host.mjs'));
    const app = await createApp(dist);
    try {
      const mounted = await app.mountPage(route);
      return { code: 0, out: mounted.html(), err: app.warnings.join('\n') };
    } catch (e) {
      return { code: 1, out: '', err: String(e && e.stack ? e.stack : e) };
    } finally {
      app.close();
    }
  });
  renderQueue = job.catch(() => {});
  return job;
}

/** Convert and render one case; resolves to { tree, html, convert } or { error }. */
export async function miniportRender(c) {
  const app = miniportApp(c);
  const dist = path.join(TMP, 'm', c.name, 'dist');
  fs.rmSync(dist, { recursive: true, force: true });
  const conv = await run(MINIPORT_BIN, [
    'convert',
    app,
    '-o',
    dist,
    '--target',
    'web',
    '--jobs',
    '1',
    '--format',
    'json',
  ]);
  let report = null;
  try {
    report = JSON.parse(conv.out);
  } catch {
    // not JSON: reported below through the exit code
  }
  const diagnostics = (report && report.diagnostics) || [];
  const templateErrors = diagnostics.filter((d) => d.severity === 'error' && /\.wx(ml|s)$/.test(d.file || ''));
  if (conv.code !== 0 && conv.code !== 1) {
    return {
      error: `miniport convert exited ${conv.code}${conv.signal ? ` (${conv.signal})` : ''}:\n${conv.err}${conv.out}`,
      templateErrors,
    };
  }
  if (c.name.endsWith('-rejected')) return { templateErrors, diagnostics };
  const r = process.env.MINIPORT_DIFF_RENDER_TOOL
    ? await run(process.execPath, [RENDER_TOOL, dist, 'pages/index/index'], { cwd: ROOT })
    : await renderInProcess(dist, 'pages/index/index');
  if (r.code !== 0) return { error: `render.mjs exited ${r.code}:\n${r.err}${r.out}`, diagnostics };
  const { JSDOM } = jsdomModule();
  const frag = JSDOM.fragment(`<wxml-root>${r.out}</wxml-root>`);
  const tree = fromDom(frag.firstChild, { raw: false });
  return { tree, html: r.out, diagnostics };
}

/** Run async jobs with at most `n` at a time. */
export async function pool(items, n, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return results;
}
