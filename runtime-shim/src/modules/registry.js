// The module registry the app's scripts run in, as WeChat's logic layer provides it:
// `define(path, factory, deps)` registers a module (the compiler's chunks call it through the
// global `__miniportDefine`); `require` resolves relative to the requiring module; JSON
// modules; cycles behave as in CommonJS (a module required while it runs gets its exports so
// far); `require.async` loads the chunk of a subpackage first; a computed path is looked up
// in the registry at run time with WeChat's rules.

const EXTENSIONS = ['', '.js', '/index.js'];

function dirname(path) {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

// Normalises a `/`-separated path; null when `..` climbs above the root.
function normalize(path) {
  const out = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (!out.length) return null;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/**
 * Creates a registry. `options.loadChunk(path)` returns a promise that settles once the chunk
 * holding the module `path` has run (used by `require.async`); `options.global` is where
 * `__miniportDefine` is installed by `install()`.
 * @param {{ loadChunk?: (path: string) => Promise<any>, global?: Record<string, any> }} [options]
 */
export function createRegistry(options = {}) {
  const factories = new Map();
  const cache = new Map();

  function define(path, factory, deps) {
    factories.set(path, { factory, deps: deps || {} });
  }

  function find(base) {
    if (base === null) return null;
    for (const ext of EXTENSIONS) {
      const candidate = base + ext;
      if (factories.has(candidate) || cache.has(candidate)) return candidate;
    }
    return null;
  }

  // WeChat's rules at run time: relative, root-absolute, then miniprogram_npm up the tree.
  function resolve(from, spec) {
    if (spec.startsWith('/')) return find(normalize(spec.slice(1)));
    const dir = dirname(from);
    if (spec.startsWith('.')) return find(normalize(dir ? `${dir}/${spec}` : spec));
    let up = dir;
    for (;;) {
      const found = find(normalize(up ? `${up}/miniprogram_npm/${spec}` : `miniprogram_npm/${spec}`));
      if (found) return found;
      if (!up) break;
      up = dirname(up);
    }
    return find(normalize(dir ? `${dir}/${spec}` : spec));
  }

  function notFound(spec, from) {
    const error = new Error(`module "${spec}" is not defined (required from "${from}")`);
    error.code = 'MODULE_NOT_FOUND';
    return error;
  }

  function load(path) {
    const cached = cache.get(path);
    if (cached) return cached.exports;
    const entry = factories.get(path);
    const module = { id: path, exports: {}, loaded: false };
    cache.set(path, module);
    try {
      entry.factory.call(module.exports, makeRequire(path, entry.deps), module, module.exports);
    } catch (error) {
      cache.delete(path);
      throw error;
    }
    module.loaded = true;
    return module.exports;
  }

  function makeRequire(from, deps) {
    const locate = (spec) => {
      if (typeof spec !== 'string') throw new TypeError(`require: the path must be a string (in "${from}")`);
      return Object.prototype.hasOwnProperty.call(deps, spec) ? deps[spec] : resolve(from, spec);
    };
    const require = (spec) => {
      const path = locate(spec);
      if (path === null || !(factories.has(path) || cache.has(path))) throw notFound(spec, from);
      return load(path);
    };
    require.async = async (spec) => {
      const path = locate(spec);
      if (path !== null && !factories.has(path) && options.loadChunk) await options.loadChunk(path);
      return require(spec);
    };
    Object.assign(require, helpers);
    return require;
  }

  return {
    define,
    /** Runs (once) and returns the exports of the module at `path` (`app.js`, `pages/a/a.js`). */
    require(path) {
      if (!factories.has(path) && !cache.has(path)) throw notFound(path, '<runtime>');
      return load(path);
    },
    has: (path) => factories.has(path),
    /** Every module path defined so far, sorted. */
    modules: () => [...factories.keys()].sort(),
    /** Makes `globalThis.__miniportDefine` (what the chunks call) register here. */
    install(target = options.global || globalThis) {
      target.__miniportDefine = define;
      return this;
    },
  };
}

// Interop of ES modules lowered to CommonJS, as Babel (WeChat's build) does it.
const helpers = {
  /** Marks `exports` as an ES module and defines its exports as live getters. */
  esm(exports, getters) {
    Object.defineProperty(exports, '__esModule', { value: true });
    for (const name of Object.keys(getters)) {
      Object.defineProperty(exports, name, { enumerable: true, configurable: true, get: getters[name] });
    }
  },
  /** What a default import reads `.default` of: the module, or `{ default: module.exports }`. */
  interop(mod) {
    return mod && mod.__esModule ? mod : { default: mod };
  },
  /** `import * as ns`: the module, or its properties with `default` set to the module. */
  namespace(mod) {
    if (mod && mod.__esModule) return mod;
    const ns = {};
    if (mod !== null && (typeof mod === 'object' || typeof mod === 'function')) {
      for (const key of Object.keys(mod)) ns[key] = mod[key];
    }
    ns.default = mod;
    return ns;
  },
  /** `export * from`: every name of `mod` but `default` that `exports` does not have yet. */
  reexport(exports, mod) {
    if (mod === null || (typeof mod !== 'object' && typeof mod !== 'function')) return;
    for (const key of Object.keys(mod)) {
      if (key === 'default' || key === '__esModule' || Object.prototype.hasOwnProperty.call(exports, key)) continue;
      Object.defineProperty(exports, key, { enumerable: true, configurable: true, get: () => mod[key] });
    }
  },
};
