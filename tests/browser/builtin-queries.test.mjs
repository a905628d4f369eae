// Queries into built-ins in headless Chromium (fixtures/window-model): SelectorQuery, selectComponent,
// IntersectionObserver see the author's nodes wherever a built-in places them, never the built-ins' own
// inner nodes; the `node` of a <canvas type="2d"> carries WeChat's Canvas and Image interfaces.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserAvailable, openApp, servedApp } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';
const QUERIES = 'pages/queries/queries';

// The built-ins that hold the author's children, the node placed inside each, and where it sits in the
// window (the page's layout: 150 px boxes and a 300 × 100 movable-area, one after another).
const CONTAINERS = [
  ['scroll-view', 'in-scroll', 0],
  ['swiper-item', 'in-swiper', 150],
  ['movable-view', 'in-movable', 300],
  ['picker-view-column', 'in-column-0', null],
  ['cover-view', 'in-cover', null],
];

describe('queries into built-ins', { skip }, () => {
  const app = servedApp('window-model');
  let page;
  let problems;
  let seen;

  before(async () => {
    ({ page, problems } = await openApp(app.browser, `${app.url}?mp=${encodeURIComponent(QUERIES)}`));
    await page.waitForFunction(() => globalThis.__seen.queries && globalThis.__seen.queries.rects);
    seen = await page.evaluate(() => globalThis.__seen.queries);
  });
  after(async () => {
    await page?.close();
  });

  CONTAINERS.forEach(([tag, id, top], i) => {
    test(`a node inside <${tag}> has its rect in onReady`, () => {
      const rect = seen.rects[i];
      assert.ok(rect, `#${id} was found`);
      assert.equal(rect.id, id);
      assert.equal(rect.height, 40);
      assert.ok(rect.width > 0);
      if (top !== null) assert.equal(rect.top, top, 'measured from the window, under the navigation bar');
    });
  });

  test("a scroll-view in a flex row is as wide as the row (WeChat's wx-scroll-view has width: 100%)", async () => {
    const widths = await page.evaluate(() =>
      ['#flex-row', '#flex-scroll'].map((sel) => document.querySelector(sel).getBoundingClientRect().width),
    );
    assert.deepEqual(widths, [300, 300]);
  });

  test('selectAll finds every author node inside the built-ins, in document order', () => {
    assert.deepEqual(
      seen.items.map((r) => r.id),
      ['in-scroll', 'in-swiper', '', 'in-movable', 'in-column-0', 'in-column-1', 'in-column-2', 'in-cover'],
    );
  });

  test("no query sees a built-in's inner nodes", async () => {
    assert.deepEqual(seen.internal, []);
    const inner = await page.evaluate(
      () =>
        new Promise((resolve) =>
          wx
            .createSelectorQuery()
            .selectAll('.wx-scroll-view-content, .wx-picker-view-content')
            .boundingClientRect()
            .exec(resolve),
        ),
    );
    assert.deepEqual(inner, [[]]);
    assert.ok(await page.$('.wx-scroll-view-content'), 'the inner nodes do exist');
  });

  test('selectComponent and selectAllComponents find components inside a scroll-view', () => {
    assert.equal(seen.component, true);
    assert.equal(seen.components, 1);
  });

  test("a component's own query and SelectorQuery.in(component) see into its scroll-view", async () => {
    const probe = await page.evaluate(() => [globalThis.__seen.probe, globalThis.__seen.probeIn]);
    assert.deepEqual(probe, [
      { id: 'deep', height: 30 },
      { id: 'deep', height: 30 },
    ]);
  });

  test('IntersectionObserver observes a node inside a scroll-view', () => {
    assert.deepEqual(seen.intersections, [{ id: 'in-scroll', ratio: 1 }]);
  });

  test("scrollOffset of a scroll-view reads its scrolling box; node is WeChat's ScrollViewContext", async () => {
    assert.equal(seen.scrollView.id, 'sv');
    assert.equal(seen.scrollView.height, '150px', 'computedStyle');
    assert.ok(seen.scrollView.scrollHeight > 600, `scrollHeight ${seen.scrollView.scrollHeight}`);
    const after = await page.evaluate(
      () =>
        new Promise((resolve) =>
          wx
            .createSelectorQuery()
            .select('#sv')
            .node()
            .exec(([{ node }]) => {
              node.scrollTo({ top: 120 });
              wx.createSelectorQuery()
                .select('#sv')
                .scrollOffset()
                .select('#in-scroll')
                .boundingClientRect()
                .exec(resolve);
            }),
        ),
    );
    assert.equal(after[0].scrollTop, 120);
    assert.equal(after[1].top, -120, 'the node inside moved with its scroll-view');
    assert.deepEqual(problems, []);
  });
});

describe('the canvas node', { skip }, () => {
  const app = servedApp('window-model');

  test("canvas type=2d: node carries WeChat's Canvas interface; createImage loads from loopback", async () => {
    const { page, problems } = await openApp(app.browser, `${app.url}?mp=pages/canvas/canvas`);
    await page.waitForSelector('wx-page[route="pages/canvas/canvas"]:not([hidden]) wx-canvas canvas');
    const out = await page.evaluate(
      (origin) =>
        new Promise((resolve, reject) => {
          wx.createSelectorQuery()
            .select('#c')
            .fields({ node: true, size: true })
            .exec(async ([res]) => {
              try {
                const canvas = res.node;
                canvas.width = res.width;
                canvas.height = res.height;
                const ctx = canvas.getContext('2d');
                const load = (src) =>
                  new Promise((done) => {
                    const img = canvas.createImage();
                    img.onload = () => done({ ok: true, img, src: img.src, width: img.width, height: img.height });
                    img.onerror = () => done({ ok: false, src: img.src });
                    img.src = src;
                  });
                const fromPackage = await load('/images/red.png');
                const fromUrl = await load(`${origin}images/red.png`);
                const missing = await load('/images/missing.png');
                ctx.drawImage(fromUrl.img, 0, 0, 100, 100);
                const red = [...ctx.getImageData(50, 50, 1, 1).data];
                const path = canvas.createPath2D();
                path.rect(0, 0, 10, 10);
                ctx.fillStyle = 'rgb(0, 0, 255)';
                ctx.fill(path);
                const blue = [...ctx.getImageData(5, 5, 1, 1).data];
                const data = canvas.createImageData(2, 3);
                const frames = await new Promise((done) => {
                  const got = [];
                  const cancelled = canvas.requestAnimationFrame(() => got.push('cancelled'));
                  canvas.cancelAnimationFrame(cancelled);
                  canvas.requestAnimationFrame((t) => {
                    got.push(typeof t);
                    done(got);
                  });
                });
                resolve({
                  fromPackage: { ok: fromPackage.ok, src: fromPackage.src, width: fromPackage.width },
                  fromUrl: { ok: fromUrl.ok, width: fromUrl.width, height: fromUrl.height },
                  missing: missing.ok,
                  red,
                  blue,
                  data: [data.width, data.height, data.data.length],
                  frames,
                  url: canvas.toDataURL().slice(0, 22),
                  size: [canvas.width, canvas.height],
                });
              } catch (error) {
                reject(error);
              }
            });
        }),
      app.url,
    );
    assert.deepEqual(out.fromPackage, { ok: true, src: '/images/red.png', width: 8 });
    assert.deepEqual(out.fromUrl, { ok: true, width: 8, height: 4 });
    assert.equal(out.missing, false, 'a missing image calls onerror');
    assert.deepEqual(out.red, [255, 0, 0, 255]);
    assert.deepEqual(out.blue, [0, 0, 255, 255]);
    assert.deepEqual(out.data, [2, 3, 24]);
    assert.deepEqual(out.frames, ['number']);
    assert.equal(out.url, 'data:image/png;base64,');
    assert.deepEqual(out.size, [100, 100]);
    // The missing image's 404 is the only problem (Chromium's console line does not name the file).
    assert.deepEqual(
      problems.filter((p) => !/missing\.png|status of 404/.test(p)),
      [],
    );
    await page.close();
  });
});
