// Media, canvas, files and animation APIs in Chromium on fixtures/api-media: the old CanvasContext drawn and
// read back, canvasToTempFilePath, an audio context's events on a generated WAV, chooseImage through the file
// chooser, previewImage, the file system on IndexedDB across a reload, and an exported animation played.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserAvailable, openApp, servedApp, wav } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';

// A 2×1 PNG (red, blue).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEUlEQVR4nGP4z8DAwMDAwAAAEAYCAUQbxrAAAAAASUVORK5CYII=',
  'base64',
);

describe('media APIs in Chromium', { skip }, () => {
  const app = servedApp('api-media');

  test(
    'createCanvasContext draws on the canvas at draw(); pixels read back; canvasToTempFilePath '
      + 'gives a PNG blob: URL',
    async () => {
      const { page, problems } = await openApp(app.browser, app.url);
      await page.waitForSelector('wx-canvas canvas');
      const out = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const ctx = wx.createCanvasContext('pic');
            ctx.setFillStyle('#ff0000');
            ctx.fillRect(0, 0, 10, 10);
            const g = ctx.createLinearGradient(20, 0, 30, 0);
            g.addColorStop(0, '#0000ff');
            g.addColorStop(1, '#0000ff');
            ctx.setFillStyle(g);
            ctx.fillRect(20, 0, 10, 10);
            const canvas = document.querySelector('wx-canvas canvas');
            const before = Array.from(canvas.getContext('2d').getImageData(5, 5, 1, 1).data);
            ctx.draw(false, async () => {
              const c2d = canvas.getContext('2d');
              const red = Array.from(c2d.getImageData(5, 5, 1, 1).data);
              const blue = Array.from(c2d.getImageData(25, 5, 1, 1).data);
              const data = await wx.canvasGetImageData({ canvasId: 'pic', x: 5, y: 5, width: 1, height: 1 });
              const file = await wx.canvasToTempFilePath({ canvasId: 'pic' });
              const { tempBlob } = await import(new URL('miniport/core/wxfile.js', document.baseURI).href);
              const info = await wx.getImageInfo({ src: file.tempFilePath });
              resolve({
                before,
                red,
                blue,
                got: [data.errMsg, Array.from(data.data)],
                file: [file.errMsg, tempBlob(file.tempFilePath).type, info.width, info.type],
              });
            });
          }),
      );
      assert.deepEqual(out.before, [0, 0, 0, 0], 'nothing is drawn before draw()');
      assert.deepEqual(out.red, [255, 0, 0, 255]);
      assert.deepEqual(out.blue, [0, 0, 255, 255]);
      assert.deepEqual(out.got, ['canvasGetImageData:ok', [255, 0, 0, 255]]);
      assert.deepEqual(out.file, ['canvasToTempFilePath:ok', 'image/png', 300, 'png']);
      assert.deepEqual(problems, []);
    },
  );

  test(
    'createInnerAudioContext: onCanplay, onPlay, onTimeUpdate, onPause, onStop, onEnded on a WAV; '
      + 'duration and paused',
    async () => {
      const { page } = await openApp(app.browser, app.url);
      const seen = await page.evaluate(
        (b64) =>
          new Promise((resolve) => {
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const audio = wx.createInnerAudioContext();
            const events = [];
            audio.volume = 0;
            audio.onCanplay(() => {
              if (!events.includes('canplay')) {
                events.push('canplay');
                audio.play();
              }
            });
            audio.onPlay(() => events.push('play'));
            audio.onTimeUpdate(() => {
              if (!events.includes('timeupdate')) events.push('timeupdate');
            });
            audio.onPause(() => events.push('pause'));
            audio.onStop(() => events.push('stop'));
            audio.onEnded(() => {
              events.push('ended');
              const dur = Math.round(audio.duration * 10) / 10;
              audio.stop();
              resolve({ events, dur, paused: audio.paused, time: audio.currentTime });
            });
            audio.src = URL.createObjectURL(new Blob([bytes], { type: 'audio/wav' }));
          }),
        wav(),
      );
      assert.deepEqual(
        seen.events.filter((e) => e !== 'pause'),
        ['canplay', 'play', 'timeupdate', 'ended', 'stop'],
      );
      assert.equal(seen.dur, 0.5);
      assert.equal(seen.paused, true);
      assert.equal(seen.time, 0);
    },
  );

  test('chooseImage on a tap opens the file chooser; results are blob: URLs with sizes', async () => {
    const { page } = await openApp(app.browser, app.url);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('wx-view.pick')]);
    assert.equal(chooser.isMultiple(), true);
    await chooser.setFiles([
      { name: 'a.png', mimeType: 'image/png', buffer: PNG },
      { name: 'b.png', mimeType: 'image/png', buffer: PNG },
    ]);
    await page.waitForFunction(() => getCurrentPages()[0].picked);
    const res = await page.evaluate(async () => {
      const r = getCurrentPages()[0].picked;
      const info = await wx.getImageInfo({ src: r.tempFilePaths[0] });
      return {
        errMsg: r.errMsg,
        paths: r.tempFilePaths.map((p) => p.slice(0, 5)),
        sizes: r.tempFiles.map((f) => f.size),
        same: r.tempFiles[0].path === r.tempFilePaths[0],
        info: [info.errMsg, info.width, info.height, info.type, info.orientation],
      };
    });
    assert.deepEqual(res, {
      errMsg: 'chooseImage:ok',
      paths: ['blob:', 'blob:'],
      sizes: [PNG.length, PNG.length],
      same: true,
      info: ['getImageInfo:ok', 2, 1, 'png', 'up'],
    });
  });

  test('previewImage shows the current url full screen; arrows move between urls; a tap closes it', async () => {
    const { page } = await openApp(app.browser, app.url);
    const urls = [
      `data:image/png;base64,${PNG.toString('base64')}`,
      'data:image/gif;base64,R0lGODlhAQABAAAAACw=',
      `data:image/png;base64,${PNG.toString('base64')}#3`,
    ];
    assert.deepEqual(await page.evaluate((u) => wx.previewImage({ urls: u, current: u[1] }), urls), {
      errMsg: 'previewImage:ok',
    });
    const state = () =>
      page.evaluate(() => ({
        src: document.querySelector('.mp-preview-image img').src.slice(-4),
        label: document.querySelector('.mp-preview-index').textContent,
      }));
    assert.deepEqual(await state(), { src: urls[1].slice(-4), label: '2/3' });
    await page.keyboard.press('ArrowRight');
    assert.deepEqual(await state(), { src: urls[2].slice(-4), label: '3/3' });
    await page.keyboard.press('ArrowRight');
    assert.equal((await state()).label, '1/3');
    await page.mouse.click(50, 50);
    assert.equal(await page.$('.mp-preview-image'), null);
  });

  test(
    'files written with getFileSystemManager persist in IndexedDB across a reload; <image> can '
      + 'show a wxfile:// through resolveWxfile',
    async () => {
      const { page } = await openApp(app.browser, app.url);
      await page.evaluate(async (b64) => {
        const fs = wx.getFileSystemManager();
        await fs.mkdir({ dirPath: `${wx.env.USER_DATA_PATH}/pics`, recursive: true });
        await fs.writeFile({ filePath: `${wx.env.USER_DATA_PATH}/pics/p.png`, data: b64, encoding: 'base64' });
      }, PNG.toString('base64'));
      await page.reload();
      await page.waitForFunction(() => document.documentElement.dataset.miniportReady === 'true');
      const res = await page.evaluate(async () => {
        const fs = wx.getFileSystemManager();
        const read = await fs.readFile({ filePath: 'wxfile://usr/pics/p.png', encoding: 'base64' });
        const { resolveWxfile } = await import(new URL('miniport/core/wxfile.js', document.baseURI).href);
        const info = await wx.getImageInfo({ src: 'wxfile://usr/pics/p.png' });
        return {
          len: read.data.length,
          sync: fs.readdirSync('wxfile://usr/pics'),
          url: (await resolveWxfile('wxfile://usr/pics/p.png')).slice(0, 5),
          size: [info.width, info.height],
        };
      });
      assert.deepEqual(res, { len: PNG.toString('base64').length, sync: ['p.png'], url: 'blob:', size: [2, 1] });
    },
  );

  test('an exported animation plays on an element and leaves it in its last state', async () => {
    const { page } = await openApp(app.browser, app.url);
    const style = await page.evaluate(async () => {
      const { applyAnimation } = await import(new URL('miniport/core/animation.js', document.baseURI).href);
      const a = wx.createAnimation({ duration: 20 });
      a.translateX(40).opacity(0.5).step().width(80).step({ duration: 10 });
      const el = document.querySelector('wx-view.box');
      await applyAnimation(el, a.export());
      const cs = getComputedStyle(el);
      return { transform: cs.transform, opacity: cs.opacity, width: cs.width };
    });
    assert.deepEqual(style, { transform: 'matrix(1, 0, 0, 1, 40, 0)', opacity: '0.5', width: '80px' });
  });
});
