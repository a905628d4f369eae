// Browser-test harness: converts a fixture with the miniport binary, serves it on loopback
// with `miniport serve`, and drives Debian's Chromium through playwright-core.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const bin = process.env.MINIPORT_BIN || path.join(root, 'target/debug/miniport');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Whether the browser tests can run here; in CI a missing browser is a failure. */
export function browserAvailable() {
  if (existsSync(chromiumPath)) return true;
  if (process.env.CI) throw new Error(`Chromium not found at ${chromiumPath}`);
  return false;
}

/** Converts fixtures/<name> into a fresh temporary folder and returns its path. */
export function convertFixture(name, extra = []) {
  const dir = mkdtempSync(path.join(tmpdir(), 'miniport-browser-'));
  const out = path.join(dir, 'out');
  const run = spawnSync(bin, ['convert', path.join(root, 'fixtures', name), '-o', out, ...extra], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`convert failed (${run.status}): ${run.stderr}`);
  return { out, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Serves `dir` with `miniport serve` on a free loopback port. */
export async function serve(dir) {
  const child = spawn(bin, ['serve', dir, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 10000);
    child.stderr.on('data', (chunk) => {
      err += chunk;
      const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  return { url, close: () => child.kill() };
}

/** Launches Chromium headless; `args` are extra command-line flags (fake media devices, …). */
export async function launch(args = []) {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...args,
    ],
  });
}

/**
 * Opens `url` in a new page that records console errors, page errors, failed requests and
 * every event the app posts to Telegram (through a stand-in TelegramWebviewProxy).
 */
export async function openApp(browser, url, viewport = { width: 375, height: 720 }) {
  const page = await browser.newPage({ viewport });
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`requestfailed: ${req.url()}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`http ${res.status()}: ${res.url()}`);
  });
  await page.addInitScript(() => {
    window.__telegramEvents = [];
    window.TelegramWebviewProxy = {
      postEvent(name, data) {
        window.__telegramEvents.push([name, data ? JSON.parse(data) : null]);
      },
    };
  });
  await page.goto(url);
  await page.waitForSelector('html[data-miniport-ready="true"]', { timeout: 10000 });
  return { page, problems };
}

/**
 * For the surrounding describe(): converts fixtures/<name> (with `extra` convert arguments),
 * serves it and launches Chromium (with the extra flags `args`) before its tests, and undoes all
 * of it after them. Returns `{ url, browser }`, filled in once `before` has run.
 */
export function servedApp(name, extra = [], args = []) {
  const app = { url: null, browser: null };
  let built;
  let server;
  before(async () => {
    built = convertFixture(name, extra);
    server = await serve(built.out);
    app.url = server.url;
    app.browser = await launch(args);
  });
  after(async () => {
    await app.browser?.close();
    server?.close();
    built?.cleanup();
  });
  return app;
}

/**
 * The address of the app at `base` as a Telegram client opens it: launch parameters in the hash
 * (version, platform, the raw `initData`, and a start parameter and theme when given).
 */
export function telegramUrl(
  base,
  { version = '8.0', platform = 'android', initData = '', startParam = '', theme = null } = {},
) {
  const start = startParam ? `&tgWebAppStartParam=${startParam}` : '';
  const colors = theme ? `&tgWebAppThemeParams=${encodeURIComponent(JSON.stringify(theme))}` : '';
  const data = encodeURIComponent(initData);
  return `${base}#tgWebAppVersion=${version}&tgWebAppPlatform=${platform}&tgWebAppData=${data}${start}${colors}`;
}

/** A mono 8-bit WAV of `seconds` of a square wave, as base64. */
export function wav(seconds = 0.5, rate = 8000) {
  const n = Math.round(seconds * rate);
  const b = Buffer.alloc(44 + n);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + n, 4);
  b.write('WAVE', 8);
  b.write('fmt ', 12);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate, 28);
  b.writeUInt16LE(1, 32);
  b.writeUInt16LE(8, 34);
  b.write('data', 36);
  b.writeUInt32LE(n, 40);
  for (let i = 0; i < n; i++) b[44 + i] = (i >> 4) & 1 ? 200 : 56;
  return b.toString('base64');
}
