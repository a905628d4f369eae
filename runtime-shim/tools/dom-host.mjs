// Render-tool host on the real DOM path: a converted app's framework, templates, scripts and built-ins
// mounted in jsdom, exactly as the browser runs them. Used by render.mjs and by the tests.
//
//   mountPage(dist, route, query) / mountComponent(dist, path, props) → Mounted
//   Mounted = { instance, root, html(), setData(patch), setProps(props), dispatch(selector, type, detail),
//               log, warnings, unmount() }
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { JSDOM } from 'jsdom';
/** The config that app-config.js assigns to `globalThis.__miniportConfig`. */
export function readConfig(dist) {
  const text = readFileSync(path.join(dist, 'app-config.js'), 'utf8');
  return JSON.parse(text.replace(/^\s*globalThis\.__miniportConfig\s*=\s*/, '').replace(/;\s*$/, ''));
}

function importFrom(dist, file) {
  return import(pathToFileURL(path.join(dist, file)).href);
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

async function optionalImport(dist, file) {
  return existsSync(path.join(dist, file)) ? importFrom(dist, file) : null;
}

/** A jsdom window with the app's framework, ready to mount pages and components of `dist`. */
export async function createApp(dist) {
  const config = readConfig(dist);
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    url: 'http://127.0.0.1/',
    pretendToBeVisual: true,
  });
  const { window } = dom;
  const previous = {};
  for (const name of [
    'document',
    'window',
    'Element',
    'Node',
    'HTMLElement',
    'getComputedStyle',
    'requestAnimationFrame',
    'matchMedia',
    'localStorage',
    'App',
    'Page',
    'Component',
    'Behavior',
    'getApp',
    'getCurrentPages',
    'requirePlugin',
    'wx',
    'global',
    '__miniportDefine',
  ]) {
    previous[name] = globalThis[name];
  }
  // The runtime's DOM code reads these as globals, as it does in the browser.
  globalThis.document = window.document;
  globalThis.window = window;
  globalThis.Element = window.Element;
  globalThis.Node = window.Node;
  globalThis.HTMLElement = window.HTMLElement;
  globalThis.getComputedStyle = window.getComputedStyle.bind(window);
  globalThis.localStorage = window.localStorage;

  const { createFramework } = await importFrom(dist, 'miniport/framework/index.js');
  const { createRegistry } = await importFrom(dist, 'miniport/modules/registry.js');
  const { installEvents, dispatch } = await importFrom(dist, 'miniport/dom/events.js');
  const components = await optionalImport(dist, 'miniport/components/index.js');
  // Every built-in is loaded up front: the render tool prints each page as it looks once loaded.
  if (components && components.loadBuiltins) await components.loadBuiltins();
  shownAttrsFn = (await importFrom(dist, 'miniport/render/vnode.js')).shownAttrs;
  const warnings = [];
  const log = [];
  const scripts = config.scripts || {};
  const ran = new Set();
  const runChunk = (file) => {
    if (ran.has(file)) return;
    ran.add(file);
    // The app's scripts run in this realm, as in the browser: `[] instanceof Array` and the
    // property types (`String`, `Array`) are the framework's own.
    vm.runInThisContext(readFileSync(path.join(dist, file), 'utf8'), { filename: path.join(dist, file) });
  };
  const registry = createRegistry({
    loadChunk: async (p) => {
      const root = Object.keys(scripts.packages || {}).find((r) => p.startsWith(`${r}/`));
      if (root) runChunk(scripts.packages[root]);
    },
  });
  registry.install(globalThis);
  const pages = [];
  const origWarn = console.warn;
  const origError = console.error;
  const fw = createFramework({
    config,
    document: window.document,
    registry,
    importModule: (file) => importFrom(dist, file),
    loadChunk: (file) => runChunk(file),
    currentPages: () => pages.map((p) => p.instance),
    builtin: components ? components.builtin : undefined,
    sync: true,
  });
  const { createWx } = await importFrom(dist, 'miniport/api/index.js');
  const wx = createWx(
    [fw.pageApis(() => (pages.length ? pages[pages.length - 1].instance : null))],
    {},
    { fw, config, win: window },
  );
  Object.assign(globalThis, fw.globals, { wx, requirePlugin: () => ({}), global: globalThis });
  const origLog = console.log;
  const capture = async (fn) => {
    console.log = (...a) => log.push(a.map(String).join(' '));
    console.warn = (...a) => warnings.push(a.map(String).join(' '));
    console.error = (...a) =>
      warnings.push(a.map((x) => (x && x.stack ? x.stack.split('\n')[0] : String(x))).join(' '));
    try {
      return await fn();
    } finally {
      console.log = origLog;
      console.warn = origWarn;
      console.error = origError;
    }
  };
  if (scripts.main && existsSync(path.join(dist, scripts.main))) {
    await capture(() => runChunk(scripts.main));
    if (scripts.app && registry.has(scripts.app)) {
      await capture(() => {
        try {
          registry.require(scripts.app);
          fw.launch({ path: config.entry, query: {}, scene: 1001, referrerInfo: {} });
        } catch (e) {
          warnings.push(`app.js: ${e && e.message}`);
        }
      });
    }
  }
  installEvents(window.document);
  const scopes = new Set(
    Object.values(config.components || {})
      .map((c) => c.scope)
      .filter(Boolean),
  );

  function mounted(root, instance, unmount) {
    return {
      instance,
      root,
      log,
      warnings,
      html: () => toHTML(root, scopes),
      async setData(patch) {
        await capture(async () => {
          await new Promise((resolve) => instance.setData(patch, resolve));
          await tick();
        });
      },
      async setProps(props) {
        await capture(async () => {
          const rec = root.__mprec;
          rec.receive({ ...rec.vnode, attrs: { ...rec.vnode.attrs, ...props } }, false);
          rec.render();
          fw.flush();
          await tick();
        });
      },
      async dispatch(selector, type, detail) {
        await capture(async () => {
          const el = root.querySelector(selector);
          if (!el) throw new Error(`no element matches ${selector}`);
          dispatch(el, type, detail === undefined ? {} : detail, { bubbles: true, composed: true, capturePhase: true });
          fw.flush();
          await tick();
        });
      },
      unmount,
    };
  }

  return {
    config,
    window,
    fw,
    warnings,
    async mountPage(route, query = {}) {
      return capture(async () => {
        const el = window.document.createElement('wx-page');
        el.setAttribute('route', route);
        window.document.body.appendChild(el);
        const handle = await fw.openPage(route, query, el, {});
        pages.push(handle);
        handle.show();
        fw.flush();
        await tick();
        fw.flush();
        return mounted(el, handle.instance, () => handle.unload());
      });
    },
    async mountComponent(componentPath, props = {}) {
      return capture(async () => {
        const tag =
          componentPath
            .split('/')
            .pop()
            .replace(/[^a-z0-9-]/gi, '-')
            .toLowerCase() || 'component';
        const el = window.document.createElement(tag.includes('-') ? tag : `${tag}-component`);
        window.document.body.appendChild(el);
        const instance = await fw.mountComponent(componentPath, el, props);
        await tick();
        fw.flush();
        return mounted(el, instance, () => el.__mprec.detach());
      });
    },
    close() {
      for (const [name, value] of Object.entries(previous)) globalThis[name] = value;
      window.close();
    },
  };
}

/** Mounts the page `route` of `dist` (see Mounted above). */
export async function mountPage(dist, route, query = {}) {
  const app = await createApp(dist);
  return app.mountPage(route, query);
}

/** Mounts the component `componentPath` of `dist` with `props`. */
export async function mountComponent(dist, componentPath, props = {}) {
  const app = await createApp(dist);
  return app.mountComponent(componentPath, props);
}

const escapeText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

function authorClass(el, scopes) {
  const out = [];
  for (const token of (el.getAttribute('class') || '').split(/\s+/).filter(Boolean)) {
    const i = token.indexOf('--');
    const t = i > 0 && scopes.has(token.slice(0, i)) ? token.slice(i + 2) : token;
    if (!out.includes(t)) out.push(t);
  }
  return out.join(' ');
}

// The render tool's HTML: built-ins as wx-* with the author's content only, components as
// their tag with their template inside, classes as authored, data-* attributes, text as shown.
function attrsHTML(el, scopes, shownAttrs) {
  const v = el.__mpv;
  const out = [];
  for (const [name, value] of shownAttrs(el.__mprec ? { ...v, component: el.__mprec.path } : v)) {
    if (name === 'class') {
      const c = authorClass(el, scopes);
      if (c) out.push(['class', c]);
    } else out.push([name, value]);
  }
  return out.map(([k, val]) => (val === '' ? ` ${k}` : ` ${k}="${escapeAttr(val)}"`)).join('');
}

let shownAttrsFn = null;

/** The HTML of what the patcher rendered under `root`. */
export function toHTML(root, scopes) {
  let html = '';
  const holder = root.__mpContent || root;
  for (const node of holder.childNodes) {
    if (node.nodeType === 3) html += escapeText(node.nodeValue);
    else if (node.nodeType === 1 && node.__mpv) {
      const name = node.tagName.toLowerCase();
      html += `<${name}${attrsHTML(node, scopes, shownAttrsFn)}>${toHTML(node, scopes)}</${name}>`;
    }
  }
  return html;
}
