// miniport runtime: wx.getSystemInfo(Sync), getWindowInfo, getDeviceInfo, getAppBaseInfo,
// getMenuButtonBoundingClientRect.
import { settle } from '../../core/callback.js';
import { pageWindow, windowRect } from '../../core/viewport.js';

/** The base library version miniport answers with (what its API surface corresponds to). */
export const SDK_VERSION = '3.4.0';

// Telegram's client platforms that name WeChat's; the desktop and web clients say nothing of the OS.
const TELEGRAM_PLATFORMS = { android: 'android', android_x: 'android', ios: 'ios', macos: 'mac' };

function platformOf(ua) {
  if (/iPhone|iPad|iPod/i.test(ua)) return 'ios';
  if (/Android/i.test(ua)) return 'android';
  if (/Macintosh/i.test(ua)) return 'mac';
  if (/Windows/i.test(ua)) return 'windows';
  return 'devtools';
}

function env() {
  const g = globalThis;
  /** @type {Partial<Navigator>} */
  const nav = g.navigator || {};
  const width = g.innerWidth || 375;
  const height = g.innerHeight || 667;
  const screenWidth = (g.screen && g.screen.width) || width;
  const screenHeight = (g.screen && g.screen.height) || height;
  const root = g.document && g.document.documentElement;
  // Telegram's colour scheme when the app runs there, else the system's.
  const scheme = root && root.style ? root.style.getPropertyValue('--tg-color-scheme').trim() : '';
  const dark = scheme
    ? scheme === 'dark'
    : Boolean(g.matchMedia && g.matchMedia('(prefers-color-scheme: dark)').matches);
  const inset = (name) => {
    if (!root || !g.getComputedStyle) return 0;
    return parseFloat(g.getComputedStyle(root).getPropertyValue(name)) || 0;
  };
  const top = inset('--tg-safe-area-inset-top') + inset('--tg-content-safe-area-inset-top');
  const bottom = inset('--tg-safe-area-inset-bottom') + inset('--tg-content-safe-area-inset-bottom');
  const doc = g.document;
  const frame = doc && doc.querySelector && pageWindow(doc).frame ? windowRect(doc) : null;
  const window =
    frame && frame.width && frame.height ? { width: Math.round(frame.width), height: Math.round(frame.height) } : null;
  return { nav, width, height, screenWidth, screenHeight, dark, top, bottom, window, ratio: g.devicePixelRatio || 1 };
}

function windowInfo() {
  const e = env();
  return {
    pixelRatio: e.ratio,
    screenWidth: e.screenWidth,
    screenHeight: e.screenHeight,
    // WeChat's window: the page's area between the navigation bar and the tab bar (core/viewport.js).
    windowWidth: e.window ? e.window.width : e.width,
    windowHeight: e.window ? e.window.height : e.height,
    statusBarHeight: e.top,
    safeArea: {
      left: 0,
      right: e.width,
      top: e.top,
      bottom: e.height - e.bottom,
      width: e.width,
      height: e.height - e.top - e.bottom,
    },
    screenTop: 0,
  };
}

/** The device; `known` is the platform when the Telegram client named it, else the user agent decides. */
function deviceInfo(known = '') {
  const e = env();
  const ua = e.nav.userAgent || '';
  const platform = known || platformOf(ua);
  return {
    brand: 'web',
    model: e.nav.platform || 'browser',
    system: `${platform} ${ua.match(/(?:OS|Android) ([\d_.]+)/)?.[1]?.replace(/_/g, '.') || ''}`.trim(),
    platform,
    benchmarkLevel: -1,
    abi: '',
    deviceAbi: '',
    memorySize: '',
    CPUType: '',
  };
}

function appBaseInfo() {
  const e = env();
  return {
    SDKVersion: SDK_VERSION,
    enableDebug: false,
    host: { env: 'miniport' },
    language: e.nav.language || 'zh_CN',
    version: '8.0.0',
    theme: e.dark ? 'dark' : 'light',
    fontSizeSetting: 16,
  };
}

function systemInfo(known) {
  return Object.assign({}, deviceInfo(known), windowInfo(), appBaseInfo(), {
    fontSizeSetting: 16,
    locationEnabled: true,
    wifiEnabled: true,
    bluetoothEnabled: false,
    cameraAuthorized: false,
    locationAuthorized: false,
    microphoneAuthorized: false,
    notificationAuthorized: false,
  });
}

/**
 * The system information APIs; `ctx.bridge`'s Telegram platform names `platform` where it says the OS.
 * @param {MpApiContext} [ctx]
 * @returns {MpApiTable}
 */
export function systemApis(ctx = {}) {
  const b = ctx.bridge;
  const known = (b && b.inTelegram && TELEGRAM_PLATFORMS[b.platform]) || '';
  const info = () => systemInfo(known);
  return {
    getSystemInfoSync: info,
    getSystemInfo: (o = {}) => settle('getSystemInfo', o, Promise.resolve().then(info)),
    getSystemInfoAsync: (o = {}) => settle('getSystemInfoAsync', o, Promise.resolve().then(info)),
    getWindowInfo: windowInfo,
    getDeviceInfo: () => deviceInfo(known),
    getAppBaseInfo: appBaseInfo,
    getMenuButtonBoundingClientRect() {
      // Where WeChat's capsule sits: top right, under the status bar (the navigation bar's height).
      const w = windowInfo();
      const top = w.statusBarHeight + 4;
      return { width: 87, height: 32, top, bottom: top + 32, left: w.windowWidth - 7 - 87, right: w.windowWidth - 7 };
    },
  };
}

/**
 * The parts of WeChat's `__wxConfig` global that apps read: the environment (a converted app
 * is a release), the base library version, the app's pages, entry, window and tab bar.
 * @param {Record<string, any>} config the app config
 * @returns {Record<string, any>}
 */
export function wxConfig(config) {
  return {
    envVersion: 'release',
    debug: false,
    sdkVersion: SDK_VERSION,
    platform: 'web',
    accountInfo: { appId: config.appId || '' },
    pages: Object.keys(config.pages || {}),
    entryPagePath: config.entry ? `${config.entry}.html` : '',
    global: { window: { ...(config.window || {}) } },
    tabBar: config.tabBar || undefined,
  };
}
