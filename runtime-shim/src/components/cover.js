// miniport runtime: <cover-view> (a view drawn above everything, with scroll-top) and <cover-image>.
import { attr, changed, length, node, states, text } from './util.js';

const images = states();

function scrollTop(el, attrs) {
  const top = length(attr(attrs, 'scroll-top'));
  if (top === undefined) return;
  // `calc(n * var(--miniport-rpx))` resolves through a probe; a px length reads directly.
  const probe = node(el, 'div');
  probe.style.cssText = `position:absolute;visibility:hidden;height:${top}`;
  const px = probe.offsetHeight;
  probe.remove();
  el.scrollTop = px;
}

/** The author's children stay its own children, so queries see them as WeChat's do. */
export const coverView = {
  create(el, attrs) {
    queueMicrotask(() => scrollTop(el, attrs));
    return undefined;
  },
  update(el, attrs, old) {
    if (changed(attrs, old, 'scroll-top')) scrollTop(el, attrs);
  },
  destroy() {},
};

function source(img, attrs, api) {
  const src = text(attr(attrs, 'src')).trim();
  if (src) img.src = api && api.resolveUrl ? api.resolveUrl(src) : src;
  else img.removeAttribute('src');
}

export const coverImage = {
  create(el, attrs, api) {
    const img = images.set(el, node(el, 'img'));
    img.alt = '';
    img.addEventListener('load', () => api.emit('load', { width: img.naturalWidth, height: img.naturalHeight }));
    img.addEventListener('error', () => api.emit('error', { errMsg: `GET ${img.src} 404 (Not Found)` }));
    source(img, attrs, api);
    return { content: null };
  },
  update(el, attrs, old, api) {
    if (changed(attrs, old, 'src')) source(images.get(el), attrs, api);
  },
  destroy(el) {
    images.delete(el);
  },
};
