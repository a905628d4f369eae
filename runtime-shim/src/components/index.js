// miniport runtime: the registry of WeChat's built-in components, called by the DOM patcher.
import { checkbox, checkboxGroup, radio, radioGroup, switchBuiltin } from './choice.js';
import { input, textarea } from './fields.js';
import { button, form, label, navigator, view } from './form.js';
import { audio, camera, canvas, icon, image, livePlayer, livePusher, map, video, webView } from './media.js';
import { picker, pickerView, pickerViewColumn } from './picker.js';
import { progress, slider } from './range.js';
import { richText, textBuiltin } from './richtext.js';
import { scrollView } from './scroll.js';
import { swiper, swiperItem } from './swiper.js';

export { applyHover, removeHover } from './hover.js';
export { sanitize } from './richtext.js';

const BUILTINS = {
  view, button, navigator, form, label, image, icon, input, textarea, checkbox, radio, switch: switchBuiltin,
  'checkbox-group': checkboxGroup, 'radio-group': radioGroup, slider, progress, 'scroll-view': scrollView,
  swiper, 'swiper-item': swiperItem, picker, 'picker-view': pickerView, 'picker-view-column': pickerViewColumn,
  'rich-text': richText, text: textBuiltin, video, audio, canvas, map, camera, 'live-player': livePlayer,
  'live-pusher': livePusher, 'web-view': webView,
};

/**
 * The built-in for `tag` (without `wx-`), or undefined: `{ create(el, attrs, api) → { content }
 * | undefined, update(el, attrs, oldAttrs, api), destroy(el, api) }`. `content: null` means the
 * built-in owns every child of `el` (author children are not placed).
 */
export function builtin(tag) {
  return Object.prototype.hasOwnProperty.call(BUILTINS, tag) ? BUILTINS[tag] : undefined;
}
