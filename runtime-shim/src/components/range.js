// miniport runtime: <slider> and <progress> built-ins.
import { attr, bool, changed, clamp, field, length, node, num, point, states, text } from './util.js';

const sliders = states();

function limits(attrs) {
  const min = num(attr(attrs, 'min'), 0);
  const max = Math.max(min, num(attr(attrs, 'max'), 100));
  const step = Math.max(num(attr(attrs, 'step'), 1), 0) || 1;
  return { min, max, step };
}

function snap(attrs, v) {
  const { min, max, step } = limits(attrs);
  const n = Math.round((clamp(v, min, max) - min) / step) * step + min;
  return clamp(Number(n.toFixed(10)), min, max);
}

function paintSlider(s) {
  const { attrs, parts, value } = s;
  const { min, max } = limits(attrs);
  const pct = `${max > min ? ((value - min) / (max - min)) * 100 : 0}%`;
  const size = clamp(num(attr(attrs, 'block-size'), 28), 12, 28);
  const active = text(attr(attrs, 'active-color') ?? attr(attrs, 'selected-color'), '#1aad19');
  const bg = text(attr(attrs, 'background-color') ?? attr(attrs, 'color'), '#e9e9e9');
  parts.wrapper.style.backgroundColor = bg;
  parts.track.style.width = pct;
  parts.track.style.backgroundColor = active;
  parts.handle.style.left = pct;
  Object.assign(parts.thumb.style, {
    left: pct,
    width: `${size}px`,
    height: `${size}px`,
    marginLeft: `${-size / 2}px`,
    marginTop: `${-size / 2}px`,
    backgroundColor: text(attr(attrs, 'block-color'), '#ffffff'),
  });
  parts.value.hidden = !bool(attr(attrs, 'show-value'));
  parts.value.textContent = String(value);
  parts.root.classList.toggle('wx-slider-disabled', bool(attr(attrs, 'disabled')));
}

function valueAt(s, e) {
  const r = s.parts.wrapper.getBoundingClientRect();
  const { min, max } = limits(s.attrs);
  const ratio = r.width > 0 ? clamp((point(e).x - r.left) / r.width, 0, 1) : 0;
  return snap(s.attrs, min + ratio * (max - min));
}

function drag(el, s) {
  const doc = el.ownerDocument;
  let dragging = false;
  const move = (e) => {
    if (!dragging) return;
    if (e.cancelable && e.type === 'touchmove') e.preventDefault();
    const v = valueAt(s, e);
    if (v !== s.value) {
      s.value = v;
      paintSlider(s);
      s.api.emit('changing', { value: v });
    }
  };
  const end = (e) => {
    if (!dragging) return;
    dragging = false;
    for (const [t, fn] of moves) doc.removeEventListener(t, fn);
    if (e.type !== 'touchcancel') s.value = valueAt(s, e);
    paintSlider(s);
    s.api.emit('change', { value: s.value });
  };
  const moves = [
    ['mousemove', move],
    ['touchmove', move],
    ['mouseup', end],
    ['touchend', end],
    ['touchcancel', end],
  ];
  const start = (e) => {
    if (bool(attr(s.attrs, 'disabled')) || dragging) return;
    if (e.type === 'mousedown' && e.button > 0) return;
    dragging = true;
    for (const [t, fn] of moves) doc.addEventListener(t, fn, { passive: false });
    const v = valueAt(s, e);
    if (v !== s.value) {
      s.value = v;
      paintSlider(s);
      s.api.emit('changing', { value: v });
    }
  };
  s.parts.tap.addEventListener('mousedown', start);
  s.parts.tap.addEventListener('touchstart', start, { passive: true });
  s.stop = () => {
    for (const [t, fn] of moves) doc.removeEventListener(t, fn);
  };
}

export const slider = {
  create(el, attrs, api) {
    const root = node(el, 'div', 'wx-slider-wrapper');
    const tap = node(root, 'div', 'wx-slider-tap-area');
    const wrapper = node(tap, 'div', 'wx-slider-handle-wrapper');
    const parts = {
      root,
      tap,
      wrapper,
      handle: node(wrapper, 'div', 'wx-slider-handle'),
      thumb: node(wrapper, 'div', 'wx-slider-thumb'),
      track: node(wrapper, 'div', 'wx-slider-track'),
      step: node(wrapper, 'div', 'wx-slider-step'),
      value: node(root, 'span', 'wx-slider-value'),
    };
    const s = sliders.set(el, { attrs, api, parts, value: snap(attrs, num(attr(attrs, 'value'), limits(attrs).min)) });
    field(
      el,
      () => text(attr(s.attrs, 'name')),
      () => s.value,
      () => {
        s.value = limits(s.attrs).min;
        paintSlider(s);
      },
    );
    drag(el, s);
    paintSlider(s);
    return { content: null };
  },
  update(el, attrs, old, api) {
    const s = sliders.get(el);
    Object.assign(s, { attrs, api });
    if (
      changed(attrs, old, 'value')
      || changed(attrs, old, 'min')
      || changed(attrs, old, 'max')
      || changed(attrs, old, 'step')
    ) {
      s.value = snap(attrs, num(attr(attrs, 'value'), s.value));
    }
    paintSlider(s);
  },
  destroy(el) {
    const s = sliders.get(el);
    if (s) s.stop();
    sliders.delete(el);
    delete el.__mpField;
  },
};

const bars = states();

function paintProgress(el, s, old) {
  const { attrs, bar, inner, info } = s;
  const percent = clamp(num(attr(attrs, 'percent'), 0), 0, 100);
  const radius = length(attr(attrs, 'border-radius'), '0');
  bar.style.height = length(attr(attrs, 'stroke-width'), '6px');
  bar.style.backgroundColor = text(attr(attrs, 'background-color') ?? attr(attrs, 'backgroundColor'), '#ebebeb');
  bar.style.borderRadius = radius;
  inner.style.borderRadius = radius;
  inner.style.backgroundColor = text(attr(attrs, 'active-color') ?? attr(attrs, 'color'), '#09bb07');
  info.hidden = !bool(attr(attrs, 'show-info'));
  info.textContent = `${percent}%`;
  info.style.fontSize = length(attr(attrs, 'font-size'), '16px');
  const win = el.ownerDocument.defaultView;
  const animate = bool(attr(attrs, 'active')) && (!old || changed(attrs, old, 'percent') || !bool(attr(old, 'active')));
  if (!animate) {
    inner.style.transition = '';
    inner.style.width = `${percent}%`;
    s.percent = percent;
    return;
  }
  // `active`: the bar grows at `duration` ms per percent, from 0 or (forwards) from where it is.
  const from = text(attr(attrs, 'active-mode'), 'backwards') === 'forwards' ? s.percent : 0;
  const ms = Math.abs(percent - from) * num(attr(attrs, 'duration'), 30);
  inner.style.transition = 'none';
  inner.style.width = `${from}%`;
  void inner.offsetWidth;
  inner.style.transition = `width ${ms}ms linear`;
  inner.style.width = `${percent}%`;
  s.percent = percent;
  win.clearTimeout(s.timer);
  s.timer = win.setTimeout(() => s.api.emit('activeend', { curPercent: percent }), ms);
}

export const progress = {
  create(el, attrs, api) {
    const bar = node(el, 'div', 'wx-progress-bar');
    const inner = node(bar, 'div', 'wx-progress-inner-bar');
    const info = node(el, 'p', 'wx-progress-info');
    const s = bars.set(el, { attrs, api, bar, inner, info, percent: 0 });
    paintProgress(el, s, null);
    return { content: null };
  },
  update(el, attrs, old, api) {
    const s = bars.get(el);
    Object.assign(s, { attrs, api });
    paintProgress(el, s, old);
  },
  destroy(el) {
    const s = bars.get(el);
    if (s) el.ownerDocument.defaultView.clearTimeout(s.timer);
    bars.delete(el);
  },
};
