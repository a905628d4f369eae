// miniport runtime: wx.* APIs whose code loads on first call, so that what every app loads stays small.

const LISTENER = /^(on|off)[A-Z]/;

function hasCallback(options) {
  return Boolean(options) && typeof options === 'object' && ['success', 'fail', 'complete'].some((k) => typeof options[k] === 'function');
}

/**
 * Defines `names` as APIs implemented by the module `load()` imports; its default export,
 * called once with `ctx`, returns `{ name: function }`. Only asynchronous APIs and
 * listeners can be deferred: an asynchronous call returns a promise when it has no
 * callback (undefined otherwise, as in WeChat), and `on…`/`off…` registrations are applied
 * in the order they were made. A module that fails to load fails the call with its reason.
 */
export function lazyApis(ctx, load, names) {
  let group = null;
  const get = () => {
    if (!group) group = load().then((m) => m.default(ctx));
    return group;
  };
  const out = {};
  for (const name of names) {
    out[name] = LISTENER.test(name)
      ? (...args) => { get().then((g) => g[name](...args), (error) => console.error(error)); }
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
