// miniport runtime: the wx.* APIs of recording and media helpers (recorder, voice, audio contexts, video info, media
// preview, cropping, POI picker, map context); see api/index.js.
import { api, failure, settle } from '../../core/callback.js';
import { lazyApis } from '../../core/lazy.js';
import { findNode } from '../media/canvas.js';
import { resolveWxfile } from '../../core/wxfile.js';

/** APIs whose code loads on first call, by module (audio.js, media.js). */
export const DEFERRED_CAPTURE = {
  audio: ['startRecord', 'stopRecord', 'playVoice', 'pauseVoice', 'stopVoice', 'getAvailableAudioSources'],
  media: ['getVideoInfo', 'checkDeviceSupportHevc', 'previewMedia', 'cropImage', 'choosePoi'],
};
const RECORDER = [
  'start',
  'pause',
  'resume',
  'stop',
  ...['Start', 'Pause', 'Resume', 'Stop', 'FrameRecorded', 'Error', 'InterruptionBegin', 'InterruptionEnd'].map(
    (e) => `on${e}`,
  ),
];
// MapContext's methods (components/map-context.js implements them on the <map>).
const MAP_METHODS = [
  ...['getCenterLocation', 'setCenterOffset', 'getRegion', 'getScale', 'getRotate', 'getSkew'],
  ...['moveToLocation', 'includePoints', 'translateMarker', 'moveAlong', 'addMarkers', 'removeMarkers'],
  ...['toScreenLocation', 'fromScreenLocation', 'openMapApp', 'addCustomLayer', 'removeCustomLayer'],
  ...['addGroundOverlay', 'updateGroundOverlay', 'removeGroundOverlay', 'addVisualLayer', 'removeVisualLayer'],
  ...['executeVisualLayerCommand', 'eventListenerVisualLayer', 'setBoundary', 'initMarkerCluster', 'addArc'],
  ...['removeArc', 'setLocMarkerIcon'],
];
const MEDIA_RECORDER = ['start', 'stop', 'pause', 'resume', 'requestFrame', 'destroy', 'on', 'off'];

/**
 * An object with `names` as methods that WeChat answers synchronously: each call waits for
 * `build()` (a promise of the real object) and runs in call order, returning a promise of
 * the real method's result.
 */
function deferredObject(build, names) {
  let real = null;
  const get = () => {
    if (!real) (real = build()).catch((e) => console.error(e));
    return real;
  };
  return Object.fromEntries(
    names.map((k) => [
      k,
      (...args) => {
        const p = get().then((r) => r[k](...args));
        p.catch(() => {}); // a rejection is the caller's to handle, as in WeChat
        return p;
      },
    ]),
  );
}

/** An object whose methods fail with "<method>:fail <reason>" (promise or callbacks), listeners doing nothing. */
function unavailable(reason) {
  return new Proxy(
    {},
    {
      get: (t, key) => {
        if (typeof key !== 'string' || key === 'then' || key === 'toJSON') return undefined;
        if (key === 'on' || key === 'off') return () => {};
        return api(key, () => {
          throw failure(reason);
        });
      },
    },
  );
}

/**
 * The APIs this group implements, as `{ name: function }`. `ctx` is `{ bridge, router, fw,
 * config, win }`; any of bridge/router/fw may be missing, and an API must then still work or
 * fail clearly. Heavy code goes behind `lazyApis` (core/lazy.js).
 * @param {MpApiContext} [ctx]
 * @returns {MpApiTable}
 */
export function captureApis(ctx = {}) {
  const win = ctx.win || globalThis;
  let audio = null;
  const loadAudio = () => (audio ||= import('./audio.js'));
  let manager = null;
  return Object.assign(
    lazyApis(ctx, loadAudio, DEFERRED_CAPTURE.audio),
    lazyApis(ctx, () => import('./media.js'), DEFERRED_CAPTURE.media),
    {
      // WeChat's recorder manager is one for the whole app.
      getRecorderManager: () => (manager ||= deferredObject(() => loadAudio().then((m) => m.recorder(win)), RECORDER)),
      createMediaRecorder: (canvas, options) =>
        deferredObject(() => loadAudio().then((m) => m.mediaRecorder(win, canvas, options)), MEDIA_RECORDER),
      createWebAudioContext() {
        const AC = win.AudioContext || win.webkitAudioContext;
        if (typeof AC !== 'function') return unavailable('Web Audio is not available in this browser');
        const context = new AC();
        // Browsers start a context suspended until the user interacts; WeChat's plays at once.
        if (context.state === 'suspended' && win.document) {
          win.document.addEventListener(
            'pointerdown',
            () => {
              if (context.state === 'suspended') context.resume().catch(() => {});
            },
            { once: true, capture: true },
          );
        }
        return context;
      },
      // The old context of an <audio id> on the page (or in `component`).
      createAudioContext(id, component) {
        const run = (fn) => {
          const host = findNode(ctx, 'audio', 'id', id, component);
          const el = host && host.querySelector('audio');
          if (el) fn(el);
        };
        return {
          setSrc: (src) =>
            run((el) =>
              resolveWxfile(src).then((u) => {
                el.src = /^[a-z][\w+.-]*:/i.test(u) ? u : new URL(u.replace(/^\//, ''), win.document.baseURI).href;
              }),
            ),
          play: () =>
            run((el) => {
              const p = el.play();
              if (p && p.catch) p.catch(() => {});
            }),
          pause: () => run((el) => el.pause()),
          seek: (position) =>
            run((el) => {
              el.currentTime = Number(position) || 0;
            }),
        };
      },
      // The MapContext of the <map id> on the page (or in `component`), found at each call: it may be
      // created before the map renders. A map without a tile source has none: each method fails.
      createMapContext(id, component) {
        const target = () => {
          const host = findNode(ctx, 'map', 'id', id, component);
          return host && /** @type {any} */ (host).__mpContext;
        };
        /** @type {Record<string, Function>} */
        const context = {
          on: (event, callback) => {
            const c = target();
            if (c) c.on(event, callback);
          },
        };
        for (const name of MAP_METHODS)
          context[name] = (o) => {
            const c = target();
            if (c) return c[name](o);
            return settle(name, o, Promise.reject(failure(`map ${id} not found, or it has no tile source`)));
          };
        return context;
      },
    },
  );
}
