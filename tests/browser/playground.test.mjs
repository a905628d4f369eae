// The playground (playground/dist, built by scripts/build-wasm) in Chromium: the showcase
// dropped as a .zip converts in the page and runs in the frame with the Telegram stand-in;
// a fixture chosen in the address converts too; a broken fixture's diagnostic shows its line.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { browserAvailable, launch, root, serve } from './harness.mjs';

const site = path.join(root, 'playground/dist');
const built = existsSync(path.join(site, 'pkg/index.js'));
if (!built && process.env.CI) throw new Error('playground/dist is not built: run scripts/build-wasm');
const skip = !built ? 'playground/dist is not built (scripts/build-wasm)' : browserAvailable() ? false : 'no Chromium';

describe('the playground in Chromium', { skip }, () => {
  let server;
  let browser;
  const scratch = mkdtempSync(path.join(tmpdir(), 'miniport-playground-'));
  before(async () => {
    server = await serve(site);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    server?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** A new page on the playground, recording errors. */
  async function open(hash = '') {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems = [];
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()} ${msg.location().url}`);
    });
    await page.goto(`${server.url}index.html${hash}`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Ready'), null, {
      timeout: 60000,
    });
    return { page, problems };
  }

  test('a .zip of the showcase given to the file input runs in the frame', async () => {
    const { page, problems } = await open();
    const zip = path.join(scratch, 'showcase.zip');
    // The same archive the build made for the fixture list, given as a user's file.
    const bytes = readFileSync(path.join(site, 'fixtures/showcase.zip'));
    await import('node:fs').then((fs) => fs.writeFileSync(zip, bytes));
    await page.setInputFiles('#zip', zip);
    await page.waitForFunction(() => /pages; 0 errors/.test(document.getElementById('status').textContent), null, {
      timeout: 60000,
    });
    const frame = page.frameLocator('#app');
    await frame.locator('html[data-miniport-ready="true"]').waitFor({ timeout: 20000 });
    assert.ok((await frame.locator('wx-page').count()) >= 1, 'a page is rendered in the frame');
    assert.match(await frame.locator('body').textContent(), /\S/);
    assert.deepEqual(problems, []);
  });

  test('a broken fixture named in the address shows its diagnostic with the source line', async () => {
    const { page } = await open('#fixture=broken-app');
    await page.waitForFunction(() => document.querySelectorAll('#diagnostics li').length > 0, null, {
      timeout: 60000,
    });
    const items = await page.locator('#diagnostics li').allInnerTexts();
    const wxml = items.find((t) => t.includes('pages/index/index.wxml:2:'));
    assert.ok(wxml, items.join('\n'));
    assert.match(wxml, /Total: \{\{price \* \}\}/);
    assert.match(wxml, /\^/);
    assert.equal(await page.locator('#fixture').inputValue(), 'broken-app');
    const frame = page.frameLocator('#app');
    await frame.locator('.ok').waitFor({ timeout: 20000 });
  });
});
