// report.html of `miniport batch` in Chromium: opened offline from the file system, it renders
// with no console error and no request, and its charts show the numbers of report.json (apps by
// status, the most common error codes, the support matrices, the readiness buckets), with one
// drill-down per app listing its diagnostics.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bin, browserAvailable, launch, root } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';

let dir;
let browser;
let report;
let url;

before(async () => {
  if (skip) return;
  dir = mkdtempSync(path.join(tmpdir(), 'miniport-batch-report-'));
  const catalog = path.join(dir, 'catalog');
  for (const name of ['api-core', 'builtins-map', 'builtins-more', 'style-sets']) {
    cpSync(path.join(root, 'fixtures', name), path.join(catalog, name), { recursive: true });
  }
  // An app that uses wx APIs only WeChat has (the blockers chart).
  cpSync(path.join(root, 'fixtures/script/api-usage'), path.join(catalog, 'api-usage'), { recursive: true });
  mkdirSync(path.join(catalog, 'broken'), { recursive: true });
  writeFileSync(path.join(catalog, 'broken', 'app.json'), '{ "pages": [');
  const out = path.join(dir, 'out');
  const run = spawnSync(bin, ['batch', catalog, '-o', out, '--quiet', '--fail-on', 'never'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
  url = pathToFileURL(path.join(out, 'report.html')).href;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The bars of the chart `id` as { label: value }. */
async function bars(page, id) {
  return page.$$eval(`#${id} .bar`, (gs) =>
    Object.fromEntries(gs.map((g) => [g.dataset.label, Number(g.querySelector('.value').textContent)])),
  );
}

describe('report.html', { skip }, () => {
  test('renders offline with no console error and shows the numbers of report.json', async () => {
    const page = await browser.newPage();
    const problems = [];
    page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('request', (req) => req.url() !== url && problems.push(`request: ${req.url()}`));
    await page.goto(url);
    assert.deepEqual(problems, []);

    const statuses = await bars(page, 'statuses');
    assert.deepEqual(statuses, report.totals.statuses);
    assert.equal(
      Object.values(statuses).reduce((a, b) => a + b, 0),
      6,
    );
    assert.equal(statuses.failed, 1);

    const errorCodes = report.codes.filter((c) => c.severity === 'error').slice(0, 10);
    assert.deepEqual(await bars(page, 'blockers'), Object.fromEntries(errorCodes.map((c) => [c.code, c.apps])));
    assert.ok(errorCodes.length > 0, 'the broken app brings an error code');

    const missing = Object.entries(report.apis)
      .filter(([, api]) => !api.implemented)
      .sort(([a, x], [b, y]) => y.apps - x.apps || (a < b ? -1 : 1))
      .slice(0, 10);
    assert.ok(missing.length > 0, 'api-usage uses APIs the runtime does not implement');
    assert.deepEqual(
      await bars(page, 'missing-apis'),
      Object.fromEntries(missing.map(([name, api]) => [`wx.${name}`, api.apps])),
    );

    const builtins = await bars(page, 'builtins');
    for (const level of ['full', 'partial', 'placeholder', 'nothing']) {
      const names = Object.values(report.builtins).filter((b) => b.support === level).length;
      assert.equal(builtins[level], names, level);
    }
    assert.ok(builtins.full > 0);
    const apis = await bars(page, 'apis');
    for (const status of ['telegram', 'web', 'emulate', 'unsupported', 'unknown']) {
      assert.equal(apis[status], Object.values(report.apis).filter((a) => a.status === status).length, status);
    }

    const buckets = await bars(page, 'readiness-chart');
    const total = Object.values(buckets).reduce((a, b) => a + b, 0);
    assert.equal(total, report.apps.length);
    const high = report.apps.filter((a) => a.readiness.score >= 80).length;
    assert.equal(buckets['80–100'], high);
    assert.equal(Number(await page.textContent('#readiness')), report.totals.readiness);

    // The drill-down: one per app; the broken app's opens on its diagnostic.
    const names = await page.$$eval('details.app', (ds) => ds.map((d) => d.dataset.name));
    assert.deepEqual(
      names,
      report.apps.map((a) => a.name),
    );
    await page.click('details[data-name="broken"] summary');
    const rows = await page.$$eval('details[data-name="broken"] table.diagnostics tr', (trs) =>
      trs.slice(1).map((tr) => [...tr.cells].map((c) => c.textContent)),
    );
    const broken = report.apps.find((a) => a.name === 'broken');
    assert.deepEqual(
      rows.map((r) => r[1]),
      broken.diagnostics.list.map((d) => d.code),
    );
    assert.ok(await page.isVisible('details[data-name="broken"] table.diagnostics'));
    await page.close();
  });
});
