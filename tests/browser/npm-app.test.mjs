// An app that gets its npm packages from package.json only: the test copies fixtures/npm-app into a
// scratch folder, runs `npm install --offline` there (the fixture's package-lock.json pins the
// tarballs that `npm ci` at the repository root left in npm's cache, so no network is needed),
// converts it, and checks in Chromium that tdesign's components and dayjs work (also from TypeScript,
// with useCompilerPlugins: ["typescript"]).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bin, browserAvailable, launch, openApp, root, serve } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';
const home = 'wx-page[route="pages/index/index"]:not([hidden])';

describe('npm packages built from node_modules, in Chromium', { skip }, () => {
  const app = { url: null, browser: null, out: null, convert: null };
  let scratch;
  let server;
  before(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'miniport-npm-'));
    const src = path.join(scratch, 'app');
    cpSync(path.join(root, 'fixtures/npm-app'), src, { recursive: true });
    const install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund'], {
      cwd: src,
      encoding: 'utf8',
      timeout: 120000,
    });
    if (install.status !== 0) throw new Error(`npm install --offline failed: ${install.stderr}`);
    app.out = path.join(scratch, 'out');
    const run = spawnSync(bin, ['convert', src, '-o', app.out, '--format', 'json'], { encoding: 'utf8' });
    app.convert = JSON.parse(run.stdout);
    server = await serve(app.out);
    app.url = server.url;
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    server?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  test('the app converts with no error and no warning, built from node_modules', () => {
    assert.equal(app.convert.exitCode, 0);
    assert.deepEqual(app.convert.diagnostics, []);
    const report = JSON.parse(readFileSync(path.join(app.out, 'report.json'), 'utf8'));
    assert.deepEqual(report.npm.builds, [
      {
        packageJson: 'package.json',
        dir: 'miniprogram_npm',
        source: 'node_modules',
        packages: { dayjs: '1.11.23', 'tdesign-miniprogram': '1.16.0' },
      },
    ]);
  });

  test('only what the app reaches is emitted: no unused component, no unused dayjs file', () => {
    const report = JSON.parse(readFileSync(path.join(app.out, 'report.json'), 'utf8'));
    const components = report.components.map((c) => c.path);
    assert.ok(components.includes('miniprogram_npm/tdesign-miniprogram/button/button'));
    assert.ok(components.includes('miniprogram_npm/tdesign-miniprogram/tag/tag'));
    assert.ok(!components.some((c) => c.includes('/calendar/')), components.join());
    assert.ok(!existsSync(path.join(app.out, 'miniprogram_npm/tdesign-miniprogram/calendar')));
    assert.equal(report.modules['utils/dates.js'], 'utils/dates.ts', 'the TypeScript module is compiled');
    const modules = Object.keys(report.modules);
    assert.ok(modules.includes('miniprogram_npm/dayjs/dayjs.min.js'), modules.join());
    assert.ok(modules.includes('miniprogram_npm/dayjs/plugin/advancedFormat.js'));
    assert.ok(!modules.some((m) => m.includes('dayjs/locale/')), 'no dayjs locale is reached');
  });

  test('<t-button> is tdesign button with its styles, and a tap reaches the page handler', async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    // Component classes are scoped (`<scope>--t-button--primary`), as WeChat isolates them.
    const primary = `${home} t-button wx-button[class*="--t-button--primary"]`;
    const look = await page.$eval(primary, (el) => {
      const s = getComputedStyle(el);
      return { background: s.backgroundColor, color: s.color, text: el.textContent.trim() };
    });
    assert.deepEqual(look, { background: 'rgb(0, 82, 217)', color: 'rgb(255, 255, 255)', text: 'Tap me' });
    assert.equal(await page.textContent(`${home} .taps`), '0');
    await page.click(primary);
    await page.click(primary);
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '2', `${home} .taps`);
    await page.click(`${home} t-button wx-button[class*="--t-button--disabled"]`);
    assert.equal(await page.textContent(`${home} .taps`), '2', 'the disabled button fires nothing');
    const tag = await page.$eval(`${home} t-tag [class*="--t-tag--success"]`, (el) => el.textContent.trim());
    assert.equal(tag, 'npm');
    assert.deepEqual(problems, []);
  });

  test('dayjs works, from a require of the package and from TypeScript importing it and one of its files', async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    assert.equal(await page.textContent(`${home} .next`), '2024-02-29');
    assert.equal(await page.textContent(`${home} .quarter`), '3');
    assert.equal(await page.textContent(`${home} .leap`), '29');
    assert.deepEqual(problems, []);
  });
});
