// miniport runtime: WeChat's Canvas interface on the <canvas> node that SelectorQuery's `node` returns
// (createImage with WeChat's Image, requestAnimationFrame, createPath2D, createImageData; getContext,
// toDataURL, width and height are the web canvas's own).
import { resolveWxfile } from '../core/wxfile.js';

/**
 * WeChat's Image: `src` (a package path, http(s), data:, blob: or wxfile:// URL), `onload`, `onerror`,
 * `width`, `height`; drawable with `drawImage`. A web image, whose `src` setter reads WeChat's paths.
 * @param {Window & typeof globalThis} win
 * @param {(path: string) => string} resolve a package path → its URL in the output
 * @returns {HTMLImageElement}
 */
export function createImage(win, resolve) {
  const img = new win.Image();
  const own = Object.getOwnPropertyDescriptor(win.HTMLImageElement.prototype, 'src');
  if (!own || !own.set || !own.get) return img;
  let asked = '';
  Object.defineProperty(img, 'src', {
    configurable: true,
    get: () => asked,
    set(value) {
      asked = String(value == null ? '' : value);
      const url = imageUrl(asked, resolve);
      if (url === null) {
        // Not an image address (javascript: and the like): fails as a missing file would.
        queueMicrotask(() => img.dispatchEvent(new win.Event('error')));
        return;
      }
      if (/^wxfile:/i.test(url)) {
        resolveWxfile(url).then(
          (blob) => own.set.call(img, blob),
          () => img.dispatchEvent(new win.Event('error')),
        );
      } else own.set.call(img, url);
    },
  });
  return img;
}

/**
 * The URL an image `src` written in WeChat loads from, or null when it is no image address.
 * @param {string} src
 * @param {(path: string) => string} resolve
 * @returns {string | null}
 */
function imageUrl(src, resolve) {
  const s = src.trim();
  if (/^(https?:|data:|blob:|wxfile:)/i.test(s)) return s;
  if (/^[a-z][a-z0-9+.-]*:/i.test(s)) return null;
  return resolve(s);
}

/**
 * Gives the web `canvas` WeChat's Canvas methods that it lacks (as own properties, so the element stays a
 * web canvas for drawImage and the old CanvasContext).
 * @param {HTMLCanvasElement} canvas
 * @param {(path: string) => string} resolve a package path → its URL in the output
 * @returns {HTMLCanvasElement}
 */
export function canvasNode(canvas, resolve) {
  const win = /** @type {Window & typeof globalThis} */ (canvas.ownerDocument.defaultView || globalThis);
  const methods = {
    createImage: () => createImage(win, resolve),
    /** @param {FrameRequestCallback} callback */
    requestAnimationFrame: (callback) => win.requestAnimationFrame(callback),
    /** @param {number} id */
    cancelAnimationFrame: (id) => win.cancelAnimationFrame(id),
    /** @param {Path2D | string} [path] */
    createPath2D: (path) => (path === undefined ? new win.Path2D() : new win.Path2D(path)),
    /**
     * `(width, height)`, `(imageData)` or `(data, width, height)`, as WeChat's.
     * @param {any[]} args
     */
    createImageData(...args) {
      const [a, b, c] = args;
      if (a && typeof a === 'object' && 'data' in a) return new win.ImageData(a.width, a.height);
      if (a && typeof a === 'object' && typeof a.length === 'number') {
        return new win.ImageData(new Uint8ClampedArray(a), Number(b), Number(c) || undefined);
      }
      return new win.ImageData(Number(a) || 1, Number(b) || 1);
    },
  };
  for (const [name, value] of Object.entries(methods)) {
    Object.defineProperty(canvas, name, { value, configurable: true, writable: true });
  }
  return canvas;
}
