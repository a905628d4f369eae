// <map> in Chromium: with `map.tiles` in miniport.json (fixtures/builtins-map; tiles answered here for
// https://tiles.test) it draws the Web Mercator tiles around its centre, places markers and callouts,
// pans with the mouse (regionchange begin/end) and reports marker taps; without it (fixtures/builtins-more)
// it shows a placeholder with an "open in maps" link.
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
