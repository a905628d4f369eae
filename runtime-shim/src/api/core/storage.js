// miniport runtime: wx storage (sync, async, batch) on localStorage, keys kept apart from the page's own; opt-in mirror
// to Telegram CloudStorage.
import { settle, paramError } from '../../core/callback.js';

// Apart from the page's own keys, from miniport's other records (miniport:authSetting) and from other apps on the same
// origin: `miniport:storage@<scope>:`, the scope being the app's appid or a hash of its app.json (config.storageScope).
// Before scopes, keys were `miniport:storage:<key>` (LEGACY): they are copied into the app's scope once.
const LEGACY = 'miniport:storage:';
let PREFIX = LEGACY;
const LIMIT_BYTES = 10 * 1024 * 1024;
const ITEM_LIMIT_BYTES = 1024 * 1024;

/** Where writes are copied when `config.cloudStorageMirror` is on (storage-cloud.js), else null. */
let mirror = null;
let mirrorReady = Promise.resolve();

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

/**
 * Copies the keys stored before storage was scoped by app (`miniport:storage:<key>`) into `scope`, once per app,
 * without overwriting a key the app has already written in its scope. The old keys stay for the origin's other apps.
 */
function migrate(scope) {
  const s = store();
  const done = `miniport:storage-migrated@${scope}`;
  if (!s || s.getItem(done) !== null) return;
  try {
    for (let i = 0; i < s.length; i++) {
      const k = s.key(i);
      if (k && k.startsWith(LEGACY) && s.getItem(PREFIX + k.slice(LEGACY.length)) === null)
        s.setItem(PREFIX + k.slice(LEGACY.length), s.getItem(k) || '');
    }
    s.setItem(done, '1');
  } catch (error) {
    console.warn('miniport: the storage of an older version could not be copied', error);
  }
}

function usedBytes() {
  const s = store();
  let total = 0;
  for (const k of keys()) total += k.length + (s.getItem(PREFIX + k) || '').length;
  return total;
}

/** The stored text of `data` (Dates keep their type, as WeChat keeps them; everything else goes through JSON). */
function encode(name, key, data) {
  if (typeof key !== 'string' || key === '') throw new Error(`${name}:fail ${paramError('key', 'String', key)}`);
  const text = JSON.stringify({
    t: data instanceof Date ? 'date' : typeof data,
    v: data instanceof Date ? data.getTime() : data,
  });
  if (text.length > ITEM_LIMIT_BYTES) throw new Error(`${name}:fail data exceed 1MB limit`);
  return [key, text];
}

/** Writes `[key, text]` pairs after checking the 10 MB total (each key's old value counts as freed). */
function write(name, pairs) {
  const s = store();
  if (!s) throw new Error(`${name}:fail storage is not available`);
  let total = usedBytes();
  for (const [k, text] of pairs) {
    const old = s.getItem(PREFIX + k);
    total += text.length + (old === null ? k.length : -old.length);
  }
  const full = new Error(`${name}:fail exceed storage max size 10MB`);
  if (total > LIMIT_BYTES) throw full;
  // The browser's own quota (about 5 M characters in Chromium) may come first: the batch is then undone.
  const before = pairs.map(([k]) => [k, s.getItem(PREFIX + k)]);
  try {
    for (const [k, text] of pairs) s.setItem(PREFIX + k, text);
  } catch {
    for (const [k, old] of before.reverse()) old === null ? s.removeItem(PREFIX + k) : s.setItem(PREFIX + k, old);
    throw full;
  }
  for (const [k, text] of pairs) mirror?.set(k, text);
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

function remove(list) {
  for (const k of list) store()?.removeItem(PREFIX + k);
  if (list.length) mirror?.remove(list);
}

function pairsOf(name, kvList) {
  if (!Array.isArray(kvList)) throw new Error(`${name}:fail ${paramError('kvList', 'Array', kvList)}`);
  return kvList.map((kv) => encode(name, kv && kv.key, kv && kv.value));
}

function keyList(name, list) {
  if (!Array.isArray(list)) throw new Error(`${name}:fail ${paramError('keyList', 'Array', list)}`);
  return list.map((k) => getSync(k).data);
}

/** The async form of a sync body: its "name:fail reason" error becomes the fail reason. */
function run(name, o, body) {
  return settle(
    name,
    o,
    Promise.resolve()
      .then(body)
      .catch((error) => {
        throw new Error(String(error.message).replace(/^\w+:fail /, ''));
      }),
  );
}

/**
 * Starts mirroring to Telegram CloudStorage (Bot API 6.9+) when `config.cloudStorageMirror`
 * is on: writes made meanwhile are replayed, and an empty local storage is first restored
 * from the cloud (keys written locally meanwhile win).
 */
function startMirror(ctx) {
  const early = [];
  const empty = !keys().length;
  const collector = { set: (...a) => early.push(['set', a]), remove: (...a) => early.push(['remove', a]) };
  mirror = collector;
  mirrorReady = (async () => {
    const b = ctx.bridge || (await import('../../telegram/bridge.js')).bridge();
    if (!b || !b.supports('web_app_invoke_custom_method')) return;
    const m = (await import('./storage-cloud.js')).createMirror(b);
    // Keys the app wrote meanwhile win over the cloud's copies.
    if (empty)
      await m.restore((k, text) => {
        if (store() && store().getItem(PREFIX + k) === null) store().setItem(PREFIX + k, text);
      });
    if (mirror !== collector) return;
    mirror = m;
    for (const [f, a] of early) m[f](...a);
  })()
    .catch((error) => console.warn('miniport: storage is not mirrored to Telegram CloudStorage', error))
    .finally(() => {
      if (mirror === collector) mirror = null;
    });
}

/**
 * Resolves once the CloudStorage mirror (if any) is ready and restored, then once its writes so far are sent.
 * @returns {Promise<void>}
 */
export function storageSettled() {
  return mirrorReady.then(() => mirror && mirror.idle && mirror.idle());
}

/**
 * setStorage(Sync), getStorage(Sync), removeStorage(Sync), clearStorage(Sync),
 * getStorageInfo(Sync) and the batch forms. `ctx.config.cloudStorageMirror` (or the app
 * config's) turns on the copy in Telegram CloudStorage.
 * @param {MpApiContext} [ctx]
 * @returns {MpApiTable}
 */
export function storageApis(ctx = {}) {
  const config = ctx.config || globalThis.__miniportConfig || {};
  const scope = typeof config.storageScope === 'string' && config.storageScope ? config.storageScope : '';
  PREFIX = scope ? `miniport:storage@${scope}:` : LEGACY;
  if (scope) migrate(scope);
  mirror = null;
  mirrorReady = Promise.resolve();
  if (config.cloudStorageMirror) startMirror(ctx);
  const info = () => ({ keys: keys(), currentSize: Math.ceil(usedBytes() / 1024), limitSize: LIMIT_BYTES / 1024 });
  return {
    setStorageSync: (key, data) => write('setStorage', [encode('setStorage', key, data)]),
    getStorageSync: (key) => getSync(key).data,
    removeStorageSync: (key) => remove([String(key)]),
    clearStorageSync: () => remove(keys()),
    getStorageInfoSync: info,
    batchSetStorageSync: (kvList) => write('batchSetStorageSync', pairsOf('batchSetStorageSync', kvList)),
    batchGetStorageSync: (list) => keyList('batchGetStorageSync', list),
    setStorage: (o = {}) => run('setStorage', o, () => write('setStorage', [encode('setStorage', o.key, o.data)])),
    getStorage: (o = {}) =>
      settle(
        'getStorage',
        o,
        new Promise((resolve, reject) => {
          const r = getSync(o.key);
          if (r.found) resolve({ data: r.data });
          else reject(new Error('data not found'));
        }),
      ),
    batchSetStorage: (o = {}) =>
      run('batchSetStorage', o, () => write('batchSetStorage', pairsOf('batchSetStorage', o.kvList))),
    batchGetStorage: (o = {}) => run('batchGetStorage', o, () => ({ dataList: keyList('batchGetStorage', o.keyList) })),
    removeStorage: (o = {}) => run('removeStorage', o, () => remove([String(o.key)])),
    clearStorage: (o = {}) => run('clearStorage', o, () => remove(keys())),
    getStorageInfo: (o = {}) => run('getStorageInfo', o, info),
  };
}
