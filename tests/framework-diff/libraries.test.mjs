// Every component of @vant/weapp and weui-miniprogram, rendered with its default properties and
// with the property sets of props.json, by WeChat's exparser (miniprogram-simulate, official
// compiler) and by miniport (library-mode conversion, then the render tool), compared as
// normalised trees. Differences are listed in differences.json (section "library"): an
// unlisted difference fails, and so does a listed one that no longer occurs.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  LIBRARIES,
  ROOT_TAG,
  DIR,
  TMP,
  MINIPORT_BIN,
  RENDER_TOOL,
  listComponents,
  usedTags,
  convert,
  runSides,
  readDifferences,
  lineDiff,
} from './harness.mjs';

const PROPS = JSON.parse(fs.readFileSync(path.join(DIR, 'props.json'), 'utf8'));
const differences = readDifferences();
const UPDATE = process.env.FRAMEWORK_DIFF_UPDATE === '1';
// FRAMEWORK_DIFF_ONLY=vant:button/index runs one component (or a prefix: vant:, weui:cell).
const ONLY = process.env.FRAMEWORK_DIFF_ONLY || '';

const runMiniport = fs.existsSync(MINIPORT_BIN) && fs.existsSync(RENDER_TOOL);
const skipReason = fs.existsSync(MINIPORT_BIN)
  ? 'runtime-shim/tools/render.mjs does not exist'
  : 'target/debug/miniport is not built (cargo build -p miniport)';

/** Every case: { key, libId, comp, index, props, want?, simError?, got?, mpError? } */
const cases = [];
const conversions = {};
const tagsByRoot = {};
for (const [libId, lib] of Object.entries(LIBRARIES)) {
  if (!fs.existsSync(lib.root)) continue;
  const components = listComponents(lib.root).filter(
    (c) => `${libId}:${c.path}`.startsWith(ONLY) || ONLY.startsWith(`${libId}:${c.path}`),
  );
  if (!components.length) continue;
  const tags = usedTags(lib.root);
  tags.add(ROOT_TAG);
  tagsByRoot[lib.root] = [...tags];
  for (const c of components) {
    const sets = [{}, ...((PROPS[libId] || {})[c.path] || [])];
    sets.forEach((props, index) =>
      cases.push({ key: `${libId}:${c.path}#${index}`, libId, comp: c.path, index, props, root: lib.root }),
    );
  }
  conversions[libId] = {
    components,
    conversion: runMiniport ? convert(lib.root, libId).catch((e) => ({ error: e })) : null,
  };
}

// Convert each library once, then render every case on both sides, each side in its own process.
for (const conv of Object.values(conversions)) {
  const r = conv.conversion && (await conv.conversion);
  if (r && r.error) conv.error = r.error;
  else conv.result = r;
}
const jobs = {
  tags: tagsByRoot,
  cases: cases.map((k) => ({
    key: k.key,
    root: k.root,
    comp: k.comp,
    props: k.props,
    dist: conversions[k.libId].result && conversions[k.libId].result.dist,
  })),
};
const sides = await runSides(jobs, runMiniport ? ['simulate', 'miniport'] : ['simulate']);
for (const k of cases) {
  const s = sides.simulate[k.key] || { error: 'no result' };
  if (s.error) k.simError = new Error(s.error);
  else Object.assign(k, { want: s.tree, simHtml: s.html, simMessages: s.messages, simKeys: s.dataKeys });
  if (!runMiniport) continue;
  const conv = conversions[k.libId];
  const m = conv.error ? { error: String(conv.error) } : sides.miniport[k.key] || { error: 'no result' };
  if (m.error) k.mpError = m.error;
  else
    Object.assign(k, {
      got: m.tree,
      mpHtml: m.html,
      mpMessages: m.messages,
      mpAsync: m.asyncErrors,
      mpKeys: m.dataKeys,
    });
}

const listed = (key) =>
  Object.prototype.hasOwnProperty.call(differences.library, key) ? differences.library[key] : null;
const differs = (k) => k.simError || k.mpError || k.want !== k.got;

if (UPDATE && runMiniport && !ONLY) {
  // Rewrites the "library" section: entries that still differ keep their reason, new ones
  // are "unclassified" (which fails below until someone writes the reason).
  const next = {};
  const report = [];
  for (const k of cases) {
    if (!differs(k)) continue;
    next[k.key] = listed(k.key) || 'unclassified';
    report.push(
      `=== ${k.key} ${JSON.stringify(k.props)} [${next[k.key]}] data keys: exparser ${k.simKeys}, miniport ${k.mpKeys}`,
    );
    if (k.simError) report.push(`simulate: ${k.simError}`);
    if (k.mpError) report.push(`miniport: ${k.mpError}`);
    if (!k.simError && !k.mpError) report.push(lineDiff(k.want, k.got));
    if (k.mpMessages && k.mpMessages.length)
      report.push(`miniport warnings: ${k.mpMessages.join(' | ').slice(0, 400)}`);
    if (k.mpAsync) report.push(`miniport async errors: ${k.mpAsync.join(' | ').slice(0, 400)}`);
  }
  differences.library = next;
  fs.writeFileSync(path.join(DIR, 'differences.json'), `${JSON.stringify(differences, null, 2)}\n`);
  fs.writeFileSync(path.join(TMP, 'library-diffs.txt'), report.join('\n'));
  console.log(`framework-diff: wrote differences.json; details in ${path.join(TMP, 'library-diffs.txt')}`);
}

test('differences.json: every library entry names an existing case and a known reason', () => {
  const keys = new Set(cases.map((k) => k.key));
  for (const [key, reason] of Object.entries(differences.library)) {
    if (!ONLY) assert.ok(keys.has(key), `differences.json lists ${key}, which is not a case`);
    const id = String(reason).split(':')[0];
    assert.notEqual(id, 'unclassified', `${key}: write the reason of this difference`);
    assert.ok(differences.reasons[id], `${key}: unknown reason id "${id}" (add it to "reasons")`);
  }
});

test('every component of both libraries is compared (at least 80) with at least 3 property sets for 20 of them', {
  skip: ONLY ? 'FRAMEWORK_DIFF_ONLY set' : false,
}, () => {
  const comps = new Set(cases.map((k) => `${k.libId}:${k.comp}`));
  assert.ok(comps.size >= 80, `only ${comps.size} components`);
  const rich = [...comps].filter((c) => cases.filter((k) => `${k.libId}:${k.comp}` === c && k.index > 0).length >= 3);
  assert.ok(rich.length >= 20, `only ${rich.length} components with 3 property sets`);
});

for (const [libId, { components }] of Object.entries(conversions)) {
  test(`${libId}: the library converts in library mode with every component`, {
    skip: runMiniport ? false : skipReason,
  }, () => {
    const conv = conversions[libId];
    if (conv.error) throw conv.error;
    const report = conv.result.report;
    assert.ok(report, 'miniport convert printed no JSON report');
    const text = fs.readFileSync(path.join(conv.result.dist, 'app-config.js'), 'utf8');
    const config = JSON.parse(text.replace(/^\s*globalThis\.__miniportConfig\s*=\s*/, '').replace(/;\s*$/, ''));
    assert.equal(config.mode, 'library');
    for (const c of components) assert.ok(config.components[c.path], `${c.path} is not in the converted library`);
  });
}

const byComponent = new Map();
for (const k of cases) {
  const id = `${k.libId}:${k.comp}`;
  if (!byComponent.has(id)) byComponent.set(id, []);
  byComponent.get(id).push(k);
}

for (const [id, list] of byComponent) {
  describe(id, () => {
    for (const k of list) {
      const name = k.index === 0 ? 'default properties' : `properties ${JSON.stringify(k.props)}`;
      if (!runMiniport) {
        test(`exparser renders it (${name})`, () => {
          if (k.simError && !listed(k.key)) throw k.simError;
        });
        test(`miniport renders what exparser renders (${name})`, { skip: skipReason }, () => {});
        continue;
      }
      test(`miniport renders what exparser renders (${name})`, () => {
        const reason = listed(k.key);
        if (reason) {
          assert.ok(
            differs(k),
            `${k.key} is listed in differences.json (${reason}) but miniport now renders what exparser `
              + `renders: remove the entry`,
          );
          return;
        }
        if (k.simError) assert.fail(`exparser could not render ${k.key}: ${k.simError && k.simError.stack}`);
        if (k.mpError) assert.fail(`miniport could not render ${k.key}: ${k.mpError}`);
        assert.equal(
          k.got,
          k.want,
          `${k.key} differs (- exparser, + miniport; list it in differences.json with its reason if it `
            + `is not a bug; converted library under ${TMP}):\n${lineDiff(k.want, k.got)}\nexparser DOM: `
            + `${k.simHtml}\nminiport HTML: ${k.mpHtml}`,
        );
      });
    }
  });
}
