// Both of WeChat's style sets of the built-ins, in headless Chromium: fixtures/style-sets is a `"style": "v2"`
// app whose second page says `"style": "default"`; both pages show the same gallery of built-ins. Each
// page is compared with a stored screenshot, and the metrics real apps break on are measured.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserAvailable, openApp, servedApp } from './harness.mjs';
import { assertMatchesReference, withPixels } from './references.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';
const V2 = 'pages/v2/v2';
const OLD = 'pages/old/old';
const shown = (route) => `wx-page[route="${route}"]:not([hidden])`;

/** Opens the app on `route` (the first page, or a navigateTo to the second) and waits for it. */
async function openOn(app, route) {
  const { page, problems } = await openApp(app.browser, app.url, { width: 375, height: 900 });
  if (route !== V2) {
    await page.evaluate((url) => wx.navigateTo({ url }), `/${route}`);
  }
  await page.waitForSelector(`${shown(route)} wx-icon`);
  return { page, problems, scope: shown(route) };
}

/** Computed style values of `selector` (and of its `pseudo` element) inside the shown page. */
function styleOf(page, scope, selector, props, pseudo = null) {
  return page.evaluate(
    ({ sel, names, pseudoElt }) => {
      const el = document.querySelector(sel);
      if (!el) throw new Error(`no ${sel}`);
      const cs = getComputedStyle(el, pseudoElt);
      return Object.fromEntries(names.map((n) => [n, cs.getPropertyValue(n)]));
    },
    { sel: `${scope} ${selector}`, names: props, pseudoElt: pseudo },
  );
}

/** For each icon of the shown page: its type and the share of its box that is not the page's white. */
async function iconCoverage(app, page, scope) {
  const boxes = await page.evaluate(
    (sel) =>
      [...document.querySelectorAll(`${sel} wx-icon`)].map((icon) => {
        const r = icon.firstElementChild.getBoundingClientRect();
        return { type: icon.getAttribute('type'), x: r.x + scrollX, y: r.y + scrollY, w: r.width, h: r.height };
      }),
    scope,
  );
  const png = await page.screenshot({ fullPage: true, animations: 'disabled' });
  const dpr = await page.evaluate(() => devicePixelRatio);
  return withPixels(
    app.browser,
    [png],
    ([img], { rects, scale }) =>
      rects.map((r) => {
        let inked = 0;
        let all = 0;
        for (let y = Math.round(r.y * scale); y < Math.round((r.y + r.h) * scale); y++) {
          for (let x = Math.round(r.x * scale); x < Math.round((r.x + r.w) * scale); x++) {
            const i = (y * img.width + x) * 4;
            all++;
            if (img.data[i] < 235 || img.data[i + 1] < 235 || img.data[i + 2] < 235) inked++;
          }
        }
        return { type: r.type, width: r.w, share: all ? inked / all : 0 };
      }),
    { rects: boxes, scale: dpr },
  );
}

describe('style sets in Chromium', { skip }, () => {
  const app = servedApp('style-sets');

  test('app.json "style": "v2" draws the v2 button: 184 px wide, bold, #07c160 primary, no hairline', async () => {
    const { page, problems, scope } = await openOn(app, V2);
    assert.equal(await page.getAttribute('html', 'data-miniport-style'), 'v2');
    const plain = await styleOf(page, scope, '#btn-default', ['width', 'font-weight', 'font-size']);
    assert.deepEqual(plain, { width: '184px', 'font-weight': '700', 'font-size': '17px' });
    const primary = await styleOf(page, scope, '#btn-primary', ['background-color', 'color']);
    assert.deepEqual(primary, { 'background-color': 'rgb(7, 193, 96)', color: 'rgb(255, 255, 255)' });
    const mini = await styleOf(page, scope, '#btn-mini', ['font-size', 'display']);
    assert.deepEqual(mini, { 'font-size': '16px', display: 'inline-block' });
    // A button the app made transparent shows no ::after box in v2.
    const after = await styleOf(page, scope, '#btn-clear', ['border-top-width', 'content'], '::after');
    assert.equal(after['border-top-width'], '0px');
    assert.deepEqual(problems, []);
  });

  test('a "style": "default" page draws the old button: full width, regular weight, hairline ::after', async () => {
    const { page, problems, scope } = await openOn(app, OLD);
    assert.equal(await page.getAttribute('html', 'data-miniport-style'), 'default');
    const pageWidth = await page.evaluate((sel) => document.querySelector(`${sel} .section`).clientWidth, scope);
    const plain = await styleOf(page, scope, '#btn-default', ['width', 'font-weight', 'font-size']);
    assert.deepEqual(plain, { width: `${pageWidth - 24}px`, 'font-weight': '400', 'font-size': '18px' });
    const primary = await styleOf(page, scope, '#btn-primary', ['background-color']);
    assert.deepEqual(primary, { 'background-color': 'rgb(26, 173, 25)' });
    const mini = await styleOf(page, scope, '#btn-mini', ['font-size', 'display']);
    assert.deepEqual(mini, { 'font-size': '13px', display: 'inline-block' });
    const after = await styleOf(page, scope, '#btn-clear', ['border-top-width', 'border-top-color'], '::after');
    assert.deepEqual(after, { 'border-top-width': '1px', 'border-top-color': 'rgba(0, 0, 0, 0.2)' });
    // Back on the v2 page, the built-ins are v2 again.
    await page.evaluate(() => wx.navigateBack());
    await page.waitForSelector(shown(V2));
    assert.equal(await page.getAttribute('html', 'data-miniport-style'), 'v2');
    assert.equal((await styleOf(page, shown(V2), '#btn-default', ['width'])).width, '184px');
    assert.deepEqual(problems, []);
  });

  for (const [route, size] of [
    [V2, '20px'],
    [OLD, '18px'],
  ]) {
    test(`the loading spinner is a ${size} square in ${route}, also in a flex button the app narrowed`, async () => {
      const { page, scope } = await openOn(app, route);
      for (const id of ['#btn-loading', '#btn-flex']) {
        const spinner = await styleOf(page, scope, id, ['width', 'height', 'animation-name'], '::before');
        assert.deepEqual(spinner, { width: size, height: size, 'animation-name': 'mp-spin' }, id);
      }
    });
  }

  for (const route of [V2, OLD]) {
    test(`every icon type draws ink inside its box in ${route}, with size and color honoured`, async () => {
      const { page, scope } = await openOn(app, route);
      const icons = await iconCoverage(app, page, scope);
      assert.equal(icons.length, 16);
      for (const icon of icons) {
        assert.ok(icon.share > 0.04, `${icon.type} covers ${(icon.share * 100).toFixed(1)}% of its box`);
        assert.ok(icon.share < 0.95, `${icon.type} is a solid square`);
      }
      assert.deepEqual(
        icons.map((i) => i.width),
        [...Array(15).fill(23), 40],
      );
      const sized = await styleOf(page, scope, '#icon-sized > span', ['color', 'width']);
      assert.deepEqual(sized, { color: 'rgb(22, 119, 255)', width: '40px' });
      const green = route === V2 ? 'rgb(7, 193, 96)' : 'rgb(9, 187, 7)';
      assert.equal((await styleOf(page, scope, '#icon-success > span', ['color'])).color, green);
    });
  }

  test('checkbox, radio and switch take the green of their style set', async () => {
    const expect = {
      [V2]: { check: 'rgb(7, 193, 96)', track: 'rgb(7, 193, 96)', off: 'rgba(0, 0, 0, 0.1)' },
      [OLD]: { check: 'rgb(9, 187, 7)', track: 'rgb(4, 190, 2)', off: 'rgb(223, 223, 223)' },
    };
    for (const route of [V2, OLD]) {
      const { page, scope } = await openOn(app, route);
      const check = await styleOf(page, scope, '#cb-on .wx-checkbox-input', ['color']);
      const radio = await styleOf(page, scope, '#radio-on .wx-radio-input', ['background-color']);
      const on = await styleOf(page, scope, '#switch-on .wx-switch-input', ['background-color']);
      const off = await styleOf(page, scope, '#switch-off .wx-switch-input', ['background-color']);
      assert.deepEqual(
        { check: check.color, radio: radio['background-color'], track: on['background-color'] },
        { check: expect[route].check, radio: expect[route].check, track: expect[route].track },
        route,
      );
      assert.equal(off['background-color'], expect[route].off, route);
      await page.close();
    }
  });

  for (const [route, name] of [
    [V2, 'style-sets-v2'],
    [OLD, 'style-sets-default'],
  ]) {
    test(`the ${name} gallery matches its reference screenshot`, async () => {
      const { page, problems } = await openOn(app, route);
      await page.evaluate(() => document.fonts.ready);
      const png = await page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' });
      await assertMatchesReference(app.browser, png, name);
      assert.deepEqual(problems, []);
    });
  }
});
