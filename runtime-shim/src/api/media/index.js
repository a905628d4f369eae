// miniport runtime: the wx.* APIs of the second API group (media, files, location, canvas, animation, worklet,
// cloud); see api/index.js.
import { fileApis } from './files.js';
import { canvasApis } from './canvas.js';
import { createAnimation } from '../../core/animation.js';
import { worklet } from '../../framework/worklet.js';
import { cloudApi } from './cloud.js';
import { deferred, lazyApis, lazyObject } from '../../core/lazy.js';

// What an audio context answers before its code has loaded (WeChat's defaults).
const AUDIO = {
  src: '',
  startTime: 0,
  autoplay: false,
  loop: false,
  volume: 1,
  playbackRate: 1,
  obeyMuteSwitch: true,
  referrerPolicy: '',
  duration: 0,
  currentTime: 0,
  paused: true,
  buffered: 0,
};
const BACKGROUND_AUDIO = [
  'setInnerAudioOption',
  'playBackgroundAudio',
  'pauseBackgroundAudio',
  'stopBackgroundAudio',
  'seekBackgroundAudio',
  'getBackgroundAudioPlayerState',
  'onBackgroundAudioPlay',
  'onBackgroundAudioPause',
  'onBackgroundAudioStop',
];

/** APIs whose code loads on first call, by module (a test keeps these lists equal to the modules' exports). */
export const DEFERRED_MEDIA = {
  media: [
    'chooseImage',
    'chooseMedia',
    'chooseVideo',
    'chooseMessageFile',
    'previewImage',
    'getImageInfo',
    'compressImage',
    'saveImageToPhotosAlbum',
    'saveVideoToPhotosAlbum',
  ],
  mediaObjects: ['createVideoContext', 'createCameraContext', 'createLivePlayerContext'],
  location: [
    'getLocation',
    'getFuzzyLocation',
    'openLocation',
    'chooseLocation',
    'startLocationUpdate',
    'stopLocationUpdate',
    'onLocationChange',
    'offLocationChange',
    'onLocationChangeError',
    'offLocationChangeError',
  ],
};

/** The media APIs (media.js): the choosers and savers on first call, the contexts as stand-ins until then. */
function deferredMedia(ctx) {
  let group = null;
  const media = deferred(
    () => (group ||= import('./media.js').then((m) => m.mediaFileApis(ctx))),
    DEFERRED_MEDIA.mediaObjects,
  );
  const objects = Object.fromEntries(
    DEFERRED_MEDIA.mediaObjects.map((name) => [name, (...args) => lazyObject(media, (g) => g[name](...args))]),
  );
  return { ...objects, ...lazyApis(ctx, () => media().then((g) => ({ default: () => g })), DEFERRED_MEDIA.media) };
}

/** The audio APIs, their code (audio.js) loaded on first use. */
function deferredAudio(ctx) {
  let group = null;
  const audio = deferred(
    () => (group ||= import('./audio.js').then((m) => m.audioApis(ctx))),
    ['createInnerAudioContext', 'getBackgroundAudioManager'],
  );
  let background = null;
  return {
    createInnerAudioContext: () => lazyObject(audio, (g) => g.createInnerAudioContext(), AUDIO),
    getBackgroundAudioManager: () =>
      (background ||= lazyObject(audio, (g) => g.getBackgroundAudioManager(), {
        ...AUDIO,
        title: '',
        epname: '',
        singer: '',
        coverImgUrl: '',
        webUrl: '',
        protocol: 'http',
      })),
    ...lazyApis(ctx, () => audio().then((g) => ({ default: () => g })), BACKGROUND_AUDIO),
  };
}

/**
 * The APIs this group implements, as `{ name: function }`. `ctx` is `{ bridge, router, fw,
 * config, win }`; any of bridge/router/fw may be missing (the render tool's host has no router
 * and no Telegram), and an API must then still work or fail clearly.
 * @param {MpApiContext} [ctx]
 * @returns {MpApiTable}
 */
export function mediaApis(ctx = {}) {
  return Object.assign(
    { createAnimation, worklet, cloud: cloudApi(ctx) },
    fileApis(ctx),
    deferredMedia(ctx),
    deferredAudio(ctx),
    canvasApis(ctx),
    lazyApis(ctx, () => import('./location.js').then((m) => ({ default: m.locationApis })), DEFERRED_MEDIA.location),
  );
}
