// Test kit: a framework over jsdom with templates and scripts written inline (no conversion).
import { JSDOM } from 'jsdom';
import { createFramework } from '../src/framework/index.js';
import { createRegistry } from '../src/modules/registry.js';
import { installEvents } from '../src/dom/events.js';

/**
 * `app = { pages: {route: {template(d, $), script(globals), usingComponents}}, components: {path: {template,
 * script, usingComponents, scope, styleIsolation}} }`. Returns { fw, document, open(route, query), mount(path, props),
 * calls }.
 */
export function makeApp(app) {
  const dom = new JSDOM('<!doctype html><body></body>', { url: 'http://127.0.0.1/app/index.html' });
  const { document } = dom.window;
  for (const name of ['document', 'Element', 'Node', 'getComputedStyle'])
    globalThis[name] =
      name === 'getComputedStyle'
        ? dom.window.getComputedStyle.bind(dom.window)
        : dom.window[name] || dom.window.document;
  globalThis.document = document;
  const registry = createRegistry();
  const config = { pages: {}, components: {}, scripts: { pages: {}, components: {}, packages: {} } };
  const modules = new Map();
  const globals = {};
  for (const [kind, table] of [
    ['pages', app.pages || {}],
    ['components', app.components || {}],
  ]) {
    for (const [path, spec] of Object.entries(table)) {
      const template = `${path}.wxml.js`;
      modules.set(template, { render: spec.template || (() => []) });
      config[kind][path] = {
        template,
        usingComponents: spec.usingComponents || {},
        scope: kind === 'components' ? (spec.scope ?? path.replace(/\//g, '_')) : undefined,
        styleIsolation: spec.styleIsolation ?? null,
      };
      if (spec.script) {
        config.scripts[kind][path] = `${path}.js`;
        registry.define(`${path}.js`, () => spec.script(globals));
      }
    }
  }
  const fw = createFramework({
    config,
    document,
    registry,
    importModule: async (file) => modules.get(file),
    currentPages: () => [],
    sync: true,
  });
  Object.assign(globals, fw.globals);
  installEvents(document);
  return {
    fw,
    document,
    window: dom.window,
    async open(route, query = {}) {
      const el = document.createElement('wx-page');
      document.body.appendChild(el);
      const handle = await fw.openPage(route, query, el, {});
      handle.show();
      return { handle, el, inst: handle.instance };
    },
    async mount(path, props = {}) {
      const el = document.createElement('x-root');
      document.body.appendChild(el);
      const inst = await fw.mountComponent(path, el, props);
      return { el, inst };
    },
  };
}

/** Resolves after pending setData renders (a microtask flush). */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Text of an element without whitespace. */
export const text = (el) => el.textContent.replace(/\s+/g, '');
