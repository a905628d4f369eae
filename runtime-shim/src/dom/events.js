// miniport runtime: WeChat's events on the DOM: tap/longpress from touch and mouse, capture, bubble, catch, mut-bind.
import { pageWindow, windowRect } from '../core/viewport.js';
import { str } from '../render/values.js';

const TAP_SLOP = 10;
const LONGPRESS_MS = 350;

function info(el) {
  const v = el.__mpv;
  const id = v && v.attrs && v.attrs.id;
  return {
    id: id === undefined || id === null ? '' : str(id),
    dataset: Object.assign({}, v && v.dataset),
    offsetLeft: el.offsetLeft || 0,
    offsetTop: el.offsetTop || 0,
  };
}

/**
 * The nearest element at or above `node` that a template rendered.
 * @param {any} node an event's target: a Node, or null
 * @returns {Element | null}
 */
export function owningElement(node) {
  for (let el = node; el; el = el.parentNode) if (el.__mpv) return el;
  return null;
}

// The elements an event passes, from its origin up. Without `composed` it stays in the
// origin's own tree and stops where that tree ends (at a slot of another component, or at
// the component that rendered it), as WeChat's documentation shows.
function pathOf(origin, composed) {
  const path = [];
  for (let el = origin; el; el = el.parentNode) {
    if (!el.__mpv) continue;
    if (!composed && el.__mpc !== origin.__mpc) break;
    path.push(el);
  }
  return path;
}

const NONE = [];
const isCapture = (kind) => kind === 'capture-bind' || kind === 'capture-catch';

function call(el, handler, event, path) {
  const ctx = el.__mpc;
  const inst = ctx && ctx.inst;
  const name = str(handler.handler);
  if (!inst || !name) return;
  const fn = inst[name];
  if (typeof fn !== 'function') {
    console.warn(
      `miniport: ${ctx.isPage ? 'Page' : 'Component'} "${ctx.path}" does not have a method "${name}" `
        + `to handle event "${event.type}".`,
    );
    return;
  }
  let targetEl = path[0];
  for (const p of path) {
    if (p.__mpc === ctx) {
      targetEl = p;
      break;
    }
  }
  const mark = {};
  for (let i = path.length - 1; i >= path.indexOf(targetEl); i--) Object.assign(mark, path[i].__mpv.mark);
  const e = Object.assign({}, event, { target: info(targetEl), currentTarget: info(el), mark });
  try {
    return fn.call(inst, e);
  } catch (error) {
    if (ctx.fw) ctx.fw.reportError(error);
    else
      setTimeout(() => {
        throw error;
      });
  }
  return undefined;
}

/**
 * Fires the WeChat event `type` from `origin` (an element the patcher made). Options:
 * `bubbles`, `composed`, `capturePhase`, and the event's `detail`, `touches`,
 * `changedTouches`. Returns the number of handlers called; `options.result` receives what
 * the last bind/catch handler returned (an input's handler may return the new value).
 * @param {Element} origin
 * @param {string} type
 * @param {any} [detail]
 * @param {Record<string, any>} [options]
 * @returns {number}
 */
export function dispatch(origin, type, detail, options = {}) {
  if (!origin || !origin.__mpv) return 0;
  const path = pathOf(origin, Boolean(options.composed));
  const event = {
    type,
    timeStamp: Math.round(typeof performance !== 'undefined' ? performance.now() : Date.now()),
    detail: detail === undefined ? {} : detail,
  };
  if (options.touches) {
    event.touches = options.touches;
    event.changedTouches = options.changedTouches || options.touches;
  }
  let called = 0;
  if (options.capturePhase) {
    for (let i = path.length - 1; i >= 0; i--) {
      for (const h of path[i].__mpv.events || NONE) {
        if (h.name !== type || !isCapture(h.kind)) continue;
        call(path[i], h, event, path);
        called++;
        if (h.kind === 'capture-catch') return called;
      }
    }
  }
  let mutDone = false;
  const last = options.bubbles ? path.length : Math.min(1, path.length);
  for (let i = 0; i < last; i++) {
    let stop = false;
    for (const h of path[i].__mpv.events || NONE) {
      if (h.name !== type || isCapture(h.kind)) continue;
      if (h.kind === 'mut-bind') {
        if (mutDone) continue;
        mutDone = true;
      }
      options.result = call(path[i], h, event, path);
      called++;
      if (h.kind === 'catch') stop = true;
    }
    if (stop) break;
  }
  return called;
}

/**
 * Where WeChat measures touches from: `clientX`/`clientY` from the window's top-left corner
 * (under the navigation bar), `pageX`/`pageY` from the page's top-left (the window plus the
 * page's scroll). Returns the browser-to-WeChat offsets for `doc` as it is now.
 * @param {Document} doc
 */
function touchOrigin(doc) {
  const w = windowRect(doc);
  const { frame, scroller } = pageWindow(doc);
  const view = doc.defaultView || globalThis;
  // Without the shell the document scrolls, and the browser's page coordinates are WeChat's.
  const sl = frame ? scroller.scrollLeft : view.scrollX || 0;
  const st = frame ? scroller.scrollTop : view.scrollY || 0;
  return { left: w.left, top: w.top, sl, st };
}

/** One browser touch (or mouse event) in WeChat's coordinates, seen from `o`. */
function touchAt(t, o, identifier, force) {
  const clientX = t.clientX - o.left;
  const clientY = t.clientY - o.top;
  return { identifier, pageX: clientX + o.sl, pageY: clientY + o.st, clientX, clientY, force };
}

function touchList(list, o) {
  return Array.from(list || [], (t) => touchAt(t, o, t.identifier, t.force || 0));
}

function mouseTouch(e, o) {
  return [touchAt(e, o, 0, 1)];
}

const NATIVE = { bubbles: true, composed: true, capturePhase: true };

/**
 * Listens on `doc` and turns touch and mouse input into WeChat's touchstart/touchmove/
 * touchend/touchcancel, tap (no 300 ms delay), longpress and longtap, plus the CSS
 * transition and animation events. Returns a function that removes the listeners.
 * @param {Document} doc
 * @returns {() => void}
 */
export function installEvents(doc) {
  let gesture = null;
  let lastTouch = -Infinity;
  const win = doc.defaultView || globalThis;

  // `t` is the touch in WeChat's coordinates: `detail` carries its page position, and the tap
  // slop is measured on its client position (a page scrolled by the finger is not a tap).
  function start(target, t, touches) {
    const origin = owningElement(target);
    if (!origin) return;
    const x = t.pageX;
    const y = t.pageY;
    gesture = { origin, cx: t.clientX, cy: t.clientY, moved: false, longpressed: false, timer: null };
    const g = gesture;
    g.timer = win.setTimeout(() => {
      if (gesture !== g || g.moved) return;
      const n = dispatch(origin, 'longpress', { x, y }, { ...NATIVE, touches, changedTouches: touches });
      dispatch(origin, 'longtap', { x, y }, { ...NATIVE, touches, changedTouches: touches });
      g.longpressed = n > 0;
    }, LONGPRESS_MS);
    dispatch(origin, 'touchstart', {}, { ...NATIVE, touches, changedTouches: touches });
  }

  function move(t, touches) {
    if (!gesture) return;
    if (Math.abs(t.clientX - gesture.cx) > TAP_SLOP || Math.abs(t.clientY - gesture.cy) > TAP_SLOP)
      gesture.moved = true;
    dispatch(gesture.origin, 'touchmove', {}, { ...NATIVE, touches, changedTouches: touches });
  }

  function end(t, touches, changed, cancelled) {
    const g = gesture;
    if (!g) return;
    gesture = null;
    win.clearTimeout(g.timer);
    dispatch(g.origin, cancelled ? 'touchcancel' : 'touchend', {}, { ...NATIVE, touches, changedTouches: changed });
    if (!cancelled && !g.moved && !g.longpressed && g.origin.isConnected !== false) {
      dispatch(g.origin, 'tap', { x: t.pageX, y: t.pageY }, { ...NATIVE, touches, changedTouches: changed });
    }
  }

  const listeners = {
    touchstart(e) {
      lastTouch = Date.now();
      const o = touchOrigin(doc);
      const t = e.changedTouches[0] && touchAt(e.changedTouches[0], o, 0, 0);
      if (e.touches.length === 1 && t) start(e.target, t, touchList(e.touches, o));
      else if (gesture) gesture.moved = true;
    },
    touchmove(e) {
      const o = touchOrigin(doc);
      const t = e.changedTouches[0] && touchAt(e.changedTouches[0], o, 0, 0);
      if (t) move(t, touchList(e.touches, o));
    },
    touchend(e) {
      lastTouch = Date.now();
      const o = touchOrigin(doc);
      const t = e.changedTouches[0] && touchAt(e.changedTouches[0], o, 0, 0);
      if (t) end(t, touchList(e.touches, o), touchList(e.changedTouches, o), false);
    },
    touchcancel(e) {
      lastTouch = Date.now();
      end(null, [], touchList(e.changedTouches, touchOrigin(doc)), true);
    },
    mousedown(e) {
      if (e.button !== 0 || Date.now() - lastTouch < 800) return;
      const [t] = mouseTouch(e, touchOrigin(doc));
      start(e.target, t, [t]);
    },
    mousemove(e) {
      if (!gesture || Date.now() - lastTouch < 800) return;
      const [t] = mouseTouch(e, touchOrigin(doc));
      move(t, [t]);
    },
    mouseup(e) {
      if (e.button !== 0 || Date.now() - lastTouch < 800) return;
      const [t] = mouseTouch(e, touchOrigin(doc));
      end(t, [], [t], false);
    },
  };
  for (const type of ['transitionend', 'animationstart', 'animationiteration', 'animationend']) {
    listeners[type] = (e) => {
      const origin = owningElement(e.target);
      if (origin === e.target)
        dispatch(origin, type, { elapsedTime: e.elapsedTime, animationName: e.animationName }, NATIVE);
    };
  }
  for (const [type, fn] of Object.entries(listeners)) doc.addEventListener(type, fn, { capture: true, passive: true });
  return () => {
    for (const [type, fn] of Object.entries(listeners)) doc.removeEventListener(type, fn, { capture: true });
  };
}
