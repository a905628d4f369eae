// wx.request, wx.uploadFile and wx.downloadFile against a local HTTP server on 127.0.0.1
// (Node's fetch; uploadFile through jsdom's XMLHttpRequest). Sockets are tested in Chromium
// (tests/browser/api-core.test.mjs): Node 20 has no WebSocket client.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { JSDOM } from 'jsdom';
import { networkApis, encodeRequest } from '../src/api/core/network.js';
import { socketApis } from '../src/api/core/socket.js';
import { fileSystem } from '../src/api/media/files.js';
import { tempBlob } from '../src/core/wxfile.js';

let server;
let base;
const pending = new Set();

before(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let body = [];
    req.on('data', (c) => body.push(c));
    req.on('end', () => {
      body = Buffer.concat(body);
      res.setHeader('access-control-allow-origin', '*');
      if (url.pathname === '/echo') {
        res.setHeader('content-type', 'application/json');
        res.setHeader('x-test', 'yes');
        res.end(
          JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body: body.toString('latin1') }),
        );
      } else if (url.pathname === '/text') {
        res.end('not json {');
      } else if (url.pathname === '/status') {
        res.statusCode = Number(url.searchParams.get('code'));
        res.end('{"error":true}');
      } else if (url.pathname === '/bytes') {
        res.setHeader('content-type', 'application/octet-stream');
        res.setHeader('content-length', '300000');
        const chunk = Buffer.alloc(100000, 7);
        res.write(chunk);
        setImmediate(() => {
          res.write(chunk);
          setImmediate(() => res.end(chunk));
        });
      } else if (url.pathname === '/hang') {
        pending.add(res);
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(() => {
  for (const res of pending) res.destroy();
  server.close();
});

const wx = networkApis({});

function call(fn, options) {
  return new Promise((resolve) => {
    const seen = {};
    const task = fn({
      ...options,
      success: (r) => {
        seen.success = r;
      },
      fail: (r) => {
        seen.fail = r;
      },
      complete: (r) => {
        seen.complete = r;
        resolve({ ...seen, task });
      },
    });
    seen.task = task;
  });
}

test(
  'request, uploadFile, downloadFile and connectSocket reach only the hosts of request.domains, failing as WeChat '
    + 'does for others',
  async () => {
    const asked = [];
    const fetch = (url) => {
      asked.push(url);
      return Promise.resolve(new Response('{}', { headers: { 'content-type': 'application/json' } }));
    };
    const opened = [];
    class WebSocket {
      constructor(url) {
        opened.push(url);
      }
    }
    const domains = ['api.example.com', '*.cdn.example.com', 'ws.example.com:8443'];
    const URL = { createObjectURL: () => 'blob:x/1', revokeObjectURL() {} };
    const ctx = { win: { fetch, WebSocket, Blob, URL }, config: { request: { domains } } };
    const limited = { ...networkApis(ctx), ...socketApis(ctx) };
    const ok = await call(limited.request, { url: 'https://api.example.com/a' });
    assert.equal(ok.success.errMsg, 'request:ok');
    const dl = await call(limited.downloadFile, { url: 'https://img.cdn.example.com/p.png' });
    assert.equal(dl.complete.errMsg, 'downloadFile:ok', JSON.stringify(dl.complete));
    for (const url of [
      'https://evil.example/x',
      'https://api.example.com.evil.example/',
      'https://cdn.example.com/',
      'https://api.example.com:444/',
      `${base}/echo`,
    ]) {
      for (const name of ['request', 'downloadFile', 'uploadFile']) {
        const { fail } = await call(limited[name], { url, filePath: 'blob:x', name: 'f' });
        assert.equal(fail && fail.errMsg, `${name}:fail url not in domain list`, `${name} ${url}`);
      }
    }
    assert.deepEqual(asked, ['https://api.example.com/a', 'https://img.cdn.example.com/p.png']);
    const socket = await call(limited.connectSocket, { url: 'wss://evil.example/s' });
    assert.equal(socket.fail.errMsg, 'connectSocket:fail url not in domain list');
    await call(limited.connectSocket, { url: 'wss://ws.example.com:8443/s' });
    assert.deepEqual(opened, ['wss://ws.example.com:8443/s']);
  },
);

test('request: GET appends object data as a query string and parses JSON', async () => {
  const { success, complete } = await call(wx.request, {
    url: `${base}/echo?a=1`,
    data: { b: 'x y', c: 2, d: { e: 1 } },
  });
  assert.equal(success.errMsg, 'request:ok');
  assert.equal(success.statusCode, 200);
  assert.equal(success.data.method, 'GET');
  assert.equal(success.data.url, '/echo?a=1&b=x%20y&c=2&d=%7B%22e%22%3A1%7D');
  assert.equal(success.header['x-test'], 'yes');
  assert.deepEqual(success.cookies, []);
  assert.equal(complete, success);
});

test('request: POST with object data sends JSON with content-type application/json by default', async () => {
  const { success } = await call(wx.request, { url: `${base}/echo`, method: 'post', data: { a: [1, 2] } });
  assert.equal(success.data.method, 'POST');
  assert.equal(success.data.headers['content-type'], 'application/json');
  assert.equal(success.data.body, '{"a":[1,2]}');
});

test(
  'request: x-www-form-urlencoded content-type form-encodes object data; the Referer header is ' + 'dropped',
  async () => {
    const { success } = await call(wx.request, {
      url: `${base}/echo`,
      method: 'PUT',
      data: { a: 'b&c', n: 1 },
      header: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Token': 't1',
        Referer: 'https://evil.example/',
      },
    });
    assert.equal(success.data.method, 'PUT');
    assert.equal(success.data.body, 'a=b%26c&n=1');
    assert.equal(success.data.headers['x-token'], 't1');
    assert.notEqual(success.data.headers.referer, 'https://evil.example/');
  },
);

test('request: string and ArrayBuffer data are sent as they are', async () => {
  const a = await call(wx.request, {
    url: `${base}/echo`,
    method: 'POST',
    data: 'raw=1',
    header: { 'content-type': 'text/plain' },
  });
  assert.equal(a.success.data.body, 'raw=1');
  const b = await call(wx.request, { url: `${base}/echo`, method: 'POST', data: new Uint8Array([1, 2, 250]).buffer });
  assert.equal(b.success.data.body, '\x01\x02\xfa');
});

test('encodeRequest: GET with string data appends it; HEAD carries no body', () => {
  assert.deepEqual(encodeRequest('/a?x=1', 'GET', 'y=2', {}), { url: '/a?x=1&y=2', body: undefined });
  assert.deepEqual(encodeRequest('/a', 'HEAD', { y: 2 }, {}), { url: '/a?y=2', body: undefined });
});

test(
  'request: dataType json keeps text that is not JSON; other dataTypes and responseType ' + 'arraybuffer do not parse',
  async () => {
    const a = await call(wx.request, { url: `${base}/text` });
    assert.equal(a.success.data, 'not json {');
    const b = await call(wx.request, { url: `${base}/echo`, dataType: 'text' });
    assert.equal(typeof b.success.data, 'string');
    const c = await call(wx.request, { url: `${base}/text`, responseType: 'arraybuffer' });
    assert.ok(c.success.data instanceof ArrayBuffer);
    assert.equal(Buffer.from(c.success.data).toString(), 'not json {');
  },
);

test('request: a non-2xx status is still success with its statusCode', async () => {
  const { success, fail } = await call(wx.request, { url: `${base}/status?code=503` });
  assert.equal(fail, undefined);
  assert.equal(success.statusCode, 503);
  assert.deepEqual(success.data, { error: true });
});

test('request: network errors fail with "request:fail …"; a bad url fails without a request', async () => {
  const closed = http.createServer();
  await new Promise((r) => closed.listen(0, '127.0.0.1', r));
  const port = closed.address().port;
  await new Promise((r) => closed.close(r));
  const a = await call(wx.request, { url: `http://127.0.0.1:${port}/` });
  assert.match(a.fail.errMsg, /^request:fail ./);
  const b = await call(wx.request, { url: 'ftp://x' });
  assert.match(b.fail.errMsg, /^request:fail invalid url/);
  const c = await call(wx.request, { url: 5 });
  assert.equal(c.fail.errMsg, 'request:fail parameter error: parameter.url should be String instead of Number;');
});

test('request: timeout fails with "request:fail timeout"', async () => {
  const { fail } = await call(wx.request, { url: `${base}/hang`, timeout: 50 });
  assert.equal(fail.errMsg, 'request:fail timeout');
});

test('request: RequestTask.abort fails with "request:fail abort"; onHeadersReceived sees the headers', async () => {
  const seen = [];
  const t = wx.request({ url: `${base}/hang`, fail: (x) => seen.push(x.errMsg), complete: (x) => seen.push(x.errMsg) });
  await new Promise((res) => setTimeout(res, 20));
  t.abort();
  await new Promise((res) => setTimeout(res, 30));
  assert.deepEqual(seen, ['request:fail abort', 'request:fail abort']);
  const headers = [];
  await new Promise((resolve) => {
    const t2 = wx.request({ url: `${base}/echo`, complete: resolve });
    t2.onHeadersReceived((h) => headers.push([h.statusCode, h.header['x-test']]));
  });
  assert.deepEqual(headers, [[200, 'yes']]);
});

test('request: with no callbacks it returns the task, not a promise', () => {
  const t = wx.request({ url: `${base}/echo` });
  assert.equal(typeof t.then, 'undefined');
  assert.equal(typeof t.abort, 'function');
});

test('request: enableChunked delivers onChunkReceived with ArrayBuffers', async () => {
  let total = 0;
  const done = new Promise((resolve) => {
    const t = wx.request({ url: `${base}/bytes`, enableChunked: true, responseType: 'arraybuffer', complete: resolve });
    t.onChunkReceived((c) => {
      assert.ok(c.data instanceof ArrayBuffer);
      total += c.data.byteLength;
    });
  });
  const res = await done;
  assert.equal(res.errMsg, 'request:ok');
  assert.equal(total, 300000);
  assert.equal(res.data.byteLength, 300000);
});

test('downloadFile: tempFilePath is a blob: URL, statusCode, progress up to 100', async () => {
  const progress = [];
  const res = await new Promise((resolve) => {
    const t = wx.downloadFile({ url: `${base}/bytes`, complete: resolve });
    t.onProgressUpdate((p) => progress.push(p));
  });
  assert.equal(res.errMsg, 'downloadFile:ok');
  assert.equal(res.statusCode, 200);
  assert.match(res.tempFilePath, /^blob:/);
  const last = progress[progress.length - 1];
  assert.deepEqual(last, { progress: 100, totalBytesWritten: 300000, totalBytesExpectedToWrite: 300000 });
  assert.ok(progress.length >= 2);
  const blob = await (await fetch(res.tempFilePath).catch(() => null))?.blob?.();
  if (blob) assert.equal(blob.size, 300000);
});

test(
  'downloadFile: the tempFilePath reads back through the file APIs; with filePath the file is '
    + 'written there and the result names it',
  async () => {
    const temp = await new Promise((resolve) => wx.downloadFile({ url: `${base}/bytes`, complete: resolve }));
    assert.equal(tempBlob(temp.tempFilePath).size, 300000);
    const saved = await new Promise((resolve) =>
      wx.downloadFile({ url: `${base}/bytes`, filePath: 'wxfile://usr/d.bin', complete: resolve }),
    );
    assert.deepEqual(Object.keys(saved).sort(), ['errMsg', 'filePath', 'header', 'statusCode']);
    assert.equal(saved.filePath, 'wxfile://usr/d.bin');
    const bytes = await fileSystem(globalThis).run('readFile', ['wxfile://usr/d.bin']);
    assert.equal(bytes.byteLength, 300000);
    const denied = await new Promise((resolve) =>
      wx.downloadFile({ url: `${base}/bytes`, filePath: 'wxfile://tmp/x.bin', complete: resolve }),
    );
    assert.equal(denied.errMsg, 'downloadFile:fail permission denied, open wxfile://tmp/x.bin');
  },
);

test('downloadFile: abort fails with "downloadFile:fail abort"', async () => {
  const seen = await new Promise((resolve) => {
    const t = wx.downloadFile({ url: `${base}/hang`, complete: resolve });
    t.abort();
  });
  assert.equal(seen.errMsg, 'downloadFile:fail abort');
});

function jsdomWx() {
  const dom = new JSDOM('<!doctype html><body></body>', { url: `${base}/` });
  return networkApis({ win: dom.window });
}

test('uploadFile: multipart form with the file under `name` and formData; result data and statusCode', async () => {
  const up = jsdomWx();
  const file = `data:text/plain;base64,${Buffer.from('hello upload').toString('base64')}`;
  const progress = [];
  const res = await new Promise((resolve) => {
    const t = up.uploadFile({
      url: `${base}/echo`,
      filePath: file,
      name: 'photo',
      formData: { user: 'u1' },
      header: { 'X-Up': '1' },
      complete: resolve,
    });
    t.onProgressUpdate((p) => progress.push(p));
  });
  assert.equal(res.errMsg, 'uploadFile:ok');
  assert.equal(res.statusCode, 200);
  assert.equal(typeof res.data, 'string');
  const echoed = JSON.parse(res.data);
  assert.equal(echoed.method, 'POST');
  assert.match(echoed.headers['content-type'], /^multipart\/form-data; boundary=/);
  assert.equal(echoed.headers['x-up'], '1');
  assert.match(echoed.body, /name="user"\r\n\r\nu1\r\n/);
  assert.match(echoed.body, /name="photo"; filename="[^"]+"\r\nContent-Type: text\/plain\r\n\r\nhello upload\r\n/);
  if (progress.length) assert.equal(progress[progress.length - 1].progress, 100);
});

test('uploadFile: a missing name or an unknown wxfile:// path fails through fail/complete', async () => {
  const up = jsdomWx();
  const a = await call(up.uploadFile, { url: `${base}/echo`, filePath: 'data:,x' });
  assert.match(a.fail.errMsg, /^uploadFile:fail parameter error: parameter.name/);
  const b = await call(up.uploadFile, { url: `${base}/echo`, filePath: 'wxfile://tmp/none.png', name: 'f' });
  assert.equal(b.fail.errMsg, 'uploadFile:fail file not found: wxfile://tmp/none.png');
});

test('uploadFile: abort fails with "uploadFile:fail abort"', async () => {
  const up = jsdomWx();
  const seen = await new Promise((resolve) => {
    const t = up.uploadFile({ url: `${base}/hang`, filePath: 'data:,x', name: 'f', complete: resolve });
    setTimeout(() => t.abort(), 30);
  });
  assert.equal(seen.errMsg, 'uploadFile:fail abort');
});
