// miniport runtime: WeChat's calling convention for wx.* APIs — success/fail/complete, a promise when no callback is
// given, errMsg "name:ok" / "name:fail reason".

let reportError = (error) => console.error(error);

/**
 * Where exceptions thrown by success/fail/complete callbacks go (App's onError, by default the console).
 * @param {(error: any) => void} fn
 */
export function onCallbackError(fn) {
  reportError = fn;
}

/**
 * The result of a successful call: `{ errMsg: 'name:ok', ...data }`.
 * @param {string} name
 * @param {object} [data] the success data
 * @returns {MpResult}
 */
export function ok(name, data) {
  return Object.assign({ errMsg: `${name}:ok` }, data);
}

/**
 * The result of a failed call: `{ errMsg: 'name:fail reason', ...data }` ('name:fail' without a reason).
 * @param {string} name
 * @param {any} [reason]
 * @param {object} [data]
 * @returns {MpResult}
 */
export function fail(name, reason, data) {
  const text = reason === undefined || reason === null || reason === '' ? '' : ` ${reason}`;
  return Object.assign({}, data, { errMsg: `${name}:fail${text}` });
}

/**
 * WeChat's type names in parameter errors: String, Number, Object, Array, Null, Undefined, …
 * @param {any} value
 * @returns {string}
 */
export function typeName(value) {
  if (value === null) return 'Null';
  if (Array.isArray(value)) return 'Array';
  const t = typeof value;
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/**
 * WeChat's reason for a parameter of the wrong type (`url` must be a String …).
 * @param {string} field
 * @param {string} expected
 * @param {any} value
 * @returns {string}
 */
export function paramError(field, expected, value) {
  return `parameter error: parameter.${field} should be ${expected} instead of ${typeName(value)};`;
}

/**
 * An Error whose message is the fail reason and whose `data` joins the fail result.
 * @param {string} reason
 * @param {object} [data]
 * @returns {Error & { data?: object }}
 */
export function failure(reason, data) {
  const error = new Error(reason);
  if (data) error.data = data;
  return error;
}

function call(fn, res) {
  if (typeof fn !== 'function') return;
  try {
    fn(res);
  } catch (error) {
    reportError(error);
  }
}

function hasCallback(options) {
  return ['success', 'fail', 'complete'].some((k) => typeof options[k] === 'function');
}

/**
 * Settles the call `name` with `work` (a value or a promise of the success data; a rejection's
 * message is the fail reason, its `data` joins the result). Callbacks run asynchronously, as in
 * WeChat; an exception in one never stops the others. Returns a promise of the result when
 * `options` has no callback (rejecting with the fail result), else undefined.
 * @param {string} name
 * @param {MpOptions} options
 * @param {any} work
 * @returns {Promise<MpResult> | undefined}
 */
export function settle(name, options, work) {
  const opts = options && typeof options === 'object' ? options : {};
  const done = Promise.resolve(work).then(
    (data) => ({ ok: true, res: ok(name, data) }),
    (error) => ({
      ok: false,
      res: fail(name, error instanceof Error ? error.message : error, error && error.data),
    }),
  );
  if (!hasCallback(opts)) {
    return done.then((r) => (r.ok ? r.res : Promise.reject(r.res)));
  }
  done.then((r) => {
    call(r.ok ? opts.success : opts.fail, r.res);
    call(opts.complete, r.res);
  });
  return undefined;
}

/**
 * Wraps `impl(options)` (returning the success data or a promise of it; throwing or rejecting
 * with the fail reason) into a wx API named `name`.
 * @param {string} name
 * @param {(options: MpOptions) => any} impl
 * @returns {MpApi}
 */
export function api(name, impl) {
  return function wxApi(options) {
    const opts = options && typeof options === 'object' ? options : {};
    let work;
    try {
      work = impl(opts);
    } catch (error) {
      work = Promise.reject(error);
    }
    return settle(name, opts, work);
  };
}
