// miniport runtime: showToast/showLoading/hideToast/hideLoading drawn in the page as WeChat draws them.
import { settle } from './callback.js';

let box = null;
let timer = null;
let current = null;

const ICONS = { success: '\u2713', error: '\u2715', loading: '', none: '' };

function show(kind, options) {
  const doc = globalThis.document;
  if (!doc) return;
  if (!box) {
    box = doc.createElement('div');
    box.className = 'miniport-toast';
    box.setAttribute('role', 'status');
    doc.body.appendChild(box);
  }
  clearTimeout(timer);
  current = kind;
  const icon = options.icon === undefined ? (kind === 'loading' ? 'loading' : 'success') : options.icon;
  box.replaceChildren();
  box.dataset.icon = icon;
  if (ICONS[icon] !== undefined && icon !== 'none') {
    const i = doc.createElement('div');
    i.className = 'miniport-toast-icon';
    i.textContent = ICONS[icon];
    box.appendChild(i);
  }
  const t = doc.createElement('div');
  t.className = 'miniport-toast-title';
  t.textContent = String(options.title ?? '');
  box.appendChild(t);
  box.dataset.mask = options.mask ? 'true' : 'false';
  box.hidden = false;
  if (kind === 'toast') timer = setTimeout(() => hide('toast'), Number(options.duration) || 1500);
}

function hide(kind) {
  if (box && (current === kind || !kind)) box.hidden = true;
}

/** The toast and loading APIs. */
export function feedbackApis() {
  return {
    showToast: (o = {}) => settle('showToast', o, Promise.resolve().then(() => show('toast', o))),
    showLoading: (o = {}) => settle('showLoading', o, Promise.resolve().then(() => show('loading', { ...o, icon: 'loading' }))),
    hideToast: (o = {}) => settle('hideToast', o, Promise.resolve().then(() => hide('toast'))),
    hideLoading: (o = {}) => settle('hideLoading', o, Promise.resolve().then(() => hide('loading'))),
  };
}
