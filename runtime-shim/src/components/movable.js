// miniport runtime: <movable-area> and <movable-view> (dragging with pointer events, bounds, the
// out-of-bounds rubber band, inertia, spring animations, pinch and ctrl-wheel scaling, x/y/scale-value).
import { attr, bool, changed, clamp, num, states, text } from './util.js';

const views = states();
const areas = states();

/** A length of `x`/`y`: px (the default) or rpx, as a number of px. */
function px(el, v) {
  if (v === undefined || v === null || v === '') return undefined;
  const s = String(v).trim();
  const n = Number.parseFloat(s);
  if (!Number.isFinite(n)) return undefined;
  if (!s.endsWith('rpx')) return n;
  const win = el.ownerDocument.defaultView;
  const max = Number.parseFloat(
    win.getComputedStyle(el.ownerDocument.documentElement).getPropertyValue('--miniport-max-page-width'),
  );
  return (n * Math.min(win.innerWidth, Number.isFinite(max) ? max : 600)) / 750;
}

function opts(attrs) {
  const direction = text(attr(attrs, 'direction'), 'none');
  const friction = num(attr(attrs, 'friction'), 2);
  const min = clamp(num(attr(attrs, 'scale-min'), 0.1), 0.1, 10);
  return {
    h: direction === 'all' || direction === 'horizontal',
    v: direction === 'all' || direction === 'vertical',
    inertia: bool(attr(attrs, 'inertia')),
    outOfBounds: bool(attr(attrs, 'out-of-bounds')),
    damping: Math.max(1, num(attr(attrs, 'damping'), 20)),
    friction: friction > 0 ? friction : 2,
    disabled: bool(attr(attrs, 'disabled')),
    scale: bool(attr(attrs, 'scale')),
    min,
    max: Math.max(min, clamp(num(attr(attrs, 'scale-max'), 10), 0.1, 10)),
    animation: attr(attrs, 'animation') === undefined || bool(attr(attrs, 'animation')),
  };
}

/** The range of x and y at the current scale (the view scales about its centre). */
function bounds(s) {
  const area = s.el.parentElement;
  const aw = area ? area.clientWidth : 0;
  const ah = area ? area.clientHeight : 0;
  const axis = (size, room) => {
    const scaled = size * s.scale;
    const off = (size * (1 - s.scale)) / 2;
    const lo = scaled <= room ? 0 : room - scaled;
    const hi = scaled <= room ? room - scaled : 0;
    return [lo - off, hi - off];
  };
  const [x0, x1] = axis(s.el.offsetWidth, aw);
  const [y0, y1] = axis(s.el.offsetHeight, ah);
  return { x0, x1, y0, y1 };
}

function inside(s, x, y) {
  const b = bounds(s);
  return { x: clamp(x, b.x0, b.x1), y: clamp(y, b.y0, b.y1) };
}

function paint(s) {
  const r = (n) => Math.round(n * 100) / 100;
  s.el.style.transform = `translateX(${r(s.x)}px) translateY(${r(s.y)}px) translateZ(0px) scale(${s.scale})`;
  const o = opts(s.attrs);
  const free = o.disabled || (!o.h && !o.v && !o.scale);
  s.el.style.touchAction = free ? '' : o.h && !o.v ? 'pan-y' : o.v && !o.h ? 'pan-x' : 'none';
}

/** Moves to (x, y); emits change with `source` when the position changed. */
function moveTo(s, x, y, source) {
  const r = (n) => Math.round(n * 100) / 100;
  const moved = r(x) !== r(s.x) || r(y) !== r(s.y);
  s.x = x;
  s.y = y;
  paint(s);
  if (moved && source !== null) s.api.emit('change', { x: r(x), y: r(y), source });
}

function stop(s) {
  if (s.frame) s.el.ownerDocument.defaultView.cancelAnimationFrame(s.frame);
  s.frame = 0;
}

/**
 * Runs `step(dt)` every frame until it returns false. `step` gets seconds since the last frame.
 * @param {any} s
 * @param {(dt: number) => boolean} step
 */
function animate(s, step) {
  stop(s);
  const win = s.el.ownerDocument.defaultView;
  let last = win.performance.now();
  const tick = (now) => {
    const dt = Math.min(0.05, Math.max(0, (now - last) / 1000));
    last = now;
    const mine = s.frame;
    const more = step(dt);
    // `step` may have started another animation (a glide that springs back): leave that one be.
    if (s.frame === mine) s.frame = more ? win.requestAnimationFrame(tick) : 0;
  };
  s.frame = win.requestAnimationFrame(tick);
}

/** A spring to (tx, ty), as stiff as `damping` says (WeChat: larger moves faster). */
function springTo(s, tx, ty, source) {
  const c = opts(s.attrs).damping;
  const k = (9 * c * c) / 40;
  const vel = { x: 0, y: 0 };
  animate(s, (dt) => {
    let x = s.x;
    let y = s.y;
    // Small sub-steps keep the integration stable for stiff springs.
    for (let i = 0; i < 4; i++) {
      const h = dt / 4;
      vel.x += (-k * (x - tx) - c * vel.x) * h;
      vel.y += (-k * (y - ty) - c * vel.y) * h;
      x += vel.x * h;
      y += vel.y * h;
    }
    const done = Math.hypot(x - tx, y - ty) < 0.1 && Math.hypot(vel.x, vel.y) < 1;
    moveTo(s, done ? tx : x, done ? ty : y, source);
    return !done;
  });
}

/** Inertia after a release at `v` px/s: slows down by `friction`, springs back when it left the area. */
function glide(s, v) {
  const o = opts(s.attrs);
  const decel = o.friction * 600;
  const vel = { x: o.h ? v.x : 0, y: o.v ? v.y : 0 };
  animate(s, (dt) => {
    const speed = Math.hypot(vel.x, vel.y);
    const b = bounds(s);
    const out = s.x < b.x0 || s.x > b.x1 || s.y < b.y0 || s.y > b.y1;
    // Past the edge, the rubber band brakes much harder.
    const slow = Math.max(0, speed - decel * (out ? 8 : 1) * dt);
    if (speed) {
      vel.x *= slow / speed;
      vel.y *= slow / speed;
    }
    let x = s.x + vel.x * dt;
    let y = s.y + vel.y * dt;
    if (!o.outOfBounds) {
      // At an edge the view stops on that axis.
      const t = inside(s, x, y);
      if (t.x !== x) vel.x = 0;
      if (t.y !== y) vel.y = 0;
      ({ x, y } = t);
    }
    moveTo(s, x, y, 'friction');
    if (Math.hypot(vel.x, vel.y) > 5) return true;
    settle(s);
    return false;
  });
}

/** Brings the view back inside its range (after a drag or glide past the edge). */
function settle(s) {
  const t = inside(s, s.x, s.y);
  if (t.x !== s.x || t.y !== s.y) springTo(s, t.x, t.y, 'out-of-bounds');
}

/** The rubber band: how far the view follows a pointer that is `over` px past the edge. */
const rubber = (over) => Math.sign(over) * Math.min(Math.abs(over) * 0.5, 60 + Math.abs(over) * 0.1);

function dragTo(s, x, y) {
  const o = opts(s.attrs);
  const b = bounds(s);
  const nx = o.h ? x : s.x;
  const ny = o.v ? y : s.y;
  const cx = clamp(nx, b.x0, b.x1);
  const cy = clamp(ny, b.y0, b.y1);
  if (!o.outOfBounds) return moveTo(s, cx, cy, 'touch');
  const fx = cx + rubber(nx - cx);
  const fy = cy + rubber(ny - cy);
  moveTo(s, fx, fy, fx !== cx || fy !== cy ? 'touch-out-of-bounds' : 'touch');
}

function setScale(s, scale, about) {
  const o = opts(s.attrs);
  const next = clamp(scale, o.min, o.max);
  if (next === s.scale) return;
  // Keep the point under the fingers (view coordinates of its centre by default) where it was.
  const w = s.el.offsetWidth;
  const h = s.el.offsetHeight;
  const ax = about ? about.x : w / 2;
  const ay = about ? about.y : h / 2;
  const ratio = next / s.scale;
  const cx = s.x + w / 2;
  const cy = s.y + h / 2;
  const px0 = s.x + w / 2 + (ax - w / 2) * s.scale;
  const py0 = s.y + h / 2 + (ay - h / 2) * s.scale;
  s.scale = next;
  const x = px0 - (px0 - cx) * ratio - w / 2;
  const y = py0 - (py0 - cy) * ratio - h / 2;
  const t = inside(s, x, y);
  moveTo(s, t.x, t.y, null);
  s.api.emit('scale', { x: Math.round(s.x * 100) / 100, y: Math.round(s.y * 100) / 100, scale: s.scale });
}

function pointers(s, target) {
  const doc = s.el.ownerDocument;
  const down = new Map();
  let start = null;
  let pinch = null;
  let samples = [];
  const local = (e) => {
    const r = s.el.getBoundingClientRect();
    return { x: (e.clientX - r.left) / s.scale, y: (e.clientY - r.top) / s.scale };
  };
  const spread = () => {
    const [a, b] = [...down.values()];
    return Math.hypot(a.x - b.x, a.y - b.y) || 1;
  };
  const onDown = (e) => {
    const o = opts(s.attrs);
    if (o.disabled || (e.pointerType === 'mouse' && e.button !== 0)) return;
    down.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (target.setPointerCapture) {
      try {
        target.setPointerCapture(e.pointerId);
      } catch {
        /* a synthetic pointer that the browser does not track */
      }
    }
    if (down.size === 2 && o.scale) {
      start = null;
      pinch = { d: spread(), scale: s.scale };
      return;
    }
    if (down.size !== 1 || target !== s.el || (!o.h && !o.v)) return;
    stop(s);
    start = { px: e.clientX, py: e.clientY, x: s.x, y: s.y, axis: '' };
    samples = [{ t: e.timeStamp, x: e.clientX, y: e.clientY }];
    s.dragging = true;
  };
  const onMove = (e) => {
    if (!down.has(e.pointerId)) return;
    down.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pinch) {
      const [a, b] = [...down.values()];
      setScale(s, (pinch.scale * spread()) / pinch.d, local({ clientX: (a.x + b.x) / 2, clientY: (a.y + b.y) / 2 }));
      return;
    }
    if (!start) return;
    const dx = e.clientX - start.px;
    const dy = e.clientY - start.py;
    if (!start.axis && (dx || dy)) {
      start.axis = Math.abs(dx) > Math.abs(dy) ? 'h' : 'v';
      s.api.emit(start.axis === 'h' ? 'htouchmove' : 'vtouchmove', { x: e.clientX, y: e.clientY });
    }
    samples.push({ t: e.timeStamp, x: e.clientX, y: e.clientY });
    if (samples.length > 5) samples.shift();
    dragTo(s, start.x + dx, start.y + dy);
  };
  const onUp = (e) => {
    if (!down.delete(e.pointerId)) return;
    if (pinch) {
      if (down.size < 2) pinch = null;
      return;
    }
    if (!start) return;
    start = null;
    s.dragging = false;
    const first = samples[0];
    const last = samples[samples.length - 1];
    const dt = (last.t - first.t) / 1000;
    const o = opts(s.attrs);
    const b = bounds(s);
    const out = s.x < b.x0 - 0.01 || s.x > b.x1 + 0.01 || s.y < b.y0 - 0.01 || s.y > b.y1 + 0.01;
    const recent = e.timeStamp - last.t < 100;
    if (o.inertia && dt > 0 && recent && !out) {
      const v = { x: (last.x - first.x) / dt, y: (last.y - first.y) / dt };
      if (Math.hypot(v.x, v.y) > 50) return glide(s, v);
    }
    settle(s);
  };
  const onWheel = (e) => {
    // A trackpad pinch arrives as a wheel event with ctrlKey.
    if (!e.ctrlKey || !opts(s.attrs).scale || opts(s.attrs).disabled) return;
    e.preventDefault();
    setScale(s, s.scale * Math.exp(-e.deltaY / 100), local(e));
  };
  target.addEventListener('pointerdown', onDown);
  doc.addEventListener('pointermove', onMove);
  doc.addEventListener('pointerup', onUp);
  doc.addEventListener('pointercancel', onUp);
  target.addEventListener('wheel', onWheel, { passive: false });
  return () => {
    target.removeEventListener('pointerdown', onDown);
    doc.removeEventListener('pointermove', onMove);
    doc.removeEventListener('pointerup', onUp);
    doc.removeEventListener('pointercancel', onUp);
    target.removeEventListener('wheel', onWheel);
  };
}

/** Applies x, y and scale-value: animated when they change after the first layout. */
function apply(s, old) {
  const o = opts(s.attrs);
  if (
    !old
    || changed(s.attrs, old, 'scale-value')
    || changed(s.attrs, old, 'scale-min')
    || changed(s.attrs, old, 'scale-max')
  ) {
    s.scale = clamp(num(attr(s.attrs, 'scale-value'), 1), o.min, o.max);
  }
  const x = px(s.el, attr(s.attrs, 'x'));
  const y = px(s.el, attr(s.attrs, 'y'));
  const moveX = x !== undefined && (!old || changed(s.attrs, old, 'x'));
  const moveY = y !== undefined && (!old || changed(s.attrs, old, 'y'));
  if (!s.laid) {
    // Not laid out yet: remember the position; the first layout puts it in range.
    if (moveX) s.x = x;
    if (moveY) s.y = y;
    paint(s);
    return;
  }
  if (s.dragging || (!moveX && !moveY)) {
    const t = inside(s, s.x, s.y);
    if (!s.frame && (t.x !== s.x || t.y !== s.y)) moveTo(s, t.x, t.y, '');
    paint(s);
    return;
  }
  const t = inside(s, moveX ? x : s.x, moveY ? y : s.y);
  if (o.animation) springTo(s, t.x, t.y, '');
  else {
    stop(s);
    moveTo(s, t.x, t.y, '');
  }
}

export const movableView = {
  create(el, attrs, api) {
    const s = views.set(el, { el, attrs, api, x: 0, y: 0, scale: 1, frame: 0, laid: false, dragging: false });
    s.off = pointers(s, el);
    const win = el.ownerDocument.defaultView;
    if (win.ResizeObserver) {
      // The first layout (once attached) and every resize of the view or its area re-clamp it.
      s.ro = new win.ResizeObserver(() => {
        if (!el.isConnected) return;
        if (!s.laid) {
          s.laid = true;
          // Watched from the next frame: a new target inside this callback would loop.
          win.requestAnimationFrame(() => el.parentElement && s.ro && s.ro.observe(el.parentElement));
        }
        if (s.frame || s.dragging) return;
        const t = inside(s, s.x, s.y);
        moveTo(s, t.x, t.y, null);
      });
      s.ro.observe(el);
    } else s.laid = true;
    apply(s, null);
    return undefined;
  },
  update(el, attrs, old, api) {
    const s = views.get(el);
    Object.assign(s, { attrs, api });
    apply(s, old);
  },
  destroy(el) {
    const s = views.get(el);
    if (!s) return;
    stop(s);
    s.off();
    if (s.ro) s.ro.disconnect();
    s.ro = null;
    views.delete(el);
  },
};

/** With `scale-area`, a pinch anywhere in the area scales the scalable views inside it. */
export const movableArea = {
  create(el, attrs, api) {
    const a = areas.set(el, { el, attrs, api });
    const scaled = () => [...el.children].map((c) => views.get(c)).find((s) => s && opts(s.attrs).scale);
    const down = new Map();
    let pinch = null;
    const onDown = (e) => {
      if (!bool(attr(a.attrs, 'scale-area'))) return;
      down.set(e.pointerId, { x: e.clientX, y: e.clientY });
      const s = scaled();
      if (down.size === 2 && s) {
        const [p, q] = [...down.values()];
        pinch = { s, d: Math.hypot(p.x - q.x, p.y - q.y) || 1, scale: s.scale };
      }
    };
    const onMove = (e) => {
      if (!down.has(e.pointerId)) return;
      down.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (!pinch || down.size < 2) return;
      const [p, q] = [...down.values()];
      setScale(pinch.s, (pinch.scale * (Math.hypot(p.x - q.x, p.y - q.y) || 1)) / pinch.d);
    };
    const onUp = (e) => {
      down.delete(e.pointerId);
      if (down.size < 2) pinch = null;
    };
    const onWheel = (e) => {
      const s = scaled();
      if (!e.ctrlKey || !s || !bool(attr(a.attrs, 'scale-area')) || e.target !== el) return;
      e.preventDefault();
      setScale(s, s.scale * Math.exp(-e.deltaY / 100));
    };
    const doc = el.ownerDocument;
    el.addEventListener('pointerdown', onDown);
    doc.addEventListener('pointermove', onMove);
    doc.addEventListener('pointerup', onUp);
    doc.addEventListener('pointercancel', onUp);
    el.addEventListener('wheel', onWheel, { passive: false });
    a.off = () => {
      el.removeEventListener('pointerdown', onDown);
      doc.removeEventListener('pointermove', onMove);
      doc.removeEventListener('pointerup', onUp);
      doc.removeEventListener('pointercancel', onUp);
      el.removeEventListener('wheel', onWheel);
    };
    return undefined;
  },
  update(el, attrs) {
    areas.get(el).attrs = attrs;
  },
  destroy(el) {
    const a = areas.get(el);
    if (a) a.off();
    areas.delete(el);
  },
};
