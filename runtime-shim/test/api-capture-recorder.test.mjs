// Recording and voice APIs in jsdom over stand-in getUserMedia/MediaRecorder/Audio: the recorder manager's
// events, options, frames and failures (denied microphone, no recorder, wrong state), startRecord/stopRecord,
// playVoice/pauseVoice/stopVoice, getAvailableAudioSources, the canvas MediaRecorder, createWebAudioContext,
// createAudioContext on an <audio> of the page, and createMapContext failing clearly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { captureApis } from '../src/api/capture/index.js';
import { tempBlob } from '../src/core/wxfile.js';
import { readAuth } from '../src/api/core/permission.js';

const tick = (n = 5) =>
  new Promise((r) => {
    let i = 0;
    const step = () => (++i >= n ? r() : setTimeout(step, 0));
    setTimeout(step, 0);
  });

/** A stand-in MediaRecorder: the test pushes data; state changes fire as the browser's do (asynchronously). */
function recorderClass(win, supported = ['audio/webm;codecs=opus', 'video/webm;codecs=vp8']) {
  return class FakeRecorder extends win.EventTarget {
    static isTypeSupported(t) {
      return supported.includes(t);
    }
    constructor(stream, options) {
      super();
      Object.assign(this, { stream, options, state: 'inactive', mimeType: options.mimeType || '' });
      FakeRecorder.last = this;
    }
    fire(type, extra) {
      const e = Object.assign(new win.Event(type), extra);
      if (typeof this[`on${type}`] === 'function') this[`on${type}`](e);
      this.dispatchEvent(e);
    }
    later(state, type) {
      this.state = state;
      setTimeout(() => this.fire(type));
    }
    start(timeslice) {
      this.timeslice = timeslice;
      this.later('recording', 'start');
    }
    pause() {
      this.later('paused', 'pause');
    }
    resume() {
      this.later('recording', 'resume');
    }
    stop() {
      this.state = 'inactive';
      setTimeout(() => {
        this.push(3);
        this.fire('stop');
      });
    }
    push(bytes) {
      this.fire('dataavailable', { data: new Blob([new Uint8Array(bytes).fill(7)], { type: this.mimeType }) });
    }
  };
}

function page({ denied = false, media = true } = {}) {
  const win = new JSDOM('<!doctype html><body></body>', { url: 'https://app.test/', pretendToBeVisual: true }).window;
  let n = 0;
  win.Blob = Blob;
  win.URL.createObjectURL = () => `blob:https://app.test/${++n}`;
  win.MediaRecorder = recorderClass(win);
  const calls = [];
  const track = Object.assign(new win.EventTarget(), {
    stopped: false,
    stop() {
      this.stopped = true;
    },
  });
  if (media) {
    Object.defineProperty(win.navigator, 'mediaDevices', {
      configurable: true,
      value: {
        getUserMedia: async (c) => {
          calls.push(c);
          if (denied) throw Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' });
          return { getTracks: () => [track] };
        },
        enumerateDevices: async () => [
          { kind: 'audioinput', label: 'Built-in Microphone' },
          { kind: 'audioinput', label: 'USB Headset' },
          { kind: 'videoinput', label: 'Camera' },
        ],
      },
    });
  }
  return { win, calls, track, wx: captureApis({ win }) };
}

function listen(rm) {
  const seen = [];
  for (const e of [
    'Start',
    'Pause',
    'Resume',
    'Stop',
    'FrameRecorded',
    'Error',
    'InterruptionBegin',
    'InterruptionEnd',
  ])
    rm[`on${e}`]((res) => seen.push([e, res]));
  return seen;
}
const until = async (seen, name) => {
  for (let i = 0; i < 200 && !seen.some(([e]) => e === name); i++) await tick(1);
};

test(
  'getRecorderManager is one object; start asks for the microphone, onStart, then stop gives '
    + 'onStop with a blob: tempFilePath, duration and fileSize',
  async () => {
    const { win, calls, track, wx } = page();
    const rm = wx.getRecorderManager();
    assert.equal(wx.getRecorderManager(), rm);
    const seen = listen(rm);
    rm.start({ sampleRate: 16000, numberOfChannels: 1, encodeBitRate: 48000, format: 'aac' });
    await until(seen, 'Start');
    assert.deepEqual(calls, [{ audio: { channelCount: { ideal: 1 }, sampleRate: { ideal: 16000 } } }]);
    const rec = win.MediaRecorder.last;
    // aac asked, audio/mp4 not recordable here: webm/opus at the asked bit rate, no timeslice without frameSize.
    assert.deepEqual(rec.options, { mimeType: 'audio/webm;codecs=opus', audioBitsPerSecond: 48000 });
    assert.equal(rec.timeslice, undefined);
    rec.push(10);
    rm.stop();
    await until(seen, 'Stop');
    const [[, started], [name, res]] = seen;
    assert.deepEqual(started, {});
    assert.equal(name, 'Stop');
    assert.match(res.tempFilePath, /^blob:/);
    assert.equal(res.fileSize, 13);
    assert.equal(typeof res.duration, 'number');
    assert.ok(res.duration >= 0);
    const blob = tempBlob(res.tempFilePath);
    assert.equal(blob.type, 'audio/webm;codecs=opus');
    assert.equal(blob.size, 13);
    assert.equal(track.stopped, true, 'the microphone is released');
    assert.equal(readAuth(win)['scope.record'], true);
  },
);

test(
  'with frameSize the recorded bytes reach onFrameRecorded in pieces of at least frameSize KB, '
    + 'the rest as the last frame before onStop',
  async () => {
    const { win, wx } = page();
    const rm = wx.getRecorderManager();
    const seen = listen(rm);
    rm.start({ frameSize: 1 });
    await until(seen, 'Start');
    const rec = win.MediaRecorder.last;
    assert.equal(rec.timeslice, 100);
    rec.push(600);
    rec.push(600);
    rec.push(600);
    rm.stop();
    await until(seen, 'Stop');
    const frames = seen
      .filter(([e]) => e === 'FrameRecorded')
      .map(([, r]) => [r.frameBuffer.byteLength, r.isLastFrame]);
    assert.deepEqual(frames, [
      [1200, false],
      [603, true],
    ]);
    assert.deepEqual(
      seen.map(([e]) => e),
      ['Start', 'FrameRecorded', 'FrameRecorded', 'Stop'],
    );
    assert.ok(seen.at(-1)[1].tempFilePath);
  },
);

test(
  'pause and resume reach onPause/onResume; a call in the wrong state reaches onError with ' + 'operateRecorder:fail',
  async () => {
    const { wx } = page();
    const rm = wx.getRecorderManager();
    const seen = listen(rm);
    rm.pause();
    rm.stop();
    rm.start({});
    rm.start({});
    await until(seen, 'Start');
    rm.resume();
    rm.pause();
    await until(seen, 'Pause');
    rm.resume();
    await until(seen, 'Resume');
    rm.stop();
    await until(seen, 'Stop');
    assert.deepEqual(
      seen.map(([e, r]) => (e === 'Error' ? r.errMsg : e)),
      [
        'operateRecorder:fail recorder not recording',
        'operateRecorder:fail recorder not start',
        'operateRecorder:fail is recording or paused',
        'Start',
        'operateRecorder:fail recorder not paused',
        'Pause',
        'Resume',
        'Stop',
      ],
    );
  },
);

test('the recorder stops by itself after duration ms; a track that is muted is an interruption', async () => {
  const { win, track, wx } = page();
  const rm = wx.getRecorderManager();
  const seen = listen(rm);
  rm.onStart(() => {
    track.dispatchEvent(new win.Event('mute'));
    track.dispatchEvent(new win.Event('unmute'));
  });
  rm.start({ duration: 1 });
  await until(seen, 'Stop');
  assert.deepEqual(
    seen.map(([e]) => e),
    ['Start', 'InterruptionBegin', 'InterruptionEnd', 'Stop'],
  );
});

test(
  'a refused microphone fails with auth deny and is remembered: the next start fails at once ' + 'without asking',
  async () => {
    const { win, calls, wx } = page({ denied: true });
    const rm = wx.getRecorderManager();
    const seen = listen(rm);
    rm.start({});
    await until(seen, 'Error');
    assert.deepEqual(seen, [['Error', { errMsg: 'operateRecorder:fail auth deny' }]]);
    assert.equal(readAuth(win)['scope.record'], false);
    rm.start({});
    await tick();
    assert.equal(calls.length, 1);
    assert.equal(seen.length, 2);
    assert.equal(seen[1][1].errMsg, 'operateRecorder:fail auth deny');
  },
);

test('without getUserMedia or MediaRecorder the recorder reports that recording is not supported', async () => {
  const { wx } = page({ media: false });
  const rm = wx.getRecorderManager();
  const seen = listen(rm);
  rm.start({});
  await until(seen, 'Error');
  assert.deepEqual(seen, [['Error', { errMsg: 'operateRecorder:fail recording is not supported in this browser' }]]);
});

test(
  'startRecord settles with tempFilePath when stopRecord is called; a refused microphone fails '
    + 'startRecord with auth deny',
  async () => {
    const { win, wx } = page();
    const pending = wx.startRecord();
    await tick();
    win.MediaRecorder.last.push(5);
    assert.deepEqual(await wx.stopRecord(), { errMsg: 'stopRecord:ok' });
    const res = await pending;
    assert.equal(res.errMsg, 'startRecord:ok');
    assert.equal(tempBlob(res.tempFilePath).size, 8);

    const denied = page({ denied: true }).wx;
    const fail = await new Promise((resolve) => denied.startRecord({ fail: resolve }));
    assert.equal(fail.errMsg, 'startRecord:fail auth deny');
  },
);

/** A stand-in Audio element (jsdom cannot play). */
function audioClass(win, made) {
  return class FakeAudio extends win.EventTarget {
    constructor() {
      super();
      Object.assign(this, { src: '', paused: true, currentTime: 0 });
      made.push(this);
    }
    play() {
      this.paused = false;
      this.plays = (this.plays || 0) + 1;
      return Promise.resolve();
    }
    pause() {
      this.paused = true;
    }
  };
}

test(
  'playVoice plays the file and succeeds when it ends; pauseVoice then playVoice of the same file '
    + 'resumes it; stopVoice ends it',
  async () => {
    const { win, wx } = page();
    const made = [];
    win.Audio = audioClass(win, made);
    const first = wx.playVoice({ filePath: '/voice/a.webm' });
    await tick();
    assert.equal(made.length, 1);
    assert.equal(made[0].src, 'https://app.test/voice/a.webm');
    assert.equal(made[0].paused, false);
    made[0].dispatchEvent(new win.Event('ended'));
    assert.deepEqual(await first, { errMsg: 'playVoice:ok' });

    const second = wx.playVoice({ filePath: 'blob:https://app.test/9' });
    await tick();
    await wx.pauseVoice();
    assert.equal(made[1].paused, true);
    const resumed = wx.playVoice({ filePath: 'blob:https://app.test/9' });
    await tick();
    assert.equal(made.length, 2, 'the same element resumes');
    assert.equal(made[1].plays, 2);
    assert.deepEqual(await wx.stopVoice(), { errMsg: 'stopVoice:ok' });
    assert.deepEqual(await second, { errMsg: 'playVoice:ok' });
    assert.deepEqual(await resumed, { errMsg: 'playVoice:ok' });
    assert.equal(made[1].paused, true);
  },
);

test('playVoice without filePath fails with a parameter error; a file that cannot play fails', async () => {
  const { win, wx } = page();
  const made = [];
  win.Audio = audioClass(win, made);
  await assert.rejects(wx.playVoice({}), {
    errMsg: 'playVoice:fail parameter error: parameter.filePath should be String instead of Undefined;',
  });
  const p = wx.playVoice({ filePath: '/missing.mp3' });
  await tick();
  made[0].dispatchEvent(new win.Event('error'));
  await assert.rejects(p, { errMsg: 'playVoice:fail play voice fail' });
});

test(
  'getAvailableAudioSources lists auto and the kinds of microphone it recognises; without ' + 'mediaDevices it fails',
  async () => {
    assert.deepEqual(await page().wx.getAvailableAudioSources(), {
      errMsg: 'getAvailableAudioSources:ok',
      audioSources: ['auto', 'buildInMic', 'headsetMic'],
    });
    await assert.rejects(page({ media: false }).wx.getAvailableAudioSources(), {
      errMsg: 'getAvailableAudioSources:fail not supported',
    });
  },
);

test(
  'createMediaRecorder records the canvas stream: start, stop gives '
    + 'tempFilePath/duration/fileSize, also to on("stop"); off removes a listener',
  async () => {
    const { win, wx } = page();
    const track = {
      stop() {
        this.stopped = true;
      },
    };
    const canvas = {
      captureStream: (fps) => {
        canvas.fps = fps;
        return { getTracks: () => [track] };
      },
    };
    const mr = wx.createMediaRecorder(canvas, { fps: 30, videoBitsPerSecond: 800 });
    const heard = [];
    const gone = () => heard.push('removed');
    mr.on('start', () => heard.push('start'));
    mr.on('stop', (res) => heard.push(['stop', res.fileSize]));
    mr.on('stop', gone);
    mr.off('stop', gone);
    await mr.start();
    assert.equal(canvas.fps, 30);
    assert.deepEqual(win.MediaRecorder.last.options, { mimeType: 'video/webm;codecs=vp8', videoBitsPerSecond: 800000 });
    const res = await mr.stop();
    assert.match(res.tempFilePath, /^blob:/);
    assert.equal(res.fileSize, 3);
    assert.equal(tempBlob(res.tempFilePath).type, 'video/webm;codecs=vp8');
    assert.deepEqual(heard, ['start', ['stop', 3]]);
    assert.equal(track.stopped, true);
    await assert.rejects(mr.start(), { errMsg: 'start:fail already started' });
  },
);

test('createMediaRecorder on something that cannot be captured: its methods reject with a clear errMsg', async () => {
  const { wx } = page();
  const mr = wx.createMediaRecorder({}, {});
  await assert.rejects(mr.start(), {
    errMsg: 'start:fail recording a canvas is not supported here (needs canvas.captureStream and MediaRecorder)',
  });
});

test('createWebAudioContext hands back the browser AudioContext; without Web Audio its methods fail', async () => {
  const { win, wx } = page();
  class FakeAudioContext {
    constructor() {
      this.state = 'running';
    }
  }
  win.AudioContext = FakeAudioContext;
  assert.ok(wx.createWebAudioContext() instanceof FakeAudioContext);
  const none = page().wx.createWebAudioContext();
  await assert.rejects(none.resume(), { errMsg: 'resume:fail Web Audio is not available in this browser' });
});

test(
  'createAudioContext controls the <audio> with that id: setSrc (package paths resolved), play, ' + 'pause, seek',
  async () => {
    const { win, wx } = page();
    const host = win.document.createElement('wx-audio');
    host.__mpv = { attrs: { id: 'player' } };
    const audio = win.document.createElement('audio');
    host.appendChild(audio);
    win.document.body.appendChild(host);
    const log = [];
    audio.play = () => {
      log.push('play');
      return Promise.resolve();
    };
    audio.pause = () => log.push('pause');
    Object.defineProperty(audio, 'currentTime', { set: (v) => log.push(['seek', v]), get: () => 0 });
    const ac = wx.createAudioContext('player');
    ac.setSrc('/audio/song.mp3');
    await tick();
    assert.equal(audio.src, 'https://app.test/audio/song.mp3');
    ac.play();
    ac.pause();
    ac.seek(12);
    assert.deepEqual(log, ['play', 'pause', ['seek', 12]]);
    wx.createAudioContext('nobody').play(); // no such <audio>: nothing happens
  },
);

test('createMapContext without a drawn <map id>: every method fails, naming the map', async () => {
  const { wx } = page();
  const map = wx.createMapContext('map');
  await assert.rejects(map.getCenterLocation(), {
    errMsg: 'getCenterLocation:fail map map not found, or it has no tile source',
  });
  const res = await new Promise((resolve) => map.moveToLocation({ fail: resolve }));
  assert.equal(res.errMsg, 'moveToLocation:fail map map not found, or it has no tile source');
  map.on('markerClusterClick', () => {}); // listeners do nothing and never throw
});
