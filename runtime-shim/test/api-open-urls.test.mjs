// The APIs that hand a URL to the browser (openLink through openOfficialAccountArticle, openDocument,
// saveImageToPhotosAlbum, saveVideoToPhotosAlbum) take web pages, blob: files and the app's own files only, open
// them without `opener`, and fail as WeChat does for any other scheme.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { createBridge } from '../src/telegram/bridge.js';
import { telegramApis } from '../src/api/telegram/index.js';
import { mediaFileApis } from '../src/api/media/media.js';
import { openableUrl } from '../src/core/urls.js';

function env() {
  const dom = new JSDOM('<!doctype html><body></body>', { url: 'http://127.0.0.1/app/index.html' });
  const win = dom.window;
  const opened = [];
  const clicked = [];
  win.open = (url, target, features) => {
    opened.push([url, target, features]);
    return null;
  };
  win.HTMLAnchorElement.prototype.click = function click() {
    clicked.push({ href: this.href, rel: this.rel });
  };
  const ctx = { bridge: createBridge(win), win, config: {} };
  return { wx: { ...telegramApis(ctx), ...mediaFileApis(ctx) }, opened, clicked };
}

const outcome = (p) =>
  p.then(
    (r) => ['ok', r],
    (r) => ['fail', r],
  );

const HOSTILE = [
  'javascript:alert(1)',
  ' \tjava\nscript:alert(1)',
  'JAVASCRIPT:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'intent://x#Intent;end',
];

test('openOfficialAccountArticle (openLink) opens http(s) pages with noopener, refuses other schemes', async () => {
  const { wx, opened } = env();
  assert.deepEqual(await wx.openOfficialAccountArticle({ url: 'https://example.com/a' }), {
    errMsg: 'openOfficialAccountArticle:ok',
  });
  assert.deepEqual(opened, [['https://example.com/a', '_blank', 'noopener']]);
  for (const url of HOSTILE) {
    const [kind, res] = await outcome(wx.openOfficialAccountArticle({ url }));
    assert.equal(kind, 'fail', url);
    assert.equal(res.errMsg, `openOfficialAccountArticle:fail invalid url ${url}`);
  }
  assert.equal(opened.length, 1);
});

test("openDocument opens web, blob: and the app's own files with noopener and refuses other schemes", async () => {
  const { wx, opened } = env();
  await wx.openDocument({ filePath: 'docs/a.pdf' });
  await wx.openDocument({ filePath: 'blob:http://127.0.0.1/0f1e' });
  assert.deepEqual(opened, [
    ['http://127.0.0.1/app/docs/a.pdf', '_blank', 'noopener'],
    ['blob:http://127.0.0.1/0f1e', '_blank', 'noopener'],
  ]);
  for (const filePath of HOSTILE) {
    const [kind, res] = await outcome(wx.openDocument({ filePath }));
    assert.equal(kind, 'fail', filePath);
    assert.match(res.errMsg, /^openDocument:fail invalid (file path|url) /);
  }
  assert.equal(opened.length, 2);
});

test('saveImageToPhotosAlbum downloads web, blob:, own and raster data: images; saveVideo takes no data:', async () => {
  const { wx, clicked } = env();
  const png = 'data:image/png;base64,iVBORw0KGgo=';
  for (const filePath of ['https://cdn.example.com/p.png', 'img/a.jpg', png]) {
    assert.deepEqual(await wx.saveImageToPhotosAlbum({ filePath }), { errMsg: 'saveImageToPhotosAlbum:ok' });
  }
  assert.deepEqual(clicked, [
    { href: 'https://cdn.example.com/p.png', rel: 'noopener' },
    { href: 'http://127.0.0.1/app/img/a.jpg', rel: 'noopener' },
    { href: png, rel: 'noopener' },
  ]);
  for (const filePath of [...HOSTILE, 'data:image/svg+xml,<svg onload="alert(1)"/>']) {
    const [kind, res] = await outcome(wx.saveImageToPhotosAlbum({ filePath }));
    assert.equal(kind, 'fail', filePath);
    assert.equal(res.errMsg, `saveImageToPhotosAlbum:fail invalid file path ${filePath}`);
  }
  const [kind, res] = await outcome(wx.saveVideoToPhotosAlbum({ filePath: 'data:image/png;base64,AA==' }));
  assert.deepEqual(
    [kind, res.errMsg],
    ['fail', 'saveVideoToPhotosAlbum:fail invalid file path data:image/png;base64,AA=='],
  );
  assert.equal(clicked.length, 3);
});

test('openableUrl resolves relative paths against the base and sees through hidden schemes', () => {
  assert.equal(openableUrl('a/b.pdf', 'https://x.test/app/', ['web']), 'https://x.test/app/a/b.pdf');
  assert.equal(openableUrl('\u0001 javascript:alert(1)', 'https://x.test/', ['web', 'blob', 'image']), null);
  assert.equal(openableUrl('blob:https://x.test/1', 'https://x.test/', ['web']), null);
  assert.equal(openableUrl('data:image/gif;base64,R0lG', 'https://x.test/', ['web', 'blob']), null);
});
