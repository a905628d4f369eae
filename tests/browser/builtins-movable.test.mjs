// movable-area / movable-view in Chromium on fixtures/builtins-more: mouse drags move the view and
// emit change with WeChat's detail and sources, bounds clamp it, out-of-bounds springs back,
// inertia glides, disabled stays, x/y/scale-value from setData, ctrl-wheel scaling, rpx offsets.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserAvailable, openApp, servedApp } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';

/** The view's offset from its area's top-left corner, in px (rounded). */
async function offset(page, id) {
  return page.evaluate((id) => {
    const v = document.getElementById(id).getBoundingClientRect();
    const a = document.getElementById(id).parentElement.getBoundingClientRect();
    return { x: Math.round(v.left - a.left), y: Math.round(v.top - a.top), w: Math.round(v.width) };
  }, id);
}

async function drag(page, id, dx, dy, { steps = 10, from = { x: 25, y: 25 } } = {}) {
  const box = await page.evaluate((id) => {
    document.getElementById(id).scrollIntoView({ block: 'center' });
    const r = document.getElementById(id).getBoundingClientRect();
    return { x: r.left, y: r.top };
  }, id);
  await page.mouse.move(box.x + from.x, box.y + from.y);
  await page.mouse.down();
  await page.mouse.move(box.x + from.x + dx, box.y + from.y + dy, { steps });
  await page.mouse.up();
}

const events = (page, name) => page.evaluate((name) => globalThis.__events.filter((e) => e.name === name), name);
const settled = (page, id) =>
  page.waitForFunction(
    (id) => {
      const el = document.getElementById(id);
      const t = el.style.transform;
      const same = el.__lastT === t;
      el.__lastT = t;
      return same;
    },
    id,
    { polling: 200, timeout: 5000 },
  );

describe('movable-view in Chromium', { skip }, () => {
  const app = servedApp('builtins-more');

  test('starts at its x/y, follows a mouse drag and emits change {x, y, source: touch}', async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    await page.waitForSelector('wx-movable-view#free');
    assert.deepEqual(await offset(page, 'free'), { x: 10, y: 20, w: 50 });
    await drag(page, 'free', 40, 30);
    assert.deepEqual(await offset(page, 'free'), { x: 50, y: 50, w: 50 });
    const changes = await events(page, 'change');
    assert.ok(changes.length >= 5, `one change per move, got ${changes.length}`);
    assert.ok(changes.every((e) => e.type === 'change' && e.id === 'free' && e.detail.source === 'touch'));
    assert.deepEqual(changes.at(-1).detail, { x: 50, y: 50, source: 'touch' });
    // The first move was more horizontal than vertical: htouchmove once, no vtouchmove.
    assert.equal((await events(page, 'htouchmove')).length, 1);
    assert.equal((await events(page, 'vtouchmove')).length, 0);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a drag past the edge stops at the area border (300x200 area, 50px view)', async () => {
    const { page } = await openApp(app.browser, app.url);
    await page.waitForSelector('wx-movable-view#free');
    await drag(page, 'free', 500, 400);
    assert.deepEqual(await offset(page, 'free'), { x: 250, y: 150, w: 50 });
    assert.deepEqual((await events(page, 'change')).at(-1).detail, { x: 250, y: 150, source: 'touch' });
    await drag(page, 'free', -20, -400);
    assert.deepEqual(await offset(page, 'free'), { x: 230, y: 0, w: 50 });
    // The first move was vertical this time.
    assert.equal((await events(page, 'vtouchmove')).length, 1);
    await page.close();
  });

  test('setData of x/y animates to the new place with source "" and clamps out-of-range values', async () => {
    const { page } = await openApp(app.browser, app.url);
    await page.waitForSelector('wx-movable-view#free');
    await page.evaluate(() => globalThis.__page.setData({ x: 100, y: 900 }));
    await page.waitForTimeout(50);
    const mid = await offset(page, 'free');
    assert.ok(mid.x < 100, `animated, not a jump (x ${mid.x} after 50 ms)`);
    await settled(page, 'free');
    assert.deepEqual(await offset(page, 'free'), { x: 100, y: 150, w: 50 });
    const changes = await events(page, 'change');
    assert.ok(changes.length > 2 && changes.every((e) => e.detail.source === ''));
    assert.deepEqual(changes.at(-1).detail, { x: 100, y: 150, source: '' });
  });

  test('out-of-bounds: the view follows past the edge (touch-out-of-bounds), then springs back', async () => {
    const { page } = await openApp(app.browser, app.url);
    await page.waitForSelector('wx-movable-view#bounce');
    await drag(page, 'bounce', -100, 40);
    const sources = (await events(page, 'bounce')).map((e) => e.detail.source);
    assert.ok(sources.includes('touch-out-of-bounds'), sources.join());
    await settled(page, 'bounce');
    // Horizontal only: y never moved; back at the left edge.
    assert.deepEqual(await offset(page, 'bounce'), { x: 0, y: 0, w: 50 });
    const all = await events(page, 'bounce');
    assert.ok(all.some((e) => e.detail.x < 0 && e.detail.source === 'touch-out-of-bounds'));
    assert.equal(all.at(-1).detail.source, 'out-of-bounds');
    assert.deepEqual(all.at(-1).detail, { x: 0, y: 0, source: 'out-of-bounds' });
    await page.close();
  });

  test('inertia: a quick flick keeps moving after release (source friction) and stops inside', async () => {
    const { page } = await openApp(app.browser, app.url);
    await page.waitForSelector('wx-movable-view#glide');
    // A flick dispatched in the page, so that a busy machine cannot stretch the gap before the release.
    await page.evaluate(async () => {
      const el = document.getElementById('glide');
      el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      const at = (x) => ({
        pointerId: 9,
        bubbles: true,
        pointerType: 'mouse',
        clientX: r.left + 25 + x,
        clientY: r.top + 25,
      });
      el.dispatchEvent(new PointerEvent('pointerdown', at(0)));
      for (const x of [20, 40, 60]) {
        await new Promise((done) => setTimeout(done, 16));
        el.dispatchEvent(new PointerEvent('pointermove', at(x)));
      }
      el.dispatchEvent(new PointerEvent('pointerup', at(60)));
    });
    await settled(page, 'glide');
    const end = await offset(page, 'glide');
    assert.ok(end.x > 60 && end.x <= 250, `glided on past the release point, x ${end.x}`);
    const all = await events(page, 'glide');
    assert.ok(all.some((e) => e.detail.source === 'friction'));
    assert.equal(all.at(-1).detail.x, end.x);
    await page.close();
  });

  test('disabled does not move; scale-value from setData and ctrl-wheel scale within scale-min/max', async () => {
    const { page } = await openApp(app.browser, app.url);
    await page.waitForSelector('wx-movable-view#zoom');
    await drag(page, 'locked', 50, 50);
    assert.deepEqual(await offset(page, 'locked'), { x: 0, y: 0, w: 50 });
    assert.equal((await events(page, 'locked')).length, 0);
    await page.evaluate(() => globalThis.__page.setData({ scale: 1.5 }));
    assert.equal((await offset(page, 'zoom')).w, 75);
    // A trackpad pinch (ctrl + wheel) far outwards stops at scale-max = 2.
    const r = await page.evaluate(() => {
      document.getElementById('zoom').scrollIntoView({ block: 'center' });
      const b = document.getElementById('zoom').getBoundingClientRect();
      return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
    });
    await page.mouse.move(r.x, r.y);
    await page.keyboard.down('Control');
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
    await page.waitForFunction(() => globalThis.__events.some((e) => e.name === 'scale' && e.detail.scale === 2));
    assert.equal((await offset(page, 'zoom')).w, 100);
    const scale = (await events(page, 'scale')).at(-1).detail;
    assert.deepEqual(Object.keys(scale).sort(), ['scale', 'x', 'y']);
    await page.close();
  });

  test('x in rpx converts with the page width; direction vertical ignores horizontal drags', async () => {
    const { page } = await openApp(app.browser, app.url);
    await page.waitForSelector('wx-movable-view#rpx');
    await page.waitForFunction(() => document.getElementById('rpx').style.transform.includes('translateY(150px)'));
    // 150rpx on a 375px page is 75px; y=400 is clamped to 200 - 50.
    assert.deepEqual(await offset(page, 'rpx'), { x: 75, y: 150, w: 50 });
    await drag(page, 'rpx', 60, -40);
    assert.deepEqual(await offset(page, 'rpx'), { x: 75, y: 110, w: 50 });
    await page.close();
  });

  test('author nodes inside a movable-view are seen by SelectorQuery', async () => {
    const { page } = await openApp(app.browser, app.url);
    await page.waitForSelector('wx-movable-view#free');
    const rect = await page.evaluate(
      () =>
        new Promise((resolve) => {
          wx.createSelectorQuery()
            .select('#inside')
            .boundingClientRect((r) => resolve(r))
            .exec();
        }),
    );
    assert.ok(rect && rect.width > 0, JSON.stringify(rect));
    assert.equal(rect.id, 'inside');
    await page.close();
  });
});
