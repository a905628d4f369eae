// The page-level, cover, open-data, service and legacy built-ins in Chromium on fixtures/builtins-more
// (pages/more): page-container's events and look, match-media against the viewport, page-meta's
// styles, title and scroll, root-portal, cover-view/cover-image, open-data from the Telegram user,
// ad rendering nothing, and the legacy modal, toast and action-sheet.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserAvailable, openApp, servedApp, telegramUrl } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';

async function openMore(app, url = app.url, viewport = undefined) {
  const opened = await openApp(app.browser, url, viewport);
  await opened.page.evaluate(() => wx.reLaunch({ url: '/pages/more/more' }));
  await opened.page.waitForSelector('wx-page-container#pc', { state: 'attached', timeout: 5000 });
  await opened.page.waitForFunction(() => globalThis.__page && globalThis.__page.route === 'pages/more/more');
  return opened;
}

const events = (page, name) => page.evaluate((name) => globalThis.__events.filter((e) => e.name === name), name);

describe('page-level and legacy built-ins in Chromium', { skip }, () => {
  const app = servedApp('builtins-more');

  test('page-container: while shown, navigateBack and the browser back close it instead of the page', async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    await page.evaluate(() => wx.navigateTo({ url: '/pages/more/more' }));
    await page.waitForFunction(() => globalThis.__page && globalThis.__page.route === 'pages/more/more');
    const stack = () => page.evaluate(() => getCurrentPages().map((p) => p.route));
    const before = await stack();
    const show = async () => {
      // The container closes itself on back; the page's `show` stays true until the page sets it.
      await page.evaluate(() => new Promise((r) => globalThis.__page.setData({ show: false, modalHidden: true }, r)));
      await page.evaluate(() => {
        globalThis.__events.length = 0;
        globalThis.__page.setData({ show: true });
      });
      await page.waitForFunction(() => globalThis.__events.some((e) => e.type === 'afterenter'));
    };
    const left = () => page.waitForFunction(() => globalThis.__events.some((e) => e.type === 'afterleave'));
    await show();
    await page.evaluate(() => wx.navigateBack());
    await left();
    assert.deepEqual(await stack(), before, 'navigateBack closed the container, not the page');
    await show();
    await page.goBack();
    await left();
    assert.deepEqual(await stack(), before, 'the browser back closed the container, not the page');
    await page.waitForTimeout(200);
    assert.deepEqual(await stack(), before, 'the address went forward again without leaving the page');
    await page.evaluate(() => wx.navigateBack());
    await page.waitForFunction((n) => getCurrentPages().length === n - 1, before.length);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('page-container: show runs the enter events, the overlay click leaves, both with its styles', async () => {
    const { page, problems } = await openMore(app);
    assert.equal(await page.isVisible('#pc-body'), false);
    // The legacy modal (shown by default, above everything) is closed first.
    await page.evaluate(() => globalThis.__page.setData({ show: true, modalHidden: true }));
    await page.waitForFunction(() => globalThis.__events.some((e) => e.type === 'afterenter'));
    assert.deepEqual(
      (await events(page, 'pc')).map((e) => e.type),
      ['beforeenter', 'enter', 'afterenter'],
    );
    const look = await page.evaluate(() => {
      const box = document.querySelector('#pc-body').parentElement;
      const overlay = box.previousElementSibling;
      const b = box.getBoundingClientRect();
      const cs = getComputedStyle(box);
      return {
        bottom: Math.round(window.innerHeight - b.bottom),
        height: Math.round(b.height),
        width: Math.round(b.width),
        z: cs.zIndex,
        radius: cs.borderTopLeftRadius,
        overlay: getComputedStyle(overlay).backgroundColor,
      };
    });
    assert.deepEqual(look, {
      bottom: 0,
      height: 200,
      width: 375,
      z: '300',
      radius: '20px',
      overlay: 'rgba(0, 0, 255, 0.5)',
    });
    await page.mouse.click(100, 100);
    await page.waitForFunction(() => globalThis.__events.some((e) => e.type === 'afterleave'));
    assert.deepEqual((await events(page, 'pc')).map((e) => e.type).slice(3), [
      'clickoverlay',
      'beforeleave',
      'leave',
      'afterleave',
    ]);
    assert.equal(await page.isVisible('#pc-body'), false);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('match-media shows its children only while the viewport matches, and follows resizes', async () => {
    const { page } = await openMore(app);
    assert.deepEqual([await page.isVisible('#wide'), await page.isVisible('#narrow')], [false, true]);
    await page.setViewportSize({ width: 600, height: 720 });
    await page.waitForFunction(() => document.getElementById('wide').offsetHeight > 0);
    assert.deepEqual([await page.isVisible('#wide'), await page.isVisible('#narrow')], [true, false]);
    // Landscape and narrow: the portrait-only block stays hidden.
    await page.setViewportSize({ width: 480, height: 300 });
    await page.waitForFunction(() => document.getElementById('wide').offsetHeight === 0);
    assert.deepEqual([await page.isVisible('#wide'), await page.isVisible('#narrow')], [false, false]);
    await page.close();
  });

  test('page-meta: page and root font sizes, page-style, the bar title, scroll-top, scroll and resize', async () => {
    const { page } = await openMore(app);
    await page.waitForFunction(() => document.title === 'meta title');
    const styles = await page.evaluate(() => {
      const p = document.getElementById('pc').closest('wx-page');
      return {
        page: getComputedStyle(p).fontSize,
        root: getComputedStyle(document.documentElement).fontSize,
        bg: getComputedStyle(p).backgroundColor,
        bar: document.querySelector('.miniport-navbar-title').textContent,
      };
    });
    assert.deepEqual(styles, { page: '20px', root: '10px', bg: 'rgb(1, 2, 3)', bar: 'meta title' });
    await page.evaluate(() => globalThis.__page.setData({ title: 'second title', scrollTop: '300px' }));
    await page.waitForFunction(() => globalThis.__events.some((e) => e.name === 'scrolldone'));
    assert.equal(
      await page.evaluate(() => document.querySelector('.miniport-navbar-title').textContent),
      'second title',
    );
    await page.waitForFunction(() => globalThis.__events.some((e) => e.name === 'scroll'));
    const scrolls = await events(page, 'scroll');
    assert.equal(scrolls.at(-1).detail.scrollTop, 300);
    await page.setViewportSize({ width: 400, height: 600 });
    await page.waitForFunction(() => globalThis.__events.some((e) => e.name === 'resize'));
    assert.deepEqual((await events(page, 'resize')).at(-1).detail, {
      size: { windowWidth: 400, windowHeight: 600 },
      deviceOrientation: 'portrait',
    });
    await page.close();
  });

  test('root-portal draws its children at the page root, out of a clipping ancestor', async () => {
    const { page } = await openMore(app);
    await page.waitForFunction(() => !document.getElementById('portaled').closest('.clip'));
    const r = await page.evaluate(() => {
      const b = document.getElementById('portaled').getBoundingClientRect();
      return { h: Math.round(b.height), bottom: Math.round(window.innerHeight - b.bottom) };
    });
    assert.deepEqual(r, { h: 30, bottom: 0 });
    assert.equal(await page.isVisible('#portaled'), true);
    await page.close();
  });

  test("cover-view keeps WeChat's nowrap default; cover-image loads and fires load with its size", async () => {
    const { page } = await openMore(app);
    await page.waitForFunction(() => globalThis.__events.some((e) => e.name === 'coverload'));
    assert.deepEqual((await events(page, 'coverload'))[0].detail, { width: 4, height: 4 });
    const cover = await page.evaluate(() => {
      const t = document.getElementById('cover-text');
      return { ws: getComputedStyle(t).whiteSpace, overflow: getComputedStyle(t).overflow, h: t.offsetHeight };
    });
    assert.equal(cover.ws, 'nowrap');
    assert.equal(cover.overflow, 'hidden');
    assert.ok(cover.h < 30, `one line, ${cover.h}px`);
    await page.close();
  });

  test('open-data shows the default text outside Telegram and the Telegram user inside it', async () => {
    const outside = await openMore(app);
    assert.equal(await outside.page.textContent('#nick'), 'guest');
    await outside.page.close();
    const user = JSON.stringify({ id: 7, first_name: 'Ada', last_name: 'L', photo_url: `${app.url}images/dot.png` });
    const url = telegramUrl(app.url, { initData: `user=${encodeURIComponent(user)}&auth_date=1&hash=x` });
    const inside = await openMore(app, url);
    assert.equal(await inside.page.textContent('#nick'), 'Ada L');
    assert.equal(await inside.page.getAttribute('#avatar img', 'src'), `${app.url}images/dot.png`);
    await inside.page.close();
  });

  test('ad and official-account render nothing; the legacy modal, toast and action-sheet work', async () => {
    const { page } = await openMore(app);
    const sizes = await page.evaluate(() =>
      ['wx-ad', 'wx-official-account'].map((t) => document.querySelector(t).getBoundingClientRect().height),
    );
    assert.deepEqual(sizes, [0, 0]);
    // modal: title, body, no cancel button, OK confirms.
    assert.equal(await page.isVisible('#modal .miniport-modal-cancel'), false);
    assert.equal(await page.textContent('#modal .miniport-modal-title'), 'Old modal');
    await page.click('#modal .miniport-modal-confirm');
    await page.waitForFunction(() => !document.querySelector('#modal .miniport-modal').checkVisibility());
    assert.equal((await events(page, 'modal')).length, 1);
    // toast: shown, change after its duration (300 ms).
    await page.evaluate(() => globalThis.__page.setData({ toastHidden: false }));
    assert.equal(await page.isVisible('#toast .miniport-toast'), true);
    await page.waitForFunction(() => globalThis.__events.some((e) => e.name === 'toast'), null, { timeout: 2000 });
    assert.equal(await page.isVisible('#toast .miniport-toast'), false);
    // action-sheet: an item is the author's; cancel fires the sheet's change.
    await page.evaluate(() => globalThis.__page.setData({ sheetHidden: false }));
    await page.click('wx-action-sheet-item');
    await page.click('wx-action-sheet-cancel');
    await page.waitForFunction(() => globalThis.__events.some((e) => e.name === 'sheet'));
    assert.equal((await events(page, 'item')).length, 1);
    assert.equal(await page.isVisible('#sheet .miniport-sheet'), false);
    await page.close();
  });

  test('keyboard-accessory shows above the page while its textarea has focus and keeps it when tapped', async () => {
    const { page } = await openMore(app);
    await page.evaluate(() => globalThis.__page.setData({ modalHidden: true }));
    assert.equal(await page.isVisible('#acc'), false);
    await page.focus('#ta textarea');
    await page.waitForSelector('#acc', { state: 'visible' });
    const r = await page.evaluate(() => {
      const b = document.getElementById('acc').getBoundingClientRect();
      return { bottom: Math.round(window.innerHeight - b.bottom), h: Math.round(b.height) };
    });
    assert.deepEqual(r, { bottom: 0, h: 40 });
    await page.click('#acc');
    await page.waitForFunction(() => globalThis.__events.some((e) => e.name === 'accessory'));
    assert.equal(await page.evaluate(() => document.activeElement.localName), 'textarea');
    await page.evaluate(() => document.activeElement.blur());
    assert.equal(await page.isVisible('#acc'), false);
    await page.close();
  });
});
