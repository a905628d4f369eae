// The Telegram-backed priority wx APIs in Chromium on fixtures/api-core, each with a stand-in Telegram
// client (every posted event recorded in window.__telegramEvents; answers given per test through
// window.__answers) and in a plain browser: login, sessions, user info, payment, QR scanning, haptics,
// location, write access, header/background colours, phone calls, toasts, system info, launch options,
// app show/hide, the permission registry, network state and storage (limits, CloudStorage mirror).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserAvailable, servedApp, telegramUrl } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';
const user = {
  id: 7,
  first_name: 'Ann',
  last_name: 'Lee',
  language_code: 'zh-hans',
  photo_url: 'https://t.me/i/userpic/320/a.jpg',
};
const now = () => Math.floor(Date.now() / 1000);
const initData = (authDate) => `user=${encodeURIComponent(JSON.stringify(user))}&auth_date=${authDate}&hash=abc`;

/** The address of the app opened by a Telegram client of `version` for `user`, signed in at `authDate`. */
const tg = (base, { version, authDate = now(), startParam } = {}) =>
  telegramUrl(base, { version, startParam, initData: initData(authDate) });

/**
 * Opens `url` in a fresh 375×720 context (its own storage) whose stand-in client records every event
 * and answers a method when `window.__answers[method](data)` returns `[event, data]`; CloudStorage
 * requests are answered from `cloud` (kept in window.__cloud). `config` is merged into the app config.
 */
async function open(
  browser,
  url,
  { config = null, cloud = null, context = null, permissions = [], geolocation = null } = {},
) {
  const ctx =
    context
    || (await browser.newContext({ viewport: { width: 375, height: 720 }, ...(geolocation ? { geolocation } : {}) }));
  if (permissions.length) await ctx.grantPermissions(permissions, { origin: new URL(url).origin });
  const page = await ctx.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  await page.addInitScript(
    ({ config, cloud }) => {
      window.__telegramEvents = [];
      window.__answers = {};
      const items = new Map(Object.entries(cloud || {}));
      window.__cloud = items;
      const cloudAnswer = {
        saveStorageValue: (p) => {
          items.set(p.key, p.value);
          return true;
        },
        getStorageValues: (p) => Object.fromEntries(p.keys.map((k) => [k, items.get(k) ?? ''])),
        deleteStorageValues: (p) => {
          for (const k of p.keys) items.delete(k);
          return true;
        },
        getStorageKeys: () => [...items.keys()],
      };
      window.__answers.web_app_invoke_custom_method = (d) => [
        'custom_method_invoked',
        { req_id: d.req_id, result: cloudAnswer[d.method](d.params) },
      ];
      window.TelegramWebviewProxy = {
        postEvent(name, json) {
          const data = json ? JSON.parse(json) : null;
          window.__telegramEvents.push([name, data]);
          const reply = window.__answers[name] && window.__answers[name](data);
          if (reply) setTimeout(() => window.Telegram.WebView.receiveEvent(reply[0], reply[1]));
        },
      };
      if (config) {
        let value;
        Object.defineProperty(window, '__miniportConfig', {
          configurable: true,
          get: () => value,
          set: (v) => {
            value = Object.assign(v, config);
          },
        });
      }
    },
    { config, cloud },
  );
  await page.goto(url);
  await page.waitForSelector('html[data-miniport-ready="true"]', { timeout: 10000 });
  return { page, problems, ctx, close: () => ctx.close() };
}

/** The events posted so far whose name matches `re` (boot's own requests left out). */
const posted = (page, re) =>
  page.evaluate((src) => window.__telegramEvents.filter(([n]) => new RegExp(src).test(n)), re.source);
/** The events posted after the first `from` (see `mark`). */
const postedSince = (page, from) => page.evaluate((n) => window.__telegramEvents.slice(n), from);
/** How many events have been posted so far (boot's own included). */
const mark = (page) => page.evaluate(() => window.__telegramEvents.length);
/** Runs `body` in the page and gives `['ok', result]` or `['fail', result]` of the promise it returns. */
const outcome = (page, body, arg) =>
  page.evaluate(`(${body})(${JSON.stringify(arg)}).then((r) => ['ok', r], (r) => ['fail', r])`);

describe('Telegram priority APIs in Chromium', { skip }, () => {
  const app = servedApp('api-core');

  test(
    'login gives the raw initData as code; checkSession passes while auth_date is fresh; user '
      + 'info comes from the Telegram user',
    async () => {
      const { page, problems, close } = await open(app.browser, tg(app.url));
      const from = await mark(page);
      const out = await page.evaluate(async () => ({
        login: await wx.login(),
        session: await wx.checkSession(),
        info: await wx.getUserInfo(),
        profile: await wx.getUserProfile({ desc: 'show your name' }),
      }));
      assert.equal(out.login.errMsg, 'login:ok');
      assert.match(out.login.code, /^user=%7B%22id%22%3A7.*&auth_date=\d+&hash=abc$/);
      assert.deepEqual(out.session, { errMsg: 'checkSession:ok' });
      const userInfo = {
        nickName: 'Ann Lee',
        avatarUrl: user.photo_url,
        gender: 0,
        country: '',
        province: '',
        city: '',
        language: 'zh_hans',
      };
      assert.deepEqual(out.info, {
        errMsg: 'getUserInfo:ok',
        userInfo,
        rawData: JSON.stringify(userInfo),
        signature: '',
        encryptedData: '',
        iv: '',
      });
      assert.deepEqual(out.profile.userInfo, userInfo);
      assert.equal(out.profile.errMsg, 'getUserProfile:ok');
      assert.deepEqual(await postedSince(page, from), [], 'none of them talks to the client');
      assert.deepEqual(problems, []);
      await close();
    },
  );

  test('checkSession fails with "session time out" once auth_date is older than a day', async () => {
    const { page, close } = await open(app.browser, tg(app.url, { authDate: now() - 86400 - 60 }));
    assert.deepEqual(await outcome(page, () => wx.checkSession()), [
      'fail',
      { errMsg: 'checkSession:fail session time out' },
    ]);
    assert.equal(
      (await page.evaluate(() => wx.login())).errMsg,
      'login:ok',
      'login still gives the code to renew the session with',
    );
    await close();
  });

  test('outside Telegram login, checkSession and the user APIs fail with a clear errMsg', async () => {
    const { page, problems, close } = await open(app.browser, app.url);
    assert.deepEqual(await outcome(page, () => wx.login()), ['fail', { errMsg: 'login:fail no initData' }]);
    assert.deepEqual(await outcome(page, () => wx.checkSession()), [
      'fail',
      { errMsg: 'checkSession:fail session time out' },
    ]);
    assert.deepEqual(await outcome(page, () => wx.getUserInfo()), [
      'fail',
      { errMsg: 'getUserInfo:fail not in Telegram' },
    ]);
    assert.deepEqual(await outcome(page, () => wx.getUserProfile({ desc: 'x' })), [
      'fail',
      { errMsg: 'getUserProfile:fail not in Telegram' },
    ]);
    assert.deepEqual(problems, []);
    await close();
  });

  test(
    'requestPayment opens the invoice of its link: paid succeeds, cancelled fails "cancel", ' + 'failed fails "failed"',
    async () => {
      const { page, problems, close } = await open(app.browser, tg(app.url));
      const results = [];
      for (const status of ['paid', 'cancelled', 'failed']) {
        await page.evaluate((s) => {
          window.__answers.web_app_open_invoice = (d) => ['invoice_closed', { slug: d.slug, status: s }];
        }, status);
        results.push(await outcome(page, () => wx.requestPayment({ package: 'https://t.me/$AbCd-12' })));
      }
      assert.deepEqual(results, [
        ['ok', { errMsg: 'requestPayment:ok' }],
        ['fail', { errMsg: 'requestPayment:fail cancel' }],
        ['fail', { errMsg: 'requestPayment:fail failed' }],
      ]);
      // A reply for another invoice is not this one's.
      await page.evaluate(() => {
        window.__answers.web_app_open_invoice = null;
      });
      const pending = outcome(page, () => wx.requestPayment({ invoiceUrl: 'https://t.me/invoice/Slug2' }));
      await page.waitForFunction(
        () => window.__telegramEvents.filter(([n]) => n === 'web_app_open_invoice').length === 4,
      );
      await page.evaluate(() => {
        window.Telegram.WebView.receiveEvent('invoice_closed', { slug: 'other', status: 'paid' });
        window.Telegram.WebView.receiveEvent('invoice_closed', { slug: 'Slug2', status: 'cancelled' });
      });
      assert.deepEqual(await pending, ['fail', { errMsg: 'requestPayment:fail cancel' }]);
      assert.deepEqual(
        (await posted(page, /invoice/)).map(([, d]) => d),
        [{ slug: 'AbCd-12' }, { slug: 'AbCd-12' }, { slug: 'AbCd-12' }, { slug: 'Slug2' }],
      );
      assert.deepEqual(problems, []);
      await close();
    },
  );

  test(
    'requestPayment without an invoice link fails as a parameter error, before Bot API 6.1 as '
      + 'unsupported, on the web as not in Telegram',
    async () => {
      const bad = [
        'fail',
        { errMsg: 'requestPayment:fail parameter error: parameter.package should be String instead of Undefined;' },
      ];
      const { page, close } = await open(app.browser, tg(app.url));
      assert.deepEqual(await outcome(page, () => wx.requestPayment({ timeStamp: '1', paySign: 'x' })), bad);
      assert.deepEqual(
        (await outcome(page, () => wx.requestPayment({ package: 'prepay_id=wx123 bad' })))[1].errMsg,
        'requestPayment:fail parameter error: parameter.package should be String instead of String;',
      );
      assert.deepEqual(await posted(page, /invoice/), []);
      await close();
      const old = await open(app.browser, tg(app.url, { version: '6.0' }));
      assert.deepEqual(await outcome(old.page, () => wx.requestPayment({ package: 'https://t.me/$AbCd' })), [
        'fail',
        { errMsg: 'requestPayment:fail unsupported' },
      ]);
      assert.deepEqual(await posted(old.page, /invoice/), []);
      await old.close();
      const web = await open(app.browser, app.url);
      assert.deepEqual(await outcome(web.page, () => wx.requestPayment({ package: 'https://t.me/$AbCd' })), [
        'fail',
        { errMsg: 'requestPayment:fail not in Telegram' },
      ]);
      await web.close();
    },
  );

  test(
    "scanCode opens Telegram's QR popup with the text, answers the scanned text and closes the "
      + 'popup; closing it fails "cancel"',
    async () => {
      const { page, problems, close } = await open(app.browser, tg(app.url));
      await page.evaluate(() => {
        window.__answers.web_app_open_scan_qr_popup = () => ['qr_text_received', { data: 'https://example.com/q?a=1' }];
      });
      const res = await page.evaluate(() => wx.scanCode({ text: 'Point at the code' }));
      assert.deepEqual(res, {
        errMsg: 'scanCode:ok',
        result: 'https://example.com/q?a=1',
        scanType: 'QR_CODE',
        charSet: 'utf-8',
        rawData: Buffer.from('https://example.com/q?a=1').toString('base64'),
      });
      await page.evaluate(() => {
        window.__answers.web_app_open_scan_qr_popup = () => ['scan_qr_popup_closed', {}];
      });
      assert.deepEqual(await outcome(page, () => wx.scanCode({})), ['fail', { errMsg: 'scanCode:fail cancel' }]);
      assert.deepEqual(await posted(page, /scan_qr/), [
        ['web_app_open_scan_qr_popup', { text: 'Point at the code' }],
        ['web_app_close_scan_qr_popup', null],
        ['web_app_open_scan_qr_popup', {}],
      ]);
      assert.deepEqual(problems, []);
      await close();
    },
  );

  test('scanCode before Bot API 6.4 fails "not supported"; on the web "not in Telegram"', async () => {
    const old = await open(app.browser, tg(app.url, { version: '6.2' }));
    assert.deepEqual(await outcome(old.page, () => wx.scanCode({})), [
      'fail',
      { errMsg: 'scanCode:fail not supported' },
    ]);
    assert.deepEqual(await posted(old.page, /scan/), []);
    await old.close();
    const web = await open(app.browser, app.url);
    assert.deepEqual(await outcome(web.page, () => wx.scanCode({})), [
      'fail',
      { errMsg: 'scanCode:fail not in Telegram' },
    ]);
    await web.close();
  });

  test(
    "vibrateShort/vibrateLong post Telegram haptics with WeChat's style; before 6.1 and on the "
      + 'web they use navigator.vibrate',
    async () => {
      const { page, problems, close } = await open(app.browser, tg(app.url));
      const errs = await page.evaluate(async () => [
        (await wx.vibrateShort({ type: 'heavy' })).errMsg,
        (await wx.vibrateShort({ type: 'light' })).errMsg,
        (await wx.vibrateShort()).errMsg,
        (await wx.vibrateLong()).errMsg,
      ]);
      assert.deepEqual(errs, ['vibrateShort:ok', 'vibrateShort:ok', 'vibrateShort:ok', 'vibrateLong:ok']);
      assert.deepEqual(
        (await posted(page, /haptic/)).map(([, d]) => d),
        [
          { type: 'impact', impact_style: 'heavy' },
          { type: 'impact', impact_style: 'light' },
          { type: 'impact', impact_style: 'medium' },
          { type: 'notification', notification_type: 'warning' },
        ],
      );
      assert.deepEqual(problems, []);
      await close();
      for (const url of [tg(app.url, { version: '6.0' }), app.url]) {
        const other = await open(app.browser, url);
        await other.page.mouse.click(5, 300); // the browser lets a page vibrate once the user has interacted
        const out = await other.page.evaluate(async () => {
          const calls = [];
          const real = navigator.vibrate.bind(navigator);
          navigator.vibrate = (ms) => {
            calls.push(ms);
            return real(ms);
          };
          return {
            short: (await wx.vibrateShort({ type: 'heavy' })).errMsg,
            long: (await wx.vibrateLong()).errMsg,
            calls,
          };
        });
        assert.deepEqual(out, { short: 'vibrateShort:ok', long: 'vibrateLong:ok', calls: [15, 400] }, url);
        assert.deepEqual(await posted(other.page, /haptic/), []);
        await other.close();
      }
    },
  );

  test('vibrateShort fails "not supported" where neither Telegram haptics nor navigator.vibrate can act', async () => {
    const { page, close } = await open(app.browser, app.url);
    await page.evaluate(() => {
      navigator.vibrate = () => false;
    });
    assert.deepEqual(await outcome(page, () => wx.vibrateShort({ type: 'medium' })), [
      'fail',
      { errMsg: 'vibrateShort:fail not supported' },
    ]);
    await close();
  });

  test(
    'getLocation at Bot API 8.0 asks the LocationManager (check, then request) and maps its '
      + 'answer; a refusal fails "auth deny" and is remembered',
    async () => {
      const { page, problems, close } = await open(app.browser, tg(app.url));
      await page.evaluate(() => {
        window.__answers.web_app_check_location = () => [
          'location_checked',
          { available: true, access_requested: true, access_granted: true },
        ];
        window.__answers.web_app_request_location = () => [
          'location_requested',
          {
            available: true,
            latitude: 31.2304,
            longitude: 121.4737,
            altitude: 12,
            speed: 1.5,
            horizontal_accuracy: 8,
            vertical_accuracy: 3,
          },
        ];
      });
      const wgs = await page.evaluate(() => wx.getLocation({ type: 'wgs84' }));
      assert.deepEqual(wgs, {
        errMsg: 'getLocation:ok',
        latitude: 31.2304,
        longitude: 121.4737,
        speed: 1.5,
        accuracy: 8,
        altitude: 12,
        verticalAccuracy: 3,
        horizontalAccuracy: 8,
      });
      const gcj = await page.evaluate(() => wx.getLocation({ type: 'gcj02' }));
      assert.ok(
        Math.abs(gcj.latitude - 31.2304) > 0.001 && Math.abs(gcj.longitude - 121.4737) > 0.003,
        `GCJ-02 is offset in China: ${gcj.latitude},${gcj.longitude}`,
      );
      assert.deepEqual(
        (await posted(page, /location/)).map(([n]) => n),
        ['web_app_check_location', 'web_app_request_location', 'web_app_check_location', 'web_app_request_location'],
      );
      assert.deepEqual(await page.evaluate(() => wx.getSetting()), {
        errMsg: 'getSetting:ok',
        authSetting: { 'scope.userLocation': true },
      });
      await page.evaluate(() => {
        window.__answers.web_app_request_location = () => ['location_requested', { available: false }];
      });
      // A granted scope stays granted when the client answers without a position.
      assert.deepEqual(await outcome(page, () => wx.getLocation({})), [
        'fail',
        { errMsg: 'getLocation:fail auth deny' },
      ]);
      assert.deepEqual((await page.evaluate(() => wx.getSetting())).authSetting, { 'scope.userLocation': false });
      const before = (await posted(page, /location/)).length;
      assert.deepEqual(await outcome(page, () => wx.getLocation({})), [
        'fail',
        { errMsg: 'getLocation:fail auth deny' },
      ]);
      assert.equal((await posted(page, /location/)).length, before, 'a turned-off scope fails without asking');
      assert.deepEqual(problems, []);
      await close();
    },
  );

  test(
    "getLocation before Bot API 8.0 and on the web uses the browser's geolocation: granted gives "
      + 'the position, refused fails "auth deny"',
    async () => {
      const geolocation = { latitude: 55.7558, longitude: 37.6173, accuracy: 20 };
      const old = await open(app.browser, tg(app.url, { version: '7.10' }), {
        permissions: ['geolocation'],
        geolocation,
      });
      const res = await old.page.evaluate(() => wx.getLocation());
      assert.equal(res.errMsg, 'getLocation:ok');
      assert.deepEqual([res.latitude, res.longitude, res.accuracy], [55.7558, 37.6173, 20]);
      assert.deepEqual(await posted(old.page, /location/), []);
      await old.close();
      const web = await open(app.browser, app.url, { geolocation });
      assert.deepEqual(await outcome(web.page, () => wx.getLocation()), [
        'fail',
        { errMsg: 'getLocation:fail auth deny' },
      ]);
      assert.deepEqual((await web.page.evaluate(() => wx.getSetting())).authSetting, { 'scope.userLocation': false });
      await web.close();
    },
  );

  test(
    'chooseLocation shows a sheet at the current position and answers the name and address typed; '
      + 'Cancel fails "cancel"',
    async () => {
      const geolocation = { latitude: 48.8584, longitude: 2.2945, accuracy: 5 };
      const { page, problems, close } = await open(app.browser, app.url, { permissions: ['geolocation'], geolocation });
      const pending = outcome(page, () => wx.chooseLocation());
      await page.locator('.mp-choose-location input[name="name"]').fill('Tour Eiffel');
      await page.locator('.mp-choose-location input[name="address"]').fill('Champ de Mars');
      await page.locator('.mp-choose-location button[type="submit"]').click();
      // Outside China GCJ-02 equals WGS-84.
      assert.deepEqual(await pending, [
        'ok',
        {
          errMsg: 'chooseLocation:ok',
          name: 'Tour Eiffel',
          address: 'Champ de Mars',
          latitude: 48.8584,
          longitude: 2.2945,
        },
      ]);
      const cancelled = outcome(page, () => wx.chooseLocation({ latitude: 1, longitude: 2 }));
      assert.equal(await page.locator('.mp-choose-location .mp-where').textContent(), '1.000000, 2.000000');
      await page.locator('.mp-choose-location button[name="cancel"]').click();
      assert.deepEqual(await cancelled, ['fail', { errMsg: 'chooseLocation:fail cancel' }]);
      assert.equal(await page.locator('.mp-choose-location').count(), 0);
      assert.deepEqual(problems, []);
      await close();
    },
  );

  test(
    'openLocation opens an OpenStreetMap link: web_app_open_link in Telegram, a new window on the '
      + 'web; bad coordinates fail',
    async () => {
      const { page, close } = await open(app.browser, tg(app.url));
      assert.deepEqual(
        await page.evaluate(() => wx.openLocation({ latitude: 48.8584, longitude: 2.2945, scale: 15, name: 'Tour' })),
        { errMsg: 'openLocation:ok' },
      );
      assert.deepEqual(await posted(page, /open_link/), [
        ['web_app_open_link', { url: 'https://www.openstreetmap.org/?mlat=48.8584&mlon=2.2945#map=15/48.8584/2.2945' }],
      ]);
      assert.deepEqual(await outcome(page, () => wx.openLocation({ latitude: '1', longitude: 2 })), [
        'fail',
        { errMsg: 'openLocation:fail parameter error: latitude and longitude should be Number' },
      ]);
      await close();
      const web = await open(app.browser, app.url);
      // The map is answered in the browser: nothing leaves the machine.
      await web.ctx.route('https://www.openstreetmap.org/**', (route) =>
        route.fulfill({ contentType: 'text/html', body: '<p>map</p>' }),
      );
      const popup = web.ctx.waitForEvent('page');
      await web.page.evaluate(() => wx.openLocation({ latitude: 10, longitude: 20 }));
      const map = await popup;
      await map.waitForLoadState();
      assert.equal(map.url(), 'https://www.openstreetmap.org/?mlat=10&mlon=20#map=16/10/20');
      await web.close();
    },
  );

  test(
    'requestSubscribeMessage asks for write access: allowed accepts every template, cancelled '
      + 'rejects them; old clients and the web fail',
    async () => {
      const { page, problems, close } = await open(app.browser, tg(app.url));
      await page.evaluate(() => {
        window.__answers.web_app_request_write_access = () => ['write_access_requested', { status: 'allowed' }];
      });
      assert.deepEqual(await page.evaluate(() => wx.requestSubscribeMessage({ tmplIds: ['t1', 't2'] })), {
        errMsg: 'requestSubscribeMessage:ok',
        t1: 'accept',
        t2: 'accept',
      });
      await page.evaluate(() => {
        window.__answers.web_app_request_write_access = () => ['write_access_requested', { status: 'cancelled' }];
      });
      assert.deepEqual(await page.evaluate(() => wx.requestSubscribeMessage({ tmplIds: ['t1'] })), {
        errMsg: 'requestSubscribeMessage:ok',
        t1: 'reject',
      });
      assert.deepEqual(await posted(page, /write_access/), [
        ['web_app_request_write_access', null],
        ['web_app_request_write_access', null],
      ]);
      assert.deepEqual(await outcome(page, () => wx.requestSubscribeMessage({})), [
        'fail',
        {
          errMsg:
            'requestSubscribeMessage:fail parameter error: parameter.tmplIds should be Array instead of Undefined;',
        },
      ]);
      assert.deepEqual(problems, []);
      await close();
      const old = await open(app.browser, tg(app.url, { version: '6.7' }));
      assert.deepEqual(await outcome(old.page, () => wx.requestSubscribeMessage({ tmplIds: ['t1'] })), [
        'fail',
        { errMsg: 'requestSubscribeMessage:fail unsupported' },
      ]);
      await old.close();
      const web = await open(app.browser, app.url);
      assert.deepEqual(await outcome(web.page, () => wx.requestSubscribeMessage({ tmplIds: ['t1'] })), [
        'fail',
        { errMsg: 'requestSubscribeMessage:fail not in Telegram' },
      ]);
      await web.close();
    },
  );

  test(
    "setNavigationBarColor sets Telegram's header colour and the bar; setBackgroundColor sets "
      + "Telegram's background and the page's",
    async () => {
      const { page, problems, close } = await open(app.browser, tg(app.url));
      const from = await mark(page);
      const res = await page.evaluate(async () => [
        (await wx.setNavigationBarColor({ frontColor: '#ffffff', backgroundColor: '#ff0000' })).errMsg,
        (
          await wx.setBackgroundColor({
            backgroundColor: '#00ff00',
            backgroundColorTop: '#0000ff',
            backgroundColorBottom: '#ffff00',
          })
        ).errMsg,
      ]);
      assert.deepEqual(res, ['setNavigationBarColor:ok', 'setBackgroundColor:ok']);
      const colours = (await postedSince(page, from)).filter(([n]) => /set_(header|background)_color/.test(n));
      assert.deepEqual(colours, [
        ['web_app_set_header_color', { color: '#ff0000' }],
        ['web_app_set_background_color', { color: '#00ff00' }],
      ]);
      const look = await page.evaluate(() => ({
        bar: getComputedStyle(document.querySelector('.miniport-navbar')).backgroundColor,
        app: getComputedStyle(document.querySelector('.miniport-app')).backgroundColor,
        root: getComputedStyle(document.documentElement).backgroundImage,
      }));
      assert.deepEqual(look, {
        bar: 'rgb(255, 0, 0)',
        app: 'rgb(0, 255, 0)',
        root: 'linear-gradient(rgb(0, 0, 255) 50%, rgb(255, 255, 0) 50%)',
      });
      assert.deepEqual(await outcome(page, () => wx.setBackgroundColor({ backgroundColor: 5 })), [
        'fail',
        {
          errMsg:
            'setBackgroundColor:fail parameter error: parameter.backgroundColor should be String instead of Number;',
        },
      ]);
      assert.deepEqual(
        await outcome(page, () => wx.setNavigationBarColor({ frontColor: '#123456', backgroundColor: '#000000' })),
        ['fail', { errMsg: 'setNavigationBarColor:fail invalid frontColor' }],
      );
      assert.deepEqual(problems, []);
      await close();
      for (const url of [tg(app.url, { version: '6.0' }), app.url]) {
        const other = await open(app.browser, url);
        const since = await mark(other.page);
        assert.equal(
          (await other.page.evaluate(() => wx.setBackgroundColor({ backgroundColor: '#123456' }))).errMsg,
          'setBackgroundColor:ok',
        );
        assert.equal(
          await other.page.evaluate(() => getComputedStyle(document.querySelector('.miniport-app')).backgroundColor),
          'rgb(18, 52, 86)',
        );
        assert.deepEqual(await postedSince(other.page, since), [], url);
        await other.close();
      }
    },
  );

  test('makePhoneCall follows a tel: link with the digits of the number; a missing number fails', async () => {
    for (const url of [tg(app.url), app.url]) {
      const { page, problems, close } = await open(app.browser, url);
      const out = await page.evaluate(async () => {
        const links = [];
        document.addEventListener(
          'click',
          (e) => {
            if (e.target.href) {
              links.push(e.target.href);
              e.preventDefault();
            }
          },
          true,
        );
        return { res: await wx.makePhoneCall({ phoneNumber: '+86 (10) 1234-5678' }), links };
      });
      assert.deepEqual(out, { res: { errMsg: 'makePhoneCall:ok' }, links: ['tel:+861012345678'] });
      assert.deepEqual(await outcome(page, () => wx.makePhoneCall({})), [
        'fail',
        { errMsg: 'makePhoneCall:fail parameter error: parameter.phoneNumber should be String instead of Undefined;' },
      ]);
      assert.deepEqual(problems, []);
      await close();
    }
  });

  test(
    "showToast draws WeChat's toast (icon, title, duration) with a success/error haptic in "
      + 'Telegram; mask keeps taps from the page',
    async () => {
      const { page, problems, close } = await open(app.browser, tg(app.url));
      await page.evaluate(() => wx.showToast({ title: 'Saved', icon: 'success', duration: 100000 }));
      const toast = page.locator('.miniport-toast');
      const look = await toast.evaluate((el) => {
        const s = getComputedStyle(el);
        return {
          position: s.position,
          bg: s.backgroundColor,
          color: s.color,
          radius: s.borderRadius,
          icon: el.querySelector('.miniport-toast-icon').textContent,
          title: el.querySelector('.miniport-toast-title').textContent,
        };
      });
      assert.deepEqual(look, {
        position: 'fixed',
        bg: 'rgba(17, 17, 17, 0.7)',
        color: 'rgb(255, 255, 255)',
        radius: '8px',
        icon: '\u2713',
        title: 'Saved',
      });
      await page.evaluate(() => wx.showToast({ title: 'Oops', icon: 'error', duration: 100000 }));
      assert.equal(await toast.locator('.miniport-toast-icon').textContent(), '\u2715');
      await page.evaluate(() => wx.showToast({ title: 'Plain text only', icon: 'none', duration: 100000 }));
      assert.equal(await toast.locator('.miniport-toast-icon').count(), 0);
      assert.deepEqual(
        (await posted(page, /haptic/)).map(([, d]) => d),
        [
          { type: 'notification', notification_type: 'success' },
          { type: 'notification', notification_type: 'error' },
        ],
      );
      // Without a mask a tap reaches the page; with one it does not.
      await page.evaluate(() => {
        window.__taps = 0;
        document.querySelector('.title').addEventListener('click', () => {
          window.__taps += 1;
        });
      });
      await page.locator('.title').click();
      await page.evaluate(() => wx.showToast({ title: 'Busy', icon: 'none', mask: true, duration: 100000 }));
      await page.mouse.click(20, 60);
      assert.equal(await page.evaluate(() => window.__taps), 1);
      assert.equal(await page.evaluate(() => document.elementFromPoint(20, 60).className), 'miniport-toast-mask');
      await page.evaluate(() => wx.hideToast());
      assert.equal(await toast.isHidden(), true);
      assert.equal(await page.locator('.miniport-toast-mask').count(), 0);
      // The toast hides itself after `duration`.
      await page.evaluate(() => wx.showToast({ title: 'Soon gone', duration: 300 }));
      await page.waitForSelector('.miniport-toast', { state: 'hidden', timeout: 5000 });
      assert.deepEqual(problems, []);
      await close();
    },
  );

  test(
    "showLoading takes the toast's place with a spinner until hideLoading; hideToast leaves a "
      + 'loading alone; an image replaces the icon',
    async () => {
      const { page, problems, close } = await open(app.browser, app.url);
      await page.evaluate(() => wx.showToast({ title: 'First', duration: 100000 }));
      assert.equal(
        (await page.evaluate(() => wx.showLoading({ title: 'Loading', mask: true }))).errMsg,
        'showLoading:ok',
      );
      assert.equal(await page.locator('.miniport-toast').count(), 1, 'one slot for both');
      const spin = await page.locator('.miniport-toast-icon').evaluate((el) => {
        const s = getComputedStyle(el);
        return [s.animationName, s.borderTopColor, s.width];
      });
      assert.deepEqual(spin, ['miniport-spin', 'rgb(255, 255, 255)', '32px']);
      assert.equal(await page.locator('.miniport-toast-title').textContent(), 'Loading');
      await page.evaluate(() => wx.hideToast());
      assert.equal(await page.locator('.miniport-toast').isVisible(), true);
      await page.evaluate(() => wx.hideLoading());
      assert.equal(await page.locator('.miniport-toast').isHidden(), true);
      await page.evaluate(() =>
        wx.showToast({ title: 'Pic', image: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=', duration: 100000 }),
      );
      assert.equal(
        await page.locator('img.miniport-toast-icon').getAttribute('src'),
        'data:image/gif;base64,R0lGODlhAQABAAAAACw=',
      );
      assert.deepEqual(problems, []);
      await close();
    },
  );

  test(
    "system info, window info and the menu button follow the viewport and Telegram's safe areas; " + 'the web has none',
    async () => {
      const { page, problems, close } = await open(app.browser, tg(app.url));
      const out = await page.evaluate(() => {
        window.Telegram.WebView.receiveEvent('safe_area_changed', { top: 24, bottom: 34, left: 0, right: 0 });
        window.Telegram.WebView.receiveEvent('content_safe_area_changed', { top: 46, bottom: 0, left: 0, right: 0 });
        return { sys: wx.getSystemInfoSync(), win: wx.getWindowInfo(), menu: wx.getMenuButtonBoundingClientRect() };
      });
      assert.deepEqual(out.win, {
        pixelRatio: 1,
        screenWidth: 375,
        screenHeight: 720,
        windowWidth: 375,
        windowHeight: 720 - 44, // the window is under the 44 px navigation bar, as in WeChat
        statusBarHeight: 70,
        safeArea: { left: 0, right: 375, top: 70, bottom: 686, width: 375, height: 616 },
        screenTop: 0,
      });
      assert.deepEqual(out.menu, { width: 87, height: 32, top: 74, bottom: 106, left: 281, right: 368 });
      for (const k of Object.keys(out.win)) assert.deepEqual(out.sys[k], out.win[k], k);
      assert.equal(out.sys.platform, 'android', 'tgWebAppPlatform android');
      assert.match(out.sys.system, /^android\b/);
      assert.equal(out.sys.theme, 'light');
      assert.deepEqual(problems, []);
      await close();
      const web = await open(app.browser, app.url);
      const w = await web.page.evaluate(() => ({
        win: wx.getWindowInfo(),
        menu: wx.getMenuButtonBoundingClientRect(),
      }));
      assert.deepEqual([w.win.statusBarHeight, w.win.safeArea.top, w.win.safeArea.bottom], [0, 0, 720]);
      assert.deepEqual(w.menu, { width: 87, height: 32, top: 4, bottom: 36, left: 281, right: 368 });
      await web.close();
    },
  );

  test(
    'getLaunchOptionsSync/getEnterOptionsSync decode start_param into the page and its query; the '
      + 'web gives the entry page',
    async () => {
      const param = Buffer.from('pages/index/index?x=1&name=%E5%AE%89').toString('base64url');
      const { page, problems, close } = await open(app.browser, tg(app.url, { startParam: param }));
      const out = await page.evaluate(() => [wx.getLaunchOptionsSync(), wx.getEnterOptionsSync()]);
      const expected = {
        path: 'pages/index/index',
        query: { x: '1', name: '安' },
        scene: 1001,
        referrerInfo: {},
        forwardMaterials: [],
        apiCategory: 'default',
      };
      assert.deepEqual(out, [expected, expected]);
      assert.deepEqual(problems, []);
      await close();
      const web = await open(app.browser, app.url);
      assert.deepEqual(await web.page.evaluate(() => wx.getLaunchOptionsSync()), { ...expected, query: {} });
      await web.close();
    },
  );

  test(
    "onAppHide/onAppShow follow Telegram's deactivated/activated and the page's visibility on the "
      + 'web; offAppShow stops a listener',
    async () => {
      const { page, problems, close } = await open(app.browser, tg(app.url));
      const log = await page.evaluate(async () => {
        const log = [];
        const show = (o) => log.push(`show ${o.path}`);
        wx.onAppShow(show);
        wx.onAppHide(() => log.push('hide'));
        window.Telegram.WebView.receiveEvent('deactivated', {});
        window.Telegram.WebView.receiveEvent('activated', {});
        wx.offAppShow(show);
        window.Telegram.WebView.receiveEvent('activated', {});
        return log;
      });
      assert.deepEqual(log, ['hide', 'show pages/index/index']);
      assert.deepEqual(problems, []);
      await close();
      const web = await open(app.browser, app.url);
      const webLog = await web.page.evaluate(() => {
        const log = [];
        wx.onAppShow((o) => log.push(`show ${o.path}`));
        wx.onAppHide(() => log.push('hide'));
        let state = 'hidden';
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
        document.dispatchEvent(new Event('visibilitychange'));
        state = 'visible';
        document.dispatchEvent(new Event('visibilitychange'));
        return log;
      });
      assert.deepEqual(webLog, ['hide', 'show pages/index/index']);
      await web.close();
    },
  );

  test(
    'authorize prompts once per scope (allow, deny), getSetting reports it across a reload, '
      + 'openSetting toggles it',
    async () => {
      const { page, problems, close } = await open(app.browser, app.url);
      const allowed = outcome(page, () => wx.authorize({ scope: 'scope.userLocation' }));
      await page.locator('.miniport-modal-title').waitFor();
      assert.match(await page.locator('.miniport-modal').textContent(), /获取你的位置信息/);
      await page.locator('.miniport-modal-confirm').click();
      assert.deepEqual(await allowed, ['ok', { errMsg: 'authorize:ok' }]);
      const denied = outcome(page, () => wx.authorize({ scope: 'scope.camera' }));
      await page.locator('.miniport-modal-cancel', { hasText: '拒绝' }).click();
      assert.deepEqual(await denied, ['fail', { errMsg: 'authorize:fail auth deny' }]);
      // Decided scopes do not ask again.
      assert.deepEqual(await outcome(page, () => wx.authorize({ scope: 'scope.userLocation' })), [
        'ok',
        { errMsg: 'authorize:ok' },
      ]);
      assert.deepEqual(await outcome(page, () => wx.authorize({ scope: 'scope.camera' })), [
        'fail',
        { errMsg: 'authorize:fail auth deny' },
      ]);
      assert.deepEqual(await outcome(page, () => wx.authorize({ scope: 'scope.nothing' })), [
        'fail',
        { errMsg: 'authorize:fail invalid scope' },
      ]);
      assert.deepEqual(await outcome(page, () => wx.authorize({ scope: 'scope.userInfo' })), [
        'ok',
        { errMsg: 'authorize:ok' },
      ]);
      assert.equal(await page.locator('.miniport-modal').count(), 0);
      await page.reload();
      await page.waitForSelector('html[data-miniport-ready="true"]');
      assert.deepEqual(await page.evaluate(() => wx.getSetting()), {
        errMsg: 'getSetting:ok',
        authSetting: { 'scope.userLocation': true, 'scope.camera': false },
      });
      const setting = outcome(page, () => wx.openSetting());
      await page.locator('.miniport-setting-row', { hasText: '获取你的位置信息' }).click();
      await page.locator('.miniport-setting-row', { hasText: '使用你的摄像头' }).click();
      await page.locator('.miniport-setting .miniport-modal-confirm').click();
      assert.deepEqual(await setting, [
        'ok',
        { errMsg: 'openSetting:ok', authSetting: { 'scope.userLocation': false, 'scope.camera': true } },
      ]);
      assert.deepEqual((await page.evaluate(() => wx.getSetting())).authSetting, {
        'scope.userLocation': false,
        'scope.camera': true,
      });
      assert.deepEqual(await outcome(page, () => wx.authorize({ scope: 'scope.userLocation' })), [
        'fail',
        { errMsg: 'authorize:fail auth deny' },
      ]);
      assert.deepEqual(await page.evaluate(() => wx.getStorageInfoSync().keys), [], 'the registry is not app storage');
      assert.deepEqual(problems, []);
      await close();
    },
  );

  test('getNetworkType and onNetworkStatusChange follow the browser going offline and back', async () => {
    const { page, problems, ctx, close } = await open(app.browser, tg(app.url));
    await page.evaluate(() => {
      window.__net = [];
      wx.onNetworkStatusChange((r) => window.__net.push(r));
    });
    const online = await page.evaluate(() => wx.getNetworkType());
    assert.equal(online.errMsg, 'getNetworkType:ok');
    assert.notEqual(online.networkType, 'none');
    await ctx.setOffline(true);
    await page.waitForFunction(() => window.__net.length === 1);
    assert.deepEqual(await page.evaluate(() => wx.getNetworkType()), {
      errMsg: 'getNetworkType:ok',
      networkType: 'none',
      hasSystemProxy: false,
    });
    await ctx.setOffline(false);
    await page.waitForFunction(() => window.__net.length === 2);
    const net = await page.evaluate(() => window.__net);
    assert.deepEqual(net[0], { isConnected: false, networkType: 'none' });
    assert.equal(net[1].isConnected, true);
    assert.notEqual(net[1].networkType, 'none');
    assert.deepEqual(problems, []);
    await close();
  });

  test(
    'storage in Chromium: types round-trip, getStorageInfo counts KB, a value over 1 MB and the '
      + "browser's quota fail with WeChat's messages",
    async () => {
      const { page, problems, close } = await open(app.browser, app.url);
      const out = await page.evaluate(async () => {
        wx.setStorageSync('n', 1);
        wx.batchSetStorageSync([
          { key: 'd', value: new Date(5) },
          { key: 'o', value: { a: [1] } },
        ]);
        const got = await wx.getStorage({ key: 'o' });
        const batch = await wx.batchGetStorage({ keyList: ['n', 'd', 'x'] });
        const info = await wx.getStorageInfo();
        const errors = [];
        try {
          wx.setStorageSync('big', 'x'.repeat(1024 * 1024));
        } catch (e) {
          errors.push(e.message);
        }
        const chunk = 'y'.repeat(1000 * 1000);
        try {
          for (let i = 0; i < 12; i++) wx.setStorageSync(`c${i}`, chunk);
        } catch (e) {
          errors.push(e.message);
        }
        const filled = wx.getStorageInfoSync();
        const failed = await wx.setStorage({ key: 'more', data: chunk }).catch((r) => r);
        return {
          got,
          batch: [batch.dataList[0], batch.dataList[1] instanceof Date, batch.dataList[2]],
          info,
          errors,
          filled: filled.keys.length,
          size: filled.currentSize,
          failed,
        };
      });
      assert.deepEqual(out.got, { errMsg: 'getStorage:ok', data: { a: [1] } });
      assert.deepEqual(out.batch, [1, true, '']);
      assert.deepEqual(
        { ...out.info, keys: [...out.info.keys].sort() },
        { errMsg: 'getStorageInfo:ok', keys: ['d', 'n', 'o'], currentSize: 1, limitSize: 10240 },
      );
      assert.deepEqual(out.errors, [
        'setStorage:fail data exceed 1MB limit',
        'setStorage:fail exceed storage max size 10MB',
      ]);
      assert.ok(out.filled >= 6 && out.filled < 15, `${out.filled} keys fit`);
      assert.ok(out.size > 4000, `${out.size} KB used`);
      assert.deepEqual(out.failed, { errMsg: 'setStorage:fail exceed storage max size 10MB' });
      assert.deepEqual(problems, []);
      await close();
    },
  );

  test(
    'with cloudStorageMirror in Telegram, storage is copied to CloudStorage, and a wiped storage '
      + 'is restored from it at start',
    async () => {
      const config = { cloudStorageMirror: true };
      const first = await open(app.browser, tg(app.url), { config });
      await first.page.evaluate(async () => {
        wx.setStorageSync('token', 'abc');
        await wx.setStorage({ key: '购物车', data: [1, 2] });
        wx.setStorageSync('huge', 'z'.repeat(5000));
      });
      await first.page.waitForFunction(() => window.__cloud.size === 2);
      const cloud = await first.page.evaluate(() => Object.fromEntries(window.__cloud));
      assert.deepEqual(cloud, {
        token: '{"t":"string","v":"abc"}',
        [`_${Buffer.from('购物车').toString('base64url')}`]: '{"t":"object","v":[1,2]}',
      });
      assert.deepEqual(first.problems, []);
      await first.close();
      // A new device (empty localStorage): boot reads the keys back before the app's code runs much.
      const second = await open(app.browser, tg(app.url), { config, cloud });
      await second.page.waitForFunction(() => wx.getStorageInfoSync().keys.length === 2);
      assert.deepEqual(await second.page.evaluate(() => [wx.getStorageSync('token'), wx.getStorageSync('购物车')]), [
        'abc',
        [1, 2],
      ]);
      const asked = (await posted(second.page, /custom_method/)).map(([, d]) => d.method);
      assert.deepEqual(asked, ['getStorageKeys', 'getStorageValues']);
      await second.close();
      // Without the flag, or on the web, nothing is sent.
      for (const [url, opts] of [
        [tg(app.url), {}],
        [app.url, { config }],
      ]) {
        const other = await open(app.browser, url, opts);
        await other.page.evaluate(() => wx.setStorageSync('k', 1));
        assert.deepEqual(await posted(other.page, /custom_method/), [], url);
        await other.close();
      }
    },
  );
});
