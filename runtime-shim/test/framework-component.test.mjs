// Component(): properties and their conversion, observers, behaviors, lifetimes order, slots, classes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeApp, settle, text } from './framework-kit.mjs';

test('properties take their type as WeChat converts them, defaults included', async () => {
  let inst;
  const app = makeApp({
    components: {
      c: {
        script: ({ Component }) =>
          Component({
            properties: {
              s: String,
              n: Number,
              b: Boolean,
              a: Array,
              o: Object,
              any: null,
              opt: { type: String, optionalTypes: [Number], value: 'x' },
            },
            lifetimes: {
              attached() {
                inst = this;
              },
            },
          }),
      },
    },
  });
  await app.mount('c', { s: 12, n: '7', b: 'yes', a: 'no', o: 5, opt: 3 });
  assert.deepEqual({ ...inst.data }, { s: '12', n: 7, b: true, a: [], o: null, any: null, opt: 3 });
  inst.setData({ n: 'abc', s: null });
  assert.equal(inst.data.n, 0);
  assert.equal(inst.data.s, '');
  assert.equal(inst.properties, inst.data);
});

test('observers fire for their fields, ancestors of them, and sub-paths under **', async () => {
  const calls = [];
  const app = makeApp({
    components: {
      c: {
        script: ({ Component }) =>
          Component({
            data: { a: { b: 1, c: 2 }, x: 0, list: [{ v: 1 }] },
            observers: {
              'a.b, x': (ab, x) => calls.push(['a.b,x', ab, x]),
              'list.**': (list) => calls.push(['list.**', list.length]),
              '**': () => calls.push(['**']),
            },
          }),
      },
    },
  });
  const { inst } = await app.mount('c');
  calls.length = 0;
  inst.setData({ 'a.c': 3 });
  assert.deepEqual(calls, [['**']]);
  calls.length = 0;
  inst.setData({ a: { b: 5 } });
  assert.deepEqual(calls, [['a.b,x', 5, 0], ['**']]);
  calls.length = 0;
  inst.setData({ 'list[0].v': 2 });
  assert.deepEqual(calls, [['list.**', 1], ['**']]);
  calls.length = 0;
  inst.setData({ x: 0 });
  assert.deepEqual(calls, [['a.b,x', 5, 0], ['**']], 'setting a field fires even when the value is the same');
});

test(
  'behaviors merge: own fields override, later behaviors override earlier, lifetimes run ' + 'behaviors first',
  async () => {
    const order = [];
    const app = makeApp({
      components: {
        c: {
          script: ({ Component, Behavior }) => {
            const base = Behavior({
              data: { shared: { a: 1, b: 1 }, only: 'base' },
              methods: { who: () => 'base', hello: () => 'hi' },
              attached() {
                order.push('base');
              },
            });
            const later = Behavior({
              behaviors: [base],
              data: { shared: { b: 2 } },
              methods: { who: () => 'later' },
              attached() {
                order.push('later');
              },
            });
            const filtered = Behavior({
              definitionFilter(defFields) {
                defFields.methods = Object.assign({}, defFields.methods, { added: () => 'by filter' });
              },
            });
            Component({
              behaviors: [later, base, filtered, 'wx://form-field'],
              data: { shared: { c: 3 } },
              methods: {
                who() {
                  return 'own';
                },
              },
              lifetimes: {
                attached() {
                  order.push('own');
                },
              },
            });
          },
        },
      },
    });
    const { inst } = await app.mount('c');
    assert.deepEqual(inst.data.shared, { a: 1, b: 2, c: 3 });
    assert.equal(inst.data.only, 'base');
    assert.equal(inst.who(), 'own');
    assert.equal(inst.hello(), 'hi');
    assert.equal(inst.added(), 'by filter');
    assert.deepEqual(order, ['base', 'later', 'own']);
    assert.equal(inst.hasBehavior('wx://form-field'), true);
    assert.equal(inst.data.name, '');
  },
);

test(
  'nested components: created inside-out (the template first, as exparser), attached outside-in, '
    + 'ready inside-out, detached with their owner',
  async () => {
    const log = [];
    const life = (name) => ({
      created() {
        log.push(`${name}.created`);
      },
      attached() {
        log.push(`${name}.attached`);
      },
      ready() {
        log.push(`${name}.ready`);
      },
      detached() {
        log.push(`${name}.detached`);
      },
    });
    const app = makeApp({
      pages: {
        p: {
          usingComponents: { outer: 'outer' },
          template: (d, $) => [d.show ? $.h('outer', {}, []) : null],
          script: ({ Page }) => Page({ data: { show: true } }),
        },
      },
      components: {
        outer: {
          usingComponents: { inner: 'inner' },
          template: (d, $) => [$.h('inner', {}, [])],
          script: ({ Component }) => Component({ lifetimes: life('outer') }),
        },
        inner: { script: ({ Component }) => Component({ lifetimes: life('inner') }) },
      },
    });
    const { inst } = await app.open('p');
    assert.deepEqual(log, [
      'inner.created',
      'outer.created',
      'outer.attached',
      'inner.attached',
      'inner.ready',
      'outer.ready',
    ]);
    log.length = 0;
    inst.setData({ show: false });
    await settle();
    assert.deepEqual(log, ['outer.detached', 'inner.detached']);
  },
);

test('slots: the default slot, named slots with multipleSlots, content rendered with the owner data', async () => {
  const app = makeApp({
    pages: {
      p: {
        usingComponents: { card: 'card' },
        template: (d, $) => [
          $.h('card', { attrs: { title: d.title } }, [
            $.h('text', { slot: 'foot' }, ['F:', $.s(d.foot)]),
            $.h('text', {}, ['body ', $.s(d.title)]),
          ]),
        ],
        script: ({ Page }) => Page({ data: { title: 'T', foot: 'x' } }),
      },
    },
    components: {
      card: {
        template: (d, $) => [
          $.h('view', { class: 'head' }, [$.s(d.title)]),
          $.h('slot', {}, []),
          $.h('view', { class: 'foot' }, [$.h('slot', { attrs: { name: 'foot' } }, [])]),
        ],
        script: ({ Component }) => Component({ options: { multipleSlots: true }, properties: { title: String } }),
      },
    },
  });
  const { el, inst } = await app.open('p');
  assert.equal(text(el), 'TbodyTF:x');
  inst.setData({ title: 'U', foot: 'y' });
  await settle();
  assert.equal(text(el), 'UbodyUF:y');
});

test('classes are scoped per component; external classes take the owner scope', async () => {
  const app = makeApp({
    pages: {
      p: {
        usingComponents: { btn: 'btn' },
        template: (d, $) => [$.h('btn', { class: 'outer', attrs: { 'custom-class': 'red big' } }, [])],
        script: ({ Page }) => Page({}),
      },
    },
    components: {
      btn: {
        scope: 'S',
        template: (d, $) => [$.h('view', { class: 'inner custom-class' }, [])],
        script: ({ Component }) => Component({ externalClasses: ['custom-class'] }),
      },
      shared: {
        scope: 'H',
        template: (d, $) => [$.h('view', { class: 'a' }, [])],
        script: ({ Component }) => Component({ options: { addGlobalClass: true } }),
      },
    },
  });
  const { el } = await app.open('p');
  const host = el.querySelector('btn');
  assert.equal(host.getAttribute('class'), 'outer');
  assert.equal(host.querySelector('wx-view').getAttribute('class'), 'S--inner red big');
  const { el: root } = await app.mount('shared');
  assert.equal(root.querySelector('wx-view').getAttribute('class'), 'a H--a');
});

test('model: two-way binding writes a component property change back to the owner data', async () => {
  let child;
  const app = makeApp({
    pages: {
      p: {
        usingComponents: { field: 'field' },
        template: (d, $) => [$.h('field', { attrs: { value: d.text }, model: { value: 'text' } }, [])],
        script: ({ Page }) => Page({ data: { text: 'a' } }),
      },
    },
    components: {
      field: {
        script: ({ Component }) =>
          Component({
            properties: { value: String },
            attached() {
              child = this;
            },
          }),
      },
    },
  });
  const { inst } = await app.open('p');
  assert.equal(child.data.value, 'a');
  child.setData({ value: 'typed' });
  await settle();
  assert.equal(inst.data.text, 'typed');
});

test('a property observer runs with the new and old values when the owner changes it', async () => {
  const seen = [];
  const app = makeApp({
    pages: {
      p: {
        usingComponents: { c: 'c' },
        template: (d, $) => [$.h('c', { attrs: { n: d.n } }, [])],
        script: ({ Page }) => Page({ data: { n: 1 } }),
      },
    },
    components: {
      c: {
        template: (d, $) => [$.s(d.n)],
        script: ({ Component }) =>
          Component({
            properties: {
              n: {
                type: Number,
                observer(v, old) {
                  seen.push([v, old]);
                },
              },
            },
          }),
      },
    },
  });
  const { el, inst } = await app.open('p');
  inst.setData({ n: 2 });
  await settle();
  assert.deepEqual(seen, [
    [1, 0],
    [2, 1],
  ]);
  assert.equal(text(el), '2');
});

test('pure data fields are kept in this.data but never reach the template', async () => {
  const app = makeApp({
    components: {
      c: {
        template: (d, $) => [$.s(d.a), '|', $.s(d._b)],
        script: ({ Component }) => Component({ options: { pureDataPattern: /^_/ }, data: { a: 1, _b: 2 } }),
      },
    },
  });
  const { el, inst } = await app.mount('c');
  assert.equal(text(el), '1|');
  assert.equal(inst.data._b, 2);
});

test('a page built with Component() gets its query as properties and its methods as page handlers', async () => {
  const seen = [];
  const app = makeApp({
    pages: {
      p: {
        template: (d, $) => [$.s(d.id)],
        script: ({ Component }) =>
          Component({
            properties: { id: Number },
            methods: {
              onLoad(q) {
                seen.push(['load', q.id, this.data.id]);
              },
              onShow() {
                seen.push(['show']);
              },
            },
          }),
      },
    },
  });
  const { el } = await app.open('p', { id: '7' });
  assert.deepEqual(seen, [['load', '7', 7], ['show']]);
  assert.equal(text(el), '7');
});

test('an exception in a component method reaches its error lifetime', async () => {
  const errors = [];
  const app = makeApp({
    components: {
      c: {
        script: ({ Component }) =>
          Component({
            lifetimes: {
              error(e) {
                errors.push(e.message);
              },
            },
            attached() {
              throw new Error('boom');
            },
          }),
      },
    },
  });
  const original = console.error;
  console.error = () => {};
  try {
    await app.mount('c');
  } finally {
    console.error = original;
  }
  assert.deepEqual(errors, ['boom']);
});
