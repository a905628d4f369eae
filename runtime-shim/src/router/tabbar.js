// miniport runtime: the tabBar — items with icons and selected icons, colours, border style, badges and red dots, top
// position, show/hide.
import { failure } from '../core/callback.js';

const route = (path) =>
  String(path || '')
    .replace(/^\//, '')
    .replace(/\.html$/, '');

function element(doc, tag, cls) {
  const el = doc.createElement(tag);
  if (cls) el.className = cls;
  return el;
}

/**
 * Builds the tab bar described by `config.tabBar` into `parent` (none is drawn for a custom
 * tab bar, whose list still says which pages are tabs). `theme(value)` resolves `@name`
 * values, `resolve(path)` turns an icon path into a URL, `onTap(index)` runs on a tap.
 * @param {Document} doc
 * @param {Element} parent
 * @param {{
 *   config: MpAppConfig, theme: (value: any) => any, resolve: (path: string) => string, onTap: (index: number) => void,
 * }} hooks
 */
export function createTabBar(doc, parent, { config, theme, resolve, onTap }) {
  const cfg = config.tabBar && Array.isArray(config.tabBar.list) ? config.tabBar : null;
  const items = (cfg ? cfg.list : []).map((t) => ({
    route: route(t.pagePath),
    text: t.text || '',
    iconPath: t.iconPath || '',
    selectedIconPath: t.selectedIconPath || '',
    badge: null,
    dot: false,
  }));
  const style = cfg
    ? {
        color: cfg.color,
        selectedColor: cfg.selectedColor,
        backgroundColor: cfg.backgroundColor,
        borderStyle: cfg.borderStyle || 'black',
      }
    : {};
  const top = Boolean(cfg && cfg.position === 'top');
  const native = Boolean(cfg && !cfg.custom && items.length);
  let selected = -1;
  let hidden = false;
  let bar = null;
  const views = [];

  if (native) {
    bar = element(doc, 'nav', 'miniport-tabbar');
    bar.dataset.position = top ? 'top' : 'bottom';
    bar.setAttribute('role', 'tablist');
    bar.hidden = true;
    items.forEach((item, index) => {
      const button = element(doc, 'div', 'miniport-tabbar-item');
      button.setAttribute('role', 'tab');
      const iconBox = element(doc, 'div', 'miniport-tabbar-icon');
      const icon = element(doc, 'img');
      icon.alt = '';
      const badge = element(doc, 'span', 'miniport-tabbar-badge');
      const dot = element(doc, 'span', 'miniport-tabbar-dot');
      const label = element(doc, 'span', 'miniport-tabbar-label');
      iconBox.append(icon, badge, dot);
      button.append(iconBox, label);
      button.addEventListener('click', () => onTap(index));
      bar.appendChild(button);
      views.push({ button, iconBox, icon, badge, dot, label });
    });
    parent.appendChild(bar);
  }

  function paint() {
    if (!bar) return;
    bar.style.backgroundColor = theme(style.backgroundColor) || '';
    const border = theme(style.borderStyle);
    bar.dataset.borderStyle = border === 'white' ? 'white' : 'black';
    items.forEach((item, i) => {
      const v = views[i];
      const on = i === selected;
      v.button.setAttribute('aria-selected', String(on));
      v.button.style.color = theme(on ? style.selectedColor : style.color) || '';
      const src = on && item.selectedIconPath ? item.selectedIconPath : item.iconPath;
      v.iconBox.hidden = top || !src;
      // Icons load once the bar shows, so the first tab's plain icon is not fetched just before its selected one.
      const url = src && !top && !bar.hidden ? resolve(theme(src)) : null;
      if (url && v.icon.getAttribute('src') !== url) v.icon.setAttribute('src', url);
      v.label.textContent = item.text;
      v.badge.hidden = item.badge === null;
      v.badge.textContent = item.badge === null ? '' : item.badge;
      v.dot.hidden = !item.dot || item.badge !== null;
    });
  }

  function at(index) {
    const i = Number(index);
    if (!Number.isInteger(i) || i < 0 || i >= items.length) throw failure('tabbar item not found');
    return items[i];
  }

  function change(fn) {
    fn();
    paint();
  }

  paint();
  return {
    element: bar,
    top,
    custom: Boolean(cfg && cfg.custom),
    items,
    indexOf: (r) => items.findIndex((item) => item.route === r),
    isTab: (r) => items.some((item) => item.route === r),
    /** Marks the tab of `r` selected; the bar shows only on tab pages (and unless hidden). */
    select(r) {
      selected = items.findIndex((item) => item.route === r);
      if (bar) bar.hidden = hidden || selected < 0;
      paint();
    },
    get hidden() {
      return hidden;
    },
    // A badge longer than 4 characters shows as '...', as WeChat draws it.
    setBadge: (i, text) =>
      change(() => {
        const s = String(text ?? '');
        at(i).badge = s.length > 4 ? '...' : s;
      }),
    removeBadge: (i) =>
      change(() => {
        at(i).badge = null;
      }),
    showRedDot: (i) =>
      change(() => {
        at(i).dot = true;
      }),
    hideRedDot: (i) =>
      change(() => {
        at(i).dot = false;
      }),
    show() {
      hidden = false;
      if (bar) bar.hidden = selected < 0;
      paint();
    },
    hide() {
      hidden = true;
      if (bar) bar.hidden = true;
    },
    setItem: (i, opts = {}) =>
      change(() => {
        const item = at(i);
        for (const key of ['text', 'iconPath', 'selectedIconPath'])
          if (opts[key] !== undefined) item[key] = String(opts[key]);
      }),
    setStyle: (opts = {}) =>
      change(() => {
        for (const key of ['color', 'selectedColor', 'backgroundColor', 'borderStyle'])
          if (opts[key] !== undefined) style[key] = opts[key];
      }),
  };
}
