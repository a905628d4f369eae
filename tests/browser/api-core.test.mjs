// The core wx APIs in Chromium on fixtures/api-core: showModal as a Telegram popup (answered
// through the stand-in proxy) and as the in-page dialog, showActionSheet, clipboard, request,
// uploadFile progress and SocketTask against loopback servers started here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import crypto from 'node:crypto';
import { browserAvailable, convertFixture, serve, launch, openApp } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';
let app;
let server;
let browser;
let api;
const sockets = new Set();

/** A tiny WebSocket server: handshake, text/binary frames echoed back, close answered. */
function websocket(req, socket) {
  const key = req.headers['sec-websocket-key'];
  const accept = crypto.createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  socket.write(
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: `
      + `Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
  );
  sockets.add(socket);
  let buf = Buffer.alloc(0);
  const send = (op, payload) => {
    const head =
      payload.length < 126
        ? Buffer.from([0x80 | op, payload.length])
        : Buffer.from([0x80 | op, 126, payload.length >> 8, payload.length & 255]);
    socket.write(Buffer.concat([head, payload]));
  };
  socket.on('data', (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    while (buf.length >= 6) {
      const op = buf[0] & 15;
      let len = buf[1] & 127;
      let at = 2;
      if (len === 126) {
        len = buf.readUInt16BE(2);
        at = 4;
      }
      if (buf.length < at + 4 + len) return;
      const mask = buf.subarray(at, at + 4);
      const data = Buffer.from(buf.subarray(at + 4, at + 4 + len)).map((b, i) => b ^ mask[i % 4]);
      buf = buf.subarray(at + 4 + len);
      if (op === 8) {
        send(8, data);
        socket.end();
        return;
      }
      if (op === 1) send(1, Buffer.from(`echo:${data}`));
      if (op === 2) send(2, Buffer.from(data.reverse()));
    }
  });
  socket.on('error', () => {});
}

before(async () => {
  if (skip) return;
  server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('access-control-allow-headers', '*');
      res.setHeader('access-control-allow-methods', '*');
      if (req.method === 'OPTIONS') {
        res.end();
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          method: req.method,
          url: req.url,
          length: Buffer.concat(chunks).length,
          type: req.headers['content-type'] || '',
        }),
      );
    });
  });
  server.on('upgrade', websocket);
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  api = `127.0.0.1:${server.address().port}`;
  const converted = convertFixture('api-core');
  const served = await serve(converted.out);
  app = { ...served, cleanup: converted.cleanup };
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (app) {
    app.close();
    app.cleanup();
  }
  for (const s of sockets) s.destroy();
  if (server) server.close();
});

const TG_HASH =
  '#tgWebAppVersion=8.0&tgWebAppPlatform=tdesktop&tgWebAppData='
  + 'user%3D%257B%2522id%2522%253A1%252C%2522first_name%2522%253A%2522Ann%2522%257D%26hash%3Dx';

test('showModal in Telegram posts web_app_open_popup; popup_closed answers it', { skip }, async () => {
  const { page, problems } = await openApp(browser, app.url + TG_HASH);
  const pending = page.evaluate(() => wx.showModal({ title: 'Hi', content: 'Go on?', confirmText: 'Yes' }));
  await page.waitForFunction(() => window.__telegramEvents.some(([n]) => n === 'web_app_open_popup'));
  const [, params] = await page.evaluate(() => window.__telegramEvents.find(([n]) => n === 'web_app_open_popup'));
  assert.deepEqual(params, {
    title: 'Hi',
    message: 'Go on?',
    buttons: [
      { id: 'cancel', type: 'default', text: '取消' },
      { id: 'confirm', type: 'default', text: 'Yes' },
    ],
  });
  await page.evaluate(() => window.Telegram.WebView.receiveEvent('popup_closed', { button_id: 'confirm' }));
  assert.deepEqual(await pending, { errMsg: 'showModal:ok', confirm: true, cancel: false });
  assert.equal(await page.locator('.miniport-modal').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('showModal outside Telegram draws the in-page dialog with the ui.css look; a tap answers', { skip }, async () => {
  const { page, problems } = await openApp(browser, app.url);
  const pending = page.evaluate(() => wx.showModal({ title: 'Title', content: 'Body text', cancelText: 'No' }));
  const dialog = page.locator('.miniport-modal');
  await dialog.waitFor();
  assert.equal(await dialog.locator('.miniport-modal-title').textContent(), 'Title');
  const style = await dialog.evaluate((el) => {
    const s = getComputedStyle(el);
    return [s.position, s.backgroundColor, s.borderRadius];
  });
  assert.deepEqual(style, ['absolute', 'rgb(255, 255, 255)', '12px']);
  assert.equal(
    await page.locator('.miniport-modal-confirm').evaluate((el) => getComputedStyle(el).color),
    'rgb(87, 107, 149)',
  );
  await page.locator('.miniport-modal-cancel').click();
  assert.deepEqual(await pending, { errMsg: 'showModal:ok', confirm: false, cancel: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('showActionSheet: tapping an item answers its tapIndex; tapping the mask fails with "cancel"', {
  skip,
}, async () => {
  const { page } = await openApp(browser, app.url);
  const pending = page.evaluate(() => wx.showActionSheet({ itemList: ['One', 'Two'] }));
  await page.locator('.miniport-sheet-item', { hasText: 'Two' }).click();
  assert.deepEqual(await pending, { errMsg: 'showActionSheet:ok', tapIndex: 1 });
  const cancelled = page.evaluate(() => wx.showActionSheet({ itemList: ['One'] }).catch((e) => e));
  await page.locator('.miniport-sheet-root .miniport-modal-mask').click({ position: { x: 10, y: 10 } });
  assert.deepEqual(await cancelled, { errMsg: 'showActionSheet:fail cancel' });
  await page.close();
});

test('setClipboardData then getClipboardData round-trip through the browser clipboard', { skip }, async () => {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
  const { page } = await openApp(context, app.url);
  assert.deepEqual(await page.evaluate(() => wx.setClipboardData({ data: '复制 me' })), {
    errMsg: 'setClipboardData:ok',
  });
  await page.locator('.miniport-toast-title', { hasText: '内容已复制' }).waitFor();
  assert.deepEqual(await page.evaluate(() => wx.getClipboardData()), {
    errMsg: 'getClipboardData:ok',
    data: '复制 me',
  });
  await context.close();
});

// The emitted page's Content-Security-Policy allows https: and wss: backends only; the loopback
// test servers speak http: and ws:, so these two tests run with CSP bypassed.
test('request and uploadFile reach a loopback server across origins; upload progress reaches 100', {
  skip,
}, async () => {
  const context = await browser.newContext({ bypassCSP: true });
  const { page } = await openApp(context, app.url);
  const res = await page.evaluate(
    (host) =>
      new Promise((resolve) =>
        wx.request({ url: `http://${host}/x`, method: 'POST', data: { a: 1 }, complete: resolve }),
      ),
    api,
  );
  assert.equal(res.errMsg, 'request:ok');
  assert.deepEqual(res.data, { method: 'POST', url: '/x', length: 7, type: 'application/json' });
  const up = await page.evaluate(
    (host) =>
      new Promise((resolve) => {
        const file = URL.createObjectURL(new Blob([new Uint8Array(400000)], { type: 'image/png' }));
        const progress = [];
        const task = wx.uploadFile({
          url: `http://${host}/up`,
          filePath: file,
          name: 'f',
          complete: (r) => resolve({ r, progress }),
        });
        task.onProgressUpdate((p) => progress.push(p.progress));
      }),
    api,
  );
  assert.equal(up.r.errMsg, 'uploadFile:ok');
  assert.match(JSON.parse(up.r.data).type, /^multipart\/form-data/);
  assert.equal(up.progress.at(-1), 100);
  await context.close();
});

test('SocketTask: open, text and binary messages, close; the old global socket APIs follow the latest task', {
  skip,
}, async () => {
  const context = await browser.newContext({ bypassCSP: true });
  const { page } = await openApp(context, app.url);
  const log = await page.evaluate(
    (host) =>
      new Promise((resolve) => {
        const log = [];
        const task = wx.connectSocket({ url: `ws://${host}/`, success: (r) => log.push(r.errMsg) });
        wx.onSocketMessage((m) => log.push(`global ${typeof m.data === 'string' ? m.data : 'binary'}`));
        task.onOpen(() => {
          log.push('open');
          task.send({ data: 'hi', success: (r) => log.push(r.errMsg) });
        });
        task.onMessage((m) => {
          if (typeof m.data === 'string') {
            log.push(m.data);
            wx.sendSocketMessage({ data: new Uint8Array([1, 2, 3]).buffer });
          } else {
            log.push(`bytes ${[...new Uint8Array(m.data)].join(',')}`);
            task.close({ code: 1000, reason: 'bye', success: (r) => log.push(r.errMsg) });
          }
        });
        task.onClose((c) => {
          log.push(`close ${c.code}`);
          resolve(log);
        });
      }),
    api,
  );
  assert.deepEqual(log, [
    'connectSocket:ok',
    'open',
    'sendSocketMessage:ok',
    'echo:hi',
    'global echo:hi',
    'bytes 3,2,1',
    'global binary',
    'closeSocket:ok',
    'close 1000',
  ]);
  const after = await page.evaluate(() => wx.sendSocketMessage({ data: 'x' }).catch((e) => e.errMsg));
  assert.equal(after, 'sendSocketMessage:fail WebSocket is not connected');
  await context.close();
});
