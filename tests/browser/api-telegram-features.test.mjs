// Telegram-backed wx APIs in Chromium on fixtures/api-telegram-features: sensors and biometrics through the
// runtime's Telegram mock, the beforeunload prompt of enableAlertBeforeUnload on the web, saveFileToDisk's
// download of a wxfile:// file on the web, and hideKeyboard in Telegram 9.1 and on the web.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { browserAvailable, openApp, servedApp } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';
const inTelegram = (url, version) =>
  `${url}#tgWebAppVersion=${version}&tgWebAppPlatform=android&tgWebAppData=${encodeURIComponent('auth_date=1&hash=x')}`;

describe('Telegram feature APIs in Chromium', { skip }, () => {
  const app = servedApp('api-telegram-features');

  /** Replaces the stand-in client of openApp with the runtime's mock, which answers like a client. */
  const installMock = (page, version) =>
    page.evaluate(async (v) => {
      const { installTelegramMock } = await import(new URL('miniport/telegram/mock.js', document.baseURI).href);
      window.__mock = installTelegramMock(window, { version: v, platform: 'android' });
    }, version);

  test(
    'accelerometer and compass through the Telegram mock: start posted with refresh_rate, '
      + 'readings in g and degrees, stop posted',
    async () => {
      const { page, problems } = await openApp(app.browser, inTelegram(app.url, '8.0'));
      await installMock(page, '8.0');
      const out = await page.evaluate(async () => {
        const acc = [];
        const compass = [];
        wx.onAccelerometerChange((r) => acc.push(r));
        wx.onCompassChange((r) => compass.push(r));
        const started = await wx.startAccelerometer({ interval: 'ui' });
        await wx.startCompass();
        window.__mock.emit('accelerometer_changed', { x: 0, y: 0, z: 9.80665 });
        window.__mock.emit('device_orientation_changed', { alpha: Math.PI, beta: 0, gamma: 0, absolute: true });
        await new Promise((r) => setTimeout(r, 20));
        await wx.stopAccelerometer();
        await wx.stopCompass();
        return {
          started: started.errMsg,
          acc,
          compass,
          posted: window.__mock.events.filter((e) => /accelerometer|orientation/.test(e.name)),
        };
      });
      assert.equal(out.started, 'startAccelerometer:ok');
      assert.deepEqual(out.acc, [{ x: 0, y: 0, z: 1 }]);
      assert.deepEqual(out.compass, [{ direction: 180, accuracy: 'high' }]);
      // onCompassChange starts the compass itself (as in WeChat); startCompass then changes nothing.
      assert.deepEqual(out.posted, [
        { name: 'web_app_start_device_orientation', data: { refresh_rate: 200, need_absolute: true } },
        { name: 'web_app_start_accelerometer', data: { refresh_rate: 60 } },
        { name: 'web_app_stop_accelerometer', data: null },
        { name: 'web_app_stop_device_orientation', data: null },
      ]);
      assert.deepEqual(problems, []);
    },
  );

  test(
    "sensors on the web without motion hardware events still start on the browser's "
      + 'DeviceMotionEvent; an old Telegram falls back to it',
    async () => {
      const { page } = await openApp(app.browser, inTelegram(app.url, '7.10'));
      const out = await page.evaluate(async () => {
        const acc = [];
        wx.onAccelerometerChange((r) => acc.push(r));
        const res = await wx.startAccelerometer({ interval: 'game' });
        window.dispatchEvent(
          new DeviceMotionEvent('devicemotion', { accelerationIncludingGravity: { x: 9.80665, y: 0, z: 0 } }),
        );
        await wx.stopAccelerometer();
        return { res: res.errMsg, acc, posted: window.__telegramEvents.filter(([n]) => /accelerometer/.test(n)) };
      });
      assert.equal(out.res, 'startAccelerometer:ok');
      assert.deepEqual(out.acc, [{ x: 1, y: 0, z: 0 }]);
      assert.deepEqual(out.posted, [], 'Telegram 7.10 has no accelerometer');
    },
  );

  test(
    'biometrics through the Telegram mock: support, enrolment, then access and authentication ' + 'with the challenge',
    async () => {
      const { page } = await openApp(app.browser, inTelegram(app.url, '8.0'));
      await installMock(page, '8.0');
      const out = await page.evaluate(async () => {
        const support = await wx.checkIsSupportSoterAuthentication();
        const enrolled = await wx.checkIsSoterEnrolledInDevice({ checkAuthMode: 'fingerPrint' });
        const auth = await wx.startSoterAuthentication({
          requestAuthModes: ['fingerPrint'],
          challenge: 'nonce-1',
          authContent: 'Confirm',
        });
        return {
          support: support.supportMode,
          enrolled: enrolled.isEnrolled,
          auth,
          names: window.__mock.names().filter((n) => n.startsWith('web_app_biometry')),
        };
      });
      assert.deepEqual(out.support, ['fingerPrint']);
      assert.equal(out.enrolled, true);
      assert.equal(out.auth.errMsg, 'startSoterAuthentication:ok');
      assert.equal(JSON.parse(out.auth.resultJSON).raw, 'nonce-1');
      assert.deepEqual(out.names, [
        'web_app_biometry_get_info',
        'web_app_biometry_get_info',
        'web_app_biometry_get_info',
        'web_app_biometry_request_access',
        'web_app_biometry_request_auth',
      ]);
    },
  );

  test(
    'enableAlertBeforeUnload on the web: leaving the page asks first (dismissing stays); after '
      + 'disableAlertBeforeUnload it leaves without asking',
    async () => {
      const { page } = await openApp(app.browser, app.url);
      const here = page.url();
      await page.evaluate(() => wx.enableAlertBeforeUnload({ message: 'Leave the order?' }));
      await page.click('.title'); // the browser asks only after the user has interacted with the page
      const dialogs = [];
      page.on('dialog', (d) => {
        dialogs.push(d.type());
        d.dismiss();
      });
      await page.goto('about:blank').catch(() => {}); // dismissing the prompt aborts the navigation
      assert.deepEqual(dialogs, ['beforeunload']);
      assert.equal(page.url(), here, 'dismissing the prompt keeps the page');
      await page.evaluate(() => wx.disableAlertBeforeUnload());
      await page.goto('about:blank');
      assert.deepEqual(dialogs, ['beforeunload']);
      assert.equal(page.url(), 'about:blank');
    },
  );

  test(
    'enableAlertBeforeUnload asks with a modal when the user goes back from the page: Cancel '
      + 'stays, OK leaves; navigateBack does not ask',
    async () => {
      const { page, problems } = await openApp(app.browser, app.url);
      const route = () => page.evaluate(() => getCurrentPages().map((p) => p.route));
      await page.evaluate(() => wx.navigateTo({ url: '/pages/order/order' }));
      await page.waitForFunction(() => getCurrentPages().length === 2);
      await page.evaluate(() => wx.enableAlertBeforeUnload({ message: 'Leave the order?' }));
      await page.click('.miniport-navbar-back');
      await page.waitForSelector('.miniport-modal');
      assert.equal(await page.textContent('.miniport-modal-content'), 'Leave the order?');
      await page.click('.miniport-modal-cancel');
      await page.waitForSelector('.miniport-modal', { state: 'detached' });
      assert.deepEqual(await route(), ['pages/index/index', 'pages/order/order']);
      await page.click('.miniport-navbar-back');
      await page.click('.miniport-modal-confirm');
      await page.waitForFunction(() => getCurrentPages().length === 1);
      assert.deepEqual(await route(), ['pages/index/index']);
      await page.evaluate(() => wx.navigateTo({ url: '/pages/order/order' }));
      await page.waitForFunction(() => getCurrentPages().length === 2);
      await page.evaluate(() => wx.enableAlertBeforeUnload({ message: 'Leave?' }));
      await page.evaluate(() => wx.navigateBack());
      assert.deepEqual(await route(), ['pages/index/index']);
      assert.equal(await page.locator('.miniport-modal').count(), 0);
      assert.deepEqual(problems, []);
    },
  );

  test('saveFileToDisk on the web downloads a file of the virtual file system under its name', async () => {
    const { page } = await openApp(app.browser, app.url);
    const download = page.waitForEvent('download');
    const res = await page.evaluate(async () => {
      const path = `${wx.env.USER_DATA_PATH}/hello.txt`;
      await new Promise((resolve, reject) =>
        wx
          .getFileSystemManager()
          .writeFile({ filePath: path, data: 'hello disk', encoding: 'utf8', success: resolve, fail: reject }),
      );
      return (await wx.saveFileToDisk({ filePath: path })).errMsg;
    });
    assert.equal(res, 'saveFileToDisk:ok');
    const file = await download;
    assert.equal(file.suggestedFilename(), 'hello.txt');
    assert.equal(readFileSync(await file.path(), 'utf8'), 'hello disk');
  });

  test('hideKeyboard: the focused field loses focus on the web; Telegram 9.1 gets web_app_hide_keyboard', async () => {
    const { page } = await openApp(app.browser, app.url);
    await page.focus('.field input');
    const web = await page.evaluate(async () => {
      const before = document.activeElement.tagName;
      const res = await wx.hideKeyboard();
      return [before, res.errMsg, document.activeElement.tagName];
    });
    assert.deepEqual(web, ['INPUT', 'hideKeyboard:ok', 'BODY']);
    const tg = await openApp(app.browser, inTelegram(app.url, '9.1'));
    const posted = await tg.page.evaluate(async () => {
      await wx.hideKeyboard();
      return window.__telegramEvents.map(([n]) => n).filter((n) => n === 'web_app_hide_keyboard');
    });
    assert.deepEqual(posted, ['web_app_hide_keyboard']);
  });
});
