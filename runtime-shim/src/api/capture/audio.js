// miniport runtime: recording — RecorderManager (getUserMedia + MediaRecorder), startRecord/stopRecord, the voice APIs
// (playVoice/pauseVoice/stopVoice), getAvailableAudioSources, and the canvas MediaRecorder.
import { api, failure, paramError } from '../../core/callback.js';
import { guarded } from '../core/permission.js';
import { resolveWxfile, tempUrl } from '../../core/wxfile.js';

const RECORDER_EVENTS = [
  'Start',
  'Pause',
  'Resume',
  'Stop',
  'FrameRecorded',
  'Error',
  'InterruptionBegin',
  'InterruptionEnd',
];

function emitter() {
  const sets = new Map();
  return {
    add(name, cb) {
      if (typeof cb === 'function') {
        if (!sets.has(name)) sets.set(name, new Set());
        sets.get(name).add(cb);
      }
    },
    remove(name, cb) {
      if (cb) sets.get(name)?.delete(cb);
      else sets.delete(name);
    },
    emit(name, res) {
      for (const cb of [...(sets.get(name) || [])]) {
        try {
          cb(res);
        } catch (e) {
          console.error(e);
        }
      }
    },
  };
}

/** The first container `MediaRecorder` can write among `types`, or '' (the browser's default). */
function pickType(win, types) {
  const ok =
    win.MediaRecorder && typeof win.MediaRecorder.isTypeSupported === 'function'
      ? win.MediaRecorder.isTypeSupported
      : () => false;
  return types.find((t) => ok(t)) || '';
}

const resolveUrl = (win, src) =>
  resolveWxfile(src).then((u) =>
    /^[a-z][\w+.-]*:/i.test(u) ? u : new URL(u.replace(/^\//, ''), win.document.baseURI).href,
  );

/**
 * A RecorderManager over getUserMedia and MediaRecorder. WeChat's mp3/aac/wav become what the
 * browser records (audio/mp4 when asked for aac/mp3 and available, else webm/opus); with
 * `frameSize` (KB) the recorded bytes come to onFrameRecorded in pieces of at least that size.
 * Errors reach onError as `{ errMsg: 'operateRecorder:fail …' }`.
 * @param {MpWindow} win
 * @returns {Record<string, (...args: any[]) => any>} the RecorderManager
 */
export function recorder(win) {
  const ev = emitter();
  const self = {};
  for (const n of RECORDER_EVENTS) self[`on${n}`] = (cb) => ev.add(n, cb);
  let state = 'idle'; // starting | recording | paused
  let rec = null;
  let stopEarly = false;
  let clock = 0; // when recording last (re)started
  let elapsed = 0; // ms recorded before that
  let limit = 60000;
  let timer = null;
  const now = () => (win.performance ? win.performance.now() : Date.now());
  const error = (reason) => ev.emit('Error', { errMsg: `operateRecorder:fail ${reason}` });
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => self.stop(), Math.max(0, limit - elapsed));
  };

  self.start = (o = {}) => {
    if (state !== 'idle') return error('is recording or paused');
    const md = win.navigator && win.navigator.mediaDevices;
    if (!md || typeof md.getUserMedia !== 'function' || typeof win.MediaRecorder !== 'function')
      return error('recording is not supported in this browser');
    state = 'starting';
    stopEarly = false;
    limit = Math.min(600000, Number(o.duration) > 0 ? Number(o.duration) : 60000);
    const frameBytes = Number(o.frameSize) > 0 ? Number(o.frameSize) * 1024 : 0;
    const audio = { channelCount: { ideal: Number(o.numberOfChannels) || 2 } };
    if (Number(o.sampleRate) > 0) audio.sampleRate = { ideal: Number(o.sampleRate) };
    guarded(win, 'scope.record', () => md.getUserMedia({ audio })).then(
      (stream) => {
        const tracks = stream.getTracks();
        if (state !== 'starting') {
          tracks.forEach((t) => t.stop());
          return;
        }
        const aac = /^(aac|mp3|m4a)$/i.test(o.format || 'aac');
        const mimeType = pickType(
          win,
          aac
            ? ['audio/mp4', 'audio/webm;codecs=opus', 'audio/webm']
            : ['audio/webm;codecs=opus', 'audio/webm', 'audio/mp4'],
        );
        const options = {};
        if (mimeType) options.mimeType = mimeType;
        if (Number(o.encodeBitRate) > 0) options.audioBitsPerSecond = Number(o.encodeBitRate);
        rec = new win.MediaRecorder(stream, options);
        const chunks = [];
        let pending = []; // bytes not yet given to onFrameRecorded
        let pendingSize = 0;
        let frames = Promise.resolve();
        const frame = (last) => {
          if (!last && pendingSize < frameBytes) return;
          const blob = new win.Blob(pending);
          pending = [];
          pendingSize = 0;
          frames = frames
            .then(() => blob.arrayBuffer())
            .then((frameBuffer) => ev.emit('FrameRecorded', { frameBuffer, isLastFrame: last }));
        };
        rec.ondataavailable = (e) => {
          if (!e.data || !e.data.size) return;
          chunks.push(e.data);
          if (!frameBytes) return;
          pending.push(e.data);
          pendingSize += e.data.size;
          frame(false);
        };
        rec.onstart = () => {
          state = 'recording';
          clock = now();
          elapsed = 0;
          arm();
          ev.emit('Start', {});
          if (stopEarly) self.stop();
        };
        rec.onpause = () => ev.emit('Pause', {});
        rec.onresume = () => ev.emit('Resume', {});
        rec.onerror = (e) => error(`record error ${(e && e.error && e.error.message) || ''}`.trim());
        rec.onstop = () => {
          clearTimeout(timer);
          const duration = Math.round(elapsed + (state === 'recording' ? now() - clock : 0));
          state = 'idle';
          tracks.forEach((t) => t.stop());
          const blob = new win.Blob(chunks, { type: rec.mimeType || (chunks[0] && chunks[0].type) || 'audio/webm' });
          if (frameBytes) frame(true);
          frames.then(() => ev.emit('Stop', { tempFilePath: tempUrl(blob, win), duration, fileSize: blob.size }));
        };
        for (const t of tracks) {
          t.addEventListener('mute', () => ev.emit('InterruptionBegin', {}));
          t.addEventListener('unmute', () => ev.emit('InterruptionEnd', {}));
          t.addEventListener('ended', () => {
            if (rec.state !== 'inactive') rec.stop();
          });
        }
        rec.start(frameBytes ? 100 : undefined);
      },
      (e) => {
        state = 'idle';
        error(e && e.message === 'auth deny' ? 'auth deny' : `start record fail ${(e && e.message) || e}`);
      },
    );
    return undefined;
  };
  self.pause = () => {
    if (state !== 'recording') return error('recorder not recording');
    clearTimeout(timer);
    elapsed += now() - clock;
    state = 'paused';
    rec.pause();
    return undefined;
  };
  self.resume = () => {
    if (state !== 'paused') return error('recorder not paused');
    clock = now();
    state = 'recording';
    arm();
    rec.resume();
    return undefined;
  };
  self.stop = () => {
    if (state === 'starting') stopEarly = true;
    else if (state === 'idle') error('recorder not start');
    else if (rec.state !== 'inactive') rec.stop();
    return undefined;
  };
  return self;
}

/**
 * WeChat's MediaRecorder for a canvas: the canvas's captureStream(fps) recorded by the browser's
 * MediaRecorder (webm in Chromium, mp4 in Safari). Methods return promises; `on('stop')` and
 * stop() give `{ tempFilePath, duration (ms), fileSize }`.
 * @param {MpWindow} win
 * @param {HTMLCanvasElement} canvas
 * @param {{ fps?: number, videoBitsPerSecond?: number, [key: string]: any }} [o]
 * @returns {Record<string, (...args: any[]) => any>}
 */
export function mediaRecorder(win, canvas, o = {}) {
  const ev = emitter();
  const fail = (name, reason) => Promise.reject({ errMsg: `${name}:fail ${reason}` });
  const base = { on: (n, cb) => ev.add(n, cb), off: (n, cb) => ev.remove(n, cb) };
  if (!canvas || typeof canvas.captureStream !== 'function' || typeof win.MediaRecorder !== 'function') {
    const why = 'recording a canvas is not supported here (needs canvas.captureStream and MediaRecorder)';
    return {
      ...base,
      ...Object.fromEntries(
        ['start', 'stop', 'pause', 'resume', 'requestFrame', 'destroy'].map((m) => [m, () => fail(m, why)]),
      ),
    };
  }
  const stream = canvas.captureStream(Number(o.fps) || 24);
  const mimeType = pickType(win, ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm', 'video/mp4']);
  const rec = new win.MediaRecorder(stream, {
    ...(mimeType && { mimeType }),
    videoBitsPerSecond: (Number(o.videoBitsPerSecond) || 1000) * 1000,
  });
  const limit = Math.min(7200, Number(o.duration) > 0 ? Number(o.duration) : 600) * 1000;
  const chunks = [];
  let since = null; // when recording last (re)started
  let elapsed = 0;
  let timer = null;
  let stopped = null;
  const now = () => win.performance.now();
  const recorded = () => elapsed + (since === null ? 0 : now() - since);
  const once = (type, act) =>
    new Promise((resolve) => {
      rec.addEventListener(type, () => resolve({}), { once: true });
      act();
    });
  rec.ondataavailable = (e) => {
    if (e.data && e.data.size) chunks.push(e.data);
    ev.emit('timeupdate', { currentTime: recorded() / 1000 });
  };
  rec.onstart = () => {
    since = now();
    ev.emit('start', {});
  };
  rec.onpause = () => {
    elapsed = recorded();
    since = null;
    ev.emit('pause', {});
  };
  rec.onresume = () => {
    since = now();
    ev.emit('resume', {});
  };
  const finished = new Promise((resolve) => {
    rec.onstop = () => {
      clearTimeout(timer);
      elapsed = recorded();
      since = null;
      stream.getTracks().forEach((t) => t.stop());
      const blob = new win.Blob(chunks, { type: rec.mimeType || 'video/webm' });
      const res = { tempFilePath: tempUrl(blob, win), duration: Math.round(elapsed), fileSize: blob.size };
      ev.emit('stop', res);
      resolve(res);
    };
  });
  const halt = () => {
    if (rec.state !== 'inactive') {
      stopped = finished;
      rec.stop();
    }
  };
  rec.addEventListener('pause', () => clearTimeout(timer));
  rec.addEventListener('resume', () => {
    timer = setTimeout(halt, limit - elapsed);
  });
  return {
    ...base,
    start() {
      if (rec.state !== 'inactive' || stopped) return fail('start', 'already started');
      timer = setTimeout(halt, limit);
      // Not waiting for 'start': Chromium fires it at the first frame, which the app draws after start().
      rec.start(1000);
      return Promise.resolve();
    },
    stop() {
      if (rec.state === 'inactive') return stopped || fail('stop', 'not started');
      halt();
      return finished;
    },
    pause: () => (rec.state === 'recording' ? once('pause', () => rec.pause()) : fail('pause', 'not recording')),
    resume: () => (rec.state === 'paused' ? once('resume', () => rec.resume()) : fail('resume', 'not paused')),
    // The canvas is captured continuously at `fps`: a frame drawn in `callback` is recorded.
    requestFrame: (callback) =>
      new Promise((resolve) =>
        (win.requestAnimationFrame || ((f) => setTimeout(f, 16)))(() => {
          try {
            if (typeof callback === 'function') callback();
          } finally {
            resolve(undefined);
          }
        }),
      ),
    destroy() {
      halt();
      stream.getTracks().forEach((t) => t.stop());
      return Promise.resolve();
    },
  };
}

/**
 * The asynchronous recording and voice APIs.
 * @param {MpApiContext} ctx
 * @returns {MpApiTable}
 */
export default function captureAudio(ctx) {
  const win = (ctx && ctx.win) || globalThis;
  let old = null; // the startRecord recorder
  let voice = null; // { path, audio, waiters }

  const endVoice = (error) => {
    const v = voice;
    if (!v) return;
    voice = null;
    v.audio.pause();
    for (const [resolve, reject] of v.waiters) error ? reject(error) : resolve({});
  };
  const waitVoice = () => new Promise((resolve, reject) => voice.waiters.push([resolve, reject]));

  return {
    startRecord: api(
      'startRecord',
      () =>
        new Promise((resolve, reject) => {
          if (old) throw failure('is recording');
          const r = recorder(win);
          old = r;
          r.onStop((res) => {
            old = null;
            resolve({ tempFilePath: res.tempFilePath });
          });
          r.onError((res) => {
            if (old === r) old = null;
            reject(failure(res.errMsg.replace(/^operateRecorder:fail ?/, '')));
          });
          r.start({ duration: 60000, numberOfChannels: 1 });
        }),
    ),
    stopRecord: api('stopRecord', () => {
      if (old) old.stop();
      return {};
    }),

    // One voice at a time; playVoice settles when that voice ends or is stopped or replaced.
    playVoice: api('playVoice', async (o) => {
      if (typeof o.filePath !== 'string' || !o.filePath) throw failure(paramError('filePath', 'String', o.filePath));
      if (voice && voice.path === o.filePath && voice.audio.paused) {
        voice.audio.play().catch((e) => endVoice(failure(`play voice fail ${e.message || e}`)));
        return waitVoice();
      }
      const src = await resolveUrl(win, o.filePath).catch(() => {
        throw failure(`file not found: ${o.filePath}`);
      });
      endVoice();
      const audio = win.Audio ? new win.Audio() : win.document.createElement('audio');
      const limit = Number(o.duration) > 0 ? Number(o.duration) : 60;
      voice = { path: o.filePath, audio, waiters: [] };
      const mine = voice;
      audio.addEventListener('ended', () => {
        if (voice === mine) endVoice();
      });
      audio.addEventListener('timeupdate', () => {
        if (voice === mine && audio.currentTime >= limit) endVoice();
      });
      audio.addEventListener('error', () => {
        if (voice === mine) endVoice(failure('play voice fail'));
      });
      audio.src = src;
      const done = waitVoice();
      Promise.resolve(audio.play()).catch((e) => {
        if (voice === mine) endVoice(failure(`play voice fail ${(e && e.message) || e}`));
      });
      return done;
    }),
    pauseVoice: api('pauseVoice', () => {
      if (voice) voice.audio.pause();
      return {};
    }),
    stopVoice: api('stopVoice', () => {
      endVoice();
      return {};
    }),

    // WeChat's names for inputs: 'auto' stands for the default microphone.
    getAvailableAudioSources: api('getAvailableAudioSources', async () => {
      const md = win.navigator && win.navigator.mediaDevices;
      if (!md || typeof md.enumerateDevices !== 'function') throw failure('not supported');
      const inputs = (await md.enumerateDevices()).filter((d) => d.kind === 'audioinput');
      const audioSources = inputs.length ? ['auto'] : [];
      if (inputs.some((d) => /built-?in|internal/i.test(d.label))) audioSources.push('buildInMic');
      if (inputs.some((d) => /headset|headphone|bluetooth|airpods/i.test(d.label))) audioSources.push('headsetMic');
      return { audioSources };
    }),
  };
}
