// miniport runtime: wx.navigateTo / redirectTo / navigateBack / switchTab / reLaunch on the router, with WeChat's
// calling convention.
// The route group: these and navigation.js's APIs, which boot hands to createWx with the router.
import { api, failure, paramError } from '../../core/callback.js';

export { navigationApis } from './navigation.js';

function url(options) {
  if (typeof options.url !== 'string') throw failure(paramError('url', 'String', options.url));
  return options.url;
}

/**
 * The route APIs of `router` (router/router.js), as `wx` carries them.
 * @param {any} router the router of router/router.js
 * @returns {MpApiTable}
 */
export function routeApis(router) {
  return {
    // success gets { errMsg, eventChannel }
    navigateTo: api('navigateTo', (o) => router.navigateTo(url(o), { events: o.events })),
    redirectTo: api('redirectTo', (o) => router.redirectTo(url(o)).then(() => undefined)),
    navigateBack: api('navigateBack', (o) =>
      router.navigateBack(o.delta === undefined ? 1 : o.delta).then(() => undefined),
    ),
    switchTab: api('switchTab', (o) => router.switchTab(url(o)).then(() => undefined)),
    reLaunch: api('reLaunch', (o) => router.reLaunch(url(o)).then(() => undefined)),
  };
}
