// miniport runtime: WeChat's MapContext for one <map> (wx.createMapContext, and `fields({ context: true })`):
// centre, region, scale, moving and fitting the view, adding, removing and animating markers, screen
// coordinates; what needs a native map SDK (custom layers, ground overlays, clustering, arcs) fails and says so.
import { failure, settle } from '../core/callback.js';
import { fit, osmLink, point, project, unproject } from './map-geo.js';

/**
 * What the context needs of its map: `m` is the map's state (lat, lon, zoom, box, offset, extra markers),
 * `ops` redraws, rebuilds the markers, reads the bounds and the region, and emits events.
 * @typedef {{
 *   draw: () => void,
 *   rebuild: () => void,
 *   bounds: () => { min: number, max: number },
 *   region: () => Record<string, any>,
 *   emit: (name: string, detail: object) => void,
 * }} MapOps
 */

const NATIVE_ONLY = [
  'addCustomLayer',
  'removeCustomLayer',
  'addGroundOverlay',
  'updateGroundOverlay',
  'removeGroundOverlay',
  'addVisualLayer',
  'removeVisualLayer',
  'executeVisualLayerCommand',
  'eventListenerVisualLayer',
  'setBoundary',
  'initMarkerCluster',
  'addArc',
  'removeArc',
  'setLocMarkerIcon',
];

function need(o, key) {
  const c = point(o[key] || o);
  if (!c) throw failure(`parameter error: ${key} should have a latitude and a longitude`);
  return c;
}

/** The position of `lat`/`lon` in the map's box, in CSS pixels from its top-left corner. */
function screenOf(m, lat, lon) {
  const c = project(m.lat, m.lon, m.zoom);
  const p = project(lat, lon, m.zoom);
  return { x: p.x - c.x + m.box.clientWidth * m.offset[0], y: p.y - c.y + m.box.clientHeight * m.offset[1] };
}

/**
 * Moves marker `mk` to `to` over `duration` ms along a straight line, then calls `done`.
 * @param {any} m
 * @param {MapOps} ops
 * @param {{ lat: number, lon: number, el: HTMLElement }} mk
 * @param {{ lat: number, lon: number }} to
 * @param {number} duration
 * @param {() => void} done
 */
function glide(m, ops, mk, to, duration, done) {
  const win = m.box.ownerDocument.defaultView || globalThis;
  const from = { lat: mk.lat, lon: mk.lon };
  const start = win.performance.now();
  const step = (now) => {
    const t = duration > 0 ? Math.min(1, (now - start) / duration) : 1;
    mk.lat = from.lat + (to.lat - from.lat) * t;
    mk.lon = from.lon + (to.lon - from.lon) * t;
    ops.draw();
    if (t < 1) win.requestAnimationFrame(step);
    else done();
  };
  win.requestAnimationFrame(step);
}

/**
 * The MapContext of the map whose state is `m`.
 * @param {any} m
 * @param {MapOps} ops
 * @returns {Record<string, Function>}
 */
export function mapContext(m, ops) {
  const run = (name, fn) => (o) => {
    const opts = o && typeof o === 'object' ? o : {};
    let work;
    try {
      work = fn(opts);
    } catch (error) {
      work = Promise.reject(error);
    }
    return settle(name, opts, work);
  };
  const moved = (lat, lon, zoom) => {
    ops.emit('regionchange', { type: 'begin', causedBy: 'update', ...ops.region() });
    m.lat = lat;
    m.lon = lon;
    if (zoom !== undefined) m.zoom = zoom;
    ops.draw();
    ops.emit('regionchange', { type: 'end', causedBy: 'update', ...ops.region() });
  };
  const marker = (id) => {
    const mk = m.markerNodes.find((n) => n.id === id || String(n.id) === String(id));
    if (!mk) throw failure(`marker ${id} not found`);
    return mk;
  };
  const context = {
    getCenterLocation: run('getCenterLocation', () => ({ latitude: m.lat, longitude: m.lon })),
    setCenterOffset: run('setCenterOffset', (o) => {
      const off = Array.isArray(o.offset) ? o.offset.map(Number) : [];
      if (off.length !== 2 || off.some((v) => !(v >= 0.25 && v <= 0.75)))
        throw failure('parameter error: offset should be [x, y], each from 0.25 to 0.75');
      m.offset = off;
      ops.draw();
    }),
    getRegion: run('getRegion', () => {
      const { region } = ops.region();
      return { southwest: region.southwest, northeast: region.northeast };
    }),
    getScale: run('getScale', () => ({ scale: m.zoom })),
    getRotate: run('getRotate', () => ({ rotate: 0 })),
    getSkew: run('getSkew', () => ({ skew: 0 })),
    moveToLocation: run('moveToLocation', (o) => {
      if (point(o)) {
        const c = need(o, 'location');
        return moved(c.lat, c.lon);
      }
      const geo = m.box.ownerDocument.defaultView.navigator.geolocation;
      if (!geo) throw failure('the location is not available in this browser');
      return new Promise((resolve, reject) =>
        geo.getCurrentPosition(
          (p) => resolve(moved(p.coords.latitude, p.coords.longitude)),
          (e) => reject(failure(`auth deny ${e && e.message ? e.message : ''}`.trim())),
        ),
      );
    }),
    includePoints: run('includePoints', (o) => {
      const { min, max } = ops.bounds();
      const v = fit(o.points, m.box.clientWidth, m.box.clientHeight, o.padding, min, max);
      if (!v) throw failure('parameter error: points should be a non-empty array of coordinates');
      moved(v.lat, v.lon, v.zoom);
    }),
    translateMarker: run('translateMarker', (o) => {
      const mk = marker(o.markerId);
      const to = need(o, 'destination');
      const duration = o.duration === undefined ? 1000 : Math.max(0, Number(o.duration) || 0);
      return new Promise((resolve) =>
        glide(m, ops, mk, to, duration, () => {
          if (typeof o.animationEnd === 'function') o.animationEnd();
          resolve({});
        }),
      );
    }),
    moveAlong: run('moveAlong', (o) => {
      const mk = marker(o.markerId);
      const path = (Array.isArray(o.path) ? o.path : []).map(point).filter((p) => p !== null);
      if (!path.length) throw failure('parameter error: path should be a non-empty array of coordinates');
      const total = Math.max(0, Number(o.duration) || 0);
      const each = total / path.length;
      return path.reduce(
        (prev, to) => prev.then(() => new Promise((resolve) => glide(m, ops, mk, to, each, () => resolve({})))),
        Promise.resolve({}),
      );
    }),
    addMarkers: run('addMarkers', (o) => {
      if (!Array.isArray(o.markers)) throw failure('parameter error: markers should be an Array');
      if (o.clear) {
        m.extra = [];
        m.cleared = true;
      }
      const ids = new Set(o.markers.map((k) => k && k.id));
      m.extra = m.extra.filter((k) => !ids.has(k.id)).concat(o.markers);
      ops.rebuild();
      ops.draw();
    }),
    removeMarkers: run('removeMarkers', (o) => {
      if (!Array.isArray(o.markerIds)) throw failure('parameter error: markerIds should be an Array');
      for (const id of o.markerIds) m.removed.add(String(id));
      m.extra = m.extra.filter((k) => !m.removed.has(String(k && k.id)));
      ops.rebuild();
      ops.draw();
    }),
    toScreenLocation: run('toScreenLocation', (o) => {
      const c = need(o, 'location');
      return screenOf(m, c.lat, c.lon);
    }),
    fromScreenLocation: run('fromScreenLocation', (o) => {
      const x = Number(o.x);
      const y = Number(o.y);
      if (!Number.isFinite(x) || !Number.isFinite(y)) throw failure('parameter error: x and y should be Numbers');
      const c = project(m.lat, m.lon, m.zoom);
      const dx = x - m.box.clientWidth * m.offset[0];
      const dy = y - m.box.clientHeight * m.offset[1];
      return unproject(c.x + dx, c.y + dy, m.zoom);
    }),
    openMapApp: run('openMapApp', (o) => {
      const c = need(o, 'location');
      const win = m.box.ownerDocument.defaultView;
      if (!win || typeof win.open !== 'function') throw failure('cannot open a map here');
      win.open(osmLink(c.lat, c.lon, m.zoom), '_blank', 'noopener');
    }),
    on: (event, callback) => {
      // Marker clusters need a native map SDK: the events never fire.
      void event;
      void callback;
    },
  };
  for (const name of NATIVE_ONLY)
    context[name] = run(name, () => {
      throw failure('not supported: miniport draws <map> from web tiles, without a native map SDK');
    });
  return context;
}
