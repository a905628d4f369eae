// miniport runtime: the framework — App/Page/Component/Behavior globals, page and component mounting, setData
// scheduling.
//
// createFramework builds one state object and hands it to the modules that share it: app.js
// (the app instance and its events), loader.js (definitions, templates, chunks), schedule.js
// (the render queue), hooks.js (what the patcher asks) and pages.js (opening pages, mounting
// components). Their functions are added to the state, and they call one another through it;
// the state, with the globals and the page APIs, is the framework object createFramework returns.
import { createBehavior } from './define.js';
import { recordOf } from './record.js';
import { setRecordFinder, createSelectorQuery, createIntersectionObserver, createMediaQueryObserver } from './query.js';
import { createApp } from './app.js';
import { createLoader } from './loader.js';
import { createScheduler } from './schedule.js';
import { createHooks } from './hooks.js';
import { createPages } from './pages.js';

// The state the framework's modules share is FrameworkState (runtime-shim/types.d.ts).

/**
 * Creates the framework of one app. Options: `config` (app-config.js), `document`,
 * `registry` (modules/registry.js, holding the app's chunks), `importModule(file)` (loads an
 * ES module of the output: templates), `loadChunk(file)` (runs a script chunk),
 * `currentPages()` (the router's stack), `builtin(tag)` (built-in components).
 * @param {{ config: object, document?: Document, registry: object, importModule: (file: string) => Promise<object>,
 *   loadChunk?: (file: string) => Promise<void>, currentPages?: () => object[], builtin?: Function,
 *   pendingBuiltin?: Function, loadBuiltins?: (tags: Set<string>) => Promise<unknown>, sync?: boolean }} options
 * @returns {FrameworkState} the framework (its state): `globals` (App, Page, Component, Behavior, getApp,
 *   getCurrentPages), `openPage`, `mountComponent`, `flush` (the render tool's), `pageApis`, the app's
 *   lifecycle, and what records and the router use
 */
export function createFramework(options) {
  const { config, registry } = options;
  /** @type {FrameworkState} */
  const s = { options, config, registry, doc: options.document || globalThis.document, templates: new Map() };
  Object.assign(s, createApp(s), createLoader(s), createScheduler(s));
  s.hooks = createHooks(s);
  Object.assign(s, createPages(s));

  // The framework is its state: records, the router and the wx APIs use the functions above, and these.
  s.template = (file) => (file ? s.templates.get(file) || null : null);
  s.globals = {
    App: s.App,
    Page: s.register('Page'),
    Component: s.register('Component'),
    Behavior: createBehavior,
    getApp: s.getApp,
    getCurrentPages: () => (options.currentPages ? options.currentPages() : []),
  };
  /** `wx.createSelectorQuery()` and friends, in the scope of the current page. */
  s.pageApis = (currentPage) => {
    const scope = () => {
      const inst = currentPage();
      return inst ? recordOf(inst) : null;
    };
    return {
      createSelectorQuery: () => createSelectorQuery(scope()),
      createIntersectionObserver: (component, opts) =>
        component && recordOf(component)
          ? createIntersectionObserver(recordOf(component), opts)
          : createIntersectionObserver(scope(), component),
      createMediaQueryObserver: () => createMediaQueryObserver(),
    };
  };
  setRecordFinder(recordOf);
  return s;
}
