// miniport runtime: images and files from the device (chooseImage/chooseMedia/chooseVideo/chooseMessageFile),
// previewImage (and the viewer previewMedia shares), getImageInfo, compressImage, saveImageToPhotosAlbum,
// createVideoContext.
import { api, failure } from '../../core/callback.js';
import { openableUrl } from '../../core/urls.js';
import { resolveWxfile, tempUrl, tempBlob } from '../../core/wxfile.js';
import { findNode } from './canvas.js';

const TYPES = { png: 'png', jpg: 'jpeg', jpeg: 'jpeg', gif: 'gif', webp: 'webp', bmp: 'bmp', svg: 'svg' };

/**
 * Shows `items` (`{ src, type: 'image' | 'video', poster }`, src already resolved) full screen from
 * `index`: arrows or a swipe move between them, a tap (not on a video) or Escape closes it.
 * @param {Document} d
 * @param {Array<{ src: string, type?: string, poster?: string }>} items 'image' or 'video'
 * @param {number} index
 * @returns {() => void} closes the viewer
 */
export function mediaViewer(d, items, index) {
  const box = d.createElement('div');
  box.className = 'mp-preview-image';
  box.setAttribute('mp-internal', '');
  box.tabIndex = -1;
  box.style.cssText =
    'position:fixed;inset:0;z-index:10000;background:#000;display:flex;align-items:center;'
    + 'justify-content:center;touch-action:none';
  const label = d.createElement('div');
  label.className = 'mp-preview-index';
  label.style.cssText =
    'position:absolute;top:12px;left:0;right:0;text-align:center;color:#fff;font:14px system-ui,sans-serif';
  let view = null;
  const show = (i) => {
    index = (i + items.length) % items.length;
    const item = items[index];
    const video = item.type === 'video';
    if (view) view.remove();
    view = d.createElement(video ? 'video' : 'img');
    view.style.cssText = 'max-width:100%;max-height:100%;object-fit:contain;user-select:none';
    if (video) {
      view.controls = true;
      view.setAttribute('playsinline', '');
      if (item.poster) view.poster = item.poster;
    } else view.draggable = false;
    view.src = item.src;
    box.insertBefore(view, label);
    label.textContent = items.length > 1 ? `${index + 1}/${items.length}` : '';
  };
  const close = () => {
    box.remove();
    d.removeEventListener('keydown', key);
  };
  const key = (e) => {
    if (e.key === 'ArrowRight') show(index + 1);
    else if (e.key === 'ArrowLeft') show(index - 1);
    else if (e.key === 'Escape') close();
  };
  let startX = null;
  box.addEventListener('pointerdown', (e) => {
    startX = e.clientX;
  });
  box.addEventListener('pointerup', (e) => {
    const dx = startX === null ? 0 : e.clientX - startX;
    startX = null;
    if (Math.abs(dx) > 40) show(index + (dx < 0 ? 1 : -1));
    else if (!(e.target && /** @type {Element} */ (e.target).localName === 'video')) close();
  });
  box.append(label);
  d.addEventListener('keydown', key);
  show(index);
  d.body.appendChild(box);
  if (box.focus) box.focus();
  return close;
}

/**
 * @param {MpApiContext} ctx
 * @returns {MpApiTable}
 */
export function mediaFileApis(ctx) {
  const win = (ctx && ctx.win) || globalThis;
  const bridge = ctx && ctx.bridge;
  const doc = () => win.document;
  const url = (src) =>
    resolveWxfile(src).then((s) =>
      /^[a-z][\w+.-]*:/i.test(s) ? s : new URL(s.replace(/^\//, ''), doc().baseURI).href,
    );

  /** Opens the device's file picker (needs the user's gesture: called synchronously from the tap). */
  function pick({ accept = '', multiple = false, capture = false }) {
    return new Promise((resolve, reject) => {
      const input = doc().createElement('input');
      input.type = 'file';
      if (accept) input.accept = accept;
      input.multiple = multiple;
      if (capture) input.setAttribute('capture', 'environment');
      input.style.display = 'none';
      input.setAttribute('mp-internal', '');
      const done = () => input.remove();
      input.addEventListener('change', () => {
        done();
        const files = [...(input.files || [])];
        if (files.length) resolve(files);
        else reject(failure('cancel'));
      });
      input.addEventListener('cancel', () => {
        done();
        reject(failure('cancel'));
      });
      doc().body.appendChild(input);
      input.click();
    });
  }

  const blobUrl = (blob) => tempUrl(blob, win);
  const image = (src) =>
    new Promise((resolve, reject) => {
      const img = new win.Image();
      img.onload = () => resolve(img);
      img.onerror = () => reject(failure('download image fail'));
      img.src = src;
    });
  function reencode(img, quality, width, height) {
    const c = doc().createElement('canvas');
    c.width = width || img.naturalWidth;
    c.height = height || img.naturalHeight;
    c.getContext('2d').drawImage(img, 0, 0, c.width, c.height);
    return new Promise((resolve, reject) =>
      c.toBlob((b) => (b ? resolve(b) : reject(failure('compress fail'))), 'image/jpeg', quality),
    );
  }
  async function compressFile(file) {
    const src = blobUrl(file);
    const img = await image(src).catch(() => null);
    if (!img) return file;
    win.URL.revokeObjectURL(src);
    return reencode(img, 0.8);
  }
  const videoInfo = (src) =>
    new Promise((resolve) => {
      const v = doc().createElement('video');
      v.preload = 'metadata';
      v.onloadedmetadata = () => resolve({ duration: v.duration || 0, width: v.videoWidth, height: v.videoHeight });
      v.onerror = () => resolve({ duration: 0, width: 0, height: 0 });
      v.src = src;
    });

  const only = (o, field, value, all) => {
    const list = Array.isArray(o[field]) && o[field].length ? o[field] : all;
    return list.length === 1 && list[0] === value;
  };
  const count = (o, max = 9) => Math.max(1, Math.min(Number(o.count) || max, max));

  const chooseImage = api('chooseImage', async (o) => {
    let files = await pick({
      accept: 'image/*',
      multiple: count(o) > 1,
      capture: only(o, 'sourceType', 'camera', ['album', 'camera']),
    });
    files = files.slice(0, count(o));
    if (only(o, 'sizeType', 'compressed', ['original', 'compressed']))
      files = await Promise.all(files.map(compressFile));
    const tempFiles = files.map((f) => ({ path: blobUrl(f), size: f.size }));
    return { tempFilePaths: tempFiles.map((f) => f.path), tempFiles };
  });

  const chooseMedia = api('chooseMedia', async (o) => {
    const types = Array.isArray(o.mediaType) && o.mediaType.length ? o.mediaType : ['image', 'video'];
    const accept =
      types
        .filter((t) => t === 'image' || t === 'video')
        .map((t) => `${t}/*`)
        .join(',') || '*/*';
    const files = (
      await pick({ accept, multiple: count(o) > 1, capture: only(o, 'sourceType', 'camera', ['album', 'camera']) })
    ).slice(0, count(o));
    const tempFiles = await Promise.all(
      files.map(async (f) => {
        const isVideo = /^video\//.test(f.type);
        const compressed =
          !isVideo && only(o, 'sizeType', 'compressed', ['original', 'compressed']) ? await compressFile(f) : f;
        const path = blobUrl(compressed);
        const out = { tempFilePath: path, size: compressed.size, fileType: isVideo ? 'video' : 'image' };
        if (isVideo) Object.assign(out, await videoInfo(path), { thumbTempFilePath: '' });
        return out;
      }),
    );
    const kinds = new Set(tempFiles.map((f) => f.fileType));
    return { tempFiles, type: kinds.size > 1 ? 'mix' : [...kinds][0] };
  });

  const chooseVideo = api('chooseVideo', async (o) => {
    const [f] = await pick({ accept: 'video/*', capture: only(o, 'sourceType', 'camera', ['album', 'camera']) });
    const tempFilePath = blobUrl(f);
    return { tempFilePath, size: f.size, ...(await videoInfo(tempFilePath)) };
  });

  const chooseMessageFile = api('chooseMessageFile', async (o) => {
    const accept =
      o.type === 'image'
        ? 'image/*'
        : o.type === 'video'
          ? 'video/*'
          : Array.isArray(o.extension)
            ? o.extension.map((e) => `.${String(e).replace(/^\./, '')}`).join(',')
            : '';
    const files = (await pick({ accept, multiple: count(o, 100) > 1 })).slice(0, count(o, 100));
    const tempFiles = files.map((f) => ({
      path: blobUrl(f),
      size: f.size,
      name: f.name,
      time: Math.floor((f.lastModified || Date.now()) / 1000),
      type: /^image\//.test(f.type) ? 'image' : /^video\//.test(f.type) ? 'video' : 'file',
    }));
    return { tempFiles };
  });

  const previewImage = api('previewImage', async (o) => {
    const urls = (Array.isArray(o.urls) ? o.urls : []).map(String);
    if (!urls.length) throw failure('parameter error: parameter.urls should be a non-empty Array');
    const shown = await Promise.all(urls.map((u) => url(u).catch(() => u)));
    const index = Math.max(
      0,
      urls.indexOf(String(o.current)) >= 0
        ? urls.indexOf(String(o.current))
        : typeof o.current === 'number'
          ? Math.min(o.current, urls.length - 1)
          : 0,
    );
    mediaViewer(
      doc(),
      shown.map((src) => ({ src })),
      index,
    );
  });

  const getImageInfo = api('getImageInfo', async (o) => {
    if (typeof o.src !== 'string' || !o.src) throw failure('parameter error: parameter.src should be String');
    const src = await url(o.src).catch(() => {
      throw failure('download image fail');
    });
    let type = '';
    if (/^blob:|^data:/.test(src)) {
      const blob =
        tempBlob(src)
        || (await win
          .fetch(src)
          .then((r) => r.blob())
          .catch(() => null));
      type = blob && /^image\/(\w+)/.exec(blob.type) ? /^image\/(\w+)/.exec(blob.type)[1] : '';
    }
    if (!type) {
      const m = /\.(\w+)(?:[?#]|$)/.exec(src);
      type = (m && TYPES[m[1].toLowerCase()]) || 'unknown';
    }
    const img = await image(src);
    return { width: img.naturalWidth, height: img.naturalHeight, path: src, orientation: 'up', type };
  });

  const compressImage = api('compressImage', async (o) => {
    const img = await image(await url(o.src || ''));
    let { compressedWidth: w, compressedHeight: h } = o;
    if (w && !h) h = Math.round((img.naturalHeight * w) / img.naturalWidth);
    if (h && !w) w = Math.round((img.naturalWidth * h) / img.naturalHeight);
    const q = Math.max(0, Math.min(100, o.quality === undefined ? 80 : Number(o.quality))) / 100;
    return { tempFilePath: blobUrl(await reencode(img, q, w, h)) };
  });

  // Telegram (8.0+) downloads https files itself; anything else is offered by an <a download>.
  // Web and blob: files, the app's own files and (for images) raster data: URLs; any other scheme fails.
  const saveToAlbum = (name, kinds) =>
    api(name, async (o) => {
      const src = openableUrl(await resolveWxfile(o.filePath || ''), doc().baseURI, kinds);
      if (!src) throw failure(`invalid file path ${o.filePath}`);
      const fileName = /^data:/i.test(src) ? 'image' : src.split(/[?#]/)[0].split('/').pop() || 'image';
      if (/^https:/i.test(src) && bridge && bridge.supports && bridge.supports('web_app_request_file_download')) {
        const r = await bridge.request(
          'web_app_request_file_download',
          { url: src, file_name: fileName },
          'file_download_requested',
        );
        if (!r || r.status !== 'downloading') throw failure('cancel');
        return {};
      }
      const a = doc().createElement('a');
      a.href = src;
      a.download = /\.\w+$/.test(fileName) ? fileName : `${fileName}.png`;
      a.rel = 'noopener';
      a.style.display = 'none';
      doc().body.appendChild(a);
      a.click();
      a.remove();
      return {};
    });

  function videoContext(id, component) {
    const el = () => {
      const host = findNode(ctx, 'video', 'id', id, component);
      return host && host.querySelector('video');
    };
    const run = (fn) => {
      const v = el();
      if (v) fn(v);
    };
    const fullscreen = (v) => (v.requestFullscreen ? v.requestFullscreen().catch(() => {}) : undefined);
    return {
      play: () =>
        run((v) => {
          const p = v.play();
          if (p && p.catch) p.catch(() => {});
        }),
      pause: () => run((v) => v.pause()),
      stop: () =>
        run((v) => {
          v.pause();
          v.currentTime = 0;
        }),
      seek: (position) =>
        run((v) => {
          v.currentTime = Number(position) || 0;
        }),
      playbackRate: (rate) =>
        run((v) => {
          v.playbackRate = Number(rate) || 1;
        }),
      requestFullScreen: () => run(fullscreen),
      exitFullScreen: () => {
        const d = doc();
        if (d.fullscreenElement && d.exitFullscreen) d.exitFullscreen().catch(() => {});
      },
      sendDanmu: () => {},
      showStatusBar: () => {},
      hideStatusBar: () => {},
      requestPictureInPicture: () =>
        run((v) => v.requestPictureInPicture && v.requestPictureInPicture().catch(() => {})),
      exitPictureInPicture: () => {
        const d = doc();
        if (d.pictureInPictureElement) d.exitPictureInPicture().catch(() => {});
      },
    };
  }

  // WeChat's native layers: objects whose methods fail with "<method>:fail not supported".
  const inert = (methods) => () =>
    Object.fromEntries(
      methods.map((m) => [
        m,
        api(m, () => {
          throw failure('not supported');
        }),
      ]),
    );

  return {
    chooseImage,
    chooseMedia,
    chooseVideo,
    chooseMessageFile,
    previewImage,
    getImageInfo,
    compressImage,
    saveImageToPhotosAlbum: saveToAlbum('saveImageToPhotosAlbum', ['web', 'blob', 'image']),
    saveVideoToPhotosAlbum: saveToAlbum('saveVideoToPhotosAlbum', ['web', 'blob']),
    createVideoContext: videoContext,
    createCameraContext: inert(['takePhoto', 'startRecord', 'stopRecord', 'setZoom', 'onCameraFrame']),
    createLivePlayerContext: inert([
      'play',
      'pause',
      'stop',
      'resume',
      'mute',
      'requestFullScreen',
      'exitFullScreen',
      'snapshot',
      'requestPictureInPicture',
      'exitPictureInPicture',
    ]),
  };
}
