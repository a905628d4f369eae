// The converted showcase in headless Chromium: the shell loads with no error, carries the
// app's styles (rpx, page scoping, tab bar), and announces itself to Telegram.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { browserAvailable, openApp, root, servedApp } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';

describe('showcase shell in Chromium', { skip }, () => {
  const app = servedApp('showcase');

  test('loads without errors and posts web_app_ready to Telegram', async () => {
    const { page, problems } = await openApp(app.browser, `${app.url}#tgWebAppVersion=8.0&tgWebAppPlatform=tdesktop`);
    const events = await page.evaluate(() => window.__telegramEvents.map(([name]) => name));
    assert.ok(events.includes('web_app_ready'), `events: ${events}`);
    assert.ok(events.includes('web_app_expand'), `events: ${events}`);
    const header = await page.evaluate(() => window.__telegramEvents.find(([n]) => n === 'web_app_set_header_color'));
    assert.deepEqual(header, ['web_app_set_header_color', { color: '#07c160' }]);
    assert.deepEqual(problems, []);
  });

  test(
    'when the page is idle only the deferred wx code of APIs the app uses is fetched; another '
      + "API's code comes on its first call",
    async () => {
      const { page, problems } = await openApp(app.browser, app.url);
      const runtimeFiles = () =>
        page.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .map((e) => new URL(e.name).pathname)
            .filter((p) => p.startsWith('/miniport/')),
        );
      const used = await page.evaluate(() => window.__miniportConfig.usedApis);
      assert.ok(Array.isArray(used) && used.includes('navigateTo'), `usedApis: ${used}`);
      // Past the idle callback's 2 s deadline.
      await page.waitForTimeout(2500);
      const deferredFiles = new RegExp(
        '/(api/core/(modal|open|device|address)|api/media/(media|location|audio)'
          + '|api/web/(async|device|cache-manager)|api/(telegram|capture)/(?!index)[a-z]+|framework/worklet-run)\\.js$',
      );
      assert.deepEqual(
        (await runtimeFiles()).filter((p) => deferredFiles.test(p)),
        [],
        'the showcase uses no deferred API',
      );
      assert.equal(await page.evaluate(() => wx.showActionSheet({ itemList: ['a'], fail() {} })), undefined);
      await page.waitForSelector('.miniport-sheet-root');
      assert.ok((await runtimeFiles()).includes('/miniport/api/core/modal.js'));
      assert.deepEqual(problems, []);
    },
  );

  test("WeChat's __wxConfig global holds the environment and the app's pages, entry and window", async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    const config = await page.evaluate(() => ({
      envVersion: __wxConfig.envVersion,
      pages: __wxConfig.pages,
      entry: __wxConfig.entryPagePath,
      title: __wxConfig.global.window.navigationBarTitleText,
      sdk: __wxConfig.sdkVersion === wx.getSystemInfoSync().SDKVersion,
    }));
    assert.equal(config.envVersion, 'release');
    assert.ok(config.pages.includes('pages/index/index'), `${config.pages}`);
    assert.equal(config.entry, 'pages/index/index.html');
    assert.equal(config.title, 'miniport shop');
    assert.equal(config.sdk, true);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the index page shows its rendered template, with page styles applied', async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    const root = 'wx-page[route="pages/index/index"]';
    await page.waitForSelector(`${root} wx-text.banner-text`);
    assert.equal(await page.textContent(`${root} wx-text.banner-text`), 'Spring picks, fresh from the hills');
    assert.equal(await page.textContent(`${root} .section-title`), 'Recommended');
    assert.equal(await page.$(`${root} .miniport-placeholder`), null);
    assert.deepEqual(problems, []);
  });

  test('rpx scales with the page width and is capped on wide screens', async () => {
    const narrow = await openApp(app.browser, app.url, { width: 375, height: 720 });
    const size = (p) =>
      p.evaluate(() => getComputedStyle(document.querySelector('wx-page[route="pages/index/index"]')).fontSize);
    // app.wxss: page { font-size: 28rpx } → 28 × 375 / 750.
    assert.equal(await size(narrow.page), '14px');
    const wide = await openApp(app.browser, app.url, { width: 1400, height: 900 });
    // The page width is capped at 600px by default: 28 × 600 / 750.
    assert.equal(await size(wide.page), '22.4px');
    assert.deepEqual([...narrow.problems, ...wide.problems], []);
  });

  test('window options, page styles and the tab bar follow app.json', async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    assert.equal(await page.textContent('.miniport-navbar-title'), 'Tea shop');
    const navBg = await page.evaluate(
      () => getComputedStyle(document.querySelector('.miniport-navbar')).backgroundColor,
    );
    assert.equal(navBg, 'rgb(7, 193, 96)');
    const tabs = await page.$$eval('.miniport-tabbar-item', (items) => items.map((i) => i.textContent));
    assert.deepEqual(tabs, ['Home', 'Category', 'Me']);
    const bg = (route) =>
      page.evaluate((r) => getComputedStyle(document.querySelector(`wx-page[route="${r}"]`)).backgroundColor, route);
    // app.wxss sets page { background-color: var(--page-bg) } (#f5f5f5) for every page.
    assert.equal(await bg('pages/index/index'), 'rgb(245, 245, 245)');

    await page.click('.miniport-tabbar-item >> nth=1');
    await page.waitForSelector('wx-page[route="pages/category/category"]:not([hidden])');
    assert.equal(await page.textContent('.miniport-navbar-title'), 'Categories');
    // category.wxss sets page { background-color: #fff }: it applies to that page only.
    assert.equal(await bg('pages/category/category'), 'rgb(255, 255, 255)');
    assert.equal(await bg('pages/index/index'), 'rgb(245, 245, 245)');
    const selected = await page.$$eval('.miniport-tabbar-item', (items) =>
      items.map((i) => i.getAttribute('aria-selected')),
    );
    assert.deepEqual(selected, ['false', 'true', 'false']);
    const icon = await page.getAttribute('.miniport-tabbar-item >> nth=1 >> img', 'src');
    assert.equal(icon, 'images/tab-category-active.png');

    const shots = path.join(root, 'target', 'screenshots');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, 'showcase-category.png') });
    assert.deepEqual(problems, []);
  });
});
