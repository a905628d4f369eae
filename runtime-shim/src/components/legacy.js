// miniport runtime: the legacy built-ins of the first base libraries (<toast>, <loading>, <modal>,
// <action-sheet> with its items and cancel, <contact-button>), drawn as wx.showToast/showModal draw them.
import { attr, bool, changed, node, num, states, text } from './util.js';

const toasts = states();
const modals = states();

/** The element's visibility: the legacy components show unless `hidden`. */
function showing(el, attrs) {
  el.toggleAttribute('mp-hidden', bool(attr(attrs, 'hidden')));
  return !bool(attr(attrs, 'hidden'));
}

function toastTimer(el, t) {
  clearTimeout(t.timer);
  if (!showing(el, t.attrs)) return;
  // WeChat's toast fires change after `duration` (the app hides it then).
  t.timer = el.ownerDocument.defaultView.setTimeout(
    () => t.api.emit('change', {}),
    num(attr(t.attrs, 'duration'), 1500),
  );
}

export const toast = {
  create(el, attrs, api) {
    const box = node(el, 'div', 'miniport-toast wx-toast');
    const icon = node(box, 'i', 'wx-toast-icon');
    icon.textContent = '\u2713';
    const t = toasts.set(el, { attrs, api, timer: 0 });
    toastTimer(el, t);
    return { content: node(box, 'p', 'wx-toast-content') };
  },
  update(el, attrs, old, api) {
    const t = toasts.get(el);
    Object.assign(t, { attrs, api });
    if (changed(attrs, old, 'hidden') || changed(attrs, old, 'duration')) toastTimer(el, t);
  },
  destroy(el) {
    const t = toasts.get(el);
    if (t) clearTimeout(t.timer);
    toasts.delete(el);
  },
};

export const loading = {
  create(el, attrs) {
    const box = node(el, 'div', 'miniport-toast wx-loading');
    node(box, 'i', 'wx-loading-icon');
    showing(el, attrs);
    return { content: node(box, 'p', 'wx-loading-content') };
  },
  update(el, attrs) {
    showing(el, attrs);
  },
  destroy() {},
};

function modalButtons(m) {
  const { attrs } = m;
  m.cancel.hidden = bool(attr(attrs, 'no-cancel'));
  m.cancel.textContent = text(attr(attrs, 'cancel-text'), '取消');
  m.confirm.textContent = text(attr(attrs, 'confirm-text'), '确定');
  m.title.textContent = text(attr(attrs, 'title'));
  m.title.hidden = !m.title.textContent;
}

export const modal = {
  create(el, attrs, api) {
    const root = node(el, 'div', 'miniport-modal-root wx-modal');
    const mask = node(root, 'div', 'miniport-modal-mask');
    const box = node(root, 'div', 'miniport-modal');
    const title = node(box, 'div', 'miniport-modal-title');
    const content = node(box, 'div', 'miniport-modal-content');
    const row = node(box, 'div', 'miniport-modal-buttons');
    const cancel = node(row, 'button', 'miniport-modal-cancel');
    const confirm = node(row, 'button', 'miniport-modal-confirm');
    const m = modals.set(el, { attrs, api, title, cancel, confirm });
    cancel.addEventListener('click', () => m.api.emit('cancel', {}));
    confirm.addEventListener('click', () => m.api.emit('confirm', {}));
    mask.addEventListener('click', () => m.api.emit('cancel', {}));
    modalButtons(m);
    showing(el, attrs);
    return { content };
  },
  update(el, attrs, old, api) {
    const m = modals.get(el);
    Object.assign(m, { attrs, api });
    modalButtons(m);
    showing(el, attrs);
  },
  destroy(el) {
    modals.delete(el);
  },
};

/** An action sheet: the mask and <action-sheet-cancel> fire its change; the items are the author's. */
export const actionSheet = {
  create(el, attrs, api) {
    const root = node(el, 'div', 'miniport-sheet-root wx-action-sheet');
    const mask = node(root, 'div', 'miniport-modal-mask');
    const sheet = node(root, 'div', 'miniport-sheet');
    const s = modals.set(el, { attrs, api });
    mask.addEventListener('click', () => s.api.emit('change', {}));
    sheet.addEventListener('click', (e) => {
      const cancel = /** @type {Element} */ (e.target).closest('wx-action-sheet-cancel');
      if (cancel && el.contains(cancel)) s.api.emit('change', {});
    });
    showing(el, attrs);
    return { content: sheet };
  },
  update(el, attrs, old, api) {
    Object.assign(modals.get(el), { attrs, api });
    showing(el, attrs);
  },
  destroy(el) {
    modals.delete(el);
  },
};

/** A customer-service button: WeChat opens its chat; the web has none, so it only draws the icon. */
export const contactButton = {
  create(el, attrs) {
    const icon = node(el, 'span', 'wx-contact-button-icon');
    icon.setAttribute('aria-label', 'contact');
    el.setAttribute('mp-type', text(attr(attrs, 'type'), 'default-dark'));
    el.style.setProperty('--mp-contact-size', `${num(attr(attrs, 'size'), 18)}px`);
    return { content: null };
  },
  update(el, attrs) {
    el.setAttribute('mp-type', text(attr(attrs, 'type'), 'default-dark'));
    el.style.setProperty('--mp-contact-size', `${num(attr(attrs, 'size'), 18)}px`);
  },
  destroy() {},
};
