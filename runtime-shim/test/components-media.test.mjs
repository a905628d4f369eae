import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sanitize } from '../src/components/richtext.js';
import { openPicker } from '../src/components/picker.js';
import { swiperCurrent } from '../src/components/swiper.js';
import { click, flush, setup } from './components-helpers.mjs';

function fakeImages(window, sizes) {
  const made = [];
  window.Image = class {
    set src(v) {
      this._src = v;
      made.push(this);
    }
    get src() {
      return this._src;
    }
    fire() {
      const size = sizes[this._src];
      if (size) {
        [this.naturalWidth, this.naturalHeight] = size;
        this.onload();
      } else this.onerror();
    }
  };
  return made;
}

test('image: background div with the resolved src, mode sizes, load and error details', () => {
  const { mount, window } = setup();
  const made = fakeImages(window, { 'https://app.test/img/a.png': [200, 100] });
  const img = mount('image', { src: '/img/a.png', mode: 'aspectFill' });
  const div = img.el.querySelector(':scope > div[mp-internal]');
  assert.ok(img.el.querySelector(':scope > span[mp-internal]'));
  assert.match(div.style.backgroundImage, /app\.test\/img\/a\.png/);
  assert.equal(div.style.backgroundSize, 'cover');
  assert.equal(div.style.backgroundPosition, 'center center');
  made[0].fire();
  assert.deepEqual(img.emits, [{ type: 'load', detail: { width: 200, height: 100 }, target: img.el, opts: undefined }]);
  img.update({ src: 'b.png', mode: 'aspectFit' });
  assert.match(div.style.backgroundImage, /pages\/a\/b\.png/);
  assert.equal(div.style.backgroundSize, 'contain');
  made[1].fire();
  assert.deepEqual(img.emits.at(-1).detail, { errMsg: 'GET https://app.test/pages/a/b.png 404 (Not Found)' });
  const modes = { scaleToFill: '100% 100%', top: 'auto auto', 'bottom right': 'auto auto' };
  for (const [mode, size] of Object.entries(modes)) {
    assert.equal(mount('image', { src: '/x.png', mode }).el.firstChild.style.backgroundSize, size, mode);
  }
  assert.equal(
    mount('image', { src: '/x.png', mode: 'bottom right' }).el.firstChild.style.backgroundPosition,
    'right bottom',
  );
});

test('image widthFix keeps the width and takes the height from the picture ratio', () => {
  const { mount, window } = setup();
  const made = fakeImages(window, { 'https://app.test/w.png': [400, 100] });
  const img = mount('image', { src: '/w.png', mode: 'widthFix' });
  made[0].fire();
  assert.ok(img.el.hasAttribute('mp-width-fix'));
  assert.equal(img.el.firstChild.style.paddingBottom, '25%');
});

test('image refuses script urls and lazy-load waits until visible', () => {
  const { mount, window } = setup();
  fakeImages(window, {});
  const bad = mount('image', { src: 'javascript:alert(1)' });
  assert.equal(bad.el.firstChild.style.backgroundImage, '');
  let observed;
  window.IntersectionObserver = class {
    constructor(cb) {
      this.cb = cb;
      observed = this;
    }
    observe() {}
    disconnect() {}
  };
  const lazy = mount('image', { src: '/l.png', 'lazy-load': true });
  assert.equal(lazy.el.firstChild.style.backgroundImage, '');
  observed.cb([{ isIntersecting: true }]);
  assert.match(lazy.el.firstChild.style.backgroundImage, /l\.png/);
});

test('icon: a box of its size cut by the shape of its type; the color attribute wins over the set', () => {
  const { mount } = setup();
  const i = mount('icon', { type: 'success', size: 40 });
  const span = i.el.querySelector('span.wx-icon-success');
  assert.match(span.style.getPropertyValue('mask-image'), /^url\("data:image\/svg\+xml,/);
  assert.equal(span.style.width, '40px');
  assert.equal(span.style.height, '40px');
  assert.equal(span.style.color, '', 'the style set gives the colour');
  const success = span.style.getPropertyValue('mask-image');
  i.update({ type: 'circle', color: 'red' });
  const circle = i.el.querySelector('span.wx-icon-circle');
  assert.ok(circle.style.getPropertyValue('mask-image').startsWith('url('), 'circle has a shape');
  assert.notEqual(circle.style.getPropertyValue('mask-image'), success);
  assert.equal(circle.style.color, 'red');
  assert.equal(circle.style.width, '23px');
  i.update({ type: 'no-such-type' });
  assert.equal(i.el.querySelector('span').style.getPropertyValue('mask-image'), '');
});

test('slider: inner nodes, value and colours, drag emits changing then change', () => {
  const { mount, window, doc } = setup();
  const s = mount('slider', {
    min: 0,
    max: 10,
    step: 2,
    value: 4,
    'show-value': true,
    'active-color': '#ff0000',
    'block-size': 20,
  });
  const wrapper = s.el.querySelector('.wx-slider-wrapper .wx-slider-tap-area .wx-slider-handle-wrapper');
  assert.ok(wrapper.querySelector('.wx-slider-handle') && wrapper.querySelector('.wx-slider-thumb'));
  assert.equal(wrapper.querySelector('.wx-slider-track').style.width, '40%');
  assert.equal(wrapper.querySelector('.wx-slider-track').style.backgroundColor, 'rgb(255, 0, 0)');
  assert.equal(wrapper.querySelector('.wx-slider-thumb').style.width, '20px');
  assert.equal(s.el.querySelector('.wx-slider-value').textContent, '4');
  wrapper.getBoundingClientRect = () => ({ left: 100, width: 200, top: 0, height: 2 });
  const tap = s.el.querySelector('.wx-slider-tap-area');
  tap.dispatchEvent(new window.MouseEvent('mousedown', { clientX: 150, bubbles: true }));
  doc.dispatchEvent(new window.MouseEvent('mousemove', { clientX: 260 }));
  doc.dispatchEvent(new window.MouseEvent('mouseup', { clientX: 400 }));
  assert.deepEqual(
    s.emits.map((e) => [e.type, e.detail.value]),
    [
      ['changing', 2],
      ['changing', 8],
      ['change', 10],
    ],
  );
  assert.equal(s.el.__mpField.value, 10);
  s.update({ min: 0, max: 10, step: 2, value: 6 });
  assert.equal(s.el.querySelector('.wx-slider-value').textContent, '6');
  s.update({ disabled: true, max: 10, value: 6 });
  tap.dispatchEvent(new window.MouseEvent('mousedown', { clientX: 100 }));
  assert.equal(s.emits.length, 3);
});

test('progress: bar, inner bar width, info, colours, active animation end', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { mount } = setup();
  const p = mount('progress', {
    percent: 40,
    'show-info': true,
    'stroke-width': 10,
    'active-color': 'blue',
    'border-radius': 5,
  });
  const bar = p.el.querySelector('.wx-progress-bar');
  const inner = bar.querySelector('.wx-progress-inner-bar');
  assert.equal(inner.style.width, '40%');
  assert.equal(bar.style.height, '10px');
  assert.equal(bar.style.backgroundColor, 'rgb(235, 235, 235)');
  assert.equal(inner.style.backgroundColor, 'blue');
  assert.equal(inner.style.borderRadius, '5px');
  assert.equal(p.el.querySelector('.wx-progress-info').textContent, '40%');
  const a = mount('progress', { percent: 50, active: true });
  assert.match(a.el.querySelector('.wx-progress-inner-bar').style.transition, /1500ms/);
  t.mock.timers.tick(1500);
  assert.deepEqual(a.emits, [{ type: 'activeend', detail: { curPercent: 50 }, target: a.el, opts: undefined }]);
  assert.ok(mount('progress', { percent: 150 }).el.querySelector('.wx-progress-info').hidden);
});

function swiperWith(ctx, attrs, n) {
  const items = [];
  const sw = ctx.mount('swiper', attrs);
  for (let i = 0; i < n; i++) {
    const it = ctx.mount('swiper-item', { 'item-id': `id${i}` }, { parent: sw.content });
    items.push(it.el);
  }
  return { sw, items };
}

test('swiper: WeChat structure, dots, current, change source', async () => {
  const ctx = setup();
  const { sw } = swiperWith(ctx, { 'indicator-dots': true, current: 1, 'indicator-active-color': '#ff0000' }, 3);
  await flush();
  const frame = sw.el.querySelector('.wx-swiper-wrapper > .wx-swiper-slides > .wx-swiper-slide-frame');
  assert.equal(frame, sw.content);
  const dots = sw.el.querySelectorAll('.wx-swiper-dots.wx-swiper-dots-horizontal > .wx-swiper-dot');
  assert.equal(dots.length, 3);
  assert.ok(dots[1].classList.contains('wx-swiper-dot-active'));
  assert.equal(dots[1].style.backgroundColor, 'rgb(255, 0, 0)');
  assert.match(frame.style.transform, /translate\(calc\(-100% \+ 0px\), 0\)/);
  sw.update({ 'indicator-dots': true, current: 2 });
  assert.deepEqual(sw.emits[0], {
    type: 'change',
    detail: { current: 2, currentItemId: 'id2', source: '' },
    target: sw.el,
    opts: undefined,
  });
  sw.update({ 'indicator-dots': true, current: 2, 'current-item-id': 'id0' });
  assert.equal(swiperCurrent(sw.el), 0);
});

test('swiper: mouse swipe moves one slide and reports touch; autoplay advances', async (t) => {
  const ctx = setup();
  const { sw } = swiperWith(ctx, { duration: 0 }, 3);
  await flush();
  const slides = sw.el.querySelector('.wx-swiper-slides');
  slides.getBoundingClientRect = () => ({ left: 0, top: 0, width: 300, height: 150 });
  const { window, doc } = ctx;
  slides.dispatchEvent(new window.MouseEvent('mousedown', { clientX: 250, clientY: 50 }));
  doc.dispatchEvent(new window.MouseEvent('mousemove', { clientX: 200, clientY: 52 }));
  doc.dispatchEvent(new window.MouseEvent('mousemove', { clientX: 60, clientY: 52 }));
  doc.dispatchEvent(new window.MouseEvent('mouseup', { clientX: 60, clientY: 52 }));
  const change = sw.emits.find((e) => e.type === 'change');
  assert.deepEqual(change.detail, { current: 1, currentItemId: 'id1', source: 'touch' });
  assert.ok(sw.emits.some((e) => e.type === 'transition'));
  t.mock.timers.enable({ apis: ['setInterval', 'setTimeout'] });
  const auto = swiperWith(ctx, { autoplay: true, interval: 1000, circular: true }, 2).sw;
  auto.update({ autoplay: true, interval: 1000, circular: true, 'indicator-dots': false });
  t.mock.timers.tick(1000);
  assert.deepEqual(auto.emits.at(-1).detail, { current: 1, currentItemId: 'id1', source: 'autoplay' });
  t.mock.timers.tick(1000);
  assert.equal(auto.emits.filter((e) => e.type === 'change').at(-1).detail.current, 0);
  t.mock.timers.tick(500);
  assert.equal(auto.emits.at(-1).type, 'animationfinish');
  auto.destroy();
});

test('scroll-view: inner scroller, overflow per axis, scroll and threshold events', async () => {
  const ctx = setup();
  const sv = ctx.mount('scroll-view', { 'scroll-y': true, 'lower-threshold': 20 });
  const scroller = sv.el.querySelector('.wx-scroll-view');
  assert.equal(sv.content.parentElement, scroller);
  assert.equal(scroller.style.overflowY, 'auto');
  assert.equal(scroller.style.overflowX, 'hidden');
  Object.defineProperty(scroller, 'scrollHeight', { value: 1000 });
  Object.defineProperty(scroller, 'clientHeight', { value: 300 });
  scroller.scrollTop = 690;
  scroller.dispatchEvent(new ctx.window.Event('scroll'));
  const scroll = sv.emits.find((e) => e.type === 'scroll');
  assert.equal(scroll.detail.scrollTop, 690);
  assert.equal(scroll.detail.deltaY, -690);
  assert.equal(scroll.detail.scrollHeight, 1000);
  assert.deepEqual(sv.emits.find((e) => e.type === 'scrolltolower').detail, { direction: 'bottom' });
  scroller.scrollTop = 10;
  scroller.dispatchEvent(new ctx.window.Event('scroll'));
  assert.deepEqual(sv.emits.find((e) => e.type === 'scrolltoupper').detail, { direction: 'top' });
  sv.update({ 'scroll-y': true, 'scroll-top': 120 });
  assert.equal(scroller.scrollTop, 120);
});

test('scroll-view refresher: triggered shows it, clearing it restores', () => {
  const ctx = setup();
  const sv = ctx.mount('scroll-view', { 'scroll-y': true, 'refresher-enabled': true });
  const area = sv.el.querySelector('.wx-scroll-view-refresher');
  assert.ok(!area.hidden);
  sv.update({ 'scroll-y': true, 'refresher-enabled': true, 'refresher-triggered': true });
  assert.equal(area.style.height, '45px');
  sv.update({ 'scroll-y': true, 'refresher-enabled': true, 'refresher-triggered': false });
  assert.equal(area.style.height, '0px');
  assert.equal(sv.emits.at(-1).type, 'refresherrestore');
  const off = ctx.mount('scroll-view', {});
  assert.ok(off.el.querySelector('.wx-scroll-view-refresher').hidden);
});

test('picker selector: sheet in the page, confirm emits change {value: index}, cancel emits cancel', () => {
  const ctx = setup();
  const p = ctx.mount('picker', { range: ['A', 'B', 'C'], value: 0, name: 'p' });
  click(p.el);
  const sheet = ctx.doc.querySelector('.wx-picker-container');
  assert.ok(sheet.hasAttribute('mp-internal'));
  const items = sheet.querySelectorAll('.wx-picker-item');
  assert.deepEqual(
    [...items].map((i) => i.textContent),
    ['A', 'B', 'C'],
  );
  click(items[2]);
  click(ctx.doc.querySelector('.wx-picker-action-confirm'));
  assert.equal(ctx.doc.querySelector('.wx-picker-container'), null);
  assert.deepEqual(p.emits.at(-1).detail, { value: 2 });
  assert.equal(p.el.__mpField.value, 2);
  openPicker(p.el);
  click(ctx.doc.querySelector('.wx-picker-action-cancel'));
  assert.equal(p.emits.at(-1).type, 'cancel');
  p.update({ range: ['A', 'B', 'C'], value: 0, disabled: true });
  click(p.el);
  assert.equal(ctx.doc.querySelector('.wx-picker-container'), null);
});

test('picker multiSelector emits columnchange; range-key picks the label', () => {
  const ctx = setup();
  const p = ctx.mount('picker', {
    mode: 'multiSelector',
    range: [
      [{ n: 'x' }, { n: 'y' }],
      [{ n: 'p' }, { n: 'q' }],
    ],
    'range-key': 'n',
    value: [0, 0],
  });
  const sheet = openPicker(p.el);
  const cols = sheet.querySelectorAll('.wx-picker-group');
  assert.deepEqual(
    [...cols[0].querySelectorAll('.wx-picker-item')].map((i) => i.textContent),
    ['x', 'y'],
  );
  click(cols[1].querySelectorAll('.wx-picker-item')[1]);
  assert.deepEqual(p.emits.at(-1), {
    type: 'columnchange',
    detail: { column: 1, value: 1 },
    target: p.el,
    opts: undefined,
  });
  click(ctx.doc.querySelector('.wx-picker-action-confirm'));
  assert.deepEqual(p.emits.at(-1).detail, { value: [0, 1] });
});

test('picker time and date report strings', () => {
  const ctx = setup();
  const t = ctx.mount('picker', { mode: 'time', value: '09:30', start: '08:00', end: '18:00' });
  let sheet = openPicker(t.el);
  const hours = sheet.querySelectorAll('.wx-picker-group')[0].querySelectorAll('.wx-picker-item');
  assert.equal(hours[0].textContent, '08');
  click(hours[2]);
  click(ctx.doc.querySelector('.wx-picker-action-confirm'));
  assert.deepEqual(t.emits.at(-1).detail, { value: '10:30' });
  const d = ctx.mount('picker', { mode: 'date', value: '2024-02-10', start: '2020-01-01', end: '2030-12-31' });
  sheet = openPicker(d.el);
  const groups = sheet.querySelectorAll('.wx-picker-group');
  assert.equal(groups[2].querySelectorAll('.wx-picker-item').length, 29, 'February 2024 has 29 days');
  click(groups[1].querySelectorAll('.wx-picker-item')[2]);
  click(ctx.doc.querySelector('.wx-picker-action-confirm'));
  assert.deepEqual(d.emits.at(-1).detail, { value: '2024-03-10' });
  const m = ctx.mount('picker', { mode: 'date', fields: 'month', value: '2021-05' });
  assert.equal(m.el.__mpField.value, '2021-05');
});

test('picker-view: columns hold the author items and report change', async (t) => {
  const ctx = setup();
  const pv = ctx.mount('picker-view', { value: [1] });
  const col = ctx.mount('picker-view-column', {}, { parent: pv.el });
  for (const label of ['a', 'b', 'c']) {
    const v = ctx.doc.createElement('wx-view');
    v.textContent = label;
    col.content.appendChild(v);
  }
  assert.ok(col.el.querySelector('.wx-picker-view-indicator'));
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const scroller = col.el.querySelector('.wx-picker-view-scroller');
  scroller.scrollTop = 68;
  scroller.dispatchEvent(new ctx.window.Event('scroll'));
  t.mock.timers.tick(120);
  assert.deepEqual(
    pv.emits.map((e) => e.type),
    ['pickstart', 'change', 'pickend'],
  );
  assert.deepEqual(pv.emits[1].detail, { value: [2] });
});

test('rich-text renders a node array and an HTML string through the whitelist', () => {
  const ctx = setup();
  const r = ctx.mount('rich-text', {
    nodes: [
      {
        name: 'div',
        attrs: { class: 'box', style: 'color: red', onclick: 'x()' },
        children: [{ type: 'text', text: '<b>t</b>' }],
      },
    ],
  });
  const div = r.el.querySelector('div');
  assert.equal(div.className, 's--box');
  assert.equal(div.getAttribute('style'), 'color: red');
  assert.ok(!div.hasAttribute('onclick'));
  assert.equal(div.textContent, '<b>t</b>', 'text nodes are never parsed');
  r.update({ nodes: '<p>Hi <strong>there</strong><img src="/a.png" width="10"></p>' });
  assert.equal(r.el.querySelector('p strong').textContent, 'there');
  assert.equal(r.el.querySelector('img').getAttribute('src'), 'https://app.test/a.png');
});

test('rich-text sanitiser removes hostile markup', () => {
  const { doc } = setup();
  const html = (input) => {
    const box = doc.createElement('div');
    for (const n of sanitize(doc, input)) box.appendChild(n);
    return box.innerHTML;
  };
  assert.equal(html('<script>alert(1)</script>ok'), 'ok');
  assert.equal(html('<img src=x onerror="alert(1)">'), '<img src="x">');
  assert.equal(html('<a href="javascript:alert(1)">go</a>'), '<a>go</a>');
  assert.equal(html('<img src="javascript:alert(1)">'), '<img>');
  assert.equal(html('<img src=" jav&#x09;ascript:alert(1)">'), '<img>');
  assert.equal(html('<div style="width: expression(alert(1)); color: red">x</div>'), '<div style="color: red">x</div>');
  assert.equal(html('<div style="background: url(javascript:alert(1))">x</div>'), '<div>x</div>');
  assert.equal(
    html('<div style="background:url(&quot;https://a.test/x.png&quot;)">x</div>'),
    '<div style="background:url(&quot;https://a.test/x.png&quot;)">x</div>',
  );
  assert.equal(html('<svg><script>alert(1)</script><a xlink:href="javascript:x">s</a></svg>t'), 't');
  assert.equal(html('<math><mi xlink:href="javascript:alert(1)">m</mi></math>'), '');
  assert.equal(html('<!-- <img src=x onerror=alert(1)> -->--><p>ok</p>'), '--&gt;<p>ok</p>');
  assert.equal(html('<iframe src="https://evil.test"></iframe><object data=x></object>'), '');
  assert.equal(html('<style>*{}</style><p onclick="x()" id="i">p</p>'), '<p>p</p>');
  assert.equal(html('<form action="https://e.test"><input name=a><button>b</button></form>'), 'b');
  assert.equal(html('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>'), '');
  assert.equal(html('<div style="color: red; \\61 bc: x">x</div>'), '<div style="color: red">x</div>');
  assert.equal(html([{ name: 'script', children: [{ type: 'text', text: 'alert(1)' }] }]), '');
  assert.equal(html([{ name: 'img', attrs: { src: 'data:text/html,<script>alert(1)</script>' } }]), '<img>');
  assert.equal(html([{ name: 'unknown', children: [{ type: 'text', text: 'kept' }] }]), 'kept');
  assert.equal(html([{ name: 'td', attrs: { colspan: '2" onmouseover="x' } }]), '<td colspan="2 onmouseoverx"></td>');
});

test('text marks selectable and space for the stylesheet', () => {
  const ctx = setup();
  const t = ctx.mount('text', { 'user-select': true, space: 'nbsp' });
  assert.ok(t.el.hasAttribute('mp-selectable'));
  assert.equal(t.el.getAttribute('mp-space'), 'nbsp');
  assert.equal(t.content, undefined);
  assert.equal(t.el.childNodes.length, 0, 'the patcher owns the children of <text>');
  t.update({});
  assert.ok(!t.el.hasAttribute('mp-selectable'));
});

test(
  'video is a real <video> with controls and events (seekcomplete, progress in percent, '
    + 'fullscreenchange); web-view embeds only https',
  () => {
    const ctx = setup();
    const v = ctx.mount('video', { src: '/v.mp4', autoplay: true, loop: true, muted: true, poster: '/p.png' });
    const media = v.el.querySelector('video');
    assert.equal(media.getAttribute('src'), 'https://app.test/v.mp4');
    assert.ok(media.controls && media.autoplay && media.loop && media.muted);
    assert.equal(media.getAttribute('poster'), 'https://app.test/p.png');
    media.dispatchEvent(new ctx.window.Event('play'));
    media.dispatchEvent(new ctx.window.Event('ended'));
    assert.deepEqual(
      v.emits.map((e) => e.type),
      ['play', 'ended'],
    );
    media.currentTime = 3;
    media.dispatchEvent(new ctx.window.Event('seeked'));
    assert.deepEqual(v.emits.at(-1), { type: 'seekcomplete', detail: { position: 3 }, target: v.el, opts: undefined });
    Object.defineProperty(media, 'duration', { value: 10, configurable: true });
    Object.defineProperty(media, 'buffered', { value: { length: 1, end: () => 4 }, configurable: true });
    media.dispatchEvent(new ctx.window.Event('progress'));
    assert.deepEqual(v.emits.at(-1).type === 'progress' && v.emits.at(-1).detail, { buffered: 40 });
    Object.defineProperty(ctx.doc, 'fullscreenElement', { value: media, configurable: true });
    ctx.doc.dispatchEvent(new ctx.window.Event('fullscreenchange'));
    Object.defineProperty(ctx.doc, 'fullscreenElement', { value: null, configurable: true });
    ctx.doc.dispatchEvent(new ctx.window.Event('fullscreenchange'));
    assert.deepEqual(
      v.emits.filter((e) => e.type === 'fullscreenchange').map((e) => e.detail.fullScreen),
      [true, false],
    );
    const w = ctx.mount('web-view', { src: 'http://insecure.test/' });
    assert.ok(!w.el.querySelector('iframe').hasAttribute('src'));
    w.update({ src: 'https://ok.test/' });
    assert.equal(w.el.querySelector('iframe').getAttribute('src'), 'https://ok.test/');
    for (const tag of ['map', 'camera', 'live-player', 'canvas']) {
      assert.ok(ctx.mount(tag, {}).el.querySelector('[mp-internal]'), tag);
    }
  },
);

test(
  "web-view: sandboxed without top navigation; refuses the app's own origin, non-https and hosts outside "
    + 'webView.domains, with binderror {url, fullUrl}',
  async () => {
    const { JSDOM } = await import('jsdom');
    const { builtin } = await import('../src/components/index.js');
    const { window } = new JSDOM('<!doctype html><body></body>', { url: 'https://app.test/index.html' });
    const frameOf = (src, domains) => {
      globalThis.__miniportConfig = domains ? { webView: { domains } } : {};
      const el = window.document.createElement('wx-web-view');
      window.document.body.appendChild(el);
      const emits = [];
      builtin('web-view').create(el, { src }, { emit: (type, detail) => emits.push({ type, detail }) });
      return { frame: el.querySelector('iframe'), emits };
    };
    try {
      const any = frameOf('https://news.example.com/a?b=1');
      assert.equal(any.frame.getAttribute('src'), 'https://news.example.com/a?b=1');
      const sandbox = any.frame.getAttribute('sandbox').split(' ');
      assert.ok(sandbox.includes('allow-scripts') && sandbox.includes('allow-forms'));
      assert.ok(!sandbox.some((s) => s.startsWith('allow-top-navigation')), sandbox.join(' '));
      assert.ok(!sandbox.includes('allow-popups'));
      const domains = ['example.com', '*.example.org', 'pay.example.net:8443'];
      const allowed = ['https://example.com/x', 'https://a.b.example.org/', 'https://pay.example.net:8443/'];
      for (const src of allowed) assert.equal(frameOf(src, domains).frame.getAttribute('src'), src);
      const refused = [
        'https://app.test/other.html',
        'http://example.com/',
        'javascript:alert(1)',
        'https://evil.com/',
        'https://example.com.evil.com/',
        'https://example.org/',
        'https://example.com:8443/',
        'https://pay.example.net/',
      ];
      for (const src of refused) {
        const got = frameOf(src, src === 'https://app.test/other.html' ? undefined : domains);
        assert.ok(!got.frame.hasAttribute('src'), src);
        await flush();
        assert.deepEqual(got.emits, [{ type: 'error', detail: { url: src, fullUrl: new URL(src).href } }], src);
      }
      assert.equal(frameOf('https://example.com/', []).frame.hasAttribute('src'), false);
    } finally {
      delete globalThis.__miniportConfig;
    }
  },
);
