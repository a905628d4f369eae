// miniport runtime: <button>, <form>, <label>, <navigator> built-ins.
import { applyHover, removeHover } from './hover.js';
import { attr, bool, labelTargets, num, reflect, states, text } from './util.js';

const forms = states();
const buttons = states();

function fields(form) {
  return [...form.querySelectorAll('*')].filter((el) => el.__mpField);
}

/**
 * Submits `<form>`: emits `submit` with `{ value: { name: value } }` of its named fields.
 * @param {Element} formEl
 * @param {Record<string, any>} [extra] joins the event detail
 */
export function submitForm(formEl, extra = {}) {
  const api = forms.get(formEl);
  if (!api) return;
  const value = {};
  for (const el of fields(formEl)) {
    const f = el.__mpField;
    if (f.name) value[f.name] = f.value;
  }
  api.emit('submit', { value, ...extra });
}

/**
 * Resets every field of `<form>` and emits `reset`.
 * @param {Element} formEl
 */
export function resetForm(formEl) {
  const api = forms.get(formEl);
  if (!api) return;
  for (const el of fields(formEl)) el.__mpField.reset();
  api.emit('reset', {});
}

export const form = {
  create(el, attrs, api) {
    forms.set(el, api);
  },
  update(el, attrs, old, api) {
    forms.set(el, api);
  },
  destroy(el) {
    forms.delete(el);
  },
};

const BOOLS = ['disabled', 'plain', 'loading'];
const API_OPEN_TYPES = { openSetting: 'openSetting', feedback: 'openFeedback' };

function fail(api, type, name, reason) {
  api.emit(type, { errMsg: `${name}:fail ${reason}` });
}

function openType(el, s) {
  const type = text(attr(s.attrs, 'open-type'));
  const api = s.api;
  const wx = globalThis.wx;
  switch (type) {
    case 'share':
      // The page's onShareAppMessage({ from: 'button', target }) is called by whoever listens.
      el.dispatchEvent(
        new el.ownerDocument.defaultView.CustomEvent('miniport-share', {
          bubbles: true,
          detail: { from: 'button', target: el },
        }),
      );
      if (wx && typeof wx.showShareMenu === 'function') wx.showShareMenu({});
      break;
    case 'getPhoneNumber':
      return fail(api, 'getphonenumber', 'getPhoneNumber', 'not supported outside WeChat');
    case 'getRealtimePhoneNumber':
      return fail(api, 'getrealtimephonenumber', 'getRealtimePhoneNumber', 'not supported outside WeChat');
    case 'getUserInfo':
      return fail(api, 'getuserinfo', 'getUserInfo', 'not supported outside WeChat');
    case 'contact':
      return fail(api, 'contact', 'enterContact', 'not supported outside WeChat');
    case 'launchApp':
      return fail(api, 'error', 'launchApp', 'not supported outside WeChat');
    case 'agreePrivacyAuthorization':
      return api.emit('agreeprivacyauthorization', {});
    case 'chooseAvatar':
      return chooseAvatar(el, api);
    default: {
      const name = API_OPEN_TYPES[type];
      if (name && wx && typeof wx[name] === 'function') {
        wx[name]({
          complete: (res) => {
            if (type === 'openSetting') api.emit('opensetting', res || {});
          },
        });
      }
    }
  }
  return undefined;
}

function chooseAvatar(el, api) {
  const input = el.ownerDocument.createElement('input');
  input.type = 'file';
  input.accept = 'image/*';
  input.addEventListener('change', () => {
    const file = input.files && input.files[0];
    const URL = el.ownerDocument.defaultView.URL;
    if (file && URL.createObjectURL) api.emit('chooseavatar', { avatarUrl: URL.createObjectURL(file) });
  });
  input.click();
}

function press(el) {
  const s = buttons.get(el);
  if (!s || bool(attr(s.attrs, 'disabled'))) return;
  const formType = text(attr(s.attrs, 'form-type'));
  const formEl = formType && el.closest('wx-form');
  if (formEl && formType === 'submit') submitForm(formEl);
  else if (formEl && formType === 'reset') resetForm(formEl);
  if (attr(s.attrs, 'open-type')) openType(el, s);
}

export const button = {
  create(el, attrs, api) {
    const s = buttons.set(el, { attrs, api, click: () => press(el) });
    el.addEventListener('click', s.click);
    labelTargets.set(el, s.click);
    reflect(el, attrs, BOOLS);
    applyHover(el, attrs, api);
  },
  update(el, attrs, old, api) {
    const s = buttons.get(el);
    s.attrs = attrs;
    s.api = api;
    reflect(el, attrs, BOOLS);
    applyHover(el, attrs, api);
  },
  destroy(el) {
    const s = buttons.get(el);
    if (s) el.removeEventListener('click', s.click);
    removeHover(el);
    buttons.delete(el);
  },
};

const METHODS = {
  navigate: 'navigateTo',
  redirect: 'redirectTo',
  switchTab: 'switchTab',
  reLaunch: 'reLaunch',
  navigateBack: 'navigateBack',
};
const navigators = states();

function navigate(el) {
  const { attrs } = navigators.get(el);
  const wx = globalThis.wx;
  if (!wx) return;
  if (text(attr(attrs, 'target')) === 'miniProgram') {
    const opts = {
      appId: text(attr(attrs, 'app-id')),
      path: text(attr(attrs, 'path')),
      extraData: attr(attrs, 'extra-data'),
    };
    if (typeof wx.navigateToMiniProgram === 'function') wx.navigateToMiniProgram(opts);
    return;
  }
  const method = METHODS[text(attr(attrs, 'open-type'), 'navigate')];
  if (!method || typeof wx[method] !== 'function') return;
  const opts = method === 'navigateBack' ? { delta: num(attr(attrs, 'delta'), 1) } : { url: text(attr(attrs, 'url')) };
  const result = wx[method](opts);
  // A navigation that fails (unknown page, tab page…) must not surface as an unhandled rejection.
  if (result && typeof result.catch === 'function') result.catch(() => {});
}

export const navigator = {
  create(el, attrs, api) {
    const s = navigators.set(el, { attrs, click: () => navigate(el) });
    el.addEventListener('click', s.click);
    applyHover(el, attrs, api);
  },
  update(el, attrs, old, api) {
    navigators.get(el).attrs = attrs;
    applyHover(el, attrs, api);
  },
  destroy(el) {
    const s = navigators.get(el);
    if (s) el.removeEventListener('click', s.click);
    removeHover(el);
    navigators.delete(el);
  },
};

const labels = states();
const CONTROLS = 'wx-checkbox, wx-radio, wx-switch, wx-button';

function labelClick(el, e) {
  const target = labels.get(el).attrs;
  const id = text(attr(target, 'for'));
  const control = id ? el.ownerDocument.getElementById(id) : el.querySelector(CONTROLS);
  if (!control || control.contains(e.target)) return; // the control handles its own clicks
  const activate = labelTargets.get(control);
  if (activate) activate(e);
}

export const label = {
  create(el, attrs) {
    const s = labels.set(el, { attrs, click: (e) => labelClick(el, e) });
    el.addEventListener('click', s.click);
  },
  update(el, attrs) {
    labels.get(el).attrs = attrs;
  },
  destroy(el) {
    const s = labels.get(el);
    if (s) el.removeEventListener('click', s.click);
    labels.delete(el);
  },
};

/** `<view>`: only the hover behaviour; the patcher owns its children. */
export const view = {
  create(el, attrs, api) {
    if (attr(attrs, 'hover-class') !== undefined) applyHover(el, attrs, api);
  },
  update(el, attrs, old, api) {
    if (attr(attrs, 'hover-class') !== undefined || attr(old, 'hover-class') !== undefined) applyHover(el, attrs, api);
  },
  destroy(el) {
    removeHover(el);
  },
};
