// The router against a recording stand-in framework in jsdom: the page stack and WeChat's
// lifecycle order, its failures, queries, the address bar, reload and browser back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, appConfig, afterPop, mp, HASH } from './router-fake.mjs';
import { parseQuery, parseUrl, resolveRoute, readParam, writeParam } from '../src/router/url.js';

const routes = (router) => router.stack().map((h) => h.route);

test('start opens the entry page: onLoad, onShow, onReady, and names it in the address bar', async () => {
  const env = setup();
  await env.router.start();
  assert.deepEqual(env.take(), ['pages/index/index.onLoad', 'pages/index/index.onShow', 'pages/index/index.onReady']);
  assert.deepEqual(routes(env.router), ['pages/index/index']);
  assert.equal(mp(env.win), 'pages/index/index');
  assert.equal(env.win.location.hash, HASH);
  const el = env.doc.querySelector('wx-page[route="pages/index/index"]');
  assert.equal(el.hidden, false);
  assert.equal(el.textContent, 'page pages/index/index');
});

test(
  'navigateTo: A.onHide, B.onLoad, B.onShow, B.onReady; the address bar gets a new entry and the ' + 'hash stays',
  async () => {
    const env = setup();
    await env.router.start();
    env.take();
    const length = env.win.history.length;
    await env.router.navigateTo('/pages/detail/detail?id=3');
    assert.deepEqual(env.take(), [
      'pages/index/index.onHide',
      'pages/detail/detail.onLoad',
      'pages/detail/detail.onShow',
      'pages/detail/detail.onReady',
    ]);
    assert.deepEqual(routes(env.router), ['pages/index/index', 'pages/detail/detail']);
    assert.equal(env.win.history.length, length + 1);
    assert.equal(mp(env.win), 'pages/detail/detail?id=3');
    assert.ok(env.win.location.search.startsWith('?mp=pages/detail/detail%3Fid%3D3'));
    assert.equal(env.win.location.hash, HASH);
    assert.equal(env.router.current().query.id, '3');
    const [a, b] = env.doc.querySelectorAll('wx-page');
    assert.equal(a.hidden, true);
    assert.equal(b.hidden, false);
  },
);

test('navigateBack: B.onUnload then A.onShow; the address bar goes back too', async () => {
  const env = setup();
  await env.router.start();
  await env.router.navigateTo('/pages/detail/detail?id=3');
  env.take();
  await env.router.navigateBack();
  assert.deepEqual(env.take(), ['pages/detail/detail.onUnload', 'pages/index/index.onShow']);
  assert.equal(mp(env.win), 'pages/index/index');
  assert.equal(env.win.location.hash, HASH);
  assert.equal(env.doc.querySelectorAll('wx-page').length, 1);
});

test('navigateBack with a delta larger than the stack goes to the first page; at the first page it fails', async () => {
  const env = setup();
  await env.router.start();
  await env.router.navigateTo('/pages/detail/detail?id=1');
  await env.router.navigateTo('/pages/list/list');
  await env.router.navigateTo('/pages/detail/detail?id=2');
  env.take();
  await env.router.navigateBack(20);
  assert.deepEqual(env.take(), [
    'pages/detail/detail.onUnload',
    'pages/list/list.onUnload',
    'pages/detail/detail.onUnload',
    'pages/index/index.onShow',
  ]);
  assert.deepEqual(routes(env.router), ['pages/index/index']);
  assert.equal(mp(env.win), 'pages/index/index');
  await assert.rejects(env.router.navigateBack(1), { message: 'cannot navigate back at first page.' });
});

test('redirectTo: A.onUnload, B.onLoad, B.onShow, B.onReady, replacing the address', async () => {
  const env = setup();
  await env.router.start();
  await env.router.navigateTo('/pages/detail/detail?id=1');
  env.take();
  const length = env.win.history.length;
  await env.router.redirectTo('/pages/list/list?p=2');
  assert.deepEqual(env.take(), [
    'pages/detail/detail.onUnload',
    'pages/list/list.onLoad',
    'pages/list/list.onShow',
    'pages/list/list.onReady',
  ]);
  assert.deepEqual(routes(env.router), ['pages/index/index', 'pages/list/list']);
  assert.equal(env.win.history.length, length);
  assert.equal(mp(env.win), 'pages/list/list?p=2');
});

test("the stack holds at most 10 pages: the 11th navigateTo fails with WeChat's errMsg reason", async () => {
  const env = setup();
  await env.router.start();
  for (let i = 1; i < 10; i++) await env.router.navigateTo(`/pages/detail/detail?n=${i}`);
  assert.equal(env.router.stack().length, 10);
  env.take();
  await assert.rejects(env.router.navigateTo('/pages/list/list'), { message: 'webview count limit exceed' });
  assert.equal(env.router.stack().length, 10);
  assert.deepEqual(env.take(), []);
  await env.router.redirectTo('/pages/list/list');
  assert.equal(env.router.stack().length, 10);
});

test(
  'urls that name no page, tab pages through navigateTo/redirectTo and other pages through ' + 'switchTab fail',
  async () => {
    const env = setup();
    await env.router.start();
    await assert.rejects(env.router.navigateTo('/pages/nope/nope?a=1'), {
      message: 'page "pages/nope/nope" is not found',
    });
    await assert.rejects(env.router.navigateTo('/pages/category/category'), {
      message: 'can not navigateTo a tabbar page',
    });
    await assert.rejects(env.router.redirectTo('/pages/mine/mine'), { message: 'can not redirectTo a tabbar page' });
    await assert.rejects(env.router.switchTab('/pages/detail/detail'), { message: 'can not switch to no-tabBar page' });
    await assert.rejects(env.router.reLaunch('/pages/nope/nope'), { message: 'page "pages/nope/nope" is not found' });
    assert.deepEqual(routes(env.router), ['pages/index/index']);
  },
);

test(
  'queries reach onLoad as WeChat parses them: values stay encoded, a bare key is "undefined", a '
    + 'value ends at "="',
  async () => {
    let got = null;
    const env = setup({
      handlers: {
        'pages/detail/detail': {
          onLoad: (q) => {
            got = q;
          },
        },
      },
    });
    await env.router.start();
    await env.router.navigateTo('/pages/detail/detail?id=3&name=%E4%B8%AD%E6%96%87&flag&code=3==x&empty=');
    assert.deepEqual(got, { id: '3', name: '%E4%B8%AD%E6%96%87', flag: 'undefined', code: '3', empty: '' });
    assert.deepEqual(parseQuery('a=1&&b=2'), { a: '1', b: '2' });
  },
);

test('relative urls resolve against the current page route', async () => {
  const env = setup();
  await env.router.start();
  await env.router.navigateTo('../detail/detail?id=1');
  assert.equal(env.router.current().route, 'pages/detail/detail');
  await env.router.navigateTo('./detail?id=2');
  assert.equal(env.router.current().route, 'pages/detail/detail');
  await env.router.navigateTo('../list/list');
  assert.equal(env.router.current().route, 'pages/list/list');
  assert.equal(resolveRoute('pages/b/b', 'pages/a/a'), 'pages/a/pages/b/b');
  assert.equal(resolveRoute('/pages/b/b', 'pages/a/a'), 'pages/b/b');
  assert.deepEqual(parseUrl('../../x/y?k=v#frag', 'pages/a/a'), { route: 'x/y', query: { k: 'v' }, search: 'k=v' });
});

test('switchTab closes the non-tab pages and keeps tab pages alive, hidden and shown again', async () => {
  const env = setup();
  await env.router.start();
  await env.router.navigateTo('/pages/detail/detail?id=1');
  env.take();
  await env.router.switchTab('/pages/category/category?ignored=1');
  assert.deepEqual(env.take(), [
    'pages/detail/detail.onUnload',
    'pages/category/category.onLoad',
    'pages/category/category.onShow',
    'pages/category/category.onReady',
  ]);
  assert.deepEqual(routes(env.router), ['pages/category/category']);
  assert.deepEqual(env.router.current().query, {});
  assert.equal(mp(env.win), 'pages/category/category');
  await env.router.switchTab('/pages/index/index');
  assert.deepEqual(env.take(), ['pages/category/category.onHide', 'pages/index/index.onShow']);
  await env.router.switchTab('/pages/index/index');
  assert.deepEqual(env.take(), []);
  const shown = [...env.doc.querySelectorAll('wx-page')]
    .filter((el) => !el.hidden)
    .map((el) => el.getAttribute('route'));
  assert.deepEqual(shown, ['pages/index/index']);
  assert.equal(env.doc.querySelectorAll('wx-page').length, 2);
});

test(
  'switchTab back to the tab page under a stack: the pages above unload, the tab page shows (no ' + 'second onLoad)',
  async () => {
    const env = setup();
    await env.router.start();
    await env.router.navigateTo('/pages/detail/detail');
    await env.router.navigateTo('/pages/list/list');
    env.take();
    await env.router.switchTab('/pages/index/index');
    assert.deepEqual(env.take(), [
      'pages/list/list.onUnload',
      'pages/detail/detail.onUnload',
      'pages/index/index.onShow',
    ]);
    assert.equal(mp(env.win), 'pages/index/index');
  },
);

test('reLaunch unloads every page, hidden tab pages too, and opens the page with its query', async () => {
  const env = setup();
  await env.router.start();
  await env.router.switchTab('/pages/mine/mine');
  await env.router.navigateTo('/pages/detail/detail');
  env.take();
  await env.router.reLaunch('/pages/list/list?from=relaunch');
  assert.deepEqual(env.take(), [
    'pages/detail/detail.onUnload',
    'pages/mine/mine.onUnload',
    'pages/index/index.onUnload',
    'pages/list/list.onLoad',
    'pages/list/list.onShow',
    'pages/list/list.onReady',
  ]);
  assert.deepEqual(routes(env.router), ['pages/list/list']);
  assert.equal(env.doc.querySelectorAll('wx-page').length, 1);
  assert.equal(mp(env.win), 'pages/list/list?from=relaunch');
});

test('a reload restores the page and query named in the address bar, keeping the hash', async () => {
  const env = setup();
  await env.router.start();
  await env.router.navigateTo('/pages/detail/detail?id=7&name=%E4%B8%AD');
  const address = env.win.location.href;
  const state = env.win.history.state;
  let query = null;
  const again = setup({
    url: address,
    handlers: {
      'pages/detail/detail': {
        onLoad: (q) => {
          query = q;
        },
      },
    },
    before: (w) => w.history.replaceState(state, '', w.location.href),
  });
  assert.deepEqual(again.router.entry().query, { id: '7', name: '%E4%B8%AD' });
  await again.router.start();
  assert.deepEqual(routes(again.router), ['pages/detail/detail']);
  assert.deepEqual(query, { id: '7', name: '%E4%B8%AD' });
  assert.equal(again.win.location.href, address);
  assert.equal(again.win.location.hash, HASH);
});

test('the address keeps its other query parameters byte for byte', () => {
  assert.equal(writeParam('?v=1&x=a%20b+c', 'pages/a/a?k=1'), '?v=1&x=a%20b+c&mp=pages/a/a%3Fk%3D1');
  assert.equal(writeParam('?mp=old&v=1', 'pages/b/b'), '?v=1&mp=pages/b/b');
  assert.equal(readParam('?v=1&mp=pages/a/a%3Fk%3D1'), 'pages/a/a?k=1');
  assert.equal(readParam('?v=1'), null);
});

test("the browser's back button (popstate) goes back a page", async () => {
  const env = setup();
  await env.router.start();
  await env.router.navigateTo('/pages/detail/detail?id=1');
  await env.router.navigateTo('/pages/list/list');
  env.take();
  env.win.history.back();
  await afterPop(env);
  assert.deepEqual(env.take(), ['pages/list/list.onUnload', 'pages/detail/detail.onShow']);
  assert.deepEqual(routes(env.router), ['pages/index/index', 'pages/detail/detail']);
  assert.equal(mp(env.win), 'pages/detail/detail?id=1');
});

test('after a reload deep in history, going back past the restored page opens the page that entry showed', async () => {
  const env = setup();
  await env.router.start();
  await env.router.navigateTo('/pages/detail/detail?id=1');
  const again = setup({
    url: env.win.location.href,
    before: (w) => {
      w.history.replaceState(
        { mp: true, depth: 0, url: 'pages/index/index' },
        '',
        w.location.href.replace(/\?[^#]*/, '?mp=pages/index/index'),
      );
      w.history.pushState({ mp: true, depth: 1, url: 'pages/detail/detail?id=1' }, '', env.win.location.href);
    },
  });
  await again.router.start();
  assert.deepEqual(routes(again.router), ['pages/detail/detail']);
  const back = again.doc.querySelector('.miniport-navbar-back');
  assert.equal(back.hidden, false, 'history behind the restored page: a back arrow');
  again.take();
  back.click();
  await afterPop(again);
  assert.deepEqual(again.take(), [
    'pages/detail/detail.onUnload',
    'pages/index/index.onLoad',
    'pages/index/index.onShow',
    'pages/index/index.onReady',
  ]);
  assert.equal(back.hidden, true);
});

test('a missing entry page goes to App onPageNotFound, then the entry page opens', async () => {
  const env = setup({ url: `https://app.test/index.html?mp=pages/gone/gone%3Fa%3D1${HASH}` });
  await env.router.start();
  assert.deepEqual(env.pages.calls.notFound, [{ path: 'pages/gone/gone', query: { a: '1' }, isEntryPage: true }]);
  assert.deepEqual(routes(env.router), ['pages/index/index']);
  assert.equal(mp(env.win), 'pages/index/index');
});

test('onPageNotFound may redirect the app itself; then the entry page does not open', async () => {
  let router = null;
  const env = setup({
    url: `https://app.test/index.html?mp=pages/gone/gone${HASH}`,
    handlers: { pageNotFound: () => router.redirectTo('/pages/list/list?from=404') },
  });
  router = env.router;
  await env.router.start();
  await env.router.idle();
  assert.deepEqual(routes(env.router), ['pages/list/list']);
  assert.ok(!env.log.includes('pages/index/index.onLoad'));
});

test('preloadRule: after a page shows, the packages its rule names are preloaded', async () => {
  const config = appConfig();
  config.scripts = {
    packages: { 'packageA/': 'chunks/a.js', packageB: 'chunks/b.js' },
    preloadRule: {
      'pages/index/index': { network: 'all', packages: ['packageA', 'packageB'] },
      'pages/detail/detail': { packages: ['packageB'] },
    },
  };
  const env = setup({
    config,
    before: (w) => Object.defineProperty(w.navigator, 'connection', { value: { type: 'cellular' } }),
  });
  await env.router.start();
  assert.deepEqual(env.pages.calls.preloaded, ['packageA/', 'packageB']);
  await env.router.navigateTo('/pages/detail/detail');
  assert.deepEqual(
    env.pages.calls.preloaded,
    ['packageA/', 'packageB'],
    'network "wifi" (the default) waits on a cellular connection',
  );
});

test('during onLoad the new page is already in the stack and the navigation bar APIs act on it', async () => {
  let router = null;
  let during = null;
  const env = setup({
    handlers: {
      'pages/detail/detail': {
        onLoad() {
          during = router.stack().map((h) => h.route);
          router.navigationBar.setTitle('Loaded title');
          router.navigationBar.showLoading();
        },
      },
    },
  });
  router = env.router;
  await env.router.start();
  await env.router.navigateTo('/pages/detail/detail');
  assert.deepEqual(during, ['pages/index/index', 'pages/detail/detail']);
  assert.equal(env.doc.querySelector('.miniport-navbar-title').textContent, 'Loaded title');
  assert.equal(env.doc.querySelector('.miniport-navbar-loading').hidden, false);
  await env.router.redirectTo('/pages/detail/detail?again=1');
  assert.deepEqual(during, ['pages/index/index', 'pages/detail/detail']);
  assert.equal(env.router.stack()[1].instance.options.again, '1');
});

test(
  "a page's back guard is asked when the user goes back with the arrow: false stays, true leaves; "
    + 'navigateBack is not guarded',
  async () => {
    const env = setup();
    await env.router.start();
    await env.router.navigateTo('/pages/detail/detail?id=1');
    const answers = [false, true];
    let asked = 0;
    env.router.setBackGuard(() => {
      asked += 1;
      return Promise.resolve(answers.shift());
    });
    const back = env.doc.querySelector('.miniport-navbar-back');
    back.click();
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(asked, 1);
    assert.deepEqual(routes(env.router), ['pages/index/index', 'pages/detail/detail'], 'refused: the page stays');
    back.click();
    await afterPop(env);
    assert.equal(asked, 2);
    assert.deepEqual(routes(env.router), ['pages/index/index']);

    await env.router.navigateTo('/pages/detail/detail?id=2');
    env.router.setBackGuard(() => {
      asked += 1;
      return false;
    });
    await env.router.navigateBack();
    assert.equal(asked, 2, 'navigateBack from code does not ask');
    assert.deepEqual(routes(env.router), ['pages/index/index']);
    await env.router.navigateTo('/pages/detail/detail?id=3');
    back.click();
    await afterPop(env);
    assert.deepEqual(routes(env.router), ['pages/index/index'], 'the guard belonged to the page that was closed');
  },
);
