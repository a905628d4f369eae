// miniport runtime: the wx.* APIs of the first API group (storage, toasts, system info, network, interaction,
// open data, device, ext config); see api/index.js.
import { storageApis } from './storage.js';
import { feedbackApis } from './feedback.js';
import { systemApis } from './system.js';
import { networkApis } from './network.js';
import { socketApis } from './socket.js';
import { launchApis } from './launch.js';
import { extApis } from './ext.js';
import { lazyApis } from '../../core/lazy.js';

/** APIs whose code loads on first call, by module (a test keeps these lists equal to the modules' exports). */
export const DEFERRED_CORE = {
  modal: ['showModal', 'showActionSheet'],
  open: [
    'login',
    'checkSession',
    'getUserInfo',
    'getUserProfile',
    'requestPayment',
    'requestOrderPayment',
    'requestSubscribeMessage',
    'showShareMenu',
    'hideShareMenu',
    'updateShareMenu',
    'authorize',
    'getSetting',
    'openSetting',
  ],
  address: ['chooseAddress'],
  device: [
    'setClipboardData',
    'getClipboardData',
    'vibrateShort',
    'vibrateLong',
    'scanCode',
    'makePhoneCall',
    'getNetworkType',
    'onNetworkStatusChange',
    'offNetworkStatusChange',
    'setKeepScreenOn',
  ],
};

/**
 * The APIs this group implements, as `{ name: function }`. `ctx` is `{ bridge, router, fw,
 * config, win }`; any of bridge/router/fw may be missing (the render tool's host has no router
 * and no Telegram), and an API must then still work or fail clearly.
 * @param {MpApiContext} [ctx]
 * @returns {MpApiTable}
 */
export function coreApis(ctx = {}) {
  return Object.assign(
    // Storage and the toasts take no ctx: storage reads the app's config from the page.
    {},
    storageApis(),
    feedbackApis(),
    systemApis(ctx),
    networkApis(ctx),
    socketApis(ctx),
    launchApis(ctx),
    extApis(ctx),
    lazyApis(ctx, () => import('./modal.js').then((m) => ({ default: m.modalApis })), DEFERRED_CORE.modal),
    lazyApis(ctx, () => import('./open.js').then((m) => ({ default: m.openApis })), DEFERRED_CORE.open),
    lazyApis(ctx, () => import('./address.js').then((m) => ({ default: m.addressApis })), DEFERRED_CORE.address),
    lazyApis(ctx, () => import('./device.js').then((m) => ({ default: m.deviceApis })), DEFERRED_CORE.device),
  );
}
