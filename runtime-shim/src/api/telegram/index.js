// miniport runtime: the wx.* APIs of Telegram-only features (sensors, biometrics, chats, sharing, closing
// confirmation); see api/index.js.
import { lazyApis } from '../../core/lazy.js';

const pairs = (...names) => names.flatMap((n) => [`on${n}`, `off${n}`]);
const sensor = (n) => [`start${n}`, `stop${n}`, ...pairs(`${n}Change`)];

/** APIs whose code loads on first call, by module (a test keeps these lists equal to the modules' exports). */
export const DEFERRED_TELEGRAM = {
  sensors: [
    ...sensor('Accelerometer'),
    ...sensor('Gyroscope'),
    ...sensor('Compass'),
    'startDeviceMotionListening',
    'stopDeviceMotionListening',
    ...pairs('DeviceMotionChange'),
  ],
  biometry: ['checkIsSupportSoterAuthentication', 'checkIsSoterEnrolledInDevice', 'startSoterAuthentication'],
  links: [
    'exitMiniProgram',
    'navigateBackMiniProgram',
    'navigateToMiniProgram',
    'openOfficialAccountArticle',
    'openOfficialAccountChat',
    'openOfficialAccountProfile',
    'openCustomerServiceChat',
    'openPrivacyContract',
    'openDocument',
    'saveFileToDisk',
    'requestCommonPayment',
    'requestVirtualPayment',
    'openAppAuthorizeSetting',
  ],
  share: [
    'shareAppMessageToGroup',
    'shareImageToGroup',
    'shareVideoToGroup',
    'shareFileToGroup',
    'shareFileMessage',
    'shareVideoMessage',
    'showShareImageMenu',
  ],
  window: [
    'enableAlertBeforeUnload',
    'disableAlertBeforeUnload',
    'hideKeyboard',
    'hideHomeButton',
    'checkIsAddedToMyMiniProgram',
    'getGroupEnterInfo',
    ...pairs('WindowResize', 'MenuButtonBoundingClientRectWeightChange'),
  ],
};

const MODULES = {
  sensors: () => import('./sensors.js'),
  biometry: () => import('./biometry.js'),
  links: () => import('./links.js'),
  share: () => import('./share.js'),
  window: () => import('./window.js'),
};

/**
 * The APIs this group implements, as `{ name: function }`. `ctx` is `{ bridge, router, fw,
 * config, win }`; any of bridge/router/fw may be missing, and an API must then still work or
 * fail clearly. Every one loads its module on first call (core/lazy.js).
 * @param {MpApiContext} [ctx]
 * @returns {MpApiTable}
 */
export function telegramApis(ctx = {}) {
  return Object.assign({}, ...Object.entries(DEFERRED_TELEGRAM).map(([k, names]) => lazyApis(ctx, MODULES[k], names)));
}
