// miniport runtime: the framework — App/Page/Component/Behavior globals, page and component mounting, setData scheduling.
import { defineComponent, createBehavior } from './define.js';
import { Record, recordOf } from './record.js';
import { setRecordFinder, createSelectorQuery, createIntersectionObserver, createMediaQueryObserver } from './query.js';
import { dispatch } from '../dom/events.js';
import { releaseChildren } from '../dom/patch.js';
import { emitAppEvent } from '../core/app-events.js';

function collectTags(nodes, out) {
  for (const n of Array.isArray(nodes) ? nodes : [nodes]) {
    if (Array.isArray(n)) collectTags(n, out);
    else if (n && typeof n === 'object') {
      out.add(n.tag);
      collectTags(n.children, out);
    }
  }
}

function warn(message) {
  console.warn(`miniport: ${message}`);
}

/**
 * Creates the framework of one app. Options: `config` (app-config.js), `document`,
 * `registry` (modules/registry.js, holding the app's chunks), `importModule(file)` (loads an
 * ES module of the output: templates), `loadChunk(file)` (runs a script chunk),
 * `currentPages()` (the router's stack), `builtin(tag)` (built-in components).
 */
export function createFramework(options) {
  const { config, registry } = options;
  const doc = options.document || globalThis.document;
  const scripts = config.scripts || {};
  const defs = new Map();
  const templates = new Map();
  const loading = new Map();
  const chunks = new Map();
  let registering = null;
  let appOptions = null;
  let app = undefined;

  // ---- definitions -------------------------------------------------------------------
  function register(kind) {
    return (opts) => {
      if (!registering) {
        warn(`${kind}() was called outside a page or component file; ignored`);
        return;
      }
      if (defs.has(registering.path)) return;
      defs.set(registering.path, defineComponent(opts, { isPage: kind === 'Page' }));
    };
  }

  function packageOf(path) {
    const roots = Object.keys(scripts.packages || {});
    return roots.find((r) => path === r || path.startsWith(`${r}/`)) || null;
  }

  function runChunk(file) {
    if (!chunks.has(file)) chunks.set(file, Promise.resolve(options.loadChunk ? options.loadChunk(file) : undefined));
    return chunks.get(file);
  }

  /** Loads the script chunk of the subpackage that holds `path` (once). */
  function loadPackage(path) {
    const root = packageOf(path);
    return root ? runChunk(scripts.packages[root]) : Promise.resolve();
  }

  function definition(path, isPage) {
    if (defs.has(path)) return defs.get(path);
    const id = (isPage ? scripts.pages : scripts.components || {})?.[path];
    registering = { path };
    try {
      if (id && registry && registry.has(id)) registry.require(id);
      else if (id) warn(`the script of "${path}" is not loaded`);
    } catch (error) {
      reportError(error);
    } finally {
      registering = null;
    }
    if (!defs.has(path)) defs.set(path, defineComponent({}, { isPage }));
    return defs.get(path);
  }

  const componentInfo = (path) => (config.components || {})[path];
  const pageInfo = (route) => (config.pages || {})[route];

  async function loadTemplate(file) {
    if (!file || templates.has(file)) return;
    if (!loading.has(file)) {
      loading.set(file, Promise.resolve(options.importModule(file)).then((m) => templates.set(file, m), (error) => {
        reportError(error);
        templates.set(file, null);
      }));
    }
    await loading.get(file);
  }

  /** Loads the template modules and scripts of `using`'s components and theirs, each once. */
  async function prepareComponents(using, seen = new Set()) {
    const jobs = [];
    for (const path of Object.values(using || {})) {
      const info = componentInfo(path);
      if (!info || seen.has(path)) continue;
      seen.add(path);
      jobs.push(loadPackage(path).then(() => loadTemplate(info.template)));
      jobs.push(prepareComponents(info.usingComponents, seen));
    }
    await Promise.all(jobs);
  }

  function resolveTag(rec, tag) {
    const path = rec.using[tag] || rec.generics[tag];
    return path && componentInfo(path) ? path : null;
  }

  // ---- scheduling --------------------------------------------------------------------
  const pending = new Set();
  let callbacks = [];
  let queued = false;
  let attachQueue = [];
  let readyQueue = [];

  function schedule(rec, callback) {
    // Before its first render an instance is drawn by whoever mounts it, not by the flush.
    if (!rec.dirty && rec.host && rec.rendered) {
      rec.dirty = true;
      pending.add(rec);
    }
    if (typeof callback === 'function') callbacks.push([rec, callback]);
    if (!queued) {
      queued = true;
      queueMicrotask(flush);
    }
  }

  /** Renders every instance whose data changed (owners first), then runs setData callbacks. */
  function flush() {
    queued = false;
    let rounds = 0;
    while (pending.size && rounds++ < 100) {
      const list = [...pending].sort((a, b) => a.depth - b.depth);
      pending.clear();
      for (const rec of list) if (rec.dirty && rec.alive) rec.render();
    }
    settle();
    const run = callbacks;
    callbacks = [];
    for (const [rec, cb] of run) {
      try {
        cb.call(rec.inst);
      } catch (error) {
        reportError(error);
      }
    }
  }

  // attached owners first (tree order), then ready in the order `created` ran (children first).
  function settle() {
    while (attachQueue.length || readyQueue.length) {
      const list = attachQueue;
      attachQueue = [];
      for (const rec of list) rec.attach();
      const ready = readyQueue;
      readyQueue = [];
      for (const rec of ready) if (rec.alive && rec.attached) rec.lifetime('ready');
    }
  }

  // ---- hooks for the patcher ---------------------------------------------------------
  const hooks = {
    component: (vnode, ctx) => (ctx.using || ctx.generics ? resolveTag(ctx, vnode.tag) : null),
    mount(el, vnode, ctx, path) {
      const rec = new Record(fw, definition(path, false), path, { owner: ctx, host: el });
      el.__mprec = rec;
      if (vnode.attrs && vnode.attrs['virtual-host'] !== undefined) el.setAttribute('mp-virtual', '');
      if (rec.def.options.virtualHost) el.setAttribute('mp-virtual', '');
      // exparser's order: the template is instantiated (children created first), then this
      // component's `created`, then the observers of the properties it was given.
      const given = rec.receive(vnode, true, true);
      if (!rec.template) {
        const info = componentInfo(path);
        if (info && info.template && !templates.has(info.template)) {
          // Not preloaded (a component only reachable through generics): render once it loads.
          prepareComponents({ x: path }).then(() => {
            rec.template = templates.get(info.template);
            schedule(rec);
          });
        }
      }
      attachQueue.push(rec);
      rec.render();
      // In `created` the properties still hold their defaults (exparser sets them afterwards).
      const data = rec.inst.data;
      const held = given.map(({ parts }) => [parts[0], data[parts[0]]]);
      for (const { parts, old } of given) data[parts[0]] = old;
      rec.lifetime('created');
      for (const [name, value] of held) data[name] = value;
      readyQueue.push(rec);
      rec.afterWrite(given);
      return rec;
    },
    update(rec, vnode) {
      const old = rec.vnode;
      const changed = rec.receive(vnode, false);
      if (changed || rec.dirty || vnode.children.length || (old && old.children.length)) rec.render();
    },
    unmount(rec) {
      rec.detach();
    },
    slot(vnode, ctx) {
      if (ctx.isPage || !ctx.owner) return [[], ctx];
      const name = (vnode.attrs && vnode.attrs.name) || '';
      const multiple = Boolean(ctx.def.options.multipleSlots);
      const out = [];
      for (const node of ctx.slotted) {
        if (node === null || node === undefined || node === false) continue;
        const slot = typeof node === 'object' && node.slot !== undefined ? String(node.slot) : '';
        if (!multiple ? name === '' || name === slot : slot === name) out.push(node);
      }
      // Without multipleSlots WeChat fills only the first (default) slot.
      if (!multiple) {
        if (ctx.defaultSlotUsed && ctx.defaultSlotUsed !== vnode) return [[], ctx.owner];
        ctx.defaultSlotUsed = vnode;
      }
      return [out, ctx.owner];
    },
    classes(tokens, ctx) {
      const out = [];
      for (const t of tokens) {
        if (ctx.external && ctx.def.externalClasses.includes(t)) out.push(...(ctx.external[t] || []));
        else out.push(...ownerClass(ctx, t));
      }
      return out.join(' ');
    },
    builtin: (tag) => (options.builtin ? options.builtin(tag) : undefined),
    force: false,
    pending(tag, ctx) {
      const wait = options.pendingBuiltin ? options.pendingBuiltin(tag) : null;
      if (!wait) return false;
      wait.then(() => {
        if (!ctx.alive || !ctx.host) return;
        hooks.force = true;
        try {
          ctx.render();
        } finally {
          hooks.force = false;
        }
        settle();
      });
      return true;
    },
    builtinApi(el, ctx) {
      return {
        emit(type, detail, opts = {}) {
          const o = { ...opts };
          dispatch(el, type, detail, o);
          const model = el.__mpv && el.__mpv.model;
          if (model && detail && typeof detail === 'object') {
            const up = {};
            for (const [prop, path] of Object.entries(model)) if (prop in detail) up[path] = detail[prop];
            if (Object.keys(up).length) ctx.inst.setData(up);
          }
          return o.result;
        },
        scopeClass: (name) => ownerClass(ctx, name).join(' '),
        get owner() {
          return ctx.inst;
        },
        resolveUrl: (src) => resolveUrl(ctx, src),
      };
    },
  };

  function ownerClass(ctx, token) {
    if (!ctx || ctx.classMode === 'plain') return [token];
    const scopedToken = `${ctx.scope}--${token}`;
    return ctx.classMode === 'both' ? [token, scopedToken] : [scopedToken];
  }

  function resolveUrl(ctx, src) {
    const s = String(src == null ? '' : src);
    if (!s || /^[a-z][a-z0-9+.-]*:/i.test(s) || s.startsWith('//')) return s;
    const base = doc.baseURI;
    if (s.startsWith('/')) return new URL(s.slice(1), base).href;
    const dir = ctx.path.includes('/') ? ctx.path.slice(0, ctx.path.lastIndexOf('/') + 1) : '';
    return new URL(dir + s, base).href;
  }

  // ---- errors, app -------------------------------------------------------------------
  function reportError(error) {
    console.error(error);
    emitAppEvent('error', error && error.stack ? error.stack : String(error));
    if (app && typeof app.onError === 'function') {
      try {
        app.onError(error && error.stack ? error.stack : String(error));
      } catch (e) {
        console.error(e);
      }
    }
  }

  function App(opts) {
    if (appOptions) {
      warn('App() was called more than once; ignored');
      return;
    }
    appOptions = opts || {};
    app = {};
    for (const [key, value] of Object.entries(appOptions)) app[key] = value;
  }

  function getApp(o) {
    if (app === undefined && o && o.allowDefault) {
      app = {};
      return app;
    }
    return app;
  }

  function appCall(name, ...args) {
    if (app && typeof app[name] === 'function') {
      try {
        return app[name](...args);
      } catch (error) {
        reportError(error);
      }
    }
    return undefined;
  }

  // ---- pages -------------------------------------------------------------------------
  async function openPage(route, query = {}, element, opts = {}) {
    const info = pageInfo(route);
    if (!info) throw new Error(`page "${route}" is not found`);
    await loadPackage(route);
    await Promise.all([loadTemplate(info.template), prepareComponents(info.usingComponents)]);
    const def = definition(route, true);
    const rec = new Record(fw, def, route, { isPage: true, host: element });
    element.__mprec = rec;
    const inst = rec.inst;
    inst.route = route;
    inst.__route__ = route;
    inst.options = Object.assign({}, query);
    inst.getOpenerEventChannel = () => opts.eventChannel || null;
    inst.getTabBar = () => (opts.getTabBar ? opts.getTabBar() : null);
    // A page built with Component() receives its query as properties, as in WeChat.
    const props = [];
    for (const [key, value] of Object.entries(inst.options)) if (def.properties[key]) rec.write([key], value, props);
    rec.lifetime('created');
    rec.afterWrite(props);
    rec.lifetime('attached');
    rec.attached = true;
    rec.method('onLoad', [inst.options]);
    let tree;
    if (options.loadBuiltins && rec.template) {
      // The lazy built-ins the page's own template shows are fetched before its first paint;
      // the tree is drawn as it is unless setData changed the data in the meantime.
      try {
        tree = rec.tree();
      } catch {
        // Reported by the render below.
      }
      if (tree) {
        const writes = rec.writes;
        const tags = new Set();
        collectTags(tree, tags);
        await options.loadBuiltins(tags);
        if (rec.writes !== writes) tree = undefined;
      }
    }
    rec.render(tree);
    rec.dirty = false;
    pending.delete(rec);
    flush();
    let shown = false;
    let readied = false;
    return {
      route,
      query: inst.options,
      instance: inst,
      element,
      show() {
        rec.method('onShow');
        for (const kid of rec.kids) kid.pageLifetime('show');
        if (!shown) {
          shown = true;
          const ready = () => {
            if (readied || !rec.alive) return;
            readied = true;
            flush();
            rec.lifetime('ready');
            rec.method('onReady');
          };
          if (typeof requestAnimationFrame === 'function' && !options.sync) requestAnimationFrame(() => setTimeout(ready, 0));
          else ready();
        }
      },
      hide() {
        rec.method('onHide');
        for (const kid of rec.kids) kid.pageLifetime('hide');
      },
      unload() {
        rec.method('onUnload');
        rec.alive = false;
        rec.lifetime('detached');
        releaseChildren(rec.hostKids, hooks);
        rec.hostKids = [];
        element.replaceChildren();
      },
      hook(name, ...args) {
        if (name === 'onResize') for (const kid of rec.kids) kid.pageLifetime('resize', args);
        return rec.method(name, args);
      },
    };
  }

  /** Mounts the component `path` into `element` (custom tab bar, tools). */
  async function mountComponent(path, element, props = {}) {
    const info = componentInfo(path);
    if (!info) throw new Error(`component "${path}" is not found`);
    await loadPackage(path);
    await Promise.all([loadTemplate(info.template), prepareComponents({ self: path })]);
    const root = { using: {}, generics: {}, scope: null, classMode: 'plain', inst: null, kids: new Set(), touched: new WeakSet(), depth: -1, isPage: true, path: '', def: { externalClasses: [] } };
    const vnode = { tag: element.tagName.toLowerCase(), attrs: props, children: [] };
    element.__mpv = vnode;
    element.__mpc = root;
    element.setAttribute('is', path);
    const rec = hooks.mount(element, vnode, root, path);
    rec.owner = null;
    rec.depth = 0;
    flush();
    return rec.inst;
  }

  const fw = {
    config,
    hooks,
    schedule,
    reportError,
    resolveTag,
    componentInfo,
    pageInfo,
    template: (file) => (file ? templates.get(file) || null : null),
    forget: (rec) => pending.delete(rec),
    globals: {
      App,
      Page: register('Page'),
      Component: register('Component'),
      Behavior: createBehavior,
      getApp,
      getCurrentPages: () => (options.currentPages ? options.currentPages() : []),
    },
    /** App's onLaunch then onShow with the launch options. */
    launch(launchOptions) {
      appCall('onLaunch', launchOptions);
      appCall('onShow', launchOptions);
      emitAppEvent('appShow', launchOptions);
    },
    appShow(showOptions) {
      appCall('onShow', showOptions);
      emitAppEvent('appShow', showOptions);
    },
    appHide() {
      appCall('onHide');
      emitAppEvent('appHide');
    },
    pageNotFound(info) {
      emitAppEvent('pageNotFound', info);
      return appCall('onPageNotFound', info);
    },
    unhandledRejection(event) {
      emitAppEvent('unhandledRejection', event);
      return appCall('onUnhandledRejection', event);
    },
    themeChange(theme) {
      emitAppEvent('themeChange', { theme });
      return appCall('onThemeChange', { theme });
    },
    get hasApp() {
      return Boolean(appOptions);
    },
    loadPackage,
    preload: (root) => (scripts.packages && scripts.packages[root] ? runChunk(scripts.packages[root]) : Promise.resolve()),
    openPage,
    mountComponent,
    flush,
  };
  /** `wx.createSelectorQuery()` and friends, in the scope of the current page. */
  fw.pageApis = (currentPage) => {
    const scope = () => {
      const inst = currentPage();
      return inst ? recordOf(inst) : null;
    };
    return {
      createSelectorQuery: () => createSelectorQuery(scope()),
      createIntersectionObserver: (component, opts) => (component && recordOf(component)
        ? createIntersectionObserver(recordOf(component), opts)
        : createIntersectionObserver(scope(), component)),
      createMediaQueryObserver: () => createMediaQueryObserver(),
    };
  };
  setRecordFinder(recordOf);
  return fw;
}
