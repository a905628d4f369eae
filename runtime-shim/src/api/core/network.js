// miniport runtime: wx.request, wx.uploadFile and wx.downloadFile over fetch/XMLHttpRequest, with WeChat's tasks and
// result shapes.
import { settle, paramError, failure } from '../../core/callback.js';
import { hostAllowed } from '../../core/urls.js';
import { tempUrl } from '../../core/wxfile.js';
import { fileSystem } from '../media/files.js';

const noop = () => {};

/**
 * Settles a task-returning API: these never return a promise in WeChat, so a missing fail is no unhandled rejection.
 * @param {string} name
 * @param {MpOptions} o
 * @param {any} work
 */
export function settleTask(name, o, work) {
  settle(name, { success: o.success, fail: o.fail || noop, complete: o.complete }, work);
}

/**
 * A set of listeners with on/off/emit, as tasks use them.
 * @returns {{ on: (cb: MpListener) => void, off: (cb?: MpListener) => void, emit: (res?: any) => void }}
 */
export function listeners() {
  const set = new Set();
  return {
    on: (cb) => {
      if (typeof cb === 'function') set.add(cb);
    },
    off: (cb) => {
      if (cb === undefined) set.clear();
      else set.delete(cb);
    },
    emit: (res) => {
      for (const cb of [...set]) {
        try {
          cb(res);
        } catch (e) {
          console.error(e);
        }
      }
    },
  };
}

/**
 * WeChat's query-string encoding of an object (`k=v&…`, objects as JSON).
 * @param {Record<string, any>} data
 * @returns {string}
 */
export function queryString(data) {
  return Object.keys(data)
    .filter((k) => data[k] !== undefined)
    .map((k) => {
      const v = data[k];
      return (
        `${encodeURIComponent(k)}=`
        + encodeURIComponent(v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v))
      );
    })
    .join('&');
}

function headerObject(headers) {
  const out = {};
  headers.forEach((v, k) => {
    out[k] = v;
  });
  return out;
}

function headerList(header) {
  const out = {};
  for (const [k, v] of Object.entries(header && typeof header === 'object' ? header : {})) {
    if (!/^referer$/i.test(k) && v !== undefined && v !== null) out[k] = String(v);
  }
  return out;
}

function contentType(header) {
  const key = Object.keys(header).find((k) => k.toLowerCase() === 'content-type');
  return key ? header[key] : '';
}

/**
 * URL and body of a request as WeChat builds them from `data`.
 * @param {string} url
 * @param {string} method
 * @param {any} data
 * @param {Record<string, string>} [header]
 * @returns {{ url: string, body: any, contentType?: string }}
 */
export function encodeRequest(url, method, data, header) {
  if (data === undefined || data === null) return { url, body: undefined };
  const isObject = typeof data === 'object' && !(data instanceof ArrayBuffer) && !ArrayBuffer.isView(data);
  if (method === 'GET' || method === 'HEAD') {
    const qs = isObject ? queryString(data) : typeof data === 'string' ? data : '';
    return { url: qs ? url + (url.includes('?') ? '&' : '?') + qs : url, body: undefined };
  }
  if (!isObject) return { url, body: data };
  return { url, body: /x-www-form-urlencoded/i.test(contentType(header)) ? queryString(data) : JSON.stringify(data) };
}

function timeoutOf(o, ctx, kind) {
  const t = Number(o.timeout) || Number(ctx.config && ctx.config.networkTimeout && ctx.config.networkTimeout[kind]);
  return t > 0 ? t : 60000;
}

const fetchOf = (ctx) => (ctx.win && ctx.win.fetch) || globalThis.fetch;

function checkUrl(ctx, o) {
  if (typeof o.url !== 'string') throw failure(paramError('url', 'String', o.url));
  if (!/^https?:\/\//i.test(o.url) && !/^(blob|data):/i.test(o.url)) throw failure(`invalid url "${o.url}"`);
  checkDomain(ctx, o.url);
}

/**
 * Fails as WeChat does when `url` (http(s) or ws(s)) names a host outside `miniport.json`'s `request.domains`, the
 * request domains of the app; every host passes without the setting.
 * @param {MpApiContext} ctx
 * @param {string} url
 */
export function checkDomain(ctx, url) {
  const request = ctx.config && ctx.config.request;
  if (!request || !/^(https?|wss?):/i.test(url)) return;
  let u;
  try {
    u = new URL(url);
  } catch {
    throw failure(`invalid url "${url}"`);
  }
  if (!hostAllowed(u, request.domains)) throw failure('url not in domain list');
}

/** Runs `fetch` with abort and timeout; the reason of an aborted call is 'abort' or 'timeout'. */
function guardedFetch(ctx, url, init, ms) {
  const ac = new AbortController();
  let reason = null;
  const stop = (why) => {
    if (!reason) {
      reason = why;
      ac.abort();
    }
  };
  const timer = setTimeout(() => stop('timeout'), ms);
  const done = Promise.resolve().then(() => fetchOf(ctx)(url, { ...init, signal: ac.signal }));
  const fail = (e) => {
    throw failure(reason || (e && e.message) || 'network error');
  };
  return { done: done.catch(fail), stop, fail, clear: () => clearTimeout(timer) };
}

async function readBody(res, onChunk, onProgress) {
  if (!res.body || typeof res.body.getReader !== 'function') return new Uint8Array(await res.arrayBuffer());
  const total = Number(res.headers.get('content-length')) || 0;
  const reader = res.body.getReader();
  const parts = [];
  let got = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    got += value.byteLength;
    if (onChunk) onChunk(value);
    if (onProgress) onProgress(got, total);
  }
  const out = new Uint8Array(got);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

let requestHook = null;

/**
 * Lets wx.createCacheManager answer wx.request: `hook(o, send)` resolves to the result; `send()` asks the network.
 * @param {((o: MpOptions, send: () => Promise<any>) => any) | null} hook
 */
export function setRequestHook(hook) {
  requestHook = hook;
}

function request(ctx) {
  return (options) => {
    const o = options && typeof options === 'object' ? options : {};
    const headers = listeners();
    const chunks = listeners();
    let guard = null;
    let aborted = false;
    const work = (async () => {
      checkUrl(ctx, o);
      return requestHook ? requestHook(o, send) : send();
    })();
    async function send() {
      const method = String(o.method || 'GET').toUpperCase();
      const header = headerList(o.header);
      if (!contentType(header) && method !== 'GET' && method !== 'HEAD') header['content-type'] = 'application/json';
      const { url, body } = encodeRequest(o.url, method, o.data, header);
      guard = guardedFetch(
        ctx,
        url,
        { method, headers: header, body, credentials: o.withCredentials === false ? 'omit' : 'same-origin' },
        timeoutOf(o, ctx, 'request'),
      );
      if (aborted) guard.stop('abort');
      try {
        const res = await guard.done;
        const header = headerObject(res.headers);
        headers.emit({ header, statusCode: res.status, cookies: [] });
        const bytes = await readBody(
          res,
          o.enableChunked ? (c) => chunks.emit({ data: c.slice().buffer }) : null,
        ).catch(guard.fail);
        let data;
        if (o.responseType === 'arraybuffer') data = bytes.buffer;
        else {
          data = new TextDecoder().decode(bytes);
          if ((o.dataType || 'json') === 'json') {
            try {
              data = JSON.parse(data);
            } catch {
              /* the raw text */
            }
          }
        }
        return { data, statusCode: res.status, header, cookies: [] };
      } finally {
        guard.clear();
      }
    }
    settleTask('request', o, work);
    return {
      abort() {
        aborted = true;
        if (guard) guard.stop('abort');
      },
      onHeadersReceived: headers.on,
      offHeadersReceived: headers.off,
      onChunkReceived: chunks.on,
      offChunkReceived: chunks.off,
    };
  };
}

/** Reads a file path (blob:, data:, http(s):, or wxfile:// through `ctx.resolveFile`) as a Blob. */
async function fileBlob(ctx, path) {
  if (typeof path !== 'string') throw failure(paramError('filePath', 'String', path));
  if (/^wxfile:/.test(path)) {
    if (typeof ctx.resolveFile !== 'function') throw failure(`file not found: ${path}`);
    return ctx.resolveFile(path);
  }
  const res = await fetchOf(ctx)(path);
  if (!res.ok) throw failure(`file not found: ${path}`);
  return res.blob();
}

function uploadFile(ctx) {
  return (options) => {
    const o = options && typeof options === 'object' ? options : {};
    const progress = listeners();
    const headers = listeners();
    let xhr = null;
    let aborted = false;
    const work = (async () => {
      checkUrl(ctx, o);
      if (typeof o.name !== 'string' || !o.name) throw failure(paramError('name', 'String', o.name));
      let blob = await fileBlob(ctx, o.filePath);
      const B = ctx.win && ctx.win.Blob;
      if (B && !(blob instanceof B)) blob = new B([await blob.arrayBuffer()], { type: blob.type });
      if (aborted) throw failure('abort');
      const form = new ((ctx.win && ctx.win.FormData) || FormData)();
      for (const [k, v] of Object.entries(o.formData || {}))
        form.append(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
      const base = String(o.filePath).split(/[/?#]/).filter(Boolean).pop() || 'file';
      form.append(o.name, blob, /\.\w+$/.test(base) ? base : 'file');
      const XHR = (ctx.win && ctx.win.XMLHttpRequest) || globalThis.XMLHttpRequest;
      if (!XHR) throw failure('XMLHttpRequest is not available');
      return new Promise((resolve, reject) => {
        xhr = new XHR();
        xhr.open('POST', o.url);
        for (const [k, v] of Object.entries(headerList(o.header)))
          if (!/^content-type$/i.test(k)) xhr.setRequestHeader(k, v);
        xhr.timeout = timeoutOf(o, ctx, 'uploadFile');
        xhr.upload.onprogress = (e) =>
          progress.emit({
            progress: e.total ? Math.round((e.loaded / e.total) * 100) : 0,
            totalBytesSent: e.loaded,
            totalBytesExpectedToSend: e.total,
          });
        xhr.onreadystatechange = () => {
          if (xhr.readyState === 2) headers.emit({ header: parseHeaders(xhr.getAllResponseHeaders()) });
        };
        xhr.onload = () =>
          resolve({
            data: xhr.responseText,
            statusCode: xhr.status,
            header: parseHeaders(xhr.getAllResponseHeaders()),
          });
        xhr.onerror = () => reject(failure('network error'));
        xhr.ontimeout = () => reject(failure('timeout'));
        xhr.onabort = () => reject(failure('abort'));
        xhr.send(form);
      });
    })();
    settleTask('uploadFile', o, work);
    return {
      abort() {
        aborted = true;
        if (xhr) xhr.abort();
      },
      onProgressUpdate: progress.on,
      offProgressUpdate: progress.off,
      onHeadersReceived: headers.on,
      offHeadersReceived: headers.off,
    };
  };
}

function parseHeaders(text) {
  const out = {};
  for (const line of String(text || '').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}

// With `filePath` (under wx.env.USER_DATA_PATH) the file is written there and the result names it, as WeChat does; else
// it is a blob: temp path.
function downloadFile(ctx) {
  return (options) => {
    const o = options && typeof options === 'object' ? options : {};
    const progress = listeners();
    const headers = listeners();
    let guard = null;
    let aborted = false;
    const work = (async () => {
      checkUrl(ctx, o);
      guard = guardedFetch(ctx, o.url, { headers: headerList(o.header) }, timeoutOf(o, ctx, 'downloadFile'));
      if (aborted) guard.stop('abort');
      try {
        const res = await guard.done;
        const header = headerObject(res.headers);
        headers.emit({ header });
        const bytes = await readBody(res, null, (got, total) =>
          progress.emit({
            progress: total ? Math.round((got / total) * 100) : 0,
            totalBytesWritten: got,
            totalBytesExpectedToWrite: total,
          }),
        ).catch(guard.fail);
        if (typeof o.filePath === 'string' && o.filePath) {
          await fileSystem(ctx.win || globalThis).run('writeFile', [o.filePath, bytes]);
          return { filePath: o.filePath, statusCode: res.status, header };
        }
        const B = (ctx.win && ctx.win.Blob) || Blob;
        const blob = new B([bytes], { type: res.headers.get('content-type') || '' });
        return { tempFilePath: tempUrl(blob, ctx.win || globalThis), statusCode: res.status, header };
      } finally {
        guard.clear();
      }
    })();
    settleTask('downloadFile', o, work);
    return {
      abort() {
        aborted = true;
        if (guard) guard.stop('abort');
      },
      onProgressUpdate: progress.on,
      offProgressUpdate: progress.off,
      onHeadersReceived: headers.on,
      offHeadersReceived: headers.off,
    };
  };
}

/**
 * request, uploadFile, downloadFile.
 * @param {MpApiContext} ctx
 * @returns {MpApiTable}
 */
export function networkApis(ctx) {
  return { request: request(ctx), uploadFile: uploadFile(ctx), downloadFile: downloadFile(ctx) };
}
