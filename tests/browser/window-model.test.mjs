// The window model in headless Chromium (fixtures/window-model and window-model-custom-tabbar): as in
// WeChat, the page's window is the area between the navigation bar and the tab bar, so `position: fixed`
// nodes sit against the bars; `page { height: 100% }` is the window's height; negative z-index layers
// paint over the page's background; the page scroll, onPageScroll and getSystemInfo follow the window.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserAvailable, openApp, servedApp } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';
const VIEWPORT = { width: 375, height: 720 };

/** The browser rectangle of the first element matching `selector` in the page on screen. */
function rect(page, selector) {
  return page.evaluate((sel) => {
    const el = document.querySelector(`wx-page:not([hidden]) ${sel}`) || document.querySelector(sel);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, height: r.height, width: r.width };
  }, selector);
}

/** The bottom of the navigation bar and the top of the tab bar (the viewport's edges when hidden). */
function bars(page) {
  return page.evaluate(() => {
    const shown = (el) => el && !el.hidden && el.getBoundingClientRect().height > 0;
    const nav = document.querySelector('.miniport-navbar');
    const tab = document.querySelector('.miniport-tabbar');
    return {
      navBottom: shown(nav) ? nav.getBoundingClientRect().bottom : 0,
      tabTop: shown(tab) ? tab.getBoundingClientRect().top : innerHeight,
    };
  });
}

/** The colour Chromium painted at (x, y), read back from a screenshot through a canvas. */
async function pixel(page, x, y) {
  const png = await page.screenshot({ clip: { x, y, width: 1, height: 1 } });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = 1;
    c.height = 1;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    return [...g.getImageData(0, 0, 1, 1).data.slice(0, 3)];
  }, png.toString('base64'));
}

/** Opens `route` with wx.reLaunch (or wx.switchTab for a tab page) and waits for it. */
async function go(page, route, how = 'reLaunch') {
  await page.evaluate(([r, h]) => wx[h]({ url: `/${r}` }), [route, how]);
  await page.waitForSelector(`wx-page[route="${route}"]:not([hidden])`);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

describe('window model', { skip }, () => {
  const app = servedApp('window-model');

  test('a tab page: fixed top under the navigation bar, fixed bottom on the tab bar, as it scrolls', async () => {
    const { page, problems } = await openApp(app.browser, app.url, VIEWPORT);
    const { navBottom, tabTop } = await bars(page);
    assert.equal(navBottom, 44);
    assert.ok(tabTop < VIEWPORT.height - 40, `the tab bar is drawn (top ${tabTop})`);
    assert.equal((await rect(page, '#top')).top, navBottom);
    assert.equal((await rect(page, '#bottom')).bottom, tabTop);
    await page.evaluate(() => wx.pageScrollTo({ scrollTop: 300, duration: 0 }));
    await page.waitForFunction(() => globalThis.__seen.pageScroll === 300);
    assert.equal(await page.evaluate(() => document.querySelector('.miniport-pages').scrollTop), 300);
    assert.equal((await rect(page, '#top')).top, navBottom, 'fixed top stays put while the page scrolls');
    assert.equal((await rect(page, '#bottom')).bottom, tabTop, 'fixed bottom stays put while the page scrolls');
    // WeChat measures from the window: the fixed header is at 0, the window is the space between the bars.
    const measured = await page.evaluate(
      () =>
        new Promise((resolve) =>
          wx
            .createSelectorQuery()
            .select('#top')
            .boundingClientRect()
            .selectViewport()
            .fields({ size: true, scrollOffset: true })
            .exec(resolve),
        ),
    );
    assert.equal(measured[0].top, 0);
    assert.equal(measured[1].height, tabTop - navBottom);
    assert.equal(measured[1].scrollTop, 300);
    const info = await page.evaluate(() => wx.getSystemInfoSync());
    assert.equal(info.windowHeight, tabTop - navBottom);
    assert.equal(info.screenHeight >= VIEWPORT.height, true);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('touch coordinates: client from the window under the navigation bar, page with the page scroll', async () => {
    const { page, problems } = await openApp(app.browser, app.url, VIEWPORT);
    const { navBottom } = await bars(page);
    await page.evaluate(() => wx.pageScrollTo({ scrollTop: 300, duration: 0 }));
    await page.waitForFunction(() => globalThis.__seen.pageScroll === 300);
    await page.mouse.click(100, navBottom + 150);
    await page.waitForFunction(() => globalThis.__seen.tap);
    const seen = await page.evaluate(() => globalThis.__seen);
    const at = { clientX: 100, clientY: 150, pageX: 100, pageY: 450 };
    assert.deepEqual(seen.tap.detail, { x: 100, y: 450 }, "a tap's detail is its page position, as in WeChat");
    for (const touch of [seen.tap.touch, seen.touchstart]) {
      const { clientX, clientY, pageX, pageY } = touch;
      assert.deepEqual({ clientX, clientY, pageX, pageY }, at);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a negative z-index layer paints over the page background, under the page content', async () => {
    const { page, problems } = await openApp(app.browser, app.url, VIEWPORT);
    const { navBottom } = await bars(page);
    // .under is at 60..140 px of the page, 100 px wide, behind `page { background }` in paint order
    // only if a container's background or stacking context hid it.
    assert.deepEqual(await pixel(page, 50, navBottom + 100), [255, 0, 0]);
    assert.deepEqual(await pixel(page, 200, navBottom + 100), [238, 238, 238], 'the page background beside it');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("MediaQueryObserver reads the window's size, and sees it grow when the tab bar hides", async () => {
    const { page, problems } = await openApp(app.browser, app.url, VIEWPORT);
    const { navBottom, tabTop } = await bars(page);
    const windowHeight = tabTop - navBottom;
    const first = await page.evaluate((h) => {
      globalThis.__media = [];
      const page = getCurrentPages()[0];
      page.createMediaQueryObserver().observe({ minHeight: h + 1 }, (r) => globalThis.__media.push(r.matches));
      page
        .createMediaQueryObserver()
        .observe({ height: h, orientation: 'portrait' }, (r) => globalThis.__media.push(`exact ${r.matches}`));
      return [...globalThis.__media];
    }, windowHeight);
    assert.deepEqual(first, [false, 'exact true'], 'the browser is taller than the window: minHeight does not match');
    await page.evaluate(() => wx.hideTabBar());
    await page.waitForFunction(() => globalThis.__media.length === 4);
    assert.deepEqual(
      (await page.evaluate(() => globalThis.__media)).sort(),
      [false, true, 'exact false', 'exact true'].sort(),
    );
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('another tab page: its fixed bottom sits on the tab bar', async () => {
    const { page, problems } = await openApp(app.browser, app.url, VIEWPORT);
    await go(page, 'pages/other/other', 'switchTab');
    const { tabTop } = await bars(page);
    assert.equal((await rect(page, '#bottom')).bottom, tabTop);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test(
    'without a tab bar, page { height: 100% } chains give the window height, fixed bottom is the screen bottom, '
      + 'vh and vw measure the window, the page background fills the window',
    async () => {
      const { page, problems } = await openApp(app.browser, app.url, VIEWPORT);
      await go(page, 'pages/full/full', 'navigateTo');
      const { navBottom, tabTop } = await bars(page);
      assert.equal(tabTop, VIEWPORT.height, 'no tab bar on a page that is not a tab');
      const windowHeight = VIEWPORT.height - navBottom;
      assert.equal((await rect(page, 'wx-page[route="pages/full/full"]')).height, windowHeight);
      assert.equal((await rect(page, '#splash')).height, windowHeight, 'the splash does not collapse');
      assert.equal((await rect(page, '#fill')).height, windowHeight - 50, 'a flex column fills the screen');
      assert.equal((await rect(page, '#top')).top, navBottom);
      assert.equal((await rect(page, '#bottom')).bottom, VIEWPORT.height);
      assert.equal(await page.evaluate(() => wx.getSystemInfoSync().windowHeight), windowHeight);
      // vh and vw are the window's, as in WeChat.
      const vh = await rect(page, '#vh');
      assert.deepEqual([vh.height, vh.width], [windowHeight / 2, VIEWPORT.width / 2]);
      // Content past the page's 100% overflows it and scrolls; the page's background goes on behind it.
      assert.equal(
        await page.evaluate(() => document.querySelector('.miniport-pages').scrollHeight),
        windowHeight + 300,
      );
      await page.evaluate(() => wx.pageScrollTo({ scrollTop: 300, duration: 0 }));
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      assert.deepEqual(await pixel(page, 200, VIEWPORT.height - 100), [200, 230, 255]);
      assert.deepEqual(problems, []);
      await page.close();
    },
  );

  test('navigationStyle custom: the window starts at the top of the screen', async () => {
    const { page, problems } = await openApp(app.browser, app.url, VIEWPORT);
    await go(page, 'pages/custom/custom', 'navigateTo');
    const { navBottom } = await bars(page);
    assert.equal(navBottom, 0, 'no navigation bar');
    assert.equal((await rect(page, '#top')).top, 0);
    assert.equal((await rect(page, '#bottom')).bottom, VIEWPORT.height);
    assert.equal((await rect(page, 'wx-page[route="pages/custom/custom"]')).height, VIEWPORT.height);
    // Back to the tab page: its bars come back and its fixed nodes sit against them again.
    await page.evaluate(() => wx.navigateBack());
    await page.waitForSelector('wx-page[route="pages/fixed/fixed"]:not([hidden])');
    const again = await bars(page);
    assert.equal(again.navBottom, 44);
    assert.equal((await rect(page, '#bottom')).bottom, again.tabTop);
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe('window model with a custom tab bar', { skip }, () => {
  const app = servedApp('window-model-custom-tabbar');

  test('the custom tab bar is fixed at the window bottom, over the page, on every tab page', async () => {
    const { page, problems } = await openApp(app.browser, app.url, VIEWPORT);
    await page.waitForSelector('.miniport-custom-tabbar:not([hidden]) #bar > wx-view');
    for (const route of ['pages/home/home', 'pages/mine/mine']) {
      if (route !== 'pages/home/home') {
        await page.click('.miniport-custom-tabbar:not([hidden]) #bar > wx-view >> nth=1');
        await page.waitForSelector(`wx-page[route="${route}"]:not([hidden])`);
      }
      const { navBottom } = await bars(page);
      assert.equal(navBottom, 44);
      const bar = await rect(page, '.miniport-custom-tabbar:not([hidden]) #bar');
      assert.equal(bar.bottom, VIEWPORT.height, `${route}: the bar is at the bottom of the screen`);
      assert.equal(bar.height, 48);
      assert.equal((await rect(page, '#top')).top, navBottom, `${route}: fixed top under the navigation bar`);
      assert.equal((await rect(page, '#bottom')).bottom, VIEWPORT.height);
      // The tab bar stays above the page's own fixed layers (as WeChat draws it), whatever their z-index.
      const hit = await page.evaluate(
        ([y]) => Boolean(document.elementFromPoint(100, y).closest('.miniport-custom-tabbar')),
        [VIEWPORT.height - 10],
      );
      assert.equal(hit, true, `${route}: the custom tab bar is on top`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });
});
