// miniport runtime: Skyline's tags on the web: grid-view (grid or masonry columns), list-view, sticky
// headers (position: sticky, with stickontopchange; a header unsticks at its section's end),
// share-element/snapshot and the other containers as views, and the gesture handlers calling their
// worklet callbacks from pointer events.
import { attr, length, num, states, text } from './util.js';

const grids = states();
const stickies = states();
const gestures = states();

/** A padding attribute: `[top, right, bottom, left]` (an array, or its JSON), in px. */
function padding(v) {
  let list = v;
  if (typeof v === 'string') {
    try {
      list = JSON.parse(v);
    } catch {
      list = [];
    }
  }
  return Array.isArray(list) && list.length ? list.map((n) => length(n, '0px')).join(' ') : '';
}

function layoutGrid(el, attrs) {
  const count = Math.max(1, Math.floor(num(attr(attrs, 'cross-axis-count'), 2)));
  const main = length(attr(attrs, 'main-axis-gap'), '0px');
  const cross = length(attr(attrs, 'cross-axis-gap'), '0px');
  const masonry = text(attr(attrs, 'type'), 'aligned') === 'masonry';
  const extent = num(attr(attrs, 'max-cross-axis-extent'), 0);
  el.toggleAttribute('mp-masonry', masonry);
  const s = el.style;
  s.setProperty('--mp-grid-count', String(count));
  s.setProperty('--mp-grid-main-gap', main);
  s.setProperty('--mp-grid-cross-gap', cross);
  s.setProperty('--mp-grid-extent', extent ? `${extent}px` : '');
  s.padding = padding(attr(attrs, 'padding'));
}

/** grid-view: `aligned` is a CSS grid of cross-axis-count columns; `masonry` flows into columns. */
export const gridView = {
  create(el, attrs) {
    grids.set(el, attrs);
    layoutGrid(el, attrs);
    return undefined;
  },
  update(el, attrs) {
    layoutGrid(el, attrs);
  },
  destroy(el) {
    grids.delete(el);
  },
};

export const listView = {
  create(el, attrs) {
    el.style.padding = padding(attr(attrs, 'padding'));
    return undefined;
  },
  update(el, attrs) {
    el.style.padding = padding(attr(attrs, 'padding'));
  },
  destroy() {},
};

/**
 * The nearest ancestor of `el` that scrolls vertically, or null (the viewport).
 * @param {Element} el
 * @returns {Element | null}
 */
function scroller(el) {
  for (let n = el.parentElement; n; n = n.parentElement) {
    if (/auto|scroll/.test(getComputedStyle(n).overflowY)) return n;
  }
  return null;
}

/** sticky-header: sticks at offset-top; stickontopchange says when it starts and stops sticking. */
export const stickyHeader = {
  create(el, attrs, api) {
    const s = stickies.set(el, { attrs, api, on: false, io: null });
    const place = () => {
      el.style.top = length(attr(s.attrs, 'offset-top'), '0px');
      el.style.padding = padding(attr(s.attrs, 'padding'));
    };
    s.place = place;
    place();
    const win = el.ownerDocument.defaultView;
    if (win.IntersectionObserver) {
      // A sentinel just above the header leaves the viewport when the header starts to stick.
      queueMicrotask(() => {
        if (!el.isConnected) return;
        const top = Number.parseFloat(getComputedStyle(el).top) || 0;
        s.io = new win.IntersectionObserver(
          ([entry]) => {
            // The root's top edge, moved down by the margin: the line the header sticks at, plus 1px.
            const line = entry.rootBounds ? entry.rootBounds.top - 1 : top;
            const on = entry.boundingClientRect.top <= line + 0.5 && entry.intersectionRatio < 1;
            if (on !== s.on) {
              s.on = on;
              s.api.emit('stickontopchange', { isStickOnTop: on });
            }
          },
          // The header sticks in its scrolling box (the page's, inside the window), not the viewport.
          { root: scroller(el), threshold: [1], rootMargin: `${-top - 1}px 0px 0px 0px` },
        );
        s.io.observe(el);
      });
    }
    return undefined;
  },
  update(el, attrs, old, api) {
    const s = stickies.get(el);
    Object.assign(s, { attrs, api });
    s.place();
  },
  destroy(el) {
    const s = stickies.get(el);
    if (s && s.io) s.io.disconnect();
    stickies.delete(el);
  },
};

/** A container drawn as a view (share-element, snapshot, draggable-sheet, nested scroll parts…). */
export const plain = {
  create() {
    return undefined;
  },
  update() {},
  destroy() {},
};

// Skyline's gesture states (POSSIBLE, 0, is never reported here).
const BEGIN = 1;
const ACTIVE = 2;
const END = 3;

function gesture(kind) {
  return {
    create(el, attrs, api) {
      const g = gestures.set(el, { attrs, api, start: null, last: null, timer: 0, taps: 0 });
      const call = (state, e, extra = {}) => {
        const name = text(attr(g.attrs, 'on-gesture-event'));
        const fn = name && g.api.owner && g.api.owner[name];
        if (typeof fn !== 'function' || attr(g.attrs, 'enabled') === false) return;
        const r = el.getBoundingClientRect();
        const dx = g.last ? e.clientX - g.last.x : 0;
        const dy = g.last ? e.clientY - g.last.y : 0;
        const dt = g.last ? Math.max(1, e.timeStamp - g.last.t) / 1000 : 1;
        const ev = {
          state,
          absoluteX: e.clientX,
          absoluteY: e.clientY,
          x: e.clientX - r.left,
          y: e.clientY - r.top,
          deltaX: dx,
          deltaY: dy,
          velocityX: dx / dt,
          velocityY: dy / dt,
          ...extra,
        };
        fn.call(g.api.owner, ev);
      };
      const down = (e) => {
        g.start = { x: e.clientX, y: e.clientY, t: e.timeStamp, moved: false };
        g.last = { x: e.clientX, y: e.clientY, t: e.timeStamp };
        if (kind === 'long-press') {
          g.timer = el.ownerDocument.defaultView.setTimeout(
            () => {
              if (g.start && !g.start.moved) call(BEGIN, e);
              g.start = g.start && { ...g.start, pressed: true };
            },
            num(attr(g.attrs, 'min-duration'), 500),
          );
        }
      };
      const move = (e) => {
        if (!g.start) return;
        const dx = e.clientX - g.start.x;
        const dy = e.clientY - g.start.y;
        const horizontal = Math.abs(dx) > Math.abs(dy);
        const wanted =
          kind === 'pan'
          || (kind === 'horizontal-drag' && horizontal)
          || (kind === 'vertical-drag' && !horizontal)
          || (kind === 'long-press' && g.start.pressed);
        if (!g.start.moved && Math.hypot(dx, dy) > 3) {
          g.start.moved = true;
          if (wanted && kind !== 'long-press') call(BEGIN, e);
        }
        if (g.start.moved && wanted) call(ACTIVE, e);
        g.last = { x: e.clientX, y: e.clientY, t: e.timeStamp };
      };
      const up = (e) => {
        if (!g.start) return;
        const { moved, pressed } = g.start;
        clearTimeout(g.timer);
        if (kind === 'tap' && !moved) call(END, e);
        else if (kind === 'double-tap' && !moved) {
          g.taps = e.timeStamp - (g.lastTap || 0) < 300 ? g.taps + 1 : 1;
          g.lastTap = e.timeStamp;
          if (g.taps === 2) call(END, e);
        } else if (kind === 'long-press' && pressed) call(END, e);
        else if (moved && kind !== 'tap' && kind !== 'double-tap' && kind !== 'long-press') call(END, e);
        g.start = null;
      };
      const wheel = (e) => {
        if (kind !== 'scale' || !e.ctrlKey) return;
        e.preventDefault();
        call(ACTIVE, e, { scale: Math.exp(-e.deltaY / 100), focalX: e.clientX, focalY: e.clientY });
      };
      el.addEventListener('pointerdown', down);
      el.addEventListener('pointermove', move);
      el.addEventListener('pointerup', up);
      el.addEventListener('pointercancel', () => (g.start = null));
      el.addEventListener('wheel', wheel, { passive: false });
      return undefined;
    },
    update(el, attrs, old, api) {
      Object.assign(gestures.get(el), { attrs, api });
    },
    destroy(el) {
      gestures.delete(el);
    },
  };
}

export const tapGesture = gesture('tap');
export const doubleTapGesture = gesture('double-tap');
export const longPressGesture = gesture('long-press');
export const panGesture = gesture('pan');
export const horizontalDragGesture = gesture('horizontal-drag');
export const verticalDragGesture = gesture('vertical-drag');
export const scaleGesture = gesture('scale');
export const forcePressGesture = gesture('force-press');
