// miniport runtime: selectors in a component's scope, SelectorQuery, IntersectionObserver and animate.
//
// Which nodes a query sees, wherever a built-in puts them: the author's nodes are exactly the elements
// the patcher made from a template (they carry `__mpv`: dom/patch.js), including those a built-in holds
// in its content node (scroll-view's scroller, swiper's track, movable-view, picker-view-column, …); a
// built-in's own inner nodes (made with components/util.js `node()`, marked `mp-internal`) never carry
// `__mpv`, so no query, observer or selectComponent sees them. A new built-in needs nothing more than
// to return its content node from `create` and to make its inner nodes with `node()`.
// Rectangles are measured from the window's top-left corner (core/viewport.js), as WeChat measures
// them from its webview's, under the navigation bar.
import { pageWindow, windowRect } from '../core/viewport.js';

function scoped(rec, selector) {
  // Author classes are written unscoped; in the DOM they carry the component's scope.
  return rec && rec.scope && rec.classMode !== 'plain'
    ? selector.replace(/\.(-?[_a-zA-Z][\w-]*)/g, (_, c) => `.${rec.scope}--${c}`)
    : selector;
}

function root(rec) {
  return rec ? rec.host : document.body;
}

/**
 * The component records in `rec`'s template (or below, with `>>>`) that match `selector`.
 * @param {import('./record.js').Record} rec
 * @param {string} selector
 * @param {boolean} all
 * @returns {Array<import('./record.js').Record>}
 */
export function select(rec, selector, all) {
  const deep = selector.includes('>>>');
  const css = scoped(rec, selector.replace(/>>>/g, ' '));
  let nodes;
  try {
    nodes = [...root(rec).querySelectorAll(css)];
  } catch {
    return [];
  }
  const out = [];
  for (const el of nodes) {
    const r = el.__mprec;
    if (r && r.alive && (deep || r.owner === rec)) {
      out.push(r);
      if (!all) break;
    }
  }
  return out;
}

/**
 * The template's own nodes in `rec`'s scope that match `selector` (built-ins' inner nodes skipped).
 * @param {import('./record.js').Record} rec
 * @param {string} selector
 * @param {boolean} all
 * @returns {Element[]}
 */
export function elements(rec, selector, all) {
  if (selector === 'viewport') return [pageWindow(document).scroller];
  let list;
  try {
    list = [...root(rec).querySelectorAll(scoped(rec, selector.replace(/>>>/g, ' ')))];
  } catch {
    list = [];
  }
  list = list.filter(isAuthorNode);
  return all ? list : list.slice(0, 1);
}

/**
 * Whether a query may see `el`: an element made from a template, not a built-in's inner node (see the
 * header). Exported for the built-ins' tests and for code that walks the DOM on the author's behalf.
 * @param {Element} el
 * @returns {boolean}
 */
export function isAuthorNode(el) {
  return Boolean(/** @type {any} */ (el).__mpv) && !el.hasAttribute('mp-internal');
}

function fieldsOf(el, fields, rec) {
  const out = {};
  const { scroller } = pageWindow(document);
  if (el === scroller) {
    // selectViewport(): the window, and the page's scroll.
    const w = windowRect(document);
    if (fields.id) out.id = '';
    if (fields.dataset) out.dataset = {};
    if (fields.rect) Object.assign(out, { left: 0, top: 0, right: w.width, bottom: w.height });
    if (fields.size) Object.assign(out, { width: w.width, height: w.height });
    if (fields.scrollOffset)
      Object.assign(out, {
        id: '',
        dataset: {},
        scrollLeft: scroller.scrollLeft,
        scrollTop: scroller.scrollTop,
        scrollWidth: scroller.scrollWidth,
        scrollHeight: scroller.scrollHeight,
      });
    return out;
  }
  const v = el.__mpv || {};
  if (fields.id) out.id = (v.attrs && v.attrs.id) || '';
  if (fields.dataset) out.dataset = Object.assign({}, v.dataset);
  const r = shifted(el.getBoundingClientRect(), windowRect(document));
  if (fields.rect) Object.assign(out, { left: r.left, right: r.right, top: r.top, bottom: r.bottom });
  if (fields.size) Object.assign(out, { width: r.width, height: r.height });
  if (fields.scrollOffset) {
    const box = scrollBox(el);
    Object.assign(out, {
      scrollLeft: box.scrollLeft,
      scrollTop: box.scrollTop,
      scrollWidth: box.scrollWidth,
      scrollHeight: box.scrollHeight,
    });
  }
  for (const name of fields.properties || [])
    out[name] = el.__mprec ? el.__mprec.inst.data[name] : v.attrs && v.attrs[name];
  if (fields.computedStyle) {
    const style = getComputedStyle(el);
    for (const name of fields.computedStyle)
      out[name] = style.getPropertyValue(name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
  }
  if (fields.node) out.node = nodeOf(el);
  // A built-in with a context (editor's EditorContext) publishes it as `__mpContext`.
  if (fields.context) out.context = /** @type {any} */ (el).__mpContext || {};
  void rec;
  return out;
}

/**
 * The box that scrolls for `el`: a built-in that scrolls its content (scroll-view) does so in one of its
 * inner nodes, between the element and its content node (`__mpContent`: dom/patch.js).
 * @param {Element} el
 * @returns {Element}
 */
function scrollBox(el) {
  const content = /** @type {any} */ (el).__mpContent;
  if (!content || content === el) return el;
  for (let n = content.parentElement; n && n !== el; n = n.parentElement) {
    const style = getComputedStyle(n);
    if (/auto|scroll/.test(`${style.overflowX} ${style.overflowY}`)) return n;
  }
  return el;
}

/**
 * What `fields({ node: true })` gives: the web canvas of a `<canvas>` (with WeChat's Canvas interface,
 * components/canvas-node.js), WeChat's ScrollViewContext for a `<scroll-view>`, else the element.
 * @param {Element} el
 * @returns {any}
 */
function nodeOf(el) {
  if (el.localName === 'wx-canvas') return el.querySelector('canvas') || el;
  if (el.localName !== 'wx-scroll-view') return el;
  const box = scrollBox(el);
  const state = { scrollEnabled: true, showScrollbar: true, bounces: true, pagingEnabled: false };
  return Object.assign(state, {
    /** @param {{ top?: number, left?: number, duration?: number, animated?: boolean }} [o] */
    scrollTo(o = {}) {
      const to = {};
      if (o.top !== undefined) to.top = Number(o.top);
      if (o.left !== undefined) to.left = Number(o.left);
      box.scrollTo({ ...to, behavior: o.animated && o.duration !== 0 ? 'smooth' : 'auto' });
    },
    /** @param {string} selector a node inside the scroll-view */
    scrollIntoView(selector) {
      let target = null;
      try {
        target = box.querySelector(String(selector));
      } catch {
        target = null;
      }
      if (!target) return;
      const a = target.getBoundingClientRect();
      const b = box.getBoundingClientRect();
      box.scrollTo({ top: box.scrollTop + a.top - b.top, left: box.scrollLeft + a.left - b.left });
    },
  });
}

/**
 * `r` measured from `origin`'s top-left corner.
 * @param {{ left: number, top: number, right?: number, bottom?: number, width: number, height: number }} r
 * @param {{ left: number, top: number }} origin
 */
function shifted(r, origin) {
  const left = r.left - origin.left;
  const top = r.top - origin.top;
  return { left, top, right: left + r.width, bottom: top + r.height, width: r.width, height: r.height };
}

/**
 * WeChat's SelectorQuery, answering from the DOM once `exec` is called.
 * @param {import('./record.js').Record} rec
 * @returns {Record<string, (...args: any[]) => any>} the SelectorQuery
 */
export function createSelectorQuery(rec) {
  const tasks = [];
  let scope = rec;
  const query = {
    in(component) {
      scope = (component && findRecord(component)) || scope;
      return query;
    },
    select: (selector) => nodesRef(selector, false),
    selectAll: (selector) => nodesRef(selector, true),
    selectViewport: () => nodesRef('viewport', false),
    exec(callback) {
      const run = () => {
        const results = tasks.map((t) => t());
        if (typeof callback === 'function') callback(results);
      };
      if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
      else setTimeout(run, 0);
      return query;
    },
  };
  function nodesRef(selector, all) {
    const add = (fields, callback) => {
      tasks.push(() => {
        const found = elements(scope, selector, all).map((el) => fieldsOf(el, fields, scope));
        const result = all ? found : found[0] || null;
        if (typeof callback === 'function') callback(result);
        return result;
      });
      return query;
    };
    return {
      boundingClientRect: (cb) => add({ id: true, dataset: true, rect: true, size: true }, cb),
      scrollOffset: (cb) => add({ id: true, dataset: true, scrollOffset: true }, cb),
      fields: (fields, cb) => add(fields || {}, cb),
      node: (cb) => add({ node: true }, cb),
      context: (cb) => add({ context: true }, cb),
    };
  }
  return query;
}

/** @type {(inst: object) => import('./record.js').Record | undefined} */
let findRecord = () => null;
/**
 * Lets the framework say how an instance maps to its record (avoids an import cycle).
 * @param {(inst: object) => import('./record.js').Record | undefined} fn
 */
export function setRecordFinder(fn) {
  findRecord = fn;
}

/**
 * WeChat's IntersectionObserver on top of the web's.
 * @param {import('./record.js').Record} rec
 * @param {Record<string, any>} [options] thresholds, initialRatio, observeAll
 * @returns {Record<string, (...args: any[]) => any>} the IntersectionObserver
 */
export function createIntersectionObserver(rec, options = {}) {
  let rootEl = null;
  let margins = {};
  const observers = [];
  const api = {
    relativeTo(selector, m) {
      rootEl = elements(rec, selector, false)[0] || null;
      margins = m || {};
      return api;
    },
    relativeToViewport(m) {
      rootEl = null;
      margins = m || {};
      return api;
    },
    observe(selector, callback) {
      if (typeof IntersectionObserver === 'undefined') return;
      const px = (n) => `${Number(n) || 0}px`;
      // As in WeChat, a target's first check calls back only when its ratio differs from initialRatio.
      const checked = new WeakSet();
      const io = new IntersectionObserver(
        (entries) => {
          const origin = windowRect(document);
          for (const e of entries) {
            const first = !checked.has(e.target);
            checked.add(e.target);
            if (first && e.intersectionRatio === (Number(options.initialRatio) || 0)) continue;
            const v = e.target.__mpv || {};
            callback({
              id: (v.attrs && v.attrs.id) || '',
              dataset: Object.assign({}, v.dataset),
              time: Math.round(e.time),
              intersectionRatio: e.intersectionRatio,
              intersectionRect: shifted(e.intersectionRect, origin),
              boundingClientRect: shifted(e.boundingClientRect, origin),
              relativeRect: e.rootBounds ? shifted(e.rootBounds, origin) : {},
            });
          }
        },
        {
          // The viewport is the window (between the bars), not the browser's.
          root: rootEl || pageWindow(document).frame,
          rootMargin: `${px(margins.top)} ${px(margins.right)} ${px(margins.bottom)} ${px(margins.left)}`,
          threshold: options.thresholds || [0],
        },
      );
      for (const el of elements(rec, selector, Boolean(options.observeAll))) io.observe(el);
      observers.push(io);
    },
    disconnect() {
      for (const io of observers.splice(0)) io.disconnect();
    },
  };
  return api;
}

/**
 * Whether the window of size `w` matches WeChat's media descriptor (`minWidth`, `maxWidth`, `width`,
 * `minHeight`, `maxHeight`, `height` in px, `orientation`); an unknown feature never matches.
 * @param {Record<string, any>} descriptor
 * @param {{ width: number, height: number }} w
 * @returns {boolean}
 */
function mediaMatches(descriptor, w) {
  const width = Math.round(w.width);
  const height = Math.round(w.height);
  const tests = {
    minWidth: (v) => width >= v,
    maxWidth: (v) => width <= v,
    width: (v) => width === v,
    minHeight: (v) => height >= v,
    maxHeight: (v) => height <= v,
    height: (v) => height === v,
    orientation: (v) => v === (width > height ? 'landscape' : 'portrait'),
  };
  return Object.entries(descriptor || {}).every(([k, v]) =>
    Object.hasOwn(tests, k) ? tests[k](k === 'orientation' ? v : Number(v)) : false,
  );
}

/**
 * WeChat's MediaQueryObserver: the media features of the page's window (between the bars, as WeChat's
 * page viewport), checked again when the browser or the window (a bar shown or hidden) changes size.
 * @returns {{
 *   observe: (descriptor: Record<string, any>, cb: (res: { matches: boolean }) => void) => void,
 *   disconnect: () => void,
 * }}
 */
export function createMediaQueryObserver() {
  let stop = null;
  return {
    observe(descriptor, callback) {
      if (stop) stop();
      const test = () => mediaMatches(descriptor, windowRect(document));
      let last = test();
      const check = () => {
        const now = test();
        if (now === last) return;
        last = now;
        callback({ matches: now });
      };
      const view = document.defaultView || globalThis;
      view.addEventListener('resize', check);
      const { frame } = pageWindow(document);
      const resize = frame && typeof ResizeObserver === 'function' ? new ResizeObserver(check) : null;
      if (resize && frame) resize.observe(frame);
      stop = () => {
        view.removeEventListener('resize', check);
        if (resize) resize.disconnect();
      };
      callback({ matches: last });
    },
    disconnect() {
      if (stop) stop();
      stop = null;
    },
  };
}

/**
 * `this.animate(selector, keyframes, duration, callback)` through the Web Animations API.
 * @param {import('./record.js').Record} rec
 * @param {string} selector
 * @param {Array<Record<string, any>>} keyframes
 * @param {number} duration
 * @param {() => void} [callback]
 * @returns {void}
 */
export function animate(rec, selector, keyframes, duration, callback) {
  const targets = elements(rec, selector, true);
  const frames = (keyframes || []).map((f) => {
    const out = {};
    for (const [k, v] of Object.entries(f)) {
      if (k === 'scrollTop' || k === 'scrollLeft') continue;
      out[k === 'ease' ? 'easing' : k] = v;
    }
    return out;
  });
  let pending = targets.length;
  if (!pending || typeof Element === 'undefined' || !Element.prototype.animate) {
    if (typeof callback === 'function') setTimeout(callback, duration || 0);
    return;
  }
  for (const el of targets) {
    const a = el.animate(frames, { duration: duration || 0, fill: 'forwards' });
    a.onfinish = () => {
      if (--pending === 0 && typeof callback === 'function') callback();
    };
  }
}
