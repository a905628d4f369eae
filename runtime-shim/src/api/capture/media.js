// miniport runtime: getVideoInfo, checkDeviceSupportHevc, previewMedia (previewImage's viewer), cropImage (an in-page
// cropper) and choosePoi (an in-page sheet at the current position).
import { api, failure } from '../../core/callback.js';
import { resolveWxfile, tempBlob, tempUrl } from '../../core/wxfile.js';
import { mediaViewer } from '../media/media.js';
import { locationApis } from '../media/location.js';
import { guarded } from '../core/permission.js';
import { toGcj02 } from '../media/gcj02.js';

const RATIOS = ['16:9', '9:16', '4:3', '3:4', '5:4', '4:5', '1:1'];
const HEVC = ['hvc1.1.6.L93.B0', 'hev1.1.6.L93.B0'].map((c) => `video/mp4; codecs="${c}"`);
const SUBTYPES = { quicktime: 'mov', 'x-matroska': 'mkv', 'x-msvideo': 'avi', '3gpp': '3gp' };

function overlay(doc, className, css) {
  const box = doc.createElement('div');
  box.className = className;
  box.setAttribute('mp-internal', '');
  box.style.cssText = `position:fixed;inset:0;z-index:10000;font:16px system-ui,sans-serif;${css}`;
  return box;
}

/**
 * @param {MpApiContext} ctx
 * @returns {MpApiTable}
 */
export default function captureMedia(ctx) {
  const win = (ctx && ctx.win) || globalThis;
  const doc = () => win.document;
  const url = (src) =>
    resolveWxfile(src).then((s) =>
      /^[a-z][\w+.-]*:/i.test(s) ? s : new URL(s.replace(/^\//, ''), doc().baseURI).href,
    );
  const source = async (o, field) => {
    if (typeof o[field] !== 'string' || !o[field])
      throw failure(`parameter error: parameter.${field} should be String`);
    return url(o[field]).catch(() => {
      throw failure(`file not found: ${o[field]}`);
    });
  };
  const loaded = (el, event) =>
    new Promise((resolve, reject) => {
      el.addEventListener(event, () => resolve(el), { once: true });
      el.addEventListener('error', () => reject(failure('invalid media file')), { once: true });
    });

  /** The file's bytes and MIME type: the Blob the runtime made, a blob:/data: read, or an HTTP HEAD. */
  async function fileOf(src) {
    const blob =
      tempBlob(src)
      || (/^(blob|data):/.test(src)
        ? await win
            .fetch(src)
            .then((r) => r.blob())
            .catch(() => null)
        : null);
    if (blob) return { size: blob.size, type: blob.type };
    const head = await win.fetch(src, { method: 'HEAD' }).catch(() => null);
    return {
      size: head && head.ok ? Number(head.headers.get('content-length')) || 0 : 0,
      type: (head && head.ok && head.headers.get('content-type')) || '',
    };
  }

  const getVideoInfo = api('getVideoInfo', async (o) => {
    const src = await source(o, 'src');
    const v = doc().createElement('video');
    v.preload = 'metadata';
    v.muted = true;
    const ready = loaded(v, 'loadedmetadata');
    v.src = src;
    await ready;
    let duration = v.duration;
    if (!Number.isFinite(duration)) {
      // Recordings made by MediaRecorder carry no duration until the end is sought.
      duration = await new Promise((resolve) => {
        const done = () => {
          if (Number.isFinite(v.duration)) resolve(v.duration);
        };
        v.addEventListener('durationchange', done);
        v.addEventListener('seeked', () => resolve(Number.isFinite(v.duration) ? v.duration : 0), { once: true });
        v.currentTime = 1e101;
      });
    }
    const file = await fileOf(src);
    const sub = /^video\/([\w.+-]+)/.exec(file.type);
    const ext = /\.(\w+)(?:[?#]|$)/.exec(o.src);
    const info = {
      orientation: 'up',
      type: sub ? SUBTYPES[sub[1]] || sub[1] : ext ? ext[1].toLowerCase() : '',
      duration,
      size: file.size / 1024,
      width: v.videoWidth,
      height: v.videoHeight,
    };
    if (file.size && duration > 0) info.bitrate = Math.round((file.size * 8) / 1000 / duration);
    v.removeAttribute('src');
    return info;
  });

  const checkDeviceSupportHevc = api('checkDeviceSupportHevc', () => {
    const v = doc().createElement('video');
    const play = typeof v.canPlayType === 'function' && HEVC.some((t) => v.canPlayType(t) !== '');
    const mse = Boolean(
      win.MediaSource
        && typeof win.MediaSource.isTypeSupported === 'function'
        && HEVC.some((t) => win.MediaSource.isTypeSupported(t)),
    );
    return { supportHevc: Boolean(play || mse) };
  });

  const previewMedia = api('previewMedia', async (o) => {
    const sources = Array.isArray(o.sources) ? o.sources.filter((s) => s && typeof s.url === 'string' && s.url) : [];
    if (!sources.length) throw failure('parameter error: parameter.sources should be a non-empty Array');
    const items = await Promise.all(
      sources.map(async (s) => ({
        src: await url(s.url).catch(() => s.url),
        type: s.type === 'video' ? 'video' : 'image',
        poster: s.poster ? await url(s.poster).catch(() => '') : '',
      })),
    );
    const current = Math.min(Math.max(0, Math.floor(Number(o.current) || 0)), items.length - 1);
    mediaViewer(doc(), items, current);
  });

  // A frame of the asked ratio over the image, moved by dragging and sized by a slider.
  const cropImage = api('cropImage', async (o) => {
    if (!RATIOS.includes(o.cropScale))
      throw failure(`parameter error: parameter.cropScale should be one of ${RATIOS.join(', ')}`);
    const img = doc().createElement('img');
    const ready = loaded(img, 'load');
    img.src = await source(o, 'src');
    await ready;
    const W = img.naturalWidth;
    const H = img.naturalHeight;
    const [rw, rh] = o.cropScale.split(':').map(Number);
    const full = W / H > rw / rh ? { w: (H * rw) / rh, h: H } : { w: W, h: (W * rh) / rw };
    let k = 1;
    let cx = W / 2;
    let cy = H / 2;
    const rect = () => {
      const w = full.w * k;
      const h = full.h * k;
      cx = Math.min(Math.max(cx, w / 2), W - w / 2);
      cy = Math.min(Math.max(cy, h / 2), H - h / 2);
      return { x: cx - w / 2, y: cy - h / 2, w, h };
    };
    const box = overlay(
      doc(),
      'mp-crop-image',
      'background:#000;display:flex;flex-direction:column;color:#fff;touch-action:none',
    );
    box.innerHTML =
      '<div style="flex:1;display:flex;align-items:center;justify-content:center;overflow:hidden;padding:16px">'
      + '<div class="mp-crop-stage" style="position:relative;max-width:100%;max-height:100%">'
      + '<div class="mp-crop-frame" style="position:absolute;box-sizing:border-box;border:2px solid #fff;'
      + 'box-shadow:0 0 0 9999px rgba(0,0,0,.55);cursor:move">'
      + '</div></div></div><div style="display:flex;gap:12px;align-items:center;padding:12px 16px">'
      + '<button type="button" class="mp-crop-cancel">Cancel</button>'
      + '<input class="mp-crop-size" type="range" min="20" max="100" value="100" style="flex:1">'
      + '<button type="button" class="mp-crop-done">Done</button></div>';
    const stage = box.querySelector('.mp-crop-stage');
    const frame = box.querySelector('.mp-crop-frame');
    const fit = 'display:block;max-width:100%;max-height:calc(100vh - 100px)';
    img.style.cssText = `${fit};aspect-ratio:${W}/${H};user-select:none`;
    img.draggable = false;
    stage.prepend(img);
    const draw = () => {
      const r = rect();
      Object.assign(frame.style, {
        left: `${(r.x / W) * 100}%`,
        top: `${(r.y / H) * 100}%`,
        width: `${(r.w / W) * 100}%`,
        height: `${(r.h / H) * 100}%`,
      });
    };
    box.querySelector('.mp-crop-size').addEventListener('input', (e) => {
      k = Number(e.target.value) / 100;
      draw();
    });
    let drag = null;
    frame.addEventListener('pointerdown', (e) => {
      drag = { x: e.clientX, y: e.clientY, cx, cy, scale: W / (stage.getBoundingClientRect().width || W) };
      if (frame.setPointerCapture && e.pointerId !== undefined)
        try {
          frame.setPointerCapture(e.pointerId);
        } catch {
          /* a synthetic pointer */
        }
    });
    frame.addEventListener('pointermove', (e) => {
      if (!drag) return;
      cx = drag.cx + (e.clientX - drag.x) * drag.scale;
      cy = drag.cy + (e.clientY - drag.y) * drag.scale;
      draw();
    });
    frame.addEventListener('pointerup', () => {
      drag = null;
    });
    draw();
    doc().body.appendChild(box);
    await new Promise((resolve, reject) => {
      box.querySelector('.mp-crop-cancel').onclick = () => reject(failure('cancel'));
      box.querySelector('.mp-crop-done').onclick = resolve;
    }).finally(() => box.remove());
    const r = rect();
    const c = doc().createElement('canvas');
    c.width = Math.max(1, Math.round(r.w));
    c.height = Math.max(1, Math.round((c.width * rh) / rw));
    c.getContext('2d').drawImage(img, r.x, r.y, r.w, r.h, 0, 0, c.width, c.height);
    const blob = await new Promise((resolve) => c.toBlob(resolve, 'image/jpeg', 0.92));
    if (!blob) throw failure('crop fail');
    return { tempFilePath: tempUrl(blob, win) };
  });

  // No map or POI search (they need a tile and geocoding service): a sheet at the current position
  // asks for a place name and address (type 2), or a city only (type 1), or no location (type 0).
  const choosePoi = api('choosePoi', async () => {
    if (!doc()) throw failure('not supported');
    const here = await guarded(win, 'scope.userLocation', () =>
      locationApis(ctx)
        .getLocation({})
        .catch((r) => {
          throw failure(String((r && r.errMsg) || r).replace(/^getLocation:fail ?/, ''));
        }),
    );
    const { latitude, longitude } = toGcj02(here.latitude, here.longitude);
    const sheet = overlay(doc(), 'mp-choose-poi', 'background:rgba(0,0,0,.5);display:flex;align-items:flex-end');
    sheet.innerHTML =
      '<form style="background:#fff;color:#000;width:100%;padding:16px;box-sizing:border-box;'
      + 'display:grid;gap:8px">'
      + '<div class="mp-where"></div><input name="name" placeholder="Place name">'
      + '<input name="address" placeholder="Address"><input name="city" placeholder="City">'
      + '<div style="display:flex;gap:8px;justify-content:flex-end;flex-wrap:wrap">'
      + '<button type="button" name="cancel">Cancel</button><button type="button" name="none">'
      + 'Don\'t show location</button><button type="button" name="cityOnly">City only</button>'
      + '<button type="submit">OK</button></div></form>';
    sheet.querySelector('.mp-where').textContent = `${here.latitude.toFixed(6)}, ${here.longitude.toFixed(6)}`;
    const form = sheet.querySelector('form');
    const f = form.elements;
    doc().body.appendChild(sheet);
    return new Promise((resolve, reject) => {
      const done = (res) => {
        sheet.remove();
        resolve(res);
      };
      f.cancel.onclick = () => {
        sheet.remove();
        reject(failure('cancel'));
      };
      f.none.onclick = () => done({ type: 0 });
      f.cityOnly.onclick = () => done({ type: 1, city: f.city.value });
      form.onsubmit = (e) => {
        e.preventDefault();
        done({ type: 2, city: f.city.value, name: f.name.value, address: f.address.value, latitude, longitude });
      };
    });
  });

  return { getVideoInfo, checkDeviceSupportHevc, previewMedia, cropImage, choosePoi };
}
