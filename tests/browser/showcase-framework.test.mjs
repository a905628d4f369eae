// The showcase's framework in Chromium: page scripts run, taps reach handlers in pages and components,
// relations link cells to their group, triggerEvent bubbles to the page, setData patches the DOM.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { browserAvailable, openApp, root, servedApp } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';
const visible = (route) => `wx-page[route="${route}"]:not([hidden])`;

describe('showcase framework in Chromium', { skip }, () => {
  const app = servedApp('showcase');

  test('page data comes from the page script; App onLaunch ran first and getApp() works', async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    const cards = await page.$$eval(`${visible('pages/index/index')} product-card`, (els) => els.length);
    assert.equal(cards, 4);
    const launched = await page.evaluate(() => getApp().globalData.launchPath);
    assert.equal(launched, 'pages/index/index');
    assert.equal(
      await page.evaluate(() =>
        getCurrentPages()
          .map((p) => p.route)
          .join(),
      ),
      'pages/index/index',
    );
    assert.deepEqual(problems, []);
  });

  test(
    'a tap in a component reaches the page through triggerEvent; the detail page and the channel ' + 'answer back',
    async () => {
      const { page, problems } = await openApp(app.browser, app.url);
      await page
        .tap(`${visible('pages/index/index')} product-card >> nth=2`)
        .catch(() => page.click(`${visible('pages/index/index')} product-card >> nth=2`));
      await page.waitForSelector(visible('pages/detail/detail'));
      assert.equal(await page.textContent(`${visible('pages/detail/detail')} .title`), 'Clay teapot');
      await page.waitForSelector(`${visible('pages/detail/detail')} .from`);
      assert.equal(await page.textContent(`${visible('pages/detail/detail')} .from`), 'opened from home');
      await page.click(`${visible('pages/detail/detail')} wx-button`);
      await page.waitForSelector('.miniport-toast:not([hidden])');
      assert.equal(await page.textContent('.miniport-toast-title'), 'Added');
      await page.evaluate(() => wx.navigateBack());
      await page.waitForSelector(`${visible('pages/index/index')} .cart-note`);
      assert.equal(
        (await page.textContent(`${visible('pages/index/index')} .cart-note`)).replace(/\s+/g, ' '),
        '1 added · last: Clay teapot',
      );
      assert.deepEqual(problems, []);
    },
  );

  test('relations: the cell group counts its cells and marks the last; a cell tap bubbles to the page', async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    await page.click('.miniport-tabbar-item >> nth=2');
    const mine = visible('pages/mine/mine');
    await page.waitForSelector(`${mine} cell-group`);
    assert.equal((await page.textContent(`${mine} cell-group wx-view >> nth=1`)).trim(), 'My account (3)');
    const lastFlags = await page.$$eval(`${mine} cell > wx-view`, (els) =>
      els.map((e) => /--cell--last\b/.test(e.className)),
    );
    assert.deepEqual(lastFlags, [false, false, true]);
    await page.click(`${mine} cell >> nth=1`);
    await page.waitForSelector(`${mine} .last-opened`);
    assert.equal(await page.textContent(`${mine} .last-opened`), 'Opened: Addresses');
    const shots = path.join(root, 'target', 'screenshots');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, 'showcase-mine.png') });
    assert.deepEqual(problems, []);
  });

  test(
    'a lazy built-in loads with the first page that shows it; a tap with a dataset index switches ' + 'the category',
    async () => {
      const { page, problems } = await openApp(app.browser, app.url);
      const fetched = () =>
        page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name.replace(/^.*\/miniport\//, '')));
      // scroll-view is a lazy built-in: the home page does not use it, so it is not fetched yet.
      assert.ok(!(await fetched()).includes('components/scroll.js'));
      await page.click('.miniport-tabbar-item >> nth=1');
      const cat = visible('pages/category/category');
      await page.waitForSelector(`${cat} .menu-item`);
      assert.ok((await fetched()).includes('components/scroll.js'));
      // Loaded before the page's first paint: the scroll-view has its inner structure.
      assert.equal(
        await page.evaluate((sel) => Boolean(document.querySelector(`${sel} wx-scroll-view`).__mpContent), cat),
        true,
      );
      const before = await page.$$eval(`${cat} .menu-item`, (els) =>
        els.map((e) => e.classList.contains('menu-item--active')),
      );
      assert.deepEqual(before, [true, false, false, false]);
      await page.click(`${cat} .menu-item >> nth=2`);
      await page.waitForFunction(
        (sel) => document.querySelector(`${sel} .section-title`)?.textContent === 'Black tea',
        cat,
      );
      const afterFlags = await page.$$eval(`${cat} .menu-item`, (els) =>
        els.map((e) => e.classList.contains('menu-item--active')),
      );
      assert.deepEqual(afterFlags, [false, false, true, false]);
      assert.deepEqual(problems, []);
    },
  );
});

describe('showcase launched from a Telegram link', { skip }, () => {
  const app = servedApp('showcase');

  test('Telegram theme parameters become CSS variables, and system info reports the dark scheme', async () => {
    const theme = encodeURIComponent(JSON.stringify({ bg_color: '#17212b', text_color: '#f5f5f5' }));
    const { page, problems } = await openApp(
      app.browser,
      `${app.url}#tgWebAppThemeParams=${theme}&tgWebAppVersion=8.0&tgWebAppPlatform=android`,
    );
    const vars = await page.evaluate(() =>
      ['--tg-theme-bg-color', '--tg-theme-text-color', '--tg-color-scheme'].map((v) =>
        document.documentElement.style.getPropertyValue(v),
      ),
    );
    assert.deepEqual(vars, ['#17212b', '#f5f5f5', 'dark']);
    assert.equal(await page.evaluate(() => wx.getSystemInfoSync().theme), 'dark');
    // The client answers the safe-area requests; the status bar height follows.
    const asked = await page.evaluate(() => window.__telegramEvents.map(([n]) => n));
    assert.ok(
      asked.includes('web_app_request_safe_area') && asked.includes('web_app_request_content_safe_area'),
      `events: ${asked}`,
    );
    const info = await page.evaluate(() => {
      window.Telegram.WebView.receiveEvent('safe_area_changed', { top: 24, bottom: 0, left: 0, right: 0 });
      window.Telegram.WebView.receiveEvent('content_safe_area_changed', { top: 46, bottom: 0, left: 0, right: 0 });
      return [wx.getSystemInfoSync().statusBarHeight, wx.getMenuButtonBoundingClientRect().top];
    });
    assert.deepEqual(info, [70, 74]);
    assert.deepEqual(problems, []);
  });

  test(
    'start_param (base64url of a page path and query) opens that page; a share button shares what '
      + 'onShareAppMessage gives; onAppShow listeners hear the launch',
    async () => {
      const param = Buffer.from('pages/detail/detail?id=4').toString('base64url');
      const { page, problems } = await openApp(
        app.browser,
        `${app.url}#tgWebAppStartParam=${param}&tgWebAppVersion=8.0&tgWebAppPlatform=android`,
      );
      await page.waitForSelector(visible('pages/detail/detail'));
      assert.equal(await page.textContent(`${visible('pages/detail/detail')} .title`), 'Bamboo tray');
      await page.click(`${visible('pages/detail/detail')} wx-button.share`);
      await page.waitForFunction(() => window.__telegramEvents.some(([n]) => n === 'web_app_switch_inline_query'));
      const share = await page.evaluate(
        () => window.__telegramEvents.find(([n]) => n === 'web_app_switch_inline_query')[1],
      );
      assert.equal(share.query, 'Bamboo tray at the tea shop');
      const launchOptions = await page.evaluate(() => wx.getLaunchOptionsSync());
      assert.equal(launchOptions.path, 'pages/detail/detail');
      assert.deepEqual(launchOptions.query, { id: '4' });
      const heard = await page.evaluate(
        () =>
          new Promise((resolve) => {
            wx.onAppShow((o) => resolve(o.path));
            document.dispatchEvent(new Event('visibilitychange'));
          }),
      );
      assert.equal(heard, 'pages/detail/detail');
      assert.deepEqual(problems, []);
    },
  );
});
