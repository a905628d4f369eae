// createIntersectionObserver's first check over jsdom with a stand-in IntersectionObserver: WeChat's initialRatio rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { createIntersectionObserver } from '../src/framework/query.js';

function setup() {
  const dom = new JSDOM('<!doctype html><body><div id="x"></div></body>');
  globalThis.document = dom.window.document;
  const el = document.getElementById('x');
  el.__mpv = { attrs: { id: 'x' }, dataset: { k: 1 } };
  const observers = [];
  globalThis.IntersectionObserver = class {
    constructor(cb) {
      this.cb = cb;
      observers.push(this);
    }
    observe() {}
    disconnect() {}
  };
  const entry = (ratio) => ({
    target: el,
    intersectionRatio: ratio,
    time: 1,
    intersectionRect: {},
    boundingClientRect: {},
    rootBounds: {},
  });
  return { fire: (ratio) => observers.at(-1).cb([entry(ratio)]) };
}

test(
  'IntersectionObserver: the first check calls back only when the ratio differs from '
    + 'initialRatio; later changes always do',
  () => {
    const { fire } = setup();
    const seen = [];
    createIntersectionObserver(null, {})
      .relativeToViewport()
      .observe('#x', (r) => seen.push([r.id, r.dataset, r.intersectionRatio]));
    fire(0);
    assert.deepEqual(seen, [], 'out of view at first: no call (initialRatio 0)');
    fire(0.5);
    fire(0);
    assert.deepEqual(seen, [
      ['x', { k: 1 }, 0.5],
      ['x', { k: 1 }, 0],
    ]);
    delete globalThis.IntersectionObserver;
  },
);

test('IntersectionObserver: with initialRatio 1 a target out of view at first calls back with 0', () => {
  const { fire } = setup();
  const seen = [];
  createIntersectionObserver(null, { initialRatio: 1 })
    .relativeToViewport()
    .observe('#x', (r) => seen.push(r.intersectionRatio));
  fire(0);
  assert.deepEqual(seen, [0]);
  delete globalThis.IntersectionObserver;
});
