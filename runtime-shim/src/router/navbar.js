// miniport runtime: the navigation bar (title, colours, loading indicator, back arrow) and `@name` theme values.
import { colorSchemeOf } from '../telegram/bridge.js';

/**
 * 'dark' or 'light': Telegram's colour scheme inside Telegram, else prefers-color-scheme; light unless the app enables
 * darkmode.
 * @param {MpAppConfig} config
 * @param {MpBridge | null | undefined} bridge
 * @param {MpWindow} win
 * @returns {'dark' | 'light'}
 */
export function colorScheme(config, bridge, win) {
  if (!config.darkmode || !config.theme) return 'light';
  if (bridge && bridge.inTelegram && bridge.themeParams && bridge.themeParams.bg_color) {
    return colorSchemeOf(bridge.themeParams.bg_color);
  }
  try {
    return win.matchMedia && win.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  } catch {
    return 'light';
  }
}

/**
 * Resolves a `@name` value against the theme of `scheme` (values without `@` pass through).
 * @param {MpAppConfig} config
 * @param {string} scheme 'dark' or 'light'
 * @param {any} value
 * @returns {any}
 */
export function themed(config, scheme, value) {
  if (typeof value !== 'string' || !value.startsWith('@')) return value;
  const theme = config.theme || {};
  const table = theme[scheme] || theme.light || {};
  return table[value.slice(1)] ?? undefined;
}

/** WeChat's window defaults for what the bar shows. */
const DEFAULTS = {
  navigationBarBackgroundColor: '#000000',
  navigationBarTextStyle: 'white',
  navigationBarTitleText: '',
};

function element(doc, tag, cls) {
  const el = doc.createElement(tag);
  el.className = cls;
  return el;
}

/**
 * Builds the bar into `parent`. `theme(value)` resolves `@name` values, `onBack()` runs when
 * the back arrow is tapped, `onColor(bg)` learns the background colour (Telegram's header).
 * @param {Document} doc
 * @param {Element} parent
 * @param {{ theme: (value: any) => any, onBack: () => void, onColor?: (bg: string) => void }} hooks
 */
export function createNavbar(doc, parent, { theme, onBack, onColor }) {
  const bar = element(doc, 'header', 'miniport-navbar');
  const back = element(doc, 'button', 'miniport-navbar-back');
  back.type = 'button';
  back.setAttribute('aria-label', 'Back');
  back.hidden = true;
  back.addEventListener('click', () => onBack());
  const loading = element(doc, 'span', 'miniport-navbar-loading');
  loading.hidden = true;
  const title = element(doc, 'span', 'miniport-navbar-title');
  bar.append(back, loading, title);
  parent.appendChild(bar);

  let state = { title: '', front: '#ffffff', background: '#000000' };

  function paint() {
    title.textContent = state.title;
    bar.style.backgroundColor = state.background || '';
    bar.style.color = state.front;
    if (state.title) doc.title = state.title;
    onColor(state.background);
  }

  return {
    element: bar,
    /** Shows the bar as the page's `window` config says. */
    apply(win) {
      const w = Object.assign({}, DEFAULTS, win);
      bar.hidden = w.navigationStyle === 'custom';
      const style = theme(w.navigationBarTextStyle);
      state = {
        title: String(w.navigationBarTitleText ?? ''),
        // Only `white` draws a white title: WeChat draws any other value (`#1AAD16`) in black.
        front: style === 'white' ? '#ffffff' : '#000000',
        background: theme(w.navigationBarBackgroundColor) || DEFAULTS.navigationBarBackgroundColor,
      };
      loading.hidden = true;
      paint();
    },
    setBack(visible) {
      back.hidden = !visible;
    },
    setTitle(text) {
      state.title = String(text ?? '');
      paint();
    },
    /**
     * `frontColor` '#ffffff' or '#000000', `backgroundColor` any colour; animation is ignored.
     * @param {{ frontColor?: string, backgroundColor?: string }} [colors]
     */
    setColor({ frontColor, backgroundColor } = {}) {
      if (frontColor !== undefined) state.front = frontColor;
      if (backgroundColor !== undefined) state.background = backgroundColor;
      paint();
    },
    showLoading() {
      loading.hidden = false;
    },
    hideLoading() {
      loading.hidden = true;
    },
    get title() {
      return state.title;
    },
    get colors() {
      return { frontColor: state.front, backgroundColor: state.background };
    },
  };
}
