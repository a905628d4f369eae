// WXS at run time: what the compiler cannot do statically (transpiler/src/wxs/rewrite.rs)
// is reproduced by runtime-shim/src/render/wxs.js as WeChat's WXS runtime (wcc's output) does it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { $ } from '../src/render/helpers.js';
import { wxs, call } from '../src/render/wxs.js';

function quietErrors(fn) {
  const { error } = console;
  const errors = [];
  console.error = (e) => errors.push(e);
  try {
    return [fn(), errors];
  } finally {
    console.error = error;
  }
}

test('constructor reads give WXS type names, own constructor properties win', () => {
  let c;
  wxs(function (module, exports, require, getRegExp, getDate, $wxs) {
    c = $wxs.c;
  });
  const names = [[], {}, 1, 'a', true, () => 0, /a/, new Date(0), Object.create(null)].map(c);
  assert.deepEqual(names, ['Array', 'Object', 'Number', 'String', 'Boolean', 'Function', 'RegExp', 'Date', 'Object']);
  assert.equal(c({ constructor: 5 }), 5);
  assert.throws(() => c(undefined), TypeError);
});

test('WXS JSON: functions in objects become null, one argument only, parse(undefined) is undefined', () => {
  let J;
  wxs(function (module, exports, require, getRegExp, getDate, $wxs, JSON) {
    J = JSON;
  });
  assert.equal(J.stringify({ f() {}, a: [1, () => 0], u: undefined }, null, 2), '{"f":null,"a":[1,null]}');
  assert.equal(J.parse(undefined), undefined);
  assert.deepEqual(J.parse('{"a":[1]}'), { a: [1] });
  const loop = {};
  loop.self = loop;
  assert.throws(() => J.stringify(loop), TypeError);
});

test('a template call runs on copies of its arguments, without a receiver, and copies the result back', () => {
  const data = { list: [3, 1, 2], when: new Date(5) };
  let seenThis = 'unset';
  const m = {
    sort(l) {
      seenThis = this;
      return l.sort();
    },
    same: (d) => d,
    fn: () => () => 1,
  };
  const sorted = $.f(m, 'sort', [data.list]);
  assert.deepEqual(sorted, [1, 2, 3]);
  assert.deepEqual(data.list, [3, 1, 2]);
  assert.equal(seenThis, undefined);
  const date = $.f(m, 'same', [data.when]);
  assert.notEqual(date, data.when);
  assert.equal(date.getTime(), 5);
  assert.equal($.f(m, 'fn', []), null);
  assert.equal($.f(m, 'same', [m.fn]), null);
});

test('a template call that throws, or of nothing callable, gives undefined', () => {
  const [value, errors] = quietErrors(() => call((x) => x.y.z, [undefined]));
  assert.equal(value, undefined);
  assert.equal(errors.length, 1);
  assert.equal($.f({}, 'missing', []), undefined);
  // A method of a data value has no receiver either, so it throws: WeChat renders nothing.
  assert.equal(quietErrors(() => $.f('abc', 'toUpperCase', []))[0], undefined);
});

test('a module that throws while loading gives undefined and is tried again, as WeChat retries it', () => {
  let runs = 0;
  const bad = function () {
    runs++;
    throw new Error('boom');
  };
  const [first, errors] = quietErrors(() => wxs(bad));
  assert.equal(first, undefined);
  assert.equal(errors.length, 1);
  quietErrors(() => wxs(bad));
  assert.equal(runs, 2);
});

test('a require cycle sees the exports made so far', () => {
  const a = function (module, exports, require) {
    exports.early = 1;
    module.exports.fromB = require('./b.wxs').seen;
  };
  const b = function (module, exports, require) {
    module.exports = { seen: require('./a.wxs').early };
  };
  a.requires = { './b.wxs': b };
  b.requires = { './a.wxs': a };
  assert.deepEqual(wxs(a), { early: 1, fromB: 1 });
});
