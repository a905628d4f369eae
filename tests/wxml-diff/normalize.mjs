// The one normal form in which the three renderings of a case are compared: WeChat's `wcc`
// virtual tree, miniprogram-simulate's DOM, and the HTML printed by miniport's render tool.
//
// A normalised node is either
//   { text: '…' }                                   a run of displayed text, or
//   { tag, attrs: { name: value }, events: [..], children: [..] }   an element.
//
// What is kept, and how:
// - tag: lower-cased, without the `wx-` prefix (`wx-view` ≡ `view`): wcc names built-ins
//   `wx-view`, the DOMs print `<wx-view>`, authors write `<view>`.
// - class: the sorted list of distinct class names as exparser reads them from the value
//   (its class-name pattern: an array `['a','b']`, shown `a,b`, is `a b`; `a:b` is `a b`),
//   joined by one space (order and repeats are invisible to selectors). A prefix that a renderer adds
//   for style isolation (simulate's `<tag>--`) is stripped by the caller's `classPrefix`.
//   An empty class is no class.
// - style: declarations split on `;`, each trimmed with one `: ` between property and value,
//   empty ones dropped, joined by `; `. miniport's `calc(N * var(--miniport-rpx))` is read
//   back as `Nrpx` (it is how miniport writes rpx at run time, not a template difference).
// - hidden: present (value '') when WeChat would hide the node, i.e. when the value is truthy
//   (a non-empty string such as "false" or "0 " is truthy, as in WeChat); else absent.
// - id, data-*, and every other author attribute: the name lower-cased (HTML attribute names
//   are case-insensitive, and WeChat's dataset lower-cases them too: `data-shopType` is
//   `dataset.shoptype`), the value as `setAttribute` would hold it (String(value): `null` is
//   "null", an array "1,2", an object "[object Object]"). wcc gives a valueless attribute
//   (`<input disabled>`) as `true`, exactly as `disabled="{{true}}"`, so both are "true".
//   An attribute whose value is `undefined` in wcc's tree is absent.
// - events (`bindtap`, `bind:tap`, `catch…`, `capture-bind:…`, `capture-catch:…`, `mut-bind:…`):
//   taken out of the attributes into a sorted list `kind:event=handler` with the colon form
//   and the plain form made equal. Sources that cannot show events (HTML without them) pass
//   `events: false` and are compared without them.
// - text: adjacent text joined, empty text dropped. Outside `<text>` a run of spaces, tabs and
//   newlines displays as one space (CSS `white-space: normal`), so it is compared as one space;
//   inside `<text>` text is kept exactly. Inside a `<text>` whose `decode` is truthy, the
//   entities WeChat's text component decodes (&nbsp; &lt; &gt; &amp; &apos; &ensp; &emsp;) are
//   decoded for sources that give raw text (wcc, simulate); HTML sources already give
//   displayed text. Elsewhere entities stay raw, as WeChat shows them.
//
// What is ignored, and why:
// - `<slot>` elements, with any children written inside them: a slot is a virtual node in
//   WeChat that shows what the component's user passes in (exparser puts no element in the
//   DOM for it, and shows no "fallback" children); wcc keeps a `wx-slot` placeholder. The
//   cases are pages and components used without content, so a slot shows nothing.
// - wcc's bookkeeping fields (raw, generics, wxKey, wxVkey, wxXCkey, n): not rendered.
// - `wx:key` values: they steer diffing, not what is displayed (keys are checked through the
//   structure they must leave unchanged).
// - Attribute *types*: the DOM and HTML hold strings. Where WeChat keeps a value's type
//   (an attribute that is exactly one `{{ }}`), the cases observe it through its effects
//   (`hidden`, `decode`, `wx:if`, data passed to templates), which are compared.
// - Built-in components' inner structure (simulate has none; miniport's render tool skips it).

const EVENT_RE = /^(capture-bind|capture-catch|mut-bind|bind|catch)(:?)(.+)$/;
const DECODE = { nbsp: '\u00a0', lt: '<', gt: '>', amp: '&', apos: "'", ensp: '\u2002', emsp: '\u2003' };

/** Split an attribute name into an event binding, or null. */
export function parseEvent(name) {
  const m = EVENT_RE.exec(name);
  if (!m) return null;
  return { kind: m[1], event: m[3] };
}

function truthy(v) {
  return !!v;
}

export function normStyle(v) {
  return String(v)
    .replace(/calc\(\s*(-?[\d.]+)\s*\*\s*var\(--miniport-rpx\)\s*\)/g, '$1rpx')
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => {
      const i = d.indexOf(':');
      if (i < 0) return d.replace(/\s+/g, ' ');
      return `${d.slice(0, i).trim().toLowerCase()}: ${d
        .slice(i + 1)
        .trim()
        .replace(/\s+/g, ' ')}`;
    })
    .join('; ');
}

const EXPARSER_CLASS_NAME = /(~|\^+)?-?[_0-9a-z][-_0-9a-z]*/gi;

export function normClass(v, classPrefix) {
  const toks = (String(v).match(EXPARSER_CLASS_NAME) || []).map((t) =>
    classPrefix && t.startsWith(classPrefix) ? t.slice(classPrefix.length) : t,
  );
  return [...new Set(toks)].sort().join(' ');
}

/**
 * Normalise one attribute into `attrs`/`events`.
 * `raw` is true for wcc's typed values, false for DOM strings.
 */
function putAttr(el, name, value, { raw, classPrefix }) {
  const ev = parseEvent(name);
  if (ev) {
    el.events.push(`${ev.kind}:${ev.event}=${value == null ? '' : String(value)}`);
    return;
  }
  const n = name.toLowerCase();
  if (raw && value === undefined) return;
  if (n === 'hidden') {
    if (raw ? truthy(value) : true) el.attrs.hidden = '';
    return;
  }
  if ((n === 'class' || n === 'style') && value === null) return; // exparser shows no class/style for null
  if (n === 'class') {
    const c = normClass(value, classPrefix);
    if (c) el.attrs.class = c;
    return;
  }
  if (n === 'style') {
    const s = normStyle(value);
    if (s) el.attrs.style = s;
    return;
  }
  el.attrs[n] = String(value);
}

function decodeEntities(s) {
  return s.replace(/&(nbsp|lt|gt|amp|apos|ensp|emsp);/g, (_, e) => DECODE[e]);
}

/** Join adjacent text, drop empty text, collapse whitespace outside <text>, drop slots. */
function finish(children, ctx) {
  const out = [];
  for (const c of children) {
    if (c.text !== undefined) {
      let t = c.text;
      if (ctx.decode && ctx.raw) t = decodeEntities(t);
      if (!ctx.inText) t = t.replace(/[ \t\n\r\f]+/g, ' ');
      if (t === '') continue;
      const last = out[out.length - 1];
      if (last && last.text !== undefined) {
        last.text = ctx.inText ? last.text + t : (last.text + t).replace(/ +/g, ' ');
      } else out.push({ text: t });
    } else if (c.tag !== 'slot') out.push(c);
  }
  return out;
}

function ctxFor(tag, attrs, parentCtx, rawDecode) {
  const inText = parentCtx.inText || tag === 'text';
  let decode = parentCtx.decode;
  if (tag === 'text') decode = rawDecode;
  return { ...parentCtx, inText, decode };
}

function stripWx(tag) {
  const t = String(tag).toLowerCase();
  return t.startsWith('wx-') ? t.slice(3) : t;
}

/** wcc's virtual tree (after its own flattening of virtual nodes) → normal form. */
export function fromWcc(root) {
  const ctx = { raw: true, inText: false, decode: false };
  return finish(wccChildren(root.children || [], ctx), ctx);
}

function wccChildren(list, ctx) {
  const out = [];
  for (const n of list) {
    if (n === undefined || n === null) continue;
    if (typeof n !== 'object') {
      out.push({ text: String(n) });
      continue;
    }
    if (n.tag === 'virtual') {
      out.push(...wccChildren(n.children || [], ctx));
      continue;
    }
    const tag = stripWx(n.tag);
    const el = { tag, attrs: {}, events: [], children: [] };
    const attr = n.attr || {};
    for (const k of Object.keys(attr)) putAttr(el, k, attr[k], { raw: true });
    const c = ctxFor(tag, attr, ctx, tag === 'text' ? truthy(attr.decode) : false);
    el.children = finish(wccChildren(n.children || [], c), c);
    el.events.sort();
    out.push(el);
  }
  return out;
}

/**
 * A DOM (jsdom) subtree → normal form.
 * opts.raw: text is raw template text (simulate) rather than displayed text (HTML).
 * opts.classPrefix: a style-isolation prefix to strip from class tokens.
 * opts.extra(domEl, el): hook to add what the DOM does not show (simulate's id and events).
 * opts.attrFilter(name): which DOM attributes to keep.
 */
export function fromDom(parent, opts = {}) {
  const ctx = { raw: !!opts.raw, inText: false, decode: false };
  return finish(domChildren(parent, ctx, opts), ctx);
}

function domChildren(parent, ctx, opts) {
  const out = [];
  for (const n of parent.childNodes) {
    if (n.nodeType === 3) out.push({ text: n.data });
    else if (n.nodeType === 1) {
      const tag = stripWx(n.localName);
      const el = { tag, attrs: {}, events: [], children: [] };
      for (const a of n.attributes) {
        if (opts.attrFilter && !opts.attrFilter(a.name)) continue;
        putAttr(el, a.name, a.value, { raw: false, classPrefix: opts.classPrefix });
      }
      if (opts.extra) opts.extra(n, el);
      const dec = tag === 'text' && n.hasAttribute('decode') && !['false', '0', ''].includes(n.getAttribute('decode'));
      const c = ctxFor(tag, null, ctx, opts.decodeOf ? opts.decodeOf(n) : dec);
      el.children = finish(domChildren(n, c, opts), c);
      el.events.sort();
      out.push(el);
    }
  }
  return out;
}

/**
 * Reduce a normal-form tree to what a given comparison can see:
 * opts.attrs: a predicate on attribute names to keep (default all);
 * opts.events: keep events (default true).
 */
export function project(nodes, opts = {}) {
  return nodes.map((n) => {
    if (n.text !== undefined) return n;
    const attrs = {};
    for (const k of Object.keys(n.attrs).sort()) if (!opts.attrs || opts.attrs(k)) attrs[k] = n.attrs[k];
    const out = { tag: n.tag, attrs };
    if (opts.events !== false && n.events.length) out.events = n.events;
    out.children = project(n.children, opts);
    return out;
  });
}

/** The attributes simulate can show: class, style and data-* in its DOM, id on its nodes. */
export function simulateVisible(name) {
  return name === 'class' || name === 'style' || name === 'id' || name.startsWith('data-');
}

/** A compact, diff-friendly text form of a normalised tree, one node per line. */
export function print(nodes, indent = '') {
  let s = '';
  for (const n of nodes) {
    if (n.text !== undefined) {
      s += `${indent}${JSON.stringify(n.text)}\n`;
      continue;
    }
    const attrs = Object.keys(n.attrs)
      .map((k) => (n.attrs[k] === '' ? ` ${k}` : ` ${k}=${JSON.stringify(n.attrs[k])}`))
      .join('');
    const ev = n.events && n.events.length ? ` {${n.events.join(' ')}}` : '';
    s += `${indent}<${n.tag}${attrs}${ev}>\n`;
    s += print(n.children, `${indent}  `);
  }
  return s;
}
