// Location APIs: Telegram's LocationManager through the mock (what is sent, what comes back, a denial),
// navigator.geolocation outside Telegram, openLocation's map link, and location updates by watchPosition.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBridge } from '../src/telegram/bridge.js';
import { installTelegramMock } from '../src/telegram/mock.js';
import { locationApis } from '../src/api/media/location.js';

function storage() {
  const map = new Map();
  return { getItem: (k) => (map.has(k) ? map.get(k) : null), setItem: (k, v) => map.set(k, String(v)) };
}
const fakeWindow = () => {
  const win = { location: { hash: '' }, sessionStorage: storage(), addEventListener() {}, navigator: {} };
  win.parent = win;
  return win;
};
const coords = { latitude: 55.75, longitude: 37.61, accuracy: 12, altitude: 150, altitudeAccuracy: 3, speed: 1.5 };
const geolocation = (watchers = []) => ({
  getCurrentPosition: (ok) => setTimeout(() => ok({ coords })),
  watchPosition: (ok) => {
    watchers.push(ok);
    return watchers.length;
  },
  clearWatch: (id) => {
    watchers[id - 1] = null;
  },
});

test('getLocation in Telegram asks LocationManager (check, then request) and maps its answer', async () => {
  const win = fakeWindow();
  const mock = installTelegramMock(win, {
    version: '8.0',
    answer: (name, data, emit) => {
      if (name === 'web_app_check_location') {
        emit('location_checked', { available: true, access_requested: true, access_granted: true });
        return true;
      }
      if (name === 'web_app_request_location') {
        emit('location_requested', {
          available: true,
          latitude: 1.5,
          longitude: 2.5,
          altitude: 10,
          course: 0,
          speed: 3,
          horizontal_accuracy: 5,
          vertical_accuracy: 7,
        });
        return true;
      }
      return false;
    },
  });
  const wx = locationApis({ win, bridge: createBridge(win) });
  const res = await wx.getLocation({ type: 'wgs84' });
  assert.deepEqual(mock.names(), ['web_app_check_location', 'web_app_request_location']);
  assert.deepEqual(res, {
    errMsg: 'getLocation:ok',
    latitude: 1.5,
    longitude: 2.5,
    speed: 3,
    accuracy: 5,
    altitude: 10,
    verticalAccuracy: 7,
    horizontalAccuracy: 5,
  });
});

test('getLocation in Telegram fails with "auth deny" when the user refuses', async () => {
  const win = fakeWindow();
  installTelegramMock(win, {
    version: '8.0',
    answer: (name, data, emit) => {
      if (name === 'web_app_check_location') emit('location_checked', { available: true });
      if (name === 'web_app_request_location') emit('location_requested', { available: false });
      return true;
    },
  });
  const wx = locationApis({ win, bridge: createBridge(win) });
  await assert.rejects(wx.getLocation({}), { errMsg: 'getLocation:fail auth deny' });
});

test('an older Telegram client and a plain browser use navigator.geolocation', async () => {
  const win = fakeWindow();
  installTelegramMock(win, { version: '7.0' });
  win.navigator.geolocation = geolocation();
  const wx = locationApis({ win, bridge: createBridge(win) });
  assert.deepEqual(await wx.getLocation({}), {
    errMsg: 'getLocation:ok',
    latitude: 55.75,
    longitude: 37.61,
    speed: 1.5,
    accuracy: 12,
    altitude: 150,
    verticalAccuracy: 3,
    horizontalAccuracy: 12,
  });
  const bare = locationApis({ win: { navigator: {} } });
  await assert.rejects(bare.getLocation({}), { errMsg: 'getLocation:fail system permission denied' });
  const denied = locationApis({
    win: { navigator: { geolocation: { getCurrentPosition: (ok, no) => no({ code: 1, message: 'denied' }) } } },
  });
  await assert.rejects(denied.getLocation({}), { errMsg: 'getLocation:fail auth deny' });
});

test(
  'openLocation opens an https map of the coordinates: web_app_open_link in Telegram, window.open ' + 'elsewhere',
  async () => {
    const win = fakeWindow();
    const mock = installTelegramMock(win, { version: '8.0' });
    const wx = locationApis({ win, bridge: createBridge(win) });
    assert.deepEqual(await wx.openLocation({ latitude: 1, longitude: 2, scale: 15 }), { errMsg: 'openLocation:ok' });
    assert.deepEqual(mock.events.at(-1), {
      name: 'web_app_open_link',
      data: { url: 'https://www.openstreetmap.org/?mlat=1&mlon=2#map=15/1/2' },
    });
    const opened = [];
    const plain = locationApis({ win: { open: (u) => opened.push(u) } });
    await plain.openLocation({ latitude: 3, longitude: 4 });
    assert.deepEqual(opened, ['https://www.openstreetmap.org/?mlat=3&mlon=4#map=16/3/4']);
    await assert.rejects(plain.openLocation({ latitude: '3' }), (r) =>
      /^openLocation:fail parameter error/.test(r.errMsg),
    );
  },
);

test('startLocationUpdate watches the position; onLocationChange gets each fix until off/stop', async () => {
  const watchers = [];
  const wx = locationApis({ win: { navigator: { geolocation: geolocation(watchers) } } });
  const seen = [];
  const cb = (r) => seen.push(r.latitude);
  wx.onLocationChange(cb);
  assert.deepEqual(await wx.startLocationUpdate({}), { errMsg: 'startLocationUpdate:ok' });
  watchers[0]({ coords });
  wx.offLocationChange(cb);
  watchers[0]({ coords });
  assert.deepEqual(seen, [55.75]);
  await wx.stopLocationUpdate({});
  assert.equal(watchers[0], null);
});
