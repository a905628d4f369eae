// Hostile data in Chromium on fixtures/hostile-data: markup and script URLs bound into attributes, text and
// navigator URLs stay data; web-view refuses the app's own origin and hosts outside webView.domains (with binderror)
// and is sandboxed; the served headers carry the page's policy with frame-ancestors; wx.request keeps to
// request.domains; wx storage is scoped by the appid.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserAvailable, openApp, servedApp } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';

const MARKUP = '"><img src=x onerror="globalThis.__xss=1"><script>globalThis.__xss=2</script>';

describe('hostile data in Chromium', { skip }, () => {
  const app = servedApp('hostile-data');

  test('markup bound into attributes and text stays one attribute value or text; no script runs', async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    const got = await page.evaluate(async (markup) => {
      const [current] = getCurrentPages();
      await new Promise((resolve) =>
        current.setData(
          { v: markup, t: `&lt;b&gt;${markup}`, s: 'color: red; background: url(javascript:x)' },
          resolve,
        ),
      );
      await new Promise((r) => setTimeout(r, 200));
      const box = document.getElementById('box');
      return {
        xss: globalThis.__xss,
        attributes: [...box.attributes].map((a) => a.name).sort(),
        dataX: box.getAttribute('data-x'),
        children: box.children.length,
        text: box.textContent,
        imgs: [...document.querySelectorAll('img')].filter((i) => i.hasAttribute('onerror')).length,
        scripts: document.querySelectorAll('body script').length,
        decoded: document.getElementById('txt').children.length,
      };
    }, MARKUP);
    assert.equal(got.xss, undefined);
    assert.equal(got.dataX, MARKUP);
    assert.ok(!got.attributes.some((a) => a.startsWith('on') || a === 'src'), got.attributes.join());
    assert.equal(got.children, 0);
    assert.equal(got.text, `&lt;b&gt;${MARKUP}`);
    assert.equal(got.imgs, 0);
    assert.equal(got.scripts, 0);
    assert.equal(got.decoded, 0, 'a decoded <text> still holds text only');
    assert.ok(!problems.some((p) => p.includes('__xss')), problems.join());
    await page.close();
  });

  test('a navigator whose url is javascript: or another site does not leave the app or run script', async () => {
    const { page } = await openApp(app.browser, app.url);
    for (const url of ['javascript:globalThis.__xss=3', 'https://evil.example/phish', '//evil.example/x']) {
      await page.evaluate(async (u) => {
        const [current] = getCurrentPages();
        await new Promise((resolve) => current.setData({ u }, resolve));
      }, url);
      await page.click('#nav');
      await page.waitForTimeout(300);
      const state = await page.evaluate(() => ({
        xss: globalThis.__xss,
        origin: location.origin,
        route: getCurrentPages().at(-1).route,
      }));
      assert.equal(state.xss, undefined, url);
      assert.equal(state.origin, new URL(app.url).origin, url);
      assert.equal(state.route, 'pages/index/index', url);
    }
    await page.close();
  });

  test("web-view: sandboxed; the app's own origin and hosts outside webView.domains fire binderror", async () => {
    const { page } = await openApp(app.browser, app.url);
    await page.evaluate(() => wx.reLaunch({ url: '/pages/frame/frame' }));
    await page.waitForSelector('#wv iframe');
    const own = `${app.url}pages/index/index`;
    const got = await page.evaluate(
      async (list) => {
        const [current] = getCurrentPages();
        const out = [];
        for (const src of list) {
          await new Promise((resolve) => current.setData({ src }, resolve));
          await new Promise((r) => setTimeout(r, 50));
          const frame = document.querySelector('#wv iframe');
          out.push({ src: frame.getAttribute('src'), sandbox: frame.getAttribute('sandbox') });
        }
        return { out, errors: globalThis.__frameErrors || [] };
      },
      [own, 'https://evil.example/', 'https://example.com/page'],
    );
    assert.deepEqual(
      got.out.map((f) => f.src),
      [null, null, 'https://example.com/page'],
    );
    assert.equal(got.out[0].sandbox, 'allow-scripts allow-forms allow-same-origin');
    assert.deepEqual(got.errors, [
      { url: own, fullUrl: own },
      { url: 'https://evil.example/', fullUrl: 'https://evil.example/' },
    ]);
    await page.close();
  });

  test('the served headers carry the page policy with frame-ancestors and the domain lists', async () => {
    const { page } = await openApp(app.browser, app.url);
    const headers = await page.evaluate(async () => {
      const res = await fetch('miniport/index.js');
      return { csp: res.headers.get('content-security-policy'), nosniff: res.headers.get('x-content-type-options') };
    });
    assert.match(headers.csp, /frame-ancestors 'self' https:\/\/web\.telegram\.org/);
    assert.match(headers.csp, /frame-src https:\/\/example\.com(;|$)/);
    assert.match(headers.csp, /connect-src 'self' blob: https:\/\/api\.example\.com wss:\/\/api\.example\.com(;|$)/);
    assert.equal(headers.nosniff, 'nosniff');
    const meta = await page.evaluate(
      () => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content,
    );
    assert.ok(headers.csp.startsWith(meta), 'the header repeats the page policy');
    await page.close();
  });

  test('wx.request outside request.domains fails as WeChat does; storage is kept under the appid', async () => {
    const { page } = await openApp(app.browser, app.url);
    const got = await page.evaluate(async () => {
      // A RequestTask, as in WeChat: the failure comes through `fail`.
      const fail = await new Promise((resolve) => wx.request({ url: 'https://evil.example/steal', fail: resolve }));
      wx.setStorageSync('k', 'v');
      return { fail, keys: Object.keys(localStorage).filter((k) => k.includes(':k')) };
    });
    assert.deepEqual(got.fail, { errMsg: 'request:fail url not in domain list' });
    assert.deepEqual(got.keys, ['miniport:storage@wxhostiledata0001:k']);
    await page.close();
  });
});
