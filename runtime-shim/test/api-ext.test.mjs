// wx.getExtConfig and wx.getExtConfigSync answer with ext.json's `ext`, as the compiler inlines it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWx } from '../src/api/index.js';

test('getExtConfigSync returns a copy of config.ext; getExtConfig answers { extConfig }', async () => {
  const wx = createWx([], {}, { config: { ext: { shop: { id: 7 } } } });
  const sync = wx.getExtConfigSync();
  assert.deepEqual(sync, { shop: { id: 7 } });
  sync.shop.id = 8;
  assert.equal(wx.getExtConfigSync().shop.id, 7, 'the app cannot change what later calls see');
  assert.deepEqual(await wx.getExtConfig(), { errMsg: 'getExtConfig:ok', extConfig: { shop: { id: 7 } } });
});

test('without ext.json both answer an empty object', async () => {
  const wx = createWx([], {}, { config: {} });
  assert.deepEqual(wx.getExtConfigSync(), {});
  assert.deepEqual((await wx.getExtConfig()).extConfig, {});
});
