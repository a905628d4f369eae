// miniport runtime: the page's window — the box between the navigation bar and the tab bar that plays
// WeChat's webview. The router draws it (router/shell.js); queries, observers and the system info read it here.

/** Class of the window: it does not scroll, and is the containing block of the page's `position: fixed` nodes. */
export const WINDOW_CLASS = 'miniport-window';
/** Class of the scrolling box inside the window that holds the pages (WeChat's page scroll). */
export const SCROLLER_CLASS = 'miniport-pages';

/**
 * The window's parts in `doc`: `frame` (the non-scrolling box, null without the shell) and `scroller`
 * (the box whose scroll is the page's, the document's root element without the shell).
 * @param {Document} [doc]
 * @returns {{ frame: HTMLElement | null, scroller: Element }}
 */
export function pageWindow(doc = globalThis.document) {
  const frame = /** @type {HTMLElement | null} */ (doc.querySelector(`.${WINDOW_CLASS}`));
  const scroller = frame && frame.querySelector(`.${SCROLLER_CLASS}`);
  return scroller ? { frame, scroller } : { frame: null, scroller: doc.documentElement };
}

/**
 * The window's rectangle in the browser's viewport: WeChat measures every rectangle from the
 * window's top-left corner, under the navigation bar.
 * @param {Document} [doc]
 * @returns {{ left: number, top: number, width: number, height: number }}
 */
export function windowRect(doc = globalThis.document) {
  const { frame } = pageWindow(doc);
  const view = doc.defaultView || globalThis;
  if (!frame) return { left: 0, top: 0, width: view.innerWidth || 0, height: view.innerHeight || 0 };
  const r = frame.getBoundingClientRect();
  // Before the first layout (or in a DOM without one) the window has no size: the browser's stands in.
  if (!r.width && !r.height) return { left: 0, top: 0, width: view.innerWidth || 0, height: view.innerHeight || 0 };
  return { left: r.left, top: r.top, width: r.width, height: r.height };
}
