// miniport runtime: the router's shell — app box, navigation and tab bars, page box, scrolling, back button.
import { createNavbar, colorScheme, themed } from './navbar.js';
import { createTabBar } from './tabbar.js';
import { createScroll } from './scroll.js';
import { failure } from '../core/callback.js';
import { WINDOW_CLASS, SCROLLER_CLASS } from '../core/viewport.js';

const CUSTOM_TAB_BAR = 'custom-tab-bar/index';

/**
 * Draws the shell into `container` (the app's box, else a new one inside it) and adds to `s` what
 * the stack and the history use: `box` (where pages go), `tabbar`, `scroll`, `customBar(route)`,
 * `display(handle, history)` and `updateBack()`.
 * @param {RouterState} s the router's state (router.js)
 * @param {HTMLElement} container where the shell goes
 * @param {boolean} withNavbar whether to draw the navigation bar
 * @returns {object} the router's methods of the shell: navigationBar, tabBar, startPullDownRefresh,
 *   stopPullDownRefresh, pageScrollTo, refreshTheme, resize
 */
export function createShell(s, container, withNavbar) {
  const { config, doc, win, bridge } = s;
  let app = container;
  if (!container.classList.contains('miniport-app')) {
    app = doc.createElement('div');
    app.className = 'miniport-app';
    container.appendChild(app);
  }
  const theme = (value) => themed(config, colorScheme(config, bridge, win), value);
  let headerColor = null;
  const navbar = !withNavbar
    ? null
    : createNavbar(doc, app, {
        theme,
        onBack: () => s.goBack(),
        onColor(bg) {
          if (s.telegram && /^#[0-9a-f]{6}$/i.test(bg || '') && bg !== headerColor) {
            headerColor = bg;
            bridge.post('web_app_set_header_color', { color: bg });
          }
        },
      });
  // The window model (base.css): `frame` is WeChat's webview between the bars. It does not scroll and
  // is the containing block of the page's `position: fixed` nodes; `box`, inside it, is the page's
  // scroll and holds the pages; custom tab bars go in `frame` too, so their fixed bars sit at its bottom.
  const frame = doc.createElement('div');
  frame.className = WINDOW_CLASS;
  const box = doc.createElement('main');
  box.className = SCROLLER_CLASS;
  frame.appendChild(box);
  const tabbar = createTabBar(doc, app, {
    config,
    theme,
    resolve: (path) => String(path).replace(/^\//, ''), // icon paths are relative to the app root, where index.html is
    onTap: (index) => s.tapTab(index),
  });
  if (tabbar.element && tabbar.top) app.insertBefore(frame, tabbar.element.nextSibling);
  else app.insertBefore(frame, tabbar.element);
  const scroll = createScroll({
    doc,
    scroller: box,
    current: () => (s.top() ? { handle: s.top(), window: s.meta(s.top()).window } : null),
  });
  const bars = new Map(); // tab route → { holder, instance } (custom tab bar)
  let backShown = null;
  /** The page the APIs act on: the one being opened, else the one on screen. */
  const target = () => s.opening || s.top();
  const targetMeta = () => (s.opening ? s.opening.meta : s.top() ? s.meta(s.top()) : null);

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
    frame.appendChild(entry.holder);
    if (!(config.components || {})[CUSTOM_TAB_BAR]) {
      console.warn(`miniport: tabBar.custom is set but the app has no ${CUSTOM_TAB_BAR} component`);
      return entry;
    }
    const host = doc.createElement('custom-tab-bar');
    entry.holder.appendChild(host);
    try {
      await Promise.all([...componentCss(CUSTOM_TAB_BAR)].map(s.loadCss));
      entry.instance = await s.pages.mountComponent(CUSTOM_TAB_BAR, host, {});
    } catch (error) {
      console.warn('miniport: the custom tab bar could not be mounted', error);
    }
    return entry;
  }

  /** Draws the bars for `handle`: its window's navigation bar (and what the APIs changed), the tab bar. */
  function chrome(handle) {
    const m = s.meta(handle);
    if (navbar) {
      navbar.apply(m.window);
      if (m.nav.title !== undefined) navbar.setTitle(m.nav.title);
      if (m.nav.color) navbar.setColor(m.nav.color);
      if (m.nav.loading) navbar.showLoading();
    }
    tabbar.select(handle.route);
    for (const [route, bar] of bars) bar.holder.hidden = route !== handle.route || tabbar.hidden;
  }

  /** Puts `handle` on screen: its element, bars, scroll position, address, back button; then onShow. */
  function display(handle, history) {
    const kids = /** @type {HTMLCollectionOf<HTMLElement>} */ (box.children);
    for (const el of kids) if (el.tagName === 'WX-PAGE') el.hidden = el !== handle.element;
    // The built-ins on screen take the shown page's style set (its JSON's `style`, else app.json's).
    const info = s.pageInfo(handle.route);
    const style = (info && info.style) || config.style;
    if (style) doc.documentElement.setAttribute('data-miniport-style', style);
    // WeChat paints the page's background over the whole webview: the window shows it past a page
    // whose height is fixed (`page { height: 100% }` with taller content).
    const view = doc.defaultView;
    frame.style.backgroundColor = view ? view.getComputedStyle(handle.element).backgroundColor : '';
    chrome(handle);
    scroll.restore(handle);
    if (history) history();
    updateBack();
    handle.show();
    s.preload(handle.route);
  }

  function updateBack() {
    const visible = s.stack.length > 1 || s.base > 0;
    if (s.telegram) {
      if (visible !== backShown) bridge.post('web_app_setup_back_button', { is_visible: visible });
    } else if (navbar) navbar.setBack(visible);
    backShown = visible;
  }

  function barChange(key, value, paint) {
    const m = targetMeta();
    if (m) m.nav[key] = value;
    if (navbar && !s.opening) paint(value);
  }

  function tabApi() {
    // WeChat's tab bar APIs fail on a page that is not a tab page.
    const guard =
      (fn) =>
      (...args) => {
        const cur = target();
        if (cur && !tabbar.isTab(cur.route)) throw failure('not TabBar page');
        return fn(...args);
      };
    const api = {};
    for (const name of ['setBadge', 'removeBadge', 'showRedDot', 'hideRedDot', 'setItem', 'setStyle'])
      api[name] = guard(tabbar[name]);
    api.show = guard(() => {
      tabbar.show();
      for (const [route, bar] of bars) bar.holder.hidden = !s.top() || route !== s.top().route;
    });
    api.hide = guard(() => {
      tabbar.hide();
      for (const bar of bars.values()) bar.holder.hidden = true;
    });
    api.items = tabbar.items;
    return api;
  }

  Object.assign(s, { box, frame, tabbar, scroll, customBar, display, updateBack });
  if (bridge) bridge.on('theme_changed', () => s.router.refreshTheme());
  if (config.darkmode && typeof win.matchMedia === 'function') {
    const query = win.matchMedia('(prefers-color-scheme: dark)');
    if (query && typeof query.addEventListener === 'function') {
      query.addEventListener('change', () => s.router.refreshTheme());
    }
  }
  win.addEventListener('resize', () => s.router.resize());

  return {
    // Each page keeps what these set (it comes back with the page); a page being opened gets it on show.
    navigationBar: {
      setTitle(title) {
        barChange('title', String(title ?? ''), (t) => navbar.setTitle(t));
      },
      /** @param {{ frontColor?: string, backgroundColor?: string }} [colors] */
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
      if (s.top()) chrome(s.top());
    },
    resize() {
      const size = {
        windowWidth: frame.clientWidth || win.innerWidth,
        windowHeight: frame.clientHeight || win.innerHeight,
      };
      if (s.top()) s.top().hook('onResize', { size });
    },
  };
}
