// HTML tags written into WXML (fixtures/builtins-more, pages/html) render as WeChat renders them: the
// HTML element itself (browser styles, WXSS tag selectors reach it), with only id, class, style,
// hidden and data-* kept (no navigating href, no loading src), and WXML events on them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserAvailable, openApp, servedApp } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';

describe('HTML tags in WXML in Chromium', { skip }, () => {
  const app = servedApp('builtins-more');

  test('div, a, img, p and h1 are HTML elements with WeChat attributes only; taps and updates work', async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    await page.evaluate(() => wx.reLaunch({ url: '/pages/html/html' }));
    await page.waitForSelector('#h', { state: 'attached' });
    const seen = await page.evaluate(() => {
      const d = document.getElementById('d');
      const a = document.getElementById('a');
      const i = document.getElementById('i');
      return {
        tags: ['d', 'a', 'i', 'p', 'h'].map((id) => document.getElementById(id).localName),
        display: getComputedStyle(d).display,
        color: getComputedStyle(d).color,
        padding: getComputedStyle(d).paddingTop,
        data: d.getAttribute('data-n'),
        href: a.hasAttribute('href'),
        src: i.hasAttribute('src'),
        h1: getComputedStyle(document.getElementById('h')).fontWeight,
      };
    });
    assert.deepEqual(seen, {
      tags: ['div', 'a', 'img', 'p', 'h1'],
      display: 'block',
      color: 'rgb(1, 2, 3)',
      padding: '3px',
      data: '1',
      href: false,
      src: false,
      h1: '700',
    });
    await page.click('#p');
    await page.evaluate(() => globalThis.__page.setData({ title: 'changed' }));
    assert.equal(await page.textContent('#h'), 'changed');
    assert.deepEqual(await page.evaluate(() => globalThis.__events), [{ name: 'tap', id: 'p' }]);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
