// miniport runtime: the geometry of <map>: Web Mercator world pixels, metres per pixel, and the view that
// fits a set of points (include-points, MapContext.includePoints).
import { clamp } from './util.js';

/** The side of a map tile in CSS pixels. */
export const TILE = 256;
const EARTH_RADIUS = 6378137;

/**
 * World pixel of a coordinate at `zoom` (Web Mercator).
 * @param {number} lat
 * @param {number} lon
 * @param {number} zoom
 * @returns {{ x: number, y: number }}
 */
export function project(lat, lon, zoom) {
  const size = TILE * 2 ** zoom;
  const s = Math.sin((clamp(lat, -85.0511, 85.0511) * Math.PI) / 180);
  return { x: ((lon + 180) / 360) * size, y: (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * size };
}

/**
 * The coordinate of world pixel (x, y) at `zoom`.
 * @param {number} x
 * @param {number} y
 * @param {number} zoom
 * @returns {{ latitude: number, longitude: number }}
 */
export function unproject(x, y, zoom) {
  const size = TILE * 2 ** zoom;
  const lon = (x / size) * 360 - 180;
  const n = Math.PI - (2 * Math.PI * y) / size;
  return { latitude: (180 / Math.PI) * Math.atan(Math.sinh(n)), longitude: lon };
}

/**
 * Metres on the ground per CSS pixel at latitude `lat` and `zoom`.
 * @param {number} lat
 * @param {number} zoom
 * @returns {number}
 */
export function metresPerPixel(lat, zoom) {
  return (Math.cos((lat * Math.PI) / 180) * 2 * Math.PI * EARTH_RADIUS) / (TILE * 2 ** zoom);
}

/**
 * A coordinate from WeChat's `{ latitude, longitude }`, or null when either is not a finite number.
 * @param {any} p
 * @returns {{ lat: number, lon: number } | null}
 */
export function point(p) {
  if (!p || typeof p !== 'object') return null;
  const lat = Number(p.latitude);
  const lon = Number(p.longitude);
  return Number.isFinite(lat) && Number.isFinite(lon) ? { lat, lon } : null;
}

/**
 * The centre and the largest whole zoom in [min, max] at which every point fits a `width` × `height`
 * box inside `padding` ([top, right, bottom, left] pixels), or null without points.
 * @param {any[]} points WeChat's `{ latitude, longitude }` objects
 * @param {number} width
 * @param {number} height
 * @param {number[]} padding
 * @param {number} min
 * @param {number} max
 * @returns {{ lat: number, lon: number, zoom: number } | null}
 */
export function fit(points, width, height, padding, min, max) {
  const pts = (Array.isArray(points) ? points : []).map(point).filter((p) => p !== null);
  if (!pts.length) return null;
  const [top, right, bottom, left] = [0, 1, 2, 3].map((i) => Math.max(0, Number(padding && padding[i]) || 0));
  const w = Math.max(1, width - left - right);
  const h = Math.max(1, height - top - bottom);
  const world = pts.map((p) => project(p.lat, p.lon, 0));
  const xs = world.map((p) => p.x);
  const ys = world.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let zoom = max;
  while (zoom > min && ((x1 - x0) * 2 ** zoom > w || (y1 - y0) * 2 ** zoom > h)) zoom--;
  // The centre of the padded box, moved back to the centre of the whole box.
  const scale = 2 ** zoom;
  const cx = ((x0 + x1) / 2) * scale - (left - right) / 2;
  const cy = ((y0 + y1) / 2) * scale - (top - bottom) / 2;
  const c = unproject(cx, cy, zoom);
  return { lat: c.latitude, lon: c.longitude, zoom };
}

/**
 * The OpenStreetMap page of a place (the placeholder's "open in maps" link and MapContext.openMapApp).
 * @param {number} lat
 * @param {number} lon
 * @param {number} zoom
 * @returns {string}
 */
export function osmLink(lat, lon, zoom) {
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=${Math.round(zoom)}/${lat}/${lon}`;
}
