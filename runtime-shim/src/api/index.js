// miniport runtime: the `wx` object — every name in the API table defined, the implemented ones wired in.
import { apiRows } from './table.js';
import { settle } from '../core/callback.js';
import { coreApis } from './core/index.js';
import { mediaApis } from './media/index.js';
import { telegramApis } from './telegram/index.js';
import { webApis } from './web/index.js';
import { captureApis } from './capture/index.js';

const warned = new Set();

function warnOnce(name, status) {
  if (warned.has(name)) return;
  warned.add(name);
  console.warn(
    `miniport: wx.${name} is `
      + (status === 'unsupported' ? 'not supported in a Telegram Mini App' : 'not implemented in miniport yet')
      + '; calls to it fail or do nothing.',
  );
}

const noop = () => {};

/** An object whose methods fail with "<method>:fail not supported" through fail/complete (listeners do nothing). */
function inert() {
  return new Proxy(
    {},
    {
      get: (target, key) => {
        if (typeof key !== 'string' || key === 'then' || key === 'toJSON') return undefined;
        if (/^(on|off)[A-Z]/.test(key)) return noop;
        return (options) =>
          settle(
            key,
            { fail: noop, ...(options && typeof options === 'object' ? options : {}) },
            Promise.reject(new Error('not supported')),
          );
      },
      set: () => true,
    },
  );
}

const FACTORY = /^(create(?!BLE)\w*|get\w*(Manager|Adapter|System)|getPerformance)$/;
const SYNC = new RegExp(
  'Sync$|^(revokeBufferURL|getMenuButtonBoundingClientRect|checkIsPictureInPictureActive|getAppAuthorizeSetting|'
    + 'getAppBaseInfo|getDeviceInfo|getSystemSetting|getWindowInfo|arrayBufferToBase64|base64ToArrayBuffer|'
    + 'cancelIdleCallback|requestIdleCallback|getApiCategory)$',
);
const FIRE_AND_FORGET = /^(postMessageToReferrer\w+|requestAppleSubscribeSign|report[A-Z]\w*)$/;

/**
 * How an API without an implementation fails, as the API table's notes say: listeners are
 * no-ops, factories return an object whose methods fail, synchronous APIs throw
 * "name:fail …", fire-and-forget ones do nothing, asynchronous ones fail through
 * fail/complete and a rejected promise ("not supported in Telegram Mini App" when the
 * platform cannot do it, "not implemented in miniport" otherwise). Each warns once.
 */
function missing(name, status, label = name) {
  const reason = status === 'unsupported' ? 'not supported in Telegram Mini App' : 'not implemented in miniport';
  const warn = () => warnOnce(label, status);
  if (/^(on|off)[A-Z]/.test(name) || FIRE_AND_FORGET.test(name))
    return () => {
      warn();
    };
  if (name === 'isVKSupport')
    return () => {
      warn();
      return false;
    };
  if (FACTORY.test(name))
    return () => {
      warn();
      return inert();
    };
  if (SYNC.test(name)) {
    return () => {
      warn();
      throw new Error(`${name}:fail ${reason}`);
    };
  }
  return (options) => {
    warn();
    return settle(name, options, Promise.reject(new Error(reason)));
  };
}

/** wx.router, not implemented: present, with methods that do nothing. */
const inertProperty = () =>
  new Proxy({}, { get: (t, key) => (key === 'then' || typeof key !== 'string' ? undefined : noop), set: () => true });

/**
 * The API groups (api/<group>/index.js), in the order their APIs are merged. A new wx API goes
 * into its group's folder; only a new group is added here. The route group (api/route/) works on
 * the router and is passed in by boot.
 */
const GROUPS = [coreApis, mediaApis, telegramApis, webApis, captureApis];

/**
 * The APIs miniport implements (the API groups and `groups`), as `{ name: function }`.
 * @param {MpApiTable[]} [groups]
 * @param {MpApiContext} [ctx]
 * @returns {MpApiTable}
 */
export function implementedApis(groups = [], ctx = {}) {
  return Object.assign({}, ...GROUPS.map((group) => group(ctx)), ...groups);
}

/**
 * Builds `wx`: `groups` are objects of implemented APIs (route, navigation, …) merged over the
 * table's names, each of which exists; `ctx` (`{ bridge, router, fw, config, win }`) is what
 * the API groups work with. `wx` is a plain extensible object with own enumerable
 * functions, as apps expect (they promisify it with `Object.keys(wx)`).
 * @param {MpApiTable[]} [groups]
 * @param {Record<string, any>} [extra] properties set on `wx` as they are
 * @param {MpApiContext} [ctx]
 * @returns {Record<string, any>} wx
 */
export function createWx(groups = [], extra = {}, ctx = {}) {
  const wx = {};
  const implemented = implementedApis(groups, ctx);
  const cloud = {};
  for (const [name, status] of apiRows()) {
    const dot = name.indexOf('.');
    if (dot > 0) {
      const member = name.slice(dot + 1);
      cloud[member] =
        member === 'init'
          ? noop
          : member === 'database'
            ? () => {
                warnOnce(name, status);
                return inert();
              }
            : missing(member, status, name);
    } else if (name === 'cloud') wx.cloud = cloud;
    else if (name === 'router') wx[name] = inertProperty();
    else wx[name] = implemented[name] || missing(name, status);
  }
  Object.assign(wx, implemented);
  // An implemented wx.cloud keeps the table's members it does not define, failing as the table says.
  if (wx.cloud && wx.cloud !== cloud) for (const k of Object.keys(cloud)) if (!(k in wx.cloud)) wx.cloud[k] = cloud[k];
  wx.canIUse = (schema) => {
    const first = String(schema || '').split('.')[0];
    return Boolean(first && Object.prototype.hasOwnProperty.call(implemented, first));
  };
  wx.nextTick = (fn) => queueMicrotask(fn);
  wx.env = { USER_DATA_PATH: 'wxfile://usr' };
  Object.assign(wx, extra);
  return wx;
}
