// miniport runtime: listeners of the app-wide events (wx.onAppShow, onAppHide, onError, onUnhandledRejection,
// onPageNotFound, onThemeChange).

const sets = new Map();

/**
 * Adds `cb` to the listeners of `type` ('appShow', 'appHide', 'error', 'unhandledRejection', 'pageNotFound',
 * 'themeChange').
 * @param {string} type
 * @param {MpListener} cb
 */
export function onAppEvent(type, cb) {
  if (typeof cb !== 'function') return;
  if (!sets.has(type)) sets.set(type, new Set());
  sets.get(type).add(cb);
}

/**
 * Removes `cb` from `type`, or every listener of `type` when `cb` is missing (as WeChat's off* do).
 * @param {string} type
 * @param {MpListener} [cb]
 */
export function offAppEvent(type, cb) {
  if (cb === undefined) sets.delete(type);
  else sets.get(type)?.delete(cb);
}

/**
 * Calls the listeners of `type` with `payload`; an exception in one never stops the others. Returns how many ran.
 * @param {string} type
 * @param {any} [payload]
 * @returns {number}
 */
export function emitAppEvent(type, payload) {
  const list = [...(sets.get(type) || [])];
  for (const cb of list) {
    try {
      cb(payload);
    } catch (error) {
      console.error(error);
    }
  }
  return list.length;
}
