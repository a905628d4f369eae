// WGS-84 ↔ GCJ-02: the offset applies inside mainland China only, is a few hundred metres, and the inverse undoes it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toGcj02, fromGcj02 } from '../src/api/media/gcj02.js';

/** Metres between two points (equirectangular; fine for sub-kilometre distances). */
function metres(a, b) {
  const rad = Math.PI / 180;
  const x = (b.longitude - a.longitude) * rad * Math.cos(((a.latitude + b.latitude) / 2) * rad);
  const y = (b.latitude - a.latitude) * rad;
  return Math.hypot(x, y) * 6371000;
}

const cities = {
  beijing: [39.9087, 116.3975],
  shanghai: [31.2304, 121.4737],
  shenzhen: [22.5431, 114.0579],
  urumqi: [43.8256, 87.6168],
};

test('inside mainland China a point moves north-east by between 100 and 700 metres', () => {
  for (const [name, [lat, lng]] of Object.entries(cities)) {
    const g = toGcj02(lat, lng);
    const d = metres({ latitude: lat, longitude: lng }, g);
    assert.ok(d > 100 && d < 700, `${name}: ${d.toFixed(1)} m`);
  }
  // Tiananmen as Chinese map services place it: about 39.9101 N, 116.4037 E.
  assert.ok(metres(toGcj02(...cities.beijing), { latitude: 39.9101, longitude: 116.4037 }) < 20);
  const b = toGcj02(...cities.beijing);
  assert.ok(b.latitude > cities.beijing[0] && b.longitude > cities.beijing[1], 'Beijing shifts north-east');
});

test('outside China the coordinates are returned unchanged', () => {
  assert.deepEqual(toGcj02(51.5007, -0.1246), { latitude: 51.5007, longitude: -0.1246 });
  assert.deepEqual(toGcj02(-33.8568, 151.2153), { latitude: -33.8568, longitude: 151.2153 });
  assert.deepEqual(fromGcj02(48.8584, 2.2945), { latitude: 48.8584, longitude: 2.2945 });
});

test('fromGcj02 undoes toGcj02 to within a centimetre', () => {
  for (const [lat, lng] of Object.values(cities)) {
    const back = fromGcj02(toGcj02(lat, lng).latitude, toGcj02(lat, lng).longitude);
    assert.ok(metres({ latitude: lat, longitude: lng }, back) < 0.01, JSON.stringify(back));
  }
});

test('the offset varies smoothly: points 10 m apart move by amounts within 1 m of each other', () => {
  const [lat, lng] = cities.shanghai;
  const a = toGcj02(lat, lng);
  const b = toGcj02(lat + 0.00009, lng);
  const shiftA = metres({ latitude: lat, longitude: lng }, a);
  const shiftB = metres({ latitude: lat + 0.00009, longitude: lng }, b);
  assert.ok(Math.abs(shiftA - shiftB) < 1, `${shiftA} vs ${shiftB}`);
});
