// miniport runtime: the router — WeChat's page stack (navigateTo/redirectTo/navigateBack/switchTab/reLaunch), the app shell, the address bar and Telegram's BackButton.
//
// createRouter builds one state object and hands it to three modules: shell.js (what is drawn:
// bars, the page box, scrolling, the back button), history.js (the address bar and the
// browser's history) and stack.js (the page stack and the navigations). Each adds to the state
// the functions the others call, and returns its part of the router.
import { createShell } from './shell.js';
import { createHistory } from './history.js';
import { createStack } from './stack.js';

/**
 * @typedef {object} RouterState What shell.js, history.js and stack.js share.
 * @property {object} config app-config.js
 * @property {object} pages the framework (openPage, mountComponent, pageNotFound?, preload?)
 * @property {object|null} bridge telegram/bridge.js
 * @property {boolean} telegram whether the app runs inside Telegram
 * @property {Window} win the window
 * @property {Document} doc the document
 * @property {(href: string) => Promise<void>} loadCss adds a stylesheet once
 * @property {(route: string) => object|undefined} pageInfo the app config's entry of a page
 * @property {object[]} stack the page handles, bottom first
 * @property {Map<string, object>} tabs route → handle of every live tab page (in the stack or hidden)
 * @property {WeakMap<object, object>} metas handle → `{ window, url, nav }`
 * @property {object|null} opening the page whose onLoad is running: `{ route, query, element, meta, instance }`
 * @property {number} base history depth of stack[0]
 * @property {number} depth history depth of the entry on screen
 * @property {(handle: object) => object} meta a handle's `{ window, url, nav }`
 * @property {() => object|undefined} top the handle on top of the stack
 * @property {object} router the router itself
 */

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
 * @param {{ config: object, container: HTMLElement, pages: object, bridge?: object|null, win?: Window,
 *   navbar?: boolean, loadCss?: (href: string) => Promise<void> }} options
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
