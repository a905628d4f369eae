// wx route events on the router (jsdom): WeChat's order around each navigation, the result shapes, rewriteRoute
// inside onBeforeAppRoute, preDownloadSubpackage, and listeners that never fire without a router.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, appConfig } from './router-fake.mjs';
import { webApis } from '../src/api/web/index.js';

const EVENTS = [
  'BeforeAppRoute',
  'AppRoute',
  'AppRouteDone',
  'BeforePageLoad',
  'AfterPageLoad',
  'BeforePageUnload',
  'AfterPageUnload',
];

/** A router and the web APIs on it; every route event and page lifecycle call lands in one log. */
function env(opts) {
  const e = setup(opts);
  const wx = webApis({ router: e.router, win: e.win, config: e.router.config, fw: e.pages });
  const events = [];
  for (const name of EVENTS)
    wx[`on${name}`]((res) => {
      e.log.push(`${name} ${res.openType || ''} ${res.path}`.replace('  ', ' '));
      events.push([name, res]);
    });
  return { ...e, wx, events };
}

test('appLaunch: BeforeAppRoute, BeforePageLoad, onLoad, onShow, AfterPageLoad, AppRoute, AppRouteDone', async () => {
  const e = env();
  await e.router.start();
  assert.deepEqual(e.take(), [
    'BeforeAppRoute appLaunch pages/index/index',
    'BeforePageLoad appLaunch pages/index/index',
    'pages/index/index.onLoad',
    'pages/index/index.onShow',
    'pages/index/index.onReady',
    'AfterPageLoad appLaunch pages/index/index',
    'AppRoute appLaunch pages/index/index',
    'AppRouteDone appLaunch pages/index/index',
  ]);
});

test(
  "redirectTo follows WeChat's documented order: unload events around the old page, load events " + 'around the new',
  async () => {
    const e = env();
    await e.router.start();
    await e.router.navigateTo('/pages/detail/detail?id=1');
    e.take();
    await e.router.redirectTo('/pages/list/list?x=2');
    assert.deepEqual(e.take(), [
      'BeforeAppRoute redirectTo pages/list/list',
      'BeforePageUnload pages/detail/detail',
      'pages/detail/detail.onUnload',
      'AfterPageUnload pages/detail/detail',
      'BeforePageLoad redirectTo pages/list/list',
      'pages/list/list.onLoad',
      'pages/list/list.onShow',
      'pages/list/list.onReady',
      'AfterPageLoad redirectTo pages/list/list',
      'AppRoute redirectTo pages/list/list',
      'AppRouteDone redirectTo pages/list/list',
    ]);
  },
);

test('results carry path, query, openType, routeEventId shared by one route, webviewId and timeStamp', async () => {
  const e = env();
  await e.router.start();
  await e.router.navigateTo('/pages/detail/detail?id=7');
  const nav = e.events.filter(([, r]) => r.openType === 'navigateTo');
  assert.equal(new Set(nav.map(([, r]) => r.routeEventId)).size, 1);
  const [, route] = nav.find(([n]) => n === 'AppRoute');
  assert.deepEqual(
    {
      path: route.path,
      query: route.query,
      openType: route.openType,
      renderer: route.renderer,
      notFound: route.notFound,
    },
    { path: 'pages/detail/detail', query: { id: '7' }, openType: 'navigateTo', renderer: 'webview', notFound: false },
  );
  assert.equal(typeof route.webviewId, 'number');
  assert.equal(typeof route.timeStamp, 'number');
  const launch = e.events.find(([n, r]) => n === 'AppRoute' && r.openType === 'appLaunch')[1];
  assert.notEqual(launch.webviewId, route.webviewId);
  assert.notEqual(launch.routeEventId, route.routeEventId);
});

test(
  'navigateBack, switchTab and reLaunch report their openType; navigateBack names the page it ' + 'returns to',
  async () => {
    const e = env();
    await e.router.start();
    await e.router.navigateTo('/pages/detail/detail?id=1');
    e.take();
    await e.router.navigateBack();
    assert.deepEqual(e.take(), [
      'BeforeAppRoute navigateBack pages/index/index',
      'BeforePageUnload pages/detail/detail',
      'pages/detail/detail.onUnload',
      'AfterPageUnload pages/detail/detail',
      'pages/index/index.onShow',
      'AppRoute navigateBack pages/index/index',
      'AppRouteDone navigateBack pages/index/index',
    ]);
    await e.router.switchTab('/pages/mine/mine');
    assert.ok(e.take().includes('AppRoute switchTab pages/mine/mine'));
    await e.router.reLaunch('/pages/detail/detail?id=2');
    assert.ok(e.take().includes('AppRoute reLaunch pages/detail/detail'));
  },
);

test(
  'rewriteRoute inside onBeforeAppRoute sends the navigation elsewhere, with the new query or the ' + 'old one kept',
  async () => {
    const e = env();
    await e.router.start();
    const results = [];
    const rewrite = (res) => {
      if (res.path === 'pages/detail/detail')
        e.wx.rewriteRoute({
          url: '/pages/list/list?from=rewrite',
          preserveQuery: res.query.keep === '1',
          success: (r) => results.push(r.errMsg),
        });
    };
    e.wx.onBeforeAppRoute(rewrite);
    await e.router.navigateTo('/pages/detail/detail?id=3');
    assert.equal(e.router.current().route, 'pages/list/list');
    assert.deepEqual(e.router.current().query, { from: 'rewrite' });
    await e.router.navigateTo('/pages/detail/detail?keep=1');
    assert.deepEqual(e.router.current().query, { keep: '1' });
    e.wx.offBeforeAppRoute(rewrite);
    await e.router.navigateTo('/pages/detail/detail?id=4');
    assert.equal(e.router.current().route, 'pages/detail/detail');
    await new Promise((r) => setTimeout(r, 0));
    assert.deepEqual(results, ['rewriteRoute:ok', 'rewriteRoute:ok']);
  },
);

test(
  'rewriteRoute fails outside onBeforeAppRoute, for navigateBack, to a missing page, and to a tab '
    + 'page from navigateTo',
  async () => {
    const e = env();
    await e.router.start();
    await assert.rejects(e.wx.rewriteRoute({ url: '/pages/list/list' }), {
      errMsg: 'rewriteRoute:fail no route event is pending; call it inside wx.onBeforeAppRoute',
    });
    await assert.rejects(
      e.wx.rewriteRoute({}),
      (r) => r.errMsg === 'rewriteRoute:fail parameter error: parameter.url should be String instead of Undefined;',
    );
    const fails = [];
    let target = '/pages/nowhere/nowhere';
    e.wx.onBeforeAppRoute(() => e.wx.rewriteRoute({ url: target, fail: (r) => fails.push(r.errMsg) }));
    await e.router.navigateTo('/pages/detail/detail?id=1');
    target = '/pages/mine/mine';
    await e.router.navigateTo('/pages/list/list');
    target = '/pages/list/list';
    await e.router.navigateBack();
    await new Promise((r) => setTimeout(r, 0));
    assert.deepEqual(fails, [
      'rewriteRoute:fail page "pages/nowhere/nowhere" is not found',
      'rewriteRoute:fail can not rewrite navigateTo to a tabBar page',
      'rewriteRoute:fail can not rewrite navigateBack',
    ]);
    assert.equal(e.router.current().route, 'pages/detail/detail', 'failed rewrites leave each route as it was');
  },
);

test(
  'an entry page that does not exist fires BeforeAppRoute with notFound, and a rewrite there '
    + 'opens the page it names',
  async () => {
    const e = env({ url: 'https://app.test/shop/index.html?mp=pages/old/old%3Fa%3D1' });
    e.wx.onBeforeAppRoute((res) => {
      if (res.notFound) e.wx.rewriteRoute({ url: 'pages/detail/detail', preserveQuery: true });
    });
    await e.router.start();
    const before = e.events.find(([n]) => n === 'BeforeAppRoute')[1];
    assert.deepEqual([before.path, before.notFound, before.openType], ['pages/old/old', true, 'appLaunch']);
    assert.equal(e.router.current().route, 'pages/detail/detail');
    assert.deepEqual(e.router.current().query, { a: '1' });
    assert.deepEqual(e.pages.calls.notFound, []);
  },
);

test('off… with no listener removes every listener of that event', async () => {
  const e = env();
  e.wx.offAppRoute();
  await e.router.start();
  assert.equal(e.events.filter(([n]) => n === 'AppRoute').length, 0);
  assert.equal(e.events.filter(([n]) => n === 'AppRouteDone').length, 1);
});

test(
  'without a router (the render tool) route listeners register and never fire, and rewriteRoute ' + 'fails clearly',
  async () => {
    const wx = webApis({});
    let heard = 0;
    wx.onAppRoute(() => heard++);
    wx.offAppRoute();
    await assert.rejects(wx.rewriteRoute({ url: 'pages/a/a' }), (r) => r.errMsg.startsWith('rewriteRoute:fail'));
    assert.equal(heard, 0);
  },
);

test('preDownloadSubpackage loads the named subpackage through the framework and returns a task', async () => {
  const config = appConfig({ scripts: { packages: { packageA: 'chunks/packageA.js' }, preloadRule: {} } });
  const preloaded = [];
  const wx = webApis({
    config,
    fw: {
      preload: async (root) => {
        preloaded.push(root);
      },
    },
  });
  const progress = [];
  const res = await new Promise((resolve) => {
    const task = wx.preDownloadSubpackage({ packageType: 'normal', name: 'packageA', success: resolve });
    task.onProgressUpdate((p) => progress.push(p.progress));
  });
  assert.equal(res.errMsg, 'preDownloadSubpackage:ok');
  assert.deepEqual(preloaded, ['packageA']);
  assert.deepEqual(progress, [100]);
  const missing = await new Promise((resolve) => wx.preDownloadSubpackage({ name: 'nope', fail: resolve }));
  assert.equal(missing.errMsg, 'preDownloadSubpackage:fail subpackage "nope" not found');
});

test('a subpackage that fails to load fails preDownloadSubpackage and reaches onLazyLoadError', async () => {
  const config = appConfig({ scripts: { packages: { packageB: 'chunks/packageB.js' }, preloadRule: {} } });
  const wx = webApis({ config, fw: { preload: () => Promise.reject(new Error('could not load chunks/packageB.js')) } });
  const errors = [];
  wx.onLazyLoadError((r) => errors.push(r));
  const res = await new Promise((resolve) => wx.preDownloadSubpackage({ name: 'packageB', fail: resolve }));
  assert.equal(res.errMsg, 'preDownloadSubpackage:fail loadSubpackage: fail could not load chunks/packageB.js');
  assert.deepEqual(errors, [{ type: 'subpackage', subpackage: ['packageB'], errMsg: 'loadSubpackage: fail' }]);
});
