// Runs the chunks the compiler emitted for fixtures/script/* (written by the Rust test
// `script_node` into target/script-fixtures/, or the folder in MINIPORT_EMITTED_DIR) with
// stub globals, and checks what the app's modules compute. Skipped when nothing was emitted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { createRegistry } from '../src/modules/registry.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const emitted = process.env.MINIPORT_EMITTED_DIR || join(root, 'target/script-fixtures');
const skip = existsSync(emitted) ? false : `no emitted fixtures in ${emitted} (run cargo test --test it script_node)`;

// Values made in another context have other prototypes: compare their JSON.
const plain = (value) => JSON.parse(JSON.stringify(value));

// A fresh context per app: stub WeChat globals that record what the modules register.
function boot(app) {
  const dir = join(emitted, app);
  const config = JSON.parse(
    readFileSync(join(dir, 'app-config.js'), 'utf8')
      .replace(/^globalThis.__miniportConfig = /, '')
      .replace(/;\s*$/, ''),
  );
  const seen = { app: null, pages: [], storage: {} };
  const context = vm.createContext({
    App: (options) => {
      seen.app = options;
    },
    Page: (options) => {
      seen.pages.push(options);
    },
    Component: (options) => {
      seen.pages.push(options);
    },
    Behavior: (options) => options,
    getApp: () => seen.app,
    wx: {
      setStorageSync: (k, v) => {
        seen.storage[k] = v;
      },
      loadSubpackage: () => {},
    },
    console,
  });
  const run = (chunk) => vm.runInContext(readFileSync(join(dir, chunk), 'utf8'), context, { filename: chunk });
  const registry = createRegistry({
    loadChunk: async (path) => {
      const root = Object.keys(config.scripts.packages).find((r) => path.startsWith(`${r}/`));
      if (root) run(config.scripts.packages[root]);
    },
  });
  registry.install(context);
  run(config.scripts.main);
  return { config, registry, seen, run };
}

test('modules require each other: relative, absolute, npm, alias, JSON, cycles, ES interop, TypeScript', {
  skip,
}, () => {
  const { config, registry, seen } = boot('modules');
  registry.require(config.scripts.app);
  seen.app.onLaunch();
  assert.deepEqual(seen.storage, { launched: true });
  assert.deepEqual(plain(seen.app.globalData), {
    sum: 5,
    same: true,
    upper: 'WX',
    padded: '007',
    twice: 42,
    greeting: 'hello, mini',
    configName: 'modules fixture',
    cycle: 'a sees b, b saw a',
    esm: {
      defaultOfCommonJs: 2,
      namedOfCommonJs: 4,
      namespaceOfCommonJs: 'NS:object',
      defaultFunction: '01',
      reexported: 10,
      reexportedDefault: '1.0.0',
      starSkipsDefault: 'no default',
      liveBinding: 1,
    },
    typed: 12,
  });
  registry.require(config.scripts.pages['pages/index/index']);
  assert.equal(seen.pages[0].data.total, 3);
});

test('a page with a syntax error throws it when required; the other pages still boot', { skip }, () => {
  const { config, registry, seen } = boot('syntax-error');
  registry.require(config.scripts.app);
  registry.require(config.scripts.pages['pages/good/good']);
  assert.equal(seen.pages[0].data.ok, true);
  assert.throws(
    () => registry.require(config.scripts.pages['pages/broken/broken']),
    (e) => e.name === 'SyntaxError' && /broken\.js/.test(e.message),
  );
});

test('require.async loads a subpackage chunk on first use', { skip }, async () => {
  const { config, registry, seen } = boot('subpackages');
  assert.equal(registry.has('packageA/utils/list.js'), false);
  registry.require(config.scripts.pages['pages/index/index']);
  const page = seen.pages[0];
  let data = null;
  page.setData = (d) => {
    data = d;
  };
  page.onLoad();
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(plain(data), { items: ['tea', 'teapot'] });
});
