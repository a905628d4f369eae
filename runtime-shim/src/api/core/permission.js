// miniport runtime: the authorization registry (`scope.*` → true/false in localStorage) as the APIs a scope guards
// consult it.
import { failure } from '../../core/callback.js';

const KEY = 'miniport:authSetting';

/**
 * The window's localStorage, or null where reading it throws (storage blocked) or there is none.
 * @param {MpWindow} [win]
 * @returns {Storage | null}
 */
export function localStore(win) {
  try {
    return (win || globalThis).localStorage || null;
  } catch {
    return null;
  }
}

/**
 * The recorded choices, `{ 'scope.userLocation': true, … }`.
 * @param {MpWindow} [win]
 * @returns {Record<string, boolean>}
 */
export function readAuth(win) {
  try {
    return JSON.parse(localStore(win).getItem(KEY)) || {};
  } catch {
    return {};
  }
}

/**
 * Records the choice for `scope` (e.g. 'scope.userLocation').
 * @param {MpWindow} win
 * @param {string} scope
 * @param {boolean} allowed
 */
export function writeAuth(win, scope, allowed) {
  const s = localStore(win);
  if (!s) return;
  try {
    s.setItem(KEY, JSON.stringify({ ...readAuth(win), [scope]: Boolean(allowed) }));
  } catch {
    /* full: this session only */
  }
}

/**
 * Whether an error from the browser or Telegram means the user refused.
 * @param {any} error
 * @returns {boolean}
 */
export function isDenial(error) {
  if (!error) return false;
  if (error.code === 1 && 'PERMISSION_DENIED' in error) return true; // GeolocationPositionError
  if (error.name === 'NotAllowedError' || error.name === 'SecurityError') return true;
  return /auth deny|denied|not allowed/i.test(String(error.message || error));
}

/**
 * Runs `work()` (a promise) under `scope`, as WeChat does: a scope the user turned off fails
 * at once with "auth deny"; otherwise the platform's own prompt (the browser's or Telegram's)
 * stands for WeChat's, and its answer is recorded — a success allows the scope, a refusal
 * denies it and fails with "auth deny".
 * @template T
 * @param {MpWindow} win
 * @param {string} scope
 * @param {() => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function guarded(win, scope, work) {
  if (readAuth(win)[scope] === false) throw failure('auth deny');
  try {
    const result = await work();
    if (readAuth(win)[scope] !== true) writeAuth(win, scope, true);
    return result;
  } catch (error) {
    if (isDenial(error)) {
      writeAuth(win, scope, false);
      throw failure('auth deny');
    }
    throw error;
  }
}
