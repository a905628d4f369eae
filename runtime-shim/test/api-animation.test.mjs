// wx.createAnimation's export() shape (WeChat's actions/animates/option) and applyAnimation on an element.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { createAnimation, applyAnimation } from '../src/core/animation.js';

test("export() gives WeChat's {actions: [{animates, option}]} and clears the steps", () => {
  const a = createAnimation({ duration: 300, timingFunction: 'ease' });
  a.opacity(0.5)
    .width(100)
    .rotate(45)
    .translate(10, 20)
    .step()
    .backgroundColor('red')
    .step({ duration: 100, delay: 50 });
  const out = a.export();
  assert.deepEqual(out, {
    actions: [
      {
        animates: [
          { type: 'style', args: ['opacity', 0.5] },
          { type: 'style', args: ['width', '100px'] },
          { type: 'rotate', args: [45] },
          { type: 'translate', args: [10, 20] },
        ],
        option: { transformOrigin: '50% 50% 0', transition: { duration: 300, timingFunction: 'ease', delay: 0 } },
      },
      {
        animates: [{ type: 'style', args: ['background-color', 'red'] }],
        option: { transformOrigin: '50% 50% 0', transition: { duration: 100, timingFunction: 'ease', delay: 50 } },
      },
    ],
  });
  assert.deepEqual(a.export(), { actions: [] });
});

test("applyAnimation leaves the element in the last step's state (no Web Animations API: at once)", async () => {
  const { window } = new JSDOM('<div id="x"></div>');
  const el = window.document.getElementById('x');
  const a = createAnimation();
  a.translateX(30).scale(2).opacity(0.2).step().height('5rem').step();
  await applyAnimation(el, a.export());
  assert.equal(el.style.transform, 'translateX(30px) scale(2)');
  assert.equal(el.style.opacity, '0.2');
  assert.equal(el.style.height, '5rem');
});

test('applyAnimation plays each step with element.animate, in order, with its duration and easing', async () => {
  const { window } = new JSDOM('<div id="x"></div>');
  const el = window.document.getElementById('x');
  const calls = [];
  el.animate = (frames, opts) => {
    calls.push([frames[1], opts]);
    return { finished: Promise.resolve(), cancel() {} };
  };
  const a = createAnimation({ duration: 200, timingFunction: 'ease-in' });
  a.rotate(90).step().left(10).step({ duration: 50 });
  await applyAnimation(el, a.export());
  assert.deepEqual(calls, [
    [{ transform: 'rotate(90deg)' }, { duration: 200, delay: 0, easing: 'ease-in', fill: 'forwards' }],
    [{ left: '10px' }, { duration: 50, delay: 0, easing: 'ease-in', fill: 'forwards' }],
  ]);
  assert.equal(el.style.left, '10px');
  assert.equal(el.style.transform, 'rotate(90deg)');
});
