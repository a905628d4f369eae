// miniport runtime: Telegram launch parameters, read from the URL hash (kept intact) or, after a reload, from
// sessionStorage.

const KEY = '__miniport__tgLaunchParams';
const OFFICIAL_KEY = '__telegram__initParams';

/**
 * Parses a `k=v&k=v` string (the hash without `#`) into an object of decoded strings.
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function parseParams(text) {
  const out = {};
  for (const pair of String(text || '')
    .replace(/^#/, '')
    .split('&')) {
    if (!pair) continue;
    const i = pair.indexOf('=');
    const key = i < 0 ? pair : pair.slice(0, i);
    const value = i < 0 ? '' : pair.slice(i + 1);
    try {
      out[decodeURIComponent(key)] = decodeURIComponent(value.replace(/\+/g, '%20'));
    } catch {
      out[key] = value;
    }
  }
  return out;
}

function parseJSON(text) {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * The user, chat and start parameter inside `initData` (for display only: unverified).
 * @param {string} initData
 * @returns {MpLaunchParams['initDataUnsafe']}
 */
export function parseInitData(initData) {
  const raw = parseParams(initData);
  const out = {};
  for (const [key, value] of Object.entries(raw)) {
    out[key] = /^(user|receiver|chat)$/.test(key) ? parseJSON(value) : value;
  }
  if (out.auth_date) out.auth_date = Number(out.auth_date);
  return out;
}

/**
 * Reads the launch parameters. The hash is never modified; what it held is copied to
 * sessionStorage so that a reload (which may lose the hash) still finds them.
 * @param {MpWindow} [win]
 * @returns {MpLaunchParams}
 */
export function readLaunchParams(win = globalThis) {
  let params = {};
  const fromHash = parseParams(win.location ? win.location.hash : '');
  const storage = safeStorage(win);
  if (fromHash.tgWebAppVersion || fromHash.tgWebAppData) {
    params = fromHash;
    storage?.setItem(KEY, JSON.stringify(params));
  } else {
    params = parseJSON(storage?.getItem(KEY)) || parseJSON(storage?.getItem(OFFICIAL_KEY)) || {};
  }
  const initData = params.tgWebAppData || '';
  const initDataUnsafe = parseInitData(initData);
  return {
    present: Boolean(params.tgWebAppVersion || params.tgWebAppData),
    version: params.tgWebAppVersion || '6.0',
    platform: params.tgWebAppPlatform || 'unknown',
    initData,
    initDataUnsafe,
    themeParams: parseJSON(params.tgWebAppThemeParams) || {},
    startParam: params.tgWebAppStartParam || initDataUnsafe.start_param || '',
    showSettings: params.tgWebAppShowSettings === '1',
    botInline: params.tgWebAppBotInline === '1',
    fullscreen: params.tgWebAppFullscreen === '1',
  };
}

function safeStorage(win) {
  try {
    return win.sessionStorage || null;
  } catch {
    return null;
  }
}
