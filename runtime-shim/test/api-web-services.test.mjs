// The web-service wx APIs in jsdom: base64, idle callbacks, buffer URLs, settings and account answers, managers
// (performance, logs, updates), the deferred asynchronous ones (random values, fonts, assets, privacy, restart)
// and their failure paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { webApis } from '../src/api/web/index.js';
import { setup } from './router-fake.mjs';

function page(url = 'https://app.test/shop/index.html?keep=1&mp=pages/a/a#tgWebAppVersion=8.0') {
  return new JSDOM('<!doctype html><html><head></head><body><input id="f" value="hello world"></body></html>', {
    url,
    pretendToBeVisual: true,
  }).window;
}

test(
  'arrayBufferToBase64 and base64ToArrayBuffer round-trip every byte value; typed-array views '
    + 'encode only their bytes',
  () => {
    const wx = webApis({ win: page() });
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const b64 = wx.arrayBufferToBase64(bytes.buffer);
    assert.equal(b64, Buffer.from(bytes).toString('base64'));
    assert.deepEqual(new Uint8Array(wx.base64ToArrayBuffer(b64)), bytes);
    assert.equal(wx.arrayBufferToBase64(bytes.subarray(65, 68)), 'QUJD');
    assert.ok(wx.base64ToArrayBuffer('QUJD') instanceof ArrayBuffer);
    assert.equal(wx.arrayBufferToBase64(new ArrayBuffer(0)), '');
  },
);

test(
  'requestIdleCallback runs the callback with a deadline and returns an id cancelIdleCallback can ' + 'cancel',
  async () => {
    const win = page();
    delete win.requestIdleCallback; // jsdom has none: the setTimeout fallback (Safari)
    const wx = webApis({ win });
    const ran = [];
    const cancelled = wx.requestIdleCallback(() => ran.push('cancelled'));
    wx.cancelIdleCallback(cancelled);
    const deadline = await new Promise((resolve) => wx.requestIdleCallback(resolve));
    assert.deepEqual(ran, []);
    assert.equal(deadline.didTimeout, false);
    assert.equal(typeof deadline.timeRemaining(), 'number');
  },
);

test('createBufferURL gives a blob: URL of the bytes; revokeBufferURL revokes it', async () => {
  const { resolveObjectURL } = await import('node:buffer');
  const wx = webApis({ win: page() });
  const url = wx.createBufferURL(new TextEncoder().encode('abc').buffer);
  assert.match(url, /^blob:/);
  assert.equal(await resolveObjectURL(url).text(), 'abc');
  wx.revokeBufferURL(url);
  assert.equal(resolveObjectURL(url), undefined);
});

test('getAccountInfoSync answers from app-config: appId, envVersion release, version', () => {
  const wx = webApis({ win: page(), config: { appId: 'wx123', appVersion: '1.2.0' } });
  assert.deepEqual(wx.getAccountInfoSync(), {
    miniProgram: { appId: 'wx123', envVersion: 'release', version: '1.2.0' },
    plugin: {},
  });
  assert.deepEqual(webApis({ win: page() }).getAccountInfoSync().miniProgram, {
    appId: '',
    envVersion: 'release',
    version: '',
  });
});

test(
  'constant answers: skyline unsupported, api category default, no experiments, no '
    + 'picture-in-picture, system setting',
  async () => {
    const win = page();
    const wx = webApis({ win });
    assert.equal(wx.getSkylineInfoSync().isSupported, false);
    assert.equal(wx.getApiCategory(), 'default');
    assert.deepEqual(wx.getExptInfoSync(['a']), {});
    assert.equal(wx.checkIsPictureInPictureActive(), false);
    const s = wx.getSystemSetting();
    assert.deepEqual(Object.keys(s).sort(), [
      'bluetoothEnabled',
      'deviceOrientation',
      'locationEnabled',
      'wifiEnabled',
    ]);
    assert.equal(s.bluetoothEnabled, false);
    assert.ok(['portrait', 'landscape'].includes(s.deviceOrientation));
    const sk = await wx.getSkylineInfo();
    assert.deepEqual([sk.errMsg, sk.isSupported], ['getSkylineInfo:ok', false]);
  },
);

test(
  'getAppAuthorizeSetting maps the Permissions API: granted → authorized, denied → denied, prompt '
    + '→ not determined',
  async () => {
    const win = page();
    const states = { camera: 'granted', microphone: 'denied', geolocation: 'prompt', notifications: 'granted' };
    Object.defineProperty(win.navigator, 'permissions', {
      value: { query: async ({ name }) => ({ state: states[name] }) },
      configurable: true,
    });
    const wx = webApis({ win });
    await new Promise((r) => setTimeout(r, 0));
    const s = wx.getAppAuthorizeSetting();
    assert.equal(s.cameraAuthorized, 'authorized');
    assert.equal(s.microphoneAuthorized, 'denied');
    assert.equal(s.locationAuthorized, 'not determined');
    assert.equal(s.notificationAuthorized, 'authorized');
    assert.equal(s.locationReducedAccuracy, false);
    // Without the Permissions API every state is 'not determined'.
    assert.equal(webApis({ win: page() }).getAppAuthorizeSetting().cameraAuthorized, 'not determined');
  },
);

test('getRandomValues resolves randomValues, an ArrayBuffer of length bytes; a bad length fails', async () => {
  const wx = webApis({ win: page() });
  const res = await wx.getRandomValues({ length: 100000 });
  assert.equal(res.errMsg, 'getRandomValues:ok');
  assert.ok(res.randomValues instanceof ArrayBuffer);
  assert.equal(res.randomValues.byteLength, 100000);
  assert.ok(new Uint8Array(res.randomValues).some((b) => b !== 0));
  await assert.rejects(
    wx.getRandomValues({}),
    (r) => r.errMsg === 'getRandomValues:fail parameter error: parameter.length should be Number instead of Undefined;',
  );
});

test(
  'getRendererUserAgent, checkIsOpenAccessibility, getDeviceBenchmarkInfo, getPrivacySetting, '
    + 'requirePrivacyAuthorize',
  async () => {
    const win = page();
    Object.defineProperty(win.navigator, 'hardwareConcurrency', { value: 8, configurable: true });
    const wx = webApis({ win, config: { privacyContractName: 'Shop privacy' } });
    assert.equal((await wx.getRendererUserAgent()).userAgent, win.navigator.userAgent);
    assert.deepEqual(await wx.checkIsOpenAccessibility(), { errMsg: 'checkIsOpenAccessibility:ok', open: false });
    const bench = await wx.getDeviceBenchmarkInfo();
    assert.ok(bench.benchmarkLevel >= 1 && bench.benchmarkLevel <= 50);
    assert.ok([1, 2, 3].includes(bench.modelLevel));
    assert.deepEqual(await wx.getPrivacySetting(), {
      errMsg: 'getPrivacySetting:ok',
      needAuthorization: false,
      privacyContractName: 'Shop privacy',
    });
    assert.equal((await wx.requirePrivacyAuthorize()).errMsg, 'requirePrivacyAuthorize:ok');
  },
);

test("getSelectedTextRange answers the focused input's selection; with no focused input it fails", async () => {
  const win = page();
  const wx = webApis({ win });
  await assert.rejects(wx.getSelectedTextRange(), { errMsg: 'getSelectedTextRange:fail no focused input' });
  const input = win.document.getElementById('f');
  input.focus();
  input.setSelectionRange(2, 5);
  assert.deepEqual(await wx.getSelectedTextRange(), { errMsg: 'getSelectedTextRange:ok', start: 2, end: 5 });
});

test(
  'setEnableDebug, setBackgroundTextStyle, setTopBarText, preloadWebview, preloadSkylineView '
    + 'succeed; bad parameters fail',
  async () => {
    const wx = webApis({ win: page() });
    assert.equal((await wx.setEnableDebug({ enableDebug: true })).errMsg, 'setEnableDebug:ok');
    assert.equal((await wx.setBackgroundTextStyle({ textStyle: 'light' })).errMsg, 'setBackgroundTextStyle:ok');
    await assert.rejects(wx.setBackgroundTextStyle({ textStyle: 'blue' }), {
      errMsg: 'setBackgroundTextStyle:fail invalid textStyle "blue"',
    });
    assert.equal((await wx.setTopBarText({ text: 'Hi' })).errMsg, 'setTopBarText:ok');
    assert.equal((await wx.preloadWebview()).errMsg, 'preloadWebview:ok');
    assert.equal((await wx.preloadSkylineView()).errMsg, 'preloadSkylineView:ok');
  },
);

test('preloadAssets adds <link rel=preload> for fonts and other files; data must be an Array', async () => {
  const win = page();
  const wx = webApis({ win });
  await wx.preloadAssets({
    data: [
      { type: 'font', src: '/fonts/a.woff2' },
      { type: 'text', src: '/data.json' },
    ],
  });
  const links = [...win.document.head.querySelectorAll('link[rel=preload]')].map((l) => [
    l.getAttribute('as'),
    l.getAttribute('href'),
  ]);
  assert.deepEqual(links, [
    ['font', '/fonts/a.woff2'],
    ['fetch', '/data.json'],
  ]);
  await assert.rejects(wx.preloadAssets({}), (r) =>
    r.errMsg.startsWith('preloadAssets:fail parameter error: parameter.data should be Array'),
  );
});

test(
  'loadFontFace without the FontFace API fails with status error; a missing family fails as a ' + 'parameter error',
  async () => {
    const wx = webApis({ win: page() });
    const res = await new Promise((resolve) =>
      wx.loadFontFace({ family: 'X', source: 'url("/x.ttf")', fail: resolve }),
    );
    assert.deepEqual(res, { status: 'error', errMsg: 'loadFontFace:fail the FontFace API is not supported' });
    await assert.rejects(
      wx.loadFontFace({ source: 'url("/x.ttf")' }),
      (r) => r.errMsg === 'loadFontFace:fail parameter error: parameter.family should be String instead of Undefined;',
    );
  },
);

test(
  'restartMiniProgram reloads the app at the path, keeping the other query parameters and ' + "Telegram's hash",
  async () => {
    const win = page();
    const replaced = [];
    const wx = webApis({
      win: {
        ...win,
        document: win.document,
        navigator: win.navigator,
        location: {
          pathname: '/shop/index.html',
          search: '?keep=1&mp=pages/a/a',
          hash: '#tgWebAppVersion=8.0',
          replace: (u) => replaced.push(u),
        },
      },
    });
    assert.equal((await wx.restartMiniProgram({ path: '/pages/b/b?x=1' })).errMsg, 'restartMiniProgram:ok');
    await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(replaced, ['/shop/index.html?keep=1&mp=pages/b/b%3Fx%3D1#tgWebAppVersion=8.0']);
    await assert.rejects(wx.restartMiniProgram({}), (r) =>
      r.errMsg.startsWith('restartMiniProgram:fail parameter error: parameter.path'),
    );
  },
);

test('getUpdateManager: one object; onCheckForUpdate hears hasUpdate false; applyUpdate reloads', async () => {
  let reloaded = 0;
  const wx = webApis({ win: { location: { reload: () => reloaded++ } } });
  const m = wx.getUpdateManager();
  assert.equal(wx.getUpdateManager(), m);
  assert.deepEqual(await new Promise((resolve) => m.onCheckForUpdate(resolve)), { hasUpdate: false });
  m.onUpdateReady(() => assert.fail('no update is ever ready'));
  m.onUpdateFailed(() => {});
  m.applyUpdate();
  assert.equal(reloaded, 1);
});

test(
  'getLogManager and getRealtimeLogManager write to the console; the realtime filter messages and '
    + 'tags prefix lines',
  (t) => {
    const lines = [];
    for (const k of ['debug', 'info', 'log', 'warn', 'error'])
      t.mock.method(console, k, (...args) => lines.push([k, ...args]));
    const wx = webApis({ win: page() });
    const log = wx.getLogManager({ level: 1 });
    log.log('a', 1);
    log.debug('b');
    log.warn('c');
    const rt = wx.getRealtimeLogManager();
    rt.info('i');
    rt.setFilterMsg('order');
    rt.addFilterMsg('pay');
    rt.error('e');
    rt.tag('cart').warn('w');
    assert.deepEqual(lines, [
      ['log', 'a', 1],
      ['debug', 'b'],
      ['warn', 'c'],
      ['info', 'i'],
      ['error', '{order,pay}', 'e'],
      ['warn', '[cart]', 'w'],
    ]);
  },
);

test('report* send a beacon to config.reportUrl and do nothing without one', () => {
  const sent = [];
  const win = page();
  Object.defineProperty(win.navigator, 'sendBeacon', {
    value: (url, body) => {
      sent.push([url, JSON.parse(body)]);
      return true;
    },
    configurable: true,
  });
  webApis({ win }).reportEvent('buy', { id: 1 });
  assert.deepEqual(sent, []);
  const wx = webApis({ win, config: { reportUrl: 'https://stats.test/r', appId: 'wx1' } });
  assert.equal(wx.reportEvent('buy', { id: 1 }), undefined);
  wx.reportMonitor('m1', 3);
  assert.deepEqual(
    sent.map(([u, b]) => [u, b.api, b.args, b.appId]),
    [
      ['https://stats.test/r', 'reportEvent', ['buy', { id: 1 }], 'wx1'],
      ['https://stats.test/r', 'reportMonitor', ['m1', 3], 'wx1'],
    ],
  );
});

test('getPerformance records a navigation entry per route (appLaunch, then route) and tells observers', async () => {
  const e = setup();
  const wx = webApis({ router: e.router, win: e.win, config: e.router.config });
  const perf = wx.getPerformance();
  assert.equal(wx.getPerformance(), perf);
  const seen = [];
  const observer = perf.createObserver((list) => seen.push(...list.getEntries().map((x) => x.name)));
  observer.observe({ entryTypes: ['navigation'] });
  await e.router.start();
  await e.router.navigateTo('/pages/detail/detail?id=1');
  observer.disconnect();
  await e.router.navigateBack();
  const nav = perf.getEntriesByType('navigation');
  assert.deepEqual(
    nav.map((x) => [x.name, x.path, x.navigationType]),
    [
      ['appLaunch', 'pages/index/index', 'appLaunch'],
      ['route', 'pages/detail/detail', 'navigateTo'],
      ['route', 'pages/index/index', 'navigateBack'],
    ],
  );
  assert.ok(nav.every((x) => x.duration >= 0 && typeof x.startTime === 'number'));
  assert.deepEqual(seen, ['appLaunch', 'route']);
  assert.equal(perf.getEntriesByName('appLaunch').length, 1);
});

test('createWorker without Worker support throws createWorker:fail', () => {
  const win = page();
  delete win.Worker;
  assert.throws(() => webApis({ win }).createWorker('workers/a/index.js'), {
    message: 'createWorker:fail Worker is not supported',
  });
});

test('privacy and API-category listeners never fire and accept any argument', () => {
  const wx = webApis({});
  assert.equal(
    wx.onNeedPrivacyAuthorization(() => assert.fail()),
    undefined,
  );
  wx.onApiCategoryChange(() => {});
  wx.offApiCategoryChange();
});
