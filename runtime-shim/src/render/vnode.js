// miniport runtime: the vnode constructor and the HTML serializer of vnode trees (render tool).
import { datasetAttr, decode, propName, str } from './values.js';

function flatten(items, out) {
  for (const item of items) {
    if (item === null || item === undefined || item === false) continue;
    if (Array.isArray(item)) flatten(item, out);
    else out.push(item);
  }
  return out;
}

/**
 * A vnode: `{ tag, ...props, children }`; nested arrays of children are flattened.
 * @param {string} tag
 * @param {Record<string, any>} props
 * @param {any[]} children
 * @returns {MpVNode}
 */
export function h(tag, props, children) {
  /** @type {MpVNode} */
  const node = { tag, ...props };
  node.children = flatten(children, []);
  return node;
}

/**
 * Flattens a render result (arrays of vnodes and strings) into one array.
 * @param {any} result
 * @returns {Array<MpVNode | string>}
 */
export function nodes(result) {
  return flatten([result], []);
}

/**
 * The element name a vnode is mounted as: its tag for a custom component, else `wx-<tag>`.
 * @param {MpVNode} node
 * @returns {string}
 */
export function elementName(node) {
  return node.component ? node.tag : `wx-${node.tag}`;
}

const escapeText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * The attributes a vnode shows, as [name, value] (value `''` for a bare attribute): id,
 * class, style, `hidden` when truthy, a built-in's other attributes by property name
 * (`scroll-y` → `scrollY`, as wcc names them) as `setAttribute` would hold them
 * (`undefined` left out), and `data-*`. A component's properties are not shown.
 * @param {MpVNode} node
 * @returns {Array<[string, string]>}
 */
export function shownAttrs(node) {
  const out = [];
  const add = (name, value) => {
    if (value === undefined || typeof value === 'function') return;
    out.push([name, str(value)]);
  };
  const attrs = node.attrs || {};
  if (attrs.id !== '') add('id', attrs.id);
  if (node.class !== undefined && node.class.trim() !== '') add('class', node.class.trim().split(/\s+/).join(' '));
  if (node.style !== undefined && node.style.trim() !== '') add('style', node.style);
  if (attrs.hidden) out.push(['hidden', '']);
  if (!node.component) {
    for (const name of Object.keys(attrs))
      if (name !== 'id' && name !== 'hidden') add(name.includes(':') ? name : propName(name), attrs[name]);
  }
  for (const key of Object.keys(node.dataset || {})) add(datasetAttr(key), node.dataset[key]);
  return out;
}

/**
 * HTML of a vnode tree: built-ins as `wx-*`, components as their tag, author's classes.
 * @param {Array<MpVNode | string>} tree
 * @param {boolean} [decodeText]
 * @returns {string}
 */
export function toHTML(tree, decodeText = false) {
  let html = '';
  for (const node of nodes(tree)) {
    if (typeof node !== 'object') {
      const text = str(node);
      html += escapeText(decodeText ? decode(text) : text);
      continue;
    }
    // A slot left unfilled shows nothing (WeChat shows no fallback content).
    if (node.tag === 'slot' && !node.component) continue;
    const name = elementName(node);
    const attrs = shownAttrs(node)
      .map(([k, v]) => (v === '' ? ` ${k}` : ` ${k}="${escapeAttr(v)}"`))
      .join('');
    const decodes = node.tag === 'text' && !node.component && Boolean(node.attrs && node.attrs.decode);
    html += `<${name}${attrs}>${toHTML(node.children, decodes)}</${name}>`;
  }
  return html;
}
