// APIs behind lazyApis load their module once, on first call, and keep WeChat's calling convention.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deferred, lazyApis, preloadLazyApis } from '../src/core/lazy.js';
import { api } from '../src/core/callback.js';

function fakeModule(log) {
  return async () => {
    log.push('load');
    return {
      default: () => {
        const listeners = [];
        return {
          doThing: api('doThing', (o) => ({ got: o.x })),
          onThing: (cb) => listeners.push(cb),
          offThing: (cb) => listeners.splice(listeners.indexOf(cb), 1),
          fire: api('fire', () => {
            listeners.forEach((cb) => cb(1));
            return { count: listeners.length };
          }),
        };
      },
    };
  };
}

test(
  'a lazy API loads its module once, on the first call, and answers with a promise when no ' + 'callback is given',
  async () => {
    const log = [];
    const wx = lazyApis({}, fakeModule(log), ['doThing', 'onThing', 'offThing', 'fire']);
    assert.deepEqual(log, []);
    assert.deepEqual(await wx.doThing({ x: 2 }), { errMsg: 'doThing:ok', got: 2 });
    await wx.doThing({ x: 3 });
    assert.deepEqual(log, ['load']);
  },
);

test('a lazy API with callbacks returns undefined and calls success then complete', async () => {
  const wx = lazyApis({}, fakeModule([]), ['doThing']);
  const seen = [];
  const ret = await new Promise((resolve) => {
    const r = wx.doThing({
      x: 1,
      success: (res) => seen.push(res.got),
      complete: (res) => {
        seen.push(res.errMsg);
        resolve(r);
      },
    });
  });
  assert.equal(ret, undefined);
  assert.deepEqual(seen, [1, 'doThing:ok']);
});

test('listener registrations made before the module loads apply in order', async () => {
  const wx = lazyApis({}, fakeModule([]), ['onThing', 'offThing', 'fire']);
  const a = () => {};
  const b = () => {};
  wx.onThing(a);
  wx.onThing(b);
  wx.offThing(a);
  assert.equal((await wx.fire()).count, 1);
});

test('a module that fails to load fails the call with errMsg "name:fail <reason>"', async () => {
  const wx = lazyApis({}, () => Promise.reject(new Error('network down')), ['doThing']);
  await assert.rejects(wx.doThing({}), (res) => res.errMsg === 'doThing:fail network down');
  const res = await new Promise((resolve) => wx.doThing({ fail: resolve }));
  assert.equal(res.errMsg, 'doThing:fail network down');
});

test('a lazy object queues calls and writes until its code loads, then replays them in order', async () => {
  const log = [];
  let release;
  const gate = new Promise((r) => {
    release = r;
  });
  const { lazyObject } = await import('../src/core/lazy.js');
  const obj = lazyObject(
    () => gate,
    (m) => m.make(log),
    { paused: true },
  );
  obj.src = 'a.mp3';
  assert.equal(obj.src, 'a.mp3', 'a written property reads back before the code loads');
  assert.equal(obj.paused, true, 'initial values answer reads before the code loads');
  const play = obj.play;
  play();
  obj.seek(3);
  assert.deepEqual(log, []);
  release({
    make: (l) => ({
      paused: true,
      set src(v) {
        l.push(`src=${v}`);
      },
      get src() {
        return 'real';
      },
      play() {
        l.push('play');
        this.paused = false;
      },
      seek(t) {
        l.push(`seek ${t}`);
      },
    }),
  });
  await gate;
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(log, ['src=a.mp3', 'play', 'seek 3']);
  assert.equal(obj.paused, false, 'reads go to the real object once it exists');
  obj.seek(5);
  assert.deepEqual(log.at(-1), 'seek 5');
});

test('the deferred API lists name exactly what each deferred module implements', async () => {
  const { DEFERRED_CORE } = await import('../src/api/core/index.js');
  const { DEFERRED_MEDIA } = await import('../src/api/media/index.js');
  const modules = {
    modal: (await import('../src/api/core/modal.js')).modalApis,
    open: (await import('../src/api/core/open.js')).openApis,
    device: (await import('../src/api/core/device.js')).deviceApis,
    address: (await import('../src/api/core/address.js')).addressApis,
    location: (await import('../src/api/media/location.js')).locationApis,
  };
  for (const [name, make] of Object.entries(modules)) {
    const listed = DEFERRED_CORE[name] || DEFERRED_MEDIA[name];
    assert.deepEqual([...listed].sort(), Object.keys(make({})).sort(), name);
  }
  const media = Object.keys((await import('../src/api/media/media.js')).mediaFileApis({})).sort();
  assert.deepEqual([...DEFERRED_MEDIA.media, ...DEFERRED_MEDIA.mediaObjects].sort(), media, 'media');
});

test(
  'preloadLazyApis fetches only the modules of the APIs the app uses, and every module when the ' + 'list is unknown',
  async () => {
    const log = [];
    const load = (tag) => async () => {
      log.push(tag);
      return { default: () => ({}) };
    };
    lazyApis({}, load('sensors'), ['startCompassX', 'onCompassXChange']);
    deferred(load('player'), ['createPlayerX']);
    preloadLazyApis(['request', 'createPlayerX']);
    await new Promise((r) => setTimeout(r, 0));
    assert.deepEqual(log, ['player']);
    preloadLazyApis(['onCompassXChange']);
    await new Promise((r) => setTimeout(r, 0));
    assert.deepEqual(log, ['player', 'sensors']);
    log.length = 0;
    preloadLazyApis(null);
    await new Promise((r) => setTimeout(r, 0));
    assert.ok(log.includes('player') && log.includes('sensors'), 'null: every deferred module');
  },
);
