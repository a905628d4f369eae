// miniport runtime: <scroll-view> (scrolling, thresholds, scroll-into-view, pull-to-refresh).
import { attr, bool, changed, node, num, point, states, text } from './util.js';

const views = states();

function escapeId(id) {
  return id.replace(/[^\w-]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `);
}

function scrollTo(s, left, top) {
  const { scroller } = s;
  const smooth = bool(attr(s.attrs, 'scroll-with-animation'));
  const opts = {};
  if (left !== undefined) opts.left = left;
  if (top !== undefined) opts.top = top;
  if (typeof scroller.scrollTo === 'function') {
    try {
      scroller.scrollTo({ ...opts, behavior: smooth ? 'smooth' : 'auto' });
      return;
    } catch {
      /* fall through: environments without ScrollToOptions */
    }
  }
  if (left !== undefined) scroller.scrollLeft = left;
  if (top !== undefined) scroller.scrollTop = top;
}

function intoView(s, id) {
  if (!id) return;
  const target = s.content.querySelector(`#${escapeId(id)}`);
  if (!target) return;
  const a = target.getBoundingClientRect();
  const b = s.scroller.getBoundingClientRect();
  scrollTo(
    s,
    bool(attr(s.attrs, 'scroll-x')) ? s.scroller.scrollLeft + a.left - b.left : undefined,
    bool(attr(s.attrs, 'scroll-y')) ? s.scroller.scrollTop + a.top - b.top : undefined,
  );
}

function layout(el, s, old) {
  const { attrs, scroller } = s;
  const x = bool(attr(attrs, 'scroll-x'));
  const y = bool(attr(attrs, 'scroll-y'));
  scroller.style.overflowX = x ? 'auto' : 'hidden';
  scroller.style.overflowY = y ? 'auto' : 'hidden';
  el.toggleAttribute('mp-flex', bool(attr(attrs, 'enable-flex')));
  el.toggleAttribute('mp-scroll-x', x);
  scroller.classList.toggle('mp-no-scrollbar', attr(attrs, 'show-scrollbar') === false);
  const apply = () => {
    if (!old || changed(attrs, old, 'scroll-top')) {
      const top = attr(attrs, 'scroll-top');
      if (top !== undefined && top !== '') scrollTo(s, undefined, num(String(top).replace(/px$/, ''), 0));
    }
    if (!old || changed(attrs, old, 'scroll-left')) {
      const left = attr(attrs, 'scroll-left');
      if (left !== undefined && left !== '') scrollTo(s, num(String(left).replace(/px$/, ''), 0), undefined);
    }
    if (!old || changed(attrs, old, 'scroll-into-view')) intoView(s, text(attr(attrs, 'scroll-into-view')));
  };
  // The first time, the author's children are not placed yet: scroll once they are.
  if (old) apply();
  else queueMicrotask(apply);
  refresher(s, old);
}

function onScroll(s) {
  const { scroller: sc, attrs } = s;
  const detail = {
    scrollLeft: sc.scrollLeft,
    scrollTop: sc.scrollTop,
    scrollHeight: sc.scrollHeight,
    scrollWidth: sc.scrollWidth,
    deltaX: s.last.left - sc.scrollLeft,
    deltaY: s.last.top - sc.scrollTop,
  };
  s.last = { left: sc.scrollLeft, top: sc.scrollTop };
  s.api.emit('scroll', detail);
  const upper = num(attr(attrs, 'upper-threshold'), 50);
  const lower = num(attr(attrs, 'lower-threshold'), 50);
  const edges = [];
  if (bool(attr(attrs, 'scroll-y'))) {
    edges.push(['top', sc.scrollTop <= upper, 'scrolltoupper', 'top']);
    edges.push(['bottom', sc.scrollTop + sc.clientHeight >= sc.scrollHeight - lower, 'scrolltolower', 'bottom']);
  }
  if (bool(attr(attrs, 'scroll-x'))) {
    edges.push(['left', sc.scrollLeft <= upper, 'scrolltoupper', 'left']);
    edges.push(['right', sc.scrollLeft + sc.clientWidth >= sc.scrollWidth - lower, 'scrolltolower', 'right']);
  }
  for (const [key, inside, type, direction] of edges) {
    const moving =
      key === 'top'
        ? detail.deltaY > 0
        : key === 'bottom'
          ? detail.deltaY < 0
          : key === 'left'
            ? detail.deltaX > 0
            : detail.deltaX < 0;
    if (inside && !s.edges[key] && moving) s.api.emit(type, { direction });
    s.edges[key] = inside;
  }
}

// Pull-to-refresh: a refresher area above the content, shown while pulled or triggered.
function refresher(s, old) {
  const { attrs } = s;
  const enabled = bool(attr(attrs, 'refresher-enabled'));
  s.area.hidden = !enabled;
  if (!enabled) return;
  s.threshold = num(attr(attrs, 'refresher-threshold'), 45);
  s.area.style.background = text(attr(attrs, 'refresher-background'), '#fff');
  s.area.classList.toggle('mp-refresher-black', text(attr(attrs, 'refresher-default-style'), 'black') === 'black');
  s.area.classList.toggle('mp-refresher-none', text(attr(attrs, 'refresher-default-style')) === 'none');
  if (!old || changed(attrs, old, 'refresher-triggered')) {
    const on = bool(attr(attrs, 'refresher-triggered'));
    if (on && !s.refreshing) {
      s.refreshing = true;
      setPull(s, s.threshold);
    } else if (!on && s.refreshing) {
      s.refreshing = false;
      setPull(s, 0);
      s.api.emit('refresherrestore', {});
    }
  }
}

function setPull(s, dy) {
  s.area.style.height = `${Math.max(0, dy)}px`;
}

function pull(s) {
  let startY = null;
  const { scroller } = s;
  const down = (e) => {
    if (s.area.hidden || s.refreshing || scroller.scrollTop > 0) return;
    startY = point(e).y;
  };
  const move = (e) => {
    if (startY === null) return;
    const dy = point(e).y - startY;
    if (dy <= 0) return;
    setPull(s, Math.min(dy / 2, s.threshold * 2));
    s.pulled = dy / 2;
    s.api.emit('refresherpulling', { dy: dy / 2 });
  };
  const up = () => {
    if (startY === null) return;
    startY = null;
    if ((s.pulled || 0) >= s.threshold) {
      s.refreshing = true;
      setPull(s, s.threshold);
      s.api.emit('refresherrefresh', {});
    } else {
      setPull(s, 0);
      if (s.pulled) s.api.emit('refresherabort', {});
    }
    s.pulled = 0;
  };
  scroller.addEventListener('touchstart', down, { passive: true });
  scroller.addEventListener('touchmove', move, { passive: true });
  scroller.addEventListener('touchend', up);
  scroller.addEventListener('mousedown', down);
  const doc = scroller.ownerDocument;
  doc.addEventListener('mousemove', move);
  doc.addEventListener('mouseup', up);
  s.stop = () => {
    doc.removeEventListener('mousemove', move);
    doc.removeEventListener('mouseup', up);
  };
}

export const scrollView = {
  create(el, attrs, api) {
    const scroller = node(el, 'div', 'wx-scroll-view');
    const area = node(scroller, 'div', 'wx-scroll-view-refresher');
    node(area, 'div', 'mp-refresher-dots');
    const content = node(scroller, 'div', 'wx-scroll-view-content');
    const s = views.set(el, { attrs, api, scroller, area, content, last: { left: 0, top: 0 }, edges: {} });
    scroller.addEventListener('scroll', () => onScroll(s), { passive: true });
    pull(s);
    layout(el, s, null);
    return { content };
  },
  update(el, attrs, old, api) {
    const s = views.get(el);
    Object.assign(s, { attrs, api });
    layout(el, s, old);
  },
  destroy(el) {
    const s = views.get(el);
    if (s) s.stop();
    views.delete(el);
  },
};
