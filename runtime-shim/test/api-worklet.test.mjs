// wx.worklet on the main thread in Node/jsdom with a fake requestAnimationFrame clock: shared and derived values,
// timing/spring/decay, sequence/repeat/delay, Easing, runOnUI/runOnJS, and applyAnimatedStyle/clearAnimatedStyle on
// pages and components.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { worklet } from '../src/framework/worklet.js';
import { createWx } from '../src/api/index.js';
import { makeApp, settle } from './framework-kit.mjs';

const { shared, derived, cancelAnimation, runOnUI, runOnJS, timing, spring, decay, sequence, repeat, delay, Easing } =
  worklet;

// One fake clock for the whole file: frames run only when a test calls frame()/until().
let queue = [];
let now = 1000;
globalThis.requestAnimationFrame = (fn) => queue.push(fn);
/** Advances the clock by `dt` ms and runs the frame callbacks queued so far. */
function frame(dt = 16) {
  now += dt;
  const run = queue;
  queue = [];
  for (const fn of run) fn(now);
}
/** Runs frames until `done()` (at most `max` frames); returns how many ran. */
function until(done, dt = 16, max = 2000) {
  let n = 0;
  while (!done() && n < max) {
    frame(dt);
    n++;
  }
  assert.ok(done(), `not done after ${max} frames`);
  return n;
}
const linear = Easing.linear;

// The first animation loads worklet-run.js and waits for it; once loaded, frames are requested at once.
{
  const first = shared(0);
  const heard = [];
  first.value = timing(1, { duration: 0 }, (f) => heard.push(f));
  assert.equal(queue.length, 0);
  for (let i = 0; i < 100 && !queue.length; i++) await new Promise((r) => setTimeout(r, 10));
  frame(0);
  assert.equal(first.value, 1);
  assert.deepEqual(heard, [true]);
}
const near = (a, b, eps = 1e-6) => assert.ok(Math.abs(a - b) <= eps, `${a} ≈ ${b}`);

test('wx.worklet is the worklet object, reported implemented; wx.router stays inert', () => {
  const wx = createWx();
  assert.equal(wx.worklet, worklet);
  assert.equal(wx.canIUse('worklet'), true);
  assert.equal(typeof wx.worklet.shared, 'function');
  assert.doesNotThrow(() => wx.router.addRouteBuilder('x', () => {}));
});

test('a shared value is read and written through .value, synchronously, any type', () => {
  const s = shared(1);
  assert.equal(s.value, 1);
  s.value = 5;
  assert.equal(s.value, 5);
  const o = shared({ a: 1 });
  o.value = { a: 2 };
  assert.deepEqual(o.value, { a: 2 });
  assert.equal(shared().value, undefined);
});

test('derived recomputes when a shared value it read changes, and not for others', () => {
  const a = shared(2);
  const b = shared(3);
  const other = shared(0);
  let runs = 0;
  const sum = derived(() => {
    runs++;
    return a.value + b.value;
  });
  const twice = derived(() => sum.value * 2);
  assert.equal(sum.value, 5);
  assert.equal(twice.value, 10);
  a.value = 10;
  assert.equal(sum.value, 13);
  assert.equal(twice.value, 26);
  const before = runs;
  other.value = 1;
  assert.equal(runs, before);
});

test('timing follows its easing curve frame by frame, reaches the target exactly and calls back true', () => {
  const s = shared(0);
  const calls = [];
  s.value = timing(100, { duration: 400 }, (finished) => calls.push(finished));
  assert.equal(s.value, 0, 'starts on the next frame');
  frame(0); // the first frame starts the animation at its current value
  assert.equal(s.value, 0);
  // The default easing is Easing.inOut(Easing.quad): 12.5 % at a quarter, 50 % at half, 87.5 % at three quarters.
  frame(100);
  near(s.value, 12.5);
  frame(100);
  near(s.value, 50);
  frame(100);
  near(s.value, 87.5);
  assert.deepEqual(calls, []);
  frame(100);
  assert.equal(s.value, 100);
  assert.deepEqual(calls, [true]);
  frame(16);
  assert.equal(s.value, 100);
  assert.equal(queue.length, 0, 'no frames requested once nothing runs');

  const t = shared(10);
  t.value = timing(20, { duration: 100, easing: linear });
  frame(0);
  frame(30);
  near(t.value, 13);
  frame(70);
  assert.equal(t.value, 20);

  const px = shared('0px');
  px.value = timing('100px', { duration: 100, easing: Easing.bezier(0.25, 0.1, 0.25, 1) });
  frame(0);
  frame(50);
  assert.match(px.value, /^80\.\d+px$/, 'bezier(.25,.1,.25,1) at half time is CSS ease (≈ 80 %), unit kept');
  frame(50);
  assert.equal(px.value, '100px');
});

test('cancelAnimation stops where the value is and calls back false; a new assignment cancels the running one', () => {
  const s = shared(0);
  const calls = [];
  s.value = timing(100, { duration: 100, easing: linear }, (f) => calls.push(f));
  frame(0);
  frame(40);
  near(s.value, 40);
  cancelAnimation(s);
  assert.deepEqual(calls, [false]);
  frame(30);
  near(s.value, 40);
  cancelAnimation(s);
  assert.deepEqual(calls, [false], 'nothing left to cancel');

  const seen = [];
  s.value = timing(0, { duration: 100 }, (f) => seen.push(['first', f]));
  frame(0);
  s.value = 7;
  assert.deepEqual(seen, [['first', false]]);
  assert.equal(s.value, 7);
  frame(50);
  assert.equal(s.value, 7);
});

test('spring overshoots and settles at its target (callback true); overshootClamping stops at the target', () => {
  const s = shared(0);
  const calls = [];
  let max = 0;
  s.value = spring(100, {}, (f) => calls.push(f));
  const n = until(() => {
    max = Math.max(max, s.value);
    return calls.length > 0;
  });
  assert.deepEqual(calls, [true]);
  assert.equal(s.value, 100);
  assert.ok(max > 110, `damping 10 / stiffness 100 overshoots (max ${max})`);
  assert.ok(n > 30 && n < 200, `settles in ${n} frames`);

  const c = shared(0);
  let over = 0;
  const done = [];
  c.value = spring(50, { overshootClamping: true, stiffness: 300 }, (f) => done.push(f));
  until(() => {
    over = Math.max(over, c.value);
    return done.length > 0;
  });
  assert.deepEqual(done, [true]);
  assert.equal(c.value, 50);
  assert.ok(over <= 50);

  const v = shared(0);
  const path = [];
  v.value = spring(0, { velocity: 500 });
  until(() => {
    path.push(v.value);
    return queue.length === 0;
  });
  assert.ok(Math.max(...path) > 10, 'an initial velocity moves a spring away from its target first');
  assert.equal(v.value, 0);
});

test('decay slows down to a stop (velocity × deceleration^ms) and stops at a clamp bound', () => {
  const s = shared(0);
  const calls = [];
  s.value = decay({ velocity: 1000 }, (f) => calls.push(f));
  const steps = [];
  let last = 0;
  frame(0);
  until(() => {
    steps.push(s.value - last);
    last = s.value;
    return calls.length > 0;
  });
  assert.deepEqual(calls, [true]);
  for (let i = 2; i < steps.length; i++) assert.ok(steps[i] <= steps[i - 1] + 1e-9, 'each frame moves less');
  // Distance to rest: v / -ln(0.998) / 1000 ≈ 499.5; it stops once under 1 unit/s.
  assert.ok(s.value > 498 && s.value < 500, `${s.value}`);

  const c = shared(0);
  const done = [];
  c.value = decay({ velocity: -2000, deceleration: 0.99, clamp: [-50, 50] }, (f) => done.push(f));
  until(() => done.length > 0);
  assert.equal(c.value, -50);
  assert.deepEqual(done, [true]);

  const still = shared(3);
  const z = [];
  still.value = decay({}, (f) => z.push(f));
  frame(0);
  assert.deepEqual(z, [true]);
  assert.equal(still.value, 3);
});

test('sequence runs its animations in order, each calling back as it ends', () => {
  const s = shared(0);
  const log = [];
  s.value = sequence(
    timing(100, { duration: 100, easing: linear }, (f) => log.push(['a', f, s.value])),
    timing(40, { duration: 60, easing: linear }, (f) => log.push(['b', f, s.value])),
  );
  frame(0);
  frame(50);
  near(s.value, 50);
  frame(50);
  assert.deepEqual(log, [['a', true, 100]]);
  frame(30);
  near(s.value, 70);
  frame(30);
  assert.equal(s.value, 40);
  assert.deepEqual(log, [
    ['a', true, 100],
    ['b', true, 40],
  ]);

  const t = shared(0);
  const cancelled = [];
  t.value = sequence(
    timing(10, { duration: 100 }, (f) => cancelled.push(['x', f])),
    timing(0, {}, (f) => cancelled.push(['y', f])),
  );
  frame(0);
  frame(10);
  cancelAnimation(t);
  assert.deepEqual(cancelled, [
    ['x', false],
    ['y', false],
  ]);
});

test('repeat with reverse goes back and forth numberOfReps times; a negative count repeats until cancelled', () => {
  const s = shared(0);
  const log = [];
  s.value = repeat(
    timing(10, { duration: 100, easing: linear }, () => log.push(['child', s.value])),
    3,
    true,
    (f) => log.push(['repeat', f, s.value]),
  );
  frame(0);
  frame(100);
  assert.equal(s.value, 10);
  frame(50);
  near(s.value, 5);
  frame(50);
  assert.equal(s.value, 0);
  frame(50);
  near(s.value, 5);
  frame(50);
  assert.equal(s.value, 10);
  assert.deepEqual(log, [
    ['child', 10],
    ['child', 0],
    ['child', 10],
    ['repeat', true, 10],
  ]);

  const r = shared(0);
  const ends = [];
  r.value = repeat(timing(10, { duration: 20, easing: linear }), -1, false, (f) => ends.push(f));
  frame(0);
  for (let i = 0; i < 20; i++) frame(10);
  assert.deepEqual(ends, []);
  frame(5);
  near(r.value, 2.5, 1e-9); // restarted from 0 each time, without reverse
  cancelAnimation(r);
  assert.deepEqual(ends, [false]);
});

test('delay holds the value, then runs its animation, whose callback it keeps', () => {
  const s = shared(5);
  const log = [];
  s.value = delay(
    100,
    timing(15, { duration: 100, easing: linear }, (f) => log.push(f)),
  );
  frame(0);
  frame(60);
  assert.equal(s.value, 5);
  frame(60); // 20 ms into the timing
  near(s.value, 7);
  frame(80);
  assert.equal(s.value, 15);
  assert.deepEqual(log, [true]);
});

test('Easing functions: in/out/inOut, poly, bezier, bounce, elastic, back and the steps', () => {
  near(Easing.in(Easing.quad)(0.5), 0.25);
  near(Easing.out(Easing.cubic)(0.5), 0.875);
  near(Easing.inOut(Easing.sin)(0.5), 0.5);
  near(Easing.poly(4)(0.5), 0.0625);
  near(Easing.bezier(0, 0, 1, 1)(0.3), 0.3, 1e-6);
  near(Easing.ease(0.5), Easing.bezier(0.42, 0, 1, 1)(0.5));
  for (const f of [
    Easing.linear,
    Easing.quad,
    Easing.cubic,
    Easing.sin,
    Easing.circle,
    Easing.bounce,
    Easing.ease,
    Easing.elastic(),
    Easing.back(),
  ]) {
    near(f(0), 0, 1e-3);
    near(f(1), 1, 1e-9);
  }
  near(Easing.exp(1), 1);
  assert.ok(Easing.back()(0.2) < 0, 'back goes below 0 first');
  const e0 = Easing.elastic(0);
  for (let t = 0; t <= 1; t += 0.05) assert.ok(e0(t) <= 1 + 1e-9, 'elastic(0) never overshoots');
  assert.deepEqual([Easing.step0(0), Easing.step0(0.1), Easing.step1(0.9), Easing.step1(1)], [0, 1, 0, 1]);
});

test('runOnUI calls the function asynchronously with its arguments; runOnJS gives the function back', async () => {
  const calls = [];
  const fn = (...args) => calls.push(args);
  runOnUI(fn)(1, 'a');
  assert.deepEqual(calls, []);
  await Promise.resolve();
  assert.deepEqual(calls, [[1, 'a']]);
  assert.equal(runOnJS(fn), fn);
});

function boxPage(onLoad) {
  return makeApp({
    pages: {
      p: {
        template: (d, $) => [
          $.h('view', { attrs: { id: 'box' }, class: 'box', style: 'width: 10px' }, []),
          $.h('view', { attrs: { id: 'other' } }, []),
        ],
        script: ({ Page }) => Page({ onLoad }),
      },
    },
  });
}

test(
  "applyAnimatedStyle (from onLoad, before the page is drawn) writes the updater's style to the "
    + 'node and again when its shared value changes',
  async () => {
    const x = shared(0);
    const ids = [];
    let page;
    const app = boxPage(function onLoad() {
      page = this;
      this.applyAnimatedStyle(
        '#box',
        () => {
          'worklet';
          return { transform: `translateX(${x.value}px)`, backgroundColor: 'red', marginLeft: '10rpx' };
        },
        { immediate: true },
        (res) => ids.push(res.styleId),
      );
    });
    const { el } = await app.open('p');
    await settle();
    const box = el.querySelector('#box');
    assert.equal(box.style.transform, 'translateX(0px)');
    assert.equal(box.style.backgroundColor, 'red');
    assert.equal(box.style.width, '10px', "the template's own style stays");
    assert.match(box.style.marginLeft, /calc\(10 \* var\(--miniport-rpx\)\)/);
    assert.equal(ids.length, 1);
    assert.equal(typeof ids[0], 'number');

    x.value = 30;
    assert.equal(box.style.transform, 'translateX(30px)');
    x.value = timing(100, { duration: 100, easing: linear });
    frame(0);
    frame(50);
    assert.equal(box.style.transform, 'translateX(65px)', 'from 30 to 100, half way');
    frame(50);
    assert.equal(box.style.transform, 'translateX(100px)');
    assert.equal(el.querySelector('#other').style.transform, '');

    let cleared = false;
    page.clearAnimatedStyle('#box', ids, () => {
      cleared = true;
    });
    await settle();
    assert.ok(cleared);
    x.value = 5;
    assert.equal(box.style.transform, 'translateX(100px)', 'cleared: the style stays as it was and no longer follows');
  },
);

test(
  'clearAnimatedStyle with no ids clears every binding on the node; other ids are kept; immediate '
    + 'false waits for a change',
  async () => {
    const a = shared(1);
    const b = shared(2);
    let page;
    const app = boxPage(function onLoad() {
      page = this;
    });
    const { el } = await app.open('p');
    const box = el.querySelector('#box');
    const ids = [];
    page.applyAnimatedStyle(
      '#box',
      () => ({ opacity: a.value / 10 }),
      {},
      (r) => ids.push(r.styleId),
    );
    page.applyAnimatedStyle(
      '.box',
      () => ({ zIndex: b.value }),
      { immediate: false },
      (r) => ids.push(r.styleId),
    );
    await settle();
    assert.equal(box.style.opacity, '0.1');
    assert.equal(box.style.zIndex, '', 'immediate: false applies nothing until a value changes');
    b.value = 3;
    assert.equal(box.style.zIndex, '3');
    page.clearAnimatedStyle('#box', [ids[0] + 1000]);
    await settle();
    a.value = 5;
    assert.equal(box.style.opacity, '0.5', 'an id not bound there clears nothing');
    page.clearAnimatedStyle('#box');
    await settle();
    a.value = 9;
    b.value = 4;
    assert.equal(box.style.opacity, '0.5');
    assert.equal(box.style.zIndex, '3');
  },
);

test("a component's applyAnimatedStyle selects in its own scope (its classes, not the page's nodes)", async () => {
  const y = shared(1);
  let comp;
  const app = makeApp({
    pages: {
      p: { template: (d, $) => [$.h('view', { class: 'dot' }, []), $.h('c', {}, [])], usingComponents: { c: 'c' } },
    },
    components: {
      c: {
        template: (d, $) => [$.h('view', { class: 'dot' }, [])],
        script: ({ Component }) =>
          Component({
            lifetimes: {
              attached() {
                comp = this;
              },
            },
          }),
      },
    },
  });
  const { el } = await app.open('p');
  comp.applyAnimatedStyle('.dot', () => ({ opacity: y.value }));
  await settle();
  y.value = 0.5;
  const dots = el.querySelectorAll('wx-view');
  const styled = [...el.querySelectorAll('*')].filter((n) => n.style && n.style.opacity === '0.5');
  assert.equal(styled.length, 1);
  assert.notEqual(styled[0], dots[0], "the page's own .dot is left alone");
});

test('a node drawn after applyAnimatedStyle (wx:if turning true) is styled on a following frame', async () => {
  const z = shared(2);
  let page;
  const app = makeApp({
    pages: {
      p: {
        template: (d, $) => (d.show ? [$.h('view', { attrs: { id: 'late' } }, [])] : []),
        script: ({ Page }) =>
          Page({
            data: { show: false },
            onLoad() {
              page = this;
              this.applyAnimatedStyle('#late', () => ({ zIndex: z.value }));
            },
          }),
      },
    },
  });
  const { el } = await app.open('p');
  await settle();
  page.setData({ show: true });
  await settle();
  const late = el.querySelector('#late');
  assert.ok(late);
  frame(16);
  assert.equal(late.style.zIndex, '2');
  z.value = 7;
  assert.equal(late.style.zIndex, '7');
  while (queue.length) frame(16);
});
