// miniport runtime: wx's small synchronous web APIs — base64, idle callbacks, buffer URLs, settings and account
// answers, the last battery reading, analytics beacons.

/**
 * The last battery reading `{ level, isCharging }` (null until getBatteryInfo/onBatteryInfoChange read it;
 * device.js keeps it).
 */
export const battery = { info: null, manager: null };

/** @type {Record<string, PermissionName>} */
const PERMISSIONS = {
  cameraAuthorized: 'camera',
  microphoneAuthorized: 'microphone',
  locationAuthorized: 'geolocation',
  notificationAuthorized: 'notifications',
};
const STATE = { granted: 'authorized', denied: 'denied', prompt: 'not determined' };

/**
 * @param {MpApiContext} [ctx]
 * @returns {MpApiTable}
 */
export function webSyncApis(ctx = {}) {
  const win = ctx.win || globalThis;
  const config = ctx.config || {};
  /** @type {Partial<Navigator>} */
  const nav = win.navigator || {};

  // What the Permissions API last said; queried at start and again on each read.
  const authorized = {};
  const queryPermissions = () => {
    if (!nav.permissions || typeof nav.permissions.query !== 'function') return;
    for (const [key, name] of Object.entries(PERMISSIONS)) {
      nav.permissions.query({ name }).then(
        (s) => {
          authorized[key] = STATE[s.state];
        },
        () => {},
      );
    }
  };
  queryPermissions();

  const beacon = (api, args) => {
    const url = config.reportUrl;
    if (!url || typeof nav.sendBeacon !== 'function') return;
    try {
      nav.sendBeacon(url, JSON.stringify({ api, args, appId: config.appId || '', time: Date.now() }));
    } catch (error) {
      console.warn(`miniport: wx.${api} could not report`, error);
    }
  };
  const report =
    (api) =>
    (...args) => {
      beacon(api, args);
    };

  return {
    arrayBufferToBase64(buffer) {
      const bytes = ArrayBuffer.isView(buffer)
        ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
        : new Uint8Array(buffer || 0);
      let text = '';
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(text);
    },
    base64ToArrayBuffer(base64) {
      const text = atob(
        String(base64 || '')
          .replace(/[\s]/g, '')
          .replace(/-/g, '+')
          .replace(/_/g, '/'),
      );
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
      return bytes.buffer;
    },
    requestIdleCallback(cb, options) {
      if (typeof win.requestIdleCallback === 'function') return win.requestIdleCallback(cb, options);
      const start = Date.now();
      return win.setTimeout(
        () => cb({ didTimeout: false, timeRemaining: () => Math.max(0, 50 - (Date.now() - start)) }),
        1,
      );
    },
    cancelIdleCallback(id) {
      if (typeof win.cancelIdleCallback === 'function') win.cancelIdleCallback(id);
      else win.clearTimeout(id);
    },
    createBufferURL: (buffer) => URL.createObjectURL(new Blob([buffer])),
    revokeBufferURL: (url) => {
      URL.revokeObjectURL(url);
    },
    checkIsPictureInPictureActive: () => Boolean(win.document && win.document.pictureInPictureElement),
    getSkylineInfoSync: () => ({
      isSupported: false,
      version: '',
      reason: 'miniport renders every page as a web page',
    }),
    getSystemSetting() {
      const type = win.screen && win.screen.orientation && win.screen.orientation.type;
      const landscape = type ? type.startsWith('landscape') : win.innerWidth > win.innerHeight;
      return {
        bluetoothEnabled: false,
        locationEnabled: 'geolocation' in nav,
        wifiEnabled: Boolean(nav.connection && nav.connection.type === 'wifi'),
        deviceOrientation: landscape ? 'landscape' : 'portrait',
      };
    },
    getAppAuthorizeSetting() {
      queryPermissions();
      const notification = win.Notification && win.Notification.permission;
      return {
        albumAuthorized: 'authorized',
        bluetoothAuthorized: 'denied',
        cameraAuthorized: authorized.cameraAuthorized || 'not determined',
        locationAuthorized: authorized.locationAuthorized || 'not determined',
        locationReducedAccuracy: false,
        microphoneAuthorized: authorized.microphoneAuthorized || 'not determined',
        notificationAuthorized:
          authorized.notificationAuthorized
          || STATE[notification === 'default' ? 'prompt' : notification]
          || 'not determined',
        phoneCalendarAuthorized: 'authorized',
      };
    },
    getApiCategory: () => 'default',
    getExptInfoSync: () => ({}),
    getAccountInfoSync: () => ({
      miniProgram: { appId: config.appId || '', envVersion: 'release', version: config.appVersion || '' },
      plugin: {},
    }),
    getBatteryInfoSync() {
      if (typeof nav.getBattery !== 'function')
        throw new Error('getBatteryInfoSync:fail not supported in this browser');
      if (!battery.info)
        throw new Error('getBatteryInfoSync:fail the battery has not been read yet; call wx.getBatteryInfo first');
      return { ...battery.info };
    },
    reportAnalytics: report('reportAnalytics'),
    reportEvent: report('reportEvent'),
    reportMonitor: report('reportMonitor'),
    reportPerformance: report('reportPerformance'),
  };
}
