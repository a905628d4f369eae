// setData: paths, batching within a tick, callbacks after the DOM, and patching only what changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePath } from '../src/framework/data.js';
import { makeApp, settle, text } from './framework-kit.mjs';

test('setData paths split into segments as WeChat reads them', () => {
  assert.deepEqual(parsePath('a.b[2].c'), ['a', 'b', 2, 'c']);
  assert.deepEqual(parsePath('list[0][1]'), ['list', 0, 1]);
  assert.deepEqual(parsePath('a\\.b'), ['a.b']);
  for (const bad of ['a..b', 'a[x]', 'a[1', '.a', 'a.']) assert.throws(() => parsePath(bad), /invalid data path/, bad);
});

function listApp(renders) {
  return makeApp({
    pages: {
      'pages/list/list': {
        template: (d, $) => {
          renders.count++;
          return [
            $.h('view', { class: 'list' }, [
              $.each(
                d.items,
                (item) => $.h('view', { class: 'row', dataset: { id: item.id } }, [$.s(item.name)]),
                'id',
              ),
            ]),
          ];
        },
        script: ({ Page }) =>
          Page({
            data: {
              items: [
                { id: 1, name: 'a' },
                { id: 2, name: 'b' },
                { id: 3, name: 'c' },
              ],
            },
          }),
      },
    },
  });
}

test('setData calls in one tick render once and the callback sees the updated DOM', async () => {
  const renders = { count: 0 };
  const app = listApp(renders);
  const { el, inst } = await app.open('pages/list/list');
  assert.equal(text(el), 'abc');
  const before = renders.count;
  let seen = null;
  inst.setData({ 'items[0].name': 'x' });
  inst.setData({ 'items[2].name': 'z' }, () => {
    seen = text(el);
  });
  assert.equal(inst.data.items[0].name, 'x', 'this.data changes at once');
  await settle();
  assert.equal(renders.count - before, 1);
  assert.equal(seen, 'xbz');
});

test('wx:key keeps each row element when the list is reordered, and a removed row leaves', async () => {
  const app = listApp({ count: 0 });
  const { el, inst } = await app.open('pages/list/list');
  const rows = [...el.querySelectorAll('wx-view.row')];
  inst.setData({ items: [inst.data.items[2], inst.data.items[0]] });
  await settle();
  const after = [...el.querySelectorAll('wx-view.row')];
  assert.equal(after.length, 2);
  assert.equal(after[0], rows[2]);
  assert.equal(after[1], rows[0]);
  assert.equal(text(el), 'ca');
});

test('a row changed by path is patched in place; other rows are untouched', async () => {
  const app = listApp({ count: 0 });
  const { el, inst } = await app.open('pages/list/list');
  const rows = [...el.querySelectorAll('wx-view.row')];
  const records = [];
  const observer = new app.window.MutationObserver((list) => records.push(...list));
  observer.observe(el, { subtree: true, childList: true, characterData: true, attributes: true });
  inst.setData({ 'items[1].name': 'B' });
  await settle();
  records.push(...observer.takeRecords());
  assert.equal(records.length, 1);
  assert.equal(records[0].target.parentNode, rows[1]);
  assert.deepEqual([...el.querySelectorAll('wx-view.row')], rows);
});

test('a path through missing objects creates them, an index creates an array', async () => {
  const app = listApp({ count: 0 });
  const { inst } = await app.open('pages/list/list');
  inst.setData({ 'a.b[1].c': 5 });
  assert.ok(Array.isArray(inst.data.a.b));
  assert.equal(inst.data.a.b.length, 2);
  assert.deepEqual(inst.data.a.b[1], { c: 5 });
});
