// miniport runtime: the router's page stack — navigations one at a time, opening and closing pages, route events.
import { EventChannel } from './event-channel.js';
import { parseUrl } from './url.js';
import { urlOf } from './history.js';
import { failure } from '../core/callback.js';

/** WeChat's page stack limit (getCurrentPages().length). */
export const STACK_LIMIT = 10;

/**
 * Runs the page stack on `s` and adds to it what the history and the shell use: `run(fn)`,
 * `back(n, moveHistory)`, `relaunch(target, history)`, `preload(route)` and `tapTab(index)`.
 * @param {RouterState} s the router's state (router.js)
 * @returns {object} the router's methods of the stack: start, navigateTo, redirectTo, navigateBack,
 *   setBackGuard, switchTab, reLaunch, on, idle, stack, current
 */
export function createStack(s) {
  const { config, pages, doc, win } = s;

  let chain = Promise.resolve();
  let queued = 0;
  /** Runs navigations one after another (each waits for the page it opens). */
  function run(fn) {
    queued++;
    const p = chain.then(fn);
    chain = p.catch(() => {});
    return p;
  }

  // ---- route events (wx.onBeforeAppRoute … onAppRouteDone, rewriteRoute) -------------------
  // A route is `{ id, openType, route, query }`; listeners of 'beforeAppRoute' may call its
  // `rewrite(url, preserveQuery)` while they run, to change where it goes.
  const hooks = new Map();
  let routeCount = 0;
  function emit(type, data) {
    for (const cb of [...(hooks.get(type) || [])]) {
      try {
        cb(data);
      } catch (error) {
        console.error(error);
      }
    }
  }
  function begin(openType, route, query = {}) {
    const ev = { id: String(++routeCount), openType, route, query, notFound: !s.pageInfo(route) };
    let open = openType !== 'navigateBack';
    ev.rewrite = (url, preserveQuery) => {
      if (!open)
        throw failure(
          openType === 'navigateBack' ? 'can not rewrite navigateBack' : 'the route event is already being handled',
        );
      const t = resolve(url);
      const tab = s.tabbar.isTab(t.route);
      if (openType === 'switchTab' ? !tab : tab && openType !== 'reLaunch' && openType !== 'appLaunch')
        throw failure(`can not rewrite ${openType} to ${tab ? 'a ' : 'a no-'}tabBar page`);
      ev.route = t.route;
      if (!preserveQuery) ev.query = t.query;
      ev.notFound = false;
    };
    emit('beforeAppRoute', ev);
    open = false;
    return ev;
  }
  /** After the route's page is on screen: afterPageLoad (when it was opened), appRoute, appRouteDone. */
  function finish(ev, handle, loaded) {
    const data = { ...ev, route: handle.route, query: handle.query || {}, page: handle };
    if (loaded) emit('afterPageLoad', data);
    emit('appRoute', data);
    emit('appRouteDone', data);
  }

  // ---- pages -------------------------------------------------------------------------
  function check(route) {
    if (!s.pageInfo(route)) throw failure(`page "${route}" is not found`);
  }

  /** `url` read against the page on screen (`{ route, query }`); fails when the app has no such page. */
  function resolve(url) {
    const cur = s.top();
    const t = parseUrl(url, cur && cur.route);
    check(t.route);
    return t;
  }

  /** Opens `route` into a new (hidden) <wx-page>; onLoad has run when it resolves. */
  async function open(route, query, eventChannel = null, ev = null) {
    const info = s.pageInfo(route);
    if (ev) emit('beforePageLoad', { ...ev, route, query });
    const element = doc.createElement('wx-page');
    element.setAttribute('route', route);
    element.hidden = true;
    s.box.appendChild(element);
    let getTabBar = () => null;
    if (s.tabbar.custom && s.tabbar.isTab(route)) {
      const bar = await s.customBar(route);
      getTabBar = () => bar.instance;
    }
    const m = { window: info.window || {}, url: urlOf(route, query), nav: {} };
    // While onLoad runs the page already counts (getCurrentPages, setNavigationBarTitle, …), as in WeChat.
    s.opening = {
      route,
      query,
      element,
      meta: m,
      get instance() {
        return element.__mprec ? element.__mprec.inst : undefined;
      },
    };
    let handle;
    try {
      [handle] = await Promise.all([
        pages.openPage(route, query, element, { eventChannel, getTabBar }),
        ...(info.css || []).map(s.loadCss),
      ]);
    } catch (error) {
      element.remove();
      throw error;
    } finally {
      s.opening = null;
    }
    s.metas.set(handle, m);
    if (s.tabbar.isTab(route)) s.tabs.set(route, handle);
    return handle;
  }

  function unload(handle, ev = null) {
    if (ev) emit('beforePageUnload', { id: ev.id, route: handle.route });
    if (s.tabs.get(handle.route) === handle) s.tabs.delete(handle.route);
    handle.unload();
    handle.element.remove();
    if (ev) emit('afterPageUnload', { id: ev.id, route: handle.route });
  }

  function hide(handle) {
    s.scroll.save(handle);
    handle.hide();
  }

  function preload(route) {
    const rules = (config.scripts && config.scripts.preloadRule) || {};
    const rule = rules[route];
    if (!rule || typeof pages.preload !== 'function') return;
    const roots = Object.keys((config.scripts && config.scripts.packages) || {});
    const conn = win.navigator && win.navigator.connection;
    const cellular = conn && (conn.saveData || conn.type === 'cellular' || /2g|3g/.test(conn.effectiveType || ''));
    if ((rule.network || 'wifi') === 'wifi' && cellular) return;
    for (const name of rule.packages || []) {
      const root = roots.find((r) => r.replace(/\/$/, '') === String(name).replace(/\/$/, ''));
      if (root) Promise.resolve(pages.preload(root)).catch((e) => console.warn('miniport: preload failed', e));
    }
  }

  /**
   * A back that something on the page on screen takes for itself (a shown `<page-container>`, which
   * closes instead): the last of its element's `__mpBackInterceptors` runs, and true is returned.
   * @returns {boolean}
   */
  function interceptBack() {
    const top = s.top();
    const set = top && top.element && top.element.__mpBackInterceptors;
    if (!set || !set.size) return false;
    [...set][set.size - 1]();
    return true;
  }
  s.interceptBack = interceptBack;

  // ---- operations (each runs inside run()) -------------------------------------------
  async function back(n, moveHistory) {
    if (s.stack.length <= 1) throw failure('cannot navigate back at first page.');
    const count = Math.min(Math.max(1, Math.floor(Number(n)) || 1), s.stack.length - 1);
    const dest = s.stack[s.stack.length - 1 - count];
    const ev = begin('navigateBack', dest.route, dest.query);
    for (let i = 0; i < count; i++) unload(s.stack.pop(), ev);
    const to = s.base + s.stack.length - 1;
    if (moveHistory) await s.travel(to);
    s.display(s.top(), () => {
      s.depth = to;
    });
    finish(ev, s.top(), false);
  }

  /** Closes every page (tab pages too) and opens `target`; `history()` writes the address. */
  async function relaunch(target, history, ev = begin('reLaunch', target.route, target.query)) {
    check(ev.route);
    while (s.stack.length) unload(s.stack.pop(), ev);
    for (const h of [...s.tabs.values()]) unload(h, ev);
    const handle = await open(ev.route, ev.query, null, ev);
    s.stack = [handle];
    s.display(handle, history);
    finish(ev, handle, true);
  }

  /** A tap on a tab: switches to its page (nothing when it is on screen), then calls that page's onTabItemTap. */
  async function tapTab(index) {
    const item = s.tabbar.items[index];
    if (!item) return;
    try {
      await s.router.switchTab(`/${item.route}`);
    } catch (error) {
      console.warn(`miniport: ${error.message}`);
      return;
    }
    const cur = s.top();
    if (cur && cur.route === item.route) cur.hook('onTabItemTap', { index, pagePath: item.route, text: item.text });
  }

  Object.assign(s, { run, back, relaunch, preload, tapTab });
  return {
    /**
     * Opens the first page: `entry` (`{ route, query }` or a url) or what entry() says. A page
     * that does not exist goes to App's onPageNotFound; unless it navigated, the entry page opens.
     */
    start(entry) {
      const target = typeof entry === 'string' ? parseUrl(entry, '') : entry || s.router.entry();
      const state = win.history.state;
      const d = state && state.mp && Number.isInteger(state.depth) ? state.depth : 0;
      return run(async () => {
        let t = begin('appLaunch', target.route, target.query || {});
        if (!s.pageInfo(t.route)) {
          const before = queued;
          if (typeof pages.pageNotFound === 'function') {
            pages.pageNotFound({ path: t.route, query: t.query || {}, isEntryPage: true });
          }
          if (queued !== before) return; // the app navigated itself (redirectTo, reLaunch, …)
          t = Object.assign(t, parseUrl(config.entry, ''));
        }
        s.base = d;
        await relaunch(t, () => s.write('replaceState', d, urlOf(t.route, t.query)), t);
      });
    },

    /**
     * @param {string} url
     * @param {{ events?: Record<string, (...args: any[]) => void> }} [options]
     */
    navigateTo(url, { events } = {}) {
      return run(async () => {
        const cur = s.top();
        const t = resolve(url);
        if (s.tabbar.isTab(t.route)) throw failure('can not navigateTo a tabbar page');
        if (s.stack.length >= STACK_LIMIT) throw failure('webview count limit exceed');
        const ev = begin('navigateTo', t.route, t.query);
        const eventChannel = new EventChannel(events);
        if (cur) hide(cur);
        let handle;
        try {
          handle = await open(ev.route, ev.query, eventChannel, ev);
        } catch (error) {
          if (cur) cur.show();
          throw error;
        }
        s.stack.push(handle);
        s.display(handle, () => {
          s.write(s.stack.length > 1 ? 'pushState' : 'replaceState', s.base + s.stack.length - 1, s.meta(handle).url);
        });
        finish(ev, handle, true);
        return { eventChannel };
      });
    },

    redirectTo(url) {
      return run(async () => {
        const cur = s.top();
        const t = resolve(url);
        if (s.tabbar.isTab(t.route)) throw failure('can not redirectTo a tabbar page');
        const ev = begin('redirectTo', t.route, t.query);
        if (cur) unload(s.stack.pop(), ev);
        const handle = await open(ev.route, ev.query, null, ev);
        s.stack.push(handle);
        s.display(handle, () => s.write('replaceState', s.base + s.stack.length - 1, s.meta(handle).url));
        finish(ev, handle, true);
      });
    },

    navigateBack(delta = 1) {
      if (interceptBack()) return Promise.resolve();
      return run(() => back(delta, true));
    },

    /** Makes the page on screen ask `guard()` (→ true to leave) before the user goes back from it; null removes it. */
    setBackGuard(guard) {
      const cur = s.top();
      if (cur) cur.backGuard = guard || null;
    },

    switchTab(url) {
      return run(async () => {
        const cur = s.top();
        const t = resolve(url);
        if (!s.tabbar.isTab(t.route)) throw failure('can not switch to no-tabBar page');
        if (cur && cur.route === t.route && s.stack.length === 1) return;
        const ev = begin('switchTab', t.route, {});
        const route = ev.route;
        // Non-tab pages close (top first); a tab page stays alive, hidden.
        while (s.stack.length > 1) unload(s.stack.pop(), ev);
        const bottom = s.stack.pop();
        if (bottom && !s.tabbar.isTab(bottom.route)) unload(bottom, ev);
        else if (bottom && bottom === cur) hide(bottom);
        const alive = s.tabs.get(route);
        const handle = alive || (await open(route, {}, null, ev));
        s.stack = [handle];
        await s.travel(s.base);
        s.display(handle, () => s.write('replaceState', s.base, route));
        finish(ev, handle, !alive);
      });
    },

    reLaunch(url) {
      return run(async () => {
        const target = resolve(url);
        const ev = begin('reLaunch', target.route, target.query);
        await s.travel(s.base);
        await relaunch(ev, () => s.write('replaceState', s.base, urlOf(ev.route, ev.query)), ev);
      });
    },

    /**
     * Listens to the route events ('beforeAppRoute', 'appRoute', 'appRouteDone', 'beforePageLoad',
     * 'afterPageLoad', 'beforePageUnload', 'afterPageUnload'); returns the function that stops.
     */
    on(type, cb) {
      if (!hooks.has(type)) hooks.set(type, new Set());
      hooks.get(type).add(cb);
      return () => hooks.get(type).delete(cb);
    },
    /** Resolves when every navigation asked for so far has finished. */
    idle: () => chain,
    stack: () => (s.opening ? [...s.stack, s.opening] : s.stack.slice()),
    current: () => s.top() || null,
  };
}
