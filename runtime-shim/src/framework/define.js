// miniport runtime: Component()/Behavior() definitions normalised, with behaviors merged by WeChat's rules.
import { clone, mergeData, parsePath } from './data.js';

const LIFETIMES = ['created', 'attached', 'ready', 'moved', 'detached', 'error'];
const PAGE_LIFETIMES = ['show', 'hide', 'resize', 'routeDone'];
const TYPES = { String, Number, Boolean, Object, Array };

// A type written in the app (possibly from another realm: the render tool's host) → ours.
function typeOf(type) {
  if (type === null || type === undefined) return null;
  return typeof type === 'function' && TYPES[type.name] === type
    ? type
    : typeof type === 'function' && TYPES[type.name]
      ? TYPES[type.name]
      : null;
}

const isPlainObject = (v) =>
  v !== null && typeof v === 'object' && Object.prototype.toString.call(v) === '[object Object]';

/**
 * A behavior object as `Behavior()` returns it.
 * @param {Record<string, any>} options what `Behavior()` was given
 * @returns {{ options: Record<string, any>, [key: string]: any }}
 */
export function createBehavior(options) {
  return { __mpBehavior: true, options: applyFilters(options || {}) };
}

/** WeChat's built-in behaviors, by name. */
export const BUILTIN_BEHAVIORS = {
  'wx://form-field': createBehavior({
    properties: { name: { type: String, value: '' }, value: { type: null, value: null } },
  }),
  'wx://form-field-group': createBehavior({}),
  'wx://form-field-button': createBehavior({}),
  'wx://component-export': createBehavior({}),
};

function behaviorOf(b) {
  if (typeof b === 'string') return BUILTIN_BEHAVIORS[b] || null;
  return b && b.__mpBehavior ? b : null;
}

// Each behavior's definitionFilter sees the definition that uses it (and may change it).
function applyFilters(options) {
  for (const b of (options.behaviors || []).map(behaviorOf)) {
    if (b && typeof b.options.definitionFilter === 'function') {
      const inner = (b.options.behaviors || [])
        .map(behaviorOf)
        .filter((x) => x && x.options.definitionFilter)
        .map((x) => x.options.definitionFilter);
      b.options.definitionFilter(options, inner);
    }
  }
  return options;
}

/**
 * A property spec normalised to `{type, optionalTypes, value, observer}` (WeChat's defaults).
 * @param {any} spec a type (String, Number, …, null) or `{ type, optionalTypes, value, observer }`
 * @returns {{ type: any, optionalTypes: any[], value: any, observer: any }}
 */
export function normalizeProperty(spec) {
  let out;
  if (spec === null || typeof spec === 'function') out = { type: typeOf(spec) };
  else if (spec && typeof spec === 'object')
    out = {
      type: typeOf(spec.type),
      optionalTypes: (spec.optionalTypes || []).map(typeOf),
      value: spec.value,
      observer: spec.observer,
    };
  else out = { type: null, value: spec };
  if (out.value === undefined) {
    out.value =
      out.type === String
        ? ''
        : out.type === Number
          ? 0
          : out.type === Boolean
            ? false
            : out.type === Array
              ? []
              : null;
  }
  return out;
}

function matches(type, value) {
  if (type === String) return typeof value === 'string';
  if (type === Number) return Number.isFinite(value);
  if (type === Boolean) return typeof value === 'boolean';
  if (type === Object) return isPlainObject(value);
  if (type === Array) return Array.isArray(value);
  return true;
}

/**
 * A value given to a property, converted to its type as WeChat's exparser does.
 * @param {{ type: any, optionalTypes?: any[] }} prop
 * @param {any} value
 * @returns {any}
 */
export function coerce(prop, value) {
  for (const t of prop.optionalTypes || []) if (matches(t, value)) return value;
  switch (prop.type) {
    case String:
      return value === null || value === undefined ? '' : String(value);
    case Number:
      // biome-ignore lint/suspicious/noGlobalIsFinite: exparser converts with the global isFinite ('5' is 5).
      return isFinite(value) ? Number(value) : 0;
    case Boolean:
      return Boolean(value);
    case Array:
      return Array.isArray(value) ? value : [];
    case Object:
      return typeof value === 'object' ? value : null;
    default:
      return value === undefined ? null : value;
  }
}

/**
 * `'a, b.c, list[0].**'` → [{parts, deep}] (a bare `**` observes everything).
 * @param {string} key
 * @returns {Array<{ parts: Array<string | number>, deep: boolean }>}
 */
export function parseObserverKey(key) {
  return key
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((path) => {
      if (path === '**') return { parts: [], deep: true };
      const deep = path.endsWith('.**');
      return { parts: parsePath(deep ? path.slice(0, -3) : path), deep };
    });
}

function emptyDef() {
  const lifetimes = {};
  for (const name of LIFETIMES) lifetimes[name] = [];
  const pageLifetimes = {};
  for (const name of PAGE_LIFETIMES) pageLifetimes[name] = [];
  return {
    properties: {},
    data: {},
    methods: {},
    observers: [],
    lifetimes,
    pageLifetimes,
    relations: {},
    externalClasses: [],
    options: {},
    behaviors: new Set(),
    exports: null,
    extra: {},
  };
}

// Adds one definition's fields to `def` (later calls override earlier ones, lifetimes add up).
function absorb(def, options, isPage) {
  for (const [name, spec] of Object.entries(options.properties || {})) def.properties[name] = normalizeProperty(spec);
  if (options.data && typeof options.data === 'object') mergeData(def.data, options.data);
  Object.assign(def.methods, options.methods || {});
  for (const [key, fn] of Object.entries(options.observers || {})) {
    if (typeof fn === 'function') def.observers.push({ paths: parseObserverKey(key), fn });
  }
  const lifetimes = options.lifetimes || {};
  for (const name of LIFETIMES) {
    // `lifetimes` wins over the old top-level form when both are given.
    const fn = typeof lifetimes[name] === 'function' ? lifetimes[name] : options[name];
    if (typeof fn === 'function') def.lifetimes[name].push(fn);
  }
  for (const name of PAGE_LIFETIMES) {
    const fn = options.pageLifetimes && options.pageLifetimes[name];
    if (typeof fn === 'function') def.pageLifetimes[name].push(fn);
  }
  Object.assign(def.relations, options.relations || {});
  for (const c of options.externalClasses || []) if (!def.externalClasses.includes(c)) def.externalClasses.push(c);
  Object.assign(def.options, options.options || {});
  if (typeof options.export === 'function') def.exports = options.export;
  if (isPage) {
    // Page(): every other top-level field is the page's (functions are methods, the rest copied).
    for (const [key, value] of Object.entries(options)) {
      if (key === 'data' || key === 'behaviors' || key === 'options') continue;
      if (typeof value === 'function') def.methods[key] = value;
      else def.extra[key] = value;
    }
  }
}

function include(def, options, seen) {
  for (const b of (options.behaviors || []).map(behaviorOf)) {
    if (!b || seen.has(b)) continue;
    seen.add(b);
    include(def, b.options, seen);
    absorb(def, b.options, false);
    def.behaviors.add(b);
  }
}

/**
 * The merged definition of a `Component()` or `Page()` call.
 * @param {Record<string, any>} options what `Component()` or `Page()` was given
 * @param {{ isPage?: boolean }} [kind]
 * @returns {Record<string, any>} the definition
 */
export function defineComponent(options, { isPage = false } = {}) {
  options = applyFilters(options || {});
  const def = emptyDef();
  include(def, options, new Set());
  absorb(def, options, isPage);
  def.isPage = isPage;
  def.raw = options;
  return def;
}

/**
 * Whether `def` includes the behavior `b` (a behavior object or a `wx://` name).
 * @param {Record<string, any>} def
 * @param {any} b
 * @returns {boolean}
 */
export function hasBehavior(def, b) {
  const found = behaviorOf(b);
  return Boolean(found && def.behaviors.has(found));
}

/**
 * The initial data of an instance: a copy of the definition's data over property defaults.
 * @param {Record<string, any>} def
 * @returns {Record<string, any>}
 */
export function initialData(def) {
  const data = {};
  for (const [name, prop] of Object.entries(def.properties)) data[name] = clone(prop.value);
  mergeData(data, def.data);
  return data;
}

export { LIFETIMES, PAGE_LIFETIMES };
