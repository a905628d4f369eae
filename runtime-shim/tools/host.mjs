// Render tool host: loads a converted app's config, template modules and page/component scripts
// in Node (scripts run in a vm context with stub App/Page/Component/getApp/wx).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

/** The config that app-config.js assigns to `globalThis.__miniportConfig`. */
export function readConfig(dist) {
  const text = readFileSync(path.join(dist, 'app-config.js'), 'utf8');
  return JSON.parse(text.replace(/^\s*globalThis\.__miniportConfig\s*=\s*/, '').replace(/;\s*$/, ''));
}

export function importFrom(dist, file) {
  return import(pathToFileURL(path.join(dist, file)).href);
}

const clone = (value) => (value === undefined ? {} : JSON.parse(JSON.stringify(value)));

/** Sets `data` at a setData path (`a.b[2].c`). */
export function setPath(data, key, value) {
  const parts = [];
  key.replace(/[^.[\]]+|\[(\d+)\]/g, (m, index) => { parts.push(index !== undefined ? Number(index) : m); return m; });
  let target = data;
  for (let i = 0; i < parts.length - 1; i++) {
    if (target[parts[i]] === null || typeof target[parts[i]] !== 'object') {
      target[parts[i]] = typeof parts[i + 1] === 'number' ? [] : {};
    }
    target = target[parts[i]];
  }
  if (parts.length) target[parts[parts.length - 1]] = value;
}

/** A property's default value (`{type, value}` or a bare type), as WeChat gives it. */
function propertyDefault(spec) {
  if (spec && typeof spec === 'object' && 'value' in spec) return spec.value;
  const type = spec && typeof spec === 'object' ? spec.type : spec;
  const defaults = new Map([[String, ''], [Number, 0], [Boolean, false], [Array, []], [Object, null]]);
  for (const [ctor, value] of defaults) if (type && type.name === ctor.name) return clone({ v: value }).v;
  return null;
}

/**
 * Runs the app's scripts when the output has them (`config.scripts`, the module registry);
 * `available` is false otherwise and every instance starts from empty data.
 */
export async function createHost(dist, config) {
  const scripts = config.scripts;
  const registryFile = path.join(dist, 'miniport/modules/registry.js');
  const available = Boolean(scripts && scripts.main && existsSync(registryFile));
  const warnings = [];
  if (!available) return { available, warnings, options: () => null };

  const { createRegistry } = await importFrom(dist, 'miniport/modules/registry.js');
  let last = null;
  let app = {};
  const wx = new Proxy({}, { get: (target, name) => (name in target ? target[name] : () => ({})) });
  const context = vm.createContext({
    App: (o) => { app = o || {}; },
    Page: (o) => { last = o || {}; },
    Component: (o) => { last = o || {}; },
    Behavior: (o) => o,
    getApp: () => app,
    getCurrentPages: () => [],
    requirePlugin: () => ({}),
    wx,
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
  });
  const ran = new Set();
  const run = (chunk) => {
    if (ran.has(chunk)) return;
    ran.add(chunk);
    vm.runInContext(readFileSync(path.join(dist, chunk), 'utf8'), context, { filename: chunk });
  };
  const registry = createRegistry({
    loadChunk: async (p) => {
      const root = Object.keys(scripts.packages || {}).find((r) => p.startsWith(`${r}/`));
      if (root) run(scripts.packages[root]);
    },
  });
  registry.install(context);
  run(scripts.main);
  const attempt = (what, fn) => {
    try {
      return fn();
    } catch (e) {
      warnings.push(`${what}: ${e && e.stack ? e.stack.split('\n')[0] : e}`);
      return undefined;
    }
  };
  if (scripts.app) attempt('app.js', () => registry.require(scripts.app));
  const cache = new Map();
  /** The options passed to Page()/Component() by the module of `route` or component `path`. */
  function options(kind, key) {
    const id = (kind === 'page' ? scripts.pages : scripts.components || {})[key];
    if (!id) return null;
    if (!cache.has(id)) {
      const root = Object.keys(scripts.packages || {}).find((r) => key.startsWith(`${r}/`));
      if (root) run(scripts.packages[root]);
      last = null;
      attempt(key, () => registry.require(id));
      cache.set(id, last);
    }
    return cache.get(id);
  }
  return { available, warnings, options, attempt };
}

function lifecycle(options, name) {
  const fn = options[name] ?? (options.methods && options.methods[name]) ?? (options.lifetimes && options.lifetimes[name]);
  return typeof fn === 'function' ? fn : null;
}

/**
 * Mounts a page as the app does: its `data`, then `onLoad(query)`, `onShow`, `onReady`,
 * each `setData` applied to the data; callbacks run after the lifecycle. Returns the data.
 */
export function mountPage(host, route, query = {}) {
  const options = host.options('page', route);
  if (!options) return {};
  const instance = Object.create(null);
  for (const source of [options, options.methods || {}]) {
    for (const [name, value] of Object.entries(source)) if (typeof value === 'function') instance[name] = value;
  }
  instance.data = clone(options.data);
  instance.route = route;
  instance.options = query;
  const callbacks = [];
  instance.setData = (patch, callback) => {
    for (const [key, value] of Object.entries(patch || {})) setPath(instance.data, key, value);
    if (typeof callback === 'function') callbacks.push(callback);
  };
  for (const [name, args] of [['onLoad', [query]], ['onShow', []], ['onReady', []]]) {
    const fn = lifecycle(options, name);
    if (fn) host.attempt(`${route}.${name}`, () => fn.apply(instance, args));
  }
  while (callbacks.length) {
    const cb = callbacks.shift();
    host.attempt(`${route} setData callback`, () => cb.call(instance));
  }
  return instance.data;
}

/** A component's data: its properties' defaults and `data`, then the properties given. */
export function componentData(host, componentPath, props) {
  const options = host.options('component', componentPath) || {};
  const data = {};
  for (const [name, spec] of Object.entries(options.properties || {})) data[name] = propertyDefault(spec);
  Object.assign(data, clone(options.data));
  for (const [name, value] of Object.entries(props)) if (value !== undefined) data[name] = value;
  return data;
}
