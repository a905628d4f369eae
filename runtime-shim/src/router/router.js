// miniport runtime: the router — WeChat's page stack (navigateTo/redirectTo/navigateBack/switchTab/reLaunch), the app
// shell, the address bar and Telegram's BackButton.
//
// createRouter builds one state object and hands it to three modules: shell.js (what is drawn:
// bars, the page box, scrolling, the back button), history.js (the address bar and the
// browser's history) and stack.js (the page stack and the navigations). Each adds to the state
// the functions the others call, and returns its part of the router.
import { createShell } from './shell.js';
import { createHistory } from './history.js';
import { createStack } from './stack.js';

// The state shell.js, history.js and stack.js share is RouterState (runtime-shim/types.d.ts).

const loaded = new Map();
/** Adds the stylesheet `href` (relative to the app root) once; resolves when it loaded or failed. */
function linkCss(doc, href) {
  if (!loaded.has(href)) {
    loaded.set(
      href,
      new Promise((resolve) => {
        const link = doc.createElement('link');
        link.rel = 'stylesheet';
        link.href = href;
        link.onload = link.onerror = () => resolve(undefined);
        doc.head.appendChild(link);
      }),
    );
  }
  return loaded.get(href);
}

/**
 * Creates the router and draws the shell into `container`. Options: `config`
 * (app-config.js), `pages` (the framework: openPage, mountComponent, pageNotFound?,
 * preload?), `bridge` (telegram/bridge.js), `win` (the window), `navbar: false` to draw no
 * navigation bar, `loadCss(href)` to replace the stylesheet loader.
 * @param {{ config: MpAppConfig, container: HTMLElement, pages: Record<string, any>, bridge?: MpBridge | null,
 *   win?: MpWindow, navbar?: boolean, loadCss?: (href: string) => Promise<void> }} options
 * @returns {object} the router: navigations, the page stack, route events, the bars' APIs
 */
export function createRouter(options) {
  const { config, container, pages, bridge = null } = options;
  const doc = container.ownerDocument;
  /** @type {RouterState} */
  const s = {
    config,
    pages,
    bridge,
    telegram: Boolean(bridge && bridge.inTelegram),
    win: options.win || globalThis,
    doc,
    loadCss: options.loadCss || ((href) => linkCss(doc, href)),
    pageInfo: (route) => (config.pages || {})[route],
    stack: [],
    tabs: new Map(),
    metas: new WeakMap(),
    opening: null,
    base: 0,
    depth: 0,
    meta: (h) => s.metas.get(h) || { window: {} },
    top: () => s.stack[s.stack.length - 1],
    router: null,
  };
  const shell = createShell(s, container, options.navbar !== false);
  const stack = createStack(s);
  const history = createHistory(s);
  s.router = {
    config,
    ...history,
    ...stack,
    ...shell,
    /** Runs the tap on tab `index` (what a tap on the drawn tab bar does). */
    tapTab: s.tapTab,
  };
  return s.router;
}
