// The runtime's folders are layers that import only downward (the order is documented in
// src/index.js): every `import`/`export … from`, `import()` and `new URL(…, import.meta.url)` of
// runtime-shim/src names an existing file of the same or a lower layer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../src/', import.meta.url));

/**
 * The layers, lowest first; a module may import from its own layer and the ones before it.
 * `api/*` is every group folder of api/ (api/core/, api/media/, …), `api` the files directly in
 * api/ (the `wx` surface), `index.js` the entry module.
 */
const LAYERS = [
  ['core'],
  ['telegram'],
  ['render'],
  ['dom'],
  ['framework', 'modules'],
  ['router', 'components'],
  ['api/*'],
  ['api'],
  ['index.js'],
];

/** The layer's name of `rel` (a path inside src/): its folder, `api/*` for an API group, or the file at the top. */
function unitOf(rel) {
  const parts = rel.split('/');
  if (parts.length === 1) return rel;
  if (parts[0] === 'api') return parts.length > 2 ? 'api/*' : 'api';
  return parts[0];
}

/** The index in LAYERS of `rel`'s layer, -1 when no layer holds it. */
function rankOf(rel) {
  const unit = unitOf(rel);
  return LAYERS.findIndex((layer) => layer.includes(unit));
}

const SPECIFIERS = [
  /\b(?:import|export)\s*(?:[\w*{}\s,$]*?\sfrom\s*)?['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\bnew\s+URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url/g,
];

/** The relative specifiers `text` imports, loads or names as a URL next to itself. */
function specifiers(text) {
  const out = new Set();
  for (const re of SPECIFIERS) for (const m of text.matchAll(re)) if (m[1].startsWith('.')) out.add(m[1]);
  return [...out];
}

/**
 * What breaks the layering in `files` (`{ rel: source text }`, paths inside src/): a JavaScript module
 * outside every layer, an import of a missing file, an import from a higher layer. One line each.
 */
function violations(files) {
  const out = [];
  for (const [rel, text] of Object.entries(files)) {
    if (!rel.endsWith('.js')) continue; // stylesheets import nothing
    const rank = rankOf(rel);
    if (rank < 0) {
      out.push(`${rel}: its folder is in no layer (add it to LAYERS in runtime-shim/test/layers.test.mjs)`);
      continue;
    }
    for (const spec of specifiers(text)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec));
      if (!(target in files)) out.push(`${rel}: imports ${spec}, which is not a runtime file`);
      else if (rankOf(target) > rank) {
        out.push(`${rel} (${unitOf(rel)}) imports ${spec} from a higher layer (${unitOf(target)})`);
      }
    }
  }
  return out;
}

function runtimeFiles() {
  const files = {};
  for (const f of readdirSync(src, { recursive: true })) {
    const rel = f.split(path.sep).join('/');
    if (rel.endsWith('.js') || rel.endsWith('.css')) files[rel] = readFileSync(path.join(src, rel), 'utf8');
  }
  return files;
}

test('every runtime module imports only from its own layer or a lower one', () => {
  const files = runtimeFiles();
  assert.ok(Object.keys(files).length > 50, 'found the runtime');
  assert.deepEqual(violations(files), []);
});

test('an upward import, a file outside the layers and a missing file are each reported', () => {
  const files = {
    'core/callback.js': 'export const settle = 1;\n',
    'dom/patch.js': "import { settle } from '../core/callback.js';\nimport { createWx } from '../api/index.js';\n",
    'api/index.js': "export { coreApis } from './core/index.js';\n",
    'api/core/index.js': "export const coreApis = () => import('../../router/router.js');\n",
    'router/router.js': "const boot = new URL('../index.js', import.meta.url);\nimport('./gone.js');\n",
    'index.js': "import './api/index.js';\n",
    'extra/thing.js': "import '../core/callback.js';\n",
  };
  assert.deepEqual(violations(files).sort(), [
    'dom/patch.js (dom) imports ../api/index.js from a higher layer (api)',
    'extra/thing.js: its folder is in no layer (add it to LAYERS in runtime-shim/test/layers.test.mjs)',
    'router/router.js (router) imports ../index.js from a higher layer (index.js)',
    'router/router.js: imports ./gone.js, which is not a runtime file',
  ]);
});
