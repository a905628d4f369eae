// Web-service wx APIs in Chromium on fixtures/api-web: route events in order across navigateTo/navigateBack with a
// rewriteRoute, loadFontFace with a font served on loopback, idle callbacks, key events, base64, battery,
// getPerformance's navigation entries, and a worker with WeChat's `worker` global.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { browserAvailable, convertFixture, launch, openApp, serve } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';
const FONT = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
].find(existsSync);

describe('web-service APIs in Chromium', { skip }, () => {
  const app = { url: null, browser: null };
  let built;
  let server;
  before(async () => {
    built = convertFixture('api-web');
    // The font is a system font copied next to the app (served by `miniport serve` on loopback).
    if (FONT) {
      mkdirSync(path.join(built.out, 'fonts'), { recursive: true });
      copyFileSync(FONT, path.join(built.out, 'fonts/test.ttf'));
    }
    server = await serve(built.out);
    app.url = server.url;
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    server?.close();
    built?.cleanup();
  });

  test(
    "route events arrive in WeChat's order from app launch, across navigateTo, a rewritten "
      + 'navigateTo and navigateBack',
    async () => {
      const { page, problems } = await openApp(app.browser, app.url);
      const log = await page.evaluate(async () => {
        await wx.navigateTo({ url: '/pages/detail/detail?id=1' });
        await wx.navigateTo({ url: '/pages/detail/detail?rewrite=1' });
        await wx.navigateBack({ delta: 2 });
        return globalThis.__routeLog;
      });
      assert.deepEqual(log, [
        'BeforeAppRoute appLaunch pages/index/index',
        'BeforePageLoad appLaunch pages/index/index',
        'index.onLoad',
        'index.onShow',
        'AfterPageLoad appLaunch pages/index/index',
        'AppRoute appLaunch pages/index/index',
        'AppRouteDone appLaunch pages/index/index',
        'BeforeAppRoute navigateTo pages/detail/detail',
        'BeforePageLoad navigateTo pages/detail/detail',
        'detail.onLoad',
        'detail.onShow',
        'AfterPageLoad navigateTo pages/detail/detail',
        'AppRoute navigateTo pages/detail/detail',
        'AppRouteDone navigateTo pages/detail/detail',
        'BeforeAppRoute navigateTo pages/detail/detail',
        'BeforePageLoad navigateTo pages/list/list',
        'list.onLoad',
        'list.onShow',
        'AfterPageLoad navigateTo pages/list/list',
        'AppRoute navigateTo pages/list/list',
        'AppRouteDone navigateTo pages/list/list',
        'BeforeAppRoute navigateBack pages/index/index',
        'BeforePageUnload - pages/list/list',
        'AfterPageUnload - pages/list/list',
        'BeforePageUnload - pages/detail/detail',
        'AfterPageUnload - pages/detail/detail',
        'index.onShow',
        'AppRoute navigateBack pages/index/index',
        'AppRouteDone navigateBack pages/index/index',
      ]);
      const url = await page.evaluate(() => new URLSearchParams(location.search).get('mp'));
      assert.equal(url, 'pages/index/index');
      const perf = await page.evaluate(() =>
        wx
          .getPerformance()
          .getEntriesByType('navigation')
          .filter((e) => e.name !== 'document')
          .map((e) => [e.name, e.path, e.navigationType, e.duration >= 0]),
      );
      assert.deepEqual(
        perf.filter(([, p]) => p),
        [
          ['appLaunch', 'pages/index/index', 'appLaunch', true],
          ['route', 'pages/detail/detail', 'navigateTo', true],
          ['route', 'pages/list/list', 'navigateTo', true],
          ['route', 'pages/index/index', 'navigateBack', true],
        ],
      );
      assert.deepEqual(problems, []);
    },
  );

  test('loadFontFace loads a font served on loopback and text set in that family renders in it; a '
    + 'missing file fails with status error', {
    skip: !FONT && 'no system font to serve',
  }, async () => {
    const { page } = await openApp(app.browser, app.url);
    const out = await page.evaluate(async () => {
      const span = (family) => {
        const el = document.createElement('span');
        el.textContent = 'iiiiii WWWWWW';
        el.style.fontFamily = family;
        document.body.appendChild(el);
        return el;
      };
      const face = span('LoadedFace, serif');
      const before = face.getBoundingClientRect().width;
      const ok = await wx.loadFontFace({ family: 'LoadedFace', source: 'url("fonts/test.ttf")', global: true });
      await document.fonts.ready;
      const after = face.getBoundingClientRect().width;
      const bad = await new Promise((resolve) =>
        wx.loadFontFace({ family: 'Missing', source: 'url("fonts/missing.ttf")', fail: resolve }),
      );
      return { ok, checked: document.fonts.check('16px LoadedFace'), changed: before !== after, bad };
    });
    assert.deepEqual(out.ok, { errMsg: 'loadFontFace:ok', status: 'loaded' });
    assert.equal(out.checked, true);
    assert.equal(out.changed, true, 'the text is laid out in the loaded face, not the serif fallback');
    assert.equal(out.bad.status, 'error');
    assert.match(out.bad.errMsg, /^loadFontFace:fail /);
  });

  test('idle callbacks run and cancel; base64 round-trips; getRandomValues gives fresh bytes', async () => {
    const { page } = await openApp(app.browser, app.url);
    const out = await page.evaluate(async () => {
      const ran = [];
      const id = wx.requestIdleCallback(() => ran.push('cancelled'));
      wx.cancelIdleCallback(id);
      const deadline = await new Promise((resolve) =>
        wx.requestIdleCallback((d) => resolve({ didTimeout: d.didTimeout, left: d.timeRemaining() >= 0 }), {
          timeout: 1000,
        }),
      );
      const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) & 255);
      const b64 = wx.arrayBufferToBase64(bytes.buffer);
      const back = Array.from(new Uint8Array(wx.base64ToArrayBuffer(b64)));
      const r = await wx.getRandomValues({ length: 16 });
      return {
        ran,
        deadline,
        same: back.join() === Array.from(bytes).join(),
        b64start: b64.slice(0, 8),
        random: r.randomValues.byteLength,
      };
    });
    assert.deepEqual(out.ran, []);
    assert.equal(out.deadline.left, true);
    assert.equal(out.same, true);
    assert.equal(out.b64start, Buffer.from([0, 7, 14, 21, 28, 35]).toString('base64'));
    assert.equal(out.random, 16);
  });

  test('onKeyDown/onKeyUp hear real key presses on the page and not those typed into an input', async () => {
    const { page } = await openApp(app.browser, app.url);
    await page.evaluate(() => {
      globalThis.__keys = [];
      wx.onKeyDown((r) => __keys.push(['down', r.key, r.code, r.shiftKey]));
      wx.onKeyUp((r) => __keys.push(['up', r.key]));
    });
    // The key listeners' code loads on first use: a call into the same module settles once they are on.
    await page.evaluate(() => wx.getBatteryInfo().catch(() => {}));
    await page.mouse.click(5, 200);
    await page.keyboard.down('Shift');
    await page.keyboard.press('KeyA');
    await page.keyboard.up('Shift');
    await page.focus('.field input, input');
    await page.keyboard.press('KeyB');
    const keys = await page.evaluate(() => __keys);
    assert.deepEqual(keys, [
      ['down', 'Shift', 'ShiftLeft', true],
      ['down', 'A', 'KeyA', true],
      ['up', 'A'],
      ['up', 'Shift'],
    ]);
  });

  test(
    'getBatteryInfo answers from navigator.getBattery where Chromium has it, and ' + 'getBatteryInfoSync then agrees',
    async () => {
      const { page } = await openApp(app.browser, app.url);
      const out = await page.evaluate(async () => {
        if (typeof navigator.getBattery !== 'function') return null;
        const res = await wx.getBatteryInfo();
        return { res, sync: wx.getBatteryInfoSync() };
      });
      if (out === null) return;
      assert.equal(out.res.errMsg, 'getBatteryInfo:ok');
      assert.ok(out.res.level >= 0 && out.res.level <= 100);
      assert.equal(typeof out.res.isCharging, 'boolean');
      assert.deepEqual(out.sync, { level: out.res.level, isCharging: out.res.isCharging });
    },
  );

  test(
    "createWorker runs a script of app.json's workers folder with its `worker` global and its own requires; "
      + 'terminate stops it',
    async () => {
      const { page, problems } = await openApp(app.browser, app.url);
      const answer = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const w = wx.createWorker('workers/echo.js');
            w.onMessage((msg) => {
              w.terminate();
              resolve(msg);
            });
            w.postMessage({ n: 21 });
          }),
      );
      assert.deepEqual(answer, { doubled: 42 });
      const outside = await page.evaluate(() => {
        try {
          wx.createWorker('pages/index/index.js');
          return 'created';
        } catch (e) {
          return e.message;
        }
      });
      assert.match(outside, /^createWorker:fail .*not in the workers folder workers/);
      const mainModules = await page.evaluate(() => Object.keys(globalThis.__miniportConfig.scripts.packages));
      assert.deepEqual(mainModules, [], 'the workers chunk is not a subpackage of pages');
      assert.deepEqual(problems, []);
    },
  );

  test(
    'getAccountInfoSync, getSystemSetting, getAppAuthorizeSetting and getRendererUserAgent answer ' + 'in a plain page',
    async () => {
      const { page } = await openApp(app.browser, app.url);
      const out = await page.evaluate(async () => ({
        account: wx.getAccountInfoSync().miniProgram.envVersion,
        setting: wx.getSystemSetting().deviceOrientation,
        auth: wx.getAppAuthorizeSetting().cameraAuthorized,
        ua: (await wx.getRendererUserAgent()).userAgent === navigator.userAgent,
        orientation: screen.orientation.type,
      }));
      assert.deepEqual(out, {
        account: 'release',
        setting: out.orientation.startsWith('landscape') ? 'landscape' : 'portrait',
        auth: out.auth,
        ua: true,
        orientation: out.orientation,
      });
      assert.ok(['authorized', 'denied', 'not determined'].includes(out.auth));
    },
  );
});
