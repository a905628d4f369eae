// wx.createCacheManager in jsdom with a stand-in fetch and navigator.onLine: rule forms, the modes
// (weakNetwork, always, none with start/stop), offline answers from the cache, maxAge expiry,
// on('request') answers, weak-network events, cache deletion and WeChat's result shapes.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { coreApis } from '../src/api/core/index.js';
import { webApis } from '../src/api/web/index.js';
import { storageApis } from '../src/api/core/storage.js';
import { setRequestHook } from '../src/api/core/network.js';
import '../src/api/web/cache-manager.js';

const tick = () => new Promise((r) => setTimeout(r, 0));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

afterEach(() => setRequestHook(null));

/** A page whose fetch answers `{ n, url, method }` (n counts network hits) unless it is offline. */
function setup() {
  const win = new JSDOM('<!doctype html><html><body></body></html>', { url: 'https://app.test/' }).window;
  let onLine = true;
  Object.defineProperty(win.navigator, 'onLine', { get: () => onLine, configurable: true });
  let broken = false;
  const hits = [];
  win.fetch = async (url, init) => {
    if (!onLine || broken) throw new TypeError('Failed to fetch');
    hits.push(url);
    const status = /status=(\d+)/.exec(url)?.[1] || 200;
    return new Response(JSON.stringify({ n: hits.length, url, method: init.method }), {
      status: Number(status),
      headers: { 'content-type': 'application/json' },
    });
  };
  const wx = { ...coreApis({ win }), ...webApis({ win }) };
  const request = (o) => new Promise((resolve) => wx.request({ ...o, complete: resolve }));
  const network = (online) => {
    onLine = online;
    win.dispatchEvent(new win.Event(online ? 'online' : 'offline'));
  };
  return {
    win,
    wx,
    hits,
    request,
    network,
    breakNetwork: (v) => {
      broken = v;
    },
  };
}

/** Creates the manager and waits until its code has loaded. */
async function manager(wx, options) {
  const cm = wx.createCacheManager(options);
  await tick();
  return cm;
}

test(
  'createCacheManager answers one manager synchronously with mode, origin, maxAge (7 days by '
    + 'default, 30 at most) and state',
  async () => {
    const { wx } = setup();
    const cm = wx.createCacheManager({ origin: 'https://api.test', maxAge: 90 * 86400000 });
    assert.equal(cm.mode, 'weakNetwork', 'weakNetwork is the default mode, readable before the code loads');
    assert.equal(cm.maxAge, 30 * 86400000);
    await tick();
    assert.deepEqual([cm.mode, cm.origin, cm.maxAge, cm.state], ['weakNetwork', 'https://api.test', 30 * 86400000, 0]);
    assert.equal(wx.createCacheManager({ mode: 'always' }), cm, 'the manager is global and unique');
    const other = setup();
    assert.equal((await manager(other.wx, {})).maxAge, 7 * 86400000);
    for (const k of [
      'addRule',
      'addRules',
      'clearRules',
      'deleteRule',
      'deleteRules',
      'match',
      'clearCaches',
      'deleteCache',
      'deleteCaches',
      'start',
      'stop',
      'on',
      'off',
    ]) {
      assert.equal(typeof cm[k], 'function', k);
    }
  },
);

test(
  'weakNetwork mode: online, matching requests go to the network and are kept; offline, they are '
    + 'answered from the cache with fromCache',
  async () => {
    const { wx, hits, request, network } = setup();
    const cm = await manager(wx, { origin: 'https://api.test' });
    const heard = [];
    cm.on('enterWeakNetwork', () => heard.push('enter'));
    cm.on('exitWeakNetwork', () => heard.push('exit'));
    assert.match(cm.addRule('/items/:id'), /^rule-/);
    const first = await request({ url: 'https://api.test/items/7', data: { page: 1 } });
    assert.deepEqual(first, {
      errMsg: 'request:ok',
      data: { n: 1, url: 'https://api.test/items/7?page=1', method: 'GET' },
      statusCode: 200,
      header: { 'content-type': 'application/json' },
      cookies: [],
    });
    const again = await request({ url: 'https://api.test/items/7', data: { page: 1 } });
    assert.equal(again.data.n, 2, 'online, the network answers');
    assert.equal(again.fromCache, undefined);
    network(false);
    assert.equal(cm.state, 1);
    const cached = await request({ url: 'https://api.test/items/7', data: { page: 1 } });
    assert.deepEqual(cached, {
      errMsg: 'request:ok',
      data: { n: 2, url: 'https://api.test/items/7?page=1', method: 'GET' },
      statusCode: 200,
      header: { 'content-type': 'application/json' },
      cookies: [],
      fromCache: true,
    });
    const otherData = await request({ url: 'https://api.test/items/7', data: { page: 2 } });
    assert.equal(otherData.errMsg, 'request:fail Failed to fetch', 'other data is another cache entry');
    const unmatched = await request({ url: 'https://api.test/users/7' });
    assert.equal(unmatched.errMsg, 'request:fail Failed to fetch');
    network(true);
    assert.equal(cm.state, 0);
    assert.deepEqual(heard, ['enter', 'exit']);
    assert.equal(hits.length, 2);
  },
);

test('a slow-2g/2g connection counts as a weak network', async () => {
  const { win, wx, request } = setup();
  const conn = new win.EventTarget();
  conn.effectiveType = '4g';
  Object.defineProperty(win.navigator, 'connection', { value: conn, configurable: true });
  const cm = await manager(wx, {});
  cm.addRule('https://api.test/feed');
  const heard = [];
  cm.on('enterWeakNetwork', () => heard.push('enter'));
  await request({ url: 'https://api.test/feed' });
  conn.effectiveType = '2g';
  conn.dispatchEvent(new win.Event('change'));
  assert.deepEqual(heard, ['enter']);
  assert.equal(cm.state, 1);
  assert.equal((await request({ url: 'https://api.test/feed' })).fromCache, true);
});

test(
  'always mode answers from a fresh cache even online; maxAge expiry sends the request to the ' + 'network again',
  async () => {
    const { wx, hits, request } = setup();
    const cm = await manager(wx, { mode: 'always', origin: 'https://api.test' });
    assert.equal(cm.state, 1);
    cm.addRule({ id: 'short', url: '/news', maxAge: 30 });
    assert.equal((await request({ url: 'https://api.test/news' })).data.n, 1);
    const cached = await request({ url: 'https://api.test/news' });
    assert.equal(cached.fromCache, true);
    assert.equal(cached.data.n, 1);
    await sleep(50);
    assert.deepEqual(
      cm.match({ url: 'https://api.test/news', method: 'GET' }),
      { ruleId: 'short' },
      'an expired copy is no match',
    );
    const fresh = await request({ url: 'https://api.test/news' });
    assert.equal(fresh.fromCache, undefined);
    assert.equal(fresh.data.n, 2);
    assert.equal(hits.length, 2);
  },
);

test(
  'none mode: start() turns cache answers on (state 1), stop() off; start/stop do nothing in the ' + 'other modes',
  async () => {
    const { wx, hits, request } = setup();
    const cm = await manager(wx, { mode: 'none' });
    cm.addRule('https://api.test/a');
    await request({ url: 'https://api.test/a' });
    assert.equal((await request({ url: 'https://api.test/a' })).fromCache, undefined);
    cm.start();
    assert.equal(cm.state, 1);
    assert.equal((await request({ url: 'https://api.test/a' })).fromCache, true);
    cm.stop();
    assert.equal(cm.state, 0);
    assert.equal((await request({ url: 'https://api.test/a' })).fromCache, undefined);
    assert.equal(hits.length, 3);
    const weak = await manager(setup().wx, {});
    weak.start();
    assert.equal(weak.state, 0, 'start() is for mode none only');
  },
);

test(
  'on("request") gets the request while the cache answers; match(evt) gives the cached result; '
    + 'what the handler resolves or rejects answers wx.request',
  async () => {
    const { wx, hits, request, network } = setup();
    const cm = await manager(wx, { origin: 'https://api.test' });
    const ruleId = cm.addRule('POST /search');
    await request({ url: 'https://api.test/search', method: 'POST', data: { q: 'tea' } });
    network(false);
    const events = [];
    const handler = (evt) => {
      events.push([evt.url, evt.method, evt.data, typeof evt.request]);
      const m = cm.match(evt);
      return new Promise((resolve, reject) => (m.data ? resolve(m.data) : reject('no data')));
    };
    cm.on('request', handler);
    const hit = await request({ url: 'https://api.test/search', method: 'POST', data: { q: 'tea' } });
    assert.equal(hit.errMsg, 'request:ok');
    assert.equal(hit.fromCache, true);
    assert.deepEqual(hit.data, { n: 1, url: 'https://api.test/search', method: 'POST' });
    const match = cm.match({ url: 'https://api.test/search', method: 'POST', data: { q: 'tea' } });
    assert.deepEqual(Object.keys(match).sort(), ['cacheId', 'createTime', 'data', 'maxAge', 'ruleId']);
    assert.equal(match.ruleId, ruleId);
    assert.equal(match.maxAge, 7 * 86400000);
    assert.equal(typeof match.createTime, 'number');
    const miss = await request({ url: 'https://api.test/search', method: 'POST', data: { q: 'coffee' } });
    assert.deepEqual(miss, { errMsg: 'request:fail no data' });
    assert.deepEqual(events, [
      ['https://api.test/search', 'POST', { q: 'tea' }, 'function'],
      ['https://api.test/search', 'POST', { q: 'coffee' }, 'function'],
    ]);
    cm.off('request', handler);
    cm.on('request', () => Promise.reject({ errMsg: 'no cache' }));
    assert.deepEqual(await request({ url: 'https://api.test/search', method: 'POST', data: { q: 'tea' } }), {
      errMsg: 'request:fail no cache',
    });
    cm.off('request');
    cm.on('request', () => ({ data: 'made up', statusCode: 203, errMsg: 'ignored' }));
    assert.deepEqual(await request({ url: 'https://api.test/search', method: 'POST' }), {
      errMsg: 'request:ok',
      data: 'made up',
      statusCode: 203,
    });
    cm.off('request');
    network(true);
    cm.on('request', () => Promise.reject('unused'));
    assert.equal(
      (await request({ url: 'https://api.test/search', method: 'POST', data: { q: 'tea' } })).data.n,
      2,
      'online, the handler is not asked',
    );
    assert.equal(hits.length, 2);
  },
);

test('evt.request() asks the network from the handler and updates the cache only with needUpdateCache', async () => {
  const { wx, hits, request } = setup();
  const cm = await manager(wx, { mode: 'always' });
  cm.addRule('https://api.test/live');
  let update = false;
  cm.on('request', (evt) => evt.request({ needUpdateCache: update }));
  assert.equal((await request({ url: 'https://api.test/live' })).data.n, 1);
  assert.equal(cm.match({ url: 'https://api.test/live' }).data, undefined, 'not kept without needUpdateCache');
  update = true;
  assert.equal((await request({ url: 'https://api.test/live' })).data.n, 2);
  assert.equal(cm.match({ url: 'https://api.test/live' }).data.data.n, 2);
  assert.equal(hits.length, 2);
});

test(
  'rules: strings with a method, :param, *, required query keys and values, the global origin; '
    + 'RegExps on the path or the whole URL; objects with dataSchema',
  () => {
    const { wx } = setup();
    const cm = wx.createCacheManager({ origin: 'https://api.test/' });
    return tick().then(() => {
      const id = (evt) => cm.match(evt).ruleId;
      const path = cm.addRule('/abc/:id');
      assert.equal(id({ url: 'https://api.test/abc/123' }), path);
      assert.equal(id({ url: 'https://api.test/abc/123/x' }), undefined, 'one segment only');
      assert.equal(id({ url: 'https://other.test/abc/123' }), undefined, 'the global origin completes the rule');
      cm.clearRules();
      const get = cm.addRule('GET /only-get');
      assert.equal(id({ url: 'https://api.test/only-get', method: 'GET' }), get);
      assert.equal(id({ url: 'https://api.test/only-get', method: 'POST' }), undefined);
      const query = cm.addRules(['/q?aa', '/v?dd=haha', 'https://cdn.test/static/*']);
      assert.equal(id({ url: 'https://api.test/q?aa=1&bb=2' }), query[0]);
      assert.equal(id({ url: 'https://api.test/q', data: { aa: 'x' } }), query[0], 'GET data is the query');
      assert.equal(id({ url: 'https://api.test/q?bb=2' }), undefined);
      assert.equal(id({ url: 'https://api.test/v?dd=haha' }), query[1]);
      assert.equal(id({ url: 'https://api.test/v?dd=123' }), undefined);
      assert.equal(id({ url: 'https://cdn.test/static/a/b.json' }), query[2]);
      cm.clearRules();
      const rePath = cm.addRule(/\/(abc|cba)$/gi);
      assert.equal(id({ url: 'https://api.test/cba' }), rePath);
      assert.equal(id({ url: 'https://api.test/cba' }), rePath, 'a global RegExp matches again');
      assert.equal(id({ url: 'https://other.test/cba' }), undefined, 'a path RegExp keeps the global origin');
      const reFull = cm.addRule(/^https:\/\/other\.test\/(abc|cba)$/);
      assert.equal(id({ url: 'https://other.test/abc' }), reFull);
      cm.clearRules();
      const schema = cm.addRule({
        id: 'by-data',
        method: 'post',
        url: '/list',
        dataSchema: [
          { name: 'type', schema: { type: 'string', value: /^(a|b)$/ } },
          { name: 'page', schema: [{ type: 'number' }, { type: 'string' }] },
          { name: 'tags', schema: { type: 'string[]' } },
          {
            name: 'filter',
            schema: { type: 'object', value: [{ name: 'min', schema: { type: 'number', value: (v) => v >= 0 } }] },
          },
        ],
      });
      assert.equal(schema, 'by-data');
      const good = { type: 'a', page: '2', tags: ['x'], filter: { min: 1 } };
      assert.equal(id({ url: 'https://api.test/list', method: 'POST', data: good }), 'by-data');
      assert.equal(
        id({ url: 'https://api.test/list', method: 'POST', data: JSON.stringify(good) }),
        'by-data',
        'JSON text data',
      );
      for (const bad of [
        { ...good, type: 'c' },
        { ...good, page: null },
        { ...good, tags: [1] },
        { ...good, filter: { min: -1 } },
      ]) {
        assert.equal(id({ url: 'https://api.test/list', method: 'POST', data: bad }), undefined, JSON.stringify(bad));
      }
      assert.equal(id({ url: 'https://api.test/list', method: 'GET', data: good }), undefined);
      assert.deepEqual(cm.match({ url: 'https://api.test/none' }), {}, 'no rule: an empty match');
      assert.equal(cm.addRule(42), '', 'a rule of another type is refused');
    });
  },
);

test(
  'deleteCache, deleteCaches, deleteRule and clearCaches drop cached results; the cache is not wx ' + 'storage',
  async () => {
    const { win, wx, request, network } = setup();
    globalThis.localStorage = win.localStorage;
    try {
      const cm = await manager(wx, { origin: 'https://api.test' });
      const [a, b] = cm.addRules(['/a', '/b']);
      for (const p of ['/a', '/b', '/a?x=1']) await request({ url: `https://api.test${p}` });
      const storage = storageApis({});
      assert.deepEqual(storage.getStorageInfoSync().keys, [], 'cached results are not storage keys');
      storage.clearStorageSync();
      const ma = cm.match({ url: 'https://api.test/a' });
      assert.equal(ma.ruleId, a);
      assert.ok(ma.data, 'clearStorage keeps the cache');
      cm.deleteCache(ma.cacheId);
      assert.equal(cm.match({ url: 'https://api.test/a' }).data, undefined);
      cm.deleteCaches([cm.match({ url: 'https://api.test/a?x=1' }).cacheId]);
      assert.equal(cm.match({ url: 'https://api.test/a?x=1' }).data, undefined);
      cm.deleteRule(b);
      assert.deepEqual(cm.match({ url: 'https://api.test/b' }), {});
      cm.addRule('/b');
      assert.equal(cm.match({ url: 'https://api.test/b' }).data, undefined, 'deleteRule dropped its caches');
      await request({ url: 'https://api.test/b' });
      cm.clearCaches();
      assert.equal(cm.match({ url: 'https://api.test/b' }).data, undefined);
      network(false);
      assert.equal((await request({ url: 'https://api.test/b' })).errMsg, 'request:fail Failed to fetch');
    } finally {
      delete globalThis.localStorage;
    }
  },
);

test('cached results outlive the page: a new manager with the same rule answers offline from them', async () => {
  const first = setup();
  const cm = await manager(first.wx, {});
  cm.addRule('https://api.test/home');
  await first.request({ url: 'https://api.test/home' });
  const saved = first.win.localStorage;
  const second = setup();
  for (let i = 0; i < saved.length; i++) second.win.localStorage.setItem(saved.key(i), saved.getItem(saved.key(i)));
  const again = await manager(second.wx, {});
  again.addRule('https://api.test/home');
  second.network(false);
  const res = await second.request({ url: 'https://api.test/home' });
  assert.equal(res.fromCache, true);
  assert.equal(res.data.n, 1);
});

test(
  'a failed status is not kept; a request the network fails while the page still looks online '
    + 'falls back to a fresh copy',
  async () => {
    const { wx, request, breakNetwork } = setup();
    const cm = await manager(wx, {});
    cm.addRule('https://api.test/s');
    assert.equal((await request({ url: 'https://api.test/s?status=500' })).statusCode, 500);
    assert.equal(cm.match({ url: 'https://api.test/s?status=500' }).data, undefined);
    await request({ url: 'https://api.test/s' });
    breakNetwork(true);
    assert.equal(cm.state, 0);
    const res = await request({ url: 'https://api.test/s' });
    assert.equal(res.errMsg, 'request:ok');
    assert.equal(res.fromCache, true);
    assert.equal((await request({ url: 'https://api.test/s?status=500' })).errMsg, 'request:fail Failed to fetch');
  },
);
