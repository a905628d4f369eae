// miniport runtime: selectors in a component's scope, SelectorQuery, IntersectionObserver and animate.

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
  if (selector === 'viewport') return [document.documentElement];
  let list;
  try {
    list = [...root(rec).querySelectorAll(scoped(rec, selector.replace(/>>>/g, ' ')))];
  } catch {
    list = [];
  }
  list = list.filter((el) => el.__mpv && !el.closest('[mp-internal]'));
  return all ? list : list.slice(0, 1);
}

function fieldsOf(el, fields, rec) {
  const out = {};
  const v = el.__mpv || {};
  if (el === document.documentElement) {
    if (fields.rect || fields.size)
      Object.assign(out, {
        left: 0,
        top: 0,
        right: innerWidth,
        bottom: innerHeight,
        width: innerWidth,
        height: innerHeight,
      });
    if (fields.scrollOffset)
      Object.assign(out, {
        id: '',
        dataset: {},
        scrollLeft: scrollX,
        scrollTop: scrollY,
        scrollWidth: document.documentElement.scrollWidth,
        scrollHeight: document.documentElement.scrollHeight,
      });
    return out;
  }
  if (fields.id) out.id = (v.attrs && v.attrs.id) || '';
  if (fields.dataset) out.dataset = Object.assign({}, v.dataset);
  const r = el.getBoundingClientRect();
  if (fields.rect) Object.assign(out, { left: r.left, right: r.right, top: r.top, bottom: r.bottom });
  if (fields.size) Object.assign(out, { width: r.width, height: r.height });
  if (fields.scrollOffset)
    Object.assign(out, {
      scrollLeft: el.scrollLeft,
      scrollTop: el.scrollTop,
      scrollWidth: el.scrollWidth,
      scrollHeight: el.scrollHeight,
    });
  for (const name of fields.properties || [])
    out[name] = el.__mprec ? el.__mprec.inst.data[name] : v.attrs && v.attrs[name];
  if (fields.computedStyle) {
    const style = getComputedStyle(el);
    for (const name of fields.computedStyle)
      out[name] = style.getPropertyValue(name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
  }
  if (fields.node) out.node = el.querySelector('canvas') || el;
  // A built-in with a context (editor's EditorContext) publishes it as `__mpContext`.
  if (fields.context) out.context = /** @type {any} */ (el).__mpContext || {};
  void rec;
  return out;
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
              intersectionRect: e.intersectionRect,
              boundingClientRect: e.boundingClientRect,
              relativeRect: e.rootBounds || {},
            });
          }
        },
        {
          root: rootEl,
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
 * WeChat's MediaQueryObserver on top of matchMedia.
 * @returns {{
 *   observe: (descriptor: Record<string, any>, cb: (res: { matches: boolean }) => void) => void,
 *   disconnect: () => void,
 * }}
 */
export function createMediaQueryObserver() {
  let stop = null;
  return {
    observe(descriptor, callback) {
      const parts = [];
      for (const [k, v] of Object.entries(descriptor || {})) {
        const name = k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
        parts.push(typeof v === 'number' ? `(${name}: ${v}px)` : `(${name}: ${v})`);
      }
      const mq = matchMedia(parts.join(' and ') || 'all');
      const fire = () => callback({ matches: mq.matches });
      mq.addEventListener('change', fire);
      stop = () => mq.removeEventListener('change', fire);
      fire();
    },
    disconnect() {
      if (stop) stop();
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
