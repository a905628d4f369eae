// `miniport convert --minify` minifies the runtime's ES modules (bench/runtime/run.mjs measures
// their size): they stay ES modules with the same export names, are smaller, and a minified app
// still boots and updates its page in Chromium.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { browserAvailable, convertFixture, openApp, servedApp } from '../../tests/browser/harness.mjs';

function runtimeModules(out) {
  const dir = path.join(out, 'miniport');
  return readdirSync(dir, { recursive: true })
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => f.endsWith('.js'))
    .sort()
    .map((rel) => ({ rel, file: path.join(dir, rel) }));
}

/**
 * Export names of a module with the type of each value (`index.js` boots the app and `api/web/worker-boot.js` a
 * worker: skipped).
 */
async function exportsOf(file) {
  const ns = await import(pathToFileURL(file).href);
  return Object.keys(ns)
    .sort()
    .map((k) => `${k}:${typeof ns[k]}`);
}

describe('minified runtime modules', () => {
  let plain;
  let small;
  before(() => {
    plain = convertFixture('bench-list');
    small = convertFixture('bench-list', ['--minify']);
  });
  after(() => {
    plain?.cleanup();
    small?.cleanup();
  });

  test('--minify writes the same runtime files, every JavaScript module smaller', () => {
    const a = runtimeModules(plain.out);
    const b = runtimeModules(small.out);
    assert.deepEqual(
      b.map((m) => m.rel),
      a.map((m) => m.rel),
    );
    assert.ok(a.length > 10, `${a.length} modules`);
    for (let i = 0; i < a.length; i++) {
      const before = readFileSync(a[i].file, 'utf8');
      const after = readFileSync(b[i].file, 'utf8');
      assert.ok(after.length < before.length, `${a[i].rel}: ${after.length} ≥ ${before.length}`);
    }
  });

  test('minified modules import in Node and export the same names with the same kinds', async () => {
    const entry = (m) => m.rel !== 'index.js' && m.rel !== 'api/web/worker-boot.js';
    const a = runtimeModules(plain.out).filter(entry);
    const b = runtimeModules(small.out).filter(entry);
    for (let i = 0; i < a.length; i++) {
      assert.deepEqual(await exportsOf(b[i].file), await exportsOf(a[i].file), a[i].rel);
    }
  });

  test('the minified entry module still has no exports and keeps its relative imports', () => {
    const entry = readFileSync(path.join(small.out, 'miniport/index.js'), 'utf8');
    assert.doesNotMatch(entry, /\bexport\b/);
    for (const dep of ['./framework/index.js', './router/router.js', './modules/registry.js']) {
      assert.ok(entry.includes(dep), `index.js lost its import of ${dep}`);
    }
  });
});

const skip = !browserAvailable() && 'Chromium is not installed';

describe('a --minify app in Chromium', { skip }, () => {
  const app = servedApp('bench-list', ['--minify']);

  test('boots, and setData of rows, of one row path and of all rows updates the page before its callback', async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    const seen = await page.evaluate(async () => {
      const rows = (tag) =>
        Array.from({ length: 20 }, (_, i) => ({
          id: i,
          name: `n${i}${tag}`,
          initial: 'A',
          tone: i % 3,
          online: i % 2 === 0,
        }));
      const set = (patch) =>
        new Promise((resolve) =>
          getCurrentPages()[0].setData(patch, () => {
            const els = document.querySelectorAll('.row');
            resolve({
              count: els.length,
              text: els[5] && els[5].querySelector('.row-name').textContent,
              id: els[5] && els[5].dataset.id,
              online: els[4] && els[4].classList.contains('row--online'),
            });
          }),
        );
      return [await set({ list: rows('') }), await set({ 'list[5].name': 'changed' }), await set({ list: rows('!') })];
    });
    assert.deepEqual(seen, [
      { count: 20, text: 'n5', id: '5', online: true },
      { count: 20, text: 'changed', id: '5', online: true },
      { count: 20, text: 'n5!', id: '5', online: true },
    ]);
    assert.deepEqual(problems, []);
  });
});

describe('the showcase converted with --minify in Chromium', { skip }, () => {
  const app = servedApp('showcase', ['--minify']);

  test('boots without errors, renders its index page and posts web_app_ready', async () => {
    const { page, problems } = await openApp(app.browser, `${app.url}#tgWebAppVersion=8.0&tgWebAppPlatform=tdesktop`);
    await page.waitForSelector('wx-page[route="pages/index/index"] wx-text.banner-text');
    const events = await page.evaluate(() => window.__telegramEvents.map(([name]) => name));
    assert.ok(events.includes('web_app_ready'), `events: ${events}`);
    assert.deepEqual(problems, []);
  });
});
