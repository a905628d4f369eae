// miniport runtime: the router's history — the page url in the address bar, pushState/popstate, the user's back.
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
import { parseUrl, readParam, writeParam, stringifyQuery } from './url.js';

/**
 * A page's url as WeChat writes it: `route`, then `?query` when there is one.
 * @param {string} route the page's route
 * @param {object} query its query, `{ name: value }`
 * @returns {string} `route?k=v&…`
 */
export function urlOf(route, query) {
  const q = stringifyQuery(query);
  return q ? `${route}?${q}` : route;
}

/**
 * Keeps the address bar and the browser's history in step with the stack, and adds to `s` what
 * the stack and the shell use: `write(kind, depth, url)`, `travel(depth)` and `goBack()`.
 * @param {RouterState} s the router's state (router.js)
 * @returns {{ entry: () => { route: string, query: object } }} the router's method of the history
 */
export function createHistory(s) {
  const { win, bridge } = s;
  let expecting = null;

  function write(kind, d, url) {
    const loc = win.location;
    const href = `${loc.pathname}${writeParam(loc.search, url)}${loc.hash}`;
    try {
      win.history[kind]({ mp: true, depth: d, url }, '', href);
    } catch (error) {
      console.warn('miniport: the address bar could not be updated', error);
    }
    s.depth = d;
  }

  /** history.go(to - depth), resolving once the popstate arrived (or soon after, if none does). */
  function travel(to) {
    if (to === s.depth) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        expecting = null;
        resolve(undefined);
      }, 1000);
      expecting = {
        depth: to,
        done: () => {
          clearTimeout(timer);
          resolve(undefined);
        },
      };
      win.history.go(to - s.depth);
    });
  }

  win.addEventListener('popstate', (event) => {
    const state = event.state;
    if (expecting && state && state.depth === expecting.depth) {
      const e = expecting;
      expecting = null;
      s.depth = state.depth;
      e.done();
      return;
    }
    if (!state || !state.mp) return;
    const d = state.depth;
    if (d < s.depth && d >= s.base) {
      // A shown <page-container> takes the back: it closes, and the address goes forward again.
      if (s.interceptBack()) {
        win.history.go(s.depth - d);
        return;
      }
      s.run(() => s.back(s.depth - d, false)).catch(() => {});
    } else if (d !== s.depth) {
      // Before the pages the stack holds (after a reload) or forward: show what that entry showed.
      s.run(() =>
        s.relaunch(parseUrl(state.url, ''), () => {
          s.depth = d;
          s.base = d;
        }),
      ).catch((error) => console.warn('miniport: history navigation failed', error));
    }
  });

  /**
   * The user's back (the bar's arrow, Telegram's BackButton): a page's guard (enableAlertBeforeUnload) may ask first.
   */
  function goBack() {
    if (s.interceptBack()) return Promise.resolve();
    const guard = s.stack.length > 1 && s.top().backGuard;
    if (guard) {
      return Promise.resolve(guard())
        .then((go) => (go ? s.router.navigateBack(1) : undefined))
        .catch(() => {});
    }
    if (s.stack.length > 1) return s.router.navigateBack(1).catch(() => {});
    if (s.base > 0) win.history.back();
    return Promise.resolve();
  }
  if (bridge) bridge.on('back_button_pressed', () => goBack());

  Object.assign(s, { write, travel, goBack });
  return {
    /** The page the address bar names (`?mp=`), else the entry page: `{ route, query }`. */
    entry() {
      const { route, query } = parseUrl(readParam(win.location.search) || s.config.entry, '');
      return { route, query };
    },
  };
}
