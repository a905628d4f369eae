// miniport runtime: the wx.* APIs of web platform services (route events, encodings, idle callbacks, keyboard, battery, logs, performance, fonts, updates, privacy); see api/index.js.
import { lazyApis } from './lazy.js';
import { routeEventApis } from './route-events.js';
import { webSyncApis } from './web-sync.js';
import { webManagerApis } from './web-managers.js';

const ASYNC = ['getRandomValues', 'getRendererUserAgent', 'getSelectedTextRange', 'checkIsOpenAccessibility', 'getDeviceBenchmarkInfo', 'getSkylineInfo', 'getPrivacySetting', 'requirePrivacyAuthorize', 'setEnableDebug', 'setBackgroundTextStyle', 'setTopBarText', 'preloadSkylineView', 'preloadWebview', 'preloadAssets', 'loadFontFace', 'restartMiniProgram'];
const DEVICE = ['getBatteryInfo', 'chooseContact', 'addPhoneContact', 'addPhoneCalendar', 'addPhoneRepeatCalendar', 'sendSms',
  ...['BatteryInfoChange', 'KeyboardHeightChange', 'KeyDown', 'KeyUp', 'NetworkWeakChange'].flatMap((n) => [`on${n}`, `off${n}`])];
const noop = () => {};

/**
 * The APIs this group implements, as `{ name: function }`. `ctx` is `{ bridge, router, fw,
 * config, win }`; any of bridge/router/fw may be missing, and an API must then still work or
 * fail clearly. Heavy code goes behind `lazyApis` (api/lazy.js).
 */
export function webApis(ctx = {}) {
  const { routeTaps, ...routes } = routeEventApis(ctx);
  return Object.assign(
    routes,
    webSyncApis(ctx),
    webManagerApis(ctx, routeTaps),
    lazyApis(ctx, () => import('./web-async.js'), ASYNC),
    lazyApis(ctx, () => import('./web-device.js'), DEVICE),
    // Never fire: there is no WeChat privacy gate or API category on the web.
    { onNeedPrivacyAuthorization: noop, onApiCategoryChange: noop, offApiCategoryChange: noop },
  );
}
