// The device APIs of the core group with the Telegram mock and in a plain page: clipboard,
// haptics, QR scanning, phone calls, network type and status, screen brightness and wake lock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { createBridge } from '../src/telegram/bridge.js';
import { installTelegramMock } from '../src/telegram/mock.js';
import { coreApis } from '../src/api/core/index.js';
import { createWx } from '../src/api/index.js';
import { networkType } from '../src/api/core/device.js';

function env({ telegram = false, version = '8.0', answer = null, nav = {} } = {}) {
  const dom = new JSDOM('<!doctype html><body></body>', { url: 'http://127.0.0.1/' });
  const win = dom.window;
  for (const [k, v] of Object.entries(nav)) Object.defineProperty(win.navigator, k, { value: v, configurable: true });
  const mock = telegram ? installTelegramMock(win, { version, answer }) : null;
  const bridge = createBridge(win);
  return { win, doc: win.document, mock, wx: coreApis({ bridge, win }) };
}

const outcome = (p) =>
  p.then(
    (r) => ['ok', r],
    (r) => ['fail', r],
  );

test('setClipboardData: writes through navigator.clipboard and shows the "内容已复制" toast', async () => {
  const written = [];
  const { wx, doc } = env({
    nav: {
      clipboard: {
        writeText: async (t) => {
          written.push(t);
        },
      },
    },
  });
  const saved = globalThis.document;
  globalThis.document = doc;
  try {
    assert.deepEqual(await wx.setClipboardData({ data: 'hello' }), { errMsg: 'setClipboardData:ok' });
    assert.deepEqual(written, ['hello']);
    await new Promise((r) => setTimeout(r, 0));
    assert.equal(doc.querySelector('.miniport-toast-title').textContent, '内容已复制');
  } finally {
    globalThis.document = saved;
  }
  assert.match(
    (await outcome(wx.setClipboardData({ data: 5 })))[1].errMsg,
    /^setClipboardData:fail parameter error: parameter.data should be String/,
  );
});

test('setClipboardData: falls back to execCommand("copy"); fails when neither works', async () => {
  const { wx, doc } = env({
    nav: {
      clipboard: {
        writeText: async () => {
          throw new Error('denied');
        },
      },
    },
  });
  let copied = null;
  doc.execCommand = (cmd) => {
    copied = cmd === 'copy' ? doc.querySelector('textarea').value : null;
    return true;
  };
  assert.equal((await wx.setClipboardData({ data: 'x1' })).errMsg, 'setClipboardData:ok');
  assert.equal(copied, 'x1');
  assert.equal(doc.querySelector('textarea'), null);
  doc.execCommand = () => false;
  assert.deepEqual(await outcome(wx.setClipboardData({ data: 'x' })), [
    'fail',
    { errMsg: 'setClipboardData:fail permission denied' },
  ]);
});

test(
  'getClipboardData: Telegram ≥ 6.4 reads with a req_id and clipboard_text_received; older '
    + 'clients and browsers use navigator.clipboard',
  async () => {
    const { wx, mock } = env({
      telegram: true,
      answer: (name, d, emit) =>
        name === 'web_app_read_text_from_clipboard'
        && (emit('clipboard_text_received', { req_id: 'other', data: 'no' }),
        emit('clipboard_text_received', { req_id: d.req_id, data: 'from tg' }),
        true),
    });
    assert.deepEqual(await wx.getClipboardData(), { errMsg: 'getClipboardData:ok', data: 'from tg' });
    assert.equal(mock.events.at(-1).name, 'web_app_read_text_from_clipboard');
    assert.match(mock.events.at(-1).data.req_id, /\S/);
    const old = env({ telegram: true, version: '6.2', nav: { clipboard: { readText: async () => 'from browser' } } });
    assert.deepEqual(await old.wx.getClipboardData(), { errMsg: 'getClipboardData:ok', data: 'from browser' });
    assert.equal(old.mock.names().includes('web_app_read_text_from_clipboard'), false);
    const denied = env({
      nav: {
        clipboard: {
          readText: async () => {
            const e = new Error('no');
            e.name = 'NotAllowedError';
            throw e;
          },
        },
      },
    });
    assert.deepEqual(await outcome(denied.wx.getClipboardData()), [
      'fail',
      { errMsg: 'getClipboardData:fail permission denied' },
    ]);
  },
);

test(
  'vibrateShort/vibrateLong: Telegram haptic feedback; navigator.vibrate(15/400) outside; fail '
    + 'where neither exists',
  async () => {
    const { wx, mock } = env({ telegram: true });
    await wx.vibrateShort({ type: 'heavy' });
    await wx.vibrateShort({});
    await wx.vibrateLong();
    assert.deepEqual(
      mock.events.map((e) => [e.name, e.data]),
      [
        ['web_app_trigger_haptic_feedback', { type: 'impact', impact_style: 'heavy' }],
        ['web_app_trigger_haptic_feedback', { type: 'impact', impact_style: 'medium' }],
        ['web_app_trigger_haptic_feedback', { type: 'notification', notification_type: 'warning' }],
      ],
    );
    const calls = [];
    const web = env({
      nav: {
        vibrate: (ms) => {
          calls.push(ms);
          return true;
        },
      },
    });
    assert.equal((await web.wx.vibrateShort({ type: 'light' })).errMsg, 'vibrateShort:ok');
    assert.equal((await web.wx.vibrateLong()).errMsg, 'vibrateLong:ok');
    assert.deepEqual(calls, [15, 400]);
    const none = env({ nav: { vibrate: undefined } });
    assert.deepEqual(await outcome(none.wx.vibrateLong()), ['fail', { errMsg: 'vibrateLong:fail not supported' }]);
  },
);

test(
  'scanCode: Telegram QR popup → qr_text_received → result, QR_CODE, utf-8, base64 rawData; the ' + 'popup is closed',
  async () => {
    const { wx, mock } = env({
      telegram: true,
      answer: (name, d, emit) =>
        name === 'web_app_open_scan_qr_popup' && (emit('qr_text_received', { data: 'hello' }), true),
    });
    const r = await wx.scanCode({ text: 'Scan a code' });
    assert.deepEqual(r, {
      errMsg: 'scanCode:ok',
      result: 'hello',
      scanType: 'QR_CODE',
      charSet: 'utf-8',
      rawData: 'aGVsbG8=',
    });
    assert.deepEqual(
      mock.events.map((e) => [e.name, e.data]),
      [
        ['web_app_open_scan_qr_popup', { text: 'Scan a code' }],
        ['web_app_close_scan_qr_popup', null],
      ],
    );
  },
);

test('scanCode: scan_qr_popup_closed fails with "cancel"; outside Telegram or on old clients it fails', async () => {
  const { wx } = env({
    telegram: true,
    answer: (name, d, emit) => name === 'web_app_open_scan_qr_popup' && (emit('scan_qr_popup_closed', {}), true),
  });
  assert.deepEqual(await outcome(wx.scanCode({})), ['fail', { errMsg: 'scanCode:fail cancel' }]);
  assert.deepEqual(await outcome(env().wx.scanCode({})), ['fail', { errMsg: 'scanCode:fail not in Telegram' }]);
  assert.deepEqual(await outcome(env({ telegram: true, version: '6.2' }).wx.scanCode({})), [
    'fail',
    { errMsg: 'scanCode:fail not supported' },
  ]);
});

test('makePhoneCall: follows a tel: link; a missing number fails', async () => {
  const { wx, doc } = env();
  let href = null;
  // The runtime clicks a detached link; jsdom does not navigate, so the test watches the click itself.
  const proto = doc.defaultView.HTMLAnchorElement.prototype;
  const click = proto.click;
  proto.click = function () {
    href = this.getAttribute('href');
  };
  try {
    assert.deepEqual(await wx.makePhoneCall({ phoneNumber: '+1 (555) 010-99' }), { errMsg: 'makePhoneCall:ok' });
  } finally {
    proto.click = click;
  }
  assert.equal(href, 'tel:+155501099');
  assert.match(
    (await outcome(wx.makePhoneCall({})))[1].errMsg,
    /^makePhoneCall:fail parameter error: parameter.phoneNumber/,
  );
});

test(
  'getNetworkType: Network Information mapped to WeChat types; none when offline; unknown without ' + 'the API',
  async () => {
    assert.equal(networkType({ onLine: false }), 'none');
    assert.equal(networkType({ onLine: true }), 'unknown');
    assert.equal(networkType({ connection: { type: 'wifi', effectiveType: '4g' } }), 'wifi');
    assert.equal(networkType({ connection: { effectiveType: 'slow-2g' } }), '2g');
    assert.equal(networkType({ connection: { effectiveType: '3g' } }), '3g');
    assert.equal(networkType({ connection: { effectiveType: '4g' } }), '4g');
    const { wx } = env({ nav: { connection: { effectiveType: '4g' } } });
    assert.deepEqual(await wx.getNetworkType(), {
      errMsg: 'getNetworkType:ok',
      networkType: '4g',
      hasSystemProxy: false,
    });
  },
);

test(
  'onNetworkStatusChange: online/offline events report {isConnected, networkType} once per '
    + 'change; off removes the listener',
  async () => {
    const { wx, win } = env();
    let online = true;
    Object.defineProperty(win.navigator, 'onLine', { get: () => online, configurable: true });
    const seen = [];
    const cb = (r) => seen.push(r);
    wx.onNetworkStatusChange(cb);
    await wx.getNetworkType(); // the device APIs' code has loaded (it loads on first use)
    online = false;
    win.dispatchEvent(new win.Event('offline'));
    win.dispatchEvent(new win.Event('offline')); // the same change reported again (as by the connection's change event)
    online = true;
    win.dispatchEvent(new win.Event('online'));
    wx.offNetworkStatusChange(cb);
    await wx.getNetworkType();
    win.dispatchEvent(new win.Event('offline'));
    assert.deepEqual(seen, [
      { isConnected: false, networkType: 'none' },
      { isConnected: true, networkType: 'unknown' },
    ]);
  },
);

test('setKeepScreenOn: takes and releases a screen wake lock; fails without the Wake Lock API', async () => {
  const log = [];
  const lock = {
    request: async (t) => {
      log.push(`request ${t}`);
      return { release: async () => log.push('release'), addEventListener() {} };
    },
  };
  const { wx } = env({ nav: { wakeLock: lock } });
  assert.equal((await wx.setKeepScreenOn({ keepScreenOn: true })).errMsg, 'setKeepScreenOn:ok');
  assert.equal((await wx.setKeepScreenOn({ keepScreenOn: true })).errMsg, 'setKeepScreenOn:ok');
  assert.equal((await wx.setKeepScreenOn({ keepScreenOn: false })).errMsg, 'setKeepScreenOn:ok');
  assert.deepEqual(log, ['request screen', 'release']);
  assert.deepEqual(await outcome(env().wx.setKeepScreenOn({ keepScreenOn: true })), [
    'fail',
    { errMsg: 'setKeepScreenOn:fail not supported' },
  ]);
});

test('setScreenBrightness/getScreenBrightness fail as the API table says, with fail and complete', async () => {
  const wx = createWx([], {}, {});
  const warn = console.warn;
  console.warn = () => {};
  try {
    assert.deepEqual(await outcome(wx.setScreenBrightness({ value: 0.5 })), [
      'fail',
      { errMsg: 'setScreenBrightness:fail not supported in Telegram Mini App' },
    ]);
    const seen = await new Promise((resolve) => {
      const s = [];
      wx.getScreenBrightness({
        fail: (r) => s.push(r.errMsg),
        complete: (r) => {
          s.push(r.errMsg);
          resolve(s);
        },
      });
    });
    assert.deepEqual(seen, [
      'getScreenBrightness:fail not supported in Telegram Mini App',
      'getScreenBrightness:fail not supported in Telegram Mini App',
    ]);
  } finally {
    console.warn = warn;
  }
});
