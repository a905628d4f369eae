// The remaining priority wx APIs in Chromium on fixtures/api-priority, in a stand-in Telegram client and a plain
// page: downloadFile (loopback server, progress, <image>, filePath into the file system, 404, unreachable), the
// navigation bar, the tab bar (and its fail on a non-tab page), pageScrollTo, nextTick, SelectorQuery,
// IntersectionObserver, the video context, the background audio manager, sharing, wx.cloud over HTTP, system info.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { browserAvailable, servedApp } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';
const user = { id: 7, first_name: 'Ann' };
const initData = `user=${encodeURIComponent(JSON.stringify(user))}&auth_date=${Math.floor(Date.now() / 1000)}&hash=abc`;
const tg = (base, { version = '8.0', platform = 'android', theme = null } = {}) => `${base}#tgWebAppVersion=${version}&tgWebAppPlatform=${platform}&tgWebAppData=${encodeURIComponent(initData)}${theme ? `&tgWebAppThemeParams=${encodeURIComponent(JSON.stringify(theme))}` : ''}`;
// A 2×1 PNG (red, blue).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEUlEQVR4nGP4z8DAwMDAwAAAEAYCAUQbxrAAAAAASUVORK5CYII=', 'base64');
const BYTES = Buffer.from(Array.from({ length: 300000 }, (_, i) => i % 251));

/** A mono 8-bit WAV of `seconds` of a square wave, as base64. */
function wav(seconds, rate = 8000) {
  const n = Math.round(seconds * rate);
  const b = Buffer.alloc(44 + n);
  b.write('RIFF', 0); b.writeUInt32LE(36 + n, 4); b.write('WAVE', 8); b.write('fmt ', 12);
  b.writeUInt32LE(16, 16); b.writeUInt16LE(1, 20); b.writeUInt16LE(1, 22); b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate, 28); b.writeUInt16LE(1, 32); b.writeUInt16LE(8, 34); b.write('data', 36); b.writeUInt32LE(n, 40);
  for (let i = 0; i < n; i++) b[44 + i] = (i >> 4) & 1 ? 200 : 56;
  return b.toString('base64');
}

/**
 * Opens `url` in a fresh 375×720 context whose stand-in Telegram client records every posted event in
 * window.__telegramEvents. `csp: false` lets the page reach the plain-http loopback server (the emitted
 * CSP allows https: backends only); `share` stubs navigator.share, recording its calls in window.__shared.
 */
async function open(browser, url, { csp = true, share = false, userAgent, colorScheme } = {}) {
  const ctx = await browser.newContext({ viewport: { width: 375, height: 720 }, bypassCSP: !csp, ...(userAgent ? { userAgent } : {}), ...(colorScheme ? { colorScheme } : {}) });
  const page = await ctx.newPage();
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  await page.addInitScript((share) => {
    window.__telegramEvents = [];
    window.TelegramWebviewProxy = { postEvent(name, json) { window.__telegramEvents.push([name, json ? JSON.parse(json) : null]); } };
    if (share) {
      window.__shared = [];
      Object.defineProperty(navigator, 'share', { configurable: true, value: (data) => { window.__shared.push(data); return Promise.resolve(); } });
    }
  }, share);
  await page.goto(url);
  await page.waitForSelector('html[data-miniport-ready="true"]', { timeout: 10000 });
  return { page, problems, close: () => ctx.close() };
}

/** The events posted after the first `from` (see `mark`). */
const postedSince = (page, from) => page.evaluate((n) => window.__telegramEvents.slice(n), from);
const mark = (page) => page.evaluate(() => window.__telegramEvents.length);
/** Runs `body` in the page and gives `['ok', result]` or `['fail', result]` of the promise it returns. */
const outcome = (page, body, arg) => page.evaluate(`(${body})(${JSON.stringify(arg)}).then((r) => ['ok', r], (r) => ['fail', r])`);
/** Calls the task-returning wx[name] with `options` and gives `['success' | 'fail', result]` from its callbacks. */
const task = (page, name, options) => page.evaluate(([n, o]) => new Promise((resolve) => wx[n]({ ...o, success: (r) => resolve(['success', r]), fail: (r) => resolve(['fail', r]) })), [name, options]);
const visible = (page, sel) => page.locator(sel).first().isVisible();

let server;
let api;
let deadPort;
const seen = [];

before(async () => {
  if (skip) return;
  server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('access-control-allow-headers', req.headers['access-control-request-headers'] || '*');
      res.setHeader('access-control-expose-headers', 'x-request-id');
      if (req.method === 'OPTIONS') { res.end(); return; }
      const body = Buffer.concat(chunks).toString();
      if (req.url === '/pic.png') { res.setHeader('content-type', 'image/png'); res.end(PNG); return; }
      if (req.url === '/data.bin') {
        res.setHeader('content-type', 'application/octet-stream');
        res.setHeader('content-length', String(BYTES.length));
        res.write(BYTES.subarray(0, 100000));
        setTimeout(() => { res.write(BYTES.subarray(100000, 200000)); setTimeout(() => res.end(BYTES.subarray(200000)), 20); }, 20);
        return;
      }
      if (req.url.startsWith('/fn/')) {
        seen.push({ method: req.method, url: req.url, auth: req.headers.authorization || null, type: req.headers['content-type'], body: JSON.parse(body) });
        if (req.url === '/fn/broken') { res.statusCode = 500; res.end('no'); return; }
        const { a, b } = JSON.parse(body).data;
        res.setHeader('content-type', 'application/json');
        res.setHeader('x-request-id', 'r-1');
        res.end(JSON.stringify({ sum: a + b }));
        return;
      }
      res.statusCode = 404;
      res.end('gone');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  api = `http://127.0.0.1:${server.address().port}`;
  const dead = http.createServer();
  await new Promise((r) => dead.listen(0, '127.0.0.1', r));
  deadPort = dead.address().port;
  await new Promise((r) => dead.close(r));
});

after(() => server?.close());

describe('the remaining priority APIs in Chromium', { skip }, () => {
  const app = servedApp('api-priority');

  test('downloadFile: progress to 100, a tempFilePath <image> shows and the file APIs read; filePath writes into USER_DATA_PATH; 404 succeeds with its status; an unreachable port fails', async () => {
    for (const url of [tg(app.url), app.url]) {
      const { page, problems, close } = await open(app.browser, url, { csp: false });
      const from = await mark(page);
      const out = await page.evaluate(async (host) => {
        // downloadFile returns its task, never a promise: results come through complete.
        const dl = (o) => new Promise((resolve) => wx.downloadFile({ ...o, complete: resolve }));
        const progress = [];
        const bin = await new Promise((resolve) => {
          const task = wx.downloadFile({ url: `${host}/data.bin`, complete: resolve });
          task.onProgressUpdate((p) => progress.push(p));
        });
        const pic = await dl({ url: `${host}/pic.png` });
        const page = getCurrentPages()[0];
        await new Promise((resolve) => page.setData({ pic: pic.tempFilePath }, resolve));
        while (!page.picLoaded) await new Promise((r) => setTimeout(r, 20));
        const fs = wx.getFileSystemManager();
        const tempBytes = new Uint8Array((await fs.readFile({ filePath: bin.tempFilePath })).data);
        const saved = await dl({ url: `${host}/pic.png`, filePath: `${wx.env.USER_DATA_PATH}/pic.png` });
        const back = await fs.readFile({ filePath: `${wx.env.USER_DATA_PATH}/pic.png`, encoding: 'base64' });
        return {
          bin: { ...bin, tempFilePath: bin.tempFilePath.slice(0, 5), header: bin.header['content-type'] },
          last: progress.at(-1), steps: progress.length,
          temp: [tempBytes.length, tempBytes[250], tempBytes[251], tempBytes[299999]],
          img: [page.picLoaded, Math.round(document.querySelector('.pic').getBoundingClientRect().height)],
          saved: { ...saved, header: saved.header['content-type'] }, back: back.data,
        };
      }, api);
      assert.deepEqual(out.bin, { errMsg: 'downloadFile:ok', tempFilePath: 'blob:', statusCode: 200, header: 'application/octet-stream' });
      assert.deepEqual(out.last, { progress: 100, totalBytesWritten: 300000, totalBytesExpectedToWrite: 300000 });
      assert.ok(out.steps >= 2, `${out.steps} progress events`);
      assert.deepEqual(out.temp, [300000, 250, 0, 299999 % 251]);
      assert.deepEqual(out.img, [{ width: 2, height: 1 }, 10]);
      assert.deepEqual(out.saved, { errMsg: 'downloadFile:ok', filePath: 'wxfile://usr/pic.png', statusCode: 200, header: 'image/png' });
      assert.equal(out.back, PNG.toString('base64'));
      assert.deepEqual(await postedSince(page, from), [], 'nothing goes to Telegram');
      const missing = await task(page, 'downloadFile', { url: `${api}/nothing` });
      assert.deepEqual({ ...missing[1], tempFilePath: missing[1].tempFilePath.slice(0, 5), header: undefined }, { errMsg: 'downloadFile:ok', tempFilePath: 'blob:', statusCode: 404, header: undefined });
      assert.equal(missing[0], 'success');
      assert.deepEqual(await task(page, 'downloadFile', { url: `http://127.0.0.1:${deadPort}/x` }), ['fail', { errMsg: 'downloadFile:fail Failed to fetch' }]);
      assert.deepEqual(await task(page, 'downloadFile', { url: `${api}/pic.png`, filePath: 'wxfile://tmp/x.png' }), ['fail', { errMsg: 'downloadFile:fail permission denied, open wxfile://tmp/x.png' }]);
      assert.deepEqual(problems.filter((p) => !/Failed to load resource/.test(p)), [], url);
      await close();
    }
  });
});
