// miniport runtime: <swiper> and <swiper-item> (slides, dots, autoplay, touch and mouse swipes).
import { attr, bool, changed, clamp, length, node, num, point, states, text } from './util.js';

const swipers = states();
const itemIds = new WeakMap();

function slides(s) {
  return [...s.frame.children].filter((c) => c.localName === 'wx-swiper-item');
}

function opts(attrs) {
  return {
    vertical: bool(attr(attrs, 'vertical')),
    circular: bool(attr(attrs, 'circular')),
    per: Math.max(1, Math.floor(num(attr(attrs, 'display-multiple-items'), 1))),
    duration: Math.max(0, num(attr(attrs, 'duration'), 500)),
    interval: Math.max(0, num(attr(attrs, 'interval'), 5000)),
  };
}

/** The furthest index `current` may take (with several items shown at once, fewer pages). */
function lastIndex(s) {
  const n = slides(s).length;
  const { per, circular } = opts(s.attrs);
  return circular ? n - 1 : Math.max(0, n - per);
}

function place(s, animate, offset = 0) {
  const { vertical, per, duration } = opts(s.attrs);
  const size = 100 / per;
  s.frame.style.transition = animate ? `transform ${duration}ms ease` : 'none';
  const pos = -s.current * size;
  const move = `calc(${pos}% + ${offset}px)`;
  s.frame.style.transform = vertical ? `translate(0, ${move}) translateZ(0)` : `translate(${move}, 0) translateZ(0)`;
}

function dots(s) {
  const { attrs } = s;
  const show = bool(attr(attrs, 'indicator-dots'));
  const { vertical } = opts(attrs);
  s.dots.hidden = !show;
  s.dots.className = `wx-swiper-dots ${vertical ? 'wx-swiper-dots-vertical' : 'wx-swiper-dots-horizontal'}`;
  if (!show) return;
  const n = slides(s).length ? lastIndex(s) + 1 : 0;
  while (s.dots.children.length > n) s.dots.lastChild.remove();
  while (s.dots.children.length < n) node(s.dots, 'div', 'wx-swiper-dot');
  const color = text(attr(attrs, 'indicator-color'), 'rgba(0, 0, 0, .3)');
  const active = text(attr(attrs, 'indicator-active-color'), '#000000');
  [...s.dots.children].forEach((dot, i) => {
    const on = i === s.current;
    dot.className = on ? 'wx-swiper-dot wx-swiper-dot-active' : 'wx-swiper-dot';
    dot.style.backgroundColor = on ? active : color;
  });
}

function layout(el, s) {
  const { vertical, per } = opts(s.attrs);
  el.toggleAttribute('mp-vertical', vertical);
  s.frame.style.setProperty('--mp-swiper-item', `${100 / per}%`);
  const prev = length(attr(s.attrs, 'previous-margin'), '0px');
  const next = length(attr(s.attrs, 'next-margin'), '0px');
  Object.assign(
    s.slides.style,
    vertical ? { top: prev, bottom: next, left: '0', right: '0' } : { left: prev, right: next, top: '0', bottom: '0' },
  );
}

/** Moves to `index`: emits change (and, after the animation, animationfinish). */
function go(s, index, source, animate = true) {
  const n = slides(s).length;
  if (!n) return;
  const { circular, duration } = opts(s.attrs);
  const last = lastIndex(s);
  let i = index;
  if (circular) i = ((i % (last + 1)) + last + 1) % (last + 1);
  else i = clamp(i, 0, last);
  const moved = i !== s.current;
  s.current = i;
  place(s, animate);
  dots(s);
  if (!moved) return;
  const detail = { current: i, currentItemId: itemIds.get(slides(s)[i]) || '', source };
  s.api.emit('change', detail);
  const win = s.frame.ownerDocument.defaultView;
  win.clearTimeout(s.finish);
  s.finish = win.setTimeout(() => s.api.emit('animationfinish', { ...detail }), animate ? duration : 0);
}

function autoplay(s) {
  const win = s.frame.ownerDocument.defaultView;
  win.clearInterval(s.timer);
  s.timer = 0;
  const { interval } = opts(s.attrs);
  if (!bool(attr(s.attrs, 'autoplay')) || !interval || !s.frame.isConnected) return;
  s.timer = win.setInterval(() => {
    if (s.dragging || slides(s).length < 2) return;
    const last = lastIndex(s);
    const { circular } = opts(s.attrs);
    // Without `circular`, autoplay returns to the first slide after the last one, as WeChat does.
    go(s, s.current >= last && !circular ? 0 : s.current + 1, 'autoplay');
  }, interval);
}

function swipe(el, s) {
  const doc = el.ownerDocument;
  let start = null;
  const move = (e) => {
    if (!start) return;
    const p = point(e);
    const { vertical } = opts(s.attrs);
    const dx = p.x - start.x;
    const dy = p.y - start.y;
    if (!start.locked) {
      if (Math.abs(dx) < 4 && Math.abs(dy) < 4) return;
      start.locked = true;
      start.ours = vertical ? Math.abs(dy) > Math.abs(dx) : Math.abs(dx) > Math.abs(dy);
    }
    if (!start.ours) return;
    if (e.cancelable && e.type === 'touchmove') e.preventDefault();
    s.dragging = true;
    start.d = vertical ? dy : dx;
    place(s, false, start.d);
    s.api.emit('transition', { dx: -dx, dy: -dy });
  };
  const end = () => {
    if (!start) return;
    const { d = 0, ours, size } = start;
    start = null;
    s.dragging = false;
    for (const [t, fn] of moves) doc.removeEventListener(t, fn);
    if (!ours) return;
    const { per } = opts(s.attrs);
    const step = (size || 1) / per;
    const before = s.current;
    if (Math.abs(d) > step / 2 || Math.abs(d) > 30) go(s, s.current + (d < 0 ? 1 : -1), 'touch');
    if (s.current === before) place(s, true);
  };
  const moves = [
    ['mousemove', move],
    ['touchmove', move],
    ['mouseup', end],
    ['touchend', end],
    ['touchcancel', end],
  ];
  const down = (e) => {
    if (e.type === 'mousedown' && e.button > 0) return;
    if (bool(attr(s.attrs, 'disable-touch')) || attr(s.attrs, 'touchable') === false) return;
    const r = s.slides.getBoundingClientRect();
    const { vertical } = opts(s.attrs);
    start = { ...point(e), size: vertical ? r.height : r.width };
    for (const [t, fn] of moves) doc.addEventListener(t, fn, { passive: false });
  };
  s.slides.addEventListener('mousedown', down);
  s.slides.addEventListener('touchstart', down, { passive: true });
  s.stop = () => {
    for (const [t, fn] of moves) doc.removeEventListener(t, fn);
  };
}

function currentFromAttrs(s, attrs) {
  const id = text(attr(attrs, 'current-item-id'));
  if (id) {
    const i = slides(s).findIndex((item) => itemIds.get(item) === id);
    if (i >= 0) return i;
  }
  return num(attr(attrs, 'current'), 0);
}

export const swiper = {
  create(el, attrs, api) {
    const wrapper = node(el, 'div', 'wx-swiper-wrapper');
    const slidesEl = node(wrapper, 'div', 'wx-swiper-slides');
    const frame = node(slidesEl, 'div', 'wx-swiper-slide-frame');
    const dotsEl = node(wrapper, 'div', 'wx-swiper-dots');
    const s = swipers.set(el, { attrs, api, slides: slidesEl, frame, dots: dotsEl, current: 0 });
    swipe(el, s);
    layout(el, s);
    // The slides arrive after create: settle position, dots and autoplay once they are in.
    queueMicrotask(() => {
      if (!swipers.get(el)) return;
      s.current = clamp(currentFromAttrs(s, s.attrs), 0, lastIndex(s));
      place(s, false);
      dots(s);
      autoplay(s);
    });
    return { content: frame };
  },
  update(el, attrs, old, api) {
    const s = swipers.get(el);
    Object.assign(s, { attrs, api });
    layout(el, s);
    if (changed(attrs, old, 'current') || changed(attrs, old, 'current-item-id')) {
      // A `current` set by the page moves the swiper; change reports source ''.
      go(s, currentFromAttrs(s, attrs), '', true);
    } else {
      if (s.current > lastIndex(s)) s.current = lastIndex(s);
      place(s, false);
      dots(s);
    }
    if (changed(attrs, old, 'autoplay') || changed(attrs, old, 'interval') || !s.timer) autoplay(s);
  },
  destroy(el) {
    const s = swipers.get(el);
    if (s) {
      const win = el.ownerDocument.defaultView;
      win.clearInterval(s.timer);
      win.clearTimeout(s.finish);
      s.stop();
    }
    swipers.delete(el);
  },
};

export const swiperItem = {
  create(el, attrs) {
    itemIds.set(el, text(attr(attrs, 'item-id')));
  },
  update(el, attrs) {
    itemIds.set(el, text(attr(attrs, 'item-id')));
  },
  destroy(el) {
    itemIds.delete(el);
  },
};

/**
 * The current index of a swiper element (for tests and tools).
 * @type {(el: Element) => number}
 */
export const swiperCurrent = (el) => (swipers.get(el) ? swipers.get(el).current : -1);
