// miniport runtime: wx.createCacheManager's manager, loaded on first use — rules, wx.request results cached in
// localStorage, weak-network state and events.
import { failure } from '../../core/callback.js';
import { encodeRequest } from '../core/network.js';
import { localStore } from '../core/permission.js';

// miniport's own records, apart from wx storage's keys (storage.js lists only its own prefix).
const PREFIX = 'miniport:cache:';
const DAY = 86400000;
const LIMIT = 2 * 1024 * 1024;
const ITEM_LIMIT = 512 * 1024;
const EVENTS = ['request', 'enterWeakNetwork', 'exitWeakNetwork'];

const isRegExp = (v) => Object.prototype.toString.call(v) === '[object RegExp]';
const escapeRegExp = (s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
const age = (ms, fallback) => Math.min(Number(ms) > 0 ? Number(ms) : fallback, 30 * DAY);

/** JSON with object keys sorted, so equal data gives equal cache keys. */
function stable(value) {
  return (
    JSON.stringify(value, (k, v) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((key) => [key, v[key]]),
          )
        : v,
    ) || ''
  );
}

/** A short, stable id of `text` (two FNV-1a passes). */
function hash(text) {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    a = Math.imul(a ^ text.charCodeAt(i), 0x01000193);
    b = Math.imul(b ^ text.charCodeAt(i), 0x811c9dc5);
  }
  return (a >>> 0).toString(36) + (b >>> 0).toString(36);
}

function originOf(text) {
  try {
    return text ? new URL(String(text)).origin : '';
  } catch {
    return '';
  }
}

/** A request as the rules see it: method, the URL with GET data in its query, parsed. */
function requestOf(evt, base) {
  const method = String(evt.method || 'GET').toUpperCase();
  const { url } = encodeRequest(
    String(evt.url || ''),
    method,
    method === 'GET' || method === 'HEAD' ? evt.data : undefined,
    {},
  );
  let parsed = null;
  try {
    parsed = new URL(url, base || undefined);
  } catch {
    /* matched as text only */
  }
  return {
    method,
    url: parsed ? parsed.href : url,
    parsed,
    data: evt.data,
    key: `${method} ${parsed ? parsed.href : url} ${method === 'GET' || method === 'HEAD' ? '' : stable(evt.data)}`,
  };
}

/**
 * `'/abc/:id?aa&dd=1'` (or an absolute URL): path segments, `:name` any one segment, `*` anything; query keys required.
 */
function stringTest(uri, globalOrigin) {
  const q = uri.indexOf('?');
  let path = q < 0 ? uri : uri.slice(0, q);
  const query = q < 0 ? '' : uri.slice(q + 1);
  let origin = globalOrigin;
  const abs = /^(https?:\/\/[^/?#]+)(.*)$/i.exec(path);
  if (abs) {
    origin = originOf(abs[1]);
    path = abs[2] || '/';
  }
  const re = new RegExp(
    `^${path
      .split('/')
      .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.split('*').map(escapeRegExp).join('.*')))
      .join('/')}$`,
  );
  const params = query
    .split('&')
    .filter(Boolean)
    .map((p) => {
      const i = p.indexOf('=');
      return i < 0
        ? [decodeURIComponent(p), null]
        : [decodeURIComponent(p.slice(0, i)), decodeURIComponent(p.slice(i + 1))];
    });
  return (req) =>
    Boolean(req.parsed)
    && (!origin || req.parsed.origin === origin)
    && re.test(req.parsed.pathname)
    && params.every(
      ([k, v]) => req.parsed.searchParams.has(k) && (v === null || req.parsed.searchParams.getAll(k).includes(v)),
    );
}

/** A RegExp matching the path (then the origin must be the global one) or, written with its origin, the whole URL. */
function regexTest(re, origin) {
  const test = (text) => {
    re.lastIndex = 0;
    const hit = re.test(text);
    re.lastIndex = 0;
    return hit;
  };
  return (req) => {
    if (req.parsed && test(req.parsed.pathname + req.parsed.search)) return !origin || req.parsed.origin === origin;
    return test(req.url);
  };
}

function typeOk(value, type) {
  if (type === 'any') return true;
  if (type.endsWith('[]')) return Array.isArray(value) && value.every((v) => typeOk(v, type.slice(0, -2)));
  if (type === 'null') return value === null;
  if (type === 'object') return value !== null && typeof value === 'object' && !Array.isArray(value);
  return typeof value === type;
}

/**
 * WeChat's dataSchema: `[{ name, schema: { type, value } | [alternatives] }]`, value a literal, RegExp, function or
 * nested schema.
 */
function dataOk(data, list) {
  if (!Array.isArray(list) || !list.length) return true;
  let obj = data;
  if (typeof obj === 'string') {
    try {
      obj = JSON.parse(obj);
    } catch {
      return false;
    }
  }
  if (!obj || typeof obj !== 'object') return false;
  const schemaOk = (value, schema) => {
    if (Array.isArray(schema)) return schema.some((s) => schemaOk(value, s));
    if (!schema || !typeOk(value, String(schema.type || 'any'))) return false;
    const want = schema.value;
    if (want === undefined) return true;
    if (isRegExp(want)) {
      want.lastIndex = 0;
      return want.test(String(value));
    }
    if (typeof want === 'function') return Boolean(want(value));
    if (Array.isArray(want) && schema.type === 'object') return dataOk(value, want);
    return value === want;
  };
  return list.every((item) => item && schemaOk(obj[item.name], item.schema));
}

/** The reason of a `request` handler's rejection ('no data', { errMsg: 'no cache' }, an Error). */
function reasonOf(e) {
  if (typeof e === 'string') return e;
  if (e && typeof e.errMsg === 'string') return e.errMsg.replace(/^[\w.]+:fail ?/, '');
  return (e && e.message) || String(e);
}

/**
 * Makes the manager (`{ manager, handle }`): `manager` is what wx.createCacheManager returns,
 * `handle(o, send)` answers a wx.request (network.js's hook). `options`: origin, mode
 * ('weakNetwork' | 'always' | 'none'), maxAge (ms, 7 days by default, 30 at most).
 * @param {MpApiContext} [ctx]
 * @param {{ origin?: string, mode?: string, maxAge?: number }} [options]
 * @returns {{ manager: Record<string, any>, handle: (o: MpOptions, send: () => Promise<any>) => any }}
 */
export default function cacheManager(ctx = {}, options = {}) {
  const win = ctx.win || globalThis;
  /** @type {Partial<Navigator>} */
  const nav = win.navigator || {};
  const conn = nav.connection;
  const ls = () => localStore(win);
  const rules = new Map();
  const events = Object.fromEntries(EVENTS.map((n) => [n, new Set()]));
  let started = false;

  const weak = () => nav.onLine === false || Boolean(conn && /^(slow-2g|2g)$/.test(conn.effectiveType || ''));
  let wasWeak = weak();
  const emit = (name, arg) => {
    for (const h of [...events[name]]) {
      try {
        h(arg);
      } catch (error) {
        console.error(error);
      }
    }
  };
  const check = () => {
    const now = weak();
    if (now !== wasWeak) {
      wasWeak = now;
      emit(now ? 'enterWeakNetwork' : 'exitWeakNetwork');
    }
  };
  if (typeof win.addEventListener === 'function') {
    win.addEventListener('online', check);
    win.addEventListener('offline', check);
  }
  if (conn && typeof conn.addEventListener === 'function') conn.addEventListener('change', check);

  const manager = {
    mode: ['weakNetwork', 'always', 'none'].includes(options.mode) ? options.mode : 'weakNetwork',
    origin: options.origin ? String(options.origin) : '',
    maxAge: age(options.maxAge, 7 * DAY),
    /** 1 while wx.request is answered from the cache, else 0. */
    get state() {
      if (this.mode === 'always') return 1;
      if (this.mode === 'none') return started ? 1 : 0;
      return weak() ? 1 : 0;
    },
  };

  // Cache entries: PREFIX + cacheId → { ruleId, key, createTime, maxAge, res }.
  const ids = () => {
    const s = ls();
    const out = [];
    for (let i = 0; s && i < s.length; i++) {
      const k = s.key(i);
      if (k && k.startsWith(PREFIX)) out.push(k.slice(PREFIX.length));
    }
    return out;
  };
  const read = (id) => {
    try {
      return JSON.parse(ls()?.getItem(PREFIX + id) || 'null');
    } catch {
      return null;
    }
  };
  const drop = (list) => {
    for (const id of list) ls()?.removeItem(PREFIX + id);
  };
  const dropRule = (ruleId) => drop(ids().filter((id) => read(id)?.ruleId === ruleId));

  /** Keeps `res` for the request under `rule`, dropping the oldest entries past the size cap. */
  const store = (rule, req, res) => {
    const s = ls();
    const id = hash(`${rule.id} ${req.key}`);
    const text = JSON.stringify({
      ruleId: rule.id,
      key: req.key,
      createTime: Date.now(),
      maxAge: rule.maxAge || manager.maxAge,
      res,
    });
    if (!s || text.length > ITEM_LIMIT) return;
    s.removeItem(PREFIX + id);
    const old = ids()
      .map((k) => [k, s.getItem(PREFIX + k) || ''])
      .map(([k, t]) => [k, t.length, read(k)?.createTime || 0])
      .sort((x, y) => x[2] - y[2]);
    let used = old.reduce((n, [, len]) => n + len, 0);
    while (old.length && used + text.length > LIMIT) {
      const [k, len] = old.shift();
      s.removeItem(PREFIX + k);
      used -= len;
    }
    try {
      s.setItem(PREFIX + id, text);
    } catch {
      // The browser's quota (shared with wx storage) is full: make room from the cache only, once.
      drop(old.map(([k]) => k));
      try {
        s.setItem(PREFIX + id, text);
      } catch {
        /* not cached */
      }
    }
  };

  /** The rules the request matches, in the order they were added. */
  const matching = (req) =>
    [...rules.values()].filter(
      (r) => (!r.method || r.method === req.method) && r.test(req) && dataOk(req.data, r.dataSchema),
    );

  /** The fresh cache entry of `req` under one of `list`, as match() answers it, or null. */
  const lookup = (req, list) => {
    for (const rule of list) {
      const cacheId = hash(`${rule.id} ${req.key}`);
      const entry = read(cacheId);
      if (!entry || entry.key !== req.key) continue;
      if (Date.now() - entry.createTime > entry.maxAge) {
        drop([cacheId]);
        continue;
      }
      return {
        ruleId: rule.id,
        cacheId,
        data: { ...entry.res, fromCache: true },
        createTime: entry.createTime,
        maxAge: entry.maxAge,
      };
    }
    return null;
  };

  const addRule = (rule) => {
    const spec = typeof rule === 'string' || isRegExp(rule) ? { url: rule } : rule;
    if (!spec || typeof spec !== 'object' || (typeof spec.url !== 'string' && !isRegExp(spec.url))) {
      console.warn('miniport: CacheManager.addRule needs a string, a RegExp or { url }', rule);
      return '';
    }
    let method = spec.method ? String(spec.method).toUpperCase() : '';
    let test;
    if (isRegExp(spec.url)) test = regexTest(spec.url, originOf(manager.origin));
    else {
      const m = /^([A-Za-z]+)\s+(\S+)$/.exec(spec.url.trim());
      if (m) method = method || m[1].toUpperCase();
      test = stringTest(m ? m[2] : spec.url.trim(), originOf(manager.origin));
    }
    // Without an id, the same rule gets the same id in every session, so its caches stay its own.
    const id =
      spec.id !== undefined && spec.id !== ''
        ? String(spec.id)
        : `rule-${hash(`${method} ${String(spec.url)} ${stable(spec.dataSchema)}`)}`;
    rules.set(id, {
      id,
      method,
      test,
      dataSchema: spec.dataSchema,
      maxAge: spec.maxAge !== undefined ? age(spec.maxAge, manager.maxAge) : 0,
    });
    return id;
  };
  const deleteRule = (id) => {
    if (rules.delete(String(id))) dropRule(String(id));
  };

  Object.assign(manager, {
    addRule,
    addRules: (list) => (Array.isArray(list) ? list.map(addRule) : []),
    deleteRule,
    deleteRules: (list) => {
      if (Array.isArray(list)) list.forEach(deleteRule);
    },
    clearRules: () => {
      for (const id of [...rules.keys()]) deleteRule(id);
    },
    match: (evt) => {
      const req = requestOf(evt && typeof evt === 'object' ? evt : {}, manager.origin || win.location?.href);
      const list = matching(req);
      return lookup(req, list) || (list.length ? { ruleId: list[0].id } : {});
    },
    clearCaches: () => drop(ids()),
    deleteCache: (id) => drop([String(id)]),
    deleteCaches: (list) => {
      if (Array.isArray(list)) drop(list.map(String));
    },
    // WeChat's start/stop work in mode 'none' only.
    start: () => {
      if (manager.mode === 'none') started = true;
    },
    stop: () => {
      if (manager.mode === 'none') started = false;
    },
    on: (name, handler) => {
      if (events[name] && typeof handler === 'function') events[name].add(handler);
    },
    off: (name, handler) => {
      if (!events[name]) return;
      if (handler === undefined) events[name].clear();
      else events[name].delete(handler);
    },
  });

  /**
   * network.js's hook: a request matching a rule is answered by the `request` handler or the cache while state is 1;
   * fresh results are kept.
   */
  const handle = async (o, send) => {
    const req = requestOf(o);
    const list = o.responseType === 'arraybuffer' ? [] : matching(req);
    if (!list.length) return send();
    check();
    const fetchAndKeep = async (keep = true) => {
      const res = await send();
      if (keep && res.statusCode >= 200 && res.statusCode < 300) store(list[0], req, res);
      return res;
    };
    if (manager.state === 1) {
      const [handler] = events.request;
      if (handler) {
        const evt = {
          url: o.url,
          method: req.method,
          data: o.data,
          header: o.header,
          dataType: o.dataType,
          responseType: o.responseType,
          request: (opts) => fetchAndKeep(Boolean(opts && opts.needUpdateCache)),
        };
        let answer;
        try {
          answer = await handler(evt);
        } catch (e) {
          throw failure(reasonOf(e));
        }
        if (answer !== undefined) {
          if (!answer || typeof answer !== 'object' || Array.isArray(answer)) return { data: answer };
          const { errMsg, ...rest } = answer;
          return rest;
        }
      }
      const hit = lookup(req, list);
      if (hit) return hit.data;
    }
    try {
      return await fetchAndKeep();
    } catch (error) {
      // A failed fetch is the weak network WeChat would have seen: a fresh copy answers instead.
      const hit = manager.mode !== 'none' && error.message !== 'abort' && lookup(req, list);
      if (hit) return hit.data;
      throw error;
    }
  };

  return { manager, handle };
}
