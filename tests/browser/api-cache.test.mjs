// wx.createCacheManager in Chromium on fixtures/api-core: a wx.request matching a rule is fetched
// from a loopback server and kept; with the browser context offline the same request is answered
// from the cache (fromCache), the manager enters the weak network, and an unmatched one fails.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { browserAvailable, openApp, servedApp } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';

describe('the cache manager in Chromium', { skip }, () => {
  const app = servedApp('api-core');
  let server;
  let api;
  const hits = [];

  before(async () => {
    server = http.createServer((req, res) => {
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('access-control-allow-headers', '*');
      if (req.method === 'OPTIONS') {
        res.end();
        return;
      }
      hits.push(req.url);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ url: req.url, served: hits.length }));
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    api = `http://127.0.0.1:${server.address().port}`;
  });

  after(() => server?.close());

  // The emitted page's Content-Security-Policy allows https: backends only; the loopback server speaks http:.
  test(
    'a request kept by the cache manager online is answered from the cache once the context is ' + 'offline',
    async () => {
      const context = await app.browser.newContext({ bypassCSP: true });
      const { page, problems } = await openApp(context, app.url);
      const first = await page.evaluate((origin) => {
        window.cm = wx.createCacheManager({ origin });
        window.heard = [];
        window.cm.on('enterWeakNetwork', () => window.heard.push('enter'));
        window.cm.addRule('/items/:id');
        return new Promise((resolve) => wx.request({ url: `${origin}/items/7`, data: { page: 1 }, complete: resolve }));
      }, api);
      assert.equal(first.errMsg, 'request:ok');
      assert.deepEqual(first.data, { url: '/items/7?page=1', served: 1 });
      assert.equal(first.fromCache, undefined);
      assert.deepEqual(await page.evaluate(() => [window.cm.state, wx.getStorageInfoSync().keys.length]), [0, 0]);

      await context.setOffline(true);
      await page.waitForFunction(() => window.heard.includes('enter'));
      const offline = await page.evaluate(
        (origin) =>
          Promise.all([
            new Promise((resolve) => wx.request({ url: `${origin}/items/7`, data: { page: 1 }, complete: resolve })),
            new Promise((resolve) => wx.request({ url: `${origin}/other`, complete: resolve })),
            window.cm.state,
          ]),
        api,
      );
      const [cached, unmatched, state] = offline;
      assert.equal(state, 1);
      assert.equal(cached.errMsg, 'request:ok');
      assert.equal(cached.fromCache, true);
      assert.equal(cached.statusCode, 200);
      assert.deepEqual(cached.data, { url: '/items/7?page=1', served: 1 });
      assert.match(unmatched.errMsg, /^request:fail /);
      assert.deepEqual(hits, ['/items/7?page=1'], 'the server saw the first request only');
      // Only the unmatched request failed (its requestfailed event and Chromium's console line).
      assert.deepEqual(
        problems.filter((p) => !/\/other|ERR_INTERNET_DISCONNECTED/.test(p)),
        [],
      );
      await context.close();
    },
  );
});
