// The open and interaction APIs of the core group with the Telegram mock (the events each one
// posts and how the answers come back) and outside Telegram: login, checkSession, user info,
// payment, subscribe messages, share menu, launch options, app events, showModal,
// showActionSheet, authorize/getSetting/openSetting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { createBridge } from '../src/telegram/bridge.js';
import { installTelegramMock } from '../src/telegram/mock.js';
import { coreApis } from '../src/api/core/index.js';
import { encodeStartParam, decodeStartParam } from '../src/api/core/launch.js';
import { emitAppEvent } from '../src/core/app-events.js';
import { invoiceSlug } from '../src/api/core/open.js';

const user = {
  id: 42,
  first_name: 'Ann',
  last_name: 'Lee',
  language_code: 'zh-hans',
  photo_url: 'https://t.me/i/userpic/a.jpg',
};
const freshInit = () =>
  `user=${encodeURIComponent(JSON.stringify(user))}&auth_date=${Math.floor(Date.now() / 1000)}&hash=abc`;

function env({
  telegram = false,
  version = '8.0',
  initData = freshInit(),
  startParam = '',
  answer = null,
  router = null,
} = {}) {
  const dom = new JSDOM('<!doctype html><body></body>', { url: 'http://127.0.0.1/' });
  const win = dom.window;
  const mock = telegram ? installTelegramMock(win, { version, initData, startParam, answer }) : null;
  const bridge = createBridge(win);
  const wx = coreApis({ bridge, win, router, config: { name: 'Demo', entry: 'pages/index/index' } });
  return { win, doc: win.document, mock, wx };
}

async function until(fn) {
  for (let i = 0; i < 200; i++) {
    const v = fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('condition never became true');
}

/** The result of a promise-style call, fulfilled or rejected. */
const outcome = (p) =>
  p.then(
    (r) => ['ok', r],
    (r) => ['fail', r],
  );

test('login: code is the raw initData in Telegram; outside Telegram it fails', async () => {
  const init = freshInit();
  const { wx } = env({ telegram: true, initData: init });
  assert.deepEqual(await wx.login(), { errMsg: 'login:ok', code: init });
  const out = env();
  assert.deepEqual(await outcome(out.wx.login()), ['fail', { errMsg: 'login:fail no initData' }]);
});

test('checkSession: ok while initData is present and fresh; fails when old or outside Telegram', async () => {
  assert.equal((await env({ telegram: true }).wx.checkSession()).errMsg, 'checkSession:ok');
  const old = env({ telegram: true, initData: `user=1&auth_date=1000&hash=x` });
  assert.deepEqual(await outcome(old.wx.checkSession()), ['fail', { errMsg: 'checkSession:fail session time out' }]);
  assert.equal((await outcome(env().wx.checkSession()))[0], 'fail');
});

test('getUserInfo/getUserProfile: userInfo from the Telegram user, rawData its JSON, signature empty', async () => {
  const { wx } = env({ telegram: true });
  const r = await wx.getUserProfile({ desc: 'profile' });
  assert.equal(r.errMsg, 'getUserProfile:ok');
  assert.deepEqual(r.userInfo, {
    nickName: 'Ann Lee',
    avatarUrl: user.photo_url,
    gender: 0,
    country: '',
    province: '',
    city: '',
    language: 'zh_hans',
  });
  assert.equal(r.rawData, JSON.stringify(r.userInfo));
  assert.equal(r.signature, '');
  assert.equal((await wx.getUserInfo()).errMsg, 'getUserInfo:ok');
  assert.deepEqual(await outcome(env().wx.getUserInfo()), ['fail', { errMsg: 'getUserInfo:fail not in Telegram' }]);
});

test(
  'requestPayment: opens the invoice by slug; paid succeeds, cancelled fails with "cancel", ' + 'failed fails',
  async () => {
    let status = 'paid';
    const { wx, mock } = env({
      telegram: true,
      answer: (name, d, emit) =>
        name === 'web_app_open_invoice' && (emit('invoice_closed', { slug: d.slug, status }), true),
    });
    assert.deepEqual(await wx.requestPayment({ package: 'inv123' }), { errMsg: 'requestPayment:ok' });
    assert.deepEqual(mock.events.at(-1), { name: 'web_app_open_invoice', data: { slug: 'inv123' } });
    status = 'cancelled';
    assert.deepEqual(await outcome(wx.requestPayment({ invoiceUrl: 'https://t.me/$abcDEF' })), [
      'fail',
      { errMsg: 'requestPayment:fail cancel' },
    ]);
    assert.deepEqual(mock.events.at(-1).data, { slug: 'abcDEF' });
    status = 'failed';
    assert.deepEqual(await outcome(wx.requestPayment({ slug: 's1' })), [
      'fail',
      { errMsg: 'requestPayment:fail failed' },
    ]);
    assert.equal(invoiceSlug({ package: 'https://t.me/invoice/xyz' }), 'xyz');
    assert.deepEqual(await outcome(env().wx.requestPayment({ slug: 's' })), [
      'fail',
      { errMsg: 'requestPayment:fail not in Telegram' },
    ]);
    assert.match((await outcome(wx.requestPayment({})))[1].errMsg, /^requestPayment:fail parameter error/);
  },
);

test('requestSubscribeMessage: write access allowed → every template "accept", cancelled → "reject"', async () => {
  let status = 'allowed';
  const { wx, mock } = env({
    telegram: true,
    answer: (name, d, emit) =>
      name === 'web_app_request_write_access' && (emit('write_access_requested', { status }), true),
  });
  assert.deepEqual(await wx.requestSubscribeMessage({ tmplIds: ['a', 'b'] }), {
    errMsg: 'requestSubscribeMessage:ok',
    a: 'accept',
    b: 'accept',
  });
  assert.equal(mock.names().at(-1), 'web_app_request_write_access');
  status = 'cancelled';
  assert.deepEqual(await wx.requestSubscribeMessage({ tmplIds: ['a'] }), {
    errMsg: 'requestSubscribeMessage:ok',
    a: 'reject',
  });
  assert.equal(
    (await outcome(env().wx.requestSubscribeMessage({ tmplIds: ['a'] })))[1].errMsg,
    'requestSubscribeMessage:fail not in Telegram',
  );
});

test('share menu: show/hide/update succeed (recorded; Telegram has no share capsule)', async () => {
  const { wx } = env();
  assert.equal(
    (await wx.showShareMenu({ withShareTicket: true, menus: ['shareAppMessage', 'shareTimeline'] })).errMsg,
    'showShareMenu:ok',
  );
  assert.equal((await wx.updateShareMenu({})).errMsg, 'updateShareMenu:ok');
  assert.equal((await wx.hideShareMenu()).errMsg, 'hideShareMenu:ok');
});

test('launch options: start_param holds base64url("path?query"); else the page the app opened on; scene 1001', () => {
  const sp = encodeStartParam('pages/goods/detail?id=7&from=tg');
  assert.match(sp, /^[A-Za-z0-9_-]+$/);
  const { wx } = env({ telegram: true, startParam: sp });
  const o = wx.getLaunchOptionsSync();
  assert.deepEqual(o.path, 'pages/goods/detail');
  assert.deepEqual(o.query, { id: '7', from: 'tg' });
  assert.equal(o.scene, 1001);
  assert.deepEqual(o.referrerInfo, {});
  assert.deepEqual(wx.getEnterOptionsSync().query, { id: '7', from: 'tg' });
  assert.equal(decodeStartParam('not base64 path!'), null);
  assert.deepEqual(decodeStartParam(encodeStartParam('/pages/a/a?q=名')), { path: 'pages/a/a', query: { q: '名' } });
  const plain = env({ router: { entry: () => ({ route: 'pages/a/a', query: { x: '1' } }) } });
  assert.deepEqual(
    [plain.wx.getLaunchOptionsSync().path, plain.wx.getLaunchOptionsSync().query],
    ['pages/a/a', { x: '1' }],
  );
});

test('app events: onAppShow/onError/… listeners hear the app-events registry until removed', () => {
  const { wx } = env();
  const seen = [];
  const show = (o) => seen.push(['show', o.path]);
  wx.onAppShow(show);
  wx.onError((m) => seen.push(['error', m]));
  wx.onThemeChange((t) => seen.push(['theme', t.theme]));
  emitAppEvent('appShow', { path: 'p' });
  emitAppEvent('error', 'boom');
  emitAppEvent('themeChange', { theme: 'dark' });
  wx.offAppShow(show);
  wx.offError();
  emitAppEvent('appShow', { path: 'q' });
  emitAppEvent('error', 'again');
  assert.deepEqual(seen, [
    ['show', 'p'],
    ['error', 'boom'],
    ['theme', 'dark'],
  ]);
  wx.offThemeChange();
});

test(
  'showModal in Telegram: web_app_open_popup with title, message and two buttons; popup_closed ' + 'decides',
  async () => {
    let pick = 'confirm';
    const { wx, mock } = env({
      telegram: true,
      answer: (name, d, emit) => name === 'web_app_open_popup' && (emit('popup_closed', { button_id: pick }), true),
    });
    const r = await wx.showModal({ title: 'Delete?', content: 'This cannot be undone', confirmText: 'Delete' });
    assert.deepEqual(r, { errMsg: 'showModal:ok', confirm: true, cancel: false });
    assert.deepEqual(mock.events.at(-1), {
      name: 'web_app_open_popup',
      data: {
        title: 'Delete?',
        message: 'This cannot be undone',
        buttons: [
          { id: 'cancel', type: 'default', text: '取消' },
          { id: 'confirm', type: 'default', text: 'Delete' },
        ],
      },
    });
    pick = 'cancel';
    assert.deepEqual(await wx.showModal({ content: 'x', showCancel: true }), {
      errMsg: 'showModal:ok',
      confirm: false,
      cancel: true,
    });
    pick = undefined;
    assert.deepEqual(await wx.showModal({ content: 'closed without a button', showCancel: false }), {
      errMsg: 'showModal:ok',
      confirm: false,
      cancel: true,
    });
    assert.deepEqual(mock.events.at(-1).data.buttons, [{ id: 'confirm', type: 'default', text: '确定' }]);
  },
);

test(
  'showModal falls back to the in-page dialog: too long for Telegram, editable, old client, or ' + 'outside Telegram',
  async () => {
    for (const [setup, options] of [
      [{ telegram: true }, { title: 't', content: 'x'.repeat(257) }],
      [{ telegram: true }, { title: 't', content: 'c', editable: true, placeholderText: 'type' }],
      [
        { telegram: true, version: '6.1' },
        { title: 't', content: 'c' },
      ],
      [{}, { title: 'T<b>', content: 'C<i>', confirmColor: '#ff0000' }],
    ]) {
      const { wx, doc, mock } = env(setup);
      const p = wx.showModal(options);
      const box = await until(() => doc.querySelector('.miniport-modal'));
      assert.equal(mock ? mock.names().includes('web_app_open_popup') : false, false);
      if (options.editable) {
        const input = box.querySelector('textarea.miniport-modal-input');
        assert.equal(input.placeholder, 'type');
        input.value = 'typed';
      } else {
        assert.equal(box.querySelector('.miniport-modal-content').textContent, options.content);
      }
      assert.equal(box.querySelector('.miniport-modal-title').textContent, options.title);
      assert.equal(box.querySelector('b,i'), null);
      const confirm = box.querySelector('.miniport-modal-confirm');
      if (options.confirmColor) assert.equal(confirm.style.color, 'rgb(255, 0, 0)');
      assert.equal(box.querySelector('.miniport-modal-cancel').textContent, '取消');
      confirm.click();
      const r = await p;
      assert.deepEqual(
        r,
        Object.assign(
          { errMsg: 'showModal:ok', confirm: true, cancel: false },
          options.editable ? { content: 'typed' } : {},
        ),
      );
      assert.equal(doc.querySelector('.miniport-modal'), null);
    }
  },
);

test(
  'showModal: the in-page cancel button answers {confirm:false, cancel:true}; showCancel:false ' + 'hides it',
  async () => {
    const { wx, doc } = env();
    const p = wx.showModal({ content: 'c' });
    (await until(() => doc.querySelector('.miniport-modal-cancel'))).click();
    assert.deepEqual(await p, { errMsg: 'showModal:ok', confirm: false, cancel: true });
    const q = wx.showModal({ content: 'c', showCancel: false });
    const box = await until(() => doc.querySelector('.miniport-modal'));
    assert.equal(box.querySelector('.miniport-modal-cancel'), null);
    box.querySelector('.miniport-modal-confirm').click();
    await q;
  },
);

test('showActionSheet: an in-page sheet; a tap answers tapIndex, cancel or the mask fails with "cancel"', async () => {
  const { wx, doc } = env();
  const p = wx.showActionSheet({ itemList: ['A', 'B', 'C'], itemColor: '#00ff00', alertText: 'Pick' });
  const sheet = await until(() => doc.querySelector('.miniport-sheet'));
  assert.equal(sheet.querySelector('.miniport-sheet-alert').textContent, 'Pick');
  const items = sheet.querySelectorAll('.miniport-sheet-item');
  assert.deepEqual(
    [...items].map((b) => b.textContent),
    ['A', 'B', 'C'],
  );
  assert.equal(items[1].style.color, 'rgb(0, 255, 0)');
  items[1].click();
  assert.deepEqual(await p, { errMsg: 'showActionSheet:ok', tapIndex: 1 });
  const q = outcome(wx.showActionSheet({ itemList: ['A'] }));
  (await until(() => doc.querySelector('.miniport-sheet-cancel'))).click();
  assert.deepEqual(await q, ['fail', { errMsg: 'showActionSheet:fail cancel' }]);
  const m = outcome(wx.showActionSheet({ itemList: ['A'] }));
  (await until(() => doc.querySelector('.miniport-sheet-root .miniport-modal-mask'))).click();
  assert.deepEqual(await m, ['fail', { errMsg: 'showActionSheet:fail cancel' }]);
  assert.match(
    (await outcome(wx.showActionSheet({ itemList: [1, 2, 3, 4, 5, 6, 7] })))[1].errMsg,
    /^showActionSheet:fail parameter error/,
  );
});

test(
  'authorize: asks in the page the first time, remembers the answer; getSetting and openSetting '
    + 'read and change it',
  async () => {
    const { wx, doc, win } = env();
    const p = wx.authorize({ scope: 'scope.userLocation' });
    const box = await until(() => doc.querySelector('.miniport-modal'));
    assert.equal(box.querySelector('.miniport-modal-title').textContent, 'Demo 申请');
    assert.equal(box.querySelector('.miniport-modal-cancel').textContent, '拒绝');
    box.querySelector('.miniport-modal-confirm').click();
    assert.deepEqual(await p, { errMsg: 'authorize:ok' });
    assert.deepEqual(await wx.authorize({ scope: 'scope.userLocation' }), { errMsg: 'authorize:ok' });
    const q = outcome(wx.authorize({ scope: 'scope.camera' }));
    (await until(() => doc.querySelector('.miniport-modal-cancel'))).click();
    assert.deepEqual(await q, ['fail', { errMsg: 'authorize:fail auth deny' }]);
    assert.deepEqual(await outcome(wx.authorize({ scope: 'scope.camera' })), [
      'fail',
      { errMsg: 'authorize:fail auth deny' },
    ]);
    assert.deepEqual(await outcome(wx.authorize({ scope: 'scope.nothing' })), [
      'fail',
      { errMsg: 'authorize:fail invalid scope' },
    ]);
    assert.deepEqual((await wx.getSetting()).authSetting, { 'scope.userLocation': true, 'scope.camera': false });
    assert.deepEqual(JSON.parse(win.localStorage.getItem('miniport:authSetting')), {
      'scope.userLocation': true,
      'scope.camera': false,
    });
    const s = wx.openSetting();
    const sheet = await until(() => doc.querySelector('.miniport-setting'));
    sheet.querySelector('input[name="scope.camera"]').checked = true;
    sheet.querySelector('.miniport-modal-confirm').click();
    assert.deepEqual(await s, {
      errMsg: 'openSetting:ok',
      authSetting: { 'scope.userLocation': true, 'scope.camera': true },
    });
    assert.deepEqual(await wx.authorize({ scope: 'scope.camera' }), { errMsg: 'authorize:ok' });
  },
);
