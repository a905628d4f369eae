// Recording and media helper APIs in Chromium (fake microphone, no prompts) on fixtures/api-capture: the recorder
// manager's frames and a playable recording, startRecord/stopRecord, a canvas recorded by createMediaRecorder and
// read back by getVideoInfo, a WAV decoded and played by createWebAudioContext, previewMedia, cropImage and
// checkDeviceSupportHevc.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserAvailable, openApp, servedApp, wav } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';
const FLAGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];

describe('capture APIs in Chromium', { skip }, () => {
  const app = servedApp('api-capture', [], FLAGS);

  test(
    'getRecorderManager: onStart, onFrameRecorded frames of frameSize, onStop with a recording '
      + 'that decodes and plays; getAvailableAudioSources',
    async () => {
      const { page, problems } = await openApp(app.browser, app.url);
      const out = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const rm = wx.getRecorderManager();
            const events = [];
            const frames = [];
            rm.onStart(() => events.push('start'));
            rm.onError((e) => resolve({ error: e.errMsg }));
            rm.onFrameRecorded((f) => {
              frames.push([f.frameBuffer instanceof ArrayBuffer, f.frameBuffer.byteLength, f.isLastFrame]);
              if (frames.length === 2) rm.stop();
            });
            rm.onStop(async (res) => {
              events.push('stop');
              const { tempBlob } = await import(new URL('miniport/core/wxfile.js', document.baseURI).href);
              const blob = tempBlob(res.tempFilePath);
              const decoded = await new AudioContext().decodeAudioData(await blob.arrayBuffer());
              const audio = new Audio(res.tempFilePath);
              const played = await audio.play().then(
                () => true,
                (e) => String(e),
              );
              audio.pause();
              const sources = await wx.getAvailableAudioSources();
              resolve({
                events,
                frames,
                path: res.tempFilePath.slice(0, 5),
                size: res.fileSize === blob.size && blob.size > 0,
                type: blob.type,
                duration: res.duration > 0,
                decoded: decoded.duration > 0,
                played,
                sources,
              });
            });
            rm.start({ frameSize: 2, format: 'aac' });
          }),
      );
      assert.equal(out.error, undefined);
      assert.deepEqual(out.events, ['start', 'stop']);
      assert.deepEqual(
        out.frames.slice(0, 2).map(([isBuffer, , last]) => [isBuffer, last]),
        [
          [true, false],
          [true, false],
        ],
      );
      assert.ok(
        out.frames.slice(0, 2).every(([, bytes]) => bytes >= 2048),
        JSON.stringify(out.frames),
      );
      assert.equal(out.frames.at(-1)[2], true, 'the last frame comes before onStop');
      assert.equal(out.path, 'blob:');
      assert.ok(out.size);
      assert.match(out.type, /^audio\/(webm|mp4)/);
      assert.ok(out.duration, 'onStop has a duration');
      assert.ok(out.decoded, 'the recording decodes to audio with a duration');
      assert.equal(out.played, true);
      assert.equal(out.sources.errMsg, 'getAvailableAudioSources:ok');
      assert.ok(out.sources.audioSources.includes('auto'));
      assert.deepEqual(problems, []);
    },
  );

  test('startRecord succeeds with a recording when stopRecord is called', async () => {
    const { page } = await openApp(app.browser, app.url);
    const out = await page.evaluate(async () => {
      const pending = wx.startRecord();
      await new Promise((r) => setTimeout(r, 400));
      const stopped = await wx.stopRecord();
      const res = await pending;
      const { tempBlob } = await import(new URL('miniport/core/wxfile.js', document.baseURI).href);
      const decoded = await new AudioContext().decodeAudioData(await tempBlob(res.tempFilePath).arrayBuffer());
      return { stopped: stopped.errMsg, started: res.errMsg, decoded: decoded.duration > 0 };
    });
    assert.deepEqual(out, { stopped: 'stopRecord:ok', started: 'startRecord:ok', decoded: true });
  });

  test(
    'createMediaRecorder records frames drawn on a canvas; getVideoInfo reads the video back '
      + '(size, type, duration, bitrate)',
    async () => {
      const { page, problems } = await openApp(app.browser, app.url);
      const out = await page.evaluate(async () => {
        const canvas = document.createElement('canvas');
        canvas.width = 64;
        canvas.height = 48;
        document.body.appendChild(canvas);
        const c2d = canvas.getContext('2d');
        const recorder = wx.createMediaRecorder(canvas, { fps: 30 });
        const heard = [];
        recorder.on('start', () => heard.push('start'));
        recorder.on('stop', (r) => heard.push(['stop', r.fileSize > 0]));
        await recorder.start();
        for (let i = 0; i < 30; i++) {
          await recorder.requestFrame(() => {
            c2d.fillStyle = `hsl(${i * 12},80%,50%)`;
            c2d.fillRect(0, 0, 64, 48);
          });
        }
        const res = await recorder.stop();
        const info = await wx.getVideoInfo({ src: res.tempFilePath });
        return { heard, res: [res.tempFilePath.slice(0, 5), res.fileSize > 0, res.duration > 0], info };
      });
      assert.deepEqual(out.heard, ['start', ['stop', true]]);
      assert.deepEqual(out.res, ['blob:', true, true]);
      const { info } = out;
      assert.equal(info.errMsg, 'getVideoInfo:ok');
      assert.equal(info.width, 64);
      assert.equal(info.height, 48);
      assert.equal(info.type, 'webm');
      assert.equal(info.orientation, 'up');
      assert.ok(info.duration > 0 && Number.isFinite(info.duration), `duration ${info.duration}`);
      assert.ok(info.size > 0);
      assert.equal(typeof info.bitrate, 'number');
      assert.equal(
        await page.evaluate(() => wx.getVideoInfo({ src: 'data:video/webm;base64,AAAA' }).catch((e) => e.errMsg)),
        'getVideoInfo:fail invalid media file',
      );
      assert.deepEqual(problems, []);
    },
  );

  test('createWebAudioContext decodes an in-memory WAV and plays it to the end', async () => {
    const { page } = await openApp(app.browser, app.url);
    const out = await page.evaluate(
      (b64) =>
        new Promise((resolve) => {
          const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
          const ctx = wx.createWebAudioContext();
          ctx.decodeAudioData(
            bytes.buffer,
            (buffer) => {
              const source = ctx.createBufferSource();
              const gain = ctx.createGain();
              gain.gain.value = 0;
              source.buffer = buffer;
              source.connect(gain);
              gain.connect(ctx.destination);
              source.onended = () =>
                resolve({ duration: buffer.duration, state: ctx.state, time: ctx.currentTime > 0 });
              source.start();
            },
            (e) => resolve({ error: String(e) }),
          );
        }),
      wav(),
    );
    assert.deepEqual(out, { duration: 0.5, state: 'running', time: true });
  });

  test('previewMedia shows an image and a video full screen; arrows move between them; Escape closes it', async () => {
    const { page } = await openApp(app.browser, app.url);
    const res = await page.evaluate(async () => {
      const c = document.createElement('canvas');
      c.width = 20;
      c.height = 10;
      c.getContext('2d').fillRect(0, 0, 20, 10);
      const png = c.toDataURL('image/png');
      return wx.previewMedia({ sources: [{ url: png }, { url: 'clip.webm', type: 'video' }] });
    });
    assert.deepEqual(res, { errMsg: 'previewMedia:ok' });
    await page.waitForSelector('.mp-preview-image img');
    assert.equal(await page.textContent('.mp-preview-index'), '1/2');
    await page.keyboard.press('ArrowRight');
    assert.ok(await page.$('.mp-preview-image video[controls]'));
    assert.equal(await page.textContent('.mp-preview-index'), '2/2');
    await page.keyboard.press('Escape');
    assert.equal(await page.$('.mp-preview-image'), null);
  });

  test(
    'cropImage: the frame has the asked ratio, dragging it moves the crop, Done gives an image of '
      + 'that ratio; Cancel fails',
    async () => {
      const { page } = await openApp(app.browser, app.url, { width: 400, height: 700 });
      await page.evaluate(() => {
        // 200×100: left half red, right half blue.
        const c = document.createElement('canvas');
        c.width = 200;
        c.height = 100;
        const g = c.getContext('2d');
        g.fillStyle = '#f00';
        g.fillRect(0, 0, 100, 100);
        g.fillStyle = '#00f';
        g.fillRect(100, 0, 100, 100);
        window.__src = c.toDataURL('image/png');
        window.__crop = (cropScale) =>
          wx.cropImage({ src: window.__src, cropScale }).then(
            async (res) => {
              const info = await wx.getImageInfo({ src: res.tempFilePath });
              const img = await new Promise((r) => {
                const i = new Image();
                i.onload = () => r(i);
                i.src = res.tempFilePath;
              });
              const k = document.createElement('canvas');
              k.width = info.width;
              k.height = info.height;
              k.getContext('2d').drawImage(img, 0, 0);
              const px = Array.from(
                k.getContext('2d').getImageData(Math.floor(info.width / 2), Math.floor(info.height / 2), 1, 1).data,
              );
              return { errMsg: res.errMsg, width: info.width, height: info.height, centre: px };
            },
            (e) => e,
          );
      });
      let pending = page.evaluate(() => window.__crop('1:1'));
      await page.waitForSelector('.mp-crop-frame');
      const frame = await page.$('.mp-crop-frame');
      const stage = await (await page.$('.mp-crop-stage')).boundingBox();
      const box = await frame.boundingBox();
      assert.ok(Math.abs(box.width - box.height) < 2, `a square frame: ${box.width}×${box.height}`);
      assert.ok(Math.abs(box.width - stage.height) < 2, 'as large as the image allows');
      // Drag the frame to the left edge: the crop is then all red.
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x - stage.width, box.y + box.height / 2, { steps: 4 });
      await page.mouse.up();
      await page.click('.mp-crop-done');
      let out = await pending;
      assert.equal(out.errMsg, 'cropImage:ok');
      assert.deepEqual([out.width, out.height], [100, 100]);
      assert.ok(out.centre[0] > 200 && out.centre[2] < 50, `red at the centre: ${out.centre}`);
      assert.equal(await page.$('.mp-crop-image'), null);

      pending = page.evaluate(() => window.__crop('16:9'));
      await page.click('.mp-crop-done');
      out = await pending;
      assert.ok(Math.abs(out.width / out.height - 16 / 9) < 0.02, `${out.width}×${out.height}`);
      assert.equal(out.height, 100);

      pending = page.evaluate(() => window.__crop('3:4'));
      await page.click('.mp-crop-cancel');
      assert.deepEqual(await pending, { errMsg: 'cropImage:fail cancel' });
    },
  );

  test('checkDeviceSupportHevc answers a boolean', async () => {
    const { page } = await openApp(app.browser, app.url);
    const res = await page.evaluate(
      () => new Promise((resolve) => wx.checkDeviceSupportHevc({ success: resolve, fail: resolve })),
    );
    assert.equal(res.errMsg, 'checkDeviceSupportHevc:ok');
    assert.equal(typeof res.supportHevc, 'boolean');
  });
});
