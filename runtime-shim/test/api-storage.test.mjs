// wx storage on localStorage (WeChat's shapes, limits and errMsg, batch forms, the CloudStorage mirror), toast/loading,
// system info.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { storageApis, storageSettled } from '../src/api/core/storage.js';
import { cloudKey, localKey } from '../src/api/core/storage-cloud.js';
import { createBridge } from '../src/telegram/bridge.js';
import { installTelegramMock } from '../src/telegram/mock.js';
import { feedbackApis } from '../src/api/core/feedback.js';
import { systemApis } from '../src/api/core/system.js';

const dom = new JSDOM('<!doctype html><body></body>', { url: 'http://127.0.0.1/', pretendToBeVisual: true });
globalThis.localStorage = dom.window.localStorage;
globalThis.document = dom.window.document;
const wx = { ...storageApis(), ...feedbackApis(), ...systemApis() };

beforeEach(() => dom.window.localStorage.clear());

test('sync storage keeps types, answers "" for a missing key, and leaves the page\'s own keys alone', () => {
  dom.window.localStorage.setItem('own', 'x');
  wx.setStorageSync('n', 1);
  wx.setStorageSync('o', { a: [1, 2] });
  wx.setStorageSync('d', new Date(5));
  wx.setStorageSync('b', false);
  assert.equal(wx.getStorageSync('n'), 1);
  assert.deepEqual(wx.getStorageSync('o'), { a: [1, 2] });
  assert.ok(wx.getStorageSync('d') instanceof Date);
  assert.equal(wx.getStorageSync('d').getTime(), 5);
  assert.equal(wx.getStorageSync('b'), false);
  assert.equal(wx.getStorageSync('missing'), '');
  assert.deepEqual(wx.getStorageInfoSync().keys.sort(), ['b', 'd', 'n', 'o']);
  assert.equal(wx.getStorageInfoSync().limitSize, 10240);
  wx.clearStorageSync();
  assert.deepEqual(wx.getStorageInfoSync().keys, []);
  assert.equal(dom.window.localStorage.getItem('own'), 'x');
});

test('async storage: success and complete with errMsg, a missing key fails, a promise without callbacks', async () => {
  const seen = [];
  await new Promise((resolve) =>
    wx.setStorage({ key: 'k', data: 'v', success: (r) => seen.push(r.errMsg), complete: resolve }),
  );
  const got = await wx.getStorage({ key: 'k' });
  assert.deepEqual(got, { errMsg: 'getStorage:ok', data: 'v' });
  await assert.rejects(wx.getStorage({ key: 'nope' }), (r) => r.errMsg === 'getStorage:fail data not found');
  const info = await wx.getStorageInfo();
  assert.deepEqual(info.keys, ['k']);
  assert.deepEqual(seen, ['setStorage:ok']);
});

test("a value over 1 MB is refused with WeChat's message; a key must be a string", () => {
  assert.throws(() => wx.setStorageSync('big', 'x'.repeat(1024 * 1024 + 1)), /exceed 1MB/);
  assert.throws(() => wx.setStorageSync(undefined, 1), /parameter.key should be String/);
});

test('batchSetStorageSync/batchGetStorageSync take WeChat\'s kvList and keyList; a missing key reads as ""', () => {
  wx.batchSetStorageSync([
    { key: 'a', value: 1 },
    { key: 'b', value: { x: [true] } },
    { key: 'd', value: new Date(7) },
  ]);
  const [a, b, missing, d] = wx.batchGetStorageSync(['a', 'b', 'nope', 'd']);
  assert.equal(a, 1);
  assert.deepEqual(b, { x: [true] });
  assert.equal(missing, '');
  assert.equal(d.getTime(), 7);
  assert.equal(wx.getStorageSync('b').x[0], true, 'batch writes are ordinary storage');
  assert.throws(
    () => wx.batchSetStorageSync({ key: 'a' }),
    /^Error: batchSetStorageSync:fail parameter error: parameter.kvList should be Array instead of Object;$/,
  );
  assert.throws(
    () => wx.batchGetStorageSync('a'),
    /batchGetStorageSync:fail parameter error: parameter.keyList should be Array/,
  );
});

test('a batch with one bad item writes nothing; one over 1 MB fails the whole batch', () => {
  assert.throws(
    () => wx.batchSetStorageSync([{ key: 'ok', value: 1 }, { value: 2 }]),
    /batchSetStorageSync:fail parameter error: parameter.key should be String instead of Undefined;/,
  );
  assert.throws(
    () =>
      wx.batchSetStorageSync([
        { key: 'ok', value: 1 },
        { key: 'big', value: 'x'.repeat(1024 * 1024) },
      ]),
    /batchSetStorageSync:fail data exceed 1MB limit/,
  );
  assert.deepEqual(wx.getStorageInfoSync().keys, []);
});

test(
  'batchSetStorage/batchGetStorage: errMsg, dataList in keyList order, callbacks and promises, ' + 'parameter failures',
  async () => {
    const seen = [];
    await new Promise((resolve) =>
      wx.batchSetStorage({
        kvList: [
          { key: 'k1', value: 'v1' },
          { key: 'k2', value: 2 },
        ],
        success: (r) => seen.push(r),
        complete: resolve,
      }),
    );
    assert.deepEqual(seen, [{ errMsg: 'batchSetStorage:ok' }]);
    assert.deepEqual(await wx.batchGetStorage({ keyList: ['k2', 'k1', 'none'] }), {
      errMsg: 'batchGetStorage:ok',
      dataList: [2, 'v1', ''],
    });
    await assert.rejects(wx.batchSetStorage({ kvList: 'x' }), {
      errMsg: 'batchSetStorage:fail parameter error: parameter.kvList should be Array instead of String;',
    });
    await assert.rejects(wx.batchGetStorage({}), {
      errMsg: 'batchGetStorage:fail parameter error: parameter.keyList should be Array instead of Undefined;',
    });
  },
);

test("a batch the browser's storage quota cannot hold fails with WeChat's message and writes none of its items", () => {
  // jsdom's quota, like Chromium's, is about 5 M characters: it refuses before WeChat's 10 MB.
  const chunk = 'x'.repeat(1000 * 1000);
  wx.batchSetStorageSync(Array.from({ length: 4 }, (_, i) => ({ key: `c${i}`, value: chunk })));
  assert.throws(
    () =>
      wx.batchSetStorageSync([
        { key: 'c0', value: 'small' },
        { key: 'c4', value: chunk },
        { key: 'c5', value: chunk },
      ]),
    /^Error: batchSetStorageSync:fail exceed storage max size 10MB$/,
  );
  assert.deepEqual(wx.getStorageInfoSync().keys.sort(), ['c0', 'c1', 'c2', 'c3']);
  assert.equal(wx.getStorageSync('c0').length, chunk.length, 'c0 is back to its old value');
  assert.throws(
    () => wx.setStorageSync('c4', chunk.slice(10)),
    /^Error: setStorage:fail exceed storage max size 10MB$/,
  );
  wx.setStorageSync('c0', `${chunk}y`); // rewriting a key counts only the difference
  assert.equal(wx.getStorageInfoSync().currentSize, Math.ceil((4 * (chunk.length + 22 + 2) + 1) / 1024));
});

test(
  "storage keys do not include miniport's own records (the authorization registry) and " + 'clearStorage keeps them',
  () => {
    dom.window.localStorage.setItem('miniport:authSetting', '{"scope.camera":true}');
    wx.setStorageSync('authSetting', 'mine');
    assert.deepEqual(wx.getStorageInfoSync().keys, ['authSetting']);
    wx.clearStorageSync();
    assert.equal(dom.window.localStorage.getItem('miniport:authSetting'), '{"scope.camera":true}');
  },
);

/** A Telegram mock of `version` in a window of its own, the bridge over it, and storage APIs mirroring to it. */
function mirrored(version = '8.0', flag = true) {
  const tg = new JSDOM('<!doctype html><body></body>', { url: 'http://127.0.0.1/' }).window;
  const mock = installTelegramMock(tg, { version });
  const bridge = createBridge(tg);
  return { mock, bridge, make: () => storageApis({ bridge, config: { cloudStorageMirror: flag } }) };
}
const cloudCalls = (mock) =>
  mock.events.filter((e) => e.name === 'web_app_invoke_custom_method').map((e) => [e.data.method, e.data.params]);

test(
  'cloudKey/localKey: plain keys stay, others (and keys starting with "_") become "_" + '
    + 'base64url; too long gives null',
  () => {
    assert.equal(cloudKey('user-1_x'), 'user-1_x');
    assert.equal(cloudKey('a.b'), '_YS5i');
    assert.equal(cloudKey('_x'), '_X3g');
    assert.equal(localKey(cloudKey('购物车:列表')), '购物车:列表');
    assert.equal(localKey('user-1_x'), 'user-1_x');
    assert.equal(cloudKey('k'.repeat(128)), 'k'.repeat(128));
    assert.equal(cloudKey('.'.repeat(100)), null);
    assert.equal(localKey('_%%'), null);
  },
);

test('with cloudStorageMirror, writes, removals and clears are copied to CloudStorage through the mock', async () => {
  const { mock, make } = mirrored();
  const s = make();
  s.setStorageSync('token', 'abc');
  s.batchSetStorageSync([{ key: 'cart.items', value: [1, 2] }]);
  await s.setStorage({ key: 'n', data: 5 });
  s.removeStorageSync('n');
  await storageSettled();
  assert.deepEqual(cloudCalls(mock), [
    ['getStorageKeys', {}],
    ['saveStorageValue', { key: 'token', value: '{"t":"string","v":"abc"}' }],
    ['saveStorageValue', { key: '_Y2FydC5pdGVtcw', value: '{"t":"object","v":[1,2]}' }],
    ['saveStorageValue', { key: 'n', value: '{"t":"number","v":5}' }],
    ['deleteStorageValues', { keys: ['n'] }],
  ]);
  s.clearStorageSync();
  await storageSettled();
  assert.deepEqual(cloudCalls(mock).at(-1)[0], 'deleteStorageValues');
  assert.deepEqual(cloudCalls(mock).at(-1)[1].keys.sort(), ['_Y2FydC5pdGVtcw', 'token']);
});

test(
  'an item over 4096 characters stays local, with one warning per key, and its older cloud copy ' + 'is deleted',
  async () => {
    const { mock, make } = mirrored();
    const s = make();
    const warnings = [];
    const warn = console.warn;
    console.warn = (...a) => warnings.push(a.join(' '));
    try {
      s.setStorageSync('big', 'x'.repeat(5000));
      s.setStorageSync('big', 'y'.repeat(5000));
      await storageSettled();
    } finally {
      console.warn = warn;
    }
    assert.equal(s.getStorageSync('big').length, 5000, 'the local copy is kept');
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0],
      /storage key "big" is kept on this device only: its value \(5021 characters, over 4096\)/,
    );
    assert.deepEqual(cloudCalls(mock).slice(1), [
      ['deleteStorageValues', { keys: ['big'] }],
      ['deleteStorageValues', { keys: ['big'] }],
    ]);
  },
);

test('an empty local storage is restored from CloudStorage at start; a non-empty one is not', async () => {
  const { mock, bridge, make } = mirrored();
  const first = make();
  first.setStorageSync('user.name', '安');
  first.setStorageSync('count', 3);
  await storageSettled();
  dom.window.localStorage.clear(); // the WebView's storage was wiped
  const second = make();
  await storageSettled();
  assert.equal(second.getStorageSync('user.name'), '安');
  assert.equal(second.getStorageSync('count'), 3);
  assert.deepEqual(
    cloudCalls(mock)
      .slice(-2)
      .map(([m]) => m),
    ['getStorageKeys', 'getStorageValues'],
  );
  const before = mock.events.length;
  storageApis({ bridge, config: { cloudStorageMirror: true } });
  await storageSettled();
  assert.equal(mock.events.length, before, 'local data present: nothing is read from the cloud');
});

test('without the flag, outside Telegram or before Bot API 6.9 nothing is sent and storage works locally', async () => {
  for (const [version, flag] of [
    ['8.0', false],
    ['6.7', true],
  ]) {
    const { mock, make } = mirrored(version, flag);
    const s = make();
    s.setStorageSync('a', 1);
    await storageSettled();
    assert.equal(s.getStorageSync('a'), 1);
    assert.deepEqual(cloudCalls(mock), [], `version ${version}, flag ${flag}`);
  }
  const web = new JSDOM('<!doctype html><body></body>', { url: 'http://127.0.0.1/' }).window;
  const s = storageApis({ bridge: createBridge(web), config: { cloudStorageMirror: true } });
  s.setStorageSync('b', 2);
  await storageSettled();
  assert.equal(s.getStorageSync('b'), 2);
});

test('showToast draws a toast with its title that hides itself; showLoading stays until hideLoading', async () => {
  await wx.showToast({ title: 'Saved', icon: 'success', duration: 30 });
  const box = document.querySelector('.miniport-toast');
  assert.equal(box.hidden, false);
  assert.equal(box.querySelector('.miniport-toast-title').textContent, 'Saved');
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(box.hidden, true);
  await wx.showLoading({ title: 'Wait' });
  assert.equal(box.dataset.icon, 'loading');
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(box.hidden, false);
  await wx.hideLoading();
  assert.equal(box.hidden, true);
});

test("system info has WeChat's fields, from the window", async () => {
  const info = wx.getSystemInfoSync();
  for (const key of [
    'SDKVersion',
    'windowWidth',
    'windowHeight',
    'pixelRatio',
    'platform',
    'safeArea',
    'statusBarHeight',
    'theme',
    'language',
  ]) {
    assert.ok(key in info, key);
  }
  assert.equal(info.windowWidth, globalThis.innerWidth || 375);
  const async = await wx.getSystemInfo();
  assert.equal(async.errMsg, 'getSystemInfo:ok');
  const menu = wx.getMenuButtonBoundingClientRect();
  assert.equal(menu.right - menu.left, menu.width);
  assert.equal(menu.bottom - menu.top, menu.height);
});

test("the theme in system info follows Telegram's colour scheme when the bridge has set it", () => {
  document.documentElement.style.setProperty('--tg-color-scheme', 'dark');
  assert.equal(wx.getSystemInfoSync().theme, 'dark');
  assert.equal(wx.getAppBaseInfo().theme, 'dark');
  document.documentElement.style.setProperty('--tg-color-scheme', 'light');
  assert.equal(wx.getSystemInfoSync().theme, 'light');
  document.documentElement.style.removeProperty('--tg-color-scheme');
});

test(
  "system info's platform is the Telegram client's where it names the OS (android, ios, macos), "
    + "else the user agent's",
  () => {
    const bridge = (platform, inTelegram = true) => ({ platform, inTelegram });
    const ua = systemApis().getDeviceInfo().platform;
    assert.equal(systemApis({ bridge: bridge('android') }).getSystemInfoSync().platform, 'android');
    assert.equal(systemApis({ bridge: bridge('ios') }).getDeviceInfo().platform, 'ios');
    assert.equal(systemApis({ bridge: bridge('macos') }).getDeviceInfo().platform, 'mac');
    assert.equal(
      systemApis({ bridge: bridge('tdesktop') }).getDeviceInfo().platform,
      ua,
      'the desktop client does not say which OS',
    );
    assert.equal(systemApis({ bridge: bridge('android', false) }).getDeviceInfo().platform, ua, 'outside Telegram');
  },
);

test(
  "storage is kept per app (config.storageScope): two apps on one origin do not see each other's keys, and keys "
    + 'stored before scopes are read once by each app',
  () => {
    const ls = dom.window.localStorage;
    ls.setItem('miniport:storage:old', JSON.stringify({ t: 'string', v: 'from before' }));
    const a = storageApis({ config: { storageScope: 'wx1234' } });
    assert.equal(a.getStorageSync('old'), 'from before');
    a.setStorageSync('token', 'a-secret');
    const b = storageApis({ config: { storageScope: 'wx5678' } });
    assert.equal(b.getStorageSync('token'), '');
    assert.deepEqual(b.getStorageInfoSync().keys, ['old']);
    b.setStorageSync('old', 'changed by b');
    b.clearStorageSync();
    const again = storageApis({ config: { storageScope: 'wx1234' } });
    assert.equal(again.getStorageSync('token'), 'a-secret');
    assert.equal(again.getStorageSync('old'), 'from before');
    // The copy happens once: a key removed after it does not come back.
    again.removeStorageSync('old');
    assert.equal(storageApis({ config: { storageScope: 'wx1234' } }).getStorageSync('old'), '');
    storageApis();
  },
);
