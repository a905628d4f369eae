// WeChat's weui extended library (`useExtendedLib: { weui: true }`) in Chromium: the `mp-*` components
// come from the `weui-miniprogram` package given with --extended-lib, or from the app's node_modules,
// and weui's stylesheet is the app's without an @import, as WeChat provides it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bin, browserAvailable, openApp, root, servedApp } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';
const home = 'wx-page[route="pages/index/index"]:not([hidden])';
const weui = path.join(root, 'node_modules');

/** Converts `src` into a scratch folder: the exit code, the JSON summary and the report. */
function convert(src, extra = []) {
  const dir = mkdtempSync(path.join(tmpdir(), 'miniport-weui-'));
  try {
    const out = path.join(dir, 'out');
    const run = spawnSync(bin, ['convert', src, '-o', out, '--format', 'json', ...extra], { encoding: 'utf8' });
    const summary = JSON.parse(run.stdout);
    const report = run.status === 2 ? null : JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
    return { status: run.status, summary, report };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the weui extended library', () => {
  const fixture = path.join(root, 'fixtures/extended-lib-app');

  test('with --extended-lib the app converts with no diagnostic, and the report names the source', () => {
    const { status, summary, report } = convert(fixture, ['--extended-lib', weui]);
    assert.equal(status, 0);
    assert.deepEqual(summary.diagnostics, []);
    assert.equal(report.npm.extendedLib.weui, '--extended-lib');
    assert.match(report.npm.extendedLib.version, /^\d+\.\d+\.\d+$/);
    const components = report.components.map((c) => c.path).sort();
    assert.deepEqual(components, [
      'miniprogram_npm/weui-miniprogram/badge/badge',
      'miniprogram_npm/weui-miniprogram/cell/cell',
      'miniprogram_npm/weui-miniprogram/cells/cells',
      'miniprogram_npm/weui-miniprogram/navigation-bar/navigation-bar',
    ]);
  });

  test('without the library the app gets one error at useExtendedLib with the install command', () => {
    const { status, summary } = convert(fixture);
    assert.equal(status, 1);
    assert.equal(summary.diagnostics.length, 1, JSON.stringify(summary.diagnostics));
    const [d] = summary.diagnostics;
    assert.equal(d.code, 'project::missing-extended-lib');
    assert.equal(d.file, 'app.json');
    assert.equal(d.line, 4);
    assert.match(d.hint, /npm install --save-dev weui-miniprogram/);
    assert.match(d.hint, /--extended-lib/);
  });

  test("the library is found in the app's own node_modules too", () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'miniport-weui-app-'));
    try {
      const src = path.join(scratch, 'app');
      cpSync(fixture, src, { recursive: true });
      cpSync(path.join(weui, 'weui-miniprogram'), path.join(src, 'node_modules/weui-miniprogram'), {
        recursive: true,
      });
      const { status, summary, report } = convert(src);
      assert.equal(status, 0, JSON.stringify(summary.diagnostics));
      assert.equal(report.npm.extendedLib.weui, 'node_modules');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe('weui components in Chromium', { skip }, () => {
  const app = servedApp('extended-lib-app', ['--extended-lib', weui]);

  test('mp-navigation-bar, mp-cells and mp-cell render weui markup; a cell tap reaches the page', async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    const title = `${home} mp-navigation-bar [class*="--weui-navigation-bar__center"]`;
    assert.equal((await page.textContent(title)).trim(), 'Settings');
    const bar = await page.$eval(
      `${home} mp-navigation-bar [class*="--weui-navigation-bar__inner"]`,
      (el) => getComputedStyle(el).backgroundColor,
    );
    assert.equal(bar, 'rgb(237, 237, 237)');
    assert.equal((await page.textContent(`${home} mp-cells [class*="--weui-cells__title"]`)).trim(), 'Account');
    const cells = await page.$$eval(`${home} mp-cell [class*="--weui-cell__hd"]`, (els) =>
      els.map((e) => e.textContent.trim()),
    );
    assert.deepEqual(cells, ['Name', 'Notifications']);
    assert.equal((await page.textContent(`${home} mp-badge`)).trim(), '3');
    await page.click(`${home} mp-cell >> nth=1`);
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent === 'notifications',
      `${home} .opened`,
    );
    assert.deepEqual(problems, []);
  });

  test("weui's stylesheet is the app's, without an @import in app.wxss", async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    const vars = await page.$eval(home, (el) => getComputedStyle(el).getPropertyValue('--weui-BRAND').trim());
    assert.ok(vars.length > 0, 'weui.wxss defines its variables on page');
    assert.equal(await page.$eval(`${home} .note`, (el) => getComputedStyle(el).color), 'rgb(87, 107, 149)');
    assert.deepEqual(problems, []);
  });

  test('a weui cell is laid out by weui.wxss (flex row, 16px padding) through its apply-shared isolation', async () => {
    const { page } = await openApp(app.browser, app.url);
    const cell = await page.$eval(`${home} mp-cell [class*="--weui-cell "]`, (el) => {
      const s = getComputedStyle(el);
      return { display: s.display, padding: s.paddingTop };
    });
    assert.deepEqual(cell, { display: 'flex', padding: '16px' });
  });
});
