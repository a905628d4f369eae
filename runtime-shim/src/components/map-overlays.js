// miniport runtime: the vector layers of <map> — `polyline`, `polygons` and `circles` drawn as SVG over
// the tiles, in WeChat's attribute shapes (colours as #RRGGBBAA, widths in pixels, radii in metres).
import { metresPerPixel, point, project } from './map-geo.js';
import { text } from './util.js';

const SVG = 'http://www.w3.org/2000/svg';

/** A WeChat colour (#RRGGBB or #RRGGBBAA, which CSS reads as they are) or `fallback`. */
function colour(value, fallback) {
  const s = typeof value === 'string' ? value.trim() : '';
  return /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(s) ? s : fallback;
}

function width(value, fallback) {
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

function shape(svg, tag, attrs) {
  const el = svg.ownerDocument.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  svg.appendChild(el);
  return el;
}

/** The `points` attribute of an SVG polyline/polygon for WeChat's point list, seen from `at`. */
function pointsOf(list, at) {
  const out = [];
  for (const p of Array.isArray(list) ? list : []) {
    const c = point(p);
    if (!c) continue;
    const q = at(c.lat, c.lon);
    out.push(`${q.x.toFixed(1)},${q.y.toFixed(1)}`);
  }
  return out;
}

/**
 * Redraws the vector layers of the map `m` (its `attrs` and its extra overlays) into `svg`, for the view
 * whose top-left world pixel is (`left`, `top`) at whole zoom `z`.
 * @param {SVGSVGElement} svg
 * @param {Record<string, any>} attrs the map's attributes
 * @param {number} z
 * @param {number} left
 * @param {number} top
 */
export function drawOverlays(svg, attrs, z, left, top) {
  while (svg.firstChild) svg.firstChild.remove();
  const at = (lat, lon) => {
    const p = project(lat, lon, z);
    return { x: p.x - left, y: p.y - top };
  };
  const list = (name) => (Array.isArray(attrs[name]) ? attrs[name] : []);
  for (const g of list('polygons')) {
    const pts = pointsOf(g && g.points, at);
    if (pts.length < 3) continue;
    shape(svg, 'polygon', {
      class: 'wx-map-polygon',
      points: pts.join(' '),
      fill: colour(g.fillColor, 'none'),
      stroke: colour(g.strokeColor, '#000000'),
      'stroke-width': width(g.strokeWidth, 1),
    });
  }
  for (const c of list('circles')) {
    const centre = point(c);
    if (!centre) continue;
    const q = at(centre.lat, centre.lon);
    shape(svg, 'circle', {
      class: 'wx-map-circle',
      cx: q.x.toFixed(1),
      cy: q.y.toFixed(1),
      r: (width(c.radius, 0) / metresPerPixel(centre.lat, z)).toFixed(1),
      fill: colour(c.fillColor, 'none'),
      stroke: colour(c.color, '#000000'),
      'stroke-width': width(c.strokeWidth, 1),
    });
  }
  for (const l of list('polyline')) {
    const pts = pointsOf(l && l.points, at);
    if (pts.length < 2) continue;
    const w = width(l.width, 2);
    const border = width(l.borderWidth, 0);
    if (border > 0)
      shape(svg, 'polyline', {
        class: 'wx-map-polyline-border',
        points: pts.join(' '),
        fill: 'none',
        stroke: colour(l.borderColor, '#000000'),
        'stroke-width': w + border * 2,
        'stroke-linejoin': 'round',
        'stroke-linecap': 'round',
      });
    shape(svg, 'polyline', {
      class: 'wx-map-polyline',
      points: pts.join(' '),
      fill: 'none',
      stroke: colour(l.color, '#000000'),
      'stroke-width': w,
      'stroke-linejoin': 'round',
      'stroke-linecap': 'round',
      'stroke-dasharray': l.dottedLine ? `${w} ${w * 2}` : undefined,
      'data-level': l.level ? text(l.level) : undefined,
    });
  }
}

/**
 * The SVG element of the vector layers, created in `box`.
 * @param {Element} box
 * @returns {SVGSVGElement}
 */
export function overlayLayer(box) {
  const svg = /** @type {SVGSVGElement} */ (box.ownerDocument.createElementNS(SVG, 'svg'));
  svg.setAttribute('class', 'wx-map-overlays');
  box.appendChild(svg);
  return svg;
}
