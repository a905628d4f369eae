// The Telegram bridge against a stand-in window: launch parameters, transports, version
// gating, incoming events, request/reply, and the mock client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBridge, colorSchemeOf, applyTheme } from '../src/telegram/bridge.js';
import { installTelegramMock } from '../src/telegram/mock.js';
import { parseInitData } from '../src/telegram/launch.js';

function storage() {
  const map = new Map();
  return { getItem: (k) => (map.has(k) ? map.get(k) : null), setItem: (k, v) => map.set(k, String(v)) };
}

function fakeWindow(hash = '') {
  const handlers = [];
  const win = {
    location: { hash },
    sessionStorage: storage(),
    addEventListener: (type, fn) => {
      if (type === 'message') handlers.push(fn);
    },
    postMessageFromParent: (data, origin = 'https://web.telegram.org') =>
      handlers.forEach((fn) => fn({ source: win.parent, origin, data })),
  };
  win.parent = win;
  return win;
}

const user = encodeURIComponent(JSON.stringify({ id: 42, first_name: 'Ann', language_code: 'en' }));
const launchHash =
  `#tgWebAppData=${encodeURIComponent(`user=${user}&auth_date=1700000000&hash=abc&start_param=p1`)}`
  + '&tgWebAppVersion=7.0&tgWebAppPlatform=android'
  + `&tgWebAppThemeParams=${encodeURIComponent(JSON.stringify({ bg_color: '#17212b' }))}`;

test('launch parameters come from the hash, which stays untouched', () => {
  const win = fakeWindow(launchHash);
  win.TelegramWebviewProxy = { postEvent() {} };
  const b = createBridge(win);
  assert.equal(win.location.hash, launchHash);
  assert.equal(b.version, '7.0');
  assert.equal(b.platform, 'android');
  assert.equal(b.launch.initDataUnsafe.user.first_name, 'Ann');
  assert.equal(b.launch.initDataUnsafe.auth_date, 1700000000);
  assert.equal(b.launch.startParam, 'p1');
  assert.deepEqual(b.themeParams, { bg_color: '#17212b' });
  assert.equal(b.inTelegram, true);
});

test('a reload without the hash finds the launch parameters in sessionStorage', () => {
  const win = fakeWindow(launchHash);
  win.TelegramWebviewProxy = { postEvent() {} };
  createBridge(win);
  win.location.hash = '#/pages/detail/detail';
  const again = createBridge(win);
  assert.equal(again.version, '7.0');
  assert.equal(again.launch.initDataUnsafe.user.id, 42);
});

test('methods go through TelegramWebviewProxy as name and JSON', () => {
  const win = fakeWindow(launchHash);
  const sent = [];
  win.TelegramWebviewProxy = { postEvent: (name, json) => sent.push([name, json]) };
  const b = createBridge(win);
  assert.equal(b.post('web_app_ready'), true);
  assert.equal(b.post('web_app_set_header_color', { color: '#07c160' }), true);
  assert.deepEqual(sent, [
    ['web_app_ready', undefined],
    ['web_app_set_header_color', '{"color":"#07c160"}'],
  ]);
});

test('in an iframe, methods are posted to the parent as eventType/eventData', () => {
  const win = fakeWindow(launchHash);
  const posted = [];
  win.parent = { postMessage: (msg, origin) => posted.push([JSON.parse(msg), origin]) };
  const b = createBridge(win, { parentOrigin: 'https://web.telegram.org' });
  assert.equal(b.transport, 'iframe');
  b.post('web_app_expand');
  assert.deepEqual(posted, [[{ eventType: 'web_app_expand' }, 'https://web.telegram.org']]);
});

test('a method newer than the client version is refused without sending', () => {
  const win = fakeWindow(launchHash); // version 7.0
  const sent = [];
  win.TelegramWebviewProxy = { postEvent: (name) => sent.push(name) };
  const b = createBridge(win);
  assert.equal(b.isVersionAtLeast('6.9'), true);
  assert.equal(b.supports('web_app_request_fullscreen'), false); // 8.0
  assert.equal(b.post('web_app_request_fullscreen'), false);
  assert.equal(b.post('web_app_open_popup', { message: 'x', buttons: [] }), true); // 6.2
  assert.deepEqual(sent, ['web_app_open_popup']);
});

test('outside Telegram nothing is sent and requests reject', async () => {
  const win = fakeWindow('');
  const b = createBridge(win);
  assert.equal(b.inTelegram, false);
  assert.equal(b.transport, null);
  assert.equal(b.post('web_app_ready'), false);
  await assert.rejects(b.request('web_app_open_popup', {}, 'popup_closed'), /not in Telegram/);
});

test('incoming events arrive through receiveEvent and parent messages', () => {
  const win = fakeWindow(launchHash);
  win.TelegramWebviewProxy = { postEvent() {} };
  const b = createBridge(win);
  const seen = [];
  const stop = b.on('back_button_pressed', () => seen.push('back'));
  b.on('theme_changed', (d) => seen.push(d.theme_params.bg_color));
  win.Telegram.WebView.receiveEvent('back_button_pressed');
  win.TelegramGameProxy.receiveEvent('back_button_pressed');
  win.postMessageFromParent(
    JSON.stringify({ eventType: 'theme_changed', eventData: { theme_params: { bg_color: '#000000' } } }),
  );
  stop();
  win.Telegram.WebView.receiveEvent('back_button_pressed');
  assert.deepEqual(seen, ['back', 'back', '#000000']);
  assert.equal(b.themeParams.bg_color, '#000000');
});

test('parent messages count only from Telegram web origins or the configured parent origin', () => {
  const seen = [];
  const win = fakeWindow(launchHash);
  const b = createBridge(win, { parentOrigin: 'http://127.0.0.1:8080' });
  b.on('invoice_closed', (d) => seen.push(d.status));
  for (const origin of ['https://evil.example', 'null', '', 'https://web.telegram.org.evil.example']) {
    win.postMessageFromParent(JSON.stringify({ eventType: 'invoice_closed', eventData: { status: 'paid' } }), origin);
  }
  assert.deepEqual(seen, []);
  for (const origin of ['https://web.telegram.org', 'https://webk.telegram.org', 'http://127.0.0.1:8080']) {
    win.postMessageFromParent(JSON.stringify({ eventType: 'invoice_closed', eventData: { status: origin } }), origin);
  }
  assert.deepEqual(seen, ['https://web.telegram.org', 'https://webk.telegram.org', 'http://127.0.0.1:8080']);
});

test('request resolves with the matching reply and times out without one', async () => {
  const win = fakeWindow('');
  const mock = installTelegramMock(win, { version: '8.0' });
  const b = createBridge(win);
  const closed = await b.request(
    'web_app_open_popup',
    { message: 'Delete?', buttons: [{ id: 'ok', type: 'ok' }] },
    'popup_closed',
  );
  assert.deepEqual(closed, { button_id: 'ok' });
  await assert.rejects(b.request('web_app_open_scan_qr_popup', {}, 'qr_text_received', { timeout: 20 }), /timeout/);
  assert.deepEqual(mock.names(), ['web_app_open_popup', 'web_app_open_scan_qr_popup']);
});

test('the mock keeps CloudStorage values between calls', async () => {
  const win = fakeWindow('');
  installTelegramMock(win);
  const b = createBridge(win);
  const call = (method, params, reqId) =>
    b.request('web_app_invoke_custom_method', { req_id: reqId, method, params }, 'custom_method_invoked', {
      match: (d) => d.req_id === reqId,
    });
  await call('saveStorageValue', { key: 'k', value: 'v' }, 'r1');
  const got = await call('getStorageValues', { keys: ['k', 'missing'] }, 'r2');
  assert.deepEqual(got.result, { k: 'v', missing: '' });
});

test('the official script is used when it is loaded', () => {
  const win = fakeWindow('');
  const posted = [];
  const handlers = {};
  win.Telegram = {
    WebApp: { platform: 'ios', version: '8.0' },
    WebView: {
      postEvent: (name, cb, data) => posted.push([name, data]),
      onEvent: (t, fn) => {
        handlers[t] = fn;
      },
    },
  };
  const b = createBridge(win);
  assert.equal(b.transport, 'official');
  assert.equal(b.version, '8.0');
  b.post('web_app_setup_back_button', { is_visible: true });
  const seen = [];
  b.on('back_button_pressed', () => seen.push(1));
  handlers.back_button_pressed('back_button_pressed');
  assert.deepEqual(posted, [['web_app_setup_back_button', { is_visible: true }]]);
  assert.deepEqual(seen, [1]);
});

test('theme parameters become --tg-theme-* variables and a colour scheme', () => {
  const set = {};
  applyTheme(
    {
      style: {
        setProperty: (k, v) => {
          set[k] = v;
        },
      },
    },
    { bg_color: '#17212b', button_text_color: '#fff' },
    colorSchemeOf('#17212b'),
  );
  assert.deepEqual(set, {
    '--tg-theme-bg-color': '#17212b',
    '--tg-theme-button-text-color': '#fff',
    '--tg-color-scheme': 'dark',
  });
  assert.equal(colorSchemeOf('#ffffff'), 'light');
});

test('initData fields are decoded for display', () => {
  const data = parseInitData(`query_id=q&user=${user}&auth_date=5`);
  assert.equal(data.query_id, 'q');
  assert.equal(data.user.id, 42);
  assert.equal(data.auth_date, 5);
});
