// Template values and helpers as WeChat renders them: stringification, wx:for iteration,
// template calls (unknown names, recursion), WXS modules, vnodes and their HTML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { $ } from '../src/render/helpers.js';
import { toHTML } from '../src/render/vnode.js';
import { rpx, decode } from '../src/render/values.js';

const quiet = (fn) => {
  const warn = console.warn;
  const seen = [];
  console.warn = (m) => seen.push(m);
  try {
    return [fn(), seen];
  } finally {
    console.warn = warn;
  }
};

test('values render as WeChat renders them', () => {
  assert.equal($.s(undefined), '');
  assert.equal($.s(null), 'null');
  assert.equal($.s(1.5), '1.5');
  assert.equal($.s(true), 'true');
  assert.equal($.s([1, [2, 3], null]), '1,2,3,');
  assert.equal($.s({ a: 1 }), '[object Object]');
  assert.equal($.s(Object.create(null)), '[object Object]');
});

test('wx:for iterates arrays, object values, numbers, strings and nothing else', () => {
  const pairs = (list) => $.each(list, (item, index) => `${index}:${item}`);
  assert.deepEqual(pairs(['a', 'b']), ['0:a', '1:b']);
  assert.deepEqual(pairs({ x: 1, y: 2 }), ['x:1', 'y:2']);
  assert.deepEqual(pairs(2.5), ['0:0', '1:1', '2:2']);
  assert.deepEqual(pairs('ab'), ['0:a', '1:b']);
  for (const nothing of [null, undefined, true, -1, 0, '']) assert.deepEqual(pairs(nothing), []);
});

test('wx:key sets the key of each item without changing shared vnodes', () => {
  const shared = $.h('view', {}, []);
  const byProp = $.each([{ id: 7 }], () => shared, 'id');
  assert.equal(byProp[0].key, 7);
  assert.equal(shared.key, undefined);
  assert.deepEqual($.each(['a'], () => $.h('view', {}, []), '*this')[0].key, 'a');
});

test('member access and calls on missing values give undefined instead of throwing', () => {
  assert.equal($.m(undefined, 'a'), undefined);
  assert.equal($.m(null, 'a'), undefined);
  assert.equal($.f(undefined, 'f', []), undefined);
  assert.equal($.f({ f: (x) => x * 2 }, 'f', [2]), 4);
  assert.equal(
    $.f(null, (x) => x + 1, [1]),
    2,
  );
  assert.equal($.i('a', 'abc'), false);
});

test('a template calling itself is stopped at the inner call, with a warning', () => {
  const table = Object.create(null);
  table.r = (d, h) => [h.h('view', {}, [String(d.n), h.call(table, 'r', { n: d.n + 1 }, 'a.wxml')])];
  const [tree, warnings] = quiet(() => $.call(table, 'r', { n: 0 }, 'a.wxml'));
  assert.equal(toHTML(tree), '<wx-view>0</wx-view>');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /recursively/);
});

test('an unknown template renders nothing and warns', () => {
  const [tree, warnings] = quiet(() => $.call(Object.create(null), 'nope', {}, 'a.wxml'));
  assert.equal(tree, null);
  assert.match(warnings[0], /Template `nope` not found/);
});

test('a WXS module runs once, with require, getRegExp and getDate', () => {
  let runs = 0;
  const dep = function (module) {
    runs++;
    module.exports = { n: 2 };
  };
  const main = function (module, exports, require, getRegExp, getDate) {
    module.exports = {
      n: require('./dep.wxs').n,
      re: getRegExp('^a', 'i').test('Abc'),
      year: getDate(0).getUTCFullYear(),
    };
  };
  main.requires = { './dep.wxs': dep };
  assert.deepEqual($.wxs(main), { n: 2, re: true, year: 1970 });
  $.wxs(main);
  $.wxs(dep);
  assert.equal(runs, 1);
});

test('HTML shows built-ins as wx-*, authored classes, data-* attributes and escaped text', () => {
  const tree = [
    $.h(
      'view',
      { attrs: { id: 'x', hidden: false, title: null }, class: ' a  b ', dataset: { shopType: 1, foobar: 'y' } },
      ['a &amp; <b>'],
    ),
    $.h('text', { attrs: { decode: true } }, ['a&nbsp;&lt;b&gt;']),
    $.h('view', { attrs: { hidden: true } }, []),
  ];
  assert.equal(
    toHTML(tree),
    '<wx-view id="x" class="a b" title="null" data-shop-type="1" data-foobar="y">a &amp;amp; &lt;b&gt;</wx-view>'
      + '<wx-text decode="true">a\u00a0&lt;b&gt;</wx-text><wx-view hidden></wx-view>',
  );
  assert.equal(decode('&amp;lt;'), '&lt;');
  assert.equal(
    rpx('width: 10rpx; margin: -2.5rpx 0'),
    'width: calc(10 * var(--miniport-rpx)); margin: calc(-2.5 * var(--miniport-rpx)) 0',
  );
});
