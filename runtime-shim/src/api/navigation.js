// miniport runtime: wx.* for the navigation bar, the tab bar, pull-down refresh and page scrolling, on the router.
import { api, failure, paramError } from './callback.js';

function index(options) {
  if (typeof options.index !== 'number') throw failure(paramError('index', 'Number', options.index));
  return options.index;
}

function string(options, field) {
  if (typeof options[field] !== 'string') throw failure(paramError(field, 'String', options[field]));
  return options[field];
}

/** The interface APIs of `router` (router/router.js), as `wx` carries them. */
export function navigationApis(router) {
  const bar = router.navigationBar;
  const tab = router.tabBar;
  const done = () => undefined;
  return {
    setNavigationBarTitle: api('setNavigationBarTitle', (o) => done(bar.setTitle(string(o, 'title')))),
    setNavigationBarColor: api('setNavigationBarColor', (o) => done(bar.setColor({
      frontColor: string(o, 'frontColor'), backgroundColor: string(o, 'backgroundColor'),
    }))),
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
