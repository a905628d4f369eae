// The emitted Content-Security-Policy in Chromium: images over plain http: show, as WeChat
// shows them (an <image> and a CSS background from another loopback origin), while a script
// or a stylesheet from that origin stays blocked.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { browserAvailable, openApp, servedApp } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';
// A 2×1 PNG (red, blue).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEUlEQVR4nGP4z8DAwMDAwAAAEAYCAUQbxrAAAAAASUVORK5CYII=',
  'base64',
);

let server;
let other;
const asked = [];

before(async () => {
  if (skip) return;
  server = http.createServer((req, res) => {
    asked.push(req.url);
    if (req.url.startsWith('/pic.png')) {
      res.setHeader('content-type', 'image/png');
      res.end(PNG);
    } else if (req.url === '/x.js') {
      res.setHeader('content-type', 'text/javascript');
      res.end('window.__foreignScriptRan = true;');
    } else if (req.url === '/x.css') {
      res.setHeader('content-type', 'text/css');
      res.end('body { outline: 7px solid red; }');
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  // `localhost` is another origin than the app's 127.0.0.1, reached over plain http.
  other = `http://localhost:${server.address().port}`;
});

after(() => server?.close());

describe('the Content-Security-Policy of the emitted page', { skip }, () => {
  const app = servedApp('api-priority');

  test('an <image> and a background image over plain http show; scripts and styles from there do not', async () => {
    const { page } = await openApp(app.browser, app.url);
    const out = await page.evaluate(async (other) => {
      const [current] = getCurrentPages();
      await new Promise((resolve) => current.setData({ pic: `${other}/pic.png?image` }, resolve));
      const img = document.querySelector('.pic img') || document.querySelector('.pic');
      const deadline = Date.now() + 5000;
      while (!current.picLoaded && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const probe = new Image();
      const background = await new Promise((resolve) => {
        const div = document.createElement('div');
        div.style.backgroundImage = `url(${other}/pic.png?background)`;
        document.body.append(div);
        probe.onload = () => resolve('loaded');
        probe.onerror = () => resolve('blocked');
        probe.src = `${other}/pic.png?probe`;
      });
      const script = await new Promise((resolve) => {
        const s = document.createElement('script');
        s.src = `${other}/x.js`;
        s.onload = () => resolve('loaded');
        s.onerror = () => resolve('blocked');
        document.head.append(s);
      });
      const style = await new Promise((resolve) => {
        const l = document.createElement('link');
        l.rel = 'stylesheet';
        l.href = `${other}/x.css`;
        l.onload = () => resolve('loaded');
        l.onerror = () => resolve('blocked');
        document.head.append(l);
      });
      return {
        image: current.picLoaded || null,
        height: Math.round(img.getBoundingClientRect().height),
        background,
        script,
        ran: !!window.__foreignScriptRan,
        style,
      };
    }, other);
    assert.deepEqual(out.image, { width: 2, height: 1 }, 'bindload fired with the natural size');
    assert.equal(out.height, 10, 'widthFix: 20px wide, so 10px high');
    assert.equal(out.background, 'loaded');
    assert.deepEqual([out.script, out.ran, out.style], ['blocked', false, 'blocked']);
    assert.ok(!asked.includes('/x.js') && !asked.includes('/x.css'), `the browser asked for ${asked}`);
    await page.close();
  });
});
