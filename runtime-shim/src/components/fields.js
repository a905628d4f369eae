// miniport runtime: <input> and <textarea> built-ins (placeholder node, controlled value, events).
import { attr, bool, changed, field, node, num, scoped, states, text } from './util.js';

const fields = states();
const ENTER_HINTS = { send: 'send', search: 'search', next: 'next', go: 'go', done: 'done' };
const FILTERS = { number: /[^0-9]/g, digit: /[^0-9.]/g, idcard: /[^0-9xX]/g };
const MODES = { number: 'numeric', digit: 'decimal', idcard: 'text' };

function keyboardHeight(win) {
  const vv = win.visualViewport;
  return vv ? Math.max(0, Math.round(win.innerHeight - vv.height)) : 0;
}

function showPlaceholder(s) {
  s.placeholder.style.display = s.control.value === '' ? '' : 'none';
}

function setValue(s, value) {
  let v = text(value);
  const max = num(attr(s.attrs, 'maxlength'), 140);
  if (max >= 0 && v.length > max) v = v.slice(0, max);
  if (s.control.value !== v) s.control.value = v;
  showPlaceholder(s);
}

function configure(s, attrs, old, api) {
  const { control, placeholder } = s;
  const type = text(attr(attrs, 'type'), 'text');
  if (s.textarea) {
    control.classList.add('wx-textarea-textarea');
  } else {
    control.type = bool(attr(attrs, 'password')) || type === 'safe-password' ? 'password' : 'text';
    if (MODES[type]) control.setAttribute('inputmode', MODES[type]);
    else control.removeAttribute('inputmode');
    const hint = ENTER_HINTS[text(attr(attrs, 'confirm-type'), 'done')];
    if (hint) control.setAttribute('enterkeyhint', hint);
  }
  const max = num(attr(attrs, 'maxlength'), 140);
  if (max >= 0) control.maxLength = max;
  else control.removeAttribute('maxlength');
  control.disabled = bool(attr(attrs, 'disabled'));
  placeholder.textContent = text(attr(attrs, 'placeholder'));
  const base = s.textarea ? 'wx-textarea-placeholder' : 'wx-input-placeholder';
  const cls = attr(attrs, 'placeholder-class');
  placeholder.className = [
    base,
    ...(cls ? scoped(api, cls) : [s.textarea ? 'textarea-placeholder' : 'input-placeholder']),
  ].join(' ');
  placeholder.setAttribute('style', text(attr(attrs, 'placeholder-style')));
  if (!old || changed(attrs, old, 'value')) setValue(s, attr(attrs, 'value'));
  else showPlaceholder(s);
  if (s.textarea) {
    s.el.toggleAttribute('mp-auto-height', bool(attr(attrs, 'auto-height')));
    resize(s);
  }
  const focus = bool(attr(attrs, 'focus')) || (!old && bool(attr(attrs, 'auto-focus')));
  if (focus && (!old || !bool(attr(old, 'focus')))) {
    queueMicrotask(() => {
      if (control.isConnected && !control.disabled) control.focus();
    });
  } else if (old && !bool(attr(attrs, 'focus')) && bool(attr(old, 'focus'))) {
    control.blur();
  }
}

function resize(s) {
  const { control, el } = s;
  if (!bool(attr(s.attrs, 'auto-height'))) {
    control.style.height = '';
  } else {
    control.style.height = 'auto';
    control.style.height = `${control.scrollHeight}px`;
  }
  const win = el.ownerDocument.defaultView;
  const lineHeight = parseFloat(win.getComputedStyle(control).lineHeight) || 0;
  const height = control.scrollHeight;
  const lineCount = lineHeight ? Math.max(1, Math.round(height / lineHeight)) : control.value.split('\n').length;
  if (s.lines !== undefined && lineCount !== s.lines) {
    const width = win.innerWidth || 375;
    s.api.emit('linechange', { height, heightRpx: Math.round((height * 750) / width), lineCount });
  }
  s.lines = lineCount;
}

function listen(s) {
  const { control } = s;
  const win = s.el.ownerDocument.defaultView;
  let keyCode;
  control.addEventListener('keydown', (e) => {
    keyCode = e.keyCode;
    if (e.key === 'Enter' && !s.textarea) {
      s.api.emit('confirm', { value: control.value });
      if (!bool(attr(s.attrs, 'confirm-hold'))) control.blur();
    }
  });
  control.addEventListener('input', () => {
    const filter = !s.textarea && FILTERS[text(attr(s.attrs, 'type'))];
    if (filter && filter.test(control.value)) control.value = control.value.replace(filter, '');
    const value = control.value;
    const result = s.api.emit('input', { value, cursor: control.selectionStart ?? value.length, keyCode });
    // A handler that returns a string replaces the field's content, as in WeChat.
    if (typeof result === 'string' || typeof result === 'number') setValue(s, result);
    showPlaceholder(s);
    if (s.textarea) resize(s);
  });
  control.addEventListener('focus', () => {
    s.api.emit('focus', { value: control.value, height: keyboardHeight(win) });
    s.api.emit('keyboardheightchange', { height: keyboardHeight(win), duration: 0 });
  });
  control.addEventListener('blur', () => {
    s.api.emit('blur', { value: control.value, cursor: control.selectionStart ?? 0 });
    s.api.emit('keyboardheightchange', { height: 0, duration: 0 });
  });
}

function builtin(textarea) {
  return {
    create(el, attrs, api) {
      const wrapper = node(el, 'div', textarea ? 'wx-textarea-wrapper' : 'wx-input-wrapper');
      const placeholder = node(wrapper, 'div');
      const control = node(wrapper, textarea ? 'textarea' : 'input');
      const s = fields.set(el, { el, attrs, api, textarea, control, placeholder });
      field(
        el,
        () => text(attr(s.attrs, 'name')),
        () => control.value,
        () => setValue(s, ''),
      );
      listen(s);
      configure(s, attrs, null, api);
      // The only children WeChat draws are a <keyboard-accessory> (components/page.js shows it while focused).
      return { content: node(el, 'div', 'mp-accessory') };
    },
    update(el, attrs, old, api) {
      const s = fields.get(el);
      Object.assign(s, { attrs, api });
      configure(s, attrs, old, api);
    },
    destroy(el) {
      fields.delete(el);
      delete el.__mpField;
    },
  };
}

export const input = builtin(false);
export const textarea = builtin(true);
