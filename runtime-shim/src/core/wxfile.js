// miniport runtime: wxfile:// URLs (the virtual file system) → blob: URLs, for built-ins that show files (<image>,
// <video>, audio).

let resolver = null;

/**
 * Installs how wxfile:// URLs become blob: URLs (the file system does, at first use).
 * @param {((url: string) => Promise<string>) | null} fn
 */
export function setWxfileResolver(fn) {
  resolver = typeof fn === 'function' ? fn : null;
}

/**
 * A promise of a blob: URL showing the file `url` names; other URLs come back unchanged.
 * @param {any} url
 * @returns {Promise<string>}
 */
export function resolveWxfile(url) {
  const s = String(url == null ? '' : url);
  if (!/^wxfile:/i.test(s)) return Promise.resolve(s);
  return resolver ? resolver(s) : Promise.reject(new Error(`no such file or directory ${s}`));
}

// blob: URLs the runtime made (chooseImage, downloadFile, canvasToTempFilePath…), with their Blobs: the file APIs read
// them back from here, without a fetch and after the URL is revoked.
const temps = new Map();

/**
 * A blob: URL for `blob`, remembered so that the file APIs can read it back.
 * @param {Blob} blob
 * @param {MpWindow} [win]
 * @returns {string}
 */
export function tempUrl(blob, win = globalThis) {
  const url = win.URL.createObjectURL(blob);
  temps.set(url, blob);
  return url;
}

/**
 * The Blob behind a blob: URL made by `tempUrl`, or undefined.
 * @param {string} url
 * @returns {Blob | undefined}
 */
export function tempBlob(url) {
  return temps.get(String(url));
}
