// miniport runtime: location — getLocation (Telegram LocationManager, else geolocation), openLocation, chooseLocation
// (an in-page sheet), location updates (watchPosition).
import { api, failure } from '../../core/callback.js';
import { guarded } from '../core/permission.js';
import { toGcj02, fromGcj02 } from './gcj02.js';

function fromTelegram(d) {
  return {
    latitude: d.latitude,
    longitude: d.longitude,
    speed: d.speed ?? -1,
    accuracy: d.horizontal_accuracy ?? 0,
    altitude: d.altitude ?? 0,
    verticalAccuracy: d.vertical_accuracy ?? 0,
    horizontalAccuracy: d.horizontal_accuracy ?? 0,
  };
}

function fromCoords(c) {
  return {
    latitude: c.latitude,
    longitude: c.longitude,
    speed: c.speed ?? -1,
    accuracy: c.accuracy ?? 0,
    altitude: c.altitude ?? 0,
    verticalAccuracy: c.altitudeAccuracy ?? 0,
    horizontalAccuracy: c.accuracy ?? 0,
  };
}

/**
 * @param {MpApiContext} ctx
 * @returns {MpApiTable}
 */
export function locationApis(ctx) {
  const win = (ctx && ctx.win) || globalThis;
  const bridge = ctx && ctx.bridge;
  const geo = () => win.navigator && win.navigator.geolocation;

  function browserPosition(o) {
    if (!geo()) return Promise.reject(failure('system permission denied'));
    return new Promise((resolve, reject) =>
      geo().getCurrentPosition(
        (p) => resolve(fromCoords(p.coords)),
        (e) => reject(failure(e && e.code === 1 ? 'auth deny' : `${(e && e.message) || 'location unavailable'}`)),
        { enableHighAccuracy: Boolean(o.isHighAccuracy), timeout: o.highAccuracyExpireTime || undefined },
      ),
    );
  }

  // Under scope.userLocation: a scope turned off in openSetting fails at once; a refusal turns it off.
  // No location source at all is the system's refusal, not the user's: it is not recorded.
  const position = (o) =>
    !geo() && !(bridge && bridge.supports && bridge.supports('web_app_request_location'))
      ? Promise.reject(failure('system permission denied'))
      : guarded(win, 'scope.userLocation', () => rawPosition(o));

  async function rawPosition(o) {
    // Telegram's LocationManager (8.0+): check first, then ask; its answer has no watch mode.
    if (bridge && bridge.supports && bridge.supports('web_app_request_location')) {
      const checked = await bridge
        .request('web_app_check_location', undefined, 'location_checked', { timeout: 10000 })
        .catch(() => null);
      if (checked && checked.available === false) return browserPosition(o);
      const d = await bridge.request('web_app_request_location', undefined, 'location_requested');
      if (!d || d.available === false || typeof d.latitude !== 'number') throw failure('auth deny');
      return fromTelegram(d);
    }
    return browserPosition(o);
  }

  // Telegram and the browser give WGS-84; `type: 'gcj02'` asks for China's GCJ-02, as WeChat's maps use.
  const getLocation = api('getLocation', async (o) => {
    const p = await position(o);
    return o.type === 'gcj02' ? { ...p, ...toGcj02(p.latitude, p.longitude) } : p;
  });

  const openUrl = (url) => {
    if (bridge && bridge.post && bridge.post('web_app_open_link', { url })) return;
    if (typeof win.open === 'function') win.open(url, '_blank', 'noopener');
  };

  const openLocation = api('openLocation', (o) => {
    if (typeof o.latitude !== 'number' || typeof o.longitude !== 'number')
      throw failure('parameter error: latitude and longitude should be Number');
    const zoom = Math.min(18, Math.max(5, o.scale || 16));
    // WeChat's coordinates here are GCJ-02; OpenStreetMap's are WGS-84.
    const w = fromGcj02(o.latitude, o.longitude);
    const [lat, lng] = [w.latitude, w.longitude].map((v) => Math.round(v * 1e6) / 1e6);
    const url = `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=${zoom}/${lat}/${lng}`;
    openUrl(url);
  });

  // No map picker: a sheet asks for a name and address at the current position.
  const chooseLocation = api('chooseLocation', async (o) => {
    const doc = win.document;
    if (!doc) throw failure('not supported');
    let here = null;
    if (typeof o.latitude === 'number' && typeof o.longitude === 'number')
      here = { latitude: o.latitude, longitude: o.longitude };
    else here = await position({}).then((p) => toGcj02(p.latitude, p.longitude));
    return new Promise((resolve, reject) => {
      const sheet = doc.createElement('div');
      sheet.className = 'mp-choose-location';
      sheet.setAttribute('mp-internal', '');
      sheet.style.cssText =
        'position:fixed;inset:0;z-index:10000;background:rgba(0,0,0,.5);display:flex;'
        + 'align-items:flex-end;font:16px system-ui,sans-serif';
      sheet.innerHTML =
        '<form style="background:#fff;color:#000;width:100%;padding:16px;box-sizing:border-box;'
        + 'display:grid;gap:8px">'
        + '<div class="mp-where"></div><input name="name" placeholder="Name">'
        + '<input name="address" placeholder="Address">'
        + '<div style="display:flex;gap:8px;justify-content:flex-end"><button type="button" name="cancel">'
        + 'Cancel</button><button type="submit">OK</button></div></form>';
      sheet.querySelector('.mp-where').textContent = `${here.latitude.toFixed(6)}, ${here.longitude.toFixed(6)}`;
      /** @type {HTMLFormElement & { elements: any }} the sheet's form: its inputs by name */
      const form = sheet.querySelector('form');
      const close = () => sheet.remove();
      form.onsubmit = (e) => {
        e.preventDefault();
        close();
        resolve({
          name: form.elements.name.value,
          address: form.elements.address.value,
          latitude: here.latitude,
          longitude: here.longitude,
        });
      };
      form.elements.cancel.onclick = () => {
        close();
        reject(failure('cancel'));
      };
      doc.body.appendChild(sheet);
    });
  });

  const listeners = new Set();
  const errorListeners = new Set();
  let watch = null;
  const emit = (set, v) => {
    for (const cb of [...set]) {
      try {
        cb(v);
      } catch (e) {
        console.error(e);
      }
    }
  };
  const start = (name) =>
    api(name, () => {
      if (!geo()) throw failure('system permission denied');
      if (watch === null) {
        watch = geo().watchPosition(
          (p) => emit(listeners, fromCoords(p.coords)),
          (e) =>
            emit(errorListeners, {
              errCode: e && e.code,
              errMsg: `onLocationChange:fail ${(e && e.message) || ''}`.trim(),
            }),
          { enableHighAccuracy: true },
        );
      }
    });

  return {
    getLocation,
    getFuzzyLocation: api('getFuzzyLocation', async (o) => {
      const p = await position(o);
      return { latitude: Math.round(p.latitude * 100) / 100, longitude: Math.round(p.longitude * 100) / 100 };
    }),
    openLocation,
    chooseLocation,
    startLocationUpdate: start('startLocationUpdate'),
    stopLocationUpdate: api('stopLocationUpdate', () => {
      if (watch !== null && geo()) geo().clearWatch(watch);
      watch = null;
    }),
    onLocationChange: (cb) => {
      if (typeof cb === 'function') listeners.add(cb);
    },
    offLocationChange: (cb) => {
      if (cb) listeners.delete(cb);
      else listeners.clear();
    },
    onLocationChangeError: (cb) => {
      if (typeof cb === 'function') errorListeners.add(cb);
    },
    offLocationChangeError: (cb) => {
      if (cb) errorListeners.delete(cb);
      else errorListeners.clear();
    },
  };
}
