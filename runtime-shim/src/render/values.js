// miniport runtime: template values as WeChat renders them (stringification, decode, rpx, names).

/**
 * WeChat's rendering of a value: undefined → '', null → 'null', arrays joined by ','.
 * @param {any} value
 * @returns {string}
 */
export function str(value) {
  if (value === undefined) return '';
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

// exparser's class name: letters, digits, `-` and `_`, optionally led by `~` or `^`s (a class
// of the page or of an ancestor); anything else (commas of an array, brackets) separates names.
const CLASS_NAME = /(~|\^+)?-?[_0-9a-z][-_0-9a-z]*/gi;

/**
 * The class names a bound `class` holds, read as exparser reads them: `['a', 'b']` (shown as
 * `a,b`) is `a b`, and `[object Object]` is `object Object`.
 * @param {any} value
 * @returns {string[]}
 */
export function classTokens(value) {
  return value === undefined || value === null ? [] : str(value).match(CLASS_NAME) || [];
}

const ENTITIES = { nbsp: '\u00a0', lt: '<', gt: '>', amp: '&', apos: "'", ensp: '\u2002', emsp: '\u2003' };

/**
 * Decodes the entities `<text decode>` understands (not `&quot;` nor numeric ones).
 * @param {string} text
 * @returns {string}
 */
export function decode(text) {
  return text.replace(/&(nbsp|lt|gt|amp|apos|ensp|emsp);/g, (_, name) => ENTITIES[name]);
}

/**
 * `10rpx` → `calc(10 * var(--miniport-rpx))`, for bound inline styles.
 * @param {any} style
 * @returns {string}
 */
export function rpx(style) {
  return style.replace(/(-?(?:\d+\.?\d*|\.\d+))rpx\b/g, 'calc($1 * var(--miniport-rpx))');
}

/**
 * A dataset key back to its attribute name (`shopType` → `data-shop-type`).
 * @param {string} key
 * @returns {string}
 */
export function datasetAttr(key) {
  return `data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * A component attribute to its property name (`product-id` → `productId`).
 * @param {string} attr
 * @returns {string}
 */
export function propName(attr) {
  return attr.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
}
