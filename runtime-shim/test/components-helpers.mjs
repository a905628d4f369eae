// Shared set-up of the built-in component tests: a jsdom window and a recording `api`.
import { JSDOM } from 'jsdom';
import { builtin, loadBuiltins } from '../src/components/index.js';

// Every built-in, the lazy ones included, is loaded before the tests build them.
await loadBuiltins();

export function setup() {
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  const { window } = dom;
  const doc = window.document;
  globalThis.window = window;
  return {
    window,
    doc,
    /** Creates `<wx-TAG>` with `attrs` through builtin(tag).create; children are appended to its content. */
    mount(tag, attrs = {}, { parent = doc.body, children = [], api: given } = {}) {
      const el = doc.createElement(`wx-${tag}`);
      parent.appendChild(el);
      const emits = [];
      const api = given || {
        owner: {},
        returns: {},
        emit(type, detail, opts) {
          emits.push({ type, detail, target: el, opts });
          return this.returns[type];
        },
        resolveUrl: (src) => (src.startsWith('/') ? `https://app.test${src}` : `https://app.test/pages/a/${src}`),
        scopeClass: (c) => `s--${c}`,
      };
      const made = builtin(tag).create(el, attrs, api) || {};
      const holder = made.content || el;
      for (const child of children) holder.appendChild(child);
      let current = attrs;
      return {
        el,
        api,
        emits,
        content: made.content,
        update(next) {
          builtin(tag).update(el, next, current, api);
          current = next;
        },
        destroy() {
          builtin(tag).destroy(el, api);
          el.remove();
        },
      };
    },
  };
}

export const flush = () => new Promise((r) => setTimeout(r, 0));

export function click(el) {
  el.dispatchEvent(new el.ownerDocument.defaultView.MouseEvent('click', { bubbles: true }));
}
