// miniport runtime: <image>, <video>, <icon> and the native-only built-ins (canvas, map, camera…).
import { canvasNode } from './canvas-node.js';
import { attr, bool, changed, length, node, num, states, text } from './util.js';
import { hostAllowed } from '../core/urls.js';
import { resolveWxfile } from '../core/wxfile.js';

const images = states();

// mode → [background-size, background-position]
const MODES = {
  scaleToFill: ['100% 100%', '0% 0%'],
  aspectFit: ['contain', 'center center'],
  aspectFill: ['cover', 'center center'],
  widthFix: ['100% 100%', '0% 0%'],
  heightFix: ['100% 100%', '0% 0%'],
  top: ['auto auto', 'center top'],
  bottom: ['auto auto', 'center bottom'],
  center: ['auto auto', 'center center'],
  left: ['auto auto', 'left center'],
  right: ['auto auto', 'right center'],
  'top left': ['auto auto', 'left top'],
  'top right': ['auto auto', 'right top'],
  'bottom left': ['auto auto', 'left bottom'],
  'bottom right': ['auto auto', 'right bottom'],
};

function cssUrl(url) {
  return `url("${url.replace(/["\\\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}")`;
}

function imageSrc(api, src) {
  const s = text(src).trim();
  if (!s) return '';
  if (/^(https?:|data:image\/|blob:)/i.test(s)) return s;
  if (/^[a-z][a-z0-9+.-]*:/i.test(s) && !/^wxfile:/i.test(s)) return ''; // javascript: and the like
  return api && typeof api.resolveUrl === 'function' ? api.resolveUrl(s) : s;
}

function fit(el, s) {
  const mode = text(attr(s.attrs, 'mode'), 'scaleToFill');
  const [size, pos] = MODES[mode] || MODES.scaleToFill;
  s.div.style.backgroundSize = size;
  s.div.style.backgroundPosition = pos;
  // widthFix/heightFix keep the authored width (height) and derive the other side from the image.
  el.removeAttribute('mp-width-fix');
  el.removeAttribute('mp-height-fix');
  s.div.style.height = '';
  s.div.style.width = '';
  if (!s.natural) return;
  const { width, height } = s.natural;
  if (mode === 'widthFix' && width) {
    el.setAttribute('mp-width-fix', '');
    s.div.style.height = '0';
    s.div.style.paddingBottom = `${(height / width) * 100}%`;
  } else if (mode === 'heightFix' && height) {
    el.setAttribute('mp-height-fix', '');
    const h = el.getBoundingClientRect().height || 240;
    s.div.style.width = `${(h * width) / height}px`;
  }
  if (mode !== 'widthFix') s.div.style.paddingBottom = '';
}

function load(el, s) {
  const raw = attr(s.attrs, 'src');
  if (typeof raw === 'string' && /^wxfile:/i.test(raw)) {
    // A file of the app's virtual file system: shown through a blob: URL once it is read.
    const attrsNow = s.attrs;
    resolveWxfile(raw).then(
      (u) => {
        if (s.attrs === attrsNow) {
          s.attrs = { ...s.attrs, src: u };
          load(el, s);
          s.attrs = attrsNow;
        }
      },
      () => s.api.emit('error', { errMsg: `GET ${raw} 404 (Not Found)` }),
    );
    return;
  }
  const url = imageSrc(s.api, raw);
  s.natural = null;
  s.div.style.backgroundImage = url ? cssUrl(url) : '';
  if (s.img) s.img.onload = s.img.onerror = null;
  s.img = null;
  fit(el, s);
  if (!url) return;
  const img = new el.ownerDocument.defaultView.Image();
  s.img = img;
  img.onload = () => {
    if (s.img !== img) return;
    s.natural = { width: img.naturalWidth, height: img.naturalHeight };
    fit(el, s);
    s.api.emit('load', { width: img.naturalWidth, height: img.naturalHeight });
  };
  img.onerror = () => {
    if (s.img !== img) return;
    s.api.emit('error', { errMsg: `GET ${url} 404 (Not Found)` });
  };
  img.src = url;
}

function whenVisible(el, s, fn) {
  const IO = el.ownerDocument.defaultView.IntersectionObserver;
  if (!IO) return fn();
  s.io = new IO(
    (entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        s.io.disconnect();
        s.io = null;
        fn();
      }
    },
    { rootMargin: '50% 0px' },
  );
  s.io.observe(el);
  return undefined;
}

export const image = {
  create(el, attrs, api) {
    const div = node(el, 'div');
    node(el, 'span');
    const s = images.set(el, { attrs, api, div });
    if (bool(attr(attrs, 'lazy-load'))) whenVisible(el, s, () => load(el, s));
    else load(el, s);
    return { content: null };
  },
  update(el, attrs, old, api) {
    const s = images.get(el);
    Object.assign(s, { attrs, api });
    if (changed(attrs, old, 'src')) {
      if (s.io) return; // still waiting to be seen: loads the new src then
      load(el, s);
    } else if (changed(attrs, old, 'mode')) fit(el, s);
  },
  destroy(el) {
    const s = images.get(el);
    if (s && s.io) s.io.disconnect();
    if (s && s.img) s.img.onload = s.img.onerror = null;
    images.delete(el);
  },
};

// Icons: every type WeChat draws, as the shape that cuts a box of the icon's colour (a CSS mask), so the
// glyph's holes show what lies behind, as WeChat's icon font does. Shapes sit in a 24×24 box; the colour of
// each type comes from the style set's stylesheet, the `color` attribute overrides it.
const CHECK = 'M6.6 12.2l3.7 3.7 7.2-7.4';
const CLOCK = 'M12 6.8v5.7l3.8 2.3';
const CROSS = 'M8.2 8.2l7.6 7.6M15.8 8.2l-7.6 7.6';
const INFO = 'M12 10.6v6.6M12 7v.4';
const BANG = 'M12 6.4v7.4M12 17v.4';
const SHIELD = 'M12 1.5l9 3.3v6.4c0 5.6-3.9 9.9-9 11.3-5.1-1.4-9-5.7-9-11.3V4.8z';
/** type → [body: disc (a filled circle), ring (a circle's outline), shield, or none; the mark] */
const ICONS = {
  success: ['disc', CHECK],
  success_no_circle: ['', 'M3.5 12.6l5.6 5.6L20.5 6.6'],
  success_circle: ['ring', CHECK],
  safe_success: ['shield', CHECK],
  info: ['disc', INFO],
  info_circle: ['ring', INFO],
  warn: ['disc', BANG],
  safe_warn: ['shield', BANG],
  waiting: ['disc', CLOCK],
  waiting_circle: ['ring', CLOCK],
  cancel: ['disc', CROSS],
  clear: ['disc', 'M9 9l6 6M15 9l-6 6'],
  download: ['disc', 'M12 6.3v10.2M7.6 12.3l4.4 4.4 4.4-4.4'],
  search: ['', 'M10.6 3.6a7 7 0 1 1 0 14 7 7 0 0 1 0-14zM15.7 15.7l5.2 5.2'],
  circle: ['ring', ''],
};
const masks = new Map();

/** The mask image of `type`: black where the glyph is, transparent elsewhere and in its holes. */
function iconMask(type) {
  if (masks.has(type)) return masks.get(type);
  const [body, mark] = ICONS[type];
  const line = (colour) =>
    `fill="none" stroke="${colour}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"`;
  const cut = `<mask id="m"><rect width="24" height="24" fill="#fff"/><path d="${mark}" ${line('#000')}/></mask>`;
  let svg = '';
  if (body === 'disc') svg = `${cut}<circle cx="12" cy="12" r="12" mask="url(#m)"/>`;
  else if (body === 'shield') svg = `${cut}<path d="${SHIELD}" mask="url(#m)"/>`;
  else {
    if (body === 'ring') svg = '<circle cx="12" cy="12" r="11.25" fill="none" stroke="#000" stroke-width="1.5"/>';
    if (mark) svg += `<path d="${mark}" ${line('#000')}/>`;
  }
  const url = `url("data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">${svg}</svg>`,
  )}")`;
  masks.set(type, url);
  return url;
}

function drawIcon(el, span, attrs) {
  const type = text(attr(attrs, 'type'));
  const known = Object.prototype.hasOwnProperty.call(ICONS, type);
  span.className = type ? `wx-icon-${type}` : '';
  const size = length(attr(attrs, 'size'), '23px');
  span.style.width = size;
  span.style.height = size;
  span.style.color = text(attr(attrs, 'color'));
  const mask = known ? iconMask(type) : '';
  span.style.setProperty('-webkit-mask-image', mask);
  span.style.setProperty('mask-image', mask);
  // An unknown type draws nothing, as in WeChat, but keeps its box.
  span.style.backgroundColor = known ? '' : 'transparent';
}

const icons = states();
export const icon = {
  create(el, attrs) {
    const span = icons.set(el, node(el, 'span'));
    drawIcon(el, span, attrs);
    return { content: null };
  },
  update(el, attrs) {
    drawIcon(el, icons.get(el), attrs);
  },
  destroy(el) {
    icons.delete(el);
  },
};

const players = states();
const MEDIA_BOOLS = ['controls', 'autoplay', 'loop', 'muted'];

function setMedia(media, attrs, api, old) {
  if (!old || changed(attrs, old, 'src')) {
    const src = imageSrc(api, attr(attrs, 'src'));
    if (src) media.src = src;
    else media.removeAttribute('src');
  }
  for (const name of MEDIA_BOOLS) {
    const fallback = name === 'controls' && media.localName === 'video';
    const v = attr(attrs, name);
    media[name === 'autoplay' ? 'autoplay' : name] = v === undefined ? fallback : bool(v);
  }
  if (media.localName === 'video') {
    const poster = imageSrc(api, attr(attrs, 'poster'));
    if (poster) media.poster = poster;
    else media.removeAttribute('poster');
    media.style.objectFit = text(attr(attrs, 'object-fit'), 'contain');
    media.setAttribute('playsinline', '');
  }
  if (old && changed(attrs, old, 'initial-time') === false) return;
  const t = num(attr(attrs, 'initial-time'), 0);
  if (t) media.currentTime = t;
}

function player(tag) {
  return {
    create(el, attrs, api) {
      const media = node(el, tag, `wx-${tag}-player`);
      const s = players.set(el, { api, media });
      const emit = (type, detail) => s.api.emit(type, detail);
      media.addEventListener('play', () => emit('play', {}));
      media.addEventListener('pause', () => emit('pause', {}));
      media.addEventListener('ended', () => emit('ended', {}));
      media.addEventListener('timeupdate', () =>
        emit('timeupdate', { currentTime: media.currentTime, duration: media.duration }),
      );
      media.addEventListener('waiting', () => emit('waiting', {}));
      media.addEventListener('seeked', () => emit('seekcomplete', { position: media.currentTime }));
      media.addEventListener('progress', () => {
        const b = media.buffered;
        const end = b && b.length ? b.end(b.length - 1) : 0;
        if (media.duration > 0) emit('progress', { buffered: Math.min(100, Math.round((end / media.duration) * 100)) });
      });
      if (tag === 'video') {
        const doc = el.ownerDocument;
        s.onFullscreen = () => {
          const on = doc.fullscreenElement === media || doc.fullscreenElement === el;
          if (on === Boolean(s.fullScreen)) return;
          s.fullScreen = on;
          emit('fullscreenchange', {
            fullScreen: on,
            direction: on && media.videoWidth > media.videoHeight ? 'horizontal' : 'vertical',
          });
        };
        doc.addEventListener('fullscreenchange', s.onFullscreen);
      }
      media.addEventListener('error', () =>
        emit('error', { errMsg: `MEDIA_ERR ${media.error ? media.error.code : ''}`.trim() }),
      );
      media.addEventListener('loadedmetadata', () =>
        emit('loadedmetadata', {
          width: media.videoWidth || 0,
          height: media.videoHeight || 0,
          duration: media.duration,
        }),
      );
      setMedia(media, attrs, api, null);
      return { content: tag === 'video' ? node(el, 'div', 'wx-video-slot') : null };
    },
    update(el, attrs, old, api) {
      const s = players.get(el);
      s.api = api;
      setMedia(s.media, attrs, api, old);
    },
    destroy(el) {
      const s = players.get(el);
      if (s) s.media.pause && s.media.pause();
      if (s && s.onFullscreen) el.ownerDocument.removeEventListener('fullscreenchange', s.onFullscreen);
      players.delete(el);
    },
  };
}

export const video = player('video');
export const audio = player('audio');

/** A component that needs WeChat's native layer: a box of WeChat's size with a label. */
function placeholder(name) {
  return {
    create(el) {
      const box = node(el, 'div', 'mp-native-placeholder');
      box.textContent = name;
      return { content: null };
    },
    update() {},
    destroy() {},
  };
}

export const camera = placeholder('camera');
export const livePlayer = placeholder('live-player');
export const livePusher = placeholder('live-pusher');

const canvases = states();
export const canvas = {
  create(el, attrs, api) {
    // WeChat's Canvas interface for SelectorQuery's `node` (canvas-node.js).
    const c = canvasNode(canvases.set(el, node(el, 'canvas')), (path) => imageSrc(api, path));
    c.width = 300;
    c.height = 150;
    const size = () => {
      const r = el.getBoundingClientRect();
      if (r.width && r.height) {
        c.width = Math.round(r.width);
        c.height = Math.round(r.height);
      }
    };
    queueMicrotask(size);
    c.setAttribute('data-canvas-id', text(attr(attrs, 'canvas-id')));
    return { content: null };
  },
  update(el, attrs) {
    canvases.get(el).setAttribute('data-canvas-id', text(attr(attrs, 'canvas-id')));
  },
  destroy(el) {
    canvases.delete(el);
  },
};

const frames = states();
// The framed page keeps its scripts, forms and own storage but may not navigate the app away (no
// allow-top-navigation) or open pop-ups.
const SANDBOX = 'allow-scripts allow-forms allow-same-origin';
/**
 * Shows `src` when it is an https page on a host the app allows (`miniport.json` `webView.domains`, WeChat's business
 * domains; any host without the setting) and not on the app's own origin, which would give it the app's storage and
 * DOM; else the frame stays empty and binderror gets WeChat's `{ url, fullUrl }`.
 */
function frameSrc(frame, attrs, api) {
  const src = text(attr(attrs, 'src')).trim();
  const config = /** @type {any} */ (globalThis).__miniportConfig;
  const domains = config && config.webView ? config.webView.domains : undefined;
  const here = frame.ownerDocument.location;
  let url = null;
  try {
    url = new URL(src);
  } catch {
    /* not an absolute URL */
  }
  const ok = url && url.protocol === 'https:' && url.origin !== (here && here.origin) && hostAllowed(url, domains);
  if (ok) frame.src = url.href;
  else {
    frame.removeAttribute('src');
    if (src) queueMicrotask(() => api.emit('error', { url: src, fullUrl: url ? url.href : src }));
  }
}
export const webView = {
  create(el, attrs, api) {
    const frame = frames.set(el, node(el, 'iframe'));
    frame.setAttribute('referrerpolicy', 'no-referrer');
    frame.setAttribute('sandbox', SANDBOX);
    frame.addEventListener('load', () => api.emit('load', { src: frame.src }));
    frameSrc(frame, attrs, api);
    return { content: null };
  },
  update(el, attrs, old, api) {
    if (changed(attrs, old, 'src')) frameSrc(frames.get(el), attrs, api);
  },
  destroy(el) {
    frames.delete(el);
  },
};
