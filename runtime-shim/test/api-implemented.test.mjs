// The list of implemented wx APIs that the compiler reads for report.json
// (runtime-shim/implemented-apis.txt) matches what the runtime implements.
// `MINIPORT_UPDATE_API_TABLE=1` rewrites it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { implementedApis } from '../src/api/index.js';
import { routeApis } from '../src/api/route/index.js';
import { navigationApis } from '../src/api/route/navigation.js';
import { apiRows } from '../src/api/table.js';

const API_TABLE = apiRows();

const file = fileURLToPath(new URL('../implemented-apis.txt', import.meta.url));
// What boot adds besides the API groups: the router's APIs and the page-scoped queries.
const pageApis = { createSelectorQuery() {}, createIntersectionObserver() {}, createMediaQueryObserver() {} };

test('implemented-apis.txt lists exactly the wx APIs the runtime implements, each a name of the API table', () => {
  const apis = implementedApis([routeApis({}), navigationApis({}), pageApis], {});
  // wx.cloud's members that the table plans (init) count by their dotted names; `env` is the
  // constant createWx defines.
  const planned = new Set(API_TABLE.filter(([, status]) => status !== 'unsupported').map(([name]) => name));
  const cloud = Object.keys(apis.cloud || {})
    .map((k) => `cloud.${k}`)
    .filter((n) => planned.has(n));
  const names = [...Object.keys(apis), ...cloud, 'env'];
  const known = new Set(API_TABLE.map(([name]) => name));
  const listed = [...new Set(['canIUse', 'nextTick', ...names])].filter((n) => known.has(n)).sort();
  const text = `${listed.join('\n')}\n`;
  if (process.env.MINIPORT_UPDATE_API_TABLE) writeFileSync(file, text);
  assert.equal(
    readFileSync(file, 'utf8'),
    text,
    'regenerate with MINIPORT_UPDATE_API_TABLE=1 node --test runtime-shim/test/api-implemented.test.mjs',
  );
  assert.ok(
    listed.includes('request') && listed.includes('navigateTo') && !listed.includes('addCard'),
    'the list holds implemented APIs only',
  );
});
