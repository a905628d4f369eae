// miniport runtime entry: boots the converted app — scripts, framework, router, wx, Telegram.
//
// The runtime's folders are layers, and a module imports only from its own layer or a lower
// one (runtime-shim/test/layers.test.mjs holds the order and checks every import). core/ is
// what every layer may need (WeChat's callback convention, wxfile URLs, app events, lazy
// loading, animation); telegram/ is the bridge, used by the router and the APIs; modules/ (the
// app's CommonJS registry) sits with framework/; each wx API group is a folder of api/, and
// api/index.js puts them together as `wx`; this entry module is on top.
//
//   index.js                        boot
//   api/index.js, api/table.js      the `wx` surface
//   api/<group>/                    core, media, telegram, web, capture, route
//   router/  components/            page stack, bars; built-in components
//   framework/  modules/            App/Page/Component, setData, worklet; the app's modules
//   dom/                            patching, events
//   render/                         virtual tree, template helpers
//   telegram/                       the bridge and its stand-in client
//   core/                           callbacks, wxfile, app events, lazy loading, animation
import { createFramework } from './framework/index.js';
import { createRegistry } from './modules/registry.js';
import { installEvents } from './dom/events.js';
import { builtin, pendingBuiltin, loadBuiltins } from './components/index.js';
import { createRouter } from './router/router.js';
import { routeApis, navigationApis } from './api/route/index.js';
import { onCallbackError } from './core/callback.js';
import { createWx } from './api/index.js';
import { preloadLazyApis } from './core/lazy.js';
import { applyTheme, bridge, colorSchemeOf } from './telegram/bridge.js';
import { decodeStartParam } from './api/core/launch.js';
import { resolveWxfile, tempBlob } from './core/wxfile.js';
import { writeParam } from './router/url.js';
import { wxConfig } from './api/core/system.js';

const scriptLoads = new Map();

/** Runs a script chunk of the output (a classic script: the CSP allows same-origin scripts). */
function loadScript(file) {
  if (!scriptLoads.has(file)) {
    scriptLoads.set(
      file,
      new Promise((resolve, reject) => {
        const s = document.createElement('script');
        s.src = new URL(file, document.baseURI).href;
        s.onload = () => resolve(undefined);
        s.onerror = () => reject(new Error(`miniport: could not load ${file}`));
        document.head.appendChild(s);
      }),
    );
  }
  return scriptLoads.get(file);
}

async function boot() {
  const config = globalThis.__miniportConfig;
  if (!config) throw new Error('miniport: app-config.js did not load');
  const scripts = config.scripts || {};
  const tg = bridge();
  // Telegram's theme as --tg-theme-* CSS variables (and --tg-color-scheme), kept up to date.
  const theme = () =>
    applyTheme(
      document.documentElement,
      tg.themeParams,
      tg.themeParams && tg.themeParams.bg_color ? colorSchemeOf(tg.themeParams.bg_color) : null,
    );
  theme();
  // Safe areas (Bot API 8.0) as Telegram's own CSS variables; wx.getSystemInfo and the menu
  // button rectangle read them.
  for (const [event, prefix, method] of [
    ['safe_area_changed', '--tg-safe-area-inset', 'web_app_request_safe_area'],
    ['content_safe_area_changed', '--tg-content-safe-area-inset', 'web_app_request_content_safe_area'],
  ]) {
    tg.on(event, (inset) => {
      for (const side of ['top', 'bottom', 'left', 'right'])
        document.documentElement.style.setProperty(`${prefix}-${side}`, `${Number(inset && inset[side]) || 0}px`);
    });
    tg.post(method);
  }
  let router = null;
  let fw = null;
  const registry = createRegistry({ loadChunk: (path) => fw.loadPackage(path) });
  registry.install(globalThis);
  fw = createFramework({
    config,
    document,
    registry,
    importModule: (file) => import(new URL(file, document.baseURI).href),
    loadChunk: loadScript,
    currentPages: () => (router ? router.stack().map((h) => h.instance) : []),
    builtin,
    pendingBuiltin,
    loadBuiltins,
  });
  Object.assign(globalThis, fw.globals);
  globalThis.requirePlugin = () => ({});
  // WeChat's `__wxConfig`: apps read `envVersion` (release, develop) and the app.json it holds.
  if (globalThis.__wxConfig === undefined) globalThis.__wxConfig = wxConfig(config);
  // WeChat's script environment has `global` (bundled libraries read it).
  if (globalThis.global === undefined) globalThis.global = globalThis;
  onCallbackError((error) => fw.reportError(error));
  installEvents(document);

  const container = document.createElement('div');
  container.className = 'miniport-app';
  document.body.appendChild(container);
  router = createRouter({ config, container, pages: fw, bridge: tg, win: globalThis });
  // `wx` may already exist (an app's own shim); its own additions are kept.
  const pageApis = fw.pageApis(() => {
    const page = router.current();
    return page ? page.instance : null;
  });
  globalThis.wx = Object.assign(
    createWx(
      [routeApis(router), navigationApis(router), pageApis],
      {},
      {
        bridge: tg,
        router,
        fw,
        config,
        win: globalThis,
        resolveFile: async (path) => tempBlob(await resolveWxfile(path)),
      },
    ),
    globalThis.wx || {},
  );
  // The app's own API implementations (`miniport convert --api <file>`): an ES module whose default
  // export receives `wx` and the app config, and may replace or add any API (or set
  // `config.telegram.prepareMessage`).
  if (config.apiOverrides) {
    try {
      const mod = await import(new URL(config.apiOverrides, document.baseURI).href);
      if (typeof mod.default === 'function') await mod.default(globalThis.wx, config);
    } catch (error) {
      console.error(`miniport: the API overrides in ${config.apiOverrides} failed to load`, error);
    }
  }

  if (scripts.main) await loadScript(scripts.main);
  if (scripts.app && registry.has(scripts.app)) {
    try {
      registry.require(scripts.app);
    } catch (error) {
      fw.reportError(error);
    }
  }
  globalThis.addEventListener('error', (e) => fw.reportError(e.error || e.message));
  // <button open-type="share">: the page's onShareAppMessage gives the content; in Telegram it
  // becomes an inline query the user sends to a chat, elsewhere the Web Share sheet.
  document.addEventListener('miniport-share', (e) => {
    const page = router.current();
    const { detail } = /** @type {CustomEvent} */ (e);
    const target = detail && detail.target && detail.target.__mpv;
    const content =
      (page
        && page.hook('onShareAppMessage', {
          from: 'button',
          target: target
            ? { id: (target.attrs && target.attrs.id) || '', dataset: Object.assign({}, target.dataset) }
            : {},
        }))
      || {};
    const title = String(content.title || document.title || '');
    if (tg.inTelegram) {
      tg.post('web_app_switch_inline_query', { query: title, chat_types: ['users', 'groups', 'channels'] });
      return;
    }
    // The link opens the share's `path` (WeChat's card does), else this page.
    const loc = globalThis.location;
    const path = typeof content.path === 'string' && content.path ? content.path.replace(/^\//, '') : '';
    const url = path ? `${loc.origin}${loc.pathname}${writeParam(loc.search, path)}` : loc.href;
    /** @type {Partial<Navigator>} */
    const nav = globalThis.navigator || {};
    if (nav.share) nav.share({ title, url }).catch(() => {});
    // Without a share sheet the link is copied, and a toast says so.
    else if (nav.clipboard)
      nav.clipboard.writeText(url).then(
        () => globalThis.wx.showToast({ title: '链接已复制', icon: 'success' }),
        (error) => console.warn('miniport: the share link could not be copied', error),
      );
  });
  globalThis.addEventListener('unhandledrejection', (e) =>
    fw.unhandledRejection({ reason: e.reason, promise: e.promise }),
  );

  if (config.mode === 'library') {
    document.documentElement.dataset.miniportReady = 'true';
    globalThis.__miniport = { config, fw, router };
    return;
  }
  // App's onLaunch runs before the first page loads, with the page the address names.
  // A Telegram link's start_param names the page to open (base64url of `pages/a/a?x=1`),
  // unless the address already names one (a reload).
  let entry = router.entry();
  const start = decodeStartParam(tg.launch.startParam);
  if (start && !new URLSearchParams(globalThis.location.search).has('mp') && config.pages[start.path]) {
    entry = { route: start.path, query: start.query };
  }
  fw.launch({ path: entry.route, query: entry.query || {}, scene: 1001, referrerInfo: {} });
  await router.start(entry);
  const visible = (shown) => {
    const page = router.current();
    if (shown)
      fw.appShow({
        path: page ? page.route : config.entry,
        query: page ? page.query : {},
        scene: 1001,
        referrerInfo: {},
      });
    else fw.appHide();
    if (page) shown ? page.show() : page.hide();
  };
  document.addEventListener('visibilitychange', () => visible(document.visibilityState === 'visible'));
  const dark = globalThis.matchMedia ? globalThis.matchMedia('(prefers-color-scheme: dark)') : null;
  if (dark && dark.addEventListener)
    dark.addEventListener('change', () => fw.themeChange(dark.matches ? 'dark' : 'light'));
  tg.on('theme_changed', () => {
    theme();
    fw.themeChange(colorSchemeOf(tg.themeParams && tg.themeParams.bg_color));
  });
  tg.on('activated', () => visible(true));
  tg.on('deactivated', () => visible(false));
  document.documentElement.dataset.miniportReady = 'true';
  globalThis.__miniport = { config, fw, router };
  if (config.target === 'telegram') {
    tg.post('web_app_ready');
    tg.post('web_app_expand');
  }
  // The deferred wx.* code of the APIs the app uses loads once the first page is up, so their first calls do not wait.
  const idle = globalThis.requestIdleCallback || ((fn) => setTimeout(fn, 200));
  idle(() => preloadLazyApis(config.usedApis), { timeout: 2000 });
}

boot().catch((error) => {
  console.error(error);
  document.documentElement.dataset.miniportReady = 'error';
});
