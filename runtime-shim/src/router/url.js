// miniport runtime: page urls — WeChat's query parsing, relative routes, and the `?mp=` parameter that mirrors the
// route in the address bar.

/** The address-bar parameter holding the current page url (`pages/a/a?x=1`, encoded). */
export const PARAM = 'mp';

/**
 * Parses a query string as WeChat's router does: values are not percent-decoded (apps encode
 * with encodeURIComponent and decode in onLoad themselves), a key without `=` gets the string
 * 'undefined', and a value stops at its next `=`.
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function parseQuery(text) {
  const query = {};
  for (const pair of String(text || '').split('&')) {
    if (!pair) continue;
    const parts = pair.split('=');
    if (!parts[0]) continue;
    query[parts[0]] = String(parts[1]);
  }
  return query;
}

/**
 * `{ k: v }` → `k=v&…` (values as given, as WeChat passes them through).
 * @param {Record<string, any>} query
 * @returns {string}
 */
export function stringifyQuery(query) {
  return Object.entries(query || {})
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/**
 * Resolves `path` ('/a/b', 'b', '../c/d', './e') against the directory of `from` (a route).
 * @param {string} path
 * @param {string} [from]
 * @returns {string}
 */
export function resolveRoute(path, from) {
  let parts;
  if (path.startsWith('/')) parts = [];
  else {
    parts = from ? from.split('/') : [];
    parts.pop();
  }
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/**
 * Splits a WeChat page url into `{ route, query, search }`, resolving it against `from`.
 * @param {string} url
 * @param {string} [from]
 * @returns {{ route: string, query: Record<string, string>, search: string }}
 */
export function parseUrl(url, from) {
  const text = String(url).split('#')[0];
  const q = text.indexOf('?');
  const path = q < 0 ? text : text.slice(0, q);
  const search = q < 0 ? '' : text.slice(q + 1);
  return { route: resolveRoute(path, from), query: parseQuery(search), search };
}

/**
 * The page url recorded in `search` (a location.search) or null.
 * @param {string} search
 * @returns {string | null}
 */
export function readParam(search) {
  for (const pair of String(search || '')
    .replace(/^\?/, '')
    .split('&')) {
    const i = pair.indexOf('=');
    if (i > 0 && pair.slice(0, i) === PARAM) {
      try {
        return decodeURIComponent(pair.slice(i + 1));
      } catch {
        return null;
      }
    }
  }
  return null;
}

/**
 * `search` with the page url set to `url` (or removed when null); every other parameter stays
 * byte for byte. The hash is not part of it: Telegram's launch parameters are never touched.
 * @param {string} search
 * @param {string | null} url
 * @returns {string}
 */
export function writeParam(search, url) {
  const kept = String(search || '')
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair && pair.split('=')[0] !== PARAM);
  if (url !== null && url !== undefined) {
    kept.push(`${PARAM}=${encodeURIComponent(url).replace(/%2F/g, '/')}`);
  }
  return kept.length ? `?${kept.join('&')}` : '';
}
