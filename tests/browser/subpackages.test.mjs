// Subpackages in Chromium: a subpackage's script chunk loads when one of its pages is first opened,
// preloadRule fetches the packages it names after that page shows, and require.async loads a chunk.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserAvailable, openApp, servedApp } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';
const chunks = (page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((n) => /\/app\/.*\.js$/.test(n))
      .map((n) => n.replace(/^.*\/app\//, '')),
  );

describe('subpackages in Chromium', { skip }, () => {
  const app = servedApp('subpackages-app');

  test('a subpackage chunk loads on first navigation to its page; preloadRule then fetches packageB', async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    assert.deepEqual(await chunks(page), ['main.js']);
    await page.click('wx-view.home');
    await page.waitForSelector('wx-page[route="packageA/pages/list/list"]:not([hidden]) .item');
    const list = 'wx-page[route="packageA/pages/list/list"]';
    assert.deepEqual(await page.$$eval(`${list} .item`, (els) => els.map((e) => e.textContent)), [
      'oolong',
      'pu-erh',
      'sencha',
    ]);
    assert.equal(await page.textContent(`${list} .from`), 'home');
    await page.waitForFunction(() =>
      performance.getEntriesByType('resource').some((e) => e.name.endsWith('/app/sub-packageB.js')),
    );
    assert.deepEqual((await chunks(page)).sort(), ['main.js', 'sub-packageA.js', 'sub-packageB.js']);
    assert.deepEqual(problems, []);
  });

  test('require.async loads the chunk that holds the module', async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    await page.evaluate(() => getCurrentPages()[0].loadAsync());
    await page.waitForFunction(() => document.querySelector('wx-view.async')?.textContent === '42');
    assert.ok((await chunks(page)).includes('sub-packageB.js'));
    assert.deepEqual(problems, []);
  });
});
