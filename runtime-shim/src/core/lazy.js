// miniport runtime: wx.* APIs whose code loads on first call, so that what every app loads stays small.

const LISTENER = /^(on|off)[A-Z]/;
/** Each deferred module's loader → the wx API names it serves. */
const loaders = new Map();

/**
 * Registers `load` as the code of the wx APIs `names`, for preloadLazyApis.
 * @template {() => Promise<any>} L
 * @param {L} load
 * @param {string[]} names
 * @returns {L}
 */
export function deferred(load, names) {
  const known = loaders.get(load) || new Set();
  for (const name of names) known.add(name);
  loaders.set(load, known);
  return load;
}

/**
 * Imports deferred API modules now (boot calls it when the page is idle), so first calls do not
 * wait: those serving a name of `used` (the APIs the compiler found in the app's scripts), or
 * every one when `used` is not a list (the app picks APIs at run time).
 * @param {string[] | null} [used] the API names the app uses; null loads every deferred module
 */
export function preloadLazyApis(used = null) {
  const wanted = Array.isArray(used) ? new Set(used) : null;
  for (const [load, names] of loaders) {
    if (!wanted || [...names].some((n) => wanted.has(n))) load().catch(() => {});
  }
}

function hasCallback(options) {
  return (
    Boolean(options)
    && typeof options === 'object'
    && ['success', 'fail', 'complete'].some((k) => typeof options[k] === 'function')
  );
}

/**
 * Defines `names` as APIs implemented by the module `load()` imports; its default export,
 * called once with `ctx`, returns `{ name: function }`. Only asynchronous APIs and
 * listeners can be deferred: an asynchronous call returns a promise when it has no
 * callback (undefined otherwise, as in WeChat), and `on…`/`off…` registrations are applied
 * in the order they were made. A module that fails to load fails the call with its reason.
 * @param {MpApiContext} ctx
 * @param {() => Promise<{ default: (ctx: MpApiContext) => MpApiTable }>} load
 * @param {string[]} names
 * @returns {MpApiTable}
 */
export function lazyApis(ctx, load, names) {
  let group = null;
  deferred(load, names);
  const get = () => {
    if (!group) group = load().then((m) => m.default(ctx));
    return group;
  };
  const out = {};
  for (const name of names) {
    out[name] = LISTENER.test(name)
      ? (...args) => {
          get().then(
            (g) => g[name](...args),
            (error) => console.error(error),
          );
        }
      : (options) => {
          const result = get().then(
            (g) => g[name](hasCallback(options) ? options : { ...options }),
            (error) => {
              const res = { errMsg: `${name}:fail ${error && error.message ? error.message : error}` };
              if (!hasCallback(options)) return Promise.reject(res);
              for (const k of ['fail', 'complete']) if (typeof options[k] === 'function') options[k](res);
              return undefined;
            },
          );
          return hasCallback(options) ? undefined : result;
        };
  }
  return out;
}

/**
 * An object that stands for the one `build(module)` makes once `load()` has imported its code,
 * for factories that WeChat answers synchronously (tasks, players). Until then, method calls
 * and property writes are queued and replayed in order; reads give what was written, else
 * `initial`'s value, else a method that queues. Loading starts at once.
 * @param {() => Promise<any>} load
 * @param {(module: any) => object} build
 * @param {Record<string | symbol, any>} [initial]
 * @returns {Record<string, any>}
 */
export function lazyObject(load, build, initial = {}) {
  let real = null;
  const queue = [];
  const written = { ...initial };
  load().then(
    (m) => {
      real = build(m);
      for (const [key, args, isSet] of queue) {
        try {
          if (isSet) real[key] = args;
          else real[key](...args);
        } catch (error) {
          console.error(error);
        }
      }
      queue.length = 0;
    },
    (error) => console.error(error),
  );
  return new Proxy(
    {},
    {
      get(_, key) {
        if (real) {
          const v = real[key];
          return typeof v === 'function' ? v.bind(real) : v;
        }
        if (typeof key !== 'string' || key === 'then' || key === 'toJSON') return undefined;
        if (Object.prototype.hasOwnProperty.call(written, key)) return written[key];
        return (...args) => {
          if (real) return real[key](...args);
          queue.push([key, args, false]);
          return undefined;
        };
      },
      set(_, key, value) {
        if (real) real[key] = value;
        else {
          written[key] = value;
          queue.push([key, value, true]);
        }
        return true;
      },
    },
  );
}
