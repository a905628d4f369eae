// miniport runtime: wx.* for the navigation bar, the tab bar, the window background, pull-down refresh and page
// scrolling, on the router.
import { api, failure, paramError } from '../../core/callback.js';
import { bridge } from '../../telegram/bridge.js';

function index(options) {
  if (typeof options.index !== 'number') throw failure(paramError('index', 'Number', options.index));
  return options.index;
}

function string(options, field) {
  if (typeof options[field] !== 'string') throw failure(paramError(field, 'String', options[field]));
  return options[field];
}

/**
 * wx.setBackgroundColor: `backgroundColor` is the window's colour (the page's background, and
 * Telegram's background colour from Bot API 6.1); `backgroundColorTop`/`Bottom`, the colours
 * seen when the page is pulled past its top or bottom, colour the document's top and bottom halves.
 */
function setBackground(o, tg, doc) {
  for (const k of ['backgroundColor', 'backgroundColorTop', 'backgroundColorBottom']) {
    if (o[k] !== undefined && typeof o[k] !== 'string') throw failure(paramError(k, 'String', o[k]));
  }
  const { backgroundColor: bg, backgroundColorTop: top, backgroundColorBottom: bottom } = o;
  if (bg && /^#[0-9a-f]{6}$/i.test(bg) && tg) tg.post('web_app_set_background_color', { color: bg });
  const app = doc && doc.querySelector('.miniport-app');
  if (bg && app) app.style.backgroundColor = bg;
  if ((top || bottom) && doc)
    doc.documentElement.style.background = `linear-gradient(${top || bottom} 50%, ${bottom || top} 50%)`;
}

/**
 * The interface APIs of `router` (router/router.js), as `wx` carries them; `tg` is the Telegram bridge (the page's by
 * default).
 * @param {any} router the router of router/router.js
 * @param {MpBridge | null} [tg]
 * @returns {MpApiTable}
 */
export function navigationApis(router, tg = null) {
  const bar = router.navigationBar;
  const tab = router.tabBar;
  /** @type {(result?: any) => undefined} */
  const done = () => undefined;
  return {
    setNavigationBarTitle: api('setNavigationBarTitle', (o) => done(bar.setTitle(string(o, 'title')))),
    setNavigationBarColor: api('setNavigationBarColor', (o) =>
      done(
        bar.setColor({
          frontColor: string(o, 'frontColor'),
          backgroundColor: string(o, 'backgroundColor'),
        }),
      ),
    ),
    setBackgroundColor: api('setBackgroundColor', (o) => setBackground(o, tg || bridge(), globalThis.document)),
    showNavigationBarLoading: api('showNavigationBarLoading', () => done(bar.showLoading())),
    hideNavigationBarLoading: api('hideNavigationBarLoading', () => done(bar.hideLoading())),

    setTabBarBadge: api('setTabBarBadge', (o) => done(tab.setBadge(index(o), string(o, 'text')))),
    removeTabBarBadge: api('removeTabBarBadge', (o) => done(tab.removeBadge(index(o)))),
    showTabBarRedDot: api('showTabBarRedDot', (o) => done(tab.showRedDot(index(o)))),
    hideTabBarRedDot: api('hideTabBarRedDot', (o) => done(tab.hideRedDot(index(o)))),
    showTabBar: api('showTabBar', () => done(tab.show())),
    hideTabBar: api('hideTabBar', () => done(tab.hide())),
    setTabBarItem: api('setTabBarItem', (o) => done(tab.setItem(index(o), o))),
    setTabBarStyle: api('setTabBarStyle', (o) => done(tab.setStyle(o))),

    startPullDownRefresh: api('startPullDownRefresh', () => done(router.startPullDownRefresh())),
    stopPullDownRefresh: api('stopPullDownRefresh', () => done(router.stopPullDownRefresh())),
    pageScrollTo: api('pageScrollTo', (o) => done(router.pageScrollTo(o))),
  };
}
