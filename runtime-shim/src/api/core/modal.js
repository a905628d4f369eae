// miniport runtime: wx.showModal (Telegram popup or an in-page dialog in WeChat's look) and wx.showActionSheet (an
// in-page sheet).
import { settle, paramError, failure } from '../../core/callback.js';

let queue = Promise.resolve();

/** Runs `fn` after the dialogs before it have closed (one dialog at a time, as in WeChat). */
function inTurn(fn) {
  const run = queue.then(fn);
  queue = run.catch(() => {});
  return run;
}

const docOf = (ctx) => (ctx.win && ctx.win.document) || globalThis.document;

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {Document} doc
 * @param {K} tag
 * @param {string} [cls]
 * @param {any} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(doc, tag, cls, text) {
  const node = doc.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = String(text);
  return node;
}

/**
 * Shows `box` over a mask; resolves with what `build(close)` hands to `close`.
 * @param {MpApiContext} ctx
 * @param {string} kind
 * @param {(doc: Document, close: (value: any) => void) => Node} build
 * @returns {Promise<any>}
 */
export function overlay(ctx, kind, build) {
  const doc = docOf(ctx);
  if (!doc || !doc.body) return Promise.reject(failure('no document'));
  return new Promise((resolve) => {
    const root = el(doc, 'div', `miniport-${kind}-root`);
    const close = (value) => {
      root.remove();
      resolve(value);
    };
    const mask = el(doc, 'div', 'miniport-modal-mask');
    if (kind === 'sheet') mask.addEventListener('click', () => close(null));
    root.append(mask, build(doc, close));
    doc.body.appendChild(root);
  });
}

/**
 * An in-page dialog: `{title, content, showCancel, cancelText, cancelColor, confirmText,
 * confirmColor, editable, placeholderText}` → `{confirm, cancel, content?}`.
 * @param {MpApiContext} ctx
 * @param {Record<string, any>} o
 * @returns {Promise<{ confirm: boolean, cancel: boolean, content?: string }>}
 */
export function dialog(ctx, o) {
  return overlay(ctx, 'modal', (doc, close) => {
    const box = el(doc, 'div', 'miniport-modal');
    box.setAttribute('role', 'dialog');
    if (o.title) box.append(el(doc, 'div', 'miniport-modal-title', o.title));
    let input = null;
    if (o.editable) {
      input = el(doc, 'textarea', 'miniport-modal-input');
      input.value = o.content ? String(o.content) : '';
      if (o.placeholderText) input.placeholder = String(o.placeholderText);
      box.append(input);
    } else if (o.content) box.append(el(doc, 'div', 'miniport-modal-content', o.content));
    const bar = el(doc, 'div', 'miniport-modal-buttons');
    const button = (cls, text, color, confirm) => {
      const b = el(doc, 'button', cls, text);
      b.type = 'button';
      if (color) b.style.color = String(color);
      b.addEventListener('click', () =>
        close(Object.assign({ confirm, cancel: !confirm }, input ? { content: confirm ? input.value : '' } : {})),
      );
      bar.append(b);
    };
    if (o.showCancel !== false) button('miniport-modal-cancel', o.cancelText || '取消', o.cancelColor, false);
    button('miniport-modal-confirm', o.confirmText || '确定', o.confirmColor, true);
    box.append(bar);
    return box;
  });
}

const fits = (s, n) => s === undefined || String(s).length <= n;

/** Whether Telegram's popup can show these options (its limits; no input field). */
function popupFits(o) {
  return (
    !o.editable
    && o.content
    && fits(o.title, 64)
    && fits(o.content, 256)
    && fits(o.confirmText, 64)
    && fits(o.cancelText, 64)
  );
}

function showModal(ctx) {
  return (o = {}) =>
    settle(
      'showModal',
      o,
      inTurn(() => {
        for (const k of ['title', 'content', 'cancelText', 'confirmText']) {
          if (o[k] !== undefined && typeof o[k] !== 'string') throw failure(paramError(k, 'String', o[k]));
        }
        const b = ctx.bridge;
        if (b && b.inTelegram && b.supports('web_app_open_popup') && popupFits(o)) {
          const buttons = [];
          if (o.showCancel !== false) buttons.push({ id: 'cancel', type: 'default', text: o.cancelText || '取消' });
          buttons.push({ id: 'confirm', type: 'default', text: o.confirmText || '确定' });
          const params = { message: String(o.content), buttons };
          if (o.title) params.title = String(o.title);
          return b.request('web_app_open_popup', params, 'popup_closed').then((d) => {
            const confirm = Boolean(d && d.button_id === 'confirm');
            return { confirm, cancel: !confirm };
          });
        }
        return dialog(ctx, o);
      }),
    );
}

function showActionSheet(ctx) {
  return (o = {}) =>
    settle(
      'showActionSheet',
      o,
      inTurn(() => {
        const items = o.itemList;
        if (!Array.isArray(items)) throw failure(paramError('itemList', 'Array', items));
        if (items.length > 6) throw failure('parameter error: itemList should not be large than 6');
        return overlay(ctx, 'sheet', (doc, close) => {
          const box = el(doc, 'div', 'miniport-sheet');
          box.setAttribute('role', 'menu');
          if (o.alertText) box.append(el(doc, 'div', 'miniport-sheet-alert', o.alertText));
          items.forEach((text, tapIndex) => {
            const b = el(doc, 'button', 'miniport-sheet-item', text);
            b.type = 'button';
            if (o.itemColor) b.style.color = String(o.itemColor);
            b.addEventListener('click', () => close({ tapIndex }));
            box.append(b);
          });
          const cancel = el(doc, 'button', 'miniport-sheet-cancel', '取消');
          cancel.type = 'button';
          cancel.addEventListener('click', () => close(null));
          box.append(cancel);
          return box;
        }).then((r) => {
          if (!r) throw failure('cancel');
          return r;
        });
      }),
    );
}

/**
 * showModal and showActionSheet.
 * @param {MpApiContext} ctx
 * @returns {MpApiTable}
 */
export function modalApis(ctx) {
  return { showModal: showModal(ctx), showActionSheet: showActionSheet(ctx) };
}
