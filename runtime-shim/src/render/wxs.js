// miniport runtime: WXS modules (running factories, require, getDate/getRegExp, WXS's JSON and `constructor`) and
// template calls into WXS.
// The compiler rewrites WXS for strict mode (transpiler/src/wxs/rewrite.rs); what it
// cannot do statically is here, reproducing WeChat's WXS runtime as wcc generates it.

const instances = new Map();

function report(error) {
  if (typeof console !== 'undefined') console.error(error);
}

/**
 * WXS's `getDate(...)`: `new Date(...)` with the same arguments.
 * @param {...any} args
 * @returns {Date}
 */
export function getDate(...args) {
  // @ts-expect-error -- Date takes 0 to 7 arguments: the ones the template passed, as WeChat's getDate does.
  return new Date(...args);
}

/**
 * WXS's `getRegExp(pattern, flags)`.
 * @param {string} pattern
 * @param {string} [flags]
 * @returns {RegExp}
 */
export function getRegExp(pattern, flags) {
  return new RegExp(pattern, flags);
}

/** WXS's `x.constructor`: a string naming the type ('Array', 'Object', 'Number', …). */
function constructorOf(x) {
  if (x == null) return x.constructor; // throws, as in WeChat
  switch (typeof x) {
    case 'number':
      return 'Number';
    case 'string':
      return 'String';
    case 'boolean':
      return 'Boolean';
    case 'function':
      return 'Function';
  }
  if (Object.prototype.hasOwnProperty.call(x, 'constructor')) return x.constructor;
  if (Array.isArray(x)) return 'Array';
  if (x instanceof Date) return 'Date';
  if (x instanceof RegExp) return 'RegExp';
  return 'Object';
}

/**
 * The deep copy WeChat makes of values that cross between templates and WXS: plain objects
 * and arrays are copied, dates and regular expressions cloned, functions and anything else
 * become null.
 */
function copy(v) {
  if (v === null || typeof v !== 'object') return typeof v === 'function' ? null : v;
  if (Array.isArray(v)) return v.map(copy);
  if (v instanceof Date) return new Date(v.getTime());
  if (v instanceof RegExp)
    return new RegExp(v.source, (v.global ? 'g' : '') + (v.ignoreCase ? 'i' : '') + (v.multiline ? 'm' : ''));
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return null;
  const out = {};
  for (const k of Object.keys(v)) out[k] = copy(v[k]);
  return out;
}

/** WXS's JSON: one argument each; functions inside objects become null; parse(undefined) is undefined. */
const JSONW = Object.freeze({
  stringify(o) {
    JSON.stringify(o); // throws on cycles before copying
    return JSON.stringify(copy(o));
  },
  parse(s) {
    return s === undefined ? undefined : JSON.parse(s);
  },
});

const helper = Object.freeze({ c: constructorOf, JSON: JSONW });

/**
 * Runs a WXS module factory once and returns its `module.exports`. A module that throws
 * while loading gives `undefined` (with the error in the console) and is tried again next
 * time, as WeChat's `require` does.
 * @param {((module: { exports: any }, ...rest: any[]) => void) & { requires?: Record<string, any> }} factory
 * @returns {any} the module's exports
 */
export function wxs(factory) {
  if (!factory) return undefined;
  if (instances.has(factory)) return instances.get(factory);
  const module = { exports: {} };
  instances.set(factory, module.exports); // a require cycle sees the exports so far
  const req = (path) => (factory.requires && factory.requires[path] ? wxs(factory.requires[path]) : undefined);
  try {
    factory(module, module.exports, req, getRegExp, getDate, helper, JSONW);
  } catch (e) {
    instances.delete(factory);
    report(e);
    return undefined;
  }
  instances.set(factory, module.exports);
  return module.exports;
}

/**
 * A call in a template expression (`{{m.f(a, b)}}`): as WeChat does, the function runs with
 * no receiver on copies of the arguments, its result is copied back, and a call that throws
 * (or of something that is not a function) gives undefined.
 * @param {any} fn
 * @param {any[]} args
 * @returns {any}
 */
export function call(fn, args) {
  if (typeof fn !== 'function') return undefined;
  try {
    return copy(fn.apply(undefined, args.map(copy)));
  } catch (e) {
    report(e);
    return undefined;
  }
}
