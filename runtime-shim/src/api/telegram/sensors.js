// miniport runtime: wx accelerometer, gyroscope, compass and device-motion APIs on Telegram's sensors (Bot API 8.0),
// else the web's devicemotion/deviceorientation events.
import { api, failure, paramError } from '../../core/callback.js';
import { can, exchange, listenerSet, winOf } from './common.js';

const RATE = { game: 20, ui: 60, normal: 200 };
const G = 9.80665;
const DEG = 180 / Math.PI;
const deg = (r) => (typeof r === 'number' ? r * DEG : null);
const heading = (alpha) => (((360 - alpha) % 360) + 360) % 360;

function interval(o) {
  if (o.interval !== undefined && typeof o.interval !== 'string')
    throw failure(paramError('interval', 'String', o.interval));
  return RATE[o.interval] || RATE.normal;
}

/**
 * A Telegram sensor stream ('accelerometer', 'gyroscope', 'device_orientation') shared by the
 * wx sensors that read it (the compass and device motion both read device orientation):
 * started with the fastest rate any of them asked for, stopped when the last one stops.
 */
function stream(ctx, kind) {
  const users = new Map();
  let off = null;
  let sent = '';
  const self = {
    async start(user, ms, absolute, fn) {
      users.set(user, { ms, absolute, fn });
      const all = [...users.values()];
      const params = { refresh_rate: Math.min(...all.map((u) => u.ms)) };
      if (kind === 'device_orientation') params.need_absolute = all.some((u) => u.absolute);
      const key = JSON.stringify(params);
      if (!off)
        off = ctx.bridge.on(`${kind}_changed`, (d) => {
          for (const u of users.values()) u.fn(d || {});
        });
      if (key === sent) return;
      try {
        await exchange(ctx, `web_app_start_${kind}`, params, `${kind}_started`, `${kind}_failed`);
        sent = key;
      } catch (error) {
        self.stop(user);
        throw error;
      }
    },
    stop(user) {
      if (!users.delete(user) || users.size) return;
      if (off) off();
      off = null;
      sent = '';
      ctx.bridge.post(`web_app_stop_${kind}`);
    },
  };
  return self;
}

/** The web event a sensor falls back to: `{ event, ctor, read(e) }`, or null when the browser has none. */
function webSource(w, spec) {
  for (const s of spec) if (typeof w[s.ctor] === 'function' && (!s.need || `on${s.event}` in w)) return s;
  return null;
}

/**
 * One wx sensor: `start` (Telegram's stream when the client has it, else the web event,
 * throttled to the interval), `stop`, and its listeners. `auto`: a listener starts it (the compass).
 */
function sensor(ctx, streams, [startName, stopName, onName, offName], cfg) {
  const listeners = listenerSet();
  let stopCurrent = null;
  const stop = () => {
    if (stopCurrent) stopCurrent();
    stopCurrent = null;
    return {};
  };
  const start = async (o) => {
    const ms = cfg.rate ? cfg.rate(o) : RATE.normal;
    // Started again: Telegram's stream takes the new rate (nothing is posted when it is the same).
    if (can(ctx, `web_app_start_${cfg.kind}`)) {
      const s = streams[cfg.kind];
      await s.start(startName, ms, Boolean(cfg.absolute), (d) => {
        const res = cfg.fromTelegram(d);
        if (res) listeners.emit(res);
      });
      stopCurrent = () => s.stop(startName);
      return {};
    }
    stop();
    const w = winOf(ctx);
    const src = webSource(w, cfg.web);
    if (!src)
      throw failure(
        ctx.bridge && ctx.bridge.inTelegram
          ? `not supported in Telegram ${ctx.bridge.version} or this browser`
          : 'not supported in this browser',
      );
    // iOS asks the user first (inside a tap).
    if (typeof w[src.ctor].requestPermission === 'function') {
      const answer = await w[src.ctor].requestPermission().catch((e) => {
        throw failure(e && e.message ? e.message : 'permission denied');
      });
      if (answer !== 'granted') throw failure('permission denied');
    }
    let last = -Infinity;
    const handler = (e) => {
      if (e.timeStamp - last < ms * 0.8) return;
      const res = src.read(e);
      if (!res) return;
      last = e.timeStamp;
      listeners.emit(res);
    };
    w.addEventListener(src.event, handler);
    stopCurrent = () => w.removeEventListener(src.event, handler);
    return {};
  };
  const startApi = api(startName, start);
  return {
    [startName]: startApi,
    [stopName]: api(stopName, stop),
    [onName]: (fn) => {
      listeners.on(fn);
      if (cfg.auto && !stopCurrent) startApi({ fail: () => {} });
    },
    [offName]: (fn) => listeners.off(fn),
  };
}

const xyz = (v, k = 1) => (v && typeof v.x === 'number' ? { x: v.x * k, y: v.y * k, z: v.z * k } : null);

/**
 * @param {MpApiContext} ctx
 * @returns {MpApiTable}
 */
export default function sensorApis(ctx) {
  const streams = {};
  for (const kind of ['accelerometer', 'gyroscope', 'device_orientation']) streams[kind] = stream(ctx, kind);
  const motion = (read) => [{ event: 'devicemotion', ctor: 'DeviceMotionEvent', read }];
  return Object.assign(
    // Telegram reports m/s², WeChat g.
    sensor(
      ctx,
      streams,
      ['startAccelerometer', 'stopAccelerometer', 'onAccelerometerChange', 'offAccelerometerChange'],
      {
        kind: 'accelerometer',
        rate: interval,
        fromTelegram: (d) => xyz(d, 1 / G),
        web: motion((e) => xyz(e.accelerationIncludingGravity, 1 / G)),
      },
    ),
    // rad/s on both sides; the web's rotation rate is in degrees/s about z (alpha), x (beta), y (gamma).
    sensor(ctx, streams, ['startGyroscope', 'stopGyroscope', 'onGyroscopeChange', 'offGyroscopeChange'], {
      kind: 'gyroscope',
      rate: interval,
      fromTelegram: (d) => xyz(d),
      web: motion((e) => {
        const r = e.rotationRate;
        return r && typeof r.alpha === 'number' ? { x: r.beta / DEG, y: r.gamma / DEG, z: r.alpha / DEG } : null;
      }),
    }),
    // Degrees clockwise from north; Telegram's absolute alpha is counter-clockwise, in radians.
    sensor(ctx, streams, ['startCompass', 'stopCompass', 'onCompassChange', 'offCompassChange'], {
      kind: 'device_orientation',
      absolute: true,
      auto: true,
      fromTelegram: (d) =>
        typeof d.alpha === 'number'
          ? { direction: heading(d.alpha * DEG), accuracy: d.absolute ? 'high' : 'unreliable' }
          : null,
      web: [
        {
          event: 'deviceorientationabsolute',
          ctor: 'DeviceOrientationEvent',
          need: true,
          read: (e) => (typeof e.alpha === 'number' ? { direction: heading(e.alpha), accuracy: 'high' } : null),
        },
        {
          event: 'deviceorientation',
          ctor: 'DeviceOrientationEvent',
          read: (e) =>
            typeof e.webkitCompassHeading === 'number'
              ? { direction: e.webkitCompassHeading, accuracy: e.webkitCompassAccuracy }
              : e.absolute && typeof e.alpha === 'number'
                ? { direction: heading(e.alpha), accuracy: 'high' }
                : null,
        },
      ],
    }),
    sensor(
      ctx,
      streams,
      ['startDeviceMotionListening', 'stopDeviceMotionListening', 'onDeviceMotionChange', 'offDeviceMotionChange'],
      {
        kind: 'device_orientation',
        rate: interval,
        fromTelegram: (d) =>
          typeof d.alpha === 'number' ? { alpha: deg(d.alpha), beta: deg(d.beta), gamma: deg(d.gamma) } : null,
        web: [
          {
            event: 'deviceorientation',
            ctor: 'DeviceOrientationEvent',
            read: (e) => (typeof e.alpha === 'number' ? { alpha: e.alpha, beta: e.beta, gamma: e.gamma } : null),
          },
        ],
      },
    ),
  );
}
