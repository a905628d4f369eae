// miniport runtime: createInnerAudioContext and getBackgroundAudioManager over HTMLAudioElement (Media Session metadata
// for the background one).
import { api } from '../../core/callback.js';
import { resolveWxfile } from '../../core/wxfile.js';

const EVENTS = {
  Canplay: 'canplay',
  Play: 'play',
  Pause: 'pause',
  Ended: 'ended',
  TimeUpdate: 'timeupdate',
  Error: 'error',
  Waiting: 'waiting',
  Seeking: 'seeking',
  Seeked: 'seeked',
};
// MediaError code → WeChat's errCode.
const ERR = { 1: -1, 2: 10002, 3: 10004, 4: 10004 };

function player(win, audio, extra = {}) {
  const listeners = new Map();
  const emit = (name, res = {}) => {
    for (const cb of [...(listeners.get(name) || [])]) {
      try {
        cb(res);
      } catch (e) {
        console.error(e);
      }
    }
  };
  let src = '';
  let startTime = 0;
  let fresh = true;
  const ctx = {
    get src() {
      return src;
    },
    set src(value) {
      src = String(value == null ? '' : value);
      fresh = true;
      const doc = win.document;
      resolveWxfile(src).then(
        (u) => {
          if (String(value) !== src) return;
          audio.src = /^[a-z][\w+.-]*:/i.test(u) || !doc ? u : new URL(u.replace(/^\//, ''), doc.baseURI).href;
          if (extra.onSrc) extra.onSrc();
        },
        () => emit('Error', { errCode: 10003, errMsg: `file not found: ${src}` }),
      );
    },
    get startTime() {
      return startTime;
    },
    set startTime(v) {
      startTime = Number(v) || 0;
    },
    get autoplay() {
      return audio.autoplay;
    },
    set autoplay(v) {
      audio.autoplay = Boolean(v);
    },
    get loop() {
      return audio.loop;
    },
    set loop(v) {
      audio.loop = Boolean(v);
    },
    get volume() {
      return audio.volume;
    },
    set volume(v) {
      audio.volume = Math.max(0, Math.min(1, Number(v)));
    },
    get playbackRate() {
      return audio.playbackRate;
    },
    set playbackRate(v) {
      audio.playbackRate = Number(v) || 1;
    },
    obeyMuteSwitch: true,
    referrerPolicy: '',
    get duration() {
      return Number.isFinite(audio.duration) ? audio.duration : 0;
    },
    get currentTime() {
      return audio.currentTime;
    },
    get paused() {
      return audio.paused;
    },
    get buffered() {
      const b = audio.buffered;
      for (let i = 0; b && i < b.length; i++)
        if (b.start(i) <= audio.currentTime && audio.currentTime <= b.end(i)) return b.end(i);
      return 0;
    },
    play() {
      if (fresh && startTime) audio.currentTime = startTime;
      fresh = false;
      const p = audio.play();
      if (p && p.catch) p.catch((e) => emit('Error', { errCode: -1, errMsg: String((e && e.message) || e) }));
    },
    pause() {
      audio.pause();
    },
    stop() {
      audio.pause();
      audio.currentTime = 0;
      fresh = true;
      emit('Stop');
    },
    seek(position) {
      audio.currentTime = Number(position) || 0;
    },
    destroy() {
      audio.pause();
      audio.removeAttribute('src');
      listeners.clear();
    },
  };
  for (const name of [...Object.keys(EVENTS), 'Stop', ...(extra.events || [])]) {
    ctx[`on${name}`] = (cb) => {
      if (typeof cb !== 'function') return;
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name).add(cb);
    };
    ctx[`off${name}`] = (cb) => {
      if (cb) listeners.get(name)?.delete(cb);
      else listeners.delete(name);
    };
  }
  for (const [name, type] of Object.entries(EVENTS)) {
    audio.addEventListener(type, () => {
      if (name === 'Error') {
        const code = audio.error ? audio.error.code : 0;
        emit('Error', {
          errCode: ERR[code] || -1,
          errMsg: (audio.error && audio.error.message) || `MEDIA_ERR ${code}`,
        });
      } else emit(name, {});
    });
  }
  return { ctx, emit };
}

let background = null;

/**
 * @param {MpApiContext} ctx
 * @returns {MpApiTable}
 */
export function audioApis(ctx) {
  const win = (ctx && ctx.win) || globalThis;
  const make = () => (win.Audio ? new win.Audio() : win.document.createElement('audio'));
  function getBackgroundAudioManager() {
    if (background && background.win === win) return background.ctx;
    const audio = make();
    const meta = { title: '', epname: '', singer: '', coverImgUrl: '', webUrl: '', protocol: 'http' };
    const session = win.navigator && win.navigator.mediaSession;
    const p = player(win, audio, { events: ['Prev', 'Next'], onSrc: () => audio.play().catch(() => {}) });
    const update = () => {
      if (!session || typeof win.MediaMetadata !== 'function') return;
      session.metadata = new win.MediaMetadata({
        title: meta.title,
        artist: meta.singer,
        album: meta.epname,
        artwork: meta.coverImgUrl ? [{ src: meta.coverImgUrl }] : [],
      });
    };
    for (const key of Object.keys(meta)) {
      Object.defineProperty(p.ctx, key, {
        get: () => meta[key],
        set: (v) => {
          meta[key] = String(v == null ? '' : v);
          update();
        },
        enumerable: true,
      });
    }
    if (session && session.setActionHandler) {
      try {
        session.setActionHandler('previoustrack', () => p.emit('Prev'));
        session.setActionHandler('nexttrack', () => p.emit('Next'));
      } catch {
        /* an action the browser does not know */
      }
    }
    background = { win, ctx: p.ctx };
    return p.ctx;
  }
  const bg = () => getBackgroundAudioManager();
  return {
    createInnerAudioContext: () => player(win, make()).ctx,
    getBackgroundAudioManager,
    setInnerAudioOption: api('setInnerAudioOption', () => ({})),
    playBackgroundAudio: api('playBackgroundAudio', (o) => {
      const m = bg();
      if (o.title) m.title = o.title;
      if (o.coverImgUrl) m.coverImgUrl = o.coverImgUrl;
      m.src = o.dataUrl;
    }),
    pauseBackgroundAudio: api('pauseBackgroundAudio', () => {
      bg().pause();
    }),
    stopBackgroundAudio: api('stopBackgroundAudio', () => {
      bg().stop();
    }),
    seekBackgroundAudio: api('seekBackgroundAudio', (o) => {
      bg().seek(o.position);
    }),
    getBackgroundAudioPlayerState: api('getBackgroundAudioPlayerState', () => {
      const m = bg();
      return {
        duration: m.duration,
        currentPosition: m.currentTime,
        status: !m.src ? 2 : m.paused ? 0 : 1,
        downloadPercent: m.duration ? Math.round((m.buffered / m.duration) * 100) : 0,
        dataUrl: m.src,
      };
    }),
    onBackgroundAudioPlay: (cb) => bg().onPlay(cb),
    onBackgroundAudioPause: (cb) => bg().onPause(cb),
    onBackgroundAudioStop: (cb) => bg().onStop(cb),
  };
}
