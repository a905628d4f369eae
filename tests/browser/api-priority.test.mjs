// The remaining priority wx APIs in Chromium on fixtures/api-priority, in a stand-in Telegram client and a plain
// page: downloadFile (loopback server, progress, <image>, filePath into the file system, 404, unreachable), the
// navigation bar, the tab bar (and its fail on a non-tab page), pageScrollTo, nextTick, SelectorQuery,
// IntersectionObserver, the video context, the background audio manager, sharing, wx.cloud over HTTP, system info.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { browserAvailable, servedApp, telegramUrl, wav } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';
const user = { id: 7, first_name: 'Ann' };
const initData = `user=${encodeURIComponent(JSON.stringify(user))}&auth_date=${Math.floor(Date.now() / 1000)}&hash=abc`;
const tg = (base, options = {}) => telegramUrl(base, { ...options, initData });
// A 2×1 PNG (red, blue).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEUlEQVR4nGP4z8DAwMDAwAAAEAYCAUQbxrAAAAAASUVORK5CYII=',
  'base64',
);
const BYTES = Buffer.from(Array.from({ length: 300000 }, (_, i) => i % 251));

/**
 * Opens `url` in a fresh 375×720 context whose stand-in Telegram client records every posted event in
 * window.__telegramEvents. `csp: false` lets the page reach the plain-http loopback server (the emitted
 * CSP allows https: backends only); `share` stubs navigator.share, recording its calls in window.__shared.
 */
async function open(browser, url, { csp = true, share = false, userAgent, colorScheme } = {}) {
  const ctx = await browser.newContext({
    viewport: { width: 375, height: 720 },
    bypassCSP: !csp,
    ...(userAgent ? { userAgent } : {}),
    ...(colorScheme ? { colorScheme } : {}),
  });
  const page = await ctx.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  await page.addInitScript((share) => {
    window.__telegramEvents = [];
    window.TelegramWebviewProxy = {
      postEvent(name, json) {
        window.__telegramEvents.push([name, json ? JSON.parse(json) : null]);
      },
    };
    if (share) {
      window.__shared = [];
      Object.defineProperty(navigator, 'share', {
        configurable: true,
        value: (data) => {
          window.__shared.push(data);
          return Promise.resolve();
        },
      });
    }
  }, share);
  await page.goto(url);
  await page.waitForSelector('html[data-miniport-ready="true"]', { timeout: 10000 });
  return { page, problems, ctx, close: () => ctx.close() };
}

/** The events posted after the first `from` (see `mark`). */
const postedSince = (page, from) => page.evaluate((n) => window.__telegramEvents.slice(n), from);
const mark = (page) => page.evaluate(() => window.__telegramEvents.length);
/** Runs `body` in the page and gives `['ok', result]` or `['fail', result]` of the promise it returns. */
const outcome = (page, body, arg) =>
  page.evaluate(`(${body})(${JSON.stringify(arg)}).then((r) => ['ok', r], (r) => ['fail', r])`);
/** Calls the task-returning wx[name] with `options` and gives `['success' | 'fail', result]` from its callbacks. */
const task = (page, name, options) =>
  page.evaluate(
    ([n, o]) =>
      new Promise((resolve) =>
        wx[n]({ ...o, success: (r) => resolve(['success', r]), fail: (r) => resolve(['fail', r]) }),
      ),
    [name, options],
  );
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
      if (req.method === 'OPTIONS') {
        res.end();
        return;
      }
      const body = Buffer.concat(chunks).toString();
      if (req.url === '/pic.png') {
        res.setHeader('content-type', 'image/png');
        res.end(PNG);
        return;
      }
      if (req.url === '/data.bin') {
        res.setHeader('content-type', 'application/octet-stream');
        res.setHeader('content-length', String(BYTES.length));
        res.write(BYTES.subarray(0, 100000));
        setTimeout(() => {
          res.write(BYTES.subarray(100000, 200000));
          setTimeout(() => res.end(BYTES.subarray(200000)), 20);
        }, 20);
        return;
      }
      if (req.url.startsWith('/fn/')) {
        seen.push({
          method: req.method,
          url: req.url,
          auth: req.headers.authorization || null,
          type: req.headers['content-type'],
          body: JSON.parse(body),
        });
        if (req.url === '/fn/broken') {
          res.statusCode = 500;
          res.end('no');
          return;
        }
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

  test(
    'downloadFile: progress to 100, a tempFilePath <image> shows and the file APIs read; filePath '
      + 'writes into USER_DATA_PATH; 404 succeeds with its status; an unreachable port fails',
    async () => {
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
            last: progress.at(-1),
            steps: progress.length,
            temp: [tempBytes.length, tempBytes[250], tempBytes[251], tempBytes[299999]],
            img: [page.picLoaded, Math.round(document.querySelector('.pic').getBoundingClientRect().height)],
            saved: { ...saved, header: saved.header['content-type'] },
            back: back.data,
          };
        }, api);
        assert.deepEqual(out.bin, {
          errMsg: 'downloadFile:ok',
          tempFilePath: 'blob:',
          statusCode: 200,
          header: 'application/octet-stream',
        });
        assert.deepEqual(out.last, { progress: 100, totalBytesWritten: 300000, totalBytesExpectedToWrite: 300000 });
        assert.ok(out.steps >= 2, `${out.steps} progress events`);
        assert.deepEqual(out.temp, [300000, 250, 0, 299999 % 251]);
        assert.deepEqual(out.img, [{ width: 2, height: 1 }, 10]);
        assert.deepEqual(out.saved, {
          errMsg: 'downloadFile:ok',
          filePath: 'wxfile://usr/pic.png',
          statusCode: 200,
          header: 'image/png',
        });
        assert.equal(out.back, PNG.toString('base64'));
        assert.deepEqual(await postedSince(page, from), [], 'nothing goes to Telegram');
        const missing = await task(page, 'downloadFile', { url: `${api}/nothing` });
        assert.deepEqual(
          { ...missing[1], tempFilePath: missing[1].tempFilePath.slice(0, 5), header: undefined },
          { errMsg: 'downloadFile:ok', tempFilePath: 'blob:', statusCode: 404, header: undefined },
        );
        assert.equal(missing[0], 'success');
        assert.deepEqual(await task(page, 'downloadFile', { url: `http://127.0.0.1:${deadPort}/x` }), [
          'fail',
          { errMsg: 'downloadFile:fail Failed to fetch' },
        ]);
        assert.deepEqual(await task(page, 'downloadFile', { url: `${api}/pic.png`, filePath: 'wxfile://tmp/x.png' }), [
          'fail',
          { errMsg: 'downloadFile:fail permission denied, open wxfile://tmp/x.png' },
        ]);
        assert.deepEqual(
          problems.filter((p) => !/Failed to load resource/.test(p)),
          [],
          url,
        );
        await close();
      }
    },
  );

  test(
    "setNavigationBarTitle sets the bar's text and document.title, and the page keeps it across a "
      + 'tab switch; the loading mark shows and hides; nothing goes to Telegram',
    async () => {
      for (const url of [tg(app.url), app.url]) {
        const { page, problems, close } = await open(app.browser, url);
        const from = await mark(page);
        assert.deepEqual(await page.evaluate(() => wx.setNavigationBarTitle({ title: '新标题' })), {
          errMsg: 'setNavigationBarTitle:ok',
        });
        assert.deepEqual(
          await page.evaluate(() => [document.querySelector('.miniport-navbar-title').textContent, document.title]),
          ['新标题', '新标题'],
        );
        assert.equal(await visible(page, '.miniport-navbar-loading'), false);
        assert.deepEqual(await page.evaluate(() => wx.showNavigationBarLoading()), {
          errMsg: 'showNavigationBarLoading:ok',
        });
        assert.equal(await visible(page, '.miniport-navbar-loading'), true);
        assert.deepEqual(await page.evaluate(() => wx.hideNavigationBarLoading()), {
          errMsg: 'hideNavigationBarLoading:ok',
        });
        assert.equal(await visible(page, '.miniport-navbar-loading'), false);
        assert.deepEqual(await outcome(page, () => wx.setNavigationBarTitle({})), [
          'fail',
          {
            errMsg:
              'setNavigationBarTitle:fail parameter error: parameter.title should be String instead of Undefined;',
          },
        ]);
        await page.evaluate(() => wx.switchTab({ url: '/pages/other/other' }));
        assert.deepEqual(
          await page.evaluate(() => [document.querySelector('.miniport-navbar-title').textContent, document.title]),
          ['Other', 'Other'],
        );
        await page.evaluate(() => wx.switchTab({ url: '/pages/home/home' }));
        assert.equal(await page.textContent('.miniport-navbar-title'), '新标题');
        assert.deepEqual(
          (await postedSince(page, from)).filter(([n]) => !/header_color|back_button|bottom_bar/.test(n)),
          [],
          url,
        );
        assert.deepEqual(problems, []);
        await close();
      }
    },
  );

  test(
    'tab bar APIs change the drawn bar (badges, red dots, items, style, hide/show); an unknown '
      + 'index fails; on a non-tab page each fails "not TabBar page"',
    async () => {
      for (const url of [tg(app.url), app.url]) {
        const { page, problems, close } = await open(app.browser, url);
        const from = await mark(page);
        const bar = () =>
          page.evaluate(() => {
            const nav = document.querySelector('.miniport-tabbar');
            return {
              hidden: nav.hidden,
              bg: nav.style.backgroundColor,
              border: nav.dataset.borderStyle,
              items: [...nav.querySelectorAll('.miniport-tabbar-item')].map((i) => ({
                label: i.querySelector('.miniport-tabbar-label').textContent,
                color: i.style.color,
                badge: i.querySelector('.miniport-tabbar-badge').hidden
                  ? null
                  : i.querySelector('.miniport-tabbar-badge').textContent,
                dot: !i.querySelector('.miniport-tabbar-dot').hidden,
              })),
            };
          });
        assert.deepEqual(await bar(), {
          hidden: false,
          bg: 'rgb(255, 255, 255)',
          border: 'black',
          items: [
            { label: 'Home', color: 'rgb(7, 193, 96)', badge: null, dot: false },
            { label: 'Other', color: 'rgb(153, 153, 153)', badge: null, dot: false },
          ],
        });
        const results = await page.evaluate(async () =>
          [
            await wx.setTabBarBadge({ index: 1, text: '5' }),
            await wx.showTabBarRedDot({ index: 0 }),
            await wx.setTabBarItem({ index: 1, text: 'Later' }),
            await wx.setTabBarStyle({
              color: '#ff0000',
              selectedColor: '#0000ff',
              backgroundColor: '#000000',
              borderStyle: 'white',
            }),
          ].map((r) => r.errMsg),
        );
        assert.deepEqual(results, [
          'setTabBarBadge:ok',
          'showTabBarRedDot:ok',
          'setTabBarItem:ok',
          'setTabBarStyle:ok',
        ]);
        assert.deepEqual(await bar(), {
          hidden: false,
          bg: 'rgb(0, 0, 0)',
          border: 'white',
          items: [
            { label: 'Home', color: 'rgb(0, 0, 255)', badge: null, dot: true },
            { label: 'Later', color: 'rgb(255, 0, 0)', badge: '5', dot: false },
          ],
        });
        // A badge of more than 4 characters shows as '...'; a badge hides the red dot of its item.
        await page.evaluate(async () => {
          await wx.setTabBarBadge({ index: 0, text: 'hello' });
        });
        assert.deepEqual((await bar()).items[0], { label: 'Home', color: 'rgb(0, 0, 255)', badge: '...', dot: false });
        await page.evaluate(async () => {
          await wx.removeTabBarBadge({ index: 0 });
          await wx.removeTabBarBadge({ index: 1 });
        });
        assert.deepEqual(
          (await bar()).items.map((i) => [i.badge, i.dot]),
          [
            [null, true],
            [null, false],
          ],
        );
        await page.evaluate(() => wx.hideTabBarRedDot({ index: 0 }));
        assert.equal((await bar()).items[0].dot, false);
        assert.deepEqual(await page.evaluate(() => wx.hideTabBar()), { errMsg: 'hideTabBar:ok' });
        assert.equal(await visible(page, '.miniport-tabbar'), false);
        assert.deepEqual(await page.evaluate(() => wx.showTabBar()), { errMsg: 'showTabBar:ok' });
        assert.equal(await visible(page, '.miniport-tabbar'), true);
        assert.deepEqual(await outcome(page, () => wx.setTabBarBadge({ index: 5, text: '1' })), [
          'fail',
          { errMsg: 'setTabBarBadge:fail tabbar item not found' },
        ]);
        assert.deepEqual(await outcome(page, () => wx.showTabBarRedDot({})), [
          'fail',
          { errMsg: 'showTabBarRedDot:fail parameter error: parameter.index should be Number instead of Undefined;' },
        ]);
        await page.evaluate(() => wx.navigateTo({ url: '/pages/plain/plain' }));
        assert.equal(await visible(page, '.miniport-tabbar'), false);
        const fails = await page.evaluate(async () => {
          const calls = {
            setTabBarBadge: { index: 0, text: '1' },
            removeTabBarBadge: { index: 0 },
            showTabBarRedDot: { index: 0 },
            hideTabBarRedDot: { index: 0 },
            setTabBarItem: { index: 0, text: 'x' },
            setTabBarStyle: { color: '#000000' },
            hideTabBar: {},
            showTabBar: {},
          };
          const out = [];
          for (const [name, o] of Object.entries(calls))
            out.push(
              await wx[name](o).then(
                (r) => r.errMsg,
                (r) => r.errMsg,
              ),
            );
          return out;
        });
        assert.deepEqual(
          fails,
          [
            'setTabBarBadge',
            'removeTabBarBadge',
            'showTabBarRedDot',
            'hideTabBarRedDot',
            'setTabBarItem',
            'setTabBarStyle',
            'hideTabBar',
            'showTabBar',
          ].map((n) => `${n}:fail not TabBar page`),
        );
        await page.evaluate(() => wx.navigateBack());
        assert.deepEqual(
          (await bar()).items.map((i) => i.label),
          ['Home', 'Later'],
          'the bar kept its changes',
        );
        assert.deepEqual(
          (await postedSince(page, from)).filter(([n]) => !/header_color|back_button|bottom_bar/.test(n)),
          [],
          url,
        );
        assert.deepEqual(problems, []);
        await close();
      }
    },
  );

  test(
    'pageScrollTo by scrollTop and by selector (duration 0); nextTick runs after setData has '
      + 'drawn; SelectorQuery rects, scroll offset and dataset fields; IntersectionObserver fires '
      + 'when a box scrolls into view',
    async () => {
      const { page, problems, close } = await open(app.browser, tg(app.url));
      const out = await page.evaluate(async () => {
        const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const query = (build) => new Promise((resolve) => build(wx.createSelectorQuery()).exec(resolve));
        const home = getCurrentPages()[0];
        const log = [];
        home.setData({ n: 5 }, () => log.push(`setData callback ${document.querySelector('.count').textContent}`));
        wx.nextTick(() => log.push(`nextTick ${document.querySelector('.count').textContent}`));
        log.push(`sync ${document.querySelector('.count').textContent}`);
        await frame();
        const seen = [];
        wx.createIntersectionObserver(home)
          .relativeToViewport()
          .observe('#d', (r) =>
            seen.push({
              id: r.id,
              dataset: r.dataset,
              ratio: r.intersectionRatio,
              top: Math.round(r.boundingClientRect.top),
              time: typeof r.time,
            }),
          );
        await frame();
        const before = seen.length;
        const byTop = await wx.pageScrollTo({ scrollTop: 500, duration: 0 });
        await frame();
        const afterTop = document.querySelector('.miniport-pages').scrollTop;
        const rect = await query((q) =>
          q
            .select('#b')
            .boundingClientRect()
            .selectViewport()
            .scrollOffset()
            .selectAll('.box')
            .fields({ id: true, dataset: true, size: true }),
        );
        // WeChat measures rectangles from the window's corner, under the navigation bar.
        const win = document.querySelector('.miniport-window').getBoundingClientRect();
        const domB = document.querySelector('#b').getBoundingClientRect();
        const bySelector = await wx.pageScrollTo({ selector: '#c', duration: 0 });
        await frame();
        await frame();
        const barBottom = document.querySelector('.miniport-navbar').getBoundingClientRect().bottom;
        return {
          log,
          before,
          byTop: byTop.errMsg,
          afterTop,
          bySelector: bySelector.errMsg,
          cTop: document.querySelector('#c').getBoundingClientRect().top - barBottom,
          rect,
          domB: {
            left: domB.left - win.left,
            right: domB.right - win.left,
            top: domB.top - win.top,
            bottom: domB.bottom - win.top,
            width: domB.width,
            height: domB.height,
          },
          seen,
        };
      });
      assert.deepEqual(out.log, ['sync 0', 'setData callback 5', 'nextTick 5']);
      assert.equal(out.before, 0, 'an observed box out of view does not fire at first (initialRatio 0)');
      assert.equal(out.byTop, 'pageScrollTo:ok');
      assert.equal(out.afterTop, 500);
      assert.deepEqual(out.rect[0], { id: 'b', dataset: { name: 'b', index: 1 }, ...out.domB });
      assert.deepEqual(
        { ...out.rect[1], scrollHeight: undefined },
        { id: '', dataset: {}, scrollLeft: 0, scrollTop: 500, scrollWidth: 375, scrollHeight: undefined },
      );
      assert.ok(out.rect[1].scrollHeight > 1600, `scrollHeight ${out.rect[1].scrollHeight}`);
      assert.deepEqual(
        out.rect[2],
        ['a', 'b', 'c', 'd'].map((id, index) => ({ id, dataset: { name: id, index }, width: 355, height: 400 })),
      );
      assert.equal(out.bySelector, 'pageScrollTo:ok');
      assert.equal(Math.round(out.cTop), 0, '#c sits right under the navigation bar');
      assert.ok(out.seen.length >= 1);
      const last = out.seen.at(-1);
      assert.deepEqual(
        { ...last, ratio: last.ratio > 0, top: undefined },
        { id: 'd', dataset: { name: 'd', index: 3 }, ratio: true, top: undefined, time: 'number' },
      );
      assert.deepEqual(problems, []);
      await close();
    },
  );
  test(
    'createVideoContext plays, pauses and seeks the <video> of its id on a clip recorded in the '
      + 'page; bindplay/bindpause reach the page',
    async () => {
      const { page, problems, close } = await open(app.browser, tg(app.url));
      const from = await mark(page);
      const out = await page.evaluate(async () => {
        // A 1.2 s WebM of a changing canvas, recorded from captureStream.
        const canvas = document.createElement('canvas');
        canvas.width = 32;
        canvas.height = 24;
        const c2d = canvas.getContext('2d');
        const rec = new MediaRecorder(canvas.captureStream(30), { mimeType: 'video/webm' });
        const parts = [];
        rec.ondataavailable = (e) => parts.push(e.data);
        const stopped = new Promise((r) => {
          rec.onstop = r;
        });
        rec.start();
        for (let i = 0; i < 36; i++) {
          c2d.fillStyle = `hsl(${i * 10},80%,50%)`;
          c2d.fillRect(0, 0, 32, 24);
          await new Promise((r) => setTimeout(r, 33));
        }
        rec.stop();
        await stopped;
        const home = getCurrentPages()[0];
        home.setData({ videoSrc: URL.createObjectURL(new Blob(parts, { type: 'video/webm' })) });
        const video = await new Promise((r) => wx.nextTick(() => r(document.querySelector('#v video'))));
        await new Promise((r) => {
          if (video.readyState >= 1) r();
          else video.addEventListener('loadedmetadata', r, { once: true });
        });
        const until = (cond) =>
          new Promise((r) => {
            const t = setInterval(() => {
              if (cond()) {
                clearInterval(t);
                r();
              }
            }, 10);
          });
        const ctx = wx.createVideoContext('v');
        ctx.play();
        await until(() => !video.paused && video.currentTime > 0.1);
        const playing = !video.paused;
        ctx.pause();
        await until(() => home.media.includes('pause'));
        const paused = video.paused;
        ctx.seek(0.5);
        await until(() => !video.seeking && Math.abs(video.currentTime - 0.5) < 0.01);
        const seeked = video.currentTime;
        ctx.stop();
        wx.createVideoContext('nothing').play();
        return {
          playing,
          paused,
          seeked,
          stopped: [video.paused, video.currentTime],
          media: home.media,
          time: typeof home.lastTime,
        };
      });
      assert.deepEqual(out, {
        playing: true,
        paused: true,
        seeked: 0.5,
        stopped: [true, 0],
        media: ['play', 'pause'],
        time: 'number',
      });
      assert.deepEqual(await postedSince(page, from), []);
      assert.deepEqual(problems, []);
      await close();
    },
  );

  test(
    'getBackgroundAudioManager plays a WAV made in the page as soon as src is set: onPlay, '
      + 'onTimeUpdate, onPause; Media Session carries title and singer',
    async () => {
      for (const url of [tg(app.url), app.url]) {
        const { page, problems, close } = await open(app.browser, url);
        const from = await mark(page);
        const out = await page.evaluate(async (b64) => {
          const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
          const src = URL.createObjectURL(new Blob([bytes], { type: 'audio/wav' }));
          const bam = wx.getBackgroundAudioManager();
          const events = [];
          bam.onPlay(() => events.push('play'));
          bam.onTimeUpdate(() => {
            if (!events.includes('timeupdate')) events.push('timeupdate');
          });
          const paused = new Promise((r) =>
            bam.onPause(() => {
              events.push('pause');
              r();
            }),
          );
          bam.volume = 0;
          bam.title = 'Night song';
          bam.singer = 'Ann';
          bam.epname = 'Songs';
          bam.src = src;
          await new Promise((r) => {
            const t = setInterval(() => {
              if (events.includes('timeupdate') && bam.currentTime > 0.2) {
                clearInterval(t);
                r();
              }
            }, 10);
          });
          const playing = [bam.paused, bam.src === src, Math.round(bam.duration * 10) / 10];
          bam.pause();
          await paused;
          const m = navigator.mediaSession.metadata;
          return {
            events,
            playing,
            paused: bam.paused,
            same: wx.getBackgroundAudioManager() === bam,
            meta: [m.title, m.artist, m.album],
            fields: [bam.title, bam.singer],
          };
        }, wav(2));
        assert.deepEqual(out, {
          events: ['play', 'timeupdate', 'pause'],
          playing: [false, true, 2],
          paused: true,
          same: true,
          meta: ['Night song', 'Ann', 'Songs'],
          fields: ['Night song', 'Ann'],
        });
        assert.deepEqual(await postedSince(page, from), [], url);
        assert.deepEqual(problems, []);
        await close();
      }
    },
  );

  test(
    'sharing: showShareMenu records the menu and posts nothing; a share button asks '
      + 'onShareAppMessage and posts its title as an inline query in Telegram, hands it to Web Share '
      + 'in a browser, else copies its link',
    async () => {
      const { page, problems, close } = await open(app.browser, tg(app.url));
      const from = await mark(page);
      assert.deepEqual(
        await page.evaluate(() =>
          wx.showShareMenu({ withShareTicket: true, menus: ['shareAppMessage', 'shareTimeline'] }),
        ),
        { errMsg: 'showShareMenu:ok' },
      );
      assert.deepEqual(await page.evaluate(() => wx.hideShareMenu()), { errMsg: 'hideShareMenu:ok' });
      assert.deepEqual(await postedSince(page, from), []);
      await page.click('wx-button.share');
      await page.waitForFunction(() => window.__telegramEvents.some(([n]) => n === 'web_app_switch_inline_query'));
      assert.deepEqual(await page.evaluate(() => globalThis.__shareAsked), {
        from: 'button',
        target: { id: 'sharer', dataset: { item: 'tea' } },
      });
      assert.deepEqual(await postedSince(page, from), [
        ['web_app_switch_inline_query', { query: 'Tea for tea', chat_types: ['users', 'groups', 'channels'] }],
      ]);
      assert.deepEqual(problems, []);
      await close();
      const web = await open(app.browser, app.url, { share: true });
      await web.page.click('wx-button.share');
      await web.page.waitForFunction(() => window.__shared.length === 1);
      assert.deepEqual(await web.page.evaluate(() => window.__shared), [
        { title: 'Tea for tea', url: `${app.url}?mp=pages/home/home%3Ffrom%3Dshare` },
      ]);
      assert.deepEqual(await web.page.evaluate(() => window.__telegramEvents.filter(([n]) => /inline/.test(n))), []);
      // The shared link opens the page and query onShareAppMessage named.
      const opened = await open(app.browser, await web.page.evaluate(() => window.__shared[0].url));
      assert.deepEqual(
        await opened.page.evaluate(() => {
          const p = getCurrentPages().at(-1);
          return [p.route, p.options];
        }),
        ['pages/home/home', { from: 'share' }],
      );
      await opened.close();
      assert.deepEqual(web.problems, []);
      await web.close();
      // Without a share sheet (headless Chromium has none) the link is copied and a toast says so.
      const plain = await open(app.browser, app.url);
      await plain.ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
      assert.equal(await plain.page.evaluate(() => typeof navigator.share), 'undefined');
      await plain.page.click('wx-button.share');
      await plain.page.waitForSelector('.miniport-toast:not([hidden])');
      assert.equal(
        await plain.page.evaluate(() => navigator.clipboard.readText()),
        `${app.url}?mp=pages/home/home%3Ffrom%3Dshare`,
      );
      assert.equal(await plain.page.textContent('.miniport-toast-title'), '链接已复制');
      assert.deepEqual(plain.problems, []);
      await plain.close();
    },
  );

  test(
    'wx.cloud with an HTTP endpoint: callFunction POSTs name and data (with "tma <initData>" in '
      + 'Telegram) and resolves { result }; an error status fails; without an endpoint it fails clearly',
    async () => {
      seen.length = 0;
      for (const url of [tg(app.url), app.url]) {
        const { page, problems, close } = await open(app.browser, url, { csp: false });
        const from = await mark(page);
        const out = await page.evaluate(async (endpoint) => {
          wx.cloud.init({ env: 'prod-1', miniport: { endpoint: `${endpoint}/` } });
          const promised = await wx.cloud.callFunction({ name: 'add', data: { a: 1, b: 2 } });
          const called = await new Promise((resolve) =>
            wx.cloud.callFunction({
              name: 'add',
              data: { a: 5, b: 5 },
              success: (r) => resolve(['success', r]),
              fail: (r) => resolve(['fail', r]),
            }),
          );
          const broken = await wx.cloud.callFunction({ name: 'broken' }).catch((e) => e);
          const nameless = await wx.cloud.callFunction({}).catch((e) => e);
          return { env: wx.cloud.env, promised, called, broken, nameless };
        }, `${api}/fn`);
        assert.deepEqual(out, {
          env: 'prod-1',
          promised: { errMsg: 'cloud.callFunction:ok', result: { sum: 3 }, requestID: 'r-1' },
          called: ['success', { errMsg: 'cloud.callFunction:ok', result: { sum: 10 }, requestID: 'r-1' }],
          broken: { errMsg: 'cloud.callFunction:fail function broken answered 500' },
          nameless: { errMsg: 'cloud.callFunction:fail parameter.name should be String' },
        });
        assert.deepEqual(await postedSince(page, from), [], url);
        assert.deepEqual(
          problems.filter((p) => !/status of 500/.test(p)),
          [],
        );
        await close();
      }
      const auth = `tma ${initData}`;
      const call = (a, b) => ({
        method: 'POST',
        url: '/fn/add',
        type: 'application/json',
        body: { name: 'add', data: { a, b } },
      });
      assert.deepEqual(seen, [
        { ...call(1, 2), auth },
        { ...call(5, 5), auth },
        { method: 'POST', url: '/fn/broken', auth, type: 'application/json', body: { name: 'broken', data: {} } },
        { ...call(1, 2), auth: null },
        { ...call(5, 5), auth: null },
        { method: 'POST', url: '/fn/broken', auth: null, type: 'application/json', body: { name: 'broken', data: {} } },
      ]);
      const { page, close } = await open(app.browser, tg(app.url));
      const none = 'cloud is not available outside WeChat: set wx.cloud.callFunction in your API overrides';
      assert.deepEqual(await outcome(page, () => wx.cloud.callFunction({ name: 'add' })), [
        'fail',
        { errMsg: `cloud.callFunction:fail ${none}` },
      ]);
      assert.deepEqual(
        await outcome(page, () => {
          wx.cloud.init({ env: 'prod-1' });
          return wx.cloud.callFunction({ name: 'add' });
        }),
        ['fail', { errMsg: `cloud.callFunction:fail ${none}` }],
      );
      await close();
    },
  );

  test(
    'system info in a browser comes from its user agent and colour scheme; in Telegram the theme '
      + "follows Telegram's colours, also when they change",
    async () => {
      const iphone =
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148';
      const { page, problems, close } = await open(app.browser, app.url, { userAgent: iphone, colorScheme: 'dark' });
      const web = await page.evaluate(() => ({
        sys: wx.getSystemInfoSync(),
        win: wx.getWindowInfo(),
        device: wx.getDeviceInfo(),
        base: wx.getAppBaseInfo(),
      }));
      assert.deepEqual(web.device, {
        brand: 'web',
        model: web.device.model,
        system: 'ios 17.2',
        platform: 'ios',
        benchmarkLevel: -1,
        abi: '',
        deviceAbi: '',
        memorySize: '',
        CPUType: '',
      });
      assert.deepEqual(web.base, {
        SDKVersion: '3.4.0',
        enableDebug: false,
        host: { env: 'miniport' },
        language: web.base.language,
        version: '8.0.0',
        theme: 'dark',
        fontSizeSetting: 16,
      });
      assert.deepEqual(web.win, {
        pixelRatio: 1,
        screenWidth: 375,
        screenHeight: 720,
        windowWidth: 375,
        windowHeight: 720 - 44 - 51, // a tab page: the window is between the navigation bar and the tab bar
        statusBarHeight: 0,
        safeArea: { left: 0, right: 375, top: 0, bottom: 720, width: 375, height: 720 },
        screenTop: 0,
      });
      for (const k of [...Object.keys(web.win), ...Object.keys(web.device), ...Object.keys(web.base)])
        assert.deepEqual(web.sys[k], { ...web.win, ...web.device, ...web.base }[k], k);
      assert.deepEqual(problems, []);
      await close();
      // Telegram's light colours win over the browser's dark preference; theme_changed to dark colours follows.
      const inTg = await open(
        app.browser,
        tg(app.url, { platform: 'ios', theme: { bg_color: '#ffffff', text_color: '#000000' } }),
        { userAgent: iphone, colorScheme: 'dark' },
      );
      const themes = await inTg.page.evaluate(async () => {
        const before = [wx.getAppBaseInfo().theme, wx.getSystemInfoSync().theme];
        window.Telegram.WebView.receiveEvent('theme_changed', {
          theme_params: { bg_color: '#17212b', text_color: '#f5f5f5' },
        });
        await new Promise((r) => setTimeout(r, 0));
        return [...before, wx.getAppBaseInfo().theme, (await wx.getSystemInfo()).theme];
      });
      assert.deepEqual(themes, ['light', 'light', 'dark', 'dark']);
      assert.equal(await inTg.page.evaluate(() => wx.getDeviceInfo().platform), 'ios');
      await inTg.close();
    },
  );
});
