// Every name of the API table exists on `wx`, and the ones without an implementation fail the
// way the table's notes say: asynchronous ones through fail/complete and a rejected promise,
// factories with an object whose methods fail, listeners and fire-and-forget calls as no-ops,
// synchronous ones by throwing "name:fail …"; each warns once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiRows } from '../src/api/table.js';
import { createWx } from '../src/api/index.js';

const API_TABLE = apiRows();

const PROPERTIES = ['env', 'cloud', 'router', 'worklet'];
// From the table's notes: factories of objects whose methods fail, fire-and-forget no-ops, and isVKSupport.
const FACTORIES = [
  'createTCPSocket',
  'createUDPSocket',
  'createLivePlayerContext',
  'createLivePusherContext',
  'createMediaAudioPlayer',
  'createMediaContainer',
  'createVideoDecoder',
  'createGlobalPayment',
  'getUserCryptoManager',
  'getNFCAdapter',
  'createInterstitialAd',
  'createRewardedVideoAd',
  'createInferenceSession',
  'createVKSession',
  'getPluginUpdateManager',
  'getXrFrameSystem',
];
const FIRE_AND_FORGET = ['requestAppleSubscribeSign', 'postMessageToReferrerMiniProgram', 'postMessageToReferrerPage'];

function quietly(fn) {
  const warnings = [];
  const warn = console.warn;
  console.warn = (...args) => warnings.push(args.join(' '));
  return Promise.resolve()
    .then(fn)
    .finally(() => {
      console.warn = warn;
    })
    .then((value) => ({ value, warnings }));
}

const wx = createWx([], {}, {});
const topNames = API_TABLE.map(([n]) => n).filter((n) => !n.includes('.'));
const implemented = (name) => wx.canIUse(name);

test('the table names 495 functions, the properties env/cloud/router/worklet and the wx.cloud members', () => {
  assert.equal(topNames.filter((n) => !PROPERTIES.includes(n)).length, 495);
  assert.deepEqual(
    PROPERTIES.filter((n) => topNames.includes(n)),
    PROPERTIES,
  );
});

test('every function name of the table is a function on wx; env, cloud, router and worklet are objects', () => {
  for (const name of topNames) {
    if (PROPERTIES.includes(name)) assert.equal(typeof wx[name], 'object', name);
    else assert.equal(typeof wx[name], 'function', name);
  }
  assert.equal(wx.env.USER_DATA_PATH, 'wxfile://usr');
  for (const [name] of API_TABLE.filter(([n]) => n.startsWith('cloud.'))) {
    assert.equal(typeof wx.cloud[name.slice(6)], 'function', name);
  }
  assert.doesNotThrow(() => wx.cloud.init({ env: 'e1' }));
  assert.doesNotThrow(() => wx.router.addRouteBuilder('x', () => {}));
  assert.ok(Object.keys(wx).length >= 495);
});

test(
  'unsupported asynchronous APIs fail with "<name>:fail not supported in Telegram Mini App" '
    + 'through fail and complete, and reject without callbacks',
  async () => {
    const names = API_TABLE.filter(
      ([n, s]) =>
        s === 'unsupported'
        && !n.includes('.')
        && !PROPERTIES.includes(n)
        && !/^(on|off)[A-Z]/.test(n)
        && !FACTORIES.includes(n)
        && !FIRE_AND_FORGET.includes(n)
        && n !== 'isVKSupport',
    ).map(([n]) => n);
    assert.ok(names.length > 100, `${names.length}`);
    const { warnings } = await quietly(async () => {
      for (const name of names) {
        const expected = implemented(name)
          ? new RegExp(`^${name}:fail `)
          : new RegExp(`^${name}:fail not supported in Telegram Mini App$`);
        const seen = await new Promise((resolve, reject) => {
          const s = [];
          let r;
          try {
            r = wx[name]({
              fail: (x) => s.push(['fail', x.errMsg]),
              complete: (x) => {
                s.push(['complete', x.errMsg]);
                resolve(s);
              },
            });
          } catch (e) {
            reject(new Error(`${name} threw ${e}`));
          }
          assert.equal(r, undefined, name);
        });
        assert.equal(seen.length, 2, name);
        assert.deepEqual(
          seen.map((x) => x[0]),
          ['fail', 'complete'],
          name,
        );
        assert.match(seen[0][1], expected);
        const rejected = await wx[name]().then(
          () => null,
          (x) => x,
        );
        assert.ok(rejected, `${name} resolved`);
        assert.match(rejected.errMsg, expected);
      }
    });
    for (const name of names.filter((n) => !implemented(n))) {
      assert.equal(warnings.filter((w) => w.includes(`wx.${name} `)).length, 1, `${name} warns once`);
    }
  },
);

test(
  'unsupported factories return an object (never throw); its methods fail with "<method>:fail not '
    + 'supported" and its listeners do nothing',
  async () => {
    await quietly(async () => {
      for (const name of FACTORIES.filter((n) => !implemented(n))) {
        const obj = wx[name]({});
        assert.equal(typeof obj, 'object', name);
        assert.equal(obj.then, undefined, name);
        assert.equal(
          obj.onError(() => {}),
          undefined,
          name,
        );
        const res = await new Promise((resolve) => obj.start({ complete: resolve }));
        assert.equal(res.errMsg, 'start:fail not supported', name);
      }
    });
  },
);

test(
  'unsupported listeners and fire-and-forget calls do nothing and return undefined; isVKSupport ' + 'is false',
  async () => {
    await quietly(() => {
      for (const [name] of API_TABLE.filter(([n, s]) => s === 'unsupported' && /^(on|off)[A-Z]/.test(n))) {
        assert.equal(
          wx[name](() => {}),
          undefined,
          name,
        );
      }
      for (const name of FIRE_AND_FORGET) assert.equal(wx[name]({}), undefined, name);
      assert.equal(wx.isVKSupport('v2'), false);
    });
  },
);

test('*Sync names without an implementation throw "<name>:fail …"', async () => {
  const { warnings } = await quietly(() => {
    for (const name of topNames.filter((n) => /Sync$/.test(n) && !implemented(n))) {
      assert.throws(
        () => wx[name](),
        (e) => e.message.startsWith(`${name}:fail `),
        name,
      );
      assert.throws(() => wx[name]());
    }
  });
  for (const name of topNames.filter((n) => /Sync$/.test(n) && !implemented(n))) {
    assert.equal(warnings.filter((w) => w.includes(`wx.${name} `)).length, 1, name);
  }
});

test("the core group's APIs are implemented (canIUse) and the object builds without a bridge, router or window", () => {
  for (const name of [
    'request',
    'uploadFile',
    'downloadFile',
    'connectSocket',
    'showModal',
    'showActionSheet',
    'login',
    'getUserProfile',
    'getLaunchOptionsSync',
    'onAppShow',
    'requestPayment',
    'authorize',
    'setClipboardData',
    'scanCode',
    'getNetworkType',
  ]) {
    assert.equal(wx.canIUse(name), true, name);
  }
});
