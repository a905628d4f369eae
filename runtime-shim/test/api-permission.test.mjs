// The authorization registry as guarded APIs use it: a turned-off scope fails at once, the platform's answer is
// recorded.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { guarded, readAuth, writeAuth, isDenial } from '../src/api/core/permission.js';
import { createWx } from '../src/api/index.js';

let win;
beforeEach(() => {
  win = new JSDOM('', { url: 'http://127.0.0.1/' }).window;
});

test('a success records the scope as allowed; getSetting reports it', async () => {
  assert.equal(await guarded(win, 'scope.userLocation', async () => 42), 42);
  assert.deepEqual(readAuth(win), { 'scope.userLocation': true });
  const saved = globalThis.localStorage;
  globalThis.localStorage = win.localStorage;
  try {
    const wx = createWx([], {}, { win });
    assert.equal((await wx.getSetting()).authSetting['scope.userLocation'], true);
  } finally {
    globalThis.localStorage = saved;
  }
});

test(
  'a refusal by the browser records the scope as denied and fails with "auth deny"; the next call '
    + 'fails without asking',
  async () => {
    const refusal = Object.assign(new Error('User denied Geolocation'), { code: 1, PERMISSION_DENIED: 1 });
    await assert.rejects(
      guarded(win, 'scope.userLocation', async () => {
        throw refusal;
      }),
      /auth deny/,
    );
    assert.equal(readAuth(win)['scope.userLocation'], false);
    let asked = false;
    await assert.rejects(
      guarded(win, 'scope.userLocation', async () => {
        asked = true;
      }),
      /auth deny/,
    );
    assert.equal(asked, false);
  },
);

test('other failures pass through and record nothing', async () => {
  await assert.rejects(
    guarded(win, 'scope.record', async () => {
      throw new Error('timeout');
    }),
    /timeout/,
  );
  assert.deepEqual(readAuth(win), {});
});

test('a scope turned back on (openSetting) lets the call through again', async () => {
  writeAuth(win, 'scope.camera', false);
  writeAuth(win, 'scope.camera', true);
  assert.equal(await guarded(win, 'scope.camera', async () => 'ok'), 'ok');
});

test('denials are told apart from other errors', () => {
  assert.ok(isDenial({ name: 'NotAllowedError', message: 'Permission denied' }));
  assert.ok(isDenial(new Error('auth deny')));
  assert.ok(!isDenial(new Error('NotFoundError: no microphone')));
});
