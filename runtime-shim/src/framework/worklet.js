// miniport runtime: wx.worklet on the main thread — shared and derived values, the frame loop, Easing and the animation
// objects; worklet-run.js (loaded on first use) runs the animations and the style bindings.
import { deferred } from '../core/lazy.js';

let reading = null; // the watcher collecting the shared values it reads
let frame = 0;
let ended = null; // callbacks of animations that ended inside a composite, heard once the frame's value is written
let run = null; // worklet-run.js once loaded
let loading = null;
const running = new Map(); // shared value → the animation object driving it
export const ANIM = Symbol('animation');
/**
 * @type {(fn: (now: number) => void) => any}
 */
export const raf = (fn) =>
  typeof requestAnimationFrame === 'function' ? requestAnimationFrame(fn) : setTimeout(() => fn(Date.now()), 16);
/**
 * @type {(fn: any, arg?: any) => void}
 */
export const call = (fn, arg) => {
  try {
    if (typeof fn === 'function') fn(arg);
  } catch (error) {
    console.error(error);
  }
};
/**
 * @type {(fn: (finished: boolean) => void) => any}
 */
export const end = (fn) => (ended ? ended.push(fn) : call(fn, true));
const load = deferred(() => loading || (loading = import('./worklet-run.js').then((m) => (run = m))), ['worklet']);

/**
 * Runs `fn` (then `apply(result)`) on `run()`, and again whenever a shared value it read changes.
 * @param {() => any} fn
 * @param {(result: any) => void} [apply]
 * @returns {{ deps: Set<any>, run: () => void, stop: (keep?: boolean) => void, [key: string]: any }}
 */
export function watcher(fn, apply) {
  const w = {
    deps: new Set(),
    run() {
      if (w.busy || w.off) return;
      w.stop(true);
      const outer = reading;
      reading = w;
      w.busy = true;
      let out;
      try {
        out = fn();
      } catch (error) {
        console.error(error);
        return;
      } finally {
        reading = outer;
        w.busy = false;
      }
      apply(out);
    },
    stop(keep) {
      w.off = !keep;
      for (const d of w.deps) d._w.delete(w);
      w.deps.clear();
    },
  };
  return w;
}

class SharedValue {
  constructor(value) {
    this._v = value;
    this._w = new Set();
  }

  get value() {
    if (reading) {
      reading.deps.add(this);
      this._w.add(reading);
    }
    return this._v;
  }

  /** An animation object starts on the next frame (cancelling the one running); anything else is set at once. */
  set value(v) {
    cancelAnimation(this);
    if (v && v[ANIM]) {
      v.live = null;
      running.set(this, v);
      if (frame) return;
      if (run) frame = raf(tick);
      else {
        frame = -1;
        load().then(
          () => {
            frame = raf(tick);
          },
          (error) => {
            frame = 0;
            console.error(error);
          },
        );
      }
    } else this._set(v);
  }

  _set(v) {
    this._v = v;
    for (const w of [...this._w]) w.run();
  }
}

function tick(now) {
  frame = 0;
  for (const [sv, d] of [...running]) {
    if (running.get(sv) !== d) continue;
    let done = true;
    ended = [];
    try {
      if (!d.live) (d.live = run.build(d)).start(sv._v, now);
      done = d.live.frame(now);
    } catch (error) {
      console.error(error);
    }
    const heard = ended;
    ended = null;
    if (d.live) sv._set(d.live.current);
    for (const fn of heard) call(fn, true);
    if (done && running.get(sv) === d) {
      running.delete(sv);
      call(d.callback, true);
    }
  }
  if (running.size && !frame) frame = raf(tick);
}

/** The animation driving `sv` stops where it is; its callback hears `false`. */
function cancelAnimation(sv) {
  const d = running.get(sv);
  if (!d) return;
  running.delete(sv);
  if (d.live && d.live.cancel) d.live.cancel();
  call(d.callback, false);
}

// What timing(…), spring(…) and the others return: the call's arguments, built into a running animation on its first
// frame.
const animation =
  (kind, cb) =>
  (...args) => ({ [ANIM]: kind, args, callback: args[cb] });

const bezier = (x1, y1, x2, y2) => {
  const at = (p1, p2, u) => 3 * (1 - u) * (1 - u) * u * p1 + 3 * (1 - u) * u * u * p2 + u * u * u;
  return (t) => {
    if (t <= 0 || t >= 1) return t <= 0 ? 0 : 1;
    let lo = 0;
    let hi = 1;
    for (let n = 0; n < 30; n++) {
      const mid = (lo + hi) / 2;
      if (at(x1, x2, mid) < t) lo = mid;
      else hi = mid;
    }
    return at(y1, y2, (lo + hi) / 2);
  };
};

export const Easing = {
  linear: (t) => t,
  ease: bezier(0.42, 0, 1, 1),
  quad: (t) => t * t,
  cubic: (t) => t * t * t,
  poly: (n) => (t) => t ** n,
  sin: (t) => 1 - Math.cos((t * Math.PI) / 2),
  circle: (t) => 1 - Math.sqrt(1 - t * t),
  exp: (t) => 2 ** (10 * (t - 1)),
  elastic:
    (b = 1) =>
    (t) =>
      1 - Math.cos((t * Math.PI) / 2) ** 3 * Math.cos(t * b * Math.PI),
  back:
    (s = 1.70158) =>
    (t) =>
      t * t * ((s + 1) * t - s),
  bounce(t) {
    const k = 7.5625;
    if (t < 1 / 2.75) return k * t * t;
    if (t < 2 / 2.75) return k * (t -= 1.5 / 2.75) * t + 0.75;
    if (t < 2.5 / 2.75) return k * (t -= 2.25 / 2.75) * t + 0.9375;
    return k * (t -= 2.625 / 2.75) * t + 0.984375;
  },
  bezier,
  cubicBezier: bezier,
  in: (f) => f,
  out: (f) => (t) => 1 - f(1 - t),
  inOut: (f) => (t) => (t < 0.5 ? f(t * 2) / 2 : 1 - f((1 - t) * 2) / 2),
  step0: (n) => (n > 0 ? 1 : 0),
  step1: (n) => (n >= 1 ? 1 : 0),
};

/** wx.worklet. There is one thread: runOnUI(fn) calls fn in a microtask, runOnJS(fn) is fn. */
export const worklet = {
  shared: (value) => new SharedValue(value),
  derived(fn) {
    const d = new SharedValue();
    watcher(fn, (v) => d._set(v)).run();
    return d;
  },
  cancelAnimation,
  runOnUI:
    (fn) =>
    (...args) => {
      queueMicrotask(() => call(() => fn(...args)));
    },
  runOnJS: (fn) => fn,
  timing: animation('timing', 2),
  spring: animation('spring', 2),
  decay: animation('decay', 1),
  sequence: animation('sequence'),
  repeat: animation('repeat', 3),
  delay: (ms, child) => ({ [ANIM]: 'delay', args: [ms, child], callback: child && child.callback }),
  Easing,
  scrollViewContext: {
    scrollTo: () => console.warn('miniport: wx.worklet.scrollViewContext.scrollTo is not implemented'),
  },
};

/**
 * `this.applyAnimatedStyle` / `this.clearAnimatedStyle` (see worklet-run.js); asynchronous, in call order.
 * @type {(...args: Parameters<typeof import('./worklet-run.js').applyAnimatedStyle>) => void}
 */
export const applyAnimatedStyle = (...args) => {
  load().then((m) => m.applyAnimatedStyle(...args), console.error);
};
/**
 * @type {(...args: Parameters<typeof import('./worklet-run.js').clearAnimatedStyle>) => void}
 */
export const clearAnimatedStyle = (...args) => {
  load().then((m) => m.clearAnimatedStyle(...args), console.error);
};
