// Shared machinery of the framework comparison: WeChat's exparser (miniprogram-simulate with
// the official compiler) on one side, miniport (convert in library mode, then the render tool or
// the jsdom host) on the other, both read into the normal form of tests/wxml-diff/normalize.mjs.
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { setupSimulate, MINIPORT_BIN, ROOT, pool } from '../wxml-diff/engines.mjs';
import { fromDom, project, print, normStyle } from '../wxml-diff/normalize.mjs';

export { ROOT, MINIPORT_BIN, pool, print };
const require = createRequire(import.meta.url);

export const RENDER_TOOL = path.join(ROOT, 'runtime-shim/tools/render.mjs');
export const DOM_HOST = path.join(ROOT, 'runtime-shim/tools/dom-host.mjs');
export const DIR = path.join(ROOT, 'tests/framework-diff');

export const LIBRARIES = {
  vant: { name: '@vant/weapp', root: path.join(ROOT, 'node_modules/@vant/weapp/lib') },
  weui: { name: 'weui-miniprogram', root: path.join(ROOT, 'node_modules/weui-miniprogram/miniprogram_dist') },
};

export const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'framework-diff-'));
process.on('exit', (code) => {
  if (!code && !process.exitCode && !process.env.FRAMEWORK_DIFF_KEEP) fs.rmSync(TMP, { recursive: true, force: true });
});

// ---------------------------------------------------------------- the libraries' components

/** Every component of a library folder: paths (no extension) whose JSON says `component: true`. */
export function listComponents(root) {
  const out = [];
  const walk = (dir) => {
    for (const f of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, f);
      if (fs.statSync(p).isDirectory()) {
        if (f !== 'node_modules') walk(p);
      } else if (f.endsWith('.json')) {
        const base = p.slice(0, -5);
        let json;
        try {
          json = JSON.parse(fs.readFileSync(p, 'utf8'));
        } catch {
          continue;
        }
        if (json && json.component === true && fs.existsSync(`${base}.js`) && fs.existsSync(`${base}.wxml`)) {
          out.push({ path: path.relative(root, base).split(path.sep).join('/'), json });
        }
      }
    }
  };
  walk(root);
  return out;
}

/** Every tag name a library's components use for each other (simulate prefixes classes with them). */
export function usedTags(root) {
  const tags = new Set();
  for (const c of listComponents(root)) for (const k of Object.keys(c.json.usingComponents || {})) tags.add(k);
  return tags;
}

// ---------------------------------------------------------------- WeChat's side: exparser

export const ROOT_TAG = 'fd-root';

/** Run fn with console output collected instead of printed. */
export function quietly(fn) {
  const messages = [];
  const saved = { warn: console.warn, error: console.error, log: console.log, info: console.info };
  console.warn = console.error = console.log = console.info = (...a) => messages.push(a.map(String).join(' '));
  try {
    return { value: fn(), messages };
  } finally {
    Object.assign(console, saved);
  }
}

/** exparser keeps `id` on its node, not in the DOM. */
function simulateExtra(domEl, el) {
  const ex = domEl.__wxElement;
  if (ex && ex.id) el.attrs.id = String(ex.id);
}

function simulateDecode(domEl) {
  const ex = domEl.__wxElement;
  const attrs = (ex && ex._vt && ex._vt.attrs) || [];
  const d = attrs.find((a) => a.name === 'decode');
  return !!(d && d.value);
}

/**
 * Strip simulate's style-isolation prefix (`<tag>--`, the tag of the component whose template
 * the class was written in) from every class token. `tags` are the tag names in use.
 */
export function stripPrefixes(nodes, tags) {
  for (const n of nodes) {
    if (n.text !== undefined) continue;
    if (n.attrs.class) {
      const toks = n.attrs.class.split(' ').map((t) => {
        const i = t.indexOf('--');
        return i > 0 && tags.has(t.slice(0, i)) ? t.slice(i + 2) : t;
      });
      const c = [...new Set(toks)].filter(Boolean).sort().join(' ');
      if (c) n.attrs.class = c;
      else delete n.attrs.class;
    }
    stripPrefixes(n.children, tags);
  }
  return nodes;
}

/** simulate rewrites `Nrpx` to `Npx` in styles; both sides are compared that way. */
function rpxToPx(nodes) {
  for (const n of nodes) {
    if (n.text !== undefined) continue;
    if (n.attrs.style) {
      const s = normStyle(n.attrs.style.replace(/(\d+)rpx/gi, '$1px'));
      if (s) n.attrs.style = s;
      else delete n.attrs.style;
    }
    rpxToPx(n.children);
  }
  return nodes;
}

/**
 * j-component prints exparser's virtual nodes (a `virtualHost` component's host, some
 * template nodes) as `<virtual>` elements; WeChat puts no element in the page for them.
 */
function flattenVirtual(nodes) {
  const out = [];
  for (const n of nodes) {
    if (n.text === undefined && n.tag === 'virtual') out.push(...flattenVirtual(n.children));
    else {
      if (n.text === undefined) n.children = flattenVirtual(n.children);
      out.push(n);
    }
  }
  // text runs that became adjacent
  const joined = [];
  for (const n of out) {
    const last = joined[joined.length - 1];
    if (n.text !== undefined && last && last.text !== undefined) last.text += n.text;
    else joined.push(n);
  }
  return joined;
}

/** The normal form of a simulate component's shadow content (children of its host element). */
export function simulateTree(hostEl, tags) {
  const tree = fromDom(hostEl, { raw: true, extra: simulateExtra, decodeOf: simulateDecode });
  return rpxToPx(stripPrefixes(flattenVirtual(tree), tags));
}

/** miniport's HTML (render tool format) → normal form. */
export function htmlTree(html) {
  const { JSDOM } = require('jsdom');
  const frag = JSDOM.fragment(`<fd-html-root>${html}</fd-html-root>`);
  return rpxToPx(fromDom(frag.firstChild, { raw: false }));
}

/** What is compared: tags, class, style, id, data-*, text (no events, no other attributes). */
export function visible(name) {
  return name === 'class' || name === 'style' || name === 'id' || name.startsWith('data-');
}

export function printTree(tree) {
  return print(project(tree, { attrs: visible, events: false }));
}

export { setupSimulate };

/**
 * Load one library component in simulate (once) and render it with `props`.
 * Returns { text, messages } or throws.
 */
export function simulateLibrary(libRoot, compPath, tags) {
  const sim = setupSimulate();
  // A WeChat global that the libraries probe (vant's page-scroll mixin); the component is
  // mounted outside any page, as on miniport's side.
  if (typeof globalThis.getCurrentPages !== 'function') globalThis.getCurrentPages = () => [];
  // Each load runs the library's modules afresh: webpack-bundled libraries (weui) keep their
  // modules in a shared chunk whose cache would otherwise skip the second `Component()` call.
  for (const k of Object.keys(require.cache)) if (k.startsWith(libRoot + path.sep)) delete require.cache[k];
  const { value: id, messages: loadMessages } = quietly(() =>
    sim.load(path.join(libRoot, compPath), ROOT_TAG, { compiler: 'official', rootPath: libRoot }),
  );
  return {
    loadMessages,
    render(props) {
      const { value, messages } = quietly(() => {
        const comp = sim.render(id, props);
        const parent = document.createElement('fd-parent');
        comp.attach(parent);
        const tree = simulateTree(parent.firstElementChild, tags);
        const html = parent.innerHTML;
        const dataKeys = comp.data ? Object.keys(comp.data).length : 0;
        try {
          comp.detach();
        } catch {
          // j-component cannot detach a virtual host; the tree is already read
        }
        return { tree, html, dataKeys };
      });
      return { ...value, messages };
    },
  };
}

// ---------------------------------------------------------------- miniport's side

export function run(cmd, args, opts = {}, timeout = 60000) {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeout);
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

/** Convert a source folder (a library: library mode) once. Returns { dist, report } or throws. */
export async function convert(src, name) {
  const dist = path.join(TMP, name);
  fs.rmSync(dist, { recursive: true, force: true });
  const r = await run(MINIPORT_BIN, ['convert', src, '-o', dist, '--target', 'web', '--format', 'json']);
  let report = null;
  try {
    report = JSON.parse(r.out);
  } catch {
    // reported below
  }
  if (r.code !== 0 && r.code !== 1) throw new Error(`miniport convert ${src} exited ${r.code}:\n${r.err}${r.out}`);
  return { dist, report };
}

export const haveDomHost = () => fs.existsSync(DOM_HOST);
let domHost;
export async function loadDomHost() {
  if (!domHost) domHost = await import(pathToFileURL(DOM_HOST).href);
  return domHost;
}

const apps = new Map();
/** One jsdom app per converted folder (runtime-shim/tools/dom-host.mjs createApp), reused. */
export async function appFor(dist) {
  if (!apps.has(dist))
    apps.set(
      dist,
      loadDomHost().then((h) => h.createApp(dist)),
    );
  return apps.get(dist);
}
export async function closeApps() {
  for (const app of apps.values()) (await app).close();
  apps.clear();
}

/**
 * Render one component of a converted library as the render tool prints it: in this process
 * through the render tool's own host (dom-host.mjs, one jsdom app per library), or with
 * FRAMEWORK_DIFF_CLI=1 by running the render tool CLI once per case.
 */
export async function miniportRender(dist, compPath, props) {
  if (process.env.FRAMEWORK_DIFF_CLI !== '1' && haveDomHost()) {
    const app = await appFor(dist);
    const before = app.warnings.length;
    const m = await app.mountComponent(compPath, props);
    try {
      const data = m.instance && m.instance.data;
      return {
        html: m.html(),
        err: app.warnings.slice(before).join('\n'),
        dataKeys: data ? Object.keys(data).length : 0,
      };
    } finally {
      try {
        m.unmount();
      } catch {
        // a failed unmount is not what this suite compares
      }
    }
  }
  const r = await run(
    process.execPath,
    [RENDER_TOOL, dist, '--component', compPath, '--props', JSON.stringify(props)],
    { cwd: ROOT },
  );
  if (r.code !== 0) return { error: `render.mjs exited ${r.code}:\n${r.err}${r.out}` };
  return { html: r.out, err: r.err };
}

// ---------------------------------------------------------------- both sides, in parallel

let jobSeq = 0;
/** Run `jobs` (see worker.mjs) on both sides at once; resolves to { simulate, miniport }. */
export async function runSides(jobs, sides = ['simulate', 'miniport']) {
  const n = ++jobSeq;
  const file = path.join(TMP, `jobs-${n}.json`);
  fs.writeFileSync(file, JSON.stringify(jobs));
  const worker = path.join(DIR, 'worker.mjs');
  const results = await Promise.all(
    sides.map(async (side) => {
      const out = path.join(TMP, `out-${n}-${side}.json`);
      const r = await run(process.execPath, [worker, side, file, out], { cwd: ROOT }, 600000);
      if (!fs.existsSync(out))
        throw new Error(`${side} worker exited ${r.code}${r.signal ? ` (${r.signal})` : ''}:\n${r.err.slice(-3000)}`);
      return [side, JSON.parse(fs.readFileSync(out, 'utf8'))];
    }),
  );
  return Object.fromEntries(results);
}

// ---------------------------------------------------------------- the list of differences

export function readDifferences() {
  return JSON.parse(fs.readFileSync(path.join(DIR, 'differences.json'), 'utf8'));
}

/** Line diff of two printed trees, for failure messages. */
export function lineDiff(want, got) {
  const a = want.split('\n');
  const b = got.split('\n');
  const out = [];
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) continue;
    if (a[i] !== undefined) out.push(`- ${a[i]}`);
    if (b[i] !== undefined) out.push(`+ ${b[i]}`);
    if (out.length > 40) {
      out.push('…');
      break;
    }
  }
  return out.join('\n');
}
