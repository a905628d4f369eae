// miniport runtime: <rich-text>: sanitised nodes (WeChat's tag and attribute whitelist).
import { attr, node, scoped, states, text } from './util.js';

const TAGS = {
  a: [],
  abbr: [],
  address: [],
  article: [],
  aside: [],
  b: [],
  bdi: [],
  bdo: ['dir'],
  big: [],
  blockquote: [],
  br: [],
  caption: [],
  center: [],
  cite: [],
  code: [],
  col: ['span', 'width'],
  colgroup: ['span', 'width'],
  dd: [],
  del: [],
  div: [],
  dl: [],
  dt: [],
  em: [],
  fieldset: [],
  font: [],
  footer: [],
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  header: [],
  hr: [],
  i: [],
  img: ['alt', 'src', 'height', 'width'],
  ins: [],
  label: [],
  legend: [],
  li: [],
  mark: [],
  nav: [],
  ol: ['start', 'type'],
  p: [],
  pre: [],
  q: [],
  rt: [],
  ruby: [],
  s: [],
  section: [],
  small: [],
  span: [],
  strong: [],
  sub: [],
  sup: [],
  table: ['width'],
  tbody: [],
  td: ['colspan', 'height', 'rowspan', 'width'],
  tfoot: [],
  th: ['colspan', 'height', 'rowspan', 'width'],
  thead: [],
  tr: ['colspan', 'height', 'rowspan', 'width'],
  tt: [],
  u: [],
  ul: [],
};
// Elements whose whole content is dropped, not only the element.
const DROP = new Set([
  'script',
  'style',
  'template',
  'iframe',
  'object',
  'embed',
  'noscript',
  'svg',
  'math',
  'head',
  'title',
  'textarea',
  'select',
  'xmp',
  'noembed',
  'noframes',
  'frameset',
  'frame',
  'link',
  'meta',
  'base',
]);

const BAD_STYLE = /expression\s*\(|javascript:|vbscript:|-moz-binding|behavior\s*:|@import|\\/i;

/**
 * A style attribute with only safe declarations (no script urls, expressions or escapes).
 * @param {any} style
 * @returns {string}
 */
export function cleanStyle(style) {
  return text(style)
    .split(';')
    .map((d) => d.trim())
    .filter((d) => {
      if (!d || BAD_STYLE.test(d)) return false;
      const urls = d.match(/url\s*\(([^)]*)\)/gi) || [];
      return urls.every((u) => /^url\s*\(\s*['"]?\s*(https:|http:|data:image\/(png|gif|jpe?g|webp);)/i.test(u));
    })
    .join('; ');
}

/** An image URL rich-text may show: http(s), data:image (raster), or a path resolved by the app. */
function cleanSrc(src, api) {
  const s = text(src).trim();
  if (/^(https?:)?\/\//i.test(s) || /^data:image\/(png|gif|jpe?g|webp);/i.test(s)) return s;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers drop C0 controls and spaces in a URL's scheme.
  if (/^[a-z][a-z0-9+.-]*:/i.test(s.replace(/[\u0000-\u0020]/g, ''))) return null;
  return api && typeof api.resolveUrl === 'function' ? api.resolveUrl(s) : s;
}

function build(doc, name, attrs, api) {
  const tag = String(name).toLowerCase();
  if (!Object.prototype.hasOwnProperty.call(TAGS, tag)) return null;
  const el = doc.createElement(tag);
  const allowed = TAGS[tag];
  for (const [rawKey, value] of attrs) {
    const key = String(rawKey).toLowerCase();
    if (key === 'class') {
      const cls = scoped(api, value);
      if (cls.length) el.setAttribute('class', cls.join(' '));
    } else if (key === 'style') {
      const st = cleanStyle(value);
      if (st) el.setAttribute('style', st);
    } else if (allowed.includes(key)) {
      if (key === 'src') {
        const src = cleanSrc(value, api);
        if (src !== null) el.setAttribute('src', src);
      } else if (key === 'dir') {
        if (/^(ltr|rtl|auto)$/i.test(text(value))) el.setAttribute(key, text(value));
      } else {
        el.setAttribute(key, text(value).replace(/[^\w%.# -]/g, ''));
      }
    }
  }
  return el;
}

/** DOM nodes for WeChat's node array: `{ name, attrs, children }` and `{ type: 'text', text }`. */
function fromArray(doc, list, api, out, depth) {
  if (!Array.isArray(list) || depth > 64) return out;
  for (const n of list) {
    if (!n || typeof n !== 'object') continue;
    if (n.type === 'text') {
      out.push(doc.createTextNode(text(n.text)));
      continue;
    }
    if (n.type !== undefined && n.type !== 'node') continue;
    if (DROP.has(String(n.name).toLowerCase())) continue;
    const el = build(doc, n.name, Object.entries(n.attrs && typeof n.attrs === 'object' ? n.attrs : {}), api);
    const children = fromArray(doc, n.children, api, [], depth + 1);
    if (el) {
      for (const c of children) el.appendChild(c);
      out.push(el);
    } else out.push(...children);
  }
  return out;
}

/** Copies a parsed (inert) tree into `doc`, keeping only whitelisted tags and attributes. */
function fromParsed(doc, parent, api, out, depth) {
  for (const n of parent.childNodes) {
    if (n.nodeType === 3) {
      out.push(doc.createTextNode(n.data));
      continue;
    }
    if (n.nodeType !== 1 || depth > 64) continue; // comments, processing instructions…
    const tag = n.localName;
    if (DROP.has(tag) || n.namespaceURI !== 'http://www.w3.org/1999/xhtml') continue;
    const el = build(
      doc,
      tag,
      [...n.attributes].map((a) => [a.name, a.value]),
      api,
    );
    const children = fromParsed(doc, n, api, [], depth + 1);
    if (el) {
      for (const c of children) el.appendChild(c);
      out.push(el);
    } else out.push(...children);
  }
  return out;
}

/**
 * Sanitised DOM nodes for rich-text `nodes`: an HTML string (parsed inertly, then rebuilt from
 * the whitelist) or WeChat's node array. Nothing from the input is inserted as it was parsed.
 * @param {Document} doc
 * @param {string | any[]} nodes
 * @param {Record<string, any>} [api] the built-in api (class scoping, URL resolving)
 * @returns {Node[]}
 */
export function sanitize(doc, nodes, api) {
  if (Array.isArray(nodes)) return fromArray(doc, nodes, api, [], 0);
  if (typeof nodes !== 'string' || !nodes) return [];
  const win = doc.defaultView;
  const parsed = new win.DOMParser().parseFromString(`<!doctype html><body>${nodes}`, 'text/html');
  return fromParsed(doc, parsed.body, api, [], 0);
}

const riches = states();
function renderRich(el, attrs, api) {
  const root = riches.get(el);
  root.textContent = '';
  for (const n of sanitize(el.ownerDocument, attr(attrs, 'nodes'), api)) root.appendChild(n);
  el.toggleAttribute('mp-space', Boolean(attr(attrs, 'space')));
}

export const richText = {
  create(el, attrs, api) {
    riches.set(el, node(el, 'span'));
    renderRich(el, attrs, api);
    return { content: null };
  },
  update(el, attrs, old, api) {
    if (attr(attrs, 'nodes') !== attr(old, 'nodes') || attr(attrs, 'space') !== attr(old, 'space'))
      renderRich(el, attrs, api);
  },
  destroy(el) {
    riches.delete(el);
  },
};
