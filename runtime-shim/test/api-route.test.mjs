// WeChat's calling convention (core/callback.js) and the errMsg shapes of the route, navigation
// bar, tab bar, pull-down and scroll APIs on a router in jsdom.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, settle, ok, fail, onCallbackError, paramError } from '../src/core/callback.js';
import { routeApis } from '../src/api/route/index.js';
import { navigationApis } from '../src/api/route/navigation.js';
import { setup } from './router-fake.mjs';

/** Calls `fn` with success/fail/complete and resolves with what they got, in order. */
function withCallbacks(fn, options = {}) {
  return new Promise((resolve) => {
    const seen = [];
    fn({
      ...options,
      success: (res) => seen.push(['success', res]),
      fail: (res) => seen.push(['fail', res]),
      complete: (res) => {
        seen.push(['complete', res]);
        resolve(seen);
      },
    });
  });
}

test('callback convention: success then complete with "name:ok", asynchronously, and no promise', async () => {
  const echo = api('echo', (o) => ({ value: o.value }));
  let sync = true;
  const p = withCallbacks(
    (o) => {
      const r = echo(o);
      assert.equal(r, undefined);
    },
    { value: 5 },
  ).then((seen) => ({ seen, sync }));
  sync = false;
  const { seen, sync: wasSync } = await p;
  assert.equal(wasSync, false);
  assert.deepEqual(seen, [
    ['success', { errMsg: 'echo:ok', value: 5 }],
    ['complete', { errMsg: 'echo:ok', value: 5 }],
  ]);
});

test('callback convention: a thrown or rejected reason becomes fail + complete with "name:fail reason"', async () => {
  const bad = api('bad', () => {
    throw new Error('broken');
  });
  assert.deepEqual(await withCallbacks(bad), [
    ['fail', { errMsg: 'bad:fail broken' }],
    ['complete', { errMsg: 'bad:fail broken' }],
  ]);
  const later = api('later', () => Promise.reject(new Error('no')));
  assert.deepEqual((await withCallbacks(later))[0], ['fail', { errMsg: 'later:fail no' }]);
  assert.deepEqual(fail('x'), { errMsg: 'x:fail' });
  assert.deepEqual(ok('x', { a: 1 }), { errMsg: 'x:ok', a: 1 });
});

test(
  'callback convention: without callbacks the call returns a promise that resolves or rejects ' + 'with the result',
  async () => {
    assert.deepEqual(await api('p', () => ({ n: 1 }))({}), { errMsg: 'p:ok', n: 1 });
    await assert.rejects(
      api('p', () => {
        throw new Error('why');
      })(),
      (res) => res.errMsg === 'p:fail why',
    );
    await assert.rejects(settle('q', undefined, Promise.reject(new Error('r'))), { errMsg: 'q:fail r' });
  },
);

test('callback convention: an exception in success is reported and complete still runs', async () => {
  const reported = [];
  onCallbackError((e) => reported.push(e.message));
  try {
    const seen = await new Promise((resolve) => {
      api('t', () => ({}))({
        success: () => {
          throw new Error('app bug');
        },
        complete: (res) => resolve(res),
      });
    });
    assert.deepEqual(seen, { errMsg: 't:ok' });
    assert.deepEqual(reported, ['app bug']);
  } finally {
    onCallbackError((e) => console.error(e));
  }
});

test("parameter errors read as WeChat's", () => {
  assert.equal(
    paramError('url', 'String', undefined),
    'parameter error: parameter.url should be String instead of Undefined;',
  );
  assert.equal(
    paramError('index', 'Number', '1'),
    'parameter error: parameter.index should be Number instead of String;',
  );
});

async function apis() {
  const env = setup();
  await env.router.start();
  return { env, wx: { ...routeApis(env.router), ...navigationApis(env.router) } };
}

test('wx.navigateTo: success has errMsg "navigateTo:ok" and the eventChannel; failures say why', async () => {
  const { wx } = await apis();
  const res = await wx.navigateTo({ url: '/pages/detail/detail?id=1' });
  assert.equal(res.errMsg, 'navigateTo:ok');
  assert.equal(typeof res.eventChannel.emit, 'function');
  await assert.rejects(wx.navigateTo({ url: '/pages/none/none' }), {
    errMsg: 'navigateTo:fail page "pages/none/none" is not found',
  });
  await assert.rejects(wx.navigateTo({ url: '/pages/index/index' }), {
    errMsg: 'navigateTo:fail can not navigateTo a tabbar page',
  });
  await assert.rejects(wx.navigateTo({}), {
    errMsg: 'navigateTo:fail parameter error: parameter.url should be String instead of Undefined;',
  });
  const seen = await withCallbacks(wx.navigateTo, { url: '/pages/list/list' });
  assert.deepEqual(
    seen.map(([k, r]) => [k, r.errMsg]),
    [
      ['success', 'navigateTo:ok'],
      ['complete', 'navigateTo:ok'],
    ],
  );
});

test('wx.navigateTo fails at the 10-page limit with "navigateTo:fail webview count limit exceed"', async () => {
  const { wx } = await apis();
  for (let i = 0; i < 9; i++) await wx.navigateTo({ url: `/pages/detail/detail?i=${i}` });
  const seen = await withCallbacks(wx.navigateTo, { url: '/pages/list/list' });
  assert.deepEqual(seen, [
    ['fail', { errMsg: 'navigateTo:fail webview count limit exceed' }],
    ['complete', { errMsg: 'navigateTo:fail webview count limit exceed' }],
  ]);
});

test('wx.redirectTo, navigateBack, switchTab, reLaunch: errMsg on success and failure', async () => {
  const { wx, env } = await apis();
  await assert.rejects(wx.navigateBack(), { errMsg: 'navigateBack:fail cannot navigate back at first page.' });
  await wx.navigateTo({ url: '/pages/detail/detail' });
  assert.deepEqual(await wx.redirectTo({ url: '/pages/list/list' }), { errMsg: 'redirectTo:ok' });
  await assert.rejects(wx.redirectTo({ url: '/pages/mine/mine' }), {
    errMsg: 'redirectTo:fail can not redirectTo a tabbar page',
  });
  assert.deepEqual(await wx.navigateBack({ delta: 5 }), { errMsg: 'navigateBack:ok' });
  await assert.rejects(wx.switchTab({ url: '/pages/list/list' }), {
    errMsg: 'switchTab:fail can not switch to no-tabBar page',
  });
  assert.deepEqual(await wx.switchTab({ url: '/pages/mine/mine' }), { errMsg: 'switchTab:ok' });
  assert.deepEqual(await wx.reLaunch({ url: '/pages/detail/detail?x=1' }), { errMsg: 'reLaunch:ok' });
  await assert.rejects(wx.reLaunch({ url: 'nowhere' }), {
    errMsg: 'reLaunch:fail page "pages/detail/nowhere" is not found',
  });
  assert.deepEqual(
    env.router.stack().map((h) => h.route),
    ['pages/detail/detail'],
  );
});

test('navigation bar, tab bar, pull-down and scroll APIs: errMsg shapes', async () => {
  const { wx, env } = await apis();
  assert.deepEqual(await wx.setNavigationBarTitle({ title: 'Hi' }), { errMsg: 'setNavigationBarTitle:ok' });
  assert.equal(env.doc.querySelector('.miniport-navbar-title').textContent, 'Hi');
  await assert.rejects(wx.setNavigationBarTitle({}), {
    errMsg: 'setNavigationBarTitle:fail parameter error: parameter.title should be String instead of Undefined;',
  });
  assert.deepEqual(
    await wx.setNavigationBarColor({ frontColor: '#ffffff', backgroundColor: '#123456', animation: { duration: 300 } }),
    { errMsg: 'setNavigationBarColor:ok' },
  );
  assert.deepEqual(await wx.showNavigationBarLoading(), { errMsg: 'showNavigationBarLoading:ok' });
  assert.deepEqual(await wx.hideNavigationBarLoading(), { errMsg: 'hideNavigationBarLoading:ok' });
  assert.deepEqual(await wx.setTabBarBadge({ index: 0, text: '9' }), { errMsg: 'setTabBarBadge:ok' });
  assert.deepEqual(await wx.removeTabBarBadge({ index: 0 }), { errMsg: 'removeTabBarBadge:ok' });
  assert.deepEqual(await wx.showTabBarRedDot({ index: 1 }), { errMsg: 'showTabBarRedDot:ok' });
  assert.deepEqual(await wx.hideTabBarRedDot({ index: 1 }), { errMsg: 'hideTabBarRedDot:ok' });
  assert.deepEqual(await wx.hideTabBar({}), { errMsg: 'hideTabBar:ok' });
  assert.deepEqual(await wx.showTabBar({}), { errMsg: 'showTabBar:ok' });
  assert.deepEqual(await wx.setTabBarItem({ index: 0, text: 'A' }), { errMsg: 'setTabBarItem:ok' });
  assert.deepEqual(await wx.setTabBarStyle({ color: '#000000' }), { errMsg: 'setTabBarStyle:ok' });
  await assert.rejects(wx.setTabBarBadge({ index: '0', text: '1' }), {
    errMsg: 'setTabBarBadge:fail parameter error: parameter.index should be Number instead of String;',
  });
  assert.deepEqual(await wx.startPullDownRefresh(), { errMsg: 'startPullDownRefresh:ok' });
  assert.deepEqual(await wx.stopPullDownRefresh(), { errMsg: 'stopPullDownRefresh:ok' });
  assert.deepEqual(await wx.pageScrollTo({ scrollTop: 10, duration: 0 }), { errMsg: 'pageScrollTo:ok' });
  await wx.navigateTo({ url: '/pages/detail/detail' });
  await assert.rejects(wx.setTabBarBadge({ index: 0, text: '1' }), { errMsg: 'setTabBarBadge:fail not TabBar page' });
  await assert.rejects(wx.hideTabBar(), { errMsg: 'hideTabBar:fail not TabBar page' });
});
