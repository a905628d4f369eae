// miniport runtime: keyed patching of vnode trees into the DOM (components and slots through hooks).
import { applyAnimation } from '../core/animation.js';
import { classTokens, decode, rpx, str, datasetAttr, propName } from '../render/values.js';

/*
 * Every element the patcher owns remembers its vnode (`__mpv`) and the instance whose template
 * rendered it (`__mpc`), which events read. What the patcher itself needs lives on entries, not
 * on elements (expando reads are slow in browsers): an entry is `{ n: vnode | string, c: ctx,
 * el, rec?, kids?, content?, attrs?, extV?, pending? }` — `rec` the record of a custom
 * component, `kids` the entries of its children (inside `content`, the element itself or a
 * built-in's content element), `attrs` the attributes last written.
 *
 * `hooks` connects the patcher to the framework:
 *   component(vnode, ctx) → component path or null
 *   mount(el, vnode, ctx, path) → record (renders into `el`), update(rec, vnode, ctx),
 *   unmount(rec), slot(vnode, ctx) → [vnodes, ownerCtx] (what fills a <slot>, and whose it is),
 *   classes(tokens, ctx) → class attribute value, builtin(tag) → a built-in component or
 *   undefined, pending(tag, ctx) → true while that built-in is loading (the framework renders
 *   `ctx` again, with `force` set so that no subtree is skipped, once it has loaded),
 *   builtinApi(el, ctx) → the api a built-in gets.
 */

/*
 * HTML tags written in WXML that name no WeChat built-in. WeChat's renderer makes them as the
 * HTML elements they name (the browser's own styles apply: a `div` is a block, WXSS `div {…}`
 * reaches it) and keeps only id, class, style, hidden and data-* on them (an `<a href>` does
 * not navigate, an `<img src>` loads nothing), as exparser does. The compiler keeps the same list
 * (transpiler/src/wechat/tags.rs HTML_TAGS, whose test compares the two).
 */
const HTML_TAGS = new Set(
  (
    'div span p a img h1 h2 h3 h4 h5 h6 ul ol li dl dt dd table thead tbody tfoot tr td th caption col colgroup '
    + 'section article aside header footer nav main figure figcaption blockquote pre code em strong b i u s '
    + 'small sub sup br hr abbr cite q mark del ins kbd samp var time address details summary dfn bdi bdo '
    + 'wbr ruby rt rp center font big strike tt'
  ).split(' '),
);

const hasSlot = new WeakMap();

function containsSlot(node) {
  if (typeof node !== 'object' || node === null) return false;
  let found = hasSlot.get(node);
  if (found === undefined) {
    found = node.tag === 'slot' || node.children.some(containsSlot);
    hasSlot.set(node, found);
  }
  return found;
}

function collect(items, ctx, hooks, out) {
  for (const item of items) {
    if (item === null || item === undefined || item === false) continue;
    if (Array.isArray(item)) collect(item, ctx, hooks, out);
    else if (typeof item === 'object' && item.tag === 'slot' && !hooks.component(item, ctx)) {
      const [nodes, owner] = hooks.slot(item, ctx);
      collect(nodes, owner, hooks, out);
    } else out.push({ n: item, c: ctx });
  }
  return out;
}

function keyOf(node) {
  return typeof node === 'object' && node.key !== undefined
    ? `${node.tag}\u0000${typeof node.key}\u0000${str(node.key)}`
    : undefined;
}

function sameKind(entry, item, hooks) {
  const a = entry.n;
  const b = item.n;
  if (typeof a !== 'object') return typeof b !== 'object';
  // An element drawn while its built-in was still loading is made again once it has loaded.
  if (entry.pending && hooks.builtin(b.tag)) return false;
  return typeof b === 'object' && a.tag === b.tag && entry.c === item.c;
}

// Whether `list` (children as rendered, without slots or nested arrays) lines up one to one
// with the entries `old`: same kinds, same keys, same order.
function sameShape(old, list, ctx, hooks) {
  if (old.length !== list.length) return false;
  for (let i = 0; i < list.length; i++) {
    const entry = old[i];
    const a = entry.n;
    const b = list[i];
    if (b === null || b === undefined || b === false || Array.isArray(b) || entry.c !== ctx) return false;
    if (typeof a !== 'object') {
      if (typeof b === 'object') return false;
      continue;
    }
    if (typeof b !== 'object' || a.tag !== b.tag || b.tag === 'slot' || a.key !== b.key) return false;
    if (entry.pending && hooks.builtin(b.tag)) return false;
  }
  return true;
}

/**
 * Patches the children of `parent`, whose entries are `old` (what the last call returned, or
 * []), to `vnodes` rendered by `ctx`; returns the new entries.
 * @param {Element} parent
 * @param {MpPatchEntry[]} old
 * @param {any[]} vnodes
 * @param {any} ctx the record whose template rendered `vnodes`
 * @param {MpPatchHooks} hooks
 * @param {boolean} [decodeText]
 * @returns {MpPatchEntry[]}
 */
export function patchChildren(parent, old, vnodes, ctx, hooks, decodeText = false) {
  const list = Array.isArray(vnodes) ? vnodes : [vnodes];
  if (sameShape(old, list, ctx, hooks)) {
    // The common case (same children, same keys, same order): patch each in place.
    for (let i = 0; i < list.length; i++) update(old[i], list[i], ctx, hooks, decodeText);
    return old;
  }
  const items = collect(list, ctx, hooks, []);
  const byKey = new Map();
  const loose = [];
  for (const entry of old) {
    const k = keyOf(entry.n);
    if (k === undefined) loose.push(entry);
    else if (byKey.has(k)) byKey.get(k).push(entry);
    else byKey.set(k, [entry]);
  }
  const used = new Set();
  const next = new Array(items.length);
  let cursor = 0;
  const doc = parent.ownerDocument;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    let entry = null;
    const k = keyOf(item.n);
    if (k !== undefined) {
      const list = byKey.get(k);
      if (list && list.length && sameKind(list[0], item, hooks)) entry = list.shift();
    } else {
      for (let j = cursor; j < loose.length && j < cursor + 8; j++) {
        if (!used.has(loose[j]) && sameKind(loose[j], item, hooks)) {
          entry = loose[j];
          cursor = j + 1;
          break;
        }
      }
    }
    if (entry) {
      used.add(entry);
      update(entry, item.n, item.c, hooks, decodeText);
      next[i] = entry;
    } else {
      next[i] = create(doc, item, hooks, decodeText);
    }
  }
  for (const entry of old) if (!used.has(entry)) remove(entry, hooks);
  let ref = parent.firstChild;
  for (const entry of next) {
    if (entry.el === ref) ref = ref.nextSibling;
    else parent.insertBefore(entry.el, ref);
  }
  return next;
}

function create(doc, item, hooks, decodeText) {
  const { n, c } = item;
  if (typeof n !== 'object') {
    const text = str(n);
    return { n, c, el: doc.createTextNode(decodeText ? decode(text) : text) };
  }
  const path = hooks.component(n, c);
  const html = !path && HTML_TAGS.has(n.tag);
  let el;
  try {
    el = doc.createElement(path || html ? n.tag : `wx-${n.tag}`);
  } catch {
    el = doc.createElement('wx-view');
  }
  el.__mpv = n;
  el.__mpc = c;
  const entry = { n, c, el, html };
  applyAttrs(entry, n, c, hooks, Boolean(path) || html);
  if (html) {
    entry.content = el;
    entry.kids = patchChildren(el, [], n.children, c, hooks);
    return entry;
  }
  if (n.attrs && n.attrs.animation) applyAnimation(el, n.attrs.animation);
  if (path) {
    el.setAttribute('is', path);
    entry.rec = hooks.mount(el, n, c, path);
    return entry;
  }
  const kind = hooks.builtin(n.tag);
  let content = el;
  if (!kind && hooks.pending(n.tag, c)) entry.pending = true;
  if (kind) {
    const api = hooks.builtinApi(el, c);
    entry.kind = kind;
    entry.api = api;
    const made = kind.create(el, n.attrs || {}, api);
    // `{ content: null }`: the built-in owns every child of the element (no author content).
    if (made && 'content' in made) content = made.content;
    el.__mpContent = content;
  }
  entry.content = content;
  entry.kids = content
    ? patchChildren(content, [], n.children, c, hooks, n.tag === 'text' && Boolean(n.attrs && n.attrs.decode))
    : [];
  return entry;
}

function update(entry, n, c, hooks, decodeText) {
  const old = entry.n;
  entry.n = n;
  if (typeof n !== 'object') {
    if (old !== n) {
      const text = str(n);
      entry.el.nodeValue = decodeText ? decode(text) : text;
    }
    return;
  }
  const el = entry.el;
  if (old === n && !containsSlot(n) && !entry.rec && entry.extV === c.extV && !hooks.force) return;
  if (old !== n) el.__mpv = n;
  // A component's external classes may change with the same vnode: `extV` counts them.
  const changed = (old !== n && !sameProps(old, n)) || entry.extV !== c.extV;
  if (changed) applyAttrs(entry, n, c, hooks, Boolean(entry.rec) || Boolean(entry.html));
  // The `animation` attribute (wx.createAnimation().export()) plays when it changes.
  if (n.attrs && n.attrs.animation && n.attrs.animation !== (old.attrs && old.attrs.animation))
    applyAnimation(el, n.attrs.animation);
  if (entry.rec) {
    hooks.update(entry.rec, n, c);
    return;
  }
  if (entry.content)
    entry.kids = patchChildren(
      entry.content,
      entry.kids,
      n.children,
      c,
      hooks,
      n.tag === 'text' && Boolean(n.attrs && n.attrs.decode),
    );
  // A built-in sees its new attributes once its children are in place.
  if (entry.kind && entry.kind.update && changed) entry.kind.update(el, n.attrs || {}, old.attrs || {}, entry.api);
}

function sameFields(a, b) {
  if (a === b) return true;
  if (!a || !b) return false;
  let n = 0;
  for (const k in a) {
    if (a[k] !== b[k]) return false;
    n++;
  }
  for (const _ in b) if (--n < 0) return false;
  return n === 0;
}

// Whether two vnodes of one element show the same attributes (then nothing is written).
function sameProps(a, b) {
  return a.class === b.class && a.style === b.style && sameFields(a.attrs, b.attrs) && sameFields(a.dataset, b.dataset);
}

/**
 * Removes an entry's node, detaching the components inside it first.
 * @param {MpPatchEntry} entry
 * @param {MpPatchHooks} hooks
 */
export function remove(entry, hooks) {
  release(entry, hooks);
  if (entry.el.parentNode) entry.el.parentNode.removeChild(entry.el);
}

function release(entry, hooks) {
  if (entry.rec) {
    hooks.unmount(entry.rec);
    return;
  }
  const el = entry.el;
  if (el.nodeType !== 1) return;
  for (const kid of entry.kids || []) release(kid, hooks);
  if (entry.kind && entry.kind.destroy) entry.kind.destroy(el, entry.api);
}

/**
 * Detaches the components among `entries` and below (their nodes stay until the caller removes them).
 * @param {MpPatchEntry[]} entries
 * @param {MpPatchHooks} hooks
 */
export function releaseChildren(entries, hooks) {
  for (const entry of entries || []) release(entry, hooks);
}

// The attributes an element shows: id, class (scoped), style (rpx), hidden, data-*, and a
// built-in's other attributes under WeChat's property names.
function attrsOf(node, ctx, hooks, isComponent) {
  const out = new Map();
  const attrs = node.attrs || {};
  // An empty id is no id (WeChat sets none).
  if (attrs.id !== undefined && attrs.id !== null && attrs.id !== '' && typeof attrs.id !== 'function')
    out.set('id', str(attrs.id));
  if (node.class !== undefined) {
    const tokens = classTokens(node.class);
    const value = hooks.classes(tokens, ctx);
    if (value) out.set('class', value);
  }
  if (node.style !== undefined && str(node.style).trim() !== '') out.set('style', rpx(str(node.style)));
  if (attrs.hidden) out.set('hidden', '');
  if (!isComponent) {
    for (const name of Object.keys(attrs)) {
      const value = attrs[name];
      if (
        name === 'id'
        || name === 'hidden'
        || value === undefined
        || value === null
        || value === false
        || typeof value === 'function'
      )
        continue;
      if (typeof value === 'object') continue;
      out.set(name.includes(':') ? name : propName(name), value === true ? '' : str(value));
    }
  }
  for (const key of Object.keys(node.dataset || {})) {
    const value = node.dataset[key];
    if (value !== undefined && typeof value !== 'object' && typeof value !== 'function')
      out.set(datasetAttr(key), str(value));
  }
  return out;
}

function applyAttrs(entry, node, ctx, hooks, isComponent) {
  const el = entry.el;
  const next = attrsOf(node, ctx, hooks, isComponent);
  const prev = entry.attrs;
  if (prev) {
    for (const name of prev.keys()) if (!next.has(name)) el.removeAttribute(name);
  }
  for (const [name, value] of next) {
    if (prev && prev.get(name) === value) continue;
    try {
      el.setAttribute(name, value);
    } catch {
      // A name the DOM refuses (`:disable-scroll`) stays in the vnode only.
    }
  }
  entry.attrs = next;
  entry.extV = ctx.extV;
}
