// Skyline's tags in Chromium on fixtures/builtins-more (pages/skyline): grid-view lays out its
// cross-axis-count columns with its gaps, sticky-header sticks and fires stickontopchange, span is
// inline, and the pan and tap gesture handlers call their callbacks with Skyline's states.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserAvailable, openApp, servedApp } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';

async function openSkyline(app) {
  const opened = await openApp(app.browser, app.url);
  await opened.page.evaluate(() => wx.reLaunch({ url: '/pages/skyline/skyline' }));
  await opened.page.waitForFunction(
    () => document.querySelector('#cell5') && document.querySelector('#grid').style.getPropertyValue('--mp-grid-count'),
  );
  return opened;
}

const rect = (page, id) =>
  page.evaluate((id) => {
    const r = document.getElementById(id).getBoundingClientRect();
    return { x: Math.round(r.left), y: Math.round(r.top), w: Math.round(r.width), h: Math.round(r.height) };
  }, id);

describe('Skyline tags in Chromium', { skip }, () => {
  const app = servedApp('builtins-more');

  test('grid-view: three columns with the cross-axis gap between, rows with the main-axis gap', async () => {
    const { page, problems } = await openSkyline(app);
    const [a, b, c, d] = [
      await rect(page, 'cell1'),
      await rect(page, 'cell2'),
      await rect(page, 'cell3'),
      await rect(page, 'cell4'),
    ];
    assert.equal(a.y, b.y);
    assert.equal(b.y, c.y);
    assert.equal(b.x - (a.x + a.w), 5);
    assert.equal(d.x, a.x);
    assert.equal(d.y - (a.y + a.h), 10);
    assert.equal(a.w, Math.round((375 - 10) / 3));
    assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('span')).display), 'inline');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('sticky-header stays at the top while its section scrolls and reports stickontopchange', async () => {
    const { page } = await openSkyline(app);
    const before = await rect(page, 'head');
    await page.evaluate((y) => wx.pageScrollTo({ scrollTop: y + 300, duration: 0 }), before.y);
    await page.waitForFunction(() => globalThis.__events.some((e) => e.name === 'stick' && e.detail.isStickOnTop));
    const stuck = await page.evaluate(() => document.getElementById('head').getBoundingClientRect().top);
    assert.ok(stuck >= 0 && stuck < 100, `stuck at ${stuck}`);
    await page.close();
  });

  test('pan-gesture-handler calls its callback BEGIN, ACTIVE…, END; tap-gesture-handler END on a click', async () => {
    const { page } = await openSkyline(app);
    await page.evaluate(() => document.getElementById('pan').scrollIntoView({ block: 'center' }));
    const p = await rect(page, 'pan');
    await page.mouse.move(p.x + 20, p.y + 20);
    await page.mouse.down();
    await page.mouse.move(p.x + 80, p.y + 25, { steps: 5 });
    await page.mouse.up();
    const pans = await page.evaluate(() => globalThis.__events.filter((e) => e.name === 'pan'));
    assert.equal(pans[0].state, 1);
    assert.ok(pans.slice(1, -1).every((e) => e.state === 2) && pans.length >= 3);
    assert.equal(pans.at(-1).state, 3);
    assert.ok(pans.some((e) => e.deltaX > 0));
    await page.click('#tap');
    const taps = await page.evaluate(() => globalThis.__events.filter((e) => e.name === 'tap'));
    assert.deepEqual(
      taps.map((e) => e.state),
      [3],
    );
    await page.close();
  });
});
