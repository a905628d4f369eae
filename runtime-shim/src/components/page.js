// miniport runtime: the page-level built-ins: <page-meta> (page and root styles, background, scroll, resize),
// <navigation-bar>, <page-container> (the "fake page" popup), <root-portal>, <match-media> and
// <keyboard-accessory> (a bar above the keyboard while its input or textarea has focus).
import { rpx } from '../render/values.js';
import { attr, bool, changed, node, num, point, states, text } from './util.js';

const metas = states();
const containers = states();
const portals = states();
const medias = states();

/** `wx`, as the app sees it (the built-ins of a page call it as the page would). */
const wxOf = (el) => /** @type {any} */ (el.ownerDocument.defaultView).wx;

const pageOf = (el) => el.closest('wx-page');
const onScreen = (el) => {
  const page = pageOf(el);
  return !page || !page.hidden;
};

/** A length attribute as a px number (`100px`, `50rpx`, `20`): rpx against the page width. */
function px(el, v) {
  const s = text(v).trim();
  const n = Number.parseFloat(s);
  if (!Number.isFinite(n)) return undefined;
  if (!s.endsWith('rpx')) return n;
  const probe = node(el.ownerDocument.body, 'div');
  probe.style.cssText = `position:absolute;visibility:hidden;width:${rpx(s)}`;
  const w = probe.getBoundingClientRect().width;
  probe.remove();
  return w;
}

// ---- page-meta -----------------------------------------------------------------------------

function fontSize(v) {
  const s = text(v).trim();
  if (!s || s === 'system') return '';
  return rpx(/^-?[\d.]+$/.test(s) ? `${s}px` : s);
}

function applyMeta(el, m, old) {
  const { attrs } = m;
  const doc = el.ownerDocument;
  const wx = wxOf(el);
  const page = pageOf(el);
  if (page) {
    if (!old || changed(attrs, old, 'page-style')) {
      // page-style is added to what the page's own style says, as WeChat does.
      for (const name of m.styled) page.style.removeProperty(name);
      const probe = doc.createElement('div');
      probe.setAttribute('style', rpx(text(attr(attrs, 'page-style'))));
      m.styled = [...probe.style];
      for (const name of m.styled) page.style.setProperty(name, probe.style.getPropertyValue(name));
    }
    if (!old || changed(attrs, old, 'page-font-size')) page.style.fontSize = fontSize(attr(attrs, 'page-font-size'));
  }
  if (!old || changed(attrs, old, 'root-font-size'))
    doc.documentElement.style.fontSize = fontSize(attr(attrs, 'root-font-size'));
  if (!old || changed(attrs, old, 'root-background-color'))
    doc.documentElement.style.backgroundColor = text(attr(attrs, 'root-background-color'));
  if (!wx) return;
  const bg = ['background-color', 'background-color-top', 'background-color-bottom'];
  if (bg.some((n) => attr(attrs, n) !== undefined) && (!old || bg.some((n) => changed(attrs, old, n)))) {
    wx.setBackgroundColor({
      backgroundColor: attr(attrs, 'background-color'),
      backgroundColorTop: attr(attrs, 'background-color-top'),
      backgroundColorBottom: attr(attrs, 'background-color-bottom'),
    });
  }
  const style = attr(attrs, 'background-text-style');
  if (style && (!old || changed(attrs, old, 'background-text-style'))) wx.setBackgroundTextStyle({ textStyle: style });
  const top = attr(attrs, 'scroll-top');
  if (top !== undefined && top !== '' && (!old || changed(attrs, old, 'scroll-top'))) {
    const duration = num(attr(attrs, 'scroll-duration'), 300);
    const scrollTop = px(el, top) || 0;
    wx.pageScrollTo({ scrollTop, duration, complete: () => m.api.emit('scrolldone', {}) });
  }
}

export const pageMeta = {
  create(el, attrs, api) {
    const win = el.ownerDocument.defaultView;
    const m = metas.set(el, { attrs, api, styled: [] });
    // The page scrolls with the window, or in a scrolling ancestor of the page: both reach a capture listener.
    m.onScroll = (e) => {
      if (!onScreen(el)) return;
      const t = e.target;
      const page = pageOf(el);
      if (t !== el.ownerDocument && !(t instanceof win.Element && page && t.contains(page))) return;
      const top = t === el.ownerDocument ? win.scrollY : /** @type {Element} */ (t).scrollTop;
      m.api.emit('scroll', { scrollTop: top });
    };
    m.onResize = () => {
      if (!onScreen(el)) return;
      const size = { windowWidth: win.innerWidth, windowHeight: win.innerHeight };
      m.api.emit('resize', {
        size,
        deviceOrientation: size.windowWidth > size.windowHeight ? 'landscape' : 'portrait',
      });
    };
    win.addEventListener('scroll', m.onScroll, { capture: true, passive: true });
    win.addEventListener('resize', m.onResize);
    // The page element is its ancestor only once it is attached.
    queueMicrotask(() => applyMeta(el, m, null));
    return undefined;
  },
  update(el, attrs, old, api) {
    const m = metas.get(el);
    Object.assign(m, { attrs, api });
    applyMeta(el, m, old);
  },
  destroy(el) {
    const m = metas.get(el);
    if (!m) return;
    const win = el.ownerDocument.defaultView;
    win.removeEventListener('scroll', m.onScroll, { capture: true });
    win.removeEventListener('resize', m.onResize);
    const page = pageOf(el);
    if (page) for (const name of m.styled) page.style.removeProperty(name);
    metas.delete(el);
  },
};

// ---- navigation-bar (inside page-meta) -----------------------------------------------------

function applyBar(el, attrs, old, tries = 0) {
  const wx = wxOf(el);
  if (!wx || !el.isConnected || !onScreen(el)) {
    // A page being opened is shown a few frames after its built-ins are made.
    const win = el.ownerDocument.defaultView;
    if (!old && tries < 120) win.requestAnimationFrame(() => applyBar(el, attrs, old, tries + 1));
    return;
  }
  const title = attr(attrs, 'title');
  if (title !== undefined && (!old || changed(attrs, old, 'title'))) wx.setNavigationBarTitle({ title: text(title) });
  if (!old || changed(attrs, old, 'loading')) {
    if (bool(attr(attrs, 'loading'))) wx.showNavigationBarLoading();
    else if (old) wx.hideNavigationBarLoading();
  }
  const colors = ['front-color', 'background-color'];
  if (colors.some((n) => attr(attrs, n) !== undefined) && (!old || colors.some((n) => changed(attrs, old, n)))) {
    wx.setNavigationBarColor({
      frontColor: text(attr(attrs, 'front-color'), '#000000'),
      backgroundColor: text(attr(attrs, 'background-color'), '#ffffff'),
      animation: {
        duration: num(attr(attrs, 'color-animation-duration'), 0),
        timingFunc: text(attr(attrs, 'color-animation-timing-func'), 'linear'),
      },
    });
  }
}

export const navigationBar = {
  create(el, attrs) {
    queueMicrotask(() => applyBar(el, attrs, null));
    return { content: null };
  },
  update(el, attrs, old) {
    applyBar(el, attrs, old);
  },
  destroy() {},
};

// ---- page-container ------------------------------------------------------------------------

function containerLayout(el, c) {
  const { attrs } = c;
  const position = ['top', 'bottom', 'right', 'center'].includes(text(attr(attrs, 'position')))
    ? text(attr(attrs, 'position'))
    : 'bottom';
  const z = num(attr(attrs, 'z-index'), 100);
  const duration = Math.max(0, num(attr(attrs, 'duration'), 300));
  c.overlay.style.cssText = `z-index:${z};transition-duration:${duration}ms;${rpx(text(attr(attrs, 'overlay-style')))}`;
  c.box.style.cssText = `z-index:${z};transition-duration:${duration}ms;${rpx(text(attr(attrs, 'custom-style')))}`;
  const round = bool(attr(attrs, 'round')) ? ' wx-page-container-round' : '';
  c.box.className = `wx-page-container wx-page-container-${position}${round}`;
  c.overlay.hidden = !c.open || attr(attrs, 'overlay') === false;
  c.duration = duration;
}

function enter(el, c) {
  if (c.open) return;
  c.open = true;
  clearTimeout(c.timer);
  const doc = el.ownerDocument;
  c.api.emit('beforeenter', {});
  // While it shows, the user's back (and navigateBack) closes it instead of leaving the page: the
  // router calls the last of the page element's `__mpBackInterceptors` (router/stack.js).
  const page = /** @type {any} */ (el.closest('wx-page'));
  if (page) {
    if (!page.__mpBackInterceptors) page.__mpBackInterceptors = new Set();
    c.back = () => leave(el, c);
    c.page = page;
    page.__mpBackInterceptors.add(c.back);
  }
  el.toggleAttribute('mp-open', true);
  containerLayout(el, c);
  c.box.hidden = false;
  c.box.classList.add('wx-page-container-hidden');
  c.overlay.classList.add('wx-page-container-hidden');
  void c.box.offsetWidth;
  c.api.emit('enter', {});
  c.box.classList.remove('wx-page-container-hidden');
  c.overlay.classList.remove('wx-page-container-hidden');
  c.timer = doc.defaultView.setTimeout(() => c.api.emit('afterenter', {}), c.duration);
}

function leave(el, c) {
  if (!c.open) return;
  c.open = false;
  clearTimeout(c.timer);
  if (c.page) c.page.__mpBackInterceptors.delete(c.back);
  c.api.emit('beforeleave', {});
  c.api.emit('leave', {});
  c.box.classList.add('wx-page-container-hidden');
  c.overlay.classList.add('wx-page-container-hidden');
  c.timer = el.ownerDocument.defaultView.setTimeout(() => {
    c.box.hidden = true;
    c.overlay.hidden = true;
    el.toggleAttribute('mp-open', false);
    c.api.emit('afterleave', {});
  }, c.duration);
}

export const pageContainer = {
  create(el, attrs, api) {
    const overlay = node(el, 'div', 'wx-page-container-overlay');
    const box = node(el, 'div', 'wx-page-container');
    overlay.hidden = true;
    box.hidden = true;
    const c = containers.set(el, { attrs, api, overlay, box, open: false, timer: 0, duration: 300 });
    overlay.addEventListener('click', () => {
      c.api.emit('clickoverlay', {});
      leave(el, c);
    });
    // close-on-slide-down: a downward drag of a quarter of the box (or 100px) closes it.
    let from = null;
    box.addEventListener('pointerdown', (e) => {
      if (bool(attr(c.attrs, 'close-on-slide-down'))) from = point(e).y;
    });
    box.addEventListener('pointermove', (e) => {
      if (from === null) return;
      const dy = Math.max(0, point(e).y - from);
      box.style.translate = `0 ${dy}px`;
    });
    const up = (e) => {
      if (from === null) return;
      const dy = point(e).y - from;
      from = null;
      box.style.translate = '';
      if (dy > Math.min(100, box.offsetHeight / 4)) leave(el, c);
    };
    box.addEventListener('pointerup', up);
    box.addEventListener('pointercancel', up);
    containerLayout(el, c);
    if (bool(attr(attrs, 'show'))) queueMicrotask(() => enter(el, c));
    return { content: box };
  },
  update(el, attrs, old, api) {
    const c = containers.get(el);
    Object.assign(c, { attrs, api });
    containerLayout(el, c);
    if (changed(attrs, old, 'show')) {
      if (bool(attr(attrs, 'show'))) enter(el, c);
      else leave(el, c);
    }
  },
  destroy(el) {
    const c = containers.get(el);
    if (c) clearTimeout(c.timer);
    if (c && c.page) c.page.__mpBackInterceptors.delete(c.back);
    containers.delete(el);
  },
};

// ---- root-portal ---------------------------------------------------------------------------

function placePortal(el, p) {
  const on = attr(p.attrs, 'enable') === undefined || bool(attr(p.attrs, 'enable'));
  const root = on ? pageOf(el) || el.ownerDocument.body : el;
  if (p.content.parentNode !== root) root.appendChild(p.content);
}

/** Its children are drawn at the page's root, out of every ancestor's stacking context and overflow. */
export const rootPortal = {
  create(el, attrs) {
    const content = node(el, 'div', 'wx-root-portal-content');
    const p = portals.set(el, { attrs, content });
    queueMicrotask(() => placePortal(el, p));
    return { content };
  },
  update(el, attrs) {
    const p = portals.get(el);
    p.attrs = attrs;
    placePortal(el, p);
  },
  destroy(el) {
    const p = portals.get(el);
    if (p) p.content.remove();
    portals.delete(el);
  },
};

// ---- match-media ---------------------------------------------------------------------------

/**
 * The media query of match-media's attributes (px; orientation landscape or portrait).
 * @param {Record<string, any>} attrs
 * @returns {string}
 */
export function mediaQuery(attrs) {
  const parts = [];
  for (const name of ['min-width', 'max-width', 'width', 'min-height', 'max-height', 'height']) {
    const v = num(attr(attrs, name));
    if (v !== undefined) parts.push(`(${name}: ${v}px)`);
  }
  const o = text(attr(attrs, 'orientation'));
  if (o === 'landscape' || o === 'portrait') parts.push(`(orientation: ${o})`);
  return parts.join(' and ') || 'all';
}

function watchMedia(el, m) {
  if (m.list) m.list.removeEventListener('change', m.apply);
  m.list = el.ownerDocument.defaultView.matchMedia(mediaQuery(m.attrs));
  m.list.addEventListener('change', m.apply);
  m.apply();
}

/** Shows its children only while the window matches its attributes. */
export const matchMedia = {
  create(el, attrs) {
    const m = medias.set(el, { attrs, list: null });
    m.apply = () => el.toggleAttribute('mp-unmatched', !m.list.matches);
    watchMedia(el, m);
    return undefined;
  },
  update(el, attrs) {
    const m = medias.get(el);
    m.attrs = attrs;
    watchMedia(el, m);
  },
  destroy(el) {
    const m = medias.get(el);
    if (m && m.list) m.list.removeEventListener('change', m.apply);
    medias.delete(el);
  },
};

// ---- keyboard-accessory -------------------------------------------------------------------

/** Shown (more.css) while its input or textarea has focus; pressing it keeps that focus. */
export const keyboardAccessory = {
  create(el) {
    // mousedown's default moves the focus (touch taps reach it as a compatibility mousedown).
    el.addEventListener('mousedown', (e) => e.preventDefault());
    return undefined;
  },
  update() {},
  destroy() {},
};
