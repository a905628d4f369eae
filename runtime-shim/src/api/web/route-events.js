// miniport runtime: wx's route events (onBeforeAppRoute … onAfterPageUnload), rewriteRoute, onLazyLoadError and
// preDownloadSubpackage, on the router's hooks.
import { api, failure, paramError } from '../../core/callback.js';

const EVENTS = [
  'BeforeAppRoute',
  'AppRoute',
  'AppRouteDone',
  'BeforePageLoad',
  'AfterPageLoad',
  'BeforePageUnload',
  'AfterPageUnload',
];

/**
 * `{ on…/off…, rewriteRoute, onLazyLoadError, offLazyLoadError, preDownloadSubpackage }` and,
 * for other API modules, `routeTaps` (a Set of `(type, res) => void` hearing every route event).
 * Without a router (the render tool) listeners register and never fire.
 * @param {MpApiContext} [ctx]
 * @returns {Record<string, any>} the APIs and `routeTaps`, the set web-managers listens on
 */
export function routeEventApis(ctx = {}) {
  const { router, win = globalThis } = ctx;
  const lists = new Map();
  const taps = new Set();
  const ids = new WeakMap();
  let pages = 0;
  let pending = null;
  const webview = (page) => {
    if (!page || typeof page !== 'object') return undefined;
    if (!ids.has(page)) ids.set(page, ++pages);
    return ids.get(page);
  };
  const fire = (type, res) => {
    for (const cb of [...(lists.get(type) || [])]) {
      try {
        cb(res);
      } catch (error) {
        console.error(error);
      }
    }
    for (const tap of taps) tap(type, res);
  };
  // WeChat's shape of each event: path (no leading slash, as page.route), query, openType, routeEventId, …
  const shape = (type, e) => {
    const res = { path: e.route, routeEventId: e.id };
    if (type.endsWith('Unload')) return res;
    Object.assign(res, { query: { ...e.query }, openType: e.openType });
    if (type.endsWith('PageLoad'))
      return type === 'BeforePageLoad' ? Object.assign(res, { componentFramework: 'exparser' }) : res;
    Object.assign(res, { renderer: 'webview', webviewId: webview(e.page), notFound: Boolean(e.notFound) });
    if (type !== 'BeforeAppRoute') res.timeStamp = Date.now();
    return res;
  };
  if (router && typeof router.on === 'function') {
    for (const name of EVENTS) {
      const type = name.charAt(0).toLowerCase() + name.slice(1);
      router.on(type, (e) => {
        if (name !== 'BeforeAppRoute') return fire(name, shape(name, e));
        pending = e;
        try {
          fire(name, shape(name, e));
        } finally {
          pending = null;
        }
        return undefined;
      });
    }
  }
  const out = {
    routeTaps: taps,
    rewriteRoute: api('rewriteRoute', (o) => {
      if (typeof o.url !== 'string') throw failure(paramError('url', 'String', o.url));
      if (!pending) throw failure('no route event is pending; call it inside wx.onBeforeAppRoute');
      pending.rewrite(o.url, Boolean(o.preserveQuery));
    }),
  };
  const listen = (name) => {
    out[`on${name}`] = (cb) => {
      if (typeof cb !== 'function') return;
      if (!lists.has(name)) lists.set(name, new Set());
      lists.get(name).add(cb);
    };
    out[`off${name}`] = (cb) => (cb === undefined ? lists.delete(name) : lists.get(name)?.delete(cb), undefined);
  };
  for (const name of [...EVENTS, 'LazyLoadError']) listen(name);

  // A subpackage's script chunk that fails to load (script error events do not bubble: listen in the capture phase).
  const scripts = (ctx.config && ctx.config.scripts) || {};
  const packages = scripts.packages || {};
  const lazyError = (roots, errMsg) => fire('LazyLoadError', { type: 'subpackage', subpackage: roots, errMsg });
  if (win && typeof win.addEventListener === 'function' && Object.keys(packages).length) {
    win.addEventListener(
      'error',
      (e) => {
        const t = /** @type {Element} */ (e.target);
        const src = t && t.tagName === 'SCRIPT' ? t.getAttribute('src') || '' : '';
        const root = src && Object.keys(packages).find((r) => src.endsWith(packages[r]));
        if (root) lazyError([root], 'loadSubpackage: fail');
      },
      true,
    );
  }

  /** Loads a subpackage's chunk ahead of navigation (its code, in async.js, loads on first call). */
  out.preDownloadSubpackage = (options = {}) => {
    const progress = new Set();
    const done = import('./async.js').then((m) => m.preDownload(ctx, options, packages, lazyError));
    api('preDownloadSubpackage', () => done)({ fail() {}, ...options });
    done.then(
      () => {
        for (const cb of progress) cb({ progress: 100, totalBytesWritten: 0, totalBytesExpectedToWrite: 0 });
      },
      () => {},
    );
    return {
      onProgressUpdate: (cb) => {
        if (typeof cb === 'function') progress.add(cb);
      },
    };
  };
  return out;
}
