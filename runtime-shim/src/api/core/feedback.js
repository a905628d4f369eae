// miniport runtime: showToast/showLoading/hideToast/hideLoading drawn in the page as WeChat draws them (with Telegram's
// success/error haptic).
import { settle } from '../../core/callback.js';
import { bridge } from '../../telegram/bridge.js';

let box = null;
let mask = null;
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
  box.dataset.icon = options.image ? 'image' : icon;
  if (options.image) {
    const img = doc.createElement('img');
    img.className = 'miniport-toast-icon';
    img.src = String(options.image);
    img.style.cssText = 'width:40px;height:40px;display:block;margin:0 auto 4px';
    box.appendChild(img);
  } else if (ICONS[icon] !== undefined && icon !== 'none') {
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
  // WeChat's mask: a transparent layer under the toast that keeps taps from the page.
  if (options.mask && !mask) {
    mask = doc.createElement('div');
    mask.className = 'miniport-toast-mask';
    mask.style.cssText = 'position:fixed;inset:0;z-index:4999;background:transparent';
    doc.body.insertBefore(mask, box);
  } else if (!options.mask && mask) {
    mask.remove();
    mask = null;
  }
  box.hidden = false;
  if (kind === 'toast' && !options.image && (icon === 'success' || icon === 'error')) {
    try {
      bridge().post('web_app_trigger_haptic_feedback', { type: 'notification', notification_type: icon });
    } catch {
      /* no Telegram */
    }
  }
  if (kind === 'toast') timer = setTimeout(() => hide('toast'), Number(options.duration) || 1500);
}

function hide(kind) {
  if (!box || (current !== kind && kind)) return;
  box.hidden = true;
  if (mask) mask.remove();
  mask = null;
}

/**
 * The toast and loading APIs.
 * @returns {MpApiTable}
 */
export function feedbackApis() {
  return {
    showToast: (o = {}) =>
      settle(
        'showToast',
        o,
        Promise.resolve().then(() => show('toast', o)),
      ),
    showLoading: (o = {}) =>
      settle(
        'showLoading',
        o,
        Promise.resolve().then(() => show('loading', { ...o, icon: 'loading' })),
      ),
    hideToast: (o = {}) =>
      settle(
        'hideToast',
        o,
        Promise.resolve().then(() => hide('toast')),
      ),
    hideLoading: (o = {}) =>
      settle(
        'hideLoading',
        o,
        Promise.resolve().then(() => hide('loading')),
      ),
  };
}
