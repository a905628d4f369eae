// The module registry: define/require, relative and absolute paths, npm lookup, JSON,
// CommonJS cycles, ES module interop helpers, require.async and dynamic require.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRegistry } from '../src/modules/registry.js';

test('require resolves relative, absolute and folder index paths', () => {
  const r = createRegistry();
  r.define('utils/a.js', (require, module) => {
    module.exports = { a: 1 };
  });
  r.define('utils/b/index.js', (require, module, exports) => {
    exports.b = require('../a').a + 1;
  });
  r.define('app.js', (require, module) => {
    module.exports = [require('./utils/a.js').a, require('/utils/b').b, require('utils/a').a];
  });
  assert.deepEqual(r.require('app.js'), [1, 2, 1]);
});

test('compile-time dependency maps win over run-time lookup', () => {
  const r = createRegistry();
  r.define('x/real.js', (require, module) => {
    module.exports = 'real';
  });
  r.define(
    'app.js',
    (require, module) => {
      module.exports = require('@alias/thing');
    },
    { '@alias/thing': 'x/real.js' },
  );
  assert.equal(r.require('app.js'), 'real');
});

test('npm packages are found in the nearest miniprogram_npm', () => {
  const r = createRegistry();
  r.define('miniprogram_npm/pkg/index.js', (require, module) => {
    module.exports = 'root';
  });
  r.define('sub/miniprogram_npm/pkg/index.js', (require, module) => {
    module.exports = 'sub';
  });
  r.define('sub/page.js', (require, module) => {
    module.exports = require('pkg');
  });
  r.define('page.js', (require, module) => {
    module.exports = require('pkg');
  });
  assert.equal(r.require('sub/page.js'), 'sub');
  assert.equal(r.require('page.js'), 'root');
});

test('modules run once and cycles see partial exports as in CommonJS', () => {
  const r = createRegistry();
  let runs = 0;
  r.define('a.js', (require, module, exports) => {
    runs += 1;
    exports.early = true;
    exports.fromB = require('./b').sawEarly;
  });
  r.define('b.js', (require, module, exports) => {
    exports.sawEarly = require('./a').early;
  });
  assert.equal(r.require('a.js').fromB, true);
  r.require('a.js');
  assert.equal(runs, 1);
});

test('a missing module throws WeChat-style, and a throwing module can be retried', () => {
  const r = createRegistry();
  let fail = true;
  r.define('flaky.js', (require, module) => {
    if (fail) throw new Error('boom');
    module.exports = 1;
  });
  r.define('app.js', (require, module) => {
    module.exports = () => require('./nope');
  });
  assert.throws(() => r.require('app.js')(), /module "\.\/nope" is not defined/);
  assert.throws(() => r.require('flaky.js'), /boom/);
  fail = false;
  assert.equal(r.require('flaky.js'), 1);
});

test('a computed path is looked up in the registry at run time', () => {
  const r = createRegistry();
  r.define('locales/en.js', (require, module) => {
    module.exports = 'hello';
  });
  r.define('app.js', (require, module) => {
    const lang = 'en';
    module.exports = require(`./locales/${lang}`);
  });
  assert.equal(r.require('app.js'), 'hello');
});

test('interop helpers follow Babel: default of CommonJS, namespaces, export *', () => {
  const r = createRegistry();
  r.define('cjs.js', (require, module) => {
    module.exports = { x: 1 };
  });
  r.define('esm.js', (require, module, exports) => {
    'use strict';
    let n = 0;
    require.esm(exports, {
      n: () => n,
      default: () => 'def',
      inc: () => () => {
        n += 1;
      },
    });
  });
  r.define('star.js', (require, module, exports) => {
    require.esm(exports, { own: () => 'own' });
    require.reexport(exports, require('./esm'));
  });
  r.define('app.js', (require, module) => {
    const cjs = require('./cjs');
    const esm = require('./esm');
    esm.inc();
    module.exports = {
      cjsDefault: require.interop(cjs).default,
      esmDefault: require.interop(esm).default,
      ns: require.namespace(cjs),
      live: esm.n,
      star: Object.keys(require('./star')).sort(),
    };
  });
  const out = r.require('app.js');
  assert.deepEqual(out.cjsDefault, { x: 1 });
  assert.equal(out.esmDefault, 'def');
  assert.equal(out.ns.x, 1);
  assert.deepEqual(out.ns.default, { x: 1 });
  assert.equal(out.live, 1);
  assert.deepEqual(out.star, ['inc', 'n', 'own']);
});

test('require.async loads the chunk of a module not defined yet', async () => {
  const loaded = [];
  const r = createRegistry({
    loadChunk: async (path) => {
      loaded.push(path);
      r.define('sub/x.js', (require, module) => {
        module.exports = 'lazy';
      });
    },
  });
  r.define(
    'app.js',
    (require, module) => {
      module.exports = require.async('./sub/x');
    },
    { './sub/x': 'sub/x.js' },
  );
  assert.equal(await r.require('app.js'), 'lazy');
  assert.deepEqual(loaded, ['sub/x.js']);
});

test('install exposes define as the global the chunks call', () => {
  const target = {};
  const r = createRegistry().install(target);
  target.__miniportDefine('a.js', (require, module) => {
    module.exports = 7;
  });
  assert.equal(r.require('a.js'), 7);
  assert.deepEqual(r.modules(), ['a.js']);
});
