// miniport runtime: wx.chooseAddress as an in-page address form (a bottom sheet in the look of ui.css), prefilled with
// the address chosen last time.
import { settle, failure } from '../../core/callback.js';
import { overlay, el } from './modal.js';
import { localStore } from './permission.js';

// One of miniport's own records: not under storage.js's prefix, so wx.getStorageInfo never lists it.
const KEY = 'miniport:address';

// WeChat's result fields in form order: [field, label, autocomplete, required, input type].
/** @type {Array<[field: string, label: string, autocomplete: string, required: boolean, type: string]>} */
const FIELDS = [
  ['userName', '收货人', 'name', true, 'text'],
  ['telNumber', '手机号码', 'tel', true, 'tel'],
  ['provinceName', '省份', 'address-level1', false, 'text'],
  ['cityName', '城市', 'address-level2', false, 'text'],
  ['countyName', '区县', 'address-level3', false, 'text'],
  ['streetName', '街道', 'address-line1', false, 'text'],
  ['detailInfoNew', '详细地址', 'address-line2', true, 'text'],
  ['postalCode', '邮政编码', 'postal-code', false, 'text'],
];

let queue = Promise.resolve();

function lastAddress(ctx) {
  try {
    const saved = JSON.parse(localStore(ctx.win)?.getItem(KEY) || 'null');
    return saved && typeof saved === 'object' ? saved : {};
  } catch {
    return {};
  }
}

/** What the form answers, in WeChat's shape (detailInfo is the street and the detail together). */
function result(values) {
  const street = values.streetName;
  const detail = values.detailInfoNew;
  return {
    userName: values.userName,
    postalCode: values.postalCode,
    provinceName: values.provinceName,
    cityName: values.cityName,
    countyName: values.countyName,
    streetName: street,
    detailInfo: street && !detail.startsWith(street) ? `${street}${detail}` : detail,
    detailInfoNew: detail,
    nationalCode: '',
    telNumber: values.telNumber,
  };
}

/** The first problem with the form's values as `[field, message]`, or null. */
function problem(values) {
  for (const [field, label, , required] of FIELDS) {
    const value = values[field];
    if (required && !value) return [field, `请填写${label}`];
    const digits = value.replace(/\D/g, '').length;
    if (field === 'telNumber' && (!/^\+?[\d\s()-]+$/.test(value) || digits < 5 || digits > 20))
      return [field, '请填写正确的手机号码'];
  }
  return null;
}

/** The form in a bottom sheet; resolves with the result, or null when cancelled. */
function form(ctx) {
  const saved = lastAddress(ctx);
  return overlay(ctx, 'sheet', (doc, close) => {
    const box = el(doc, 'form', 'miniport-sheet miniport-address');
    box.noValidate = true;
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-modal', 'true');
    box.setAttribute('aria-labelledby', 'miniport-address-title');
    box.style.cssText = 'max-height:90vh;overflow-y:auto;';
    const title = el(doc, 'div', 'miniport-sheet-alert', '收货地址');
    title.id = 'miniport-address-title';
    title.style.cssText = 'font-size:17px;font-weight:700;color:#000;';
    box.append(title);
    const inputs = {};
    for (const [field, label, autocomplete, required, type] of FIELDS) {
      const row = el(doc, 'div', 'miniport-setting-row');
      row.style.background = '#fff';
      const id = `miniport-address-${field}`;
      const name = el(doc, 'label', '', label);
      name.htmlFor = id;
      name.style.cssText = 'flex:0 0 5em;color:#000;';
      const input = el(doc, 'input');
      Object.assign(input, { id, name: field, type, autocomplete, value: saved[field] ? String(saved[field]) : '' });
      if (required) input.setAttribute('aria-required', 'true');
      if (field === 'postalCode') input.inputMode = 'numeric';
      input.placeholder = required ? label : `${label}（选填）`;
      input.style.cssText = 'flex:1;min-width:0;border:0;background:none;font:inherit;color:#000;padding:0;';
      row.append(name, input);
      box.append(row);
      inputs[field] = input;
    }
    const error = el(doc, 'div', 'miniport-address-error');
    error.id = 'miniport-address-error';
    error.setAttribute('role', 'alert');
    error.style.cssText = 'min-height:20px;padding:8px 24px 0;font-size:14px;color:#fa5151;text-align:left;';
    const bar = el(doc, 'div', 'miniport-modal-buttons');
    bar.style.marginTop = '8px';
    const cancel = el(doc, 'button', 'miniport-modal-cancel', '取消');
    cancel.type = 'button';
    const confirm = el(doc, 'button', 'miniport-modal-confirm', '确定');
    confirm.type = 'submit';
    confirm.style.color = '#576b95';
    bar.append(cancel, confirm);
    box.append(error, bar);

    const finish = (value) => {
      doc.removeEventListener('keydown', onKey);
      close(value);
    };
    // The mask's click closes the sheet through overlay: the listener then goes at the next key.
    const onKey = (e) => {
      if (!box.isConnected) doc.removeEventListener('keydown', onKey);
      else if (e.key === 'Escape') finish(null);
    };
    doc.addEventListener('keydown', onKey);
    cancel.addEventListener('click', () => finish(null));
    box.addEventListener('submit', (e) => {
      e.preventDefault();
      const values = {};
      for (const [field] of FIELDS) values[field] = inputs[field].value.trim();
      for (const input of Object.values(inputs)) {
        input.removeAttribute('aria-invalid');
        input.removeAttribute('aria-describedby');
      }
      const bad = problem(values);
      if (bad) {
        const input = inputs[bad[0]];
        error.textContent = bad[1];
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', error.id);
        input.focus();
        return;
      }
      finish(result(values));
    });
    queueMicrotask(() => inputs[FIELDS.find(([f]) => !saved[f])?.[0] || 'userName'].focus());
    return box;
  });
}

/**
 * chooseAddress: the form answers WeChat's address fields; cancelling fails with "cancel".
 * @param {MpApiContext} [ctx]
 * @returns {MpApiTable}
 */
export function addressApis(ctx = {}) {
  return {
    chooseAddress: (o = {}) => {
      const run = queue
        .then(() => form(ctx))
        .then((address) => {
          if (!address) throw failure('cancel');
          try {
            localStore(ctx.win)?.setItem(KEY, JSON.stringify(address));
          } catch {
            /* a full localStorage only loses the prefill */
          }
          return address;
        });
      queue = run.catch(() => {});
      return settle('chooseAddress', o, run);
    },
  };
}
