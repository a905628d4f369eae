// miniport runtime: WeChat's old CanvasContext (recorded, replayed at draw), canvasToTempFilePath,
// canvasGet/PutImageData, createOffscreenCanvas; finding built-ins by id.
import { api, failure } from '../../core/callback.js';
import { recordOf } from '../../framework/record.js';
import { tempUrl } from '../../core/wxfile.js';

/**
 * The `<wx-{tag}>` whose vnode attribute `key` is `id`, in `component`'s tree or the current page.
 * @param {MpApiContext} ctx
 * @param {string} tag
 * @param {string} key
 * @param {string} id
 * @param {object} [component] the component instance to search in
 * @returns {Element | null}
 */
export function findNode(ctx, tag, key, id, component) {
  const doc = ((ctx && ctx.win) || globalThis).document;
  if (!doc) return null;
  let root = null;
  const rec = component && recordOf(component);
  if (rec) root = rec.host;
  else {
    const page = ctx && ctx.router && ctx.router.current && ctx.router.current();
    const prec = page && page.instance && recordOf(page.instance);
    root = prec ? prec.host : null;
  }
  for (const el of (root || doc).querySelectorAll(`wx-${tag}`)) {
    const attrs = el.__mpv && el.__mpv.attrs;
    if (attrs && String(attrs[key]) === String(id)) return el;
  }
  return null;
}

const canvasOf = (ctx, id, component) => {
  const el = findNode(ctx, 'canvas', 'canvas-id', id, component) || findNode(ctx, 'canvas', 'id', id, component);
  return el ? el.querySelector('canvas') : null;
};

// Setters of the old API → the 2D context's properties.
const SETTERS = {
  setFillStyle: 'fillStyle',
  setStrokeStyle: 'strokeStyle',
  setLineWidth: 'lineWidth',
  setLineCap: 'lineCap',
  setLineJoin: 'lineJoin',
  setMiterLimit: 'miterLimit',
  setGlobalAlpha: 'globalAlpha',
  setTextAlign: 'textAlign',
  setTextBaseline: 'textBaseline',
};
const METHODS = [
  'fillRect',
  'strokeRect',
  'clearRect',
  'beginPath',
  'moveTo',
  'lineTo',
  'arc',
  'arcTo',
  'rect',
  'quadraticCurveTo',
  'bezierCurveTo',
  'closePath',
  'fill',
  'stroke',
  'clip',
  'fillText',
  'strokeText',
  'save',
  'restore',
  'translate',
  'rotate',
  'scale',
  'transform',
  'setTransform',
  'setLineDash',
];
const PROPS = [
  'fillStyle',
  'strokeStyle',
  'lineWidth',
  'lineCap',
  'lineJoin',
  'miterLimit',
  'globalAlpha',
  'textAlign',
  'textBaseline',
  'font',
  'shadowColor',
  'shadowBlur',
  'shadowOffsetX',
  'shadowOffsetY',
  'globalCompositeOperation',
  'lineDashOffset',
];

/** A gradient recorded by the old API, made real on the 2D context when drawn. */
function gradient(kind, args) {
  const stops = [];
  return {
    __mpGradient: true,
    kind,
    args,
    stops,
    addColorStop(offset, color) {
      stops.push([offset, color]);
    },
  };
}

function real(c2d, v) {
  if (!v || !v.__mpGradient) return v;
  const g =
    v.kind === 'linear'
      ? c2d.createLinearGradient(...v.args)
      : c2d.createRadialGradient(v.args[0], v.args[1], 0, v.args[0], v.args[1], v.args[2]);
  for (const [o, color] of v.stops) g.addColorStop(o, color);
  return g;
}

function loadImage(win, src) {
  return new Promise((resolve) => {
    const img = new win.Image();
    img.onload = () => resolve(img);
    img.onerror = () => resolve(null);
    img.src = src;
  });
}

/**
 * wx.createCanvasContext(canvasId, component): commands recorded, replayed by draw().
 * @param {MpApiContext} ctx
 * @param {string} canvasId
 * @param {object} [component]
 * @returns {Record<string, any>} the CanvasContext
 */
export function canvasContext(ctx, canvasId, component) {
  const win = (ctx && ctx.win) || globalThis;
  let ops = [];
  const c = {
    canvasId,
    draw(reserve, callback) {
      const list = ops;
      ops = [];
      const canvas = canvasOf(ctx, canvasId, component);
      const c2d = canvas && canvas.getContext('2d');
      if (!c2d) return;
      const images = list.filter((o) => o[0] === 'drawImage').map((o) => o[1][0]);
      Promise.all(images.map((src) => loadImage(win, src))).then((loaded) => {
        let i = 0;
        if (!reserve) {
          c2d.setTransform(1, 0, 0, 1, 0, 0);
          c2d.clearRect(0, 0, canvas.width, canvas.height);
        }
        for (const [name, args] of list) {
          if (name === 'drawImage') {
            const img = loaded[i++];
            // @ts-expect-error -- drawImage takes 2, 4 or 8 numbers after the image: the ones the app recorded.
            if (img) c2d.drawImage(img, ...args.slice(1));
          } else if (name === 'set') c2d[args[0]] = real(c2d, args[1]);
          else if (name === 'setShadow')
            Object.assign(c2d, {
              shadowOffsetX: args[0] || 0,
              shadowOffsetY: args[1] || 0,
              shadowBlur: args[2] || 0,
              shadowColor: args[3] || 'black',
            });
          else if (name === 'setFontSize') c2d.font = c2d.font.replace(/\d+(\.\d+)?px/, `${args[0]}px`);
          else c2d[name](...args);
        }
        if (typeof callback === 'function') callback();
      });
    },
    drawImage(src, ...rest) {
      ops.push(['drawImage', [src, ...rest]]);
    },
    setShadow(...args) {
      ops.push(['setShadow', args]);
    },
    setFontSize(size) {
      ops.push(['setFontSize', [size]]);
    },
    createLinearGradient: (...args) => gradient('linear', args),
    createCircularGradient: (...args) => gradient('circular', args),
    measureText(text) {
      const canvas = canvasOf(ctx, canvasId, component) || (win.document && win.document.createElement('canvas'));
      const c2d = canvas && canvas.getContext && canvas.getContext('2d');
      if (c2d && c.font) c2d.font = c.font;
      return { width: c2d ? c2d.measureText(String(text)).width : String(text).length * 10 };
    },
  };
  for (const [name, prop] of Object.entries(SETTERS))
    c[name] = (v) => {
      ops.push(['set', [prop, v]]);
    };
  for (const name of METHODS)
    c[name] = (...args) => {
      ops.push([name, args]);
    };
  // The newer property style (ctx.fillStyle = …) records too.
  for (const prop of PROPS) {
    let value;
    Object.defineProperty(c, prop, {
      get: () => value,
      set: (v) => {
        value = v;
        ops.push(['set', [prop, v]]);
      },
      enumerable: true,
    });
  }
  return c;
}

function blobOf(canvas, type, quality) {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(failure('canvas is empty'))), type, quality),
  );
}

/**
 * @param {MpApiContext} ctx
 * @returns {MpApiTable}
 */
export function canvasApis(ctx) {
  const win = (ctx && ctx.win) || globalThis;
  const need = (o, component) => {
    const canvas = o.canvas && o.canvas.getContext ? o.canvas : canvasOf(ctx, o.canvasId, component || o.component);
    if (!canvas) throw failure(`canvas not found: ${o.canvasId}`);
    return canvas;
  };
  return {
    createCanvasContext: (canvasId, component) => canvasContext(ctx, canvasId, component),
    canvasToTempFilePath: (o, component) =>
      api('canvasToTempFilePath', async () => {
        const src = need(o, component);
        const x = o.x || 0;
        const y = o.y || 0;
        const w = o.width || src.width - x;
        const h = o.height || src.height - y;
        const out = win.document.createElement('canvas');
        out.width = o.destWidth || w;
        out.height = o.destHeight || h;
        out.getContext('2d').drawImage(src, x, y, w, h, 0, 0, out.width, out.height);
        const jpg = o.fileType === 'jpg';
        const blob = await blobOf(out, jpg ? 'image/jpeg' : 'image/png', o.quality === undefined ? 1 : o.quality);
        return { tempFilePath: tempUrl(blob, win) };
      })(o),
    canvasGetImageData: (o, component) =>
      api('canvasGetImageData', () => {
        const d = need(o, component)
          .getContext('2d')
          .getImageData(o.x || 0, o.y || 0, o.width, o.height);
        return { width: d.width, height: d.height, data: d.data };
      })(o),
    canvasPutImageData: (o, component) =>
      api('canvasPutImageData', () => {
        const c2d = need(o, component).getContext('2d');
        const data = new win.ImageData(new Uint8ClampedArray(o.data), o.width, o.height);
        c2d.putImageData(data, o.x || 0, o.y || 0);
      })(o),
    createOffscreenCanvas(options = {}, height) {
      const o = typeof options === 'object' && options ? options : { width: options, height };
      if (typeof win.OffscreenCanvas === 'function') return new win.OffscreenCanvas(o.width || 300, o.height || 150);
      const c = win.document.createElement('canvas');
      c.width = o.width || 300;
      c.height = o.height || 150;
      return c;
    },
  };
}
