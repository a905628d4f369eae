// miniport runtime: the virtual file system behind wx.getFileSystemManager and wx.saveFile (wxfile:// paths, IndexedDB,
// an in-memory mirror for the *Sync calls).
import { api, failure } from '../../core/callback.js';
import { setWxfileResolver, tempBlob } from '../../core/wxfile.js';

const USR = 'wxfile://usr';
const STORE = 'wxfile://store';
const TMP = 'wxfile://tmp';
const LIMIT = 200 * 1024 * 1024;
const MIME = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  json: 'application/json',
  txt: 'text/plain',
};

/**
 * @param {string} path
 * @returns {string}
 */
export function mimeOf(path) {
  const ext = /\.([a-z0-9]+)$/i.exec(String(path));
  return (ext && MIME[ext[1].toLowerCase()]) || 'application/octet-stream';
}

/** WeChat's Stats: mode, size, times in seconds, isFile/isDirectory. */
class Stats {
  constructor(node) {
    this.mode = node.dir ? 0o40777 : 0o100666;
    this.size = node.dir ? 0 : node.data.byteLength;
    this.lastAccessedTime = this.lastModifiedTime = Math.floor(node.mtime / 1000);
  }
  isDirectory() {
    return (this.mode & 0o170000) === 0o40000;
  }
  isFile() {
    return !this.isDirectory();
  }
}

const enc = new TextEncoder();
const latin1 = (bytes) => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
};

/**
 * Bytes of `data` written with `encoding` (WeChat: string + encoding, or an ArrayBuffer).
 * @param {string | ArrayBuffer | ArrayBufferView<ArrayBuffer>} data
 * @param {string} [encoding]
 * @returns {Uint8Array<ArrayBuffer>}
 */
export function toBytes(data, encoding = 'utf8') {
  if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
  if (ArrayBuffer.isView(data))
    return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  const s = String(data == null ? '' : data);
  switch (String(encoding).toLowerCase()) {
    case 'base64':
      return Uint8Array.from(atob(s.replace(/[^A-Za-z0-9+/]/g, '')), (c) => c.charCodeAt(0));
    case 'binary':
    case 'latin1':
    case 'ascii':
      return Uint8Array.from(s, (c) => c.charCodeAt(0) & 255);
    case 'hex':
      return Uint8Array.from(s.match(/../g) || [], (h) => parseInt(h, 16));
    case 'ucs2':
    case 'ucs-2':
    case 'utf16le':
    case 'utf-16le':
      return new Uint8Array(Uint16Array.from(s, (c) => c.charCodeAt(0)).buffer);
    default:
      return enc.encode(s);
  }
}

/**
 * `bytes` read with `encoding`; no encoding → an ArrayBuffer.
 * @param {Uint8Array} bytes
 * @param {string} [encoding]
 * @returns {string | ArrayBufferLike}
 */
export function fromBytes(bytes, encoding) {
  if (!encoding) return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  switch (String(encoding).toLowerCase()) {
    case 'base64':
      return btoa(latin1(bytes));
    case 'binary':
    case 'latin1':
      return latin1(bytes);
    case 'ascii':
      return latin1(bytes.map((b) => b & 127));
    case 'hex':
      return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    case 'ucs2':
    case 'ucs-2':
    case 'utf16le':
    case 'utf-16le':
      return String.fromCharCode(
        ...new Uint16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + (bytes.byteLength & ~1))),
      );
    default:
      return new TextDecoder().decode(bytes);
  }
}

function norm(path) {
  const s = String(path == null ? '' : path);
  if (!/^wxfile:\/\//i.test(s)) return s;
  const parts = [];
  for (const p of s.slice(9).split('/')) {
    if (p === '..') parts.pop();
    else if (p && p !== '.') parts.push(p);
  }
  return `wxfile://${parts.join('/')}`;
}
const parentOf = (p) => p.slice(0, p.lastIndexOf('/'));
const writable = (p) => p === USR || p.startsWith(`${USR}/`);

/** One file system per window: `{ fs, ready }`. */
const systems = new WeakMap();

function openDb(win) {
  const idb = win && win.indexedDB;
  if (!idb) return Promise.resolve(null);
  return new Promise((resolve) => {
    try {
      const req = idb.open('miniport-fs', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('files');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
}

/**
 * @param {MpWindow} [win]
 */
export function fileSystem(win = globalThis) {
  if (systems.has(win)) return systems.get(win);
  /** @type {Map<string, FileNode>} */
  const nodes = new Map([
    [USR, { dir: true, mtime: Date.now() }],
    [STORE, { dir: true, mtime: Date.now() }],
    [TMP, { dir: true, mtime: Date.now() }],
  ]);
  const touched = new Set();
  const urls = new Map();
  let db = null;
  let queue = Promise.resolve();
  const ready = openDb(win).then((d) => {
    db = d;
    if (!db) return undefined;
    return new Promise((resolve) => {
      const tx = db.transaction('files', 'readonly');
      const store = tx.objectStore('files');
      const req = store.openCursor();
      req.onsuccess = () => {
        const cur = req.result;
        if (!cur) return resolve(undefined);
        if (!touched.has(cur.key)) {
          const v = cur.value;
          nodes.set(
            cur.key,
            v.dir
              ? { dir: true, mtime: v.mtime }
              : { data: new Uint8Array(v.data), mtime: v.mtime, ctime: v.ctime || v.mtime },
          );
        }
        return cur.continue();
      };
      req.onerror = () => resolve(undefined);
    });
  });

  // Writes each change through to IndexedDB, in order; the promise settles once it is stored.
  function persist(paths) {
    for (const p of paths) touched.add(p);
    queue = queue
      .then(() => ready)
      .then(
        () =>
          db
          && new Promise((resolve) => {
            const tx = db.transaction('files', 'readwrite');
            const store = tx.objectStore('files');
            for (const p of paths) {
              const n = nodes.get(p);
              if (!n) store.delete(p);
              else
                store.put(
                  n.dir
                    ? { dir: true, mtime: n.mtime }
                    : {
                        data: n.data.buffer.slice(n.data.byteOffset, n.data.byteOffset + n.data.byteLength),
                        mtime: n.mtime,
                        ctime: n.ctime,
                      },
                  p,
                );
            }
            tx.oncomplete = tx.onerror = tx.onabort = () => resolve();
          }),
      );
    return queue;
  }

  const get = (p) => nodes.get(norm(p));
  const kids = (dir) => [...nodes.keys()].filter((k) => k.startsWith(`${dir}/`));
  const used = () => {
    let n = 0;
    for (const v of nodes.values()) if (!v.dir) n += v.data.byteLength;
    return n;
  };

  // Each operation: (args) → [result, changed paths]; throws the fail reason.
  const ops = {
    access(path) {
      if (!get(path)) throw failure(`no such file or directory ${path}`);
      return [undefined, []];
    },
    mkdir(dirPath, recursive) {
      const p = norm(dirPath);
      if (!writable(p)) throw failure(`permission denied, open ${dirPath}`);
      if (nodes.has(p)) throw failure(`file already exists ${dirPath}`);
      const made = [];
      const chain = [];
      for (let q = p; q.length > USR.length && !nodes.has(q); q = parentOf(q)) chain.unshift(q);
      if (chain.length > 1 && !recursive) throw failure(`no such file or directory ${dirPath}`);
      if (chain.some((q) => nodes.get(parentOf(q)) && !nodes.get(parentOf(q)).dir))
        throw failure(`not a directory ${dirPath}`);
      for (const q of chain) {
        nodes.set(q, { dir: true, mtime: Date.now() });
        made.push(q);
      }
      return [undefined, made];
    },
    readdir(dirPath) {
      const p = norm(dirPath);
      const n = nodes.get(p);
      if (!n) throw failure(`no such file or directory ${dirPath}`);
      if (!n.dir) throw failure(`not a directory ${dirPath}`);
      return [
        kids(p)
          .filter((k) => !k.slice(p.length + 1).includes('/'))
          .map((k) => k.slice(p.length + 1)),
        [],
      ];
    },
    rmdir(dirPath, recursive) {
      const p = norm(dirPath);
      const n = nodes.get(p);
      if (!n) throw failure(`no such file or directory ${dirPath}`);
      if (!n.dir) throw failure(`not a directory ${dirPath}`);
      if (!writable(p) || p === USR) throw failure(`permission denied, open ${dirPath}`);
      const inside = kids(p);
      if (inside.length && !recursive) throw failure('directory not empty');
      for (const k of inside) nodes.delete(k);
      nodes.delete(p);
      return [undefined, [p, ...inside]];
    },
    readFile(filePath, encoding, position, length) {
      const n = get(filePath);
      if (!n) throw failure(`no such file or directory, open ${filePath}`);
      if (n.dir) throw failure(`illegal operation on a directory, open ${filePath}`);
      let bytes = n.data;
      if (position !== undefined || length !== undefined) {
        const start = Number(position) || 0;
        bytes = bytes.subarray(start, length === undefined ? undefined : start + Number(length));
      }
      return [fromBytes(bytes, encoding), []];
    },
    writeFile(filePath, data, encoding, append) {
      const p = norm(filePath);
      const n = nodes.get(p);
      if (!writable(p)) throw failure(`permission denied, open ${filePath}`);
      if (n && n.dir) throw failure(`illegal operation on a directory, open ${filePath}`);
      const parent = nodes.get(parentOf(p));
      if (!parent || !parent.dir) throw failure(`no such file or directory, open ${filePath}`);
      if (append && !n) throw failure(`no such file or directory, open ${filePath}`);
      let bytes = toBytes(data, encoding);
      if (append) {
        const joined = new Uint8Array(n.data.byteLength + bytes.byteLength);
        joined.set(n.data);
        joined.set(bytes, n.data.byteLength);
        bytes = joined;
      }
      if (used() - (n ? n.data.byteLength : 0) + bytes.byteLength > LIMIT)
        throw failure('the maximum size of the file storage limit is exceeded');
      nodes.set(p, { data: bytes, mtime: Date.now(), ctime: n ? n.ctime : Date.now() });
      return [undefined, [p]];
    },
    unlink(filePath) {
      const p = norm(filePath);
      const n = nodes.get(p);
      if (!n) throw failure(`no such file or directory ${filePath}`);
      if (n.dir) throw failure(`operation not permitted, unlink ${filePath}`);
      if (!writable(p) && !p.startsWith(`${STORE}/`) && !p.startsWith(`${TMP}/`))
        throw failure(`permission denied, open ${filePath}`);
      nodes.delete(p);
      return [undefined, [p]];
    },
    rename(oldPath, newPath) {
      const a = norm(oldPath);
      const b = norm(newPath);
      const n = nodes.get(a);
      if (!n || !nodes.get(parentOf(b))) throw failure(`no such file or directory, rename ${oldPath} -> ${newPath}`);
      if (!writable(b) || !(writable(a) || a.startsWith(`${TMP}/`)))
        throw failure(`permission denied, rename ${oldPath} -> ${newPath}`);
      const moved = /** @type {Array<[string, FileNode]>} */ ([[a, n], ...kids(a).map((k) => [k, nodes.get(k)])]);
      for (const [k] of moved) nodes.delete(k);
      for (const [k, v] of moved) nodes.set(b + k.slice(a.length), v);
      return [undefined, moved.flatMap(([k]) => [k, b + k.slice(a.length)])];
    },
    copyFile(srcPath, destPath) {
      const n = get(srcPath);
      const d = norm(destPath);
      if (!n || n.dir || !nodes.get(parentOf(d)))
        throw failure(`no such file or directory, copyFile ${srcPath} -> ${destPath}`);
      if (!writable(d)) throw failure(`permission denied, copyFile ${srcPath} -> ${destPath}`);
      nodes.set(d, { data: n.data.slice(), mtime: Date.now(), ctime: Date.now() });
      return [undefined, [d]];
    },
    stat(path, recursive) {
      const p = norm(path);
      const n = nodes.get(p);
      if (!n) throw failure(`no such file or directory ${path}`);
      if (!recursive || !n.dir) return [new Stats(n), []];
      return [
        [
          { path: '/', stats: new Stats(n) },
          ...kids(p).map((k) => ({ path: k.slice(p.length), stats: new Stats(nodes.get(k)) })),
        ],
        [],
      ];
    },
    saveFile(tempFilePath, filePath, bytes) {
      /** @type {Partial<FileNode> | undefined} */
      const n = bytes ? { data: bytes } : get(tempFilePath);
      if (!n || n.dir) throw failure('tempFilePath file not exist');
      const name = String(tempFilePath).split(/[/?#]/).filter(Boolean).pop() || 'file';
      const dest = filePath
        ? norm(filePath)
        : `${STORE}/${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`
          + (/\.\w+$/.test(name) ? /\.\w+$/.exec(name)[0] : '');
      if (filePath && (!writable(dest) || !nodes.get(parentOf(dest))))
        throw failure(`no such file or directory ${filePath}`);
      nodes.set(dest, { data: n.data, mtime: Date.now(), ctime: Date.now() });
      const changed = [dest];
      if (!bytes && norm(tempFilePath).startsWith(`${TMP}/`)) {
        nodes.delete(norm(tempFilePath));
        changed.push(norm(tempFilePath));
      }
      return [dest, changed];
    },
    getFileInfo(filePath) {
      const n = get(filePath);
      if (!n || n.dir) throw failure('file not exist');
      return [{ size: n.data.byteLength }, []];
    },
    removeSavedFile(filePath) {
      const p = norm(filePath);
      if (!nodes.get(p) || nodes.get(p).dir) throw failure('file not exist');
      nodes.delete(p);
      return [undefined, [p]];
    },
    savedList() {
      return [
        kids(STORE).map((k) => {
          const n = nodes.get(k);
          return { filePath: k, size: n.data.byteLength, createTime: Math.floor(n.ctime / 1000) };
        }),
        [],
      ];
    },
  };

  /** Runs `op` now on the mirror (throws `name:fail …`); persistence follows in the background. */
  function sync(name, op, args) {
    try {
      const [result, changed] = ops[op](...args);
      if (changed.length) persist(changed);
      return result;
    } catch (error) {
      throw new Error(`${name}:fail ${error.message}`);
    }
  }

  /** Runs `op` once the stored files are loaded, resolving when its changes are stored. */
  async function run(op, args) {
    await ready;
    const [result, changed] = ops[op](...args);
    if (changed.length) await persist(changed);
    return result;
  }

  // Reads a blob:, http(s): or package path (async only) as bytes, or null.
  async function fetchBytes(path) {
    const s = String(path || '');
    if (/^wxfile:/i.test(s) || !s) return null;
    const known = tempBlob(s);
    if (known) return new Uint8Array(await known.arrayBuffer());
    try {
      const base = win.document ? win.document.baseURI : undefined;
      const res = await win.fetch(/^[a-z][\w+.-]*:/i.test(s) ? s : new URL(s.replace(/^\//, ''), base).href);
      return res.ok || /^blob:/.test(s) ? new Uint8Array(await res.arrayBuffer()) : null;
    } catch {
      return null;
    }
  }

  async function blobUrl(path) {
    await ready;
    const p = norm(path);
    const n = nodes.get(p);
    if (!n || n.dir) throw new Error(`no such file or directory ${path}`);
    const hit = urls.get(p);
    if (hit && hit.data === n.data) return hit.url;
    if (hit) win.URL.revokeObjectURL(hit.url);
    const url = win.URL.createObjectURL(new win.Blob([n.data], { type: mimeOf(p) }));
    urls.set(p, { data: n.data, url });
    return url;
  }

  const system = { ops, sync, run, fetchBytes, blobUrl, ready, nodes };
  systems.set(win, system);
  return system;
}

function manager(sys) {
  const m = {};
  /** @type {(name: string, params: string[], op?: string, map?: (r: any, o: MpOptions) => any) => void} */
  const def = (name, params, op = name, map = (r) => r) => {
    m[name] = api(name, async (o) => {
      const args = params.map((k) => o[k]);
      return map(await sys.run(op, args), o);
    });
    m[`${name}Sync`] = (...args) => sys.sync(`${name}Sync`, op, args);
  };
  def('access', ['path']);
  def('mkdir', ['dirPath', 'recursive']);
  def('rmdir', ['dirPath', 'recursive']);
  def('writeFile', ['filePath', 'data', 'encoding']);
  def('unlink', ['filePath']);
  def('rename', ['oldPath', 'newPath']);
  def('copyFile', ['srcPath', 'destPath']);
  m.readdir = api('readdir', async (o) => ({ files: await sys.run('readdir', [o.dirPath]) }));
  m.readdirSync = (dirPath) => sys.sync('readdirSync', 'readdir', [dirPath]);
  m.stat = api('stat', async (o) => ({ stats: await sys.run('stat', [o.path, o.recursive]) }));
  m.statSync = (path, recursive) => sys.sync('statSync', 'stat', [path, recursive]);
  m.appendFile = api('appendFile', (o) => sys.run('writeFile', [o.filePath, o.data, o.encoding, true]));
  m.appendFileSync = (filePath, data, encoding) =>
    sys.sync('appendFileSync', 'writeFile', [filePath, data, encoding, true]);
  m.readFile = api('readFile', async (o) => {
    const bytes = await sys.fetchBytes(o.filePath);
    if (bytes) return { data: fromBytes(bytes, o.encoding) };
    return { data: await sys.run('readFile', [o.filePath, o.encoding, o.position, o.length]) };
  });
  m.readFileSync = (filePath, encoding, position, length) =>
    sys.sync('readFileSync', 'readFile', [filePath, encoding, position, length]);
  m.saveFile = api('saveFile', async (o) => ({ savedFilePath: await saveAny(sys, o) }));
  m.saveFileSync = (tempFilePath, filePath) => sys.sync('saveFileSync', 'saveFile', [tempFilePath, filePath]);
  m.getFileInfo = api('getFileInfo', (o) => fileInfo(sys, o));
  m.removeSavedFile = api('removeSavedFile', (o) => sys.run('removeSavedFile', [o.filePath]));
  m.getSavedFileList = api('getSavedFileList', async () => ({ fileList: await sys.run('savedList', []) }));
  return m;
}

async function saveAny(sys, o) {
  const bytes = await sys.fetchBytes(o.tempFilePath);
  if (!bytes && !/^wxfile:/i.test(String(o.tempFilePath || ''))) throw failure('tempFilePath file not exist');
  return sys.run('saveFile', [o.tempFilePath, o.filePath, bytes]);
}

async function fileInfo(sys, o) {
  const bytes = await sys.fetchBytes(o.filePath);
  const data =
    bytes
    || (await sys.run('readFile', [o.filePath]).catch(() => {
      throw failure('file not exist');
    }));
  const out = { size: data.byteLength };
  // WeChat's default digest is MD5, which WebCrypto lacks: only sha1 is given.
  if (o.digestAlgorithm === 'sha1' && globalThis.crypto && crypto.subtle) {
    out.digest = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-1', data)), (b) =>
      b.toString(16).padStart(2, '0'),
    ).join('');
  }
  return out;
}

/**
 * wx.getFileSystemManager and the file APIs on wx itself.
 * @param {MpApiContext} ctx
 * @returns {MpApiTable}
 */
export function fileApis(ctx) {
  const win = (ctx && ctx.win) || globalThis;
  let fsm = null;
  const sys = () => fileSystem(win);
  const getFileSystemManager = () => fsm || (fsm = manager(sys()));
  setWxfileResolver((url) => sys().blobUrl(url));
  return {
    getFileSystemManager,
    saveFile: api('saveFile', async (o) => ({ savedFilePath: await saveAny(sys(), o) })),
    getSavedFileList: api('getSavedFileList', async () => ({ fileList: await sys().run('savedList', []) })),
    getSavedFileInfo: api('getSavedFileInfo', async (o) => {
      const entry = (await sys().run('savedList', [])).find((f) => f.filePath === norm(o.filePath));
      if (!entry) throw failure('file not exist');
      return { size: entry.size, createTime: entry.createTime };
    }),
    removeSavedFile: api('removeSavedFile', (o) => sys().run('removeSavedFile', [o.filePath])),
    getFileInfo: api('getFileInfo', (o) => fileInfo(sys(), o)),
  };
}
