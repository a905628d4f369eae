// miniport runtime: <map>: tiles from `miniport.json`'s `map.tiles` (Web Mercator, drag to pan, wheel to
// zoom), markers with callouts and their taps, polylines, polygons and circles, include-points,
// regionchange, and its MapContext; without a tile source, a placeholder with an "open in maps" link.
// Coordinates are drawn as given (no GCJ-02 shift).
import { mapContext } from './map-context.js';
import { TILE, fit, osmLink, point, project, unproject } from './map-geo.js';
import { drawOverlays, overlayLayer } from './map-overlays.js';
import { attr, clamp, node, num, states, text } from './util.js';

const maps = states();

/** The tile settings of miniport.json (`{ tiles, attribution }`), or null. */
function tileSource() {
  const config = /** @type {any} */ (globalThis).__miniportConfig;
  const m = config && config.map;
  return m && typeof m.tiles === 'string' ? m : null;
}

function view(m) {
  const { attrs } = m;
  const min = clamp(num(attr(attrs, 'min-scale'), 3), 3, 20);
  const max = clamp(num(attr(attrs, 'max-scale'), 20), min, 20);
  return { min, max };
}

function tileUrl(template, z, x, y) {
  const n = 2 ** z;
  const wx = ((x % n) + n) % n;
  return template.replace('{z}', String(z)).replace('{x}', String(wx)).replace('{y}', String(y));
}

function region(m) {
  const w = m.box.clientWidth;
  const h = m.box.clientHeight;
  const c = project(m.lat, m.lon, m.zoom);
  const [ox, oy] = m.offset;
  const sw = unproject(c.x - w * ox, c.y + h * (1 - oy), m.zoom);
  const ne = unproject(c.x + w * (1 - ox), c.y - h * oy, m.zoom);
  return {
    centerLocation: { latitude: m.lat, longitude: m.lon },
    region: { southwest: sw, northeast: ne },
    scale: m.zoom,
    rotate: 0,
    skew: 0,
  };
}

function draw(m) {
  const src = m.source;
  const w = m.box.clientWidth;
  const h = m.box.clientHeight;
  const z = Math.round(m.zoom);
  const c = project(m.lat, m.lon, z);
  // The centre location sits at the centre offset (MapContext.setCenterOffset), the middle by default.
  const left = c.x - w * m.offset[0];
  const top = c.y - h * m.offset[1];
  const wanted = new Set();
  const n = 2 ** z;
  for (let ty = Math.floor(top / TILE); ty <= Math.floor((top + h) / TILE); ty++) {
    if (ty < 0 || ty >= n) continue;
    for (let tx = Math.floor(left / TILE); tx <= Math.floor((left + w) / TILE); tx++) {
      const key = `${z}/${tx}/${ty}`;
      wanted.add(key);
      let img = m.tiles.get(key);
      if (!img) {
        img = node(m.layer, 'img', 'wx-map-tile');
        img.alt = '';
        img.draggable = false;
        img.src = tileUrl(src.tiles, z, tx, ty);
        m.tiles.set(key, img);
      }
      img.style.transform = `translate(${Math.round(tx * TILE - left)}px, ${Math.round(ty * TILE - top)}px)`;
    }
  }
  for (const [key, img] of m.tiles) {
    if (!wanted.has(key)) {
      img.remove();
      m.tiles.delete(key);
    }
  }
  for (const mk of m.markerNodes) {
    const p = project(mk.lat, mk.lon, z);
    mk.el.style.transform = `translate(${Math.round(p.x - left)}px, ${Math.round(p.y - top)}px)`;
  }
  drawOverlays(m.svg, m.attrs, z, left, top);
}

function markers(m) {
  for (const mk of m.markerNodes) mk.el.remove();
  m.markerNodes = [];
  // The attribute's markers (unless MapContext.addMarkers cleared them), then those added by the context;
  // a later marker with the same id replaces an earlier one, removed ids stay out.
  const own = attr(m.attrs, 'markers');
  const byId = new Map();
  for (const item of [...(Array.isArray(own) && !m.cleared ? own : []), ...m.extra]) {
    if (!item || typeof item !== 'object' || m.removed.has(String(item.id))) continue;
    byId.set(item.id === undefined ? Symbol('marker') : String(item.id), item);
  }
  for (const item of byId.values()) {
    const c = point(item);
    if (!c) continue;
    const { lat, lon } = c;
    const el = node(m.pins, 'div', 'wx-map-marker');
    const anchor = item.anchor || { x: 0.5, y: 1 };
    const icon = node(el, item.iconPath ? 'img' : 'span', 'wx-map-marker-icon');
    if (item.iconPath && m.api.resolveUrl)
      /** @type {HTMLImageElement} */ (icon).src = m.api.resolveUrl(text(item.iconPath));
    if (item.width) icon.style.width = `${num(item.width, 0)}px`;
    if (item.height) icon.style.height = `${num(item.height, 0)}px`;
    icon.style.transform = `translate(${-num(anchor.x, 0.5) * 100}%, ${-num(anchor.y, 1) * 100}%)`;
    if (item.title) el.title = text(item.title);
    const callout = item.callout && item.callout.content ? item.callout : null;
    if (callout) {
      const bubble = node(el, 'div', 'wx-map-callout');
      bubble.textContent = text(callout.content);
      if (callout.color) bubble.style.color = text(callout.color);
      if (callout.bgColor) bubble.style.background = text(callout.bgColor);
      bubble.hidden = callout.display !== 'ALWAYS';
      bubble.addEventListener('click', (e) => {
        e.stopPropagation();
        m.api.emit('callouttap', { markerId: item.id });
      });
    }
    icon.addEventListener('click', (e) => {
      e.stopPropagation();
      m.api.emit('markertap', { markerId: item.id });
      const bubble = /** @type {HTMLElement | null} */ (el.querySelector('.wx-map-callout'));
      if (bubble && callout && callout.display !== 'ALWAYS') bubble.hidden = !bubble.hidden;
    });
    m.markerNodes.push({ el, lat, lon, id: item.id });
  }
}

function placeholder(m) {
  m.box.textContent = '';
  const box = node(m.box, 'div', 'mp-native-placeholder wx-map-placeholder');
  const label = node(box, 'span');
  label.textContent = `map ${m.lat.toFixed(5)}, ${m.lon.toFixed(5)}`;
  const link = node(box, 'a', 'wx-map-open');
  link.textContent = 'Open in maps';
  link.href = osmLink(m.lat, m.lon, m.zoom);
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
}

function read(m, old) {
  const { attrs } = m;
  const { min, max } = view(m);
  if (!old || attr(attrs, 'latitude') !== attr(old, 'latitude'))
    m.lat = clamp(num(attr(attrs, 'latitude'), 39.909), -85, 85);
  if (!old || attr(attrs, 'longitude') !== attr(old, 'longitude')) m.lon = num(attr(attrs, 'longitude'), 116.39742);
  if (!old || attr(attrs, 'scale') !== attr(old, 'scale'))
    m.zoom = clamp(Math.round(num(attr(attrs, 'scale'), 16)), min, max);
}

/** Fits the view to `include-points` (when set, and changed since `old`); waits for the box to have a size. */
function include(m, old) {
  const pts = attr(m.attrs, 'include-points');
  if (!Array.isArray(pts) || !pts.length || (old && pts === attr(old, 'include-points'))) return;
  m.fitLater = pts;
  fitPending(m);
}

function fitPending(m) {
  if (!m.fitLater || !m.box.clientWidth || !m.box.clientHeight) return;
  const { min, max } = view(m);
  const v = fit(m.fitLater, m.box.clientWidth, m.box.clientHeight, [0, 0, 0, 0], min, max);
  m.fitLater = null;
  if (v) Object.assign(m, { lat: v.lat, lon: v.lon, zoom: v.zoom });
}

function interact(el, m) {
  let drag = null;
  m.box.addEventListener('pointerdown', (e) => {
    if (attr(m.attrs, 'enable-scroll') === false || e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, c: project(m.lat, m.lon, m.zoom), moved: false };
  });
  m.box.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) {
      drag.moved = true;
      m.box.setPointerCapture(e.pointerId);
      m.api.emit('regionchange', { type: 'begin', causedBy: 'gesture', ...region(m) });
    }
    const p = unproject(drag.c.x - dx, drag.c.y - dy, m.zoom);
    m.lat = p.latitude;
    m.lon = p.longitude;
    draw(m);
  });
  const up = () => {
    if (drag && drag.moved) {
      m.api.emit('regionchange', { type: 'end', causedBy: 'drag', ...region(m) });
    }
    drag = null;
  };
  m.box.addEventListener('pointerup', up);
  m.box.addEventListener('pointercancel', up);
  m.box.addEventListener(
    'wheel',
    (e) => {
      if (attr(m.attrs, 'enable-zoom') === false) return;
      e.preventDefault();
      const { min, max } = view(m);
      const next = clamp(m.zoom + (e.deltaY < 0 ? 1 : -1), min, max);
      if (next === m.zoom) return;
      m.api.emit('regionchange', { type: 'begin', causedBy: 'gesture', ...region(m) });
      m.zoom = next;
      draw(m);
      m.api.emit('regionchange', { type: 'end', causedBy: 'scale', ...region(m) });
    },
    { passive: false },
  );
}

export const map = {
  create(el, attrs, api) {
    const box = node(el, 'div', 'wx-map-container');
    const m = maps.set(el, {
      attrs,
      api,
      box,
      tiles: new Map(),
      markerNodes: [],
      source: tileSource(),
      lat: 0,
      lon: 0,
      zoom: 16,
      offset: [0.5, 0.5],
      extra: [],
      removed: new Set(),
      cleared: false,
    });
    read(m, null);
    const slot = node(el, 'div', 'wx-map-slot');
    if (!m.source) {
      placeholder(m);
      return { content: slot };
    }
    m.layer = node(box, 'div', 'wx-map-tiles');
    m.svg = overlayLayer(box);
    m.pins = node(box, 'div', 'wx-map-markers');
    if (m.source.attribution) node(box, 'div', 'wx-map-attribution').textContent = text(m.source.attribution);
    markers(m);
    interact(el, m);
    /** @type {any} */ (el).__mpContext = mapContext(m, {
      draw: () => draw(m),
      rebuild: () => markers(m),
      bounds: () => view(m),
      region: () => region(m),
      emit: (name, detail) => m.api.emit(name, detail),
    });
    const win = el.ownerDocument.defaultView;
    if (win.ResizeObserver) {
      m.ro = new win.ResizeObserver(() => {
        fitPending(m);
        draw(m);
      });
      m.ro.observe(box);
    }
    queueMicrotask(() => {
      include(m, null);
      draw(m);
      api.emit('updated', {});
    });
    return { content: slot };
  },
  update(el, attrs, old, api) {
    const m = maps.get(el);
    Object.assign(m, { attrs, api });
    read(m, old);
    if (!m.source) return placeholder(m);
    if (attr(attrs, 'markers') !== attr(old, 'markers')) {
      // New markers from the page replace what the context cleared or removed.
      m.cleared = false;
      m.removed.clear();
      markers(m);
    }
    include(m, old);
    draw(m);
    api.emit('updated', {});
  },
  destroy(el) {
    const m = maps.get(el);
    if (m && m.ro) m.ro.disconnect();
    maps.delete(el);
  },
};
