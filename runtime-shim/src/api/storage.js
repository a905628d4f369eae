// miniport runtime: wx storage (sync and async) on localStorage, keys kept apart from the page's own.
import { settle } from './callback.js';

const PREFIX = 'miniport:';
const LIMIT_BYTES = 10 * 1024 * 1024;
const ITEM_LIMIT_BYTES = 1024 * 1024;

function store() {
  try {
    return globalThis.localStorage || null;
  } catch {
    return null;
  }
}

function keys() {
  const s = store();
  const out = [];
  if (!s) return out;
  for (let i = 0; i < s.length; i++) {
    const k = s.key(i);
    if (k && k.startsWith(PREFIX)) out.push(k.slice(PREFIX.length));
  }
  return out;
}

function usedBytes() {
  const s = store();
  let total = 0;
  for (const k of keys()) total += k.length + (s.getItem(PREFIX + k) || '').length;
  return total;
}

function setSync(key, data) {
  if (typeof key !== 'string' || key === '') throw new Error('setStorage:fail parameter error: parameter.key should be String instead of Undefined;');
  const s = store();
  if (!s) throw new Error('setStorage:fail storage is not available');
  // Dates keep their type, as WeChat keeps them; everything else goes through JSON.
  const text = JSON.stringify({ t: data instanceof Date ? 'date' : typeof data, v: data instanceof Date ? data.getTime() : data });
  if (text.length > ITEM_LIMIT_BYTES) throw new Error('setStorage:fail data exceed 1MB limit');
  if (usedBytes() + text.length > LIMIT_BYTES) throw new Error('setStorage:fail exceed storage max size 10MB');
  s.setItem(PREFIX + key, text);
}

function getSync(key) {
  const s = store();
  const text = s ? s.getItem(PREFIX + String(key)) : null;
  if (text === null) return { found: false, data: '' };
  try {
    const { t, v } = JSON.parse(text);
    return { found: true, data: t === 'date' ? new Date(v) : t === 'undefined' ? undefined : v };
  } catch {
    return { found: true, data: '' };
  }
}

/** setStorage(Sync), getStorage(Sync), removeStorage(Sync), clearStorage(Sync), getStorageInfo(Sync). */
export function storageApis() {
  const info = () => ({ keys: keys(), currentSize: Math.ceil(usedBytes() / 1024), limitSize: LIMIT_BYTES / 1024 });
  return {
    setStorageSync: (key, data) => setSync(key, data),
    getStorageSync: (key) => getSync(key).data,
    removeStorageSync: (key) => store()?.removeItem(PREFIX + key),
    clearStorageSync: () => keys().forEach((k) => store()?.removeItem(PREFIX + k)),
    getStorageInfoSync: info,
    setStorage: (o = {}) => settle('setStorage', o, new Promise((resolve) => {
      try {
        setSync(o.key, o.data);
        resolve();
      } catch (error) {
        throw new Error(error.message.replace(/^setStorage:fail /, ''));
      }
    })),
    getStorage: (o = {}) => settle('getStorage', o, new Promise((resolve, reject) => {
      const r = getSync(o.key);
      if (r.found) resolve({ data: r.data });
      else reject(new Error('data not found'));
    })),
    removeStorage: (o = {}) => settle('removeStorage', o, Promise.resolve().then(() => { store()?.removeItem(PREFIX + o.key); })),
    clearStorage: (o = {}) => settle('clearStorage', o, Promise.resolve().then(() => { keys().forEach((k) => store()?.removeItem(PREFIX + k)); })),
    getStorageInfo: (o = {}) => settle('getStorageInfo', o, Promise.resolve().then(info)),
  };
}
