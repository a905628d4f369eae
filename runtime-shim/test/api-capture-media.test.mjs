// Media helper APIs in jsdom: checkDeviceSupportHevc from canPlayType/MediaSource, previewMedia's viewer
// (images and videos, moving, closing), choosePoi's sheet (precise place, city only, no location, cancel,
// refused location), and the parameter failures of getVideoInfo, cropImage and previewMedia.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { captureApis } from '../src/api/capture/index.js';
import { toGcj02 } from '../src/api/media/gcj02.js';
import { readAuth } from '../src/api/core/permission.js';

const tick = () => new Promise((r) => setTimeout(r, 0));

function page() {
  const win = new JSDOM('<!doctype html><body></body>', { url: 'https://app.test/', pretendToBeVisual: true }).window;
  return { win, wx: captureApis({ win }) };
}

const until = async (fn) => {
  for (let i = 0; i < 100 && !fn(); i++) await tick();
  return fn();
};

test(
  'checkDeviceSupportHevc answers false when the browser cannot play H.265, true when canPlayType '
    + 'or MediaSource says it can',
  async () => {
    const { win, wx } = page();
    assert.deepEqual(await wx.checkDeviceSupportHevc(), { errMsg: 'checkDeviceSupportHevc:ok', supportHevc: false });
    const asked = [];
    win.HTMLMediaElement.prototype.canPlayType = (t) => {
      asked.push(t);
      return /hvc1/.test(t) ? 'probably' : '';
    };
    const res = await new Promise((resolve) => wx.checkDeviceSupportHevc({ success: resolve }));
    assert.equal(res.supportHevc, true);
    assert.match(asked[0], /^video\/mp4; codecs="hvc1/);
    const other = page();
    other.win.MediaSource = { isTypeSupported: (t) => /hev1/.test(t) };
    assert.equal((await other.wx.checkDeviceSupportHevc()).supportHevc, true);
  },
);

test(
  'previewMedia shows the current source full screen (a video with controls and poster), arrows '
    + 'move, a tap on an image or Escape closes it',
  async () => {
    const { win, wx } = page();
    const doc = win.document;
    const res = await wx.previewMedia({
      sources: [{ url: 'https://cdn.test/a.png' }, { url: '/clip.mp4', type: 'video', poster: '/poster.png' }],
      current: 1,
    });
    assert.deepEqual(res, { errMsg: 'previewMedia:ok' });
    const box = doc.querySelector('.mp-preview-image');
    let video = box.querySelector('video');
    assert.equal(video.src, 'https://app.test/clip.mp4');
    assert.equal(video.poster, 'https://app.test/poster.png');
    assert.equal(video.controls, true);
    assert.equal(box.querySelector('.mp-preview-index').textContent, '2/2');
    // A tap on the video is for its controls: the viewer stays.
    video.dispatchEvent(new win.MouseEvent('pointerdown', { bubbles: true, clientX: 10 }));
    video.dispatchEvent(new win.MouseEvent('pointerup', { bubbles: true, clientX: 10 }));
    assert.ok(doc.querySelector('.mp-preview-image'));
    doc.dispatchEvent(new win.KeyboardEvent('keydown', { key: 'ArrowRight' }));
    assert.equal(box.querySelector('img').src, 'https://cdn.test/a.png');
    assert.equal(box.querySelector('video'), null);
    assert.equal(box.querySelector('.mp-preview-index').textContent, '1/2');
    const img = box.querySelector('img');
    img.dispatchEvent(new win.MouseEvent('pointerdown', { bubbles: true, clientX: 10 }));
    img.dispatchEvent(new win.MouseEvent('pointerup', { bubbles: true, clientX: 10 }));
    assert.equal(doc.querySelector('.mp-preview-image'), null);

    await wx.previewMedia({ sources: [{ url: '/one.mp4', type: 'video' }] });
    video = doc.querySelector('.mp-preview-image video');
    assert.equal(doc.querySelector('.mp-preview-index').textContent, '');
    doc.dispatchEvent(new win.KeyboardEvent('keydown', { key: 'Escape' }));
    assert.equal(doc.querySelector('.mp-preview-image'), null);
  },
);

test('previewMedia, getVideoInfo and cropImage fail on missing or wrong parameters', async () => {
  const { wx } = page();
  await assert.rejects(wx.previewMedia({ sources: [] }), {
    errMsg: 'previewMedia:fail parameter error: parameter.sources should be a non-empty Array',
  });
  await assert.rejects(wx.getVideoInfo({}), {
    errMsg: 'getVideoInfo:fail parameter error: parameter.src should be String',
  });
  await assert.rejects(wx.cropImage({ src: '/a.png', cropScale: '2:1' }), {
    errMsg: 'cropImage:fail parameter error: parameter.cropScale should be one of 16:9, 9:16, 4:3, 3:4, 5:4, 4:5, 1:1',
  });
  await assert.rejects(wx.cropImage({ cropScale: '1:1' }), {
    errMsg: 'cropImage:fail parameter error: parameter.src should be String',
  });
});

function withPosition(win, coords) {
  Object.defineProperty(win.navigator, 'geolocation', {
    configurable: true,
    value: {
      getCurrentPosition: (ok, no) =>
        setTimeout(() => (coords ? ok({ coords }) : no({ code: 1, PERMISSION_DENIED: 1, message: 'denied' }))),
    },
  });
}

test(
  'choosePoi asks for the position, then its sheet gives a named place (type 2, GCJ-02), a city '
    + 'only (type 1), no location (type 0), or cancel',
  async () => {
    const { win, wx } = page();
    const doc = win.document;
    withPosition(win, { latitude: 39.9, longitude: 116.4, accuracy: 5 });
    const sheet = () => doc.querySelector('.mp-choose-poi');

    let pending = wx.choosePoi();
    await until(sheet);
    const f = sheet().querySelector('form').elements;
    f.name.value = 'Tea house';
    f.address.value = '1 Main St';
    f.city.value = 'Beijing';
    sheet()
      .querySelector('form')
      .dispatchEvent(new win.Event('submit', { cancelable: true }));
    const g = toGcj02(39.9, 116.4);
    assert.deepEqual(await pending, {
      errMsg: 'choosePoi:ok',
      type: 2,
      city: 'Beijing',
      name: 'Tea house',
      address: '1 Main St',
      latitude: g.latitude,
      longitude: g.longitude,
    });
    assert.equal(sheet(), null);
    assert.equal(readAuth(win)['scope.userLocation'], true);

    pending = wx.choosePoi();
    await until(sheet);
    sheet().querySelector('form').elements.city.value = 'Shanghai';
    sheet().querySelector('[name=cityOnly]').click();
    assert.deepEqual(await pending, { errMsg: 'choosePoi:ok', type: 1, city: 'Shanghai' });

    pending = wx.choosePoi();
    await until(sheet);
    sheet().querySelector('[name=none]').click();
    assert.deepEqual(await pending, { errMsg: 'choosePoi:ok', type: 0 });

    pending = wx.choosePoi();
    await until(sheet);
    sheet().querySelector('[name=cancel]').click();
    await assert.rejects(pending, { errMsg: 'choosePoi:fail cancel' });
    assert.equal(sheet(), null);
  },
);

test('choosePoi fails with auth deny when the position is refused, and remembers it', async () => {
  const { win, wx } = page();
  withPosition(win, null);
  await assert.rejects(wx.choosePoi(), { errMsg: 'choosePoi:fail auth deny' });
  assert.equal(readAuth(win)['scope.userLocation'], false);
  assert.equal(win.document.querySelector('.mp-choose-poi'), null);
});

test('the deferred capture name lists are exactly what their modules define', async () => {
  const { DEFERRED_CAPTURE } = await import('../src/api/capture/index.js');
  const audio = (await import('../src/api/capture/audio.js')).default({});
  const media = (await import('../src/api/capture/media.js')).default({});
  assert.deepEqual(Object.keys(audio).sort(), [...DEFERRED_CAPTURE.audio].sort());
  assert.deepEqual(Object.keys(media).sort(), [...DEFERRED_CAPTURE.media].sort());
});
