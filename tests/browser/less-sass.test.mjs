// Less and Sass pages in Chromium (fixtures/less-sass-app, `useCompilerPlugins: ["less", "sass"]`):
// the compiled styles apply, with Less and Sass importing each other and a .wxss, rpx scaled
// with the page width, and a component styled in Less scoped like any component.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserAvailable, openApp, servedApp } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';
const LESS = 'wx-page[route="pages/less/index"]';
const SASS = 'wx-page[route="pages/sass/index"]';

/**
 * The computed values of `props` on the first element matching `selector`.
 * @param {import('playwright-core').Page} page
 * @param {string} selector
 * @param {string[]} props
 */
const styles = (page, selector, props) =>
  page.$eval(
    selector,
    (el, names) => Object.fromEntries(names.map((n) => [n, getComputedStyle(el).getPropertyValue(n)])),
    props,
  );

describe('Less and Sass pages in Chromium', { skip }, () => {
  const app = servedApp('less-sass-app');

  test('the Less page: variables, mixins, guards, operations, imported .wxss and .scss apply', async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    await page.waitForSelector(`${LESS} .title`);
    assert.deepEqual(
      await styles(page, `${LESS} .title`, ['color', 'border-top-left-radius', 'font-weight', 'padding-top']),
      { color: 'rgb(200, 30, 30)', 'border-top-left-radius': '10px', 'font-weight': '700', 'padding-top': '12px' },
    );
    assert.deepEqual(await styles(page, `${LESS} .title__sub`, ['color', 'font-weight']), {
      color: 'rgb(111, 17, 17)',
      'font-weight': '400',
    });
    // 375rpx is half the page width (375px viewport).
    assert.deepEqual(await styles(page, `${LESS} .shared`, ['border-top-color', 'width']), {
      'border-top-color': 'rgb(0, 128, 0)',
      width: '187.5px',
    });
    assert.equal((await styles(page, `${LESS} .from-sass`, ['color'])).color, 'rgb(0, 0, 200)');
    assert.equal((await styles(page, 'wx-page', ['background-color']))['background-color'], 'rgb(245, 245, 245)');
    // app.less's variables and mixins, without an import (its rules are not repeated).
    assert.deepEqual(await styles(page, `${LESS} .from-app`, ['color', 'border-left-color', 'border-left-width']), {
      color: 'rgb(10, 120, 220)',
      'border-left-color': 'rgb(10, 120, 220)',
      'border-left-width': '3px',
    });
    assert.deepEqual(problems, []);
  });

  test('the component styled in Less is scoped and styled', async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    const tag = `${LESS} x-tag wx-view`;
    await page.waitForSelector(tag);
    assert.deepEqual(await styles(page, tag, ['background-color', 'border-top-left-radius', 'display']), {
      'background-color': 'rgba(200, 30, 30, 0.5)',
      'border-top-left-radius': '6px',
      display: 'inline-block',
    });
    assert.deepEqual(problems, []);
  });

  test('the Sass page: mixins, math, nesting, imported .wxss and .less apply', async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    await page.evaluate(() => wx.navigateTo({ url: '/pages/sass/index' }));
    await page.waitForSelector(`${SASS}:not([hidden]) .card`);
    assert.deepEqual(await styles(page, `${SASS} .card`, ['padding-top', 'border-top-left-radius', 'width']), {
      'padding-top': '12px',
      'border-top-left-radius': '6px',
      width: '375px',
    });
    // mix(red, blue, 50%); 30rpx on a 375px page.
    assert.deepEqual(await styles(page, `${SASS} .heading`, ['color', 'font-size']), {
      color: 'rgb(128, 0, 128)',
      'font-size': '15px',
    });
    assert.deepEqual(await styles(page, `${SASS} .from-less`, ['width', 'height']), { width: '120px', height: '60px' });
    assert.equal((await styles(page, `${SASS} .shared`, ['border-top-color']))['border-top-color'], 'rgb(0, 128, 0)');
    assert.equal((await styles(page, `${SASS} .from-sass`, ['color'])).color, 'rgb(0, 0, 200)');
    // global.scss, used as `global` without an `@use`.
    assert.deepEqual(await styles(page, `${SASS} .from-global`, ['color', 'border-left-color']), {
      color: 'rgb(220, 120, 10)',
      'border-left-color': 'rgb(220, 120, 10)',
    });
    assert.deepEqual(problems, []);
  });
});
