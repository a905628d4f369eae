// miniport runtime: the <text> built-in (selectable, space).
import { attr, bool, text } from './util.js';

/** `<text>`: selectable and space are shown through attributes the stylesheet reads. */
function textAttrs(el, attrs) {
  el.toggleAttribute('mp-selectable', bool(attr(attrs, 'user-select')) || bool(attr(attrs, 'selectable')));
  const space = text(attr(attrs, 'space'));
  if (['ensp', 'emsp', 'nbsp'].includes(space)) el.setAttribute('mp-space', space);
  else el.removeAttribute('mp-space');
}

export const textBuiltin = { create: textAttrs, update: textAttrs, destroy() {} };
