// A jsdom window, an app config and a stand-in for the framework side of the router contract
// (openPage/mountComponent/pageNotFound/preload) that records every page lifecycle call.
import { JSDOM } from 'jsdom';
import { createRouter } from '../src/router/router.js';

export const HASH =
  '#tgWebAppData=user%3D%257B%2522id%2522%253A1%257D%26hash%3Dabc&tgWebAppVersion=8.0&tgWebAppPlatform=tdesktop';

const win = (title, extra = {}) => ({
  navigationBarBackgroundColor: '#07c160',
  navigationBarTextStyle: 'white',
  navigationBarTitleText: title,
  backgroundColor: '#f5f5f5',
  backgroundTextStyle: 'dark',
  ...extra,
});

export function appConfig(patch = {}) {
  const page = (title, extra) => ({
    package: null,
    window: win(title, extra),
    css: [],
    usingComponents: {},
    template: null,
  });
  const config = {
    entry: 'pages/index/index',
    window: win('shop'),
    tabBar: {
      color: '#7a7e83',
      selectedColor: '#07c160',
      backgroundColor: '#ffffff',
      borderStyle: 'black',
      position: null,
      custom: false,
      list: [
        {
          pagePath: 'pages/index/index',
          text: 'Home',
          iconPath: 'images/home.png',
          selectedIconPath: 'images/home-on.png',
        },
        {
          pagePath: 'pages/category/category',
          text: 'Category',
          iconPath: 'images/cat.png',
          selectedIconPath: 'images/cat-on.png',
        },
        { pagePath: 'pages/mine/mine', text: 'Me', iconPath: 'images/me.png', selectedIconPath: 'images/me-on.png' },
      ],
    },
    darkmode: false,
    theme: null,
    pages: {
      'pages/index/index': page('Home', { enablePullDownRefresh: true }),
      'pages/category/category': page('Categories'),
      'pages/mine/mine': page('Me'),
      'pages/detail/detail': page('Product', {
        navigationBarBackgroundColor: '#ffffff',
        navigationBarTextStyle: 'black',
      }),
      'pages/list/list': page('List'),
      'pages/custom/custom': page('Custom', { navigationStyle: 'custom' }),
    },
    components: {},
    scripts: { packages: {}, preloadRule: {} },
  };
  return Object.assign(config, patch);
}

/**
 * The framework side: each page's handle records `route.hook` names into `log`; `handlers`
 * (route → { onLoad(query, opts, instance), hookName(...) }) lets a test act inside a page.
 */
export function fakePages(config, log, handlers = {}) {
  const calls = { mounted: [], notFound: [], preloaded: [] };
  const pages = {
    calls,
    async openPage(route, query, element, opts) {
      await Promise.resolve();
      if (!config.pages[route]) throw new Error(`page "${route}" is not found`);
      const instance = {
        route,
        options: query,
        getOpenerEventChannel: () => opts.eventChannel || null,
        getTabBar: () => opts.getTabBar(),
      };
      element.__mprec = { inst: instance }; // as the framework does before onLoad
      const own = handlers[route] || {};
      log.push(`${route}.onLoad`);
      if (own.onLoad) own.onLoad(query, opts, instance);
      element.textContent = `page ${route}`;
      let ready = false;
      return {
        route,
        query,
        instance,
        element,
        show() {
          log.push(`${route}.onShow`);
          if (!ready) {
            ready = true;
            log.push(`${route}.onReady`);
          }
        },
        hide() {
          log.push(`${route}.onHide`);
        },
        unload() {
          log.push(`${route}.onUnload`);
          element.replaceChildren();
        },
        hook(name, ...args) {
          log.push(`${route}.${name}`);
          return own[name] ? own[name](...args) : undefined;
        },
      };
    },
    async mountComponent(path, element, props) {
      calls.mounted.push({ path, tag: element.tagName.toLowerCase(), props });
      element.textContent = 'custom bar';
      return { is: path, data: {} };
    },
    pageNotFound(info) {
      calls.notFound.push(info);
      if (handlers.pageNotFound) handlers.pageNotFound(info);
    },
    preload(root) {
      calls.preloaded.push(root);
    },
  };
  return pages;
}

/** A router on a fresh jsdom window at `url` (with Telegram's launch hash by default). */
export function setup({
  config = appConfig(),
  url = `https://app.test/shop/index.html${HASH}`,
  handlers,
  bridge = null,
  before,
} = {}) {
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { url, pretendToBeVisual: true });
  const w = dom.window;
  let y = 0;
  const scrolls = [];
  if (before) before(w);
  const log = [];
  const pages = fakePages(config, log, handlers);
  const router = createRouter({
    config,
    container: w.document.body,
    pages,
    bridge: bridge ? bridge(w) : null,
    win: w,
    loadCss: () => {},
  });
  // jsdom does no layout: the page scroll (the window's scrolling box) keeps its position here.
  const scroller = w.document.querySelector('.miniport-pages');
  Object.defineProperty(scroller, 'scrollTop', {
    get: () => y,
    set: (v) => {
      y = v;
    },
    configurable: true,
  });
  scroller.scrollTo = (a, b) => {
    y = typeof a === 'object' ? a.top : b;
    scrolls.push(y);
  };
  return {
    win: w,
    doc: w.document,
    scroller,
    router,
    log,
    pages,
    scrolls,
    setScroll(v) {
      y = v;
    },
    /** The log since the last call. */
    take() {
      return log.splice(0);
    },
  };
}

/** Resolves after the next popstate of `win` and the navigations it started. */
export async function afterPop(env) {
  await new Promise((resolve) => env.win.addEventListener('popstate', resolve, { once: true }));
  await new Promise((resolve) => setTimeout(resolve, 0));
  await env.router.idle();
}

export function mp(win) {
  return new win.URLSearchParams(win.location.search).get('mp');
}
