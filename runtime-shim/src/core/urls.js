// miniport runtime: which URLs an API may hand to the browser to open or download (openLink, openDocument,
// saveImageToPhotosAlbum…): web pages, blob: files and the app's own files; never `javascript:`, `data:` pages or
// other schemes, which WeChat's APIs do not take either.

/**
 * `url` resolved against `base` when it is one of the `allowed` kinds, else null. Kinds: 'web' (http:, https:),
 * 'blob' (blob:), 'image' (a raster `data:image/…` URL). A relative path resolves against `base`, so it names the
 * app's own files. Spaces and control characters, which browsers drop from a scheme, do not hide one.
 * @param {any} url
 * @param {string} base
 * @param {Array<'web' | 'blob' | 'image'>} allowed
 * @returns {string | null}
 */
export function openableUrl(url, base, allowed) {
  // The URL parser drops leading controls and spaces and every tab or newline; so does this check.
  let s = String(url == null ? '' : url).replace(/[\t\n\r]/g, '');
  let start = 0;
  while (start < s.length && s.charCodeAt(start) <= 0x20) start++;
  s = s.slice(start);
  if (allowed.includes('image') && /^data:image\/(png|gif|jpeg|jpg|webp|bmp);/i.test(s)) return s;
  let u;
  try {
    u = new URL(s, base);
  } catch {
    return null;
  }
  if (allowed.includes('web') && (u.protocol === 'https:' || u.protocol === 'http:')) return u.href;
  if (allowed.includes('blob') && u.protocol === 'blob:') return u.href;
  return null;
}

/**
 * Whether `url`'s host is in `domains` (the checked `host[:port]` / `*.host[:port]` entries of a `miniport.json`
 * allow-list); true when there is no list. An entry without a port takes the scheme's default port only, as WeChat's
 * domain lists do; `*.host` takes the subdomains of `host`, not `host` itself.
 * @param {URL} url
 * @param {any} domains
 * @returns {boolean}
 */
export function hostAllowed(url, domains) {
  if (!Array.isArray(domains)) return true;
  const host = url.hostname.toLowerCase();
  const port = url.port;
  return domains.some((entry) => {
    if (typeof entry !== 'string') return false;
    const at = entry.lastIndexOf(':');
    const [name, want] = at > 0 ? [entry.slice(0, at), entry.slice(at + 1)] : [entry, ''];
    if (want !== port) return false;
    return name.startsWith('*.') ? host.endsWith(name.slice(1)) : host === name;
  });
}
