// miniport runtime: the registry of WeChat's built-in components, called by the DOM patcher.
// The common ones load with the runtime; the larger, rarer ones (picker, swiper, scroll-view,
// slider/progress, rich-text) load on first use, so an app that never shows them never fetches them.
import { checkbox, checkboxGroup, radio, radioGroup, switchBuiltin } from './choice.js';
import { input, textarea } from './fields.js';
import { button, form, label, navigator, view } from './form.js';
import { audio, camera, canvas, icon, image, livePlayer, livePusher, video, webView } from './media.js';
import { textBuiltin } from './text.js';

export { applyHover, removeHover } from './hover.js';

const BUILTINS = {
  view,
  button,
  navigator,
  form,
  label,
  image,
  icon,
  input,
  textarea,
  checkbox,
  radio,
  switch: switchBuiltin,
  'checkbox-group': checkboxGroup,
  'radio-group': radioGroup,
  text: textBuiltin,
  video,
  audio,
  canvas,
  camera,
  'live-player': livePlayer,
  'live-pusher': livePusher,
  'web-view': webView,
};

// Each lazy module, and the built-ins (tag → export name) it brings.
const LAZY = [
  [
    () => import('./picker.js'),
    { picker: 'picker', 'picker-view': 'pickerView', 'picker-view-column': 'pickerViewColumn' },
  ],
  [() => import('./swiper.js'), { swiper: 'swiper', 'swiper-item': 'swiperItem' }],
  [() => import('./scroll.js'), { 'scroll-view': 'scrollView' }],
  [() => import('./range.js'), { slider: 'slider', progress: 'progress' }],
  [() => import('./richtext.js'), { 'rich-text': 'richText' }],
  [() => import('./movable.js'), { 'movable-area': 'movableArea', 'movable-view': 'movableView' }],
  [() => import('./cover.js'), { 'cover-view': 'coverView', 'cover-image': 'coverImage' }],
  [
    () => import('./page.js'),
    {
      'page-meta': 'pageMeta',
      'navigation-bar': 'navigationBar',
      'page-container': 'pageContainer',
      'root-portal': 'rootPortal',
      'match-media': 'matchMedia',
      'keyboard-accessory': 'keyboardAccessory',
    },
  ],
  [() => import('./opendata.js'), { 'open-data': 'openData' }],
  [() => import('./editor.js'), { editor: 'editor' }],
  [() => import('./map.js'), { map: 'map' }],
  [
    () => import('./skyline.js'),
    {
      'grid-view': 'gridView',
      'list-view': 'listView',
      'sticky-header': 'stickyHeader',
      'sticky-section': 'plain',
      'share-element': 'plain',
      snapshot: 'plain',
      'draggable-sheet': 'plain',
      'nested-scroll-header': 'plain',
      'nested-scroll-body': 'plain',
      'open-container': 'plain',
      'tap-gesture-handler': 'tapGesture',
      'double-tap-gesture-handler': 'doubleTapGesture',
      'long-press-gesture-handler': 'longPressGesture',
      'pan-gesture-handler': 'panGesture',
      'horizontal-drag-gesture-handler': 'horizontalDragGesture',
      'vertical-drag-gesture-handler': 'verticalDragGesture',
      'scale-gesture-handler': 'scaleGesture',
      'force-press-gesture-handler': 'forcePressGesture',
    },
  ],
  [
    () => import('./legacy.js'),
    {
      toast: 'toast',
      loading: 'loading',
      modal: 'modal',
      'action-sheet': 'actionSheet',
      'contact-button': 'contactButton',
    },
  ],
];
const loading = new Map();

function load(entry) {
  if (!loading.has(entry)) {
    loading.set(
      entry,
      entry[0]().then((mod) => {
        for (const [tag, name] of Object.entries(entry[1])) BUILTINS[tag] = mod[name];
      }),
    );
  }
  return loading.get(entry);
}

/**
 * The built-in for `tag` (without `wx-`), or undefined: `{ create(el, attrs, api) → { content }
 * | undefined, update(el, attrs, oldAttrs, api), destroy(el, api) }`. `content: null` means the
 * built-in owns every child of `el` (author children are not placed).
 * @param {string} tag
 * @returns {MpBuiltin | undefined}
 */
export function builtin(tag) {
  return Object.prototype.hasOwnProperty.call(BUILTINS, tag) ? BUILTINS[tag] : undefined;
}

/**
 * A promise for a built-in that is not loaded yet (it starts loading), or null.
 * @param {string} tag
 * @returns {Promise<any> | null}
 */
export function pendingBuiltin(tag) {
  if (builtin(tag)) return null;
  const entry = LAZY.find(([, tags]) => Object.prototype.hasOwnProperty.call(tags, tag));
  return entry ? load(entry) : null;
}

/**
 * Loads the lazy built-ins among `tags` (all of them when omitted).
 * @param {Iterable<string>} [tags]
 * @returns {Promise<any[]>}
 */
export function loadBuiltins(tags) {
  const wanted = tags
    ? LAZY.filter(([, t]) => [...tags].some((tag) => Object.prototype.hasOwnProperty.call(t, tag)))
    : LAZY;
  return Promise.all(wanted.map(load));
}
