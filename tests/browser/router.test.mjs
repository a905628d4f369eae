// The router in the converted showcase, in headless Chromium: navigateTo with a query and an
// events channel, Telegram's BackButton, the address bar beside Telegram's hash, reload and the
// browser's back button, tab switches and pull-down refresh.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { browserAvailable, openApp, root, servedApp } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';
const HASH =
  '#tgWebAppVersion=8.0&tgWebAppPlatform=tdesktop&tgWebAppData=user%3D%257B%2522id%2522%253A1%257D%26hash%3Dabc';
const shown = (route) => `wx-page[route="${route}"]:not([hidden])`;
const INDEX = 'pages/index/index';
const DETAIL = 'pages/detail/detail';

describe('router in the showcase', { skip }, () => {
  const app = servedApp('showcase');

  const events = (page, name) =>
    page.evaluate((n) => window.__telegramEvents.filter(([e]) => e === n).map(([, d]) => d), name);

  test("navigateTo with a query and an events channel, then back through Telegram's BackButton", async () => {
    const { page, problems } = await openApp(app.browser, `${app.url}${HASH}`);
    assert.deepEqual(await events(page, 'web_app_setup_back_button'), [{ is_visible: false }]);
    await page.click(`${shown(INDEX)} product-card >> nth=1`);
    await page.waitForSelector(shown(DETAIL));
    assert.equal(await page.textContent('.miniport-navbar-title'), 'Product');
    // The opener's success callback emitted 'opened' through the channel.
    await page.waitForSelector(`${shown(DETAIL)} .from`);
    assert.equal((await page.textContent(`${shown(DETAIL)} .from`)).trim(), 'opened from home');
    const location = await page.evaluate(() => ({ search: location.search, hash: location.hash }));
    assert.match(location.search, /^\?mp=pages\/detail\/detail%3Fid%3D\d+%26from%3Dhome$/);
    assert.equal(location.hash, HASH);
    assert.deepEqual(await events(page, 'web_app_setup_back_button'), [{ is_visible: false }, { is_visible: true }]);
    assert.deepEqual(
      (await events(page, 'web_app_set_header_color')).map((d) => d.color),
      ['#07c160', '#ffffff'],
    );

    // The detail page reports the purchase to its opener through the same channel.
    await page.click(`${shown(DETAIL)} .buy`);
    await page.evaluate(() => window.Telegram.WebView.receiveEvent('back_button_pressed'));
    await page.waitForSelector(shown(INDEX));
    assert.equal(await page.$(`wx-page[route="${DETAIL}"]`), null, 'the detail page is unloaded');
    assert.match(await page.textContent(`${shown(INDEX)} .cart-note`), /^1 added/);
    assert.deepEqual((await events(page, 'web_app_setup_back_button')).at(-1), { is_visible: false });
    assert.equal(await page.evaluate(() => location.hash), HASH);
    assert.equal(
      await page.evaluate(() =>
        getCurrentPages()
          .map((p) => p.route)
          .join(),
      ),
      INDEX,
    );
    assert.deepEqual(problems, []);
  });

  test("a reload restores the page and its query; the browser's back button goes back", async () => {
    const { page, problems } = await openApp(app.browser, `${app.url}${HASH}`);
    await page.click(`${shown(INDEX)} product-card >> nth=2`);
    await page.waitForSelector(shown(DETAIL));
    const title = await page.textContent(`${shown(DETAIL)} .title`);
    const address = page.url();
    await page.reload();
    await page.waitForSelector('html[data-miniport-ready="true"]');
    await page.waitForSelector(shown(DETAIL));
    assert.equal(page.url(), address);
    assert.equal(await page.textContent(`${shown(DETAIL)} .title`), title);
    assert.equal(await page.evaluate(() => getCurrentPages()[0].options.from), 'home');
    await page.goBack();
    await page.waitForSelector(shown(INDEX));
    assert.equal(await page.evaluate(() => location.hash), HASH);
    assert.equal(await page.$(`wx-page[route="${DETAIL}"]`), null);
    assert.deepEqual(problems, []);
  });

  test('tab switches keep tab pages alive; wx.startPullDownRefresh runs onPullDownRefresh', async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    const first = () => page.textContent(`${shown(INDEX)} product-card >> nth=0`);
    const before = await first();
    await page.evaluate(() => wx.startPullDownRefresh());
    // index.js reverses the list on refresh, then calls wx.stopPullDownRefresh.
    await page.waitForFunction(
      (t) => document.querySelector('wx-page[route="pages/index/index"] product-card').textContent !== t,
      before,
    );
    await page.waitForFunction(() => document.querySelector('.miniport-refresh').style.height === '0px');

    await page.click('.miniport-tabbar-item >> nth=2');
    await page.waitForSelector(shown('pages/mine/mine'));
    assert.equal(await page.textContent('.miniport-navbar-title'), 'Me');
    await page.click('.miniport-tabbar-item >> nth=0');
    await page.waitForSelector(shown(INDEX));
    assert.notEqual(await first(), before, 'the index page kept its state: it was hidden, not reloaded');
    assert.equal(await page.evaluate(() => document.querySelectorAll('wx-page').length), 2);
    await page.evaluate(() => wx.setTabBarBadge({ index: 2, text: '3' }));
    assert.equal(await page.textContent('.miniport-tabbar-item >> nth=2 >> .miniport-tabbar-badge'), '3');

    const shots = path.join(root, 'target', 'screenshots');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, 'showcase-router.png') });
    assert.deepEqual(problems, []);
  });
});
