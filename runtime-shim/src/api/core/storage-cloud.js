// miniport runtime: wx storage copied to Telegram CloudStorage (opt-in), and read back from it into an empty local
// storage.

const PLAIN = /^[A-Za-z0-9-][A-Za-z0-9_-]{0,127}$/;
const VALUE_LIMIT = 4096;

/**
 * The CloudStorage key of a storage key: itself when it fits Telegram's rule (1–128 of
 * [A-Za-z0-9_-]) and does not start with "_"; otherwise "_" + base64url of its UTF-8 bytes;
 * null when even that is longer than 128.
 * @param {string} key
 * @returns {string | null}
 */
export function cloudKey(key) {
  if (PLAIN.test(key)) return key;
  let bin = '';
  for (const b of new TextEncoder().encode(key)) bin += String.fromCharCode(b);
  const out = `_${btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
  return out.length <= 128 ? out : null;
}

/**
 * The storage key of a CloudStorage key (cloudKey's inverse); null when it is not one of ours.
 * @param {string} key
 * @returns {string | null}
 */
export function localKey(key) {
  if (key[0] !== '_') return key;
  try {
    const s = key.slice(1).replace(/-/g, '+').replace(/_/g, '/');
    return new TextDecoder('utf-8', { fatal: true }).decode(
      Uint8Array.from(atob(s + '==='.slice((s.length + 3) % 4)), (c) => c.charCodeAt(0)),
    );
  } catch {
    return null;
  }
}

/**
 * The mirror over `bridge` (web_app_invoke_custom_method, Bot API 6.9+): `set(key, text)`,
 * `remove(keys)`, `restore(write)` and `idle()` (resolves once what was sent so far is
 * answered). Items that CloudStorage cannot hold stay local, with one warning per key.
 * @param {MpBridge} bridge
 * @returns {{
 *   set: (key: string, text: string) => void,
 *   remove: (keys: string[]) => void,
 *   restore: (write: (key: string, text: string) => void) => Promise<void>,
 *   idle: () => Promise<void>,
 * }}
 */
export function createMirror(bridge) {
  let n = 0;
  let chain = Promise.resolve();
  const warned = new Set();
  const call = (method, params) => {
    const req_id = `mp_cs_${++n}`;
    return bridge
      .request('web_app_invoke_custom_method', { req_id, method, params }, 'custom_method_invoked', {
        match: (d) => d && d.req_id === req_id,
        timeout: 15000,
      })
      .then((d) => {
        if (d.error) throw new Error(d.error);
        return d.result;
      });
  };
  const queue = (method, params) => {
    chain = chain
      .then(() => call(method, params))
      .catch((error) => console.warn(`miniport: Telegram CloudStorage ${method} failed:`, error && error.message));
  };
  const local = (key, why) => {
    if (warned.has(key)) return;
    warned.add(key);
    console.warn(
      `miniport: storage key "${key}" is kept on this device only: ${why} does not fit Telegram CloudStorage`,
    );
  };
  return {
    set(key, text) {
      const k = cloudKey(key);
      if (!k) return local(key, 'its name');
      if (text.length > VALUE_LIMIT) {
        local(key, `its value (${text.length} characters, over ${VALUE_LIMIT})`);
        queue('deleteStorageValues', { keys: [k] }); // an older copy must not come back
        return;
      }
      queue('saveStorageValue', { key: k, value: text });
    },
    remove(keys) {
      const list = keys.map(cloudKey).filter(Boolean);
      if (list.length) queue('deleteStorageValues', { keys: list });
    },
    async restore(write) {
      const list = await call('getStorageKeys', {});
      if (!Array.isArray(list) || !list.length) return;
      const values = await call('getStorageValues', { keys: list });
      for (const k of list) {
        const key = localKey(k);
        if (key !== null && typeof values[k] === 'string' && values[k] !== '') write(key, values[k]);
      }
    },
    idle: () => chain,
  };
}
