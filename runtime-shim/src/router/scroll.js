// miniport runtime: the page scroll (the window's scrolling box) for the current page — onPageScroll,
// onReachBottom, pull-down refresh, pageScrollTo, each page's saved position.

const REFRESH_HEIGHT = 50;
const MAX_PULL = 80;

/**
 * Wires the scroll and touch events of `scroller` (the window's scrolling box, which holds the pages:
 * core/viewport.js) to the current page. `current()` gives `{ handle, window }` of the page on screen
 * (or null). The refresh area (WeChat's three dots) goes first in `scroller`.
 * @param {{
 *   doc: Document, scroller: HTMLElement,
 *   current: () => ({ handle: any, window: Record<string, any> } | null),
 * }} parts
 */
export function createScroll({ doc, scroller, current }) {
  const parent = scroller;
  const area = doc.createElement('div');
  area.className = 'miniport-refresh';
  area.setAttribute('mp-internal', '');
  for (let i = 0; i < 3; i++) area.appendChild(doc.createElement('i'));
  area.style.height = '0px';
  parent.insertBefore(area, parent.firstChild);

  const saved = new WeakMap();
  let refreshing = false;
  let pull = null;
  let bottomFired = false;

  const scrollTop = () => scroller.scrollTop || 0;
  function scrollTo(top, smooth) {
    try {
      if (typeof scroller.scrollTo === 'function') scroller.scrollTo({ top, behavior: smooth ? 'smooth' : 'auto' });
      else scroller.scrollTop = top;
    } catch {
      scroller.scrollTop = top; // environments without ScrollToOptions
    }
  }

  function setHeight(px, style) {
    area.style.height = `${px}px`;
    const cur = current();
    const w = (cur && cur.window) || {};
    area.dataset.style = style || w.backgroundTextStyle || 'dark';
    area.style.backgroundColor = w.backgroundColor || '';
  }

  function open() {
    refreshing = true;
    area.classList.add('miniport-refresh-active');
    setHeight(REFRESH_HEIGHT);
    const cur = current();
    if (cur) cur.handle.hook('onPullDownRefresh');
  }

  function close() {
    refreshing = false;
    pull = null;
    area.classList.remove('miniport-refresh-active');
    setHeight(0);
  }

  function onScroll() {
    const cur = current();
    if (!cur) return;
    const top = scrollTop();
    cur.handle.hook('onPageScroll', { scrollTop: top });
    const distance = Number(cur.window.onReachBottomDistance ?? 50);
    const gap = scroller.scrollHeight - (top + scroller.clientHeight);
    if (gap <= distance) {
      if (!bottomFired) {
        bottomFired = true;
        cur.handle.hook('onReachBottom');
      }
    } else bottomFired = false;
  }

  const y = (e) => (e.touches && e.touches[0] ? e.touches[0].clientY : 0);
  function onTouchStart(e) {
    const cur = current();
    if (!cur || !cur.window.enablePullDownRefresh || refreshing || scrollTop() > 0) return;
    pull = { start: y(e), height: 0 };
  }
  function onTouchMove(e) {
    if (!pull) return;
    const dy = y(e) - pull.start;
    if (dy <= 0 || scrollTop() > 0) {
      pull.height = 0;
      setHeight(0);
      return;
    }
    if (e.cancelable) e.preventDefault();
    pull.height = Math.min(dy / 2, MAX_PULL);
    setHeight(pull.height);
  }
  function onTouchEnd() {
    if (!pull) return;
    const enough = pull.height >= REFRESH_HEIGHT;
    pull = null;
    if (enough) open();
    else close();
  }

  scroller.addEventListener('scroll', onScroll, { passive: true });
  scroller.addEventListener('touchstart', onTouchStart, { passive: true });
  scroller.addEventListener('touchmove', onTouchMove, { passive: false });
  scroller.addEventListener('touchend', onTouchEnd);
  scroller.addEventListener('touchcancel', onTouchEnd);

  return {
    area,
    get refreshing() {
      return refreshing;
    },
    /** What wx.startPullDownRefresh does: scrolls to the top, shows the dots, calls onPullDownRefresh. */
    start() {
      if (refreshing) return;
      scrollTo(0, false);
      open();
    },
    stop: close,
    /** Remembers the position of the page being hidden. */
    save(handle) {
      saved.set(handle, scrollTop());
    },
    /** Puts a page back where it was (a new page at the top); clears pull state and the bottom flag. */
    restore(handle) {
      if (refreshing || pull) close();
      bottomFired = false;
      scrollTo(saved.get(handle) || 0, false);
    },
    /**
     * wx.pageScrollTo: `scrollTop`, or `selector` (in the current page) plus `offsetTop`; `duration` 0 jumps.
     * @param {{ scrollTop?: number, selector?: string, offsetTop?: number, duration?: number }} [options]
     */
    scrollTo({ scrollTop: to, selector, offsetTop = 0, duration = 300 } = {}) {
      let top = Number(to);
      if (selector) {
        const cur = current();
        let el = null;
        try {
          el = cur ? cur.handle.element.querySelector(selector) : null;
        } catch {
          el = null;
        }
        if (!el) return;
        // The selected node's offset in the page scroll: the window's top is the page's top edge on screen.
        top =
          el.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scrollTop() + Number(offsetTop || 0);
      }
      if (!Number.isFinite(top)) return;
      scrollTo(Math.max(0, top), Number(duration) > 0);
    },
  };
}
