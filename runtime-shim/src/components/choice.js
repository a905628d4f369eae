// miniport runtime: <checkbox>, <radio> and their groups, <switch> (WeChat's inner nodes and classes).
import { attr, bool, changed, field, labelTargets, node, reflect, slot, states, text } from './util.js';

const items = states();
const groups = states();

function paint(el) {
  const s = items.get(el);
  // A switch of type checkbox looks like a checkbox: its classes are then wx-checkbox-*.
  const { input, checked, cls } = s;
  input.classList.toggle(`wx-${cls}-input-checked`, checked);
  input.classList.toggle(`wx-${cls}-input-disabled`, bool(attr(s.attrs, 'disabled')));
  const color = checked ? text(attr(s.attrs, 'color')) : '';
  if (cls === 'checkbox') input.style.color = color;
  else {
    input.style.backgroundColor = color;
    input.style.borderColor = color;
  }
}

function groupOf(el, kind) {
  const g = el.parentElement && el.parentElement.closest(`wx-${kind}-group`);
  return g && groups.get(g) ? g : null;
}

/** Checkbox/radio/switch elements that belong to `group` (not to a nested group). */
function members(group, kind) {
  return [...group.querySelectorAll(`wx-${kind}`)].filter((el) => items.get(el) && groupOf(el, kind) === group);
}

function groupValue(group, kind) {
  const checked = members(group, kind)
    .filter((el) => items.get(el).checked)
    .map((el) => text(attr(items.get(el).attrs, 'value')));
  return kind === 'checkbox' ? checked : (checked[0] ?? '');
}

function activate(el) {
  const s = items.get(el);
  if (!s || bool(attr(s.attrs, 'disabled'))) return;
  if (s.kind === 'radio') {
    if (s.checked) return;
    s.checked = true;
    paint(el);
    const group = groupOf(el, 'radio');
    if (group) {
      for (const other of members(group, 'radio')) {
        if (other !== el && items.get(other).checked) {
          items.get(other).checked = false;
          paint(other);
        }
      }
      groups.get(group).api.emit('change', { value: groupValue(group, 'radio') });
    }
    return;
  }
  s.checked = !s.checked;
  paint(el);
  if (s.kind === 'switch') {
    s.api.emit('change', { value: s.checked });
    return;
  }
  const group = groupOf(el, 'checkbox');
  if (group) groups.get(group).api.emit('change', { value: groupValue(group, 'checkbox') });
}

function item(kind) {
  return {
    create(el, attrs, api) {
      const wrapper = node(el, 'div', `wx-${kind}-wrapper`);
      let cls = kind;
      if (kind === 'switch' && text(attr(attrs, 'type')) === 'checkbox') cls = 'checkbox';
      const input = node(wrapper, 'div', `wx-${cls}-input`);
      const content = slot(wrapper);
      const s = items.set(el, {
        kind,
        cls,
        attrs,
        api,
        input,
        checked: bool(attr(attrs, 'checked')),
        click: () => activate(el),
      });
      el.addEventListener('click', s.click);
      labelTargets.set(el, s.click);
      if (kind === 'switch') {
        field(
          el,
          () => text(attr(s.attrs, 'name')),
          () => s.checked,
          () => {
            s.checked = false;
            paint(el);
          },
        );
      }
      reflect(el, attrs, ['disabled']);
      paint(el);
      return { content };
    },
    update(el, attrs, old, api) {
      const s = items.get(el);
      s.attrs = attrs;
      s.api = api;
      if (changed(attrs, old, 'checked')) s.checked = bool(attr(attrs, 'checked'));
      if (kind === 'switch' && changed(attrs, old, 'type')) {
        s.cls = text(attr(attrs, 'type')) === 'checkbox' ? 'checkbox' : 'switch';
        s.input.className = `wx-${s.cls}-input`;
      }
      reflect(el, attrs, ['disabled']);
      paint(el);
    },
    destroy(el) {
      const s = items.get(el);
      if (s) el.removeEventListener('click', s.click);
      items.delete(el);
      delete el.__mpField;
    },
  };
}

function group(kind) {
  return {
    create(el, attrs, api) {
      groups.set(el, { api });
      field(
        el,
        () => text(attr(groups.get(el).attrs, 'name')),
        () => groupValue(el, kind),
        () => {
          for (const m of members(el, kind)) {
            items.get(m).checked = false;
            paint(m);
          }
        },
      );
      groups.get(el).attrs = attrs;
    },
    update(el, attrs, old, api) {
      Object.assign(groups.get(el), { attrs, api });
    },
    destroy(el) {
      groups.delete(el);
      delete el.__mpField;
    },
  };
}

export const checkbox = item('checkbox');
export const radio = item('radio');
export const switchBuiltin = item('switch');
export const checkboxGroup = group('checkbox');
export const radioGroup = group('radio');
