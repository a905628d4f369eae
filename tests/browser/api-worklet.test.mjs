// wx.worklet in Chromium on fixtures/api-worklet: a button starts a timing animation on a shared value that
// applyAnimatedStyle binds to a box's transform; the box moves frame by frame and ends at the target.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserAvailable, openApp, servedApp } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';

/** The box's computed horizontal translation in px (0 when it has no transform). */
const translateX = (page) =>
  page.evaluate(() => {
    const t = getComputedStyle(document.querySelector('#box')).transform;
    return t === 'none' ? 0 : new DOMMatrixReadOnly(t).m41;
  });

describe('wx.worklet in Chromium', { skip }, () => {
  const app = servedApp('api-worklet/app');

  test(
    'timing on a shared value bound with applyAnimatedStyle moves the box through intermediate '
      + 'positions to the target',
    async () => {
      const { page, problems } = await openApp(app.browser, app.url);
      await page.waitForFunction(() => document.querySelector('#box')?.style.transform === 'translateX(0px)');
      assert.equal(await translateX(page), 0);
      assert.equal(await page.evaluate(() => wx.canIUse('worklet')), true);
      // Sample the box's computed position on every frame while the 600 ms animation runs.
      const samples = page.evaluate(
        () =>
          new Promise((resolve) => {
            const seen = [];
            const start = performance.now();
            const step = () => {
              const t = getComputedStyle(document.querySelector('#box')).transform;
              seen.push(t === 'none' ? 0 : new DOMMatrixReadOnly(t).m41);
              if (performance.now() - start < 1200) requestAnimationFrame(step);
              else resolve(seen);
            };
            requestAnimationFrame(step);
          }),
      );
      await page.click('wx-button.go');
      const seen = await samples;
      await page.waitForFunction(() => document.querySelector('wx-view.status')?.textContent === 'finished');
      assert.equal(await translateX(page), 200);
      const between = seen.filter((x) => x > 5 && x < 195);
      assert.ok(between.length >= 3, `intermediate positions on the way: ${seen.map((x) => Math.round(x)).join(',')}`);
      for (let i = 1; i < seen.length; i++) assert.ok(seen[i] >= seen[i - 1], 'it only moves forward (linear easing)');
      const rect = await page.evaluate(() => document.querySelector('#box').getBoundingClientRect().left);
      assert.ok(rect >= 200, `the box is drawn 200px to the right (left ${rect})`);
      assert.deepEqual(problems, []);
    },
  );
});
