// miniport runtime: wx.worklet's animations frame by frame (timing, spring, decay, sequence, repeat, delay) and the
// style bindings of applyAnimatedStyle/clearAnimatedStyle; loaded by worklet.js on first use.
import { ANIM, Easing, call, end, raf, watcher } from './worklet.js';
import { rpx } from '../render/values.js';

// Animated values are numbers, or strings of a number and a unit ('100px', '45deg').
const num = (v) => parseFloat(v) || 0;
const unit = (n, like) => (typeof like === 'string' ? `${n}${like.replace(/^[-+\d.e]+/i, '')}` : n);

/**
 * A running animation: `start(from, now)`, then `frame(now)` on each frame until it returns true; `current` is its
 * value.
 */
const anim = (d, to, start, frame, cancel) => ({
  callback: d.callback,
  to,
  current: undefined,
  cancel,
  start(from, now) {
    this.current = from;
    start(this, from, now);
  },
  frame(now) {
    return frame(this, now);
  },
});

function timing(d, to, options) {
  const { duration = 300, easing = Easing.inOut(Easing.quad) } = options || {};
  let from;
  let t0;
  return anim(
    d,
    to,
    (a, v, now) => {
      from = num(v);
      t0 = now;
    },
    (a, now) => {
      const p = duration > 0 ? Math.min(1, (now - t0) / duration) : 1;
      a.current = p >= 1 ? a.to : unit(from + (num(a.to) - from) * easing(p), a.to);
      return p >= 1;
    },
  );
}

/** A damped spring, stepped every millisecond, at rest within both thresholds of its target. */
function spring(d, to, options) {
  const {
    stiffness: k = 100,
    damping: c = 10,
    mass: m = 1,
    overshootClamping = false,
    restDisplacementThreshold = 0.01,
    restSpeedThreshold = 2,
    velocity = 0,
  } = options || {};
  let x;
  let v;
  let t;
  let sign;
  return anim(
    d,
    to,
    (a, from, now) => {
      x = num(from) - num(a.to);
      v = velocity;
      t = now;
      sign = Math.sign(x);
    },
    (a, now) => {
      while (t < now) {
        const dt = Math.min(1, now - t) / 1000;
        t += dt * 1000;
        v += ((-k * x - c * v) / m) * dt;
        x += v * dt;
      }
      const done =
        (Math.abs(v) < restSpeedThreshold && Math.abs(x) < restDisplacementThreshold)
        || (overshootClamping && sign !== 0 && x * sign <= 0);
      a.current = done ? a.to : unit(num(a.to) + x, a.to);
      return done;
    },
  );
}

/**
 * Slows from `velocity` (units/s) by `deceleration` per millisecond until under 1 unit/s, or stops at a `clamp` bound.
 */
function decay(d, options) {
  const { velocity = 0, deceleration = 0.998, clamp = [] } = options || {};
  const ln = Math.log(deceleration > 0 && deceleration < 1 ? deceleration : 0.998);
  let from;
  let t0;
  return anim(
    d,
    undefined,
    (a, v, now) => {
      from = num(v);
      t0 = now;
    },
    (a, now) => {
      const f = Math.exp(ln * (now - t0));
      let x = from + (velocity * (f - 1)) / ln / 1000;
      let done = Math.abs(velocity * f) < 1;
      if (Array.isArray(clamp) && clamp.length === 2) {
        const [lo, hi] = [Math.min(...clamp), Math.max(...clamp)];
        if ((velocity < 0 && x <= lo) || (velocity > 0 && x >= hi)) {
          x = velocity < 0 ? lo : hi;
          done = true;
        }
      }
      a.current = x;
      return done;
    },
  );
}

/** One after another; each one's callback hears true as it ends (false for those cancelled). */
function sequence(d, ...list) {
  let i = 0;
  list = list.map(build);
  return anim(
    d,
    undefined,
    (a, v, now) => {
      i = 0;
      if (list[0]) list[0].start(v, now);
    },
    (a, now) => {
      for (; i < list.length; i++) {
        const c = list[i];
        const done = c.frame(now);
        a.current = c.current;
        if (!done) return false;
        end(c.callback);
        if (list[i + 1]) list[i + 1].start(c.current, now);
      }
      return true;
    },
    () => {
      for (; i < list.length; i++) {
        if (list[i].cancel) list[i].cancel();
        call(list[i].callback, false);
      }
    },
  );
}

/** `reps` times (forever when negative), back and forth when `reverse` (timing and spring). */
function repeat(d, child, reps = 2, reverse = false) {
  let count;
  let from;
  child = build(child);
  return anim(
    d,
    undefined,
    (a, v, now) => {
      count = 0;
      from = v;
      child.start(v, now);
    },
    (a, now) => {
      const done = child.frame(now);
      a.current = child.current;
      if (!done) return false;
      end(child.callback);
      if (reps >= 0 && ++count >= reps) return true;
      if (reverse && child.to !== undefined) {
        child.to = from;
        from = a.current;
      }
      child.start(from, now);
      return false;
    },
    () => child.cancel && child.cancel(),
  );
}

/** Holds the value for `ms`, then runs `child` (whose callback is this animation's). */
function delay(d, ms, child) {
  let t0;
  let from;
  let started;
  child = build(child);
  return anim(
    d,
    child.to,
    (a, v, now) => {
      t0 = now;
      from = v;
      started = false;
    },
    (a, now) => {
      if (!started) {
        if (now - t0 < ms) return false;
        started = true;
        child.start(from, t0 + ms);
      }
      const done = child.frame(now);
      a.current = child.current;
      return done;
    },
    () => child.cancel && child.cancel(),
  );
}

const KINDS = { timing, spring, decay, sequence, repeat, delay };

/**
 * The running animation for what timing(…) and the others returned.
 * @param {Record<string | symbol, any>} d what timing(…) and the others returned
 * @returns {Record<string, any>}
 */
export function build(d) {
  if (!d || !KINDS[d[ANIM]]) throw new TypeError('wx.worklet: not an animation object');
  return KINDS[d[ANIM]](d, ...d.args);
}

let styleIds = 0;
const bound = new WeakMap(); // element → its style bindings
const pending = new Set(); // bindings whose nodes are not drawn yet

/**
 * `this.applyAnimatedStyle`: `find()` gives the instance's nodes for the selector (null once the
 * instance is gone, which releases the binding). The updater's style goes to their inline style
 * now (unless `config.immediate` is false) and whenever a shared value it read changes; nodes
 * not drawn yet are looked for on the next frames. The callback hears `{ styleId }`.
 * @param {() => Element[] | null} find
 * @param {() => Record<string, any>} updater
 * @param {{ immediate?: boolean } | undefined} config
 * @param {MpListener} [callback]
 * @param {object} [self] the component instance
 * @returns {void}
 */
export function applyAnimatedStyle(find, updater, config, callback, self) {
  const b = { id: ++styleIds, nodes: [] };
  let style;
  let skip = config && config.immediate === false;
  b.put = () => {
    if (!b.nodes.length || !b.nodes[0].isConnected) {
      const found = find();
      if (!found) return b.stop();
      b.nodes = found;
      for (const el of found) (bound.get(el) || bound.set(el, new Set()).get(el)).add(b);
      if (found.length) pending.delete(b);
    }
    for (const el of b.nodes) {
      for (const [k, v] of Object.entries(style || {})) {
        const name = k.startsWith('--') ? k : k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
        if (v === undefined || v === null || v === '') el.style.removeProperty(name);
        else el.style.setProperty(name, rpx(String(v)));
      }
    }
  };
  b.stop = () => {
    b.w.stop();
    pending.delete(b);
    for (const el of b.nodes) if (bound.has(el)) bound.get(el).delete(b);
  };
  b.w = watcher(
    () => (typeof updater === 'function' ? updater.call(self) : undefined),
    (s) => {
      style = skip ? undefined : s;
      skip = false;
      b.put();
    },
  );
  b.w.run();
  if (!b.nodes.length && !b.w.off) {
    pending.add(b);
    let tries = 0;
    const retry = () => {
      if (!pending.has(b)) return;
      if (++tries > 120) pending.delete(b);
      else {
        b.put();
        raf(retry);
      }
    };
    raf(retry);
  }
  call(callback, { styleId: b.id });
}

/**
 * `this.clearAnimatedStyle`: unbinds the style ids given (all when none) from the nodes `find()` selects; their styles
 * stay.
 * @param {() => Element[] | null} find
 * @param {number[] | MpListener} [ids]
 * @param {MpListener} [callback]
 * @returns {void}
 */
export function clearAnimatedStyle(find, ids, callback) {
  if (typeof ids === 'function') [callback, ids] = [ids, undefined];
  for (const b of [...pending]) b.put();
  for (const el of find() || []) {
    for (const b of [...(bound.get(el) || [])]) if (!Array.isArray(ids) || !ids.length || ids.includes(b.id)) b.stop();
  }
  call(callback);
}
