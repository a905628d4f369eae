// miniport runtime: helpers shared by the built-in components (attribute reading, internal nodes).

/**
 * An attribute as authored (`scroll-y`) or in camel case (`scrollY`).
 * @param {Record<string, any>} attrs
 * @param {string} name
 * @returns {any}
 */
export function attr(attrs, name) {
  if (!attrs) return undefined;
  if (name in attrs) return attrs[name];
  const camel = name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  return attrs[camel];
}

/**
 * WeChat's Boolean property coercion: any non-empty string (even "false") is true.
 * @type {(v: any) => boolean}
 */
export const bool = (v) => Boolean(v);

/**
 * A Number property: `fallback` when the value is missing or not a number.
 * @param {any} v
 * @param {number} [fallback]
 * @returns {number}
 */
export function num(v, fallback) {
  if (v === undefined || v === null || v === '') return fallback;
  const n = Number(v);
  return Number.isFinite(n) ? n : fallback;
}

/**
 * A String property (undefined/null → `fallback`).
 * @type {(v: any, fallback?: string) => string}
 */
export const text = (v, fallback = '') => (v === undefined || v === null ? fallback : String(v));

/**
 * Whether attribute `name` changed between two attribute sets.
 * @type {(attrs: Record<string, any>, old: Record<string, any> | undefined, name: string) => boolean}
 */
export const changed = (attrs, old, name) => attr(attrs, name) !== attr(old || {}, name);

/**
 * A length: a bare number means px (`23` → `23px`), rpx is converted, other units kept.
 * @param {any} v
 * @param {string} [fallback]
 * @returns {string | undefined}
 */
export function length(v, fallback) {
  if (v === undefined || v === null || v === '') return fallback;
  if (typeof v === 'number' || /^-?[\d.]+$/.test(String(v))) return `${Number(v)}px`;
  return String(v).replace(/(-?[\d.]+)rpx/g, 'calc($1 * var(--miniport-rpx))');
}

/**
 * An internal node: `<tag class=cls mp-internal>`, appended to `parent` when given.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {Element | Document} parent
 * @param {K} tag
 * @param {string} [cls]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function node(parent, tag, cls) {
  const doc = /** @type {Document} */ (parent.ownerDocument || parent);
  const el = doc.createElement(tag);
  el.setAttribute('mp-internal', '');
  if (cls) el.className = cls;
  if (parent.appendChild && parent !== doc) parent.appendChild(el);
  return el;
}

/**
 * The inline node that receives the author's children without changing layout.
 * @param {Element} parent
 * @returns {HTMLElement}
 */
export function slot(parent) {
  return node(parent, 'span', 'mp-content');
}

/**
 * Reflects Boolean properties as WeChat does: present (`""`) when true, absent when false.
 * @param {Element} el
 * @param {Record<string, any>} attrs
 * @param {string[]} names
 */
export function reflect(el, attrs, names) {
  for (const name of names) el.toggleAttribute(name, bool(attr(attrs, name)));
}

/**
 * Scopes an author class list with the owner's scope when the patcher provides one.
 * @param {Record<string, any> | undefined} api
 * @param {any} classes
 * @returns {string[]}
 */
export function scoped(api, classes) {
  const list = text(classes).trim().split(/\s+/).filter(Boolean);
  // A class may scope to two names (the plain and the scoped one, under apply-shared isolation).
  return api && typeof api.scopeClass === 'function'
    ? list.flatMap((c) => String(api.scopeClass(c)).split(' ').filter(Boolean))
    : list;
}

/**
 * Pointer position of a mouse, pointer or touch event.
 * @param {any} e a MouseEvent, PointerEvent or TouchEvent
 * @returns {{ x: number, y: number }}
 */
export function point(e) {
  const t = (e.touches && e.touches[0]) || (e.changedTouches && e.changedTouches[0]) || e;
  return { x: t.clientX || 0, y: t.clientY || 0 };
}

/**
 * Per-element state of a built-in.
 * @returns {{ get: (el: Element) => any, set: (el: Element, s: any) => any, delete: (el: Element) => boolean }}
 */
export function states() {
  const map = new WeakMap();
  return { get: (el) => map.get(el), set: (el, s) => (map.set(el, s), s), delete: (el) => map.delete(el) };
}

/** Controls a `<label>` can activate (checkbox, radio, switch, button): element → activate(). */
export const labelTargets = new WeakMap();

/**
 * Fields a `<form>` collects are published as `el.__mpField = { name, value, reset }`.
 * @param {Element} el
 * @param {() => string} name
 * @param {() => any} get
 * @param {() => void} reset
 */
export function field(el, name, get, reset) {
  el.__mpField = {
    get name() {
      return name();
    },
    get value() {
      return get();
    },
    reset,
  };
}

/**
 * @param {number} v
 * @param {number} lo
 * @param {number} hi
 * @returns {number}
 */
export function clamp(v, lo, hi) {
  return Math.min(hi, Math.max(lo, v));
}
