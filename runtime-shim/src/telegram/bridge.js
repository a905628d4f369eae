// miniport runtime: the one way to Telegram. Uses the official telegram-web-app.js when the page loaded it, else speaks
// the Mini App protocol itself.
import { readLaunchParams } from './launch.js';
import { compareVersions, methodVersion } from './versions.js';

const TELEGRAM_WEB_ORIGIN = 'https://web.telegram.org';
// The origins Telegram's web clients frame a Mini App from: web.telegram.org serves both current clients (/k and /a);
// webk. and webz. are the hosts those clients had before, which still serve them.
const TELEGRAM_WEB_ORIGINS = [TELEGRAM_WEB_ORIGIN, 'https://webk.telegram.org', 'https://webz.telegram.org'];

/** The transport the client offers: 'official', 'proxy', 'external', 'iframe' or null. */
function detectTransport(win) {
  if (
    win.Telegram
    && win.Telegram.WebView
    && typeof win.Telegram.WebView.postEvent === 'function'
    && win.Telegram.WebApp
    && win.Telegram.WebApp.platform !== 'unknown'
  )
    return 'official';
  if (win.TelegramWebviewProxy && typeof win.TelegramWebviewProxy.postEvent === 'function') return 'proxy';
  if (win.external && typeof win.external.notify === 'function') return 'external';
  try {
    if (win.parent && win.parent !== win) return 'iframe';
  } catch {
    /* a cross-origin parent still counts */ return 'iframe';
  }
  return null;
}

/**
 * Creates the bridge for `win`. `parentOrigin` is where events go when the app runs in an
 * iframe (Telegram Web); tests and local previews may pass their own. Messages from the parent frame are accepted
 * only from Telegram's web origins and from `parentOrigin`: a site that frames the app cannot feed it events.
 * @param {MpWindow} [win]
 * @param {{ parentOrigin?: string }} [options]
 * @returns {MpBridge}
 */
export function createBridge(win = globalThis, { parentOrigin = TELEGRAM_WEB_ORIGIN } = {}) {
  const launch = readLaunchParams(win);
  const listeners = new Map();
  let themeParams = { ...launch.themeParams };

  function dispatch(type, data) {
    if (type === 'theme_changed' && data && data.theme_params) themeParams = { ...data.theme_params };
    for (const cb of [...(listeners.get(type) || [])]) {
      try {
        cb(data);
      } catch (err) {
        setTimeout(() => {
          throw err;
        });
      }
    }
  }

  const transport = detectTransport(win);
  const trusted = new Set([...TELEGRAM_WEB_ORIGINS, parentOrigin]);
  if (transport !== 'official') installReceivers(win, dispatch, trusted);

  const version = transport === 'official' ? win.Telegram.WebApp.version : launch.version;
  const inTelegram = transport === 'official' || (launch.present && transport !== null);

  function isVersionAtLeast(v) {
    return compareVersions(version, v) >= 0;
  }

  function supports(method) {
    return inTelegram && isVersionAtLeast(methodVersion(method));
  }

  /** Sends `method`; false when not in Telegram or the client's version lacks it. */
  function post(method, params) {
    if (!supports(method)) return false;
    const json = params === undefined ? undefined : JSON.stringify(params);
    try {
      if (transport === 'official') win.Telegram.WebView.postEvent(method, false, params);
      else if (transport === 'proxy') win.TelegramWebviewProxy.postEvent(method, json);
      else if (transport === 'external') win.external.notify(JSON.stringify({ eventType: method, eventData: params }));
      else win.parent.postMessage(JSON.stringify({ eventType: method, eventData: params }), parentOrigin);
      return true;
    } catch {
      return false;
    }
  }

  function on(type, cb) {
    if (!listeners.has(type)) {
      listeners.set(type, new Set());
      // The official script receives the events; relay each type once.
      if (transport === 'official') win.Telegram.WebView.onEvent(type, (t, data) => dispatch(t, data));
    }
    listeners.get(type).add(cb);
    return () => off(type, cb);
  }

  function off(type, cb) {
    listeners.get(type)?.delete(cb);
  }

  /**
   * Posts `method` and resolves with the data of the first `replyEvent` that `match`es, or
   * rejects: `unsupported` when the client cannot do it, `timeout` when no reply comes.
   * @param {string} method
   * @param {any} params
   * @param {string} replyEvent
   * @param {{ match?: (data: any) => boolean, timeout?: number }} [options]
   * @returns {Promise<any>}
   */
  function request(method, params, replyEvent, { match = () => true, timeout = 0 } = {}) {
    return new Promise((resolve, reject) => {
      let timer = null;
      const stop = on(replyEvent, (data) => {
        if (!match(data)) return;
        stop();
        if (timer) clearTimeout(timer);
        resolve(data);
      });
      if (!post(method, params)) {
        stop();
        reject(new Error(inTelegram ? 'unsupported' : 'not in Telegram'));
        return;
      }
      if (timeout > 0)
        timer = setTimeout(() => {
          stop();
          reject(new Error('timeout'));
        }, timeout);
    });
  }

  return {
    transport,
    launch,
    version,
    platform: transport === 'official' ? win.Telegram.WebApp.platform : launch.platform,
    get inTelegram() {
      return inTelegram;
    },
    get themeParams() {
      return themeParams;
    },
    isVersionAtLeast,
    supports,
    post,
    on,
    off,
    request,
    /** Feeds an incoming event (what the client's `receiveEvent` calls do). */
    receive: dispatch,
  };
}

/**
 * Defines the entry points through which clients deliver events, keeping existing ones; a parent frame's
 * messages count only from an origin in `trusted`.
 */
function installReceivers(win, dispatch, trusted) {
  const receive = (type, data) => dispatch(type, data);
  win.Telegram = win.Telegram || {};
  const webView = win.Telegram.WebView || (win.Telegram.WebView = {});
  const previous = typeof webView.receiveEvent === 'function' ? webView.receiveEvent : null;
  webView.receiveEvent = (type, data) => {
    if (previous) previous(type, data);
    receive(type, data);
  };
  const game = win.TelegramGameProxy || (win.TelegramGameProxy = {});
  game.receiveEvent = webView.receiveEvent;
  win.TelegramGameProxy_receiveEvent = webView.receiveEvent;
  if (typeof win.addEventListener === 'function') {
    win.addEventListener('message', (event) => {
      if (event.source !== win.parent || !trusted.has(event.origin)) return;
      let message = event.data;
      if (typeof message === 'string') {
        try {
          message = JSON.parse(message);
        } catch {
          return;
        }
      }
      if (message && typeof message.eventType === 'string') receive(message.eventType, message.eventData);
    });
  }
}

/**
 * Applies theme parameters as `--tg-theme-*` CSS variables on `root` (the html element).
 * @param {HTMLElement} root
 * @param {Record<string, string>} themeParams
 * @param {string} [colorScheme]
 * @returns {void}
 */
export function applyTheme(root, themeParams, colorScheme) {
  if (!root || !root.style) return;
  for (const [key, value] of Object.entries(themeParams || {})) {
    if (typeof value === 'string') root.style.setProperty(`--tg-theme-${key.replace(/_/g, '-')}`, value);
  }
  if (colorScheme) root.style.setProperty('--tg-color-scheme', colorScheme);
}

/**
 * The colour scheme a background colour implies (Telegram's own rule: dark below half luminance).
 * @param {string} bg
 * @returns {'dark' | 'light'}
 */
export function colorSchemeOf(bg) {
  const m = /^#?([0-9a-f]{6})$/i.exec(bg || '');
  if (!m) return 'light';
  const n = parseInt(m[1], 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return Math.sqrt(0.299 * r * r + 0.587 * g * g + 0.114 * b * b) < 120 ? 'dark' : 'light';
}

let shared = null;

/**
 * The bridge of this page, created on first use.
 * @returns {MpBridge}
 */
export function bridge() {
  if (!shared) shared = createBridge(globalThis);
  return shared;
}

/**
 * Sends a Mini App method through this page's bridge (false outside Telegram).
 * @param {string} name
 * @param {any} [data]
 * @returns {boolean}
 */
export function postEvent(name, data) {
  return bridge().post(name, data);
}

/**
 * Whether this page runs inside a Telegram client.
 * @returns {boolean}
 */
export function inTelegram() {
  return bridge().inTelegram;
}
