// <map> in Chromium: with `map.tiles` in miniport.json (fixtures/builtins-map; tiles answered here for
// https://tiles.test) it draws the Web Mercator tiles around its centre, places markers and callouts,
// pans with the mouse (regionchange begin/end) and reports marker taps; without it (fixtures/builtins-more)
// it shows a placeholder with an "open in maps" link. Polylines, polygons and circles are SVG over the tiles;
// include-points fits the view; wx.createMapContext drives it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserAvailable, openApp, servedApp } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

describe('map with a tile source', { skip }, () => {
  const app = servedApp('builtins-map');

  test('draws the tiles around its centre, markers where they belong, and reports taps and pans', async () => {
    const page = await app.browser.newPage({ viewport: { width: 375, height: 720 } });
    const requested = [];
    await page.route('https://tiles.test/**', (route) => {
      requested.push(new URL(route.request().url()).pathname);
      return route.fulfill({ status: 200, contentType: 'image/png', body: PNG });
    });
    await page.goto(app.url);
    await page.waitForSelector('html[data-miniport-ready="true"]');
    await page.waitForFunction(() => document.querySelectorAll('#map .wx-map-tile').length === 4);
    // Zoom 3 (WeChat's min-scale): the world is 2048 px; the 300x200 box centred on (0, 0) covers tiles x 3-4, y 3-4.
    assert.deepEqual(
      (await page.$$eval('#map .wx-map-tile', (imgs) => imgs.map((i) => new URL(i.src).pathname))).sort(),
      ['/3/3/3.png', '/3/3/4.png', '/3/4/3.png', '/3/4/4.png'],
    );
    assert.ok(requested.length >= 4);
    const box = await page.$eval('#map', (m) => m.getBoundingClientRect().toJSON());
    const pin = await page.$eval('#map .wx-map-marker-icon', (i) => i.getBoundingClientRect().toJSON());
    // Anchored at its bottom centre on the map's centre.
    assert.equal(Math.round(pin.left + pin.width / 2 - box.left), 150);
    assert.equal(Math.round(pin.bottom - box.top), 100);
    assert.equal(await page.textContent('#map .wx-map-callout'), 'origin');
    assert.equal(await page.textContent('#map .wx-map-attribution'), '© test tiles');
    assert.equal(await page.isVisible('#over'), true);
    await page.mouse.click(pin.left + pin.width / 2, pin.top + pin.height / 2);
    await page.mouse.move(box.left + 200, box.top + 150);
    await page.mouse.down();
    await page.mouse.move(box.left + 100, box.top + 150, { steps: 5 });
    await page.mouse.up();
    const events = await page.evaluate(() => globalThis.__events);
    assert.deepEqual(
      events.filter((e) => e.name === 'markertap'),
      [{ name: 'markertap', detail: { markerId: 7 } }],
    );
    const region = events.filter((e) => e.name === 'regionchange');
    assert.deepEqual(
      region.map((e) => e.detail.type),
      ['begin', 'end'],
    );
    const center = region[1].detail.centerLocation;
    assert.ok(Math.abs(center.longitude - 17.578125) < 0.01, JSON.stringify(center));
    assert.ok(Math.abs(center.latitude) < 0.01);
    await page.close();
  });
});

describe('map vector layers and MapContext', { skip }, () => {
  const app = servedApp('builtins-map');

  /** Opens the context page with tiles answered, and waits for its map to be drawn. */
  async function open() {
    const page = await app.browser.newPage({ viewport: { width: 375, height: 720 } });
    await page.route('https://tiles.test/**', (route) =>
      route.fulfill({ status: 200, contentType: 'image/png', body: PNG }),
    );
    await page.goto(`${app.url}?mp=${encodeURIComponent('pages/context/context')}`);
    await page.waitForSelector('html[data-miniport-ready="true"]');
    await page.waitForFunction(() => document.querySelectorAll('#routes .wx-map-tile').length > 0);
    return page;
  }

  /** Runs MapContext method `name` with `options` in the page; its success result, or its fail result. */
  function call(page, name, options = {}) {
    return page.evaluate(
      ([n, o]) =>
        new Promise((resolve) => globalThis.__map[n]({ ...o, success: (r) => resolve(r), fail: (r) => resolve(r) })),
      [name, options],
    );
  }

  test('include-points fits the view; polyline, polygons and circles are drawn where they belong', async () => {
    const page = await open();
    // Two points 2 degrees apart in a 300 x 200 box: zoom 7 is the largest at which both fit.
    assert.equal((await call(page, 'getScale')).scale, 7);
    const centre = await call(page, 'getCenterLocation');
    assert.ok(Math.abs(centre.latitude) < 1e-9 && Math.abs(centre.longitude) < 1e-9, JSON.stringify(centre));
    const line = await page.$eval('#routes .wx-map-polyline', (l) => ({
      points: l.getAttribute('points'),
      stroke: l.getAttribute('stroke'),
      dash: l.getAttribute('stroke-dasharray'),
    }));
    // 1 degree of longitude at zoom 7 is 256 * 128 / 360 = 91.02 px.
    assert.deepEqual(line, { points: '150.0,100.0 241.0,100.0', stroke: '#FF0000DD', dash: '4 8' });
    assert.equal(await page.$eval('#routes .wx-map-polygon', (p) => p.getAttribute('points').split(' ').length), 3);
    // 100 km at the equator at zoom 7: 100000 / (2 * pi * 6378137 / 32768) = 81.8 px.
    assert.equal(await page.$eval('#routes .wx-map-circle', (c) => c.getAttribute('r')), '81.8');
    await page.close();
  });

  test('MapContext reads the view, converts screen points, moves and fits it with regionchange', async () => {
    const page = await open();
    const screen = await call(page, 'toScreenLocation', { latitude: 0, longitude: 1 });
    assert.equal(Math.round(screen.x * 100) / 100, 241.02);
    assert.equal(Math.round(screen.y), 100);
    const back = await call(page, 'fromScreenLocation', { x: screen.x, y: screen.y });
    assert.ok(Math.abs(back.longitude - 1) < 1e-9 && Math.abs(back.latitude) < 1e-9, JSON.stringify(back));
    const region = await call(page, 'getRegion');
    assert.ok(region.southwest.longitude < -1.6 && region.northeast.longitude > 1.6, JSON.stringify(region));
    assert.equal((await call(page, 'moveToLocation', { latitude: 10, longitude: 20 })).errMsg, 'moveToLocation:ok');
    const moved = await call(page, 'getCenterLocation');
    assert.deepEqual([moved.latitude, moved.longitude], [10, 20]);
    assert.deepEqual(await page.evaluate(() => globalThis.__events), [
      { type: 'begin', causedBy: 'update' },
      { type: 'end', causedBy: 'update' },
    ]);
    await call(page, 'includePoints', {
      points: [
        { latitude: 30, longitude: 30 },
        { latitude: 31, longitude: 31 },
      ],
      padding: [10, 10, 10, 10],
    });
    const fitted = await call(page, 'getCenterLocation');
    assert.ok(Math.abs(fitted.longitude - 30.5) < 1e-6, JSON.stringify(fitted));
    assert.equal((await call(page, 'getScale')).scale, 7);
    await page.close();
  });

  test('MapContext adds, removes and glides markers; native-only methods and a missing map fail', async () => {
    const page = await open();
    const count = () => page.$$eval('#routes .wx-map-marker', (m) => m.length);
    assert.equal(await count(), 1);
    await call(page, 'addMarkers', { markers: [{ id: 9, latitude: 0.5, longitude: 0.5 }] });
    assert.equal(await count(), 2);
    await call(page, 'removeMarkers', { markerIds: [9] });
    assert.equal(await count(), 1);
    const before = await page.$eval('#routes .wx-map-marker', (m) => m.style.transform);
    assert.equal(before, 'translate(150px, 100px)');
    const glided = await call(page, 'translateMarker', {
      markerId: 5,
      destination: { latitude: 0, longitude: 1 },
      duration: 100,
    });
    assert.equal(glided.errMsg, 'translateMarker:ok');
    assert.equal(await page.$eval('#routes .wx-map-marker', (m) => m.style.transform), 'translate(241px, 100px)');
    const missing = await call(page, 'translateMarker', { markerId: 42, destination: { latitude: 0, longitude: 0 } });
    assert.equal(missing.errMsg, 'translateMarker:fail marker 42 not found');
    assert.match((await call(page, 'addGroundOverlay', { id: 1 })).errMsg, /^addGroundOverlay:fail not supported/);
    const nowhere = await page.evaluate(() =>
      wx
        .createMapContext('nowhere')
        .getScale()
        .catch((r) => r.errMsg),
    );
    assert.equal(nowhere, 'getScale:fail map nowhere not found, or it has no tile source');
    await page.close();
  });
});

describe('map without a tile source', { skip }, () => {
  const app = servedApp('builtins-more');

  test('shows a placeholder with an "open in maps" link to its centre', async () => {
    const { page } = await openApp(app.browser, app.url);
    await page.evaluate(() => wx.reLaunch({ url: '/pages/more/more' }));
    await page.waitForSelector('#map .wx-map-open', { state: 'attached' });
    const href = await page.getAttribute('#map .wx-map-open', 'href');
    assert.equal(href, 'https://www.openstreetmap.org/?mlat=48.8584&mlon=2.2945#map=15/48.8584/2.2945');
    assert.match(await page.textContent('#map .wx-map-placeholder'), /48\.85840, 2\.29450/);
    await page.close();
  });
});
