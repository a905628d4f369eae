import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtin } from '../src/components/index.js';
import { click, flush, setup } from './components-helpers.mjs';

test('every built-in has create, update and destroy', () => {
  for (const tag of [
    'view',
    'button',
    'navigator',
    'form',
    'label',
    'image',
    'icon',
    'input',
    'textarea',
    'checkbox',
    'checkbox-group',
    'radio',
    'radio-group',
    'switch',
    'slider',
    'progress',
    'scroll-view',
    'swiper',
    'swiper-item',
    'picker',
    'picker-view',
    'picker-view-column',
    'rich-text',
    'text',
    'video',
    'audio',
    'canvas',
    'map',
    'camera',
    'live-player',
    'web-view',
  ]) {
    const b = builtin(tag);
    assert.ok(b, tag);
    for (const m of ['create', 'update', 'destroy']) assert.equal(typeof b[m], 'function', `${tag}.${m}`);
  }
  assert.equal(builtin('no-such-tag'), undefined);
  assert.equal(builtin('toString'), undefined);
});

test('checkbox has WeChat inner nodes, marked internal, and toggles the checked class', () => {
  const { mount, doc } = setup();
  const group = mount('checkbox-group', { name: 'fruits' });
  const a = mount(
    'checkbox',
    { value: 'apple', checked: true },
    { parent: group.el, children: [doc.createTextNode('Apple')] },
  );
  const b = mount('checkbox', { value: 'pear' }, { parent: group.el });
  const input = a.el.querySelector('.wx-checkbox-wrapper > .wx-checkbox-input');
  assert.ok(input);
  assert.ok(input.hasAttribute('mp-internal'));
  assert.ok(input.classList.contains('wx-checkbox-input-checked'));
  assert.equal(a.content.textContent, 'Apple');
  assert.ok(a.content.hasAttribute('mp-internal'));
  assert.deepEqual(group.el.__mpField.value, ['apple']);
  click(b.el);
  assert.deepEqual(group.emits.at(-1), {
    type: 'change',
    detail: { value: ['apple', 'pear'] },
    target: group.el,
    opts: undefined,
  });
  click(a.el);
  assert.deepEqual(group.emits.at(-1).detail, { value: ['pear'] });
  assert.ok(!input.classList.contains('wx-checkbox-input-checked'));
  assert.equal(group.el.__mpField.name, 'fruits');
});

test('checkbox: disabled does not toggle; color paints the check; a changed checked attr wins', () => {
  const { mount } = setup();
  const c = mount('checkbox', { disabled: true, color: '#f00' });
  const input = c.el.querySelector('.wx-checkbox-input');
  assert.ok(input.classList.contains('wx-checkbox-input-disabled'));
  assert.ok(c.el.hasAttribute('disabled'));
  click(c.el);
  assert.ok(!input.classList.contains('wx-checkbox-input-checked'));
  c.update({ disabled: false, color: '#f00', checked: true });
  assert.ok(input.classList.contains('wx-checkbox-input-checked'));
  assert.equal(input.style.color, 'rgb(255, 0, 0)');
  assert.ok(!c.el.hasAttribute('disabled'));
});

test('radio-group: one radio checked at a time, change {value}', () => {
  const { mount } = setup();
  const g = mount('radio-group', { name: 'size' });
  const s = mount('radio', { value: 's', checked: true }, { parent: g.el });
  const m = mount('radio', { value: 'm' }, { parent: g.el });
  click(m.el);
  assert.deepEqual(
    g.emits.map((e) => [e.type, e.detail]),
    [['change', { value: 'm' }]],
  );
  assert.ok(!s.el.querySelector('.wx-radio-input').classList.contains('wx-radio-input-checked'));
  assert.ok(m.el.querySelector('.wx-radio-input').classList.contains('wx-radio-input-checked'));
  click(m.el); // clicking the checked radio again changes nothing
  assert.equal(g.emits.length, 1);
  assert.equal(g.el.__mpField.value, 'm');
  g.el.__mpField.reset();
  assert.equal(g.el.__mpField.value, '');
});

test('switch: change {value}, type checkbox uses checkbox classes, color when checked', () => {
  const { mount } = setup();
  const sw = mount('switch', { checked: false, color: '#123456', name: 'on' });
  const input = sw.el.querySelector('.wx-switch-wrapper > .wx-switch-input');
  assert.ok(input);
  click(sw.el);
  assert.deepEqual(sw.emits.at(-1).detail, { value: true });
  assert.ok(input.classList.contains('wx-switch-input-checked'));
  assert.equal(input.style.backgroundColor, 'rgb(18, 52, 86)');
  assert.equal(sw.el.__mpField.value, true);
  const cb = mount('switch', { type: 'checkbox' });
  assert.ok(cb.el.querySelector('.wx-checkbox-input'));
  click(cb.el);
  assert.ok(cb.el.querySelector('.wx-checkbox-input').classList.contains('wx-checkbox-input-checked'));
});

test('label toggles the control it wraps or names with for', () => {
  const { mount, doc } = setup();
  const label = mount('label', {});
  const cb = mount('checkbox', { value: 'x' }, { parent: label.el });
  const text = doc.createElement('span');
  label.el.appendChild(text);
  click(text);
  assert.ok(cb.el.querySelector('.wx-checkbox-input-checked'));
  click(cb.el); // a click on the control itself toggles once, not twice
  assert.ok(!cb.el.querySelector('.wx-checkbox-input-checked'));
  const sw = mount('switch', {});
  sw.el.id = 'sw';
  const l2 = mount('label', { for: 'sw' });
  click(l2.el);
  assert.deepEqual(sw.emits.at(-1).detail, { value: true });
});

test('form collects named fields on a submit button and resets them', () => {
  const { mount, doc } = setup();
  const form = mount('form', {});
  mount('input', { name: 'user', value: 'ann' }, { parent: form.el });
  const sw = mount('switch', { name: 'agree', checked: true }, { parent: form.el });
  const g = mount('checkbox-group', { name: 'tags' }, { parent: form.el });
  mount('checkbox', { value: 'a', checked: true }, { parent: g.el });
  mount('slider', { name: 'level', value: 30 }, { parent: form.el });
  mount('input', { value: 'no name' }, { parent: form.el });
  const submit = mount('button', { 'form-type': 'submit' }, { parent: form.el, children: [doc.createTextNode('Go')] });
  click(submit.el);
  assert.deepEqual(form.emits.at(-1), {
    type: 'submit',
    target: form.el,
    opts: undefined,
    detail: { value: { user: 'ann', agree: true, tags: ['a'], level: 30 } },
  });
  const reset = mount('button', { 'form-type': 'reset' }, { parent: form.el });
  click(reset.el);
  assert.equal(form.emits.at(-1).type, 'reset');
  click(submit.el);
  assert.deepEqual(form.emits.at(-1).detail.value, { user: '', agree: false, tags: [], level: 0 });
  assert.ok(!sw.el.querySelector('.wx-switch-input-checked'));
});

test('button reflects Boolean properties as present or absent attributes', () => {
  const { mount } = setup();
  const b = mount('button', { type: 'primary', plain: 'false', disabled: false, loading: true });
  assert.ok(b.el.hasAttribute('plain'), 'any non-empty string is true in WeChat');
  assert.ok(!b.el.hasAttribute('disabled'));
  assert.ok(b.el.hasAttribute('loading'));
  b.update({ type: 'primary', disabled: true });
  assert.ok(b.el.hasAttribute('disabled'));
  assert.ok(!b.el.hasAttribute('loading'));
});

test('disabled submit button does not submit', () => {
  const { mount } = setup();
  const form = mount('form', {});
  const b = mount('button', { 'form-type': 'submit', disabled: true }, { parent: form.el });
  click(b.el);
  assert.equal(form.emits.length, 0);
});

test('button open-type: phone number fails with an errMsg, share dispatches miniport-share', () => {
  const { mount, doc } = setup();
  const b = mount('button', { 'open-type': 'getPhoneNumber' });
  click(b.el);
  assert.equal(b.emits.at(-1).type, 'getphonenumber');
  assert.match(b.emits.at(-1).detail.errMsg, /^getPhoneNumber:fail /);
  const calls = [];
  globalThis.wx = { showShareMenu: (o) => calls.push(o) };
  const shares = [];
  doc.addEventListener('miniport-share', (e) => shares.push(e.detail));
  const s = mount('button', { 'open-type': 'share' });
  click(s.el);
  delete globalThis.wx;
  assert.equal(shares.length, 1);
  assert.equal(shares[0].from, 'button');
  assert.equal(shares[0].target, s.el);
  assert.equal(calls.length, 1);
});

test('navigator calls wx with its open-type', () => {
  const { mount } = setup();
  const calls = [];
  globalThis.wx = {
    navigateTo: (o) => {
      calls.push(['navigateTo', o]);
      return Promise.reject(new Error('x'));
    },
    redirectTo: (o) => calls.push(['redirectTo', o]),
    navigateBack: (o) => calls.push(['navigateBack', o]),
    switchTab: (o) => calls.push(['switchTab', o]),
  };
  click(mount('navigator', { url: '/pages/b/b?id=1' }).el);
  click(mount('navigator', { url: 'c', 'open-type': 'redirect' }).el);
  click(mount('navigator', { 'open-type': 'navigateBack', delta: 2 }).el);
  click(mount('navigator', { url: '/pages/t/t', 'open-type': 'switchTab' }).el);
  delete globalThis.wx;
  assert.deepEqual(calls, [
    ['navigateTo', { url: '/pages/b/b?id=1' }],
    ['redirectTo', { url: 'c' }],
    ['navigateBack', { delta: 2 }],
    ['switchTab', { url: '/pages/t/t' }],
  ]);
});

test('hover-class: added after hover-start-time, removed hover-stay-time after release', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { mount, window } = setup();
  const b = mount('button', {});
  const press = (type) => b.el.dispatchEvent(new window.Event(type));
  press('touchstart');
  t.mock.timers.tick(19);
  assert.ok(!b.el.classList.contains('button-hover'));
  t.mock.timers.tick(1);
  assert.ok(b.el.classList.contains('button-hover'));
  press('touchend');
  t.mock.timers.tick(69);
  assert.ok(b.el.classList.contains('button-hover'));
  t.mock.timers.tick(1);
  assert.ok(!b.el.classList.contains('button-hover'));
  const n = mount('navigator', { 'hover-class': 'pressed' });
  n.el.dispatchEvent(new window.Event('touchstart'));
  t.mock.timers.tick(50);
  assert.ok(n.el.classList.contains('s--pressed'), 'an author hover-class is scoped');
  n.el.dispatchEvent(new window.Event('touchcancel'));
  assert.ok(!n.el.classList.contains('s--pressed'));
  const v = mount('view', { 'hover-class': 'none' });
  v.el.dispatchEvent(new window.Event('touchstart'));
  t.mock.timers.tick(500);
  assert.equal(v.el.className, '');
});

test('hover-stop-propagation keeps the ancestor from hovering', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { mount, window } = setup();
  const outer = mount('view', { 'hover-class': 'outer' });
  const inner = mount('view', { 'hover-class': 'inner', 'hover-stop-propagation': true }, { parent: outer.el });
  inner.el.dispatchEvent(new window.Event('touchstart', { bubbles: true }));
  t.mock.timers.tick(50);
  assert.ok(inner.el.classList.contains('s--inner'));
  assert.ok(!outer.el.classList.contains('s--outer'));
});

test('input: placeholder node, controlled value, maxlength, events and returned value', async () => {
  const { mount, window } = setup();
  const f = mount('input', {
    value: 'hi',
    placeholder: 'Name',
    'placeholder-class': 'ph',
    'placeholder-style': 'color: red',
    maxlength: 5,
  });
  const control = f.el.querySelector('input');
  const ph = f.el.querySelector('.wx-input-placeholder');
  assert.ok(control.hasAttribute('mp-internal'));
  assert.equal(control.value, 'hi');
  assert.equal(ph.textContent, 'Name');
  assert.ok(ph.classList.contains('s--ph'));
  assert.equal(ph.style.color, 'red');
  assert.equal(ph.style.display, 'none');
  assert.equal(control.maxLength, 5);
  control.value = 'hello';
  control.dispatchEvent(new window.KeyboardEvent('keydown', { keyCode: 79, key: 'o' }));
  control.dispatchEvent(new window.Event('input'));
  assert.deepEqual(f.emits.at(-1), {
    type: 'input',
    target: f.el,
    opts: undefined,
    detail: { value: 'hello', cursor: 5, keyCode: 79 },
  });
  f.api.returns.input = 'HELLO';
  control.dispatchEvent(new window.Event('input'));
  assert.equal(control.value, 'HELLO', 'a handler returning a string replaces the value');
  f.update({ value: '', placeholder: 'Name', 'placeholder-class': 'ph', maxlength: 5 });
  assert.equal(control.value, '');
  assert.equal(ph.style.display, '');
  control.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Enter', keyCode: 13 }));
  assert.equal(f.emits.find((e) => e.type === 'confirm').detail.value, '');
  control.dispatchEvent(new window.FocusEvent('focus'));
  assert.deepEqual(f.emits.find((e) => e.type === 'focus').detail, { value: '', height: 0 });
  control.dispatchEvent(new window.FocusEvent('blur'));
  assert.equal(f.emits.find((e) => e.type === 'blur').detail.value, '');
  assert.ok(f.emits.some((e) => e.type === 'keyboardheightchange'));
});

test('input: default maxlength 140, -1 unlimited, password, numeric types filter', () => {
  const { mount, window } = setup();
  assert.equal(mount('input', {}).el.querySelector('input').maxLength, 140);
  assert.ok(!mount('input', { maxlength: -1 }).el.querySelector('input').hasAttribute('maxlength'));
  assert.equal(mount('input', { password: true }).el.querySelector('input').type, 'password');
  const n = mount('input', { type: 'number' });
  const control = n.el.querySelector('input');
  assert.equal(control.getAttribute('inputmode'), 'numeric');
  control.value = '12a3';
  control.dispatchEvent(new window.Event('input'));
  assert.equal(n.emits.at(-1).detail.value, '123');
  assert.equal(mount('input', { type: 'digit' }).el.querySelector('input').getAttribute('inputmode'), 'decimal');
  const long = mount('input', { value: 'abcdef', maxlength: 3 });
  assert.equal(long.el.querySelector('input').value, 'abc');
  assert.equal(long.el.__mpField.value, 'abc');
});

test('input focus attribute focuses the field once attached', async () => {
  const { mount, doc } = setup();
  const f = mount('input', { focus: true });
  await flush();
  assert.equal(doc.activeElement, f.el.querySelector('input'));
});

test('textarea: placeholder, auto-height attribute, input event', () => {
  const { mount, window } = setup();
  const t = mount('textarea', { placeholder: 'Say', 'auto-height': true, value: 'a' });
  const control = t.el.querySelector('textarea.wx-textarea-textarea');
  assert.ok(control);
  assert.ok(t.el.querySelector('.wx-textarea-placeholder.textarea-placeholder'));
  assert.ok(t.el.hasAttribute('mp-auto-height'));
  control.value = 'a\nb';
  control.dispatchEvent(new window.Event('input'));
  assert.deepEqual(t.emits.find((e) => e.type === 'input').detail.value, 'a\nb');
  assert.equal(t.el.__mpField.value, 'a\nb');
});

test('destroy removes fields and listeners', () => {
  const { mount } = setup();
  const sw = mount('switch', { name: 'x' });
  sw.destroy();
  assert.equal(sw.el.__mpField, undefined);
  const f = mount('form', {});
  const b = mount('button', { 'form-type': 'submit' }, { parent: f.el });
  b.destroy();
  click(b.el);
  assert.equal(f.emits.length, 0);
});
