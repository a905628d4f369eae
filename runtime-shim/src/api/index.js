// miniport runtime: the `wx` object — every name in the API table defined, the implemented ones wired in.
import { API_TABLE } from './table.js';
import { settle } from './callback.js';
import { storageApis } from './storage.js';
import { feedbackApis } from './feedback.js';
import { systemApis } from './system.js';
import { coreApis } from './group-core.js';
import { mediaApis } from './group-media.js';

const warned = new Set();

function warnOnce(name, status) {
  if (warned.has(name)) return;
  warned.add(name);
  console.warn(`miniport: wx.${name} is ${status === 'unsupported' ? 'not available outside WeChat' : 'not implemented yet'}; the call fails through fail/complete.`);
}

const inert = () => new Proxy(function () {}, {
  get: (target, key) => (key === 'then' ? undefined : inert()),
  apply: () => undefined,
});

// How an API without an implementation fails, by the shape of its name (WeChat's own conventions).
function missing(name, status) {
  if (/Sync$/.test(name)) {
    return () => {
      warnOnce(name, status);
      throw new Error(`${name}:fail not supported`);
    };
  }
  if (/^(create|get)\w*(Manager|Context|Task|Observer|Recorder|Player|Pusher|Animation|Worker|Query)$/.test(name) || /^create/.test(name)) {
    return () => {
      warnOnce(name, status);
      return inert();
    };
  }
  if (/^(on|off)[A-Z]/.test(name)) {
    return () => warnOnce(name, status);
  }
  return (options) => {
    warnOnce(name, status);
    return settle(name, options, Promise.reject(new Error(status === 'unsupported' ? 'not supported' : 'not implemented in miniport')));
  };
}

/**
 * Builds `wx`: `groups` are objects of implemented APIs (route, navigation, …) merged over the
 * table's names, each of which exists; `ctx` (`{ bridge, router, fw, config, win }`) is what
 * the API groups work with. `wx` is a plain extensible object with own enumerable
 * functions, as apps expect (they promisify it with `Object.keys(wx)`).
 */
export function createWx(groups = [], extra = {}, ctx = {}) {
  const wx = {};
  const implemented = Object.assign({}, storageApis(), feedbackApis(), systemApis(), coreApis(ctx), mediaApis(ctx), ...groups);
  for (const [name, , status] of API_TABLE) wx[name] = implemented[name] || missing(name, status);
  Object.assign(wx, implemented);
  wx.canIUse = (schema) => {
    const first = String(schema || '').split('.')[0];
    return Boolean(first && Object.prototype.hasOwnProperty.call(implemented, first));
  };
  wx.nextTick = (fn) => queueMicrotask(fn);
  wx.env = { USER_DATA_PATH: 'wxfile://usr' };
  Object.assign(wx, extra);
  return wx;
}
