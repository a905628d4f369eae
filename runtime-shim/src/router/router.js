// miniport runtime: the router — WeChat's page stack (navigateTo/redirectTo/navigateBack/switchTab/reLaunch), the app shell, the address bar and Telegram's BackButton.
//
// The address bar: the current page url goes in ONE query parameter, `?mp=pages/a/a%3Fx%3D1`,
// written with history.pushState/replaceState. Telegram's launch parameters live in the hash
// (`#tgWebAppData=…`), which Telegram's clients and telegram-web-app.js read as they are; the
// hash is therefore carried over verbatim on every history write and never parsed or changed
// here. A path scheme (`/pages/a/a`) would need the host to rewrite every path to index.html,
// a hash scheme would share the hash with Telegram; a query parameter needs neither, and the
// other query parameters of the address stay byte for byte. Each history entry's state holds
// its depth and url: a reload restores the top page with its query (onLoad gets the same
// query), the browser's back button goes back (popstate), and going back past the restored
// page re-launches the page that history entry showed.
import { EventChannel } from './event-channel.js';
import { parseUrl, readParam, writeParam, stringifyQuery } from './url.js';
import { createNavbar, colorScheme, themed } from './navbar.js';
import { createTabBar } from './tabbar.js';
import { createScroll } from './scroll.js';
import { failure } from '../core/callback.js';

/** WeChat's page stack limit (getCurrentPages().length). */
export const STACK_LIMIT = 10;
const CUSTOM_TAB_BAR = 'custom-tab-bar/index';

const loaded = new Map();
/** Adds the stylesheet `href` (relative to the app root) once; resolves when it loaded or failed. */
function linkCss(doc, href) {
  if (!loaded.has(href)) {
    loaded.set(href, new Promise((resolve) => {
      const link = doc.createElement('link');
      link.rel = 'stylesheet';
      link.href = href;
      link.onload = link.onerror = () => resolve();
      doc.head.appendChild(link);
    }));
  }
  return loaded.get(href);
}

/**
 * Creates the router and draws the shell into `container`. Options: `config`
 * (app-config.js), `pages` (the framework: openPage, mountComponent, pageNotFound?,
 * preload?), `bridge` (telegram/bridge.js), `win` (the window), `navbar: false` to draw no
 * navigation bar, `loadCss(href)` to replace the stylesheet loader.
 */
export function createRouter(options) {
  const { config, container, pages, bridge = null } = options;
  const win = options.win || globalThis;
  const doc = container.ownerDocument;
  const loadCss = options.loadCss || ((href) => linkCss(doc, href));
  const telegram = Boolean(bridge && bridge.inTelegram);
  const pageInfo = (route) => (config.pages || {})[route];

  // ---- shell -------------------------------------------------------------------------
  // The shell goes into `container` when it is the app's box already, else into a new one.
  let app = container;
  if (!container.classList.contains('miniport-app')) {
    app = doc.createElement('div');
    app.className = 'miniport-app';
    container.appendChild(app);
  }
  const theme = (value) => themed(config, colorScheme(config, bridge, win), value);
  let headerColor = null;
  const navbar = options.navbar === false ? null : createNavbar(doc, app, {
    theme,
    onBack: () => goBack(),
    onColor(bg) {
      if (telegram && /^#[0-9a-f]{6}$/i.test(bg || '') && bg !== headerColor) {
        headerColor = bg;
        bridge.post('web_app_set_header_color', { color: bg });
      }
    },
  });
  const box = doc.createElement('main');
  box.className = 'miniport-pages';
  const tabbar = createTabBar(doc, app, {
    config,
    theme,
    resolve: (path) => String(path).replace(/^\//, ''), // icon paths are relative to the app root, where index.html is
    onTap: (index) => tapTab(index),
  });
  if (tabbar.element && tabbar.top) app.insertBefore(box, tabbar.element.nextSibling);
  else app.insertBefore(box, tabbar.element);
  const scroll = createScroll({
    doc, win, parent: box,
    current: () => (top() ? { handle: top(), window: meta(top()).window } : null),
    stickyTop: () => (navbar && !navbar.element.hidden ? navbar.element.offsetHeight : 0)
      + (tabbar.top && tabbar.element && !tabbar.element.hidden ? tabbar.element.offsetHeight : 0),
  });

  // ---- state -------------------------------------------------------------------------
  let stack = [];
  const tabs = new Map(); // route → handle of every live tab page (in the stack or hidden)
  const metas = new WeakMap();
  const bars = new Map(); // tab route → { holder, instance } (custom tab bar)
  const meta = (h) => metas.get(h) || { window: {} };
  const top = () => stack[stack.length - 1];
  let opening = null; // the page whose onLoad is running: { route, query, element, meta, instance }
  /** The page the APIs act on: the one being opened, else the one on screen. */
  const target = () => opening || top();
  const targetMeta = () => (opening ? opening.meta : top() ? meta(top()) : null);
  let base = 0; // history depth of stack[0]
  let depth = 0; // history depth of the entry on screen
  let expecting = null;
  let backShown = null;

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
      try { cb(data); } catch (error) { console.error(error); }
    }
  }
  function begin(openType, route, query = {}) {
    const ev = { id: String(++routeCount), openType, route, query, notFound: !pageInfo(route) };
    let open = openType !== 'navigateBack';
    ev.rewrite = (url, preserveQuery) => {
      if (!open) throw failure(openType === 'navigateBack' ? 'can not rewrite navigateBack' : 'the route event is already being handled');
      const t = parseUrl(url, top() && top().route);
      check(t.route);
      const tab = tabbar.isTab(t.route);
      if (openType === 'switchTab' ? !tab : tab && openType !== 'reLaunch' && openType !== 'appLaunch') throw failure(`can not rewrite ${openType} to ${tab ? 'a ' : 'a no-'}tabBar page`);
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
  function urlOf(route, query) {
    const q = stringifyQuery(query);
    return q ? `${route}?${q}` : route;
  }

  function check(route) {
    if (!pageInfo(route)) throw failure(`page "${route}" is not found`);
  }

  function componentCss(path, out = new Set()) {
    const info = (config.components || {})[path];
    if (!info || out.has(info.css)) return out;
    if (info.css) out.add(info.css);
    for (const p of Object.values(info.usingComponents || {})) componentCss(p, out);
    return out;
  }

  async function customBar(route) {
    if (bars.has(route)) return bars.get(route);
    const entry = { holder: doc.createElement('div'), instance: null };
    entry.holder.className = 'miniport-custom-tabbar';
    entry.holder.hidden = true;
    bars.set(route, entry);
    app.appendChild(entry.holder);
    if (!(config.components || {})[CUSTOM_TAB_BAR]) {
      console.warn(`miniport: tabBar.custom is set but the app has no ${CUSTOM_TAB_BAR} component`);
      return entry;
    }
    const host = doc.createElement('custom-tab-bar');
    entry.holder.appendChild(host);
    try {
      await Promise.all([...componentCss(CUSTOM_TAB_BAR)].map(loadCss));
      entry.instance = await pages.mountComponent(CUSTOM_TAB_BAR, host, {});
    } catch (error) {
      console.warn('miniport: the custom tab bar could not be mounted', error);
    }
    return entry;
  }

  /** Opens `route` into a new (hidden) <wx-page>; onLoad has run when it resolves. */
  async function open(route, query, eventChannel = null, ev = null) {
    const info = pageInfo(route);
    if (ev) emit('beforePageLoad', { ...ev, route, query });
    const element = doc.createElement('wx-page');
    element.setAttribute('route', route);
    element.hidden = true;
    box.appendChild(element);
    let getTabBar = () => null;
    if (tabbar.custom && tabbar.isTab(route)) {
      const bar = await customBar(route);
      getTabBar = () => bar.instance;
    }
    const m = { window: info.window || {}, url: urlOf(route, query), nav: {} };
    // While onLoad runs the page already counts (getCurrentPages, setNavigationBarTitle, …), as in WeChat.
    opening = {
      route, query, element, meta: m,
      get instance() {
        return element.__mprec ? element.__mprec.inst : undefined;
      },
    };
    let handle;
    try {
      [handle] = await Promise.all([
        pages.openPage(route, query, element, { eventChannel, getTabBar }),
        ...(info.css || []).map(loadCss),
      ]);
    } catch (error) {
      element.remove();
      throw error;
    } finally {
      opening = null;
    }
    metas.set(handle, m);
    if (tabbar.isTab(route)) tabs.set(route, handle);
    return handle;
  }

  function unload(handle, ev = null) {
    if (ev) emit('beforePageUnload', { id: ev.id, route: handle.route });
    if (tabs.get(handle.route) === handle) tabs.delete(handle.route);
    handle.unload();
    handle.element.remove();
    if (ev) emit('afterPageUnload', { id: ev.id, route: handle.route });
  }

  function hide(handle) {
    scroll.save(handle);
    handle.hide();
  }

  /** Draws the bars for `handle`: its window's navigation bar (and what the APIs changed), the tab bar. */
  function chrome(handle) {
    const m = meta(handle);
    if (navbar) {
      navbar.apply(m.window);
      if (m.nav.title !== undefined) navbar.setTitle(m.nav.title);
      if (m.nav.color) navbar.setColor(m.nav.color);
      if (m.nav.loading) navbar.showLoading();
    }
    tabbar.select(handle.route);
    for (const [route, bar] of bars) bar.holder.hidden = route !== handle.route || tabbar.hidden;
    fitPages();
  }

  /** Lets a short page fill the screen between the bars it shows (base.css: wx-page min-height). */
  function fitPages() {
    const nav = navbar && !navbar.element.hidden ? 'var(--miniport-navbar-height)' : '0px';
    const tab = tabbar.element && !tabbar.element.hidden ? 'var(--miniport-tabbar-height)' : '0px';
    app.style.setProperty('--miniport-bars-height', `calc(${nav} + ${tab})`);
  }

  /** Puts `handle` on screen: its element, bars, scroll position, address, back button; then onShow. */
  function display(handle, history) {
    for (const el of box.children) if (el.tagName === 'WX-PAGE') el.hidden = el !== handle.element;
    chrome(handle);
    scroll.restore(handle);
    if (history) history();
    updateBack();
    handle.show();
    preload(handle.route);
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

  // ---- history -----------------------------------------------------------------------
  function write(kind, d, url) {
    const loc = win.location;
    const href = `${loc.pathname}${writeParam(loc.search, url)}${loc.hash}`;
    try {
      win.history[kind]({ mp: true, depth: d, url }, '', href);
    } catch (error) {
      console.warn('miniport: the address bar could not be updated', error);
    }
    depth = d;
  }

  /** history.go(to - depth), resolving once the popstate arrived (or soon after, if none does). */
  function travel(to) {
    if (to === depth) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => { expecting = null; resolve(); }, 1000);
      expecting = { depth: to, done: () => { clearTimeout(timer); resolve(); } };
      win.history.go(to - depth);
    });
  }

  win.addEventListener('popstate', (event) => {
    const state = event.state;
    if (expecting && state && state.depth === expecting.depth) {
      const e = expecting;
      expecting = null;
      depth = state.depth;
      e.done();
      return;
    }
    if (!state || !state.mp) return;
    const d = state.depth;
    if (d < depth && d >= base) {
      run(() => back(depth - d, false)).catch(() => {});
    } else if (d !== depth) {
      // Before the pages the stack holds (after a reload) or forward: show what that entry showed.
      run(() => relaunch(parseUrl(state.url, ''), () => {
        depth = d;
        base = d;
      })).catch((error) => console.warn('miniport: history navigation failed', error));
    }
  });

  // ---- back button -------------------------------------------------------------------
  function updateBack() {
    const visible = stack.length > 1 || base > 0;
    if (telegram) {
      if (visible !== backShown) bridge.post('web_app_setup_back_button', { is_visible: visible });
    } else if (navbar) navbar.setBack(visible);
    backShown = visible;
  }

  /** The user's back (the bar's arrow, Telegram's BackButton): a page's guard (enableAlertBeforeUnload) may ask first. */
  function goBack() {
    const guard = stack.length > 1 && top().backGuard;
    if (guard) return Promise.resolve(guard()).then((go) => (go ? router.navigateBack(1) : undefined)).catch(() => {});
    if (stack.length > 1) return router.navigateBack(1).catch(() => {});
    if (base > 0) win.history.back();
    return Promise.resolve();
  }
  if (bridge) bridge.on('back_button_pressed', () => goBack());

  // ---- operations (each runs inside run()) -------------------------------------------
  async function back(n, moveHistory) {
    if (stack.length <= 1) throw failure('cannot navigate back at first page.');
    const count = Math.min(Math.max(1, Math.floor(Number(n)) || 1), stack.length - 1);
    const dest = stack[stack.length - 1 - count];
    const ev = begin('navigateBack', dest.route, dest.query);
    for (let i = 0; i < count; i++) unload(stack.pop(), ev);
    const to = base + stack.length - 1;
    if (moveHistory) await travel(to);
    display(top(), () => { depth = to; });
    finish(ev, top(), false);
  }

  /** Closes every page (tab pages too) and opens `target`; `history()` writes the address. */
  async function relaunch(target, history, ev = begin('reLaunch', target.route, target.query)) {
    check(ev.route);
    while (stack.length) unload(stack.pop(), ev);
    for (const h of [...tabs.values()]) unload(h, ev);
    const handle = await open(ev.route, ev.query, null, ev);
    stack = [handle];
    display(handle, history);
    finish(ev, handle, true);
  }

  /** A tap on a tab: switches to its page (nothing when it is on screen), then calls that page's onTabItemTap. */
  async function tapTab(index) {
    const item = tabbar.items[index];
    if (!item) return;
    try {
      await router.switchTab(`/${item.route}`);
    } catch (error) {
      console.warn(`miniport: ${error.message}`);
      return;
    }
    const cur = top();
    if (cur && cur.route === item.route) cur.hook('onTabItemTap', { index, pagePath: item.route, text: item.text });
  }

  const router = {
    config,
    /** The page the address bar names (`?mp=`), else the entry page: `{ route, query, url }`. */
    entry() {
      const fromUrl = readParam(win.location.search);
      const url = fromUrl || config.entry;
      const { route, query } = parseUrl(url, '');
      return { route, query, url: urlOf(route, query), path: route };
    },

    /**
     * Opens the first page: `entry` (`{ route, query }` or a url) or what entry() says. A page
     * that does not exist goes to App's onPageNotFound; unless it navigated, the entry page opens.
     */
    start(entry) {
      const target = typeof entry === 'string' ? parseUrl(entry, '') : entry || router.entry();
      const state = win.history.state;
      const d = state && state.mp && Number.isInteger(state.depth) ? state.depth : 0;
      return run(async () => {
        let t = begin('appLaunch', target.route, target.query || {});
        if (!pageInfo(t.route)) {
          const before = queued;
          if (typeof pages.pageNotFound === 'function') {
            pages.pageNotFound({ path: t.route, query: t.query || {}, isEntryPage: true });
          }
          if (queued !== before) return; // the app navigated itself (redirectTo, reLaunch, …)
          t = Object.assign(t, parseUrl(config.entry, ''));
        }
        base = d;
        await relaunch(t, () => write('replaceState', d, urlOf(t.route, t.query)), t);
      });
    },

    navigateTo(url, { events } = {}) {
      return run(async () => {
        const cur = top();
        const t = parseUrl(url, cur && cur.route);
        check(t.route);
        if (tabbar.isTab(t.route)) throw failure('can not navigateTo a tabbar page');
        if (stack.length >= STACK_LIMIT) throw failure('webview count limit exceed');
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
        stack.push(handle);
        display(handle, () => write(stack.length > 1 ? 'pushState' : 'replaceState', base + stack.length - 1, meta(handle).url));
        finish(ev, handle, true);
        return { eventChannel };
      });
    },

    redirectTo(url) {
      return run(async () => {
        const cur = top();
        const t = parseUrl(url, cur && cur.route);
        check(t.route);
        if (tabbar.isTab(t.route)) throw failure('can not redirectTo a tabbar page');
        const ev = begin('redirectTo', t.route, t.query);
        if (cur) unload(stack.pop(), ev);
        const handle = await open(ev.route, ev.query, null, ev);
        stack.push(handle);
        display(handle, () => write('replaceState', base + stack.length - 1, meta(handle).url));
        finish(ev, handle, true);
      });
    },

    navigateBack(delta = 1) {
      return run(() => back(delta, true));
    },

    /** Makes the page on screen ask `guard()` (→ true to leave) before the user goes back from it; null removes it. */
    setBackGuard(guard) {
      const cur = top();
      if (cur) cur.backGuard = guard || null;
    },

    switchTab(url) {
      return run(async () => {
        const cur = top();
        const t = parseUrl(url, cur && cur.route);
        check(t.route);
        if (!tabbar.isTab(t.route)) throw failure('can not switch to no-tabBar page');
        if (cur && cur.route === t.route && stack.length === 1) return;
        const ev = begin('switchTab', t.route, {});
        const route = ev.route;
        // Non-tab pages close (top first); a tab page stays alive, hidden.
        while (stack.length > 1) unload(stack.pop(), ev);
        const bottom = stack.pop();
        if (bottom && !tabbar.isTab(bottom.route)) unload(bottom, ev);
        else if (bottom && bottom === cur) hide(bottom);
        const alive = tabs.get(route);
        const handle = alive || await open(route, {}, null, ev);
        stack = [handle];
        await travel(base);
        display(handle, () => write('replaceState', base, route));
        finish(ev, handle, !alive);
      });
    },

    reLaunch(url) {
      return run(async () => {
        const cur = top();
        const target = parseUrl(url, cur && cur.route);
        check(target.route);
        const ev = begin('reLaunch', target.route, target.query);
        await travel(base);
        await relaunch(ev, () => write('replaceState', base, urlOf(ev.route, ev.query)), ev);
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
    stack: () => (opening ? [...stack, opening] : stack.slice()),
    current: () => top() || null,

    // Each page keeps what these set (it comes back with the page); a page being opened gets it on show.
    navigationBar: {
      setTitle(title) {
        barChange('title', String(title ?? ''), (t) => navbar.setTitle(t));
      },
      setColor({ frontColor, backgroundColor } = {}) {
        const front = String(frontColor || '').toLowerCase();
        if (front !== '#ffffff' && front !== '#000000') throw failure('invalid frontColor');
        barChange('color', { frontColor: front, backgroundColor }, (c) => navbar.setColor(c));
      },
      showLoading: () => barChange('loading', true, () => navbar.showLoading()),
      hideLoading: () => barChange('loading', false, () => navbar.hideLoading()),
    },

    tabBar: tabApi(),

    startPullDownRefresh: () => scroll.start(),
    stopPullDownRefresh: () => scroll.stop(),
    pageScrollTo: (opts) => scroll.scrollTo(opts),

    /** Redraws the bars after a colour-scheme change (`@name` values). */
    refreshTheme() {
      if (top()) chrome(top());
    },
    resize() {
      if (top()) top().hook('onResize', { size: { windowWidth: win.innerWidth, windowHeight: win.innerHeight } });
    },
    /** Runs the tap on tab `index` (what a tap on the drawn tab bar does). */
    tapTab,
  };

  function barChange(key, value, paint) {
    const m = targetMeta();
    if (m) m.nav[key] = value;
    if (navbar && !opening) paint(value);
  }

  function tabApi() {
    // WeChat's tab bar APIs fail on a page that is not a tab page.
    const guard = (fn) => (...args) => {
      const cur = target();
      if (cur && !tabbar.isTab(cur.route)) throw failure('not TabBar page');
      return fn(...args);
    };
    const api = {};
    for (const name of ['setBadge', 'removeBadge', 'showRedDot', 'hideRedDot', 'setItem', 'setStyle']) api[name] = guard(tabbar[name]);
    api.show = guard(() => {
      tabbar.show();
      fitPages();
      for (const [route, bar] of bars) bar.holder.hidden = !top() || route !== top().route;
    });
    api.hide = guard(() => {
      tabbar.hide();
      fitPages();
      for (const bar of bars.values()) bar.holder.hidden = true;
    });
    api.items = tabbar.items;
    return api;
  }

  if (bridge) bridge.on('theme_changed', () => router.refreshTheme());
  if (config.darkmode && typeof win.matchMedia === 'function') {
    const query = win.matchMedia('(prefers-color-scheme: dark)');
    if (query && typeof query.addEventListener === 'function') query.addEventListener('change', () => router.refreshTheme());
  }
  win.addEventListener('resize', () => router.resize());
  return router;
}
