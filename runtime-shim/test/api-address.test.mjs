// wx.chooseAddress in jsdom: the in-page address form filled through DOM events, its validation,
// cancel (button, mask, Escape), and the prefill from the address chosen last time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { coreApis } from '../src/api/core/index.js';
import { storageApis } from '../src/api/core/storage.js';

function page() {
  return new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    url: 'https://app.test/',
    pretendToBeVisual: true,
  }).window;
}
const tick = () => new Promise((r) => setTimeout(r, 0));

/** Waits for the address sheet to be in the page. */
async function sheet(win) {
  for (let i = 0; i < 200; i++) {
    const box = win.document.querySelector('.miniport-address');
    if (box) return box;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the address form did not open');
}

/** Types into the field named `field` as a user would (value, then input and change events). */
function type(win, field, text) {
  const input = win.document.querySelector(`.miniport-address input[name="${field}"]`);
  input.focus();
  input.value = text;
  input.dispatchEvent(new win.Event('input', { bubbles: true }));
  input.dispatchEvent(new win.Event('change', { bubbles: true }));
}

const click = (win, selector) =>
  win.document.querySelector(selector).dispatchEvent(new win.MouseEvent('click', { bubbles: true, cancelable: true }));

test('filling the form and confirming answers WeChat\'s address fields with errMsg "chooseAddress:ok"', async () => {
  const win = page();
  const wx = coreApis({ win });
  const pending = wx.chooseAddress();
  const box = await sheet(win);
  assert.equal(box.getAttribute('role'), 'dialog');
  assert.equal(win.document.getElementById(box.getAttribute('aria-labelledby')).textContent, '收货地址');
  const labels = [...box.querySelectorAll('label')].map((l) => [l.textContent, l.htmlFor === l.nextSibling.id]);
  assert.deepEqual(
    labels.map(([t]) => t),
    ['收货人', '手机号码', '省份', '城市', '区县', '街道', '详细地址', '邮政编码'],
  );
  assert.ok(
    labels.every(([, linked]) => linked),
    'each label names its input',
  );
  type(win, 'userName', '张三');
  type(win, 'telNumber', '020-81167888');
  type(win, 'provinceName', '广东省');
  type(win, 'cityName', '广州市');
  type(win, 'countyName', '海珠区');
  type(win, 'streetName', '新港中路');
  type(win, 'detailInfoNew', '397号');
  type(win, 'postalCode', '510000');
  click(win, '.miniport-address .miniport-modal-confirm');
  assert.deepEqual(await pending, {
    errMsg: 'chooseAddress:ok',
    userName: '张三',
    postalCode: '510000',
    provinceName: '广东省',
    cityName: '广州市',
    countyName: '海珠区',
    streetName: '新港中路',
    detailInfo: '新港中路397号',
    detailInfoNew: '397号',
    nationalCode: '',
    telNumber: '020-81167888',
  });
  assert.equal(win.document.querySelector('.miniport-sheet-root'), null, 'the sheet closes');
});

test(
  'confirming without a required field names the missing field, marks it invalid and keeps the ' + 'form open',
  async () => {
    const win = page();
    const wx = coreApis({ win });
    let settled = null;
    wx.chooseAddress({
      complete: (r) => {
        settled = r;
      },
    });
    await sheet(win);
    type(win, 'userName', 'Li Lei');
    click(win, '.miniport-address .miniport-modal-confirm');
    await tick();
    const error = win.document.querySelector('.miniport-address [role="alert"]');
    const phone = win.document.querySelector('input[name="telNumber"]');
    assert.equal(error.textContent, '请填写手机号码');
    assert.equal(phone.getAttribute('aria-invalid'), 'true');
    assert.equal(phone.getAttribute('aria-describedby'), error.id);
    assert.equal(win.document.activeElement, phone, 'the missing field gets the focus');
    type(win, 'telNumber', 'call me');
    click(win, '.miniport-address .miniport-modal-confirm');
    await tick();
    assert.equal(error.textContent, '请填写正确的手机号码');
    type(win, 'telNumber', '13800138000');
    click(win, '.miniport-address .miniport-modal-confirm');
    await tick();
    assert.equal(error.textContent, '请填写详细地址');
    assert.equal(phone.hasAttribute('aria-invalid'), false, 'a fixed field is no longer marked');
    assert.equal(settled, null, 'nothing answers while the form is invalid');
    type(win, 'detailInfoNew', 'Room 1');
    click(win, '.miniport-address .miniport-modal-confirm');
    await tick();
    await tick();
    assert.equal(settled.errMsg, 'chooseAddress:ok');
    assert.equal(settled.detailInfo, 'Room 1');
    assert.equal(settled.provinceName, '');
  },
);

test(
  'Cancel, a tap on the mask and Escape each fail with "chooseAddress:fail cancel" through fail ' + 'and complete',
  async () => {
    const win = page();
    const wx = coreApis({ win });
    for (const how of ['button', 'mask', 'escape']) {
      const seen = [];
      const done = new Promise((resolve) => wx.chooseAddress({ fail: (r) => seen.push(r.errMsg), complete: resolve }));
      await sheet(win);
      if (how === 'button') click(win, '.miniport-address .miniport-modal-cancel');
      else if (how === 'mask') click(win, '.miniport-sheet-root .miniport-modal-mask');
      else win.document.dispatchEvent(new win.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      assert.deepEqual(await done, { errMsg: 'chooseAddress:fail cancel' }, how);
      assert.deepEqual(seen, ['chooseAddress:fail cancel'], how);
      assert.equal(win.document.querySelector('.miniport-address'), null, how);
    }
    await assert.rejects(
      Promise.all([wx.chooseAddress(), sheet(win).then(() => click(win, '.miniport-modal-cancel'))]),
      {
        errMsg: 'chooseAddress:fail cancel',
      },
    );
  },
);

test('the form is prefilled with the address chosen last time, kept apart from wx storage', async () => {
  const win = page();
  globalThis.localStorage = win.localStorage;
  try {
    const wx = coreApis({ win });
    const first = wx.chooseAddress();
    await sheet(win);
    type(win, 'userName', '王五');
    type(win, 'telNumber', '+86 138 0013 8000');
    type(win, 'detailInfoNew', '1号楼');
    click(win, '.miniport-modal-confirm');
    await first;
    const second = wx.chooseAddress();
    await sheet(win);
    const value = (f) => win.document.querySelector(`input[name="${f}"]`).value;
    assert.deepEqual(
      [value('userName'), value('telNumber'), value('detailInfoNew'), value('cityName')],
      ['王五', '+86 138 0013 8000', '1号楼', ''],
    );
    click(win, '.miniport-modal-confirm');
    assert.equal((await second).userName, '王五');
    const storage = storageApis({});
    assert.deepEqual(storage.getStorageInfoSync().keys, [], 'the saved address is not a wx storage key');
    storage.clearStorageSync();
    assert.ok(win.localStorage.getItem('miniport:address'), 'clearStorage keeps it');
  } finally {
    delete globalThis.localStorage;
  }
});

test('two calls show one form at a time, in order', async () => {
  const win = page();
  const wx = coreApis({ win });
  const a = wx.chooseAddress().catch((e) => e.errMsg);
  const b = wx.chooseAddress().catch((e) => e.errMsg);
  await sheet(win);
  assert.equal(win.document.querySelectorAll('.miniport-address').length, 1);
  click(win, '.miniport-modal-cancel');
  assert.equal(await a, 'chooseAddress:fail cancel');
  await sheet(win);
  click(win, '.miniport-modal-cancel');
  assert.equal(await b, 'chooseAddress:fail cancel');
});
