// wx storage on localStorage (WeChat's shapes, limits and errMsg), toast/loading, system info.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { storageApis } from '../src/api/storage.js';
import { feedbackApis } from '../src/api/feedback.js';
import { systemApis } from '../src/api/system.js';

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
  await new Promise((resolve) => wx.setStorage({ key: 'k', data: 'v', success: (r) => seen.push(r.errMsg), complete: resolve }));
  const got = await wx.getStorage({ key: 'k' });
  assert.deepEqual(got, { errMsg: 'getStorage:ok', data: 'v' });
  await assert.rejects(wx.getStorage({ key: 'nope' }), (r) => r.errMsg === 'getStorage:fail data not found');
  const info = await wx.getStorageInfo();
  assert.deepEqual(info.keys, ['k']);
  assert.deepEqual(seen, ['setStorage:ok']);
});

test('a value over 1 MB is refused with WeChat\'s message; a key must be a string', () => {
  assert.throws(() => wx.setStorageSync('big', 'x'.repeat(1024 * 1024 + 1)), /exceed 1MB/);
  assert.throws(() => wx.setStorageSync(undefined, 1), /parameter.key should be String/);
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

test('system info has WeChat\'s fields, from the window', async () => {
  const info = wx.getSystemInfoSync();
  for (const key of ['SDKVersion', 'windowWidth', 'windowHeight', 'pixelRatio', 'platform', 'safeArea', 'statusBarHeight', 'theme', 'language']) {
    assert.ok(key in info, key);
  }
  assert.equal(info.windowWidth, globalThis.innerWidth || 375);
  const async = await wx.getSystemInfo();
  assert.equal(async.errMsg, 'getSystemInfo:ok');
  const menu = wx.getMenuButtonBoundingClientRect();
  assert.equal(menu.right - menu.left, menu.width);
  assert.equal(menu.bottom - menu.top, menu.height);
});

test('the theme in system info follows Telegram\'s colour scheme when the bridge has set it', () => {
  document.documentElement.style.setProperty('--tg-color-scheme', 'dark');
  assert.equal(wx.getSystemInfoSync().theme, 'dark');
  assert.equal(wx.getAppBaseInfo().theme, 'dark');
  document.documentElement.style.setProperty('--tg-color-scheme', 'light');
  assert.equal(wx.getSystemInfoSync().theme, 'light');
  document.documentElement.style.removeProperty('--tg-color-scheme');
});
