// miniport runtime: hover-class touch feedback of view, button, navigator (WeChat's timings).
import { attr, bool, num, scoped, text } from './util.js';

// Defaults per tag: [hover-class, hover-start-time, hover-stay-time], as WeChat documents them.
const DEFAULTS = {
  'wx-button': ['button-hover', 20, 70],
  'wx-navigator': ['navigator-hover', 50, 600],
};
const VIEW = ['none', 50, 400];
const hovers = new WeakMap();

function settings(el, attrs, api) {
  const [cls, start, stay] = DEFAULTS[el.localName] || VIEW;
  const given = text(attr(attrs, 'hover-class'), cls);
  const own = given !== cls || !DEFAULTS[el.localName];
  return {
    classes: given === 'none' || given === '' ? [] : own ? scoped(api, given) : [given],
    start: num(attr(attrs, 'hover-start-time'), start),
    stay: num(attr(attrs, 'hover-stay-time'), stay),
    stop: bool(attr(attrs, 'hover-stop-propagation')),
    disabled: bool(attr(attrs, 'disabled')),
  };
}

/**
 * Gives `el` WeChat's press feedback: `hover-class` is added `hover-start-time` ms after the
 * press begins and removed `hover-stay-time` ms after it ends (at once when it is cancelled).
 * `hover-stop-propagation` keeps ancestors from showing theirs. Call again after every update;
 * `api` (optional) scopes an author's class. Returns a function that removes the behaviour.
 * @param {HTMLElement} el
 * @param {Record<string, any>} attrs
 * @param {Record<string, any>} [api] the built-in api
 * @returns {void}
 */
export function applyHover(el, attrs, api) {
  let h = hovers.get(el);
  const s = settings(el, attrs, api);
  if (h) {
    if (h.active && h.s.classes.join() !== s.classes.join()) {
      el.classList.remove(...h.s.classes);
      el.classList.add(...s.classes);
    }
    h.s = s;
    return h.off;
  }
  h = { s, active: false, timer: 0 };
  const win = el.ownerDocument.defaultView;
  const clear = () => {
    win.clearTimeout(h.timer);
    h.timer = 0;
  };
  const reset = () => {
    clear();
    if (h.active) el.classList.remove(...h.s.classes);
    h.active = false;
  };
  const down = (e) => {
    if (e.__mpHoverStopped || (e.button !== undefined && e.button > 0 && e.type !== 'touchstart')) return;
    if (e.type === 'mousedown' && h.touched) return;
    if (e.type === 'touchstart') h.touched = true;
    if (h.s.stop) e.__mpHoverStopped = true;
    if (!h.s.classes.length || h.s.disabled || el.hasAttribute('disabled')) return;
    reset();
    h.timer = win.setTimeout(() => {
      h.timer = 0;
      h.active = true;
      el.classList.add(...h.s.classes);
    }, h.s.start);
  };
  const up = () => {
    if (h.timer) {
      // Released before the class appeared: show it for the stay time anyway, as WeChat does.
      clear();
      if (h.s.classes.length) {
        h.active = true;
        el.classList.add(...h.s.classes);
      }
    }
    h.timer = win.setTimeout(reset, h.s.stay);
  };
  const cancel = () => reset();
  /** @type {Array<[string, EventListener]>} */
  const types = [
    ['touchstart', down],
    ['mousedown', down],
    ['touchend', up],
    ['mouseup', up],
    ['touchcancel', cancel],
    ['mouseleave', cancel],
  ];
  for (const [type, fn] of types) el.addEventListener(type, fn, { passive: true });
  h.off = () => {
    reset();
    for (const [type, fn] of types) el.removeEventListener(type, fn);
    hovers.delete(el);
  };
  hovers.set(el, h);
  return h.off;
}

/**
 * Removes the behaviour `applyHover` added (no-op if none).
 * @param {HTMLElement} el
 */
export function removeHover(el) {
  const h = hovers.get(el);
  if (h) h.off();
}
