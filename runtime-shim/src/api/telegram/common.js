// miniport runtime: helpers of the Telegram-backed wx.* modules — fail reasons, the app's Telegram settings, links,
// files, listener sets.
import { failure } from '../../core/callback.js';
import { openableUrl } from '../../core/urls.js';
import { resolveWxfile, tempBlob } from '../../core/wxfile.js';

/**
 * The page's window.
 * @type {(ctx: MpApiContext) => MpWindow}
 */
export const winOf = (ctx) => ctx.win || globalThis;

/**
 * Whether the client can do `method` (false outside Telegram or on an older client).
 * @type {(ctx: MpApiContext, method: string) => boolean}
 */
export const can = (ctx, method) => Boolean(ctx.bridge && ctx.bridge.supports(method));

/**
 * The failure of a Telegram-only call the client cannot make: outside Telegram, or too old a version.
 * @param {MpApiContext} ctx
 * @returns {Error}
 */
export function unsupported(ctx) {
  const b = ctx.bridge;
  return failure(b && b.inTelegram ? `not supported in Telegram ${b.version}` : 'not in Telegram');
}

/**
 * The app's Telegram settings, `config.telegram`: `miniPrograms` {WeChat appId: t.me link},
 * `accounts` {official account username: Telegram username or t.me link}, `customerService`,
 * `privacyUrl`, and `prepareMessage(request)` (a function giving a prepared message id).
 * @type {(ctx: MpApiContext) => Record<string, any>}
 */
export const settings = (ctx) => (ctx.config && ctx.config.telegram) || {};

/**
 * A https://t.me/… URL from a t.me link or a Telegram username (`@name`, `name`), else ''.
 * @param {any} value
 * @returns {string}
 */
export function tme(value) {
  const s = String(value || '').trim();
  if (/^https?:\/\/t\.me\/\S+$/i.test(s)) return s.replace(/^http:/i, 'https:');
  if (/^t\.me\/\S+$/i.test(s)) return `https://${s}`;
  const m = /^@?([A-Za-z][A-Za-z0-9_]{3,31})$/.exec(s);
  return m ? `https://t.me/${m[1]}` : '';
}

/**
 * Opens `url`: a t.me link inside Telegram (the app stays open), another http(s) link in the
 * browser (Instant View when asked), else a new browser tab without `opener`. Other schemes fail.
 * @param {MpApiContext} ctx
 * @param {string} url
 * @param {{ instantView?: boolean }} [options]
 * @returns {Record<string, any>}
 */
export function openLink(ctx, url, { instantView = false } = {}) {
  // Web pages only: WeChat opens articles and pages, never `javascript:`, `data:` or other schemes.
  // `about:blank` cannot be a base: a relative URL fails as before.
  const href = openableUrl(url, 'about:blank', ['web']);
  if (!href) throw failure(`invalid url ${url}`);
  const u = new URL(href);
  const b = ctx.bridge;
  if (b && b.inTelegram && /^https?:$/.test(u.protocol)) {
    const sent =
      u.hostname === 't.me'
        ? b.post('web_app_open_tg_link', { path_full: u.pathname + u.search })
        : b.post('web_app_open_link', instantView ? { url: u.href, try_instant_view: true } : { url: u.href });
    if (sent) return {};
  }
  const w = winOf(ctx);
  if (typeof w.open !== 'function') throw unsupported(ctx);
  w.open(u.href, '_blank', 'noopener');
  return {};
}

/**
 * Posts `method` and settles on the first of `okEvent` (resolving with its data) or
 * `failEvent` (rejecting with its `error`); fails at once when the client cannot do it.
 * @param {MpApiContext} ctx
 * @param {string} method
 * @param {any} params
 * @param {string} okEvent
 * @param {string} failEvent
 * @returns {Promise<any>}
 */
export function exchange(ctx, method, params, okEvent, failEvent) {
  const b = ctx.bridge;
  return new Promise((resolve, reject) => {
    const offs = [
      b.on(okEvent, (d) => {
        offs.forEach((f) => f());
        resolve(d || {});
      }),
      b.on(failEvent, (d) => {
        offs.forEach((f) => f());
        reject(failure(String((d && d.error) || 'failed')));
      }),
    ];
    if (!b.post(method, params)) {
      offs.forEach((f) => f());
      reject(unsupported(ctx));
    }
  });
}

/**
 * A URL the page can open or download for `path`: http(s) and blob: as they are, wxfile:// through the file system.
 * @param {any} path
 * @returns {Promise<string>}
 */
export function fileUrl(path) {
  const p = String(path || '');
  return resolveWxfile(p).catch(() => {
    throw failure(`no such file or directory ${p}`);
  });
}

/**
 * The Blob of a local file path (a runtime blob: URL, wxfile:// through `ctx.resolveFile`), or a failure; null for
 * http(s) URLs.
 * @param {MpApiContext} ctx
 * @param {any} path
 * @returns {Promise<Blob | null>} null for an http(s) URL
 */
export async function fileBlob(ctx, path) {
  const p = String(path || '');
  if (/^https?:/i.test(p)) return null;
  const blob = tempBlob(await fileUrl(p)) || (ctx.resolveFile && (await ctx.resolveFile(p).catch(() => undefined)));
  if (!blob) throw failure(`no such file or directory ${p}`);
  return blob;
}

/**
 * The last segment of a path or URL (without its query).
 * @type {(path: any) => string}
 */
export const baseName = (path) =>
  decodeURIComponent(
    String(path || '')
      .split(/[?#]/)[0]
      .split('/')
      .pop() || '',
  ) || 'file';

/**
 * Listener functions for `on…`/`off…` pairs: `off(fn)` removes one, `off()` all.
 * @returns {{
 *   on: (fn: MpListener) => void, off: (fn?: MpListener) => void, emit: (payload?: any) => void, readonly size: number,
 * }}
 */
export function listenerSet() {
  const set = new Set();
  return {
    on: (fn) => {
      if (typeof fn === 'function') set.add(fn);
    },
    off: (fn) => {
      if (typeof fn === 'function') set.delete(fn);
      else set.clear();
    },
    emit: (res) => {
      for (const fn of [...set]) {
        try {
          fn(res);
        } catch (error) {
          setTimeout(() => {
            throw error;
          });
        }
      }
    },
    get size() {
      return set.size;
    },
  };
}
