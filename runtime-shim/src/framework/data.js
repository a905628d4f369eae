// miniport runtime: setData paths (`a.b[2].c`), applying them, and the clones WeChat makes of data.

/**
 * The segments of a setData key: `a.b[2].c` → ['a', 'b', 2, 'c']. Throws on a malformed key,
 * as WeChat rejects one (`a..b`, `a[x]`, unclosed brackets). `\.` and `\[` escape.
 * @param {string} key
 * @returns {Array<string | number>}
 */
export function parsePath(key) {
  const parts = [];
  let name = '';
  let named = false;
  for (let i = 0; i < key.length; i++) {
    const c = key[i];
    if (c === '\\' && i + 1 < key.length) {
      name += key[++i];
      named = true;
    } else if (c === '.') {
      if (!named) throw new Error(`invalid data path "${key}"`);
      parts.push(name);
      name = '';
      named = false;
    } else if (c === '[') {
      if (named) parts.push(name);
      else if (!parts.length) throw new Error(`invalid data path "${key}"`);
      const end = key.indexOf(']', i);
      const index = key.slice(i + 1, end);
      if (end < 0 || !/^\d+$/.test(index)) throw new Error(`invalid data path "${key}"`);
      parts.push(Number(index));
      i = end;
      name = '';
      named = false;
      if (key[i + 1] === '.') {
        i++;
        if (i + 1 >= key.length) throw new Error(`invalid data path "${key}"`);
      } else if (i + 1 < key.length && key[i + 1] !== '[') throw new Error(`invalid data path "${key}"`);
    } else {
      name += c;
      named = true;
    }
  }
  if (named) parts.push(name);
  else if (!parts.length || key.endsWith('.')) throw new Error(`invalid data path "${key}"`);
  return parts;
}

/**
 * Writes `value` at `parts` in `data`, creating objects (or arrays before an index) on the way
 * as WeChat does. Every container on the path is added to `touched`.
 * @param {Record<string, any>} data
 * @param {Array<string | number>} parts
 * @param {any} value
 * @param {Set<object> | WeakSet<object>} [touched]
 */
export function setPath(data, parts, value, touched) {
  let target = data;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i];
    let next = target[part];
    if (next === null || typeof next !== 'object') {
      next = typeof parts[i + 1] === 'number' ? [] : {};
      target[part] = next;
    }
    if (touched) touched.add(next);
    target = next;
  }
  target[parts[parts.length - 1]] = value;
  if (touched && value !== null && typeof value === 'object') touched.add(value);
}

/**
 * The value at `parts` in `data` (undefined when the path does not exist).
 * @param {any} data
 * @param {Array<string | number>} parts
 * @returns {any}
 */
export function getPath(data, parts) {
  let value = data;
  for (const part of parts) {
    if (value === null || value === undefined) return undefined;
    value = value[part];
  }
  return value;
}

/**
 * A deep copy of plain data (objects, arrays); other values (dates, functions) are shared.
 * @param {any} value
 * @returns {any}
 */
export function clone(value) {
  if (Array.isArray(value)) return value.map(clone);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out = {};
    for (const key of Object.keys(value)) out[key] = clone(value[key]);
    return out;
  }
  return value;
}

/**
 * Merges `source` into `target` deeply where both hold plain objects (behaviors' data rule).
 * @param {Record<string, any>} target
 * @param {Record<string, any>} source
 * @returns {Record<string, any>} target
 */
export function mergeData(target, source) {
  for (const key of Object.keys(source)) {
    const a = target[key];
    const b = source[key];
    if (isPlain(a) && isPlain(b)) mergeData(a, b);
    else target[key] = clone(b);
  }
  return target;
}

function isPlain(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Whether the path `a` is `b` or lies under it (['x', 0] is under ['x']).
 * @param {Array<string | number>} b
 * @param {Array<string | number>} a
 * @returns {boolean}
 */
export function covers(b, a) {
  if (b.length > a.length) return false;
  for (let i = 0; i < b.length; i++) if (String(b[i]) !== String(a[i])) return false;
  return true;
}

/**
 * Rough size in bytes of `value` as JSON (for WeChat's data-size warning).
 * @param {any} value
 * @returns {number}
 */
export function jsonSize(value) {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return 0;
  }
}
