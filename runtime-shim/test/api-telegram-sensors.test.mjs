// The sensor APIs of the Telegram group with the Telegram mock (what they post, how readings are
// converted to WeChat's units) and in a browser without Telegram (devicemotion/deviceorientation):
// accelerometer, gyroscope, compass, device motion, their failures and the deferred name lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { createBridge } from '../src/telegram/bridge.js';
import { installTelegramMock } from '../src/telegram/mock.js';
import { telegramApis, DEFERRED_TELEGRAM } from '../src/api/telegram/index.js';

function env({ telegram = false, version = '8.0', answer = null } = {}) {
  const dom = new JSDOM('<!doctype html><body></body>', { url: 'http://127.0.0.1/' });
  const win = dom.window;
  const mock = telegram ? installTelegramMock(win, { version, answer }) : null;
  const bridge = createBridge(win);
  const wx = telegramApis({ bridge, win, config: {} });
  return { win, mock, wx, bridge };
}

const tick = () => new Promise((r) => setTimeout(r, 5));
const outcome = (p) =>
  p.then(
    (r) => ['ok', r],
    (r) => ['fail', r],
  );
const posted = (mock, name) => mock.events.filter((e) => e.name === name).map((e) => e.data);
const near = (a, b) => Object.keys(b).every((k) => Math.abs(a[k] - b[k]) < 1e-9);

/** A browser event type with the fields of `init` (jsdom has no DeviceMotionEvent/DeviceOrientationEvent). */
function sensorEvent(win, name) {
  win[name] = class extends win.Event {
    constructor(type, init = {}) {
      super(type);
      Object.assign(this, init);
    }
  };
}

test('the deferred name lists equal what each Telegram module defines', async () => {
  for (const [key, names] of Object.entries(DEFERRED_TELEGRAM)) {
    const mod = await import(`../src/api/telegram/${key}.js`);
    assert.deepEqual(Object.keys(mod.default({})).sort(), [...names].sort(), key);
  }
});

test(
  'startAccelerometer: refresh_rate from interval (game 20, ui 60, normal 200); readings '
    + 'converted from m/s² to g; off and stop end them',
  async () => {
    const { wx, mock } = env({ telegram: true });
    const seen = [];
    const listener = (r) => seen.push(r);
    wx.onAccelerometerChange(listener);
    assert.deepEqual(await wx.startAccelerometer({ interval: 'game' }), { errMsg: 'startAccelerometer:ok' });
    assert.deepEqual(posted(mock, 'web_app_start_accelerometer'), [{ refresh_rate: 20 }]);
    mock.emit('accelerometer_changed', { x: 0, y: 9.80665, z: -4.903325 });
    await tick();
    assert.equal(seen.length, 1);
    assert.ok(near(seen[0], { x: 0, y: 1, z: -0.5 }), JSON.stringify(seen[0]));
    wx.offAccelerometerChange(listener);
    mock.emit('accelerometer_changed', { x: 1, y: 1, z: 1 });
    await tick();
    assert.equal(seen.length, 1, 'no readings after offAccelerometerChange');
    assert.deepEqual(await wx.stopAccelerometer(), { errMsg: 'stopAccelerometer:ok' });
    assert.deepEqual(posted(mock, 'web_app_stop_accelerometer'), [null]);
    await wx.startAccelerometer({ interval: 'ui' });
    await wx.stopAccelerometer();
    await wx.startAccelerometer();
    assert.deepEqual(posted(mock, 'web_app_start_accelerometer').slice(1), [
      { refresh_rate: 60 },
      { refresh_rate: 200 },
    ]);
  },
);

test(
  "startAccelerometer: the client's accelerometer_failed fails the call with its error; a "
    + 'non-string interval is a parameter error',
  async () => {
    const { wx } = env({
      telegram: true,
      answer: (name, d, emit) =>
        name === 'web_app_start_accelerometer' && (emit('accelerometer_failed', { error: 'UNSUPPORTED' }), true),
    });
    assert.deepEqual(await outcome(wx.startAccelerometer()), [
      'fail',
      { errMsg: 'startAccelerometer:fail UNSUPPORTED' },
    ]);
    const [kind, res] = await outcome(wx.startAccelerometer({ interval: 5 }));
    assert.equal(kind, 'fail');
    assert.match(res.errMsg, /^startAccelerometer:fail parameter error: parameter\.interval should be String/);
  },
);

test(
  'startAccelerometer on Telegram 7.10 without device sensors in the page fails clearly and posts ' + 'nothing',
  async () => {
    const { wx, mock } = env({ telegram: true, version: '7.10' });
    assert.deepEqual(await outcome(wx.startAccelerometer()), [
      'fail',
      { errMsg: 'startAccelerometer:fail not supported in Telegram 7.10 or this browser' },
    ]);
    assert.deepEqual(posted(mock, 'web_app_start_accelerometer'), []);
    const out = env();
    assert.deepEqual(await outcome(out.wx.startGyroscope()), [
      'fail',
      { errMsg: 'startGyroscope:fail not supported in this browser' },
    ]);
  },
);

test(
  'outside Telegram the accelerometer reads devicemotion (accelerationIncludingGravity in g) and '
    + 'the gyroscope its rotation rate (rad/s)',
  async () => {
    const { wx, win } = env();
    sensorEvent(win, 'DeviceMotionEvent');
    const acc = [];
    const gyro = [];
    wx.onAccelerometerChange((r) => acc.push(r));
    wx.onGyroscopeChange((r) => gyro.push(r));
    assert.equal((await wx.startAccelerometer({ interval: 'game' })).errMsg, 'startAccelerometer:ok');
    assert.equal((await wx.startGyroscope()).errMsg, 'startGyroscope:ok');
    win.dispatchEvent(
      new win.DeviceMotionEvent('devicemotion', {
        accelerationIncludingGravity: { x: 9.80665, y: 0, z: 0 },
        rotationRate: { alpha: 180, beta: 90, gamma: 0 },
      }),
    );
    await tick();
    assert.deepEqual(acc, [{ x: 1, y: 0, z: 0 }]);
    assert.ok(near(gyro[0], { x: Math.PI / 2, y: 0, z: Math.PI }), JSON.stringify(gyro));
    await wx.stopAccelerometer();
    await wx.stopGyroscope();
    win.dispatchEvent(
      new win.DeviceMotionEvent('devicemotion', {
        accelerationIncludingGravity: { x: 1, y: 1, z: 1 },
        rotationRate: { alpha: 1, beta: 1, gamma: 1 },
      }),
    );
    await tick();
    assert.equal(acc.length + gyro.length, 2, 'nothing after stop');
  },
);

test('outside Telegram a refused iOS motion permission fails the start with "permission denied"', async () => {
  const { wx, win } = env();
  sensorEvent(win, 'DeviceMotionEvent');
  win.DeviceMotionEvent.requestPermission = async () => 'denied';
  assert.deepEqual(await outcome(wx.startAccelerometer()), [
    'fail',
    { errMsg: 'startAccelerometer:fail permission denied' },
  ]);
});

test("startGyroscope: rad/s passed through from Telegram's gyroscope", async () => {
  const { wx, mock } = env({ telegram: true });
  const seen = [];
  wx.onGyroscopeChange((r) => seen.push(r));
  await wx.startGyroscope({ interval: 'normal' });
  assert.deepEqual(posted(mock, 'web_app_start_gyroscope'), [{ refresh_rate: 200 }]);
  mock.emit('gyroscope_changed', { x: 0.5, y: -1, z: 2 });
  await tick();
  assert.deepEqual(seen, [{ x: 0.5, y: -1, z: 2 }]);
  await wx.stopGyroscope();
  assert.deepEqual(posted(mock, 'web_app_stop_gyroscope'), [null]);
});

test(
  "compass and device motion share Telegram's device orientation: need_absolute for the compass, "
    + 'the fastest rate, stopped with the last one; degrees',
  async () => {
    const { wx, mock } = env({ telegram: true });
    const compass = [];
    const motion = [];
    // onCompassChange starts the compass by itself, as in WeChat.
    wx.onCompassChange((r) => compass.push(r));
    await tick();
    await tick();
    assert.deepEqual(posted(mock, 'web_app_start_device_orientation'), [{ refresh_rate: 200, need_absolute: true }]);
    assert.equal((await wx.startCompass()).errMsg, 'startCompass:ok');
    assert.equal(posted(mock, 'web_app_start_device_orientation').length, 1, 'started already: nothing posted');
    assert.deepEqual(posted(mock, 'web_app_stop_device_orientation'), []);
    wx.onDeviceMotionChange((r) => motion.push(r));
    await wx.startDeviceMotionListening({ interval: 'ui' });
    assert.deepEqual(posted(mock, 'web_app_start_device_orientation')[1], { refresh_rate: 60, need_absolute: true });
    mock.emit('device_orientation_changed', {
      alpha: Math.PI / 2,
      beta: Math.PI / 4,
      gamma: -Math.PI / 6,
      absolute: true,
    });
    await tick();
    assert.ok(near(compass[0], { direction: 270 }) && compass[0].accuracy === 'high', JSON.stringify(compass));
    assert.ok(near(motion[0], { alpha: 90, beta: 45, gamma: -30 }), JSON.stringify(motion));
    await wx.stopDeviceMotionListening();
    assert.deepEqual(posted(mock, 'web_app_stop_device_orientation'), [], 'the compass still reads it');
    await wx.stopCompass();
    assert.deepEqual(posted(mock, 'web_app_stop_device_orientation'), [null]);
    mock.emit('device_orientation_changed', { alpha: 1, beta: 1, gamma: 1, absolute: true });
    await tick();
    assert.equal(compass.length + motion.length, 2);
  },
);

test(
  'outside Telegram the compass reads deviceorientationabsolute and device motion ' + 'deviceorientation, in degrees',
  async () => {
    const { wx, win } = env();
    sensorEvent(win, 'DeviceOrientationEvent');
    win.ondeviceorientationabsolute = null;
    const compass = [];
    const motion = [];
    wx.onCompassChange((r) => compass.push(r));
    wx.onDeviceMotionChange((r) => motion.push(r));
    await wx.startCompass();
    await wx.startDeviceMotionListening({ interval: 'game' });
    win.dispatchEvent(
      new win.DeviceOrientationEvent('deviceorientationabsolute', { alpha: 90, beta: 0, gamma: 0, absolute: true }),
    );
    win.dispatchEvent(new win.DeviceOrientationEvent('deviceorientation', { alpha: 10, beta: 20, gamma: 30 }));
    await tick();
    assert.deepEqual(compass, [{ direction: 270, accuracy: 'high' }]);
    assert.deepEqual(motion, [{ alpha: 10, beta: 20, gamma: 30 }]);
    await wx.stopCompass();
    await wx.stopDeviceMotionListening();
  },
);
