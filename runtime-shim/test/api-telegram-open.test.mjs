// The Telegram group's biometric, window, link, file, payment and share APIs with the Telegram mock
// (what each posts, what it returns, failures on an older client) and outside Telegram (the web's
// way or a clear failure).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { createBridge } from '../src/telegram/bridge.js';
import { installTelegramMock } from '../src/telegram/mock.js';
import { telegramApis } from '../src/api/telegram/index.js';
import { decodeStartParam } from '../src/api/core/launch.js';

function env({ telegram = false, version = '8.0', answer = null, initData = '', telegramConfig = {} } = {}) {
  const dom = new JSDOM('<!doctype html><body><input id="field"></body>', { url: 'http://127.0.0.1/' });
  const win = dom.window;
  const opened = [];
  const clicked = [];
  let n = 0;
  win.open = (url, target) => {
    opened.push([url, target]);
    return null;
  };
  win.URL.createObjectURL = () => `blob:http://127.0.0.1/${++n}`;
  win.URL.revokeObjectURL = () => {};
  win.HTMLAnchorElement.prototype.click = function click() {
    clicked.push({ href: this.href, download: this.download });
  };
  const mock = telegram ? installTelegramMock(win, { version, answer, initData }) : null;
  const bridge = createBridge(win);
  const wx = telegramApis({ bridge, win, config: { telegram: telegramConfig } });
  return { win, mock, wx, opened, clicked };
}

const tick = () => new Promise((r) => setTimeout(r, 5));
const outcome = (p) =>
  p.then(
    (r) => ['ok', r],
    (r) => ['fail', r],
  );
const last = (mock) => mock.events.at(-1);
const answering = (method, event, data) => (name, d, emit) =>
  name === method && (emit(event, typeof data === 'function' ? data(d) : data), true);

test(
  'checkIsSupportSoterAuthentication: supportMode from the biometric type (finger → fingerPrint, '
    + 'face → facial, none → [])',
  async () => {
    const finger = env({ telegram: true });
    assert.deepEqual(await finger.wx.checkIsSupportSoterAuthentication(), {
      errMsg: 'checkIsSupportSoterAuthentication:ok',
      supportMode: ['fingerPrint'],
    });
    assert.equal(last(finger.mock).name, 'web_app_biometry_get_info');
    const face = env({
      telegram: true,
      answer: answering('web_app_biometry_get_info', 'biometry_info_received', { available: true, type: 'face' }),
    });
    assert.deepEqual((await face.wx.checkIsSupportSoterAuthentication()).supportMode, ['facial']);
    const none = env({
      telegram: true,
      answer: answering('web_app_biometry_get_info', 'biometry_info_received', { available: false }),
    });
    assert.deepEqual((await none.wx.checkIsSupportSoterAuthentication()).supportMode, []);
    assert.deepEqual(await outcome(env().wx.checkIsSupportSoterAuthentication()), [
      'fail',
      { errMsg: 'checkIsSupportSoterAuthentication:fail not in Telegram' },
    ]);
    const old = env({ telegram: true, version: '7.1' });
    assert.deepEqual(await outcome(old.wx.checkIsSupportSoterAuthentication()), [
      'fail',
      { errMsg: 'checkIsSupportSoterAuthentication:fail not supported in Telegram 7.1' },
    ]);
    assert.deepEqual(old.mock.events, []);
  },
);

test("checkIsSoterEnrolledInDevice: isEnrolled for the device's own mode; checkAuthMode is required", async () => {
  const { wx } = env({ telegram: true });
  assert.deepEqual(await wx.checkIsSoterEnrolledInDevice({ checkAuthMode: 'fingerPrint' }), {
    errMsg: 'checkIsSoterEnrolledInDevice:ok',
    isEnrolled: true,
  });
  assert.equal((await wx.checkIsSoterEnrolledInDevice({ checkAuthMode: 'facial' })).isEnrolled, false);
  assert.match(
    (await outcome(wx.checkIsSoterEnrolledInDevice({})))[1].errMsg,
    /^checkIsSoterEnrolledInDevice:fail parameter error: parameter\.checkAuthMode/,
  );
});

test(
  'startSoterAuthentication: asks access with authContent as the reason, then authenticates; '
    + 'resultJSON carries the challenge, unsigned',
  async () => {
    const { wx, mock } = env({ telegram: true });
    const r = await wx.startSoterAuthentication({
      requestAuthModes: ['fingerPrint'],
      challenge: 'order-42',
      authContent: 'Pay 5 stars',
    });
    assert.equal(r.errMsg, 'startSoterAuthentication:ok');
    assert.equal(r.authMode, 'fingerPrint');
    assert.equal(r.errCode, 0);
    assert.deepEqual(JSON.parse(r.resultJSON), { raw: 'order-42', cpu_id: 'mock-device' });
    assert.equal(r.resultJSONSignature, '');
    assert.deepEqual(mock.names(), [
      'web_app_biometry_get_info',
      'web_app_biometry_request_access',
      'web_app_biometry_request_auth',
    ]);
    assert.deepEqual(mock.events[1].data, { reason: 'Pay 5 stars' });
    assert.deepEqual(mock.events[2].data, { reason: 'Pay 5 stars' });
    // Access granted now: the next call goes straight to authentication.
    await wx.startSoterAuthentication({ requestAuthModes: ['fingerPrint'], challenge: 'c' });
    assert.deepEqual(mock.names().slice(3), ['web_app_biometry_get_info', 'web_app_biometry_request_auth']);
  },
);

test(
  "startSoterAuthentication fails with WeChat's errCodes: refused access 90002, failed scan "
    + '90009, other mode 90003, no challenge 90004',
  async () => {
    const refused = env({
      telegram: true,
      answer: answering('web_app_biometry_request_access', 'biometry_info_received', {
        available: true,
        type: 'finger',
        access_requested: true,
        access_granted: false,
      }),
    });
    const [k1, r1] = await outcome(
      refused.wx.startSoterAuthentication({ requestAuthModes: ['fingerPrint'], challenge: 'c' }),
    );
    assert.equal(k1, 'fail');
    assert.deepEqual(r1, {
      errMsg: 'startSoterAuthentication:fail biometric access denied',
      authMode: 'fingerPrint',
      resultJSON: '',
      resultJSONSignature: '',
      errCode: 90002,
    });
    const failed = env({
      telegram: true,
      answer: answering('web_app_biometry_request_auth', 'biometry_auth_requested', { status: 'failed' }),
    });
    assert.equal(
      (await outcome(failed.wx.startSoterAuthentication({ requestAuthModes: ['fingerPrint'], challenge: 'c' })))[1]
        .errCode,
      90009,
    );
    const { wx } = env({ telegram: true });
    assert.equal(
      (await outcome(wx.startSoterAuthentication({ requestAuthModes: ['facial'], challenge: 'c' })))[1].errCode,
      90003,
    );
    assert.equal((await outcome(wx.startSoterAuthentication({ requestAuthModes: ['fingerPrint'] })))[1].errCode, 90004);
    assert.match(
      (await outcome(wx.startSoterAuthentication({ challenge: 'c' })))[1].errMsg,
      /parameter\.requestAuthModes should be Array/,
    );
    assert.equal(
      (await outcome(env().wx.startSoterAuthentication({ requestAuthModes: ['fingerPrint'], challenge: 'c' })))[1]
        .errCode,
      90001,
    );
  },
);

test(
  "enableAlertBeforeUnload: Telegram's closing confirmation on and off; outside Telegram a "
    + 'beforeunload prompt until disabled',
  async () => {
    const tg = env({ telegram: true });
    assert.deepEqual(await tg.wx.enableAlertBeforeUnload({ message: 'Leave the order?' }), {
      errMsg: 'enableAlertBeforeUnload:ok',
    });
    assert.deepEqual(last(tg.mock), { name: 'web_app_setup_closing_behavior', data: { need_confirmation: true } });
    await tg.wx.disableAlertBeforeUnload();
    assert.deepEqual(last(tg.mock), { name: 'web_app_setup_closing_behavior', data: { need_confirmation: false } });
    const { wx, win } = env();
    const unload = () => {
      const e = new win.Event('beforeunload', { cancelable: true });
      win.dispatchEvent(e);
      return e.defaultPrevented;
    };
    assert.equal(unload(), false);
    await wx.enableAlertBeforeUnload({ message: 'Leave?' });
    assert.equal(unload(), true);
    await wx.disableAlertBeforeUnload();
    assert.equal(unload(), false);
    assert.match(
      (await outcome(wx.enableAlertBeforeUnload({})))[1].errMsg,
      /^enableAlertBeforeUnload:fail parameter error: parameter\.message/,
    );
  },
);

test('exitMiniProgram and navigateBackMiniProgram close the Mini App; outside Telegram they fail', async () => {
  const { wx, mock } = env({ telegram: true });
  assert.deepEqual(await wx.exitMiniProgram(), { errMsg: 'exitMiniProgram:ok' });
  assert.deepEqual(last(mock), { name: 'web_app_close', data: {} });
  assert.deepEqual(await wx.navigateBackMiniProgram({ extraData: { a: 1 } }), { errMsg: 'navigateBackMiniProgram:ok' });
  assert.deepEqual(await outcome(env().wx.exitMiniProgram()), [
    'fail',
    { errMsg: 'exitMiniProgram:fail not in Telegram' },
  ]);
});

test(
  'navigateToMiniProgram: the configured t.me link with path and extraData in startapp; a t.me '
    + 'shortLink works too; no link fails',
  async () => {
    const { wx, mock } = env({
      telegram: true,
      telegramConfig: { miniPrograms: { wx123: 'https://t.me/shop_bot/app' } },
    });
    assert.deepEqual(
      await wx.navigateToMiniProgram({ appId: 'wx123', path: '/pages/item/item?id=7', extraData: { from: 'blog' } }),
      { errMsg: 'navigateToMiniProgram:ok' },
    );
    const { name, data } = last(mock);
    assert.equal(name, 'web_app_open_tg_link');
    const m = /^\/shop_bot\/app\?startapp=([\w-]+)$/.exec(data.path_full);
    assert.ok(m, data.path_full);
    assert.deepEqual(decodeStartParam(m[1]), {
      path: 'pages/item/item',
      query: { id: '7', extraData: '{"from":"blog"}' },
    });
    await wx.navigateToMiniProgram({ appId: 'wx999', shortLink: 'https://t.me/other_bot/play' });
    assert.deepEqual(last(mock).data, { path_full: '/other_bot/play' });
    assert.deepEqual(await outcome(wx.navigateToMiniProgram({ appId: 'wx999' })), [
      'fail',
      { errMsg: 'navigateToMiniProgram:fail not supported (no Telegram link configured for appId wx999)' },
    ]);
    const web = env({ telegramConfig: { miniPrograms: { wx123: 't.me/shop_bot/app' } } });
    await web.wx.navigateToMiniProgram({ appId: 'wx123' });
    assert.deepEqual(web.opened, [['https://t.me/shop_bot/app', '_blank']]);
  },
);

test(
  'official accounts, customer service and the privacy contract open their configured Telegram ' + 'chats and links',
  async () => {
    const config = {
      accounts: { gh_abc: '@shop_news' },
      customerService: 'shop_support_bot',
      privacyUrl: 'https://example.com/privacy',
    };
    const { wx, mock } = env({ telegram: true, telegramConfig: config });
    await wx.openOfficialAccountArticle({ url: 'https://example.com/post/1' });
    assert.deepEqual(last(mock), {
      name: 'web_app_open_link',
      data: { url: 'https://example.com/post/1', try_instant_view: true },
    });
    await wx.openOfficialAccountChat({ username: 'gh_abc' });
    assert.deepEqual(last(mock), { name: 'web_app_open_tg_link', data: { path_full: '/shop_news' } });
    await wx.openOfficialAccountProfile({ username: 'gh_abc' });
    assert.deepEqual(last(mock).data, { path_full: '/shop_news' });
    await wx.openCustomerServiceChat({ corpId: 'x', extInfo: { url: 'https://work.weixin.qq.com/kfid/1' } });
    assert.deepEqual(last(mock).data, { path_full: '/shop_support_bot' });
    await wx.openPrivacyContract();
    assert.deepEqual(last(mock), { name: 'web_app_open_link', data: { url: 'https://example.com/privacy' } });
    const bare = env({ telegram: true });
    assert.deepEqual(await outcome(bare.wx.openOfficialAccountChat({ username: 'gh_abc' })), [
      'fail',
      { errMsg: 'openOfficialAccountChat:fail not supported (no Telegram chat configured for gh_abc)' },
    ]);
    assert.equal((await outcome(bare.wx.openCustomerServiceChat({})))[0], 'fail');
    assert.deepEqual(await outcome(bare.wx.openPrivacyContract()), [
      'fail',
      { errMsg: 'openPrivacyContract:fail not supported (no privacy policy URL configured)' },
    ]);
    assert.match((await outcome(bare.wx.openOfficialAccountArticle({})))[1].errMsg, /parameter\.url should be String/);
  },
);

test(
  'openDocument: a remote document opens as a link; a local file as a blob: URL in a new tab; a '
    + 'missing file fails',
  async () => {
    const { wx, mock } = env({ telegram: true });
    await wx.openDocument({ filePath: 'https://example.com/a.pdf' });
    assert.deepEqual(last(mock), { name: 'web_app_open_link', data: { url: 'https://example.com/a.pdf' } });
    const web = env();
    const { tempUrl } = await import('../src/core/wxfile.js');
    const local = tempUrl(new web.win.Blob(['%PDF-1.4']), web.win);
    assert.deepEqual(await web.wx.openDocument({ filePath: local, fileType: 'pdf' }), { errMsg: 'openDocument:ok' });
    assert.equal(web.opened.length, 1);
    assert.match(web.opened[0][0], /^blob:/);
    assert.deepEqual(await outcome(web.wx.openDocument({ filePath: 'wxfile://usr/none.pdf' })), [
      'fail',
      { errMsg: 'openDocument:fail no such file or directory wxfile://usr/none.pdf' },
    ]);
  },
);

test(
  "saveFileToDisk: Telegram's download sheet for https files (cancel fails); an <a download> for "
    + 'local files and outside Telegram',
  async () => {
    let status = 'downloading';
    const { wx, mock, clicked } = env({
      telegram: true,
      answer: answering('web_app_request_file_download', 'file_download_requested', () => ({ status })),
    });
    assert.deepEqual(await wx.saveFileToDisk({ filePath: 'https://example.com/files/report.xlsx?sig=1' }), {
      errMsg: 'saveFileToDisk:ok',
    });
    assert.deepEqual(last(mock), {
      name: 'web_app_request_file_download',
      data: { url: 'https://example.com/files/report.xlsx?sig=1', file_name: 'report.xlsx' },
    });
    status = 'cancelled';
    assert.deepEqual(await outcome(wx.saveFileToDisk({ filePath: 'https://example.com/b.txt' })), [
      'fail',
      { errMsg: 'saveFileToDisk:fail cancel' },
    ]);
    assert.deepEqual(clicked, []);
    const web = env();
    await web.wx.saveFileToDisk({ filePath: 'http://127.0.0.1/hello.txt' });
    assert.deepEqual(web.clicked, [{ href: 'http://127.0.0.1/hello.txt', download: 'hello.txt' }]);
    assert.match(
      (await outcome(web.wx.saveFileToDisk({})))[1].errMsg,
      /^saveFileToDisk:fail parameter error: parameter\.filePath/,
    );
  },
);

test(
  'requestCommonPayment and requestVirtualPayment open the invoice like requestPayment, with ' + 'their own errMsg',
  async () => {
    let status = 'paid';
    const { wx, mock } = env({
      telegram: true,
      answer: answering('web_app_open_invoice', 'invoice_closed', (d) => ({ slug: d.slug, status })),
    });
    assert.deepEqual(await wx.requestCommonPayment({ invoiceUrl: 'https://t.me/$inv1' }), {
      errMsg: 'requestCommonPayment:ok',
    });
    assert.deepEqual(last(mock), { name: 'web_app_open_invoice', data: { slug: 'inv1' } });
    status = 'cancelled';
    assert.deepEqual(await outcome(wx.requestVirtualPayment({ slug: 'inv2' })), [
      'fail',
      { errMsg: 'requestVirtualPayment:fail cancel' },
    ]);
    assert.deepEqual(await outcome(env().wx.requestVirtualPayment({ slug: 'inv2' })), [
      'fail',
      { errMsg: 'requestVirtualPayment:fail not in Telegram' },
    ]);
  },
);

test("openAppAuthorizeSetting opens Telegram's location settings (8.0); older clients fail", async () => {
  const { wx, mock } = env({ telegram: true });
  assert.deepEqual(await wx.openAppAuthorizeSetting(), { errMsg: 'openAppAuthorizeSetting:ok' });
  assert.equal(last(mock).name, 'web_app_open_location_settings');
  assert.deepEqual(await outcome(env({ telegram: true, version: '7.0' }).wx.openAppAuthorizeSetting()), [
    'fail',
    { errMsg: 'openAppAuthorizeSetting:fail not supported in Telegram 7.0' },
  ]);
});

test(
  'checkIsAddedToMyMiniProgram: added when the home-screen status is "added"; outside Telegram, '
    + 'whether the page runs installed',
  async () => {
    const missed = env({ telegram: true });
    assert.deepEqual(await missed.wx.checkIsAddedToMyMiniProgram(), {
      errMsg: 'checkIsAddedToMyMiniProgram:ok',
      added: false,
    });
    assert.equal(last(missed.mock).name, 'web_app_check_home_screen');
    const added = env({
      telegram: true,
      answer: answering('web_app_check_home_screen', 'home_screen_checked', { status: 'added' }),
    });
    assert.equal((await added.wx.checkIsAddedToMyMiniProgram()).added, true);
    assert.equal((await outcome(env({ telegram: true, version: '7.10' }).wx.checkIsAddedToMyMiniProgram()))[0], 'fail');
    const web = env();
    web.win.matchMedia = (q) => ({ matches: q === '(display-mode: standalone)' });
    assert.equal((await web.wx.checkIsAddedToMyMiniProgram()).added, true);
    assert.deepEqual(await env().wx.hideHomeButton(), { errMsg: 'hideHomeButton:ok' });
  },
);

test(
  'getGroupEnterInfo: the chat of initData in plain form; no chat fails with scene error 40097; '
    + 'outside Telegram fails',
  async () => {
    const chat = encodeURIComponent(JSON.stringify({ id: -100, type: 'group', title: 'Team' }));
    const initData = `chat_type=group&chat_instance=-8812&chat=${chat}&auth_date=1&hash=x`;
    const { wx } = env({ telegram: true, initData });
    assert.deepEqual(await wx.getGroupEnterInfo(), {
      errMsg: 'getGroupEnterInfo:ok',
      encryptedData: '',
      iv: '',
      chat_type: 'group',
      chat_instance: '-8812',
      chat: { id: -100, type: 'group', title: 'Team' },
    });
    assert.deepEqual(await outcome(env({ telegram: true, initData: 'auth_date=1&hash=x' }).wx.getGroupEnterInfo()), [
      'fail',
      { errMsg: 'getGroupEnterInfo:fail scene error', errCode: 40097 },
    ]);
    assert.deepEqual(await outcome(env().wx.getGroupEnterInfo()), [
      'fail',
      { errMsg: 'getGroupEnterInfo:fail not in Telegram' },
    ]);
  },
);

test(
  "hideKeyboard: Telegram's hide_keyboard from 9.1; before that and outside Telegram the focused "
    + 'field loses focus',
  async () => {
    const tg = env({ telegram: true, version: '9.1' });
    await tg.wx.hideKeyboard();
    assert.equal(last(tg.mock).name, 'web_app_hide_keyboard');
    const old = env({ telegram: true, version: '8.0' });
    const field = old.win.document.getElementById('field');
    field.focus();
    assert.equal(old.win.document.activeElement, field);
    assert.deepEqual(await old.wx.hideKeyboard(), { errMsg: 'hideKeyboard:ok' });
    assert.notEqual(old.win.document.activeElement, field);
    assert.ok(!old.mock.names().includes('web_app_hide_keyboard'));
  },
);

test(
  "onWindowResize: size from the window width and Telegram's stable viewport height, once per "
    + 'change; offWindowResize removes',
  async () => {
    const { wx, mock, win } = env({ telegram: true });
    const seen = [];
    const fn = (r) => seen.push(r);
    wx.onWindowResize(fn);
    await tick();
    mock.emit('viewport_changed', { height: 500, is_expanded: true, is_state_stable: false });
    mock.emit('viewport_changed', { height: 540, is_expanded: true, is_state_stable: true });
    mock.emit('viewport_changed', { height: 540, is_expanded: true, is_state_stable: true });
    await tick();
    assert.deepEqual(seen, [{ size: { windowWidth: win.innerWidth, windowHeight: 540 } }]);
    wx.offWindowResize(fn);
    mock.emit('viewport_changed', { height: 600, is_state_stable: true });
    await tick();
    assert.equal(seen.length, 1);
    const web = env();
    const got = [];
    web.wx.onWindowResize((r) => got.push(r));
    await tick();
    Object.defineProperty(web.win, 'innerWidth', { value: 800, configurable: true });
    web.win.dispatchEvent(new web.win.Event('resize'));
    assert.deepEqual(got, [{ size: { windowWidth: 800, windowHeight: web.win.innerHeight } }]);
  },
);

test(
  "onMenuButtonBoundingClientRectWeightChange: the capsule rectangle when Telegram's content safe " + 'area changes',
  async () => {
    const { wx, mock } = env({ telegram: true });
    const seen = [];
    wx.onMenuButtonBoundingClientRectWeightChange((r) => seen.push(r));
    await tick();
    mock.emit('content_safe_area_changed', { top: 40, bottom: 0, left: 0, right: 0 });
    await tick();
    assert.equal(seen.length, 1);
    assert.deepEqual(Object.keys(seen[0]).sort(), ['bottom', 'height', 'left', 'right', 'top', 'width']);
    assert.equal(seen[0].width, 87);
    wx.offMenuButtonBoundingClientRectWeightChange();
    mock.emit('content_safe_area_changed', { top: 0, bottom: 0, left: 0, right: 0 });
    await tick();
    assert.equal(seen.length, 1);
  },
);

test(
  "share to chats: a prepared message by id (8.0), from the option or the app's prepareMessage; "
    + 'declined fails with cancel',
  async () => {
    const asked = [];
    const prepareMessage = async (req) => {
      asked.push(req);
      return 'prep-2';
    };
    let result = ['prepared_message_sent', {}];
    const { wx, mock } = env({
      telegram: true,
      telegramConfig: { prepareMessage },
      answer: (name, d, emit) => name === 'web_app_send_prepared_message' && (emit(...result), true),
    });
    assert.deepEqual(
      await wx.shareFileMessage({ filePath: 'https://example.com/a.pdf', preparedMessageId: 'prep-1' }),
      {
        errMsg: 'shareFileMessage:ok',
      },
    );
    assert.deepEqual(last(mock), { name: 'web_app_send_prepared_message', data: { id: 'prep-1' } });
    await wx.shareVideoToGroup({ videoPath: 'https://example.com/v.mp4', title: 'Clip' });
    assert.deepEqual(last(mock).data, { id: 'prep-2' });
    assert.deepEqual(asked, [{ api: 'shareVideoToGroup', videoPath: 'https://example.com/v.mp4', title: 'Clip' }]);
    result = ['prepared_message_failed', { error: 'USER_DECLINED' }];
    assert.deepEqual(await outcome(wx.shareImageToGroup({ imagePath: 'https://example.com/i.png' })), [
      'fail',
      { errMsg: 'shareImageToGroup:fail cancel' },
    ]);
    assert.match(
      (await outcome(wx.shareAppMessageToGroup({})))[1].errMsg,
      /^shareAppMessageToGroup:fail parameter error: parameter\.title/,
    );
  },
);

test(
  'share to chats without a prepared message: an inline query to groups in Telegram; Web Share '
    + 'outside; no way to share fails clearly',
  async () => {
    const { wx, mock } = env({ telegram: true, version: '7.0' });
    assert.deepEqual(await wx.shareAppMessageToGroup({ title: 'Try this' }), { errMsg: 'shareAppMessageToGroup:ok' });
    assert.deepEqual(last(mock), {
      name: 'web_app_switch_inline_query',
      data: { query: 'Try this', chat_types: ['groups'] },
    });
    const web = env();
    const shared = [];
    web.win.navigator.share = async (data) => {
      shared.push(data);
    };
    const { tempUrl } = await import('../src/core/wxfile.js');
    const file = tempUrl(new web.win.Blob(['hi'], { type: 'text/plain' }), web.win);
    await web.wx.shareFileMessage({ filePath: file, fileName: 'note.txt' });
    assert.equal(shared[0].files[0].name, 'note.txt');
    assert.equal(shared[0].files[0].type, 'text/plain');
    await web.wx.shareAppMessageToGroup({ title: 'Hi' });
    assert.deepEqual(shared[1], { title: 'Hi', url: 'http://127.0.0.1/' });
    web.win.navigator.share = async () => {
      const e = new Error('aborted');
      e.name = 'AbortError';
      throw e;
    };
    assert.deepEqual(await outcome(web.wx.shareAppMessageToGroup({ title: 'Hi' })), [
      'fail',
      { errMsg: 'shareAppMessageToGroup:fail cancel' },
    ]);
    assert.deepEqual(await outcome(env().wx.shareVideoMessage({ videoPath: 'https://example.com/v.mp4' })), [
      'fail',
      { errMsg: 'shareVideoMessage:fail not supported (no prepared message id, and no Web Share in this browser)' },
    ]);
  },
);

test(
  'showShareImageMenu: a public image becomes a Telegram story (7.8); before that it fails ' + 'without Web Share',
  async () => {
    const { wx, mock } = env({ telegram: true, version: '7.8' });
    assert.deepEqual(await wx.showShareImageMenu({ path: 'https://example.com/p.png' }), {
      errMsg: 'showShareImageMenu:ok',
    });
    assert.deepEqual(last(mock), { name: 'web_app_share_to_story', data: { media_url: 'https://example.com/p.png' } });
    assert.equal(
      (
        await outcome(
          env({ telegram: true, version: '7.7' }).wx.showShareImageMenu({ path: 'https://example.com/p.png' }),
        )
      )[0],
      'fail',
    );
  },
);
