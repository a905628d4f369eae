// miniport runtime: the wx.* APIs of web platform services (route events, encodings, idle callbacks, keyboard, battery,
// logs, performance, fonts, updates, privacy, the weak-network cache manager); see api/index.js.
import { deferred, lazyApis, lazyObject } from '../../core/lazy.js';
import { setRequestHook } from '../core/network.js';
import { routeEventApis } from './route-events.js';
import { webSyncApis } from './sync.js';
import { webManagerApis } from './managers.js';

const ASYNC = [
  'getRandomValues',
  'getRendererUserAgent',
  'getSelectedTextRange',
  'checkIsOpenAccessibility',
  'getDeviceBenchmarkInfo',
  'getSkylineInfo',
  'getPrivacySetting',
  'requirePrivacyAuthorize',
  'setEnableDebug',
  'setBackgroundTextStyle',
  'setTopBarText',
  'preloadSkylineView',
  'preloadWebview',
  'preloadAssets',
  'loadFontFace',
  'restartMiniProgram',
];
const DEVICE = [
  'getBatteryInfo',
  'chooseContact',
  'addPhoneContact',
  'addPhoneCalendar',
  'addPhoneRepeatCalendar',
  'sendSms',
  ...['BatteryInfoChange', 'KeyboardHeightChange', 'KeyDown', 'KeyUp', 'NetworkWeakChange'].flatMap((n) => [
    `on${n}`,
    `off${n}`,
  ]),
];
const noop = () => {};

/**
 * wx.createCacheManager: WeChat's one manager per app, made by the first call (later calls
 * return it). Its code (cache-manager.js) loads at once; wx.request waits for it from then on.
 */
function createCacheManager(ctx) {
  let made = null;
  const module = deferred(() => import('./cache-manager.js'), ['createCacheManager']);
  return (options) => {
    if (made) return made;
    const o = options && typeof options === 'object' ? options : {};
    let ready;
    const handle = new Promise((resolve) => {
      ready = resolve;
    });
    setRequestHook((req, send) => handle.then((h) => (h ? h(req, send) : send())));
    const load = () =>
      module().catch((error) => {
        ready(null);
        throw error;
      });
    made = lazyObject(
      load,
      (m) => {
        const cm = m.default(ctx, o);
        ready(cm.handle);
        return cm.manager;
      },
      {
        mode: o.mode || 'weakNetwork',
        origin: o.origin || '',
        maxAge: Math.min(Number(o.maxAge) || 604800000, 2592000000),
        state: o.mode === 'always' ? 1 : 0,
      },
    );
    return made;
  };
}

/**
 * The APIs this group implements, as `{ name: function }`. `ctx` is `{ bridge, router, fw,
 * config, win }`; any of bridge/router/fw may be missing, and an API must then still work or
 * fail clearly. Heavy code goes behind `lazyApis` (core/lazy.js).
 * @param {MpApiContext} [ctx]
 * @returns {MpApiTable}
 */
export function webApis(ctx = {}) {
  const { routeTaps, ...routes } = routeEventApis(ctx);
  return Object.assign(
    routes,
    webSyncApis(ctx),
    webManagerApis(ctx, routeTaps),
    lazyApis(ctx, () => import('./async.js'), ASYNC),
    lazyApis(ctx, () => import('./device.js'), DEVICE),
    // Never fire: there is no WeChat privacy gate or API category on the web.
    { onNeedPrivacyAuthorization: noop, onApiCategoryChange: noop, offApiCategoryChange: noop },
    { createCacheManager: createCacheManager(ctx) },
  );
}
