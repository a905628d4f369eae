// The router's bars and page events in jsdom: Telegram's BackButton (through the mock client),
// the navigation bar and theme values, the tab bar and the custom tab bar, pull-down refresh,
// page scroll and reach-bottom, saved scroll positions, and the navigateTo event channel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, appConfig } from './router-fake.mjs';
import { installTelegramMock } from '../src/telegram/mock.js';
import { createBridge } from '../src/telegram/bridge.js';
import { EventChannel } from '../src/router/event-channel.js';

function telegram() {
  let mock = null;
  const bridge = (w) => {
    mock = installTelegramMock(w);
    return createBridge(w);
  };
  return {
    bridge,
    get mock() {
      return mock;
    },
  };
}

const backEvents = (mock) =>
  mock.events.filter((e) => e.name === 'web_app_setup_back_button').map((e) => e.data.is_visible);

test(
  'in Telegram the BackButton shows when the stack is deeper than one, and back_button_pressed ' + 'goes back',
  async () => {
    const tg = telegram();
    const env = setup({ bridge: tg.bridge });
    await env.router.start();
    assert.deepEqual(backEvents(tg.mock), [false]);
    await env.router.navigateTo('/pages/detail/detail');
    assert.deepEqual(backEvents(tg.mock), [false, true]);
    await env.router.navigateTo('/pages/list/list');
    assert.deepEqual(backEvents(tg.mock), [false, true], 'sent only when it changes');
    assert.equal(env.doc.querySelector('.miniport-navbar-back').hidden, true, 'no arrow of our own in Telegram');
    env.take();
    tg.mock.emit('back_button_pressed');
    await new Promise((r) => setTimeout(r, 0));
    await env.router.idle();
    assert.deepEqual(env.take(), ['pages/list/list.onUnload', 'pages/detail/detail.onShow']);
    tg.mock.emit('back_button_pressed');
    await new Promise((r) => setTimeout(r, 0));
    await env.router.idle();
    assert.deepEqual(
      env.router.stack().map((h) => h.route),
      ['pages/index/index'],
    );
    assert.deepEqual(backEvents(tg.mock), [false, true, false]);
  },
);

test('in Telegram the header colour follows the navigation bar background', async () => {
  const tg = telegram();
  const env = setup({ bridge: tg.bridge });
  await env.router.start();
  await env.router.navigateTo('/pages/detail/detail');
  await env.router.navigateBack();
  const colors = tg.mock.events.filter((e) => e.name === 'web_app_set_header_color').map((e) => e.data.color);
  assert.deepEqual(colors, ['#07c160', '#ffffff', '#07c160']);
});

test('outside Telegram a back arrow in the navigation bar goes back', async () => {
  const env = setup();
  await env.router.start();
  const back = env.doc.querySelector('.miniport-navbar-back');
  assert.equal(back.hidden, true);
  await env.router.navigateTo('/pages/detail/detail');
  assert.equal(back.hidden, false);
  env.take();
  back.click();
  await new Promise((r) => setTimeout(r, 0));
  await env.router.idle();
  assert.deepEqual(env.take(), ['pages/detail/detail.onUnload', 'pages/index/index.onShow']);
  assert.equal(back.hidden, true);
});

test("the navigation bar shows the page window's title and colours; navigationStyle custom hides it", async () => {
  const env = setup();
  await env.router.start();
  const bar = env.doc.querySelector('.miniport-navbar');
  assert.equal(bar.querySelector('.miniport-navbar-title').textContent, 'Home');
  assert.equal(env.doc.title, 'Home');
  assert.equal(bar.style.backgroundColor, 'rgb(7, 193, 96)');
  assert.equal(bar.style.color, 'rgb(255, 255, 255)');
  await env.router.navigateTo('/pages/detail/detail');
  assert.equal(bar.style.backgroundColor, 'rgb(255, 255, 255)');
  assert.equal(bar.style.color, 'rgb(0, 0, 0)');
  await env.router.navigateTo('/pages/custom/custom');
  assert.equal(bar.hidden, true);
  await env.router.navigateBack();
  assert.equal(bar.hidden, false);
});

test('setNavigationBarTitle/Color belong to the page: they come back with it after navigateBack', async () => {
  const env = setup();
  await env.router.start();
  env.router.navigationBar.setTitle('Changed');
  env.router.navigationBar.setColor({ frontColor: '#000000', backgroundColor: '#ff0000' });
  env.router.navigationBar.showLoading();
  const bar = env.doc.querySelector('.miniport-navbar');
  assert.equal(bar.querySelector('.miniport-navbar-loading').hidden, false);
  await env.router.navigateTo('/pages/detail/detail');
  assert.equal(bar.querySelector('.miniport-navbar-title').textContent, 'Product');
  assert.equal(bar.querySelector('.miniport-navbar-loading').hidden, true);
  await env.router.navigateBack();
  assert.equal(bar.querySelector('.miniport-navbar-title').textContent, 'Changed');
  assert.equal(bar.style.backgroundColor, 'rgb(255, 0, 0)');
  assert.equal(bar.style.color, 'rgb(0, 0, 0)');
  assert.throws(
    () => env.router.navigationBar.setColor({ frontColor: '#123456', backgroundColor: '#fff' }),
    /invalid frontColor/,
  );
});

test('a navigationBarTextStyle other than white or black draws a black title, as WeChat does', async () => {
  const config = appConfig();
  config.pages['pages/index/index'].window = { navigationBarTextStyle: '#1AAD16', navigationBarTitleText: 'T' };
  const env = setup({ config });
  await env.router.start();
  assert.equal(env.doc.querySelector('.miniport-navbar').style.color, 'rgb(0, 0, 0)');
});

test('@name values come from the theme: dark when the app enables darkmode and the scheme is dark', async () => {
  const config = appConfig({
    darkmode: true,
    theme: { light: { navBg: '#eeeeee', navText: 'black' }, dark: { navBg: '#111111', navText: 'white' } },
  });
  config.pages['pages/index/index'].window = {
    navigationBarBackgroundColor: '@navBg',
    navigationBarTextStyle: '@navText',
    navigationBarTitleText: 'T',
  };
  const dark = setup({
    config,
    before: (w) => {
      w.matchMedia = (q) => ({ matches: q.includes('dark') });
    },
  });
  await dark.router.start();
  const bar = dark.doc.querySelector('.miniport-navbar');
  assert.equal(bar.style.backgroundColor, 'rgb(17, 17, 17)');
  assert.equal(bar.style.color, 'rgb(255, 255, 255)');
  const light = setup({
    config,
    before: (w) => {
      w.matchMedia = () => ({ matches: false });
    },
  });
  await light.router.start();
  assert.equal(light.doc.querySelector('.miniport-navbar').style.backgroundColor, 'rgb(238, 238, 238)');
});

test('the tab bar: icons and selected icons, colours, shown on tab pages only', async () => {
  const srcs = [];
  const env = setup({
    before: (w) => {
      // Every icon address the tab bar sets, from its creation on (a MutationObserver sees them all).
      new w.MutationObserver((records) => {
        for (const r of records) srcs.push(r.target.getAttribute('src'));
      }).observe(w.document, { attributes: true, subtree: true, attributeFilter: ['src'] });
    },
  });
  await env.router.start();
  await new Promise((r) => setTimeout(r, 0));
  assert.ok(!srcs.some((s) => /home\.png$/.test(s)), `the first tab's plain icon is never asked for: ${srcs}`);
  const bar = env.doc.querySelector('.miniport-tabbar');
  const items = [...bar.querySelectorAll('.miniport-tabbar-item')];
  assert.deepEqual(
    items.map((i) => i.textContent),
    ['Home', 'Category', 'Me'],
  );
  assert.equal(items[0].querySelector('img').src, 'https://app.test/shop/images/home-on.png');
  assert.equal(items[1].querySelector('img').src, 'https://app.test/shop/images/cat.png');
  assert.equal(items[0].getAttribute('aria-selected'), 'true');
  assert.equal(items[0].style.color, 'rgb(7, 193, 96)');
  assert.equal(items[1].style.color, 'rgb(122, 126, 131)');
  assert.equal(bar.dataset.borderStyle, 'black');
  assert.equal(bar.hidden, false);
  await env.router.navigateTo('/pages/detail/detail');
  assert.equal(bar.hidden, true);
});

test("tapping a tab switches to its page, then calls that page's onTabItemTap", async () => {
  const env = setup();
  await env.router.start();
  env.take();
  env.doc.querySelectorAll('.miniport-tabbar-item')[2].click();
  await new Promise((r) => setTimeout(r, 0));
  await env.router.idle();
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(env.take(), [
    'pages/index/index.onHide',
    'pages/mine/mine.onLoad',
    'pages/mine/mine.onShow',
    'pages/mine/mine.onReady',
    'pages/mine/mine.onTabItemTap',
  ]);
  assert.equal(
    env.doc.querySelectorAll('.miniport-tabbar-item')[2].querySelector('img').src,
    'https://app.test/shop/images/me-on.png',
  );
  await env.router.tapTab(2);
  assert.deepEqual(env.take(), ['pages/mine/mine.onTabItemTap'], 'tapping the current tab only calls onTabItemTap');
});

test('tab bar badges, red dots, items, style, hide and show; on a non-tab page the APIs fail', async () => {
  const env = setup();
  await env.router.start();
  const tab = env.router.tabBar;
  const item = (i) => env.doc.querySelectorAll('.miniport-tabbar-item')[i];
  tab.setBadge(1, '3');
  assert.equal(item(1).querySelector('.miniport-tabbar-badge').hidden, false);
  assert.equal(item(1).querySelector('.miniport-tabbar-badge').textContent, '3');
  tab.setBadge(1, '12345');
  assert.equal(item(1).querySelector('.miniport-tabbar-badge').textContent, '...');
  tab.removeBadge(1);
  assert.equal(item(1).querySelector('.miniport-tabbar-badge').hidden, true);
  tab.showRedDot(2);
  assert.equal(item(2).querySelector('.miniport-tabbar-dot').hidden, false);
  tab.hideRedDot(2);
  assert.equal(item(2).querySelector('.miniport-tabbar-dot').hidden, true);
  tab.setItem(0, { text: 'Start', iconPath: 'images/x.png', selectedIconPath: 'images/x-on.png' });
  assert.equal(item(0).textContent, 'Start');
  assert.equal(item(0).querySelector('img').src, 'https://app.test/shop/images/x-on.png');
  tab.setStyle({ color: '#000000', selectedColor: '#ff0000', backgroundColor: '#222222', borderStyle: 'white' });
  const bar = env.doc.querySelector('.miniport-tabbar');
  assert.equal(bar.style.backgroundColor, 'rgb(34, 34, 34)');
  assert.equal(bar.dataset.borderStyle, 'white');
  assert.equal(item(0).style.color, 'rgb(255, 0, 0)');
  tab.hide();
  assert.equal(bar.hidden, true);
  await env.router.switchTab('/pages/category/category');
  assert.equal(bar.hidden, true, 'hidden stays hidden across tabs');
  tab.show();
  assert.equal(bar.hidden, false);
  assert.throws(() => tab.setBadge(7, '1'), /tabbar item not found/);
  await env.router.reLaunch('/pages/detail/detail');
  assert.throws(() => tab.setBadge(0, '1'), /not TabBar page/);
});

test('position top: the tab bar sits above the pages and shows no icons', async () => {
  const config = appConfig();
  config.tabBar.position = 'top';
  const env = setup({ config });
  await env.router.start();
  const bar = env.doc.querySelector('.miniport-tabbar');
  assert.equal(bar.dataset.position, 'top');
  assert.equal(bar.nextElementSibling.className, 'miniport-window');
  assert.equal(bar.nextElementSibling.firstElementChild.tagName, 'MAIN');
  assert.equal(bar.querySelector('.miniport-tabbar-icon').hidden, true);
});

test('a custom tab bar: custom-tab-bar/index is mounted for each tab page and getTabBar() returns it', async () => {
  const config = appConfig();
  config.tabBar.custom = true;
  config.components = {
    'custom-tab-bar/index': {
      css: 'custom-tab-bar/index.css',
      usingComponents: {},
      template: 'custom-tab-bar/index.wxml.js',
    },
  };
  let instance = null;
  const env = setup({
    config,
    handlers: {
      'pages/index/index': {
        onLoad: (q, opts, inst) => {
          instance = inst;
        },
      },
    },
  });
  await env.router.start();
  assert.equal(env.doc.querySelector('.miniport-tabbar'), null, 'no drawn tab bar');
  assert.deepEqual(env.pages.calls.mounted, [{ path: 'custom-tab-bar/index', tag: 'custom-tab-bar', props: {} }]);
  assert.deepEqual(instance.getTabBar(), { is: 'custom-tab-bar/index', data: {} });
  const holders = () => [...env.doc.querySelectorAll('.miniport-custom-tabbar')].map((h) => h.hidden);
  assert.deepEqual(holders(), [false]);
  await env.router.navigateTo('/pages/detail/detail');
  assert.deepEqual(holders(), [true]);
  await env.router.switchTab('/pages/mine/mine');
  assert.deepEqual(holders(), [true, false]);
  assert.equal(env.pages.calls.mounted.length, 2);
});

/** A touch event on the page scroll (the window's scrolling box). */
function touch(env, type, y) {
  const e = new env.win.Event(type, { cancelable: true, bubbles: true });
  Object.defineProperty(e, 'touches', { value: type === 'touchend' ? [] : [{ clientY: y }] });
  env.scroller.dispatchEvent(e);
  return e;
}

test(
  'pull-down refresh: a drag at the top opens the three-dot area and calls onPullDownRefresh; ' + 'stop closes it',
  async () => {
    const env = setup();
    await env.router.start();
    env.take();
    const area = env.doc.querySelector('.miniport-refresh');
    touch(env, 'touchstart', 100);
    const move = touch(env, 'touchmove', 260);
    assert.equal(move.defaultPrevented, true);
    assert.equal(area.style.height, '80px');
    touch(env, 'touchend');
    assert.deepEqual(env.take(), ['pages/index/index.onPullDownRefresh']);
    assert.equal(area.style.height, '50px');
    assert.ok(area.classList.contains('miniport-refresh-active'));
    assert.equal(area.dataset.style, 'dark');
    assert.equal(area.style.backgroundColor, 'rgb(245, 245, 245)');
    env.router.stopPullDownRefresh();
    assert.equal(area.style.height, '0px');
    touch(env, 'touchstart', 100);
    touch(env, 'touchmove', 140);
    touch(env, 'touchend');
    assert.deepEqual(env.take(), [], 'a short drag does not refresh');
  },
);

test('pull-down refresh needs enablePullDownRefresh; startPullDownRefresh triggers it anywhere', async () => {
  const env = setup();
  await env.router.start();
  await env.router.navigateTo('/pages/detail/detail');
  env.take();
  touch(env, 'touchstart', 100);
  touch(env, 'touchmove', 300);
  touch(env, 'touchend');
  assert.deepEqual(env.take(), []);
  env.setScroll(300);
  env.router.startPullDownRefresh();
  assert.deepEqual(env.take(), ['pages/detail/detail.onPullDownRefresh']);
  assert.equal(env.scroller.scrollTop, 0);
});

test('onPageScroll gets scrollTop; onReachBottom fires once on entering the bottom distance', async () => {
  const env = setup();
  await env.router.start();
  Object.defineProperty(env.scroller, 'scrollHeight', { value: 2000, configurable: true });
  Object.defineProperty(env.scroller, 'clientHeight', { value: 700, configurable: true });
  let seen = null;
  env.router.current().hook = (name, arg) => {
    env.log.push(name);
    if (name === 'onPageScroll') seen = arg;
  };
  env.take();
  env.setScroll(100);
  env.scroller.dispatchEvent(new env.win.Event('scroll'));
  assert.deepEqual(seen, { scrollTop: 100 });
  env.setScroll(1260);
  env.scroller.dispatchEvent(new env.win.Event('scroll'));
  env.setScroll(1280);
  env.scroller.dispatchEvent(new env.win.Event('scroll'));
  assert.deepEqual(env.take(), ['onPageScroll', 'onPageScroll', 'onReachBottom', 'onPageScroll']);
  env.setScroll(500);
  env.scroller.dispatchEvent(new env.win.Event('scroll'));
  env.setScroll(1300);
  env.scroller.dispatchEvent(new env.win.Event('scroll'));
  assert.deepEqual(env.take(), ['onPageScroll', 'onPageScroll', 'onReachBottom']);
});

test('each page keeps its scroll position while hidden; a new page starts at the top', async () => {
  const env = setup();
  await env.router.start();
  env.setScroll(420);
  await env.router.navigateTo('/pages/detail/detail');
  assert.equal(env.scroller.scrollTop, 0);
  env.setScroll(90);
  await env.router.navigateBack();
  assert.equal(env.scroller.scrollTop, 420);
  env.router.pageScrollTo({ scrollTop: 33, duration: 0 });
  assert.equal(env.scroller.scrollTop, 33);
});

test('navigateTo events: the opened page and the opener talk through one EventChannel, both ways', async () => {
  const got = [];
  const env = setup({
    handlers: {
      'pages/detail/detail': {
        onLoad(q, opts, inst) {
          const ch = inst.getOpenerEventChannel();
          ch.emit('fromOpened', { n: 1 });
          ch.on('fromOpener', (d) => got.push(['page', d]));
        },
      },
    },
  });
  await env.router.start();
  const { eventChannel } = await env.router.navigateTo('/pages/detail/detail', {
    events: { fromOpened: (d) => got.push(['opener', d]) },
  });
  eventChannel.emit('fromOpener', { n: 2 });
  assert.deepEqual(got, [
    ['opener', { n: 1 }],
    ['page', { n: 2 }],
  ]);
  assert.equal(env.router.current().instance.getOpenerEventChannel(), eventChannel);
});

test('EventChannel: once fires one time, off removes one listener or all, early emits wait for a listener', () => {
  const ch = new EventChannel();
  const seen = [];
  const a = (x) => seen.push(`a${x}`);
  const b = (x) => seen.push(`b${x}`);
  ch.on('e', a);
  ch.once('e', b);
  ch.emit('e', 1);
  ch.emit('e', 2);
  assert.deepEqual(seen, ['a1', 'b1', 'a2']);
  ch.on('e', b);
  ch.off('e', a);
  ch.emit('e', 3);
  ch.off('e');
  ch.emit('e', 4);
  assert.deepEqual(seen, ['a1', 'b1', 'a2', 'b3']);
  ch.emit('late', 5, 6);
  ch.on('late', (x, y) => seen.push(`late${x}${y}`));
  assert.deepEqual(seen.slice(-1), ['late56']);
});
