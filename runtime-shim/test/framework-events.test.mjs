// WeChat's events: tap from the mouse, bubbling, catch, capture, mut-bind, triggerEvent options, marks, relations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeApp, settle } from './framework-kit.mjs';

function click(win, el) {
  const opts = { bubbles: true, button: 0, clientX: 5, clientY: 6 };
  el.dispatchEvent(new win.MouseEvent('mousedown', opts));
  el.dispatchEvent(new win.MouseEvent('mouseup', opts));
}

test('a mouse click is a tap: bubbles through bind, stops at catch, carries typed dataset, ids and marks', async () => {
  const log = [];
  const app = makeApp({
    pages: {
      p: {
        template: (d, $) => [
          $.h(
            'view',
            { attrs: { id: 'outer' }, mark: { a: 1 }, events: [{ kind: 'bind', name: 'tap', handler: 'outer' }] },
            [
              $.h(
                'view',
                {
                  attrs: { id: 'mid' },
                  events: [
                    { kind: 'catch', name: 'tap', handler: 'mid' },
                    { kind: 'capture-bind', name: 'tap', handler: 'cap' },
                  ],
                },
                [
                  $.h(
                    'view',
                    {
                      attrs: { id: 'leaf' },
                      dataset: { n: 1, shopType: 'x' },
                      mark: { b: 2 },
                      events: [{ kind: 'bind', name: 'tap', handler: 'leaf' }],
                    },
                    ['go'],
                  ),
                ],
              ),
            ],
          ),
        ],
        script: ({ Page }) =>
          Page({
            leaf(e) {
              log.push(['leaf', e.type, e.target.id, e.currentTarget.id, e.target.dataset, e.mark]);
            },
            mid(e) {
              log.push(['mid', e.currentTarget.id]);
            },
            outer() {
              log.push(['outer']);
            },
            cap(e) {
              log.push(['cap', e.target.id]);
            },
          }),
      },
    },
  });
  const { el } = await app.open('p');
  click(app.window, el.querySelector('#leaf'));
  assert.deepEqual(log, [
    ['cap', 'leaf'],
    ['leaf', 'tap', 'leaf', 'leaf', { n: 1, shopType: 'x' }, { a: 1, b: 2 }],
    ['mid', 'mid'],
  ]);
});

test('mut-bind: only the first mut-bind handler on the path runs; bind handlers still run', async () => {
  const log = [];
  const app = makeApp({
    pages: {
      p: {
        template: (d, $) => [
          $.h(
            'view',
            {
              events: [
                { kind: 'mut-bind', name: 'tap', handler: 'a' },
                { kind: 'bind', name: 'tap', handler: 'c' },
              ],
            },
            [$.h('view', { attrs: { id: 'x' }, events: [{ kind: 'mut-bind', name: 'tap', handler: 'b' }] }, ['x'])],
          ),
        ],
        script: ({ Page }) =>
          Page({
            a() {
              log.push('a');
            },
            b() {
              log.push('b');
            },
            c() {
              log.push('c');
            },
          }),
      },
    },
  });
  const { el } = await app.open('p');
  click(app.window, el.querySelector('#x'));
  assert.deepEqual(log, ['b', 'c']);
});

test('triggerEvent: the owner hears it; bubbles stays in the owner tree unless composed', async () => {
  const log = [];
  let leaf;
  const app = makeApp({
    pages: {
      p: {
        usingComponents: { box: 'box' },
        template: (d, $) => [
          $.h('view', { events: [{ kind: 'bind', name: 'ping', handler: 'page' }] }, [$.h('box', {}, [])]),
        ],
        script: ({ Page }) =>
          Page({
            page(e) {
              log.push(['page', e.detail.n, e.target.id]);
            },
          }),
      },
    },
    components: {
      box: {
        usingComponents: { leaf: 'leaf' },
        template: (d, $) => [
          $.h('view', { events: [{ kind: 'bind', name: 'ping', handler: 'wrap' }] }, [
            $.h('leaf', { attrs: { id: 'lf' }, events: [{ kind: 'bind', name: 'ping', handler: 'own' }] }, []),
          ]),
        ],
        script: ({ Component }) =>
          Component({
            methods: {
              own(e) {
                log.push(['own', e.detail.n]);
              },
              wrap() {
                log.push(['wrap']);
              },
            },
          }),
      },
      leaf: {
        script: ({ Component }) =>
          Component({
            attached() {
              leaf = this;
            },
          }),
      },
    },
  });
  await app.open('p');
  leaf.triggerEvent('ping', { n: 1 });
  assert.deepEqual(log, [['own', 1]]);
  log.length = 0;
  leaf.triggerEvent('ping', { n: 2 }, { bubbles: true });
  assert.deepEqual(log, [['own', 2], ['wrap']]);
  log.length = 0;
  leaf.triggerEvent('ping', { n: 3 }, { bubbles: true, composed: true });
  assert.deepEqual(log, [['own', 3], ['wrap'], ['page', 3, '']]);
});

test('relations link a parent and its children both ways, in document order, and unlink on removal', async () => {
  const log = [];
  let parent;
  const app = makeApp({
    pages: {
      p: {
        usingComponents: { ul: 'c/ul', li: 'c/li' },
        template: (d, $) => [$.h('ul', {}, [$.each(d.items, (i) => $.h('li', { attrs: { name: i } }, []), '*this')])],
        script: ({ Page }) => Page({ data: { items: ['a', 'b'] } }),
      },
    },
    components: {
      'c/ul': {
        template: (d, $) => [$.h('view', {}, [$.h('slot', {}, [])])],
        script: ({ Component }) =>
          Component({
            relations: {
              './li': {
                type: 'child',
                linked(t) {
                  log.push(['ul+', t.data.name]);
                },
                unlinked(t) {
                  log.push(['ul-', t.data.name]);
                },
              },
            },
            attached() {
              parent = this;
            },
          }),
      },
      'c/li': {
        script: ({ Component }) =>
          Component({
            properties: { name: String },
            relations: {
              './ul': {
                type: 'parent',
                linked(t) {
                  log.push(['li+', t === parent]);
                },
              },
            },
          }),
      },
    },
  });
  const { inst } = await app.open('p');
  assert.deepEqual(log, [
    ['ul+', 'a'],
    ['li+', true],
    ['ul+', 'b'],
    ['li+', true],
  ]);
  assert.deepEqual(
    parent.getRelationNodes('./li').map((n) => n.data.name),
    ['a', 'b'],
  );
  log.length = 0;
  inst.setData({ items: ['b'] });
  await settle();
  assert.deepEqual(log, [['ul-', 'a']]);
  assert.deepEqual(
    parent.getRelationNodes('./li').map((n) => n.data.name),
    ['b'],
  );
});

test('selectComponent finds a component of this template by id or authored class', async () => {
  const app = makeApp({
    pages: {
      p: {
        usingComponents: { c: 'c' },
        template: () => (h) => h,
        script: ({ Page }) => Page({}),
      },
    },
    components: {
      host: {
        scope: 'S',
        usingComponents: { c: 'c' },
        template: (d, $) => [$.h('c', { attrs: { id: 'one' }, class: 'k' }, []), $.h('c', { class: 'k' }, [])],
        script: ({ Component }) => Component({}),
      },
      c: {
        script: ({ Component }) =>
          Component({
            methods: {
              hi() {
                return this.id;
              },
            },
          }),
      },
    },
  });
  const { inst } = await app.mount('host');
  assert.equal(inst.selectComponent('#one').hi(), 'one');
  assert.equal(inst.selectAllComponents('.k').length, 2);
  assert.equal(inst.selectComponent('#none'), null);
});

test('a bubbling event that is not composed stops where its tree ends (WeChat documentation example)', async () => {
  const log = [];
  let mine;
  const app = makeApp({
    pages: {
      p: {
        usingComponents: { another: 'another', mine: 'mine' },
        template: (d, $) => [
          $.h('another', { events: [{ kind: 'bind', name: 'customevent', handler: 'page1' }] }, [
            $.h('mine', { events: [{ kind: 'bind', name: 'customevent', handler: 'page2' }] }, []),
          ]),
        ],
        script: ({ Page }) =>
          Page({
            page1() {
              log.push('page1');
            },
            page2() {
              log.push('page2');
            },
          }),
      },
    },
    components: {
      another: {
        template: (d, $) => [
          $.h('view', { events: [{ kind: 'bind', name: 'customevent', handler: 'another' }] }, [$.h('slot', {}, [])]),
        ],
        script: ({ Component }) =>
          Component({
            methods: {
              another() {
                log.push('another');
              },
            },
          }),
      },
      mine: {
        script: ({ Component }) =>
          Component({
            attached() {
              mine = this;
            },
          }),
      },
    },
  });
  await app.open('p');
  mine.triggerEvent('customevent', {}, { bubbles: true });
  assert.deepEqual(log, ['page2']);
  log.length = 0;
  mine.triggerEvent('customevent', {}, { bubbles: true, composed: true });
  assert.deepEqual(log, ['page2', 'another', 'page1']);
});

test(
  'an external class forwarded from the owner resolves to what the owner was given, and follows ' + 'updates',
  async () => {
    const app = makeApp({
      pages: {
        p: {
          usingComponents: { outer: 'outer' },
          template: (d, $) => [$.h('outer', { attrs: { 'outer-class': `given ${d.dyn}` } }, [])],
          script: ({ Page }) => Page({ data: { dyn: 'd1' } }),
        },
      },
      components: {
        outer: {
          scope: 'O',
          usingComponents: { inner: 'inner' },
          template: (d, $) => [
            $.h('inner', { attrs: { 'inner-class': 'outer-class' } }, []),
            $.h('inner', { attrs: { 'inner-class': 'missing-class' } }, []),
          ],
          script: ({ Component }) => Component({ externalClasses: ['outer-class', 'missing-class'] }),
        },
        inner: {
          scope: 'I',
          template: (d, $) => [$.h('view', { class: 'inner-class' }, [])],
          script: ({ Component }) => Component({ externalClasses: ['inner-class'] }),
        },
      },
    });
    const { el, inst } = await app.open('p');
    const views = () => [...el.querySelectorAll('inner > wx-view')].map((v) => v.getAttribute('class'));
    assert.deepEqual(views(), ['given d1', null]);
    inst.setData({ dyn: 'd2' });
    await settle();
    assert.deepEqual(views(), ['given d2', null]);
  },
);
