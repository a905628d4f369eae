// miniport runtime: wx.getLaunchOptionsSync/getEnterOptionsSync (Telegram start_param decoded into a page and query)
// and the wx.on/off app-event listeners.
import { onAppEvent, offAppEvent } from '../../core/app-events.js';

/**
 * base64url (no padding) of the UTF-8 text `s`: how `path?query` goes into a Telegram `startapp` parameter.
 * @param {string} s
 * @returns {string}
 */
export function encodeStartParam(s) {
  const bytes = new TextEncoder().encode(String(s));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * `{ path, query }` from a start_param that holds base64url(`pages/a/a?x=1`); null when it is
 * empty or does not decode to a page path ([A-Za-z0-9_-], ≤ 512 chars, is what Telegram allows).
 * @param {string} param
 * @returns {{ path: string, query: Record<string, string> } | null}
 */
export function decodeStartParam(param) {
  if (!param || !/^[A-Za-z0-9_-]{1,512}$/.test(param)) return null;
  let text;
  try {
    const bin = atob(param.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((param.length + 3) % 4));
    text = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
  const [path, qs = ''] = text.replace(/^\//, '').split('?', 2);
  if (!/^[\w\-./]+$/.test(path)) return null;
  const query = {};
  for (const pair of qs.split('&')) {
    if (!pair) continue;
    const i = pair.indexOf('=');
    const dec = (x) => {
      try {
        return decodeURIComponent(x.replace(/\+/g, ' '));
      } catch {
        return x;
      }
    };
    query[dec(i < 0 ? pair : pair.slice(0, i))] = dec(i < 0 ? '' : pair.slice(i + 1));
  }
  return { path, query };
}

/**
 * getLaunchOptionsSync, getEnterOptionsSync and on/off AppShow, AppHide, Error, UnhandledRejection, PageNotFound,
 * ThemeChange.
 * @param {MpApiContext} ctx
 * @returns {MpApiTable}
 */
export function launchApis(ctx) {
  let launch = null;
  const options = () => {
    if (!launch) {
      const b = ctx.bridge;
      const param = b && b.launch ? b.launch.startParam : '';
      let at = decodeStartParam(param);
      if (!at && ctx.router && typeof ctx.router.entry === 'function') {
        const e = ctx.router.entry();
        at = { path: e.route, query: e.query || {} };
      }
      if (!at) at = { path: (ctx.config && ctx.config.entry) || '', query: {} };
      launch = {
        path: at.path,
        query: at.query,
        scene: 1001,
        referrerInfo: {},
        forwardMaterials: [],
        apiCategory: 'default',
      };
    }
    return { ...launch, query: { ...launch.query }, referrerInfo: {} };
  };
  const out = { getLaunchOptionsSync: options, getEnterOptionsSync: options };
  for (const [name, type] of [
    ['AppShow', 'appShow'],
    ['AppHide', 'appHide'],
    ['Error', 'error'],
    ['UnhandledRejection', 'unhandledRejection'],
    ['PageNotFound', 'pageNotFound'],
    ['ThemeChange', 'themeChange'],
  ]) {
    out[`on${name}`] = (cb) => onAppEvent(type, cb);
    out[`off${name}`] = (cb) => offAppEvent(type, cb);
  }
  return out;
}
