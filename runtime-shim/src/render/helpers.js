// miniport runtime: the helper object `$` that compiled render functions call.
import { h } from './vnode.js';
import { str } from './values.js';
import { wxs, call } from './wxs.js';

const active = new Set();

function warn(message) {
  if (typeof console !== 'undefined') console.warn(`miniport: ${message}`);
}

/** Calls `fn` unless it is already running (WeChat stops recursive templates and includes). */
function guarded(fn, data, what) {
  if (active.has(fn)) {
    warn(`${what} is being called recursively, will be stopped`);
    return null;
  }
  active.add(fn);
  try {
    return fn(data, $);
  } finally {
    active.delete(fn);
  }
}

/** What `wx:for` iterates: arrays, object values (keys as index), 0..n-1, characters. */
function each(list, body, key) {
  const out = [];
  const push = (item, index) => {
    let node = body(item, index);
    if (key !== undefined && node && typeof node === 'object' && !Array.isArray(node)) {
      const k = key === '*this' ? item : item == null ? undefined : item[key];
      node = { ...node, key: k };
    }
    out.push(node);
  };
  if (Array.isArray(list) || typeof list === 'string') {
    for (let i = 0; i < list.length; i++) push(list[i], i);
  } else if (typeof list === 'number') {
    for (let i = 0; i < list; i++) push(i, i);
  } else if (list && typeof list === 'object') {
    for (const k of Object.keys(list)) push(list[k], k);
  }
  return out;
}

export const $ = {
  h,
  s: str,
  /** A class bound as one `{{ }}`: null and undefined give no class. */
  c: (v) => (v == null ? undefined : str(v)),
  /** `o.k`, undefined when `o` is null or undefined. */
  m: (o, k) => (o == null ? undefined : o[k]),
  /** `o.k(...args)` or `k(...args)`: a call into WXS, made as WeChat makes it (see wxs.js). */
  f: (o, k, args) => call(typeof k === 'function' ? k : o == null ? undefined : o[k], args),
  a: (v) => (v == null ? [] : v),
  i: (k, o) => o !== null && typeof o === 'object' && k in o,
  o: (v, c) => typeof c === 'function' && v instanceof c,
  each,
  /** A template call; an unknown name renders nothing (with WeChat's warning). */
  call(table, name, data, file) {
    const fn = table[str(name)];
    if (typeof fn !== 'function') {
      warn(`${file}: Template \`${str(name)}\` not found.`);
      return null;
    }
    return guarded(fn, data || {}, `Template \`${str(name)}\``);
  },
  include: (render, d) => guarded(render, d, 'An included file'),
  scope: (d, locals) => Object.assign({}, d, locals),
  wxs,
};
