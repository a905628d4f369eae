// Differential suite of the WXML compiler: every case under cases/ is rendered by WeChat's
// own wcc (the oracle), by miniprogram-simulate (official compiler, exparser, jsdom) and by
// miniport (convert + runtime-shim/tools/render.mjs), and the normalised trees are compared.
// Known differences are listed, with their reasons, in differences.json only; a listed case
// must still differ (a stale entry fails), so the list never hides a fix.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  CASES, RENDER_TOOL, MINIPORT_BIN, TMP, loadCases, wccCompile, wccRender, simulateRender, miniportRender, pool,
} from './engines.mjs';
import { project, print, simulateVisible } from './normalize.mjs';

const differences = JSON.parse(fs.readFileSync(new URL('./differences.json', import.meta.url), 'utf8'));
const cases = loadCases();
const REQUIRE_MINIPORT = process.env.MINIPORT_DIFF_REQUIRE === '1';
const haveRenderTool = fs.existsSync(RENDER_TOOL);
const haveBinary = fs.existsSync(MINIPORT_BIN);
const runMiniport = haveRenderTool && haveBinary;
const skipReason = !haveRenderTool
  ? `miniport side not run: ${path.relative(process.cwd(), RENDER_TOOL)} does not exist yet`
  : `miniport side not run: ${path.relative(process.cwd(), MINIPORT_BIN)} is not built (cargo build -p miniport)`;

// miniport: every conversion and render in the background, two at a time, while wcc and
// simulate (synchronous) run below.
const miniportResults = runMiniport
  ? pool(cases, 3, (c) => miniportRender(c).catch((e) => ({ error: String(e && e.stack || e) })))
  : null;

const results = new Map();
for (const c of cases) {
  const r = { wcc: null, sim: null, wccError: null, simError: null };
  try {
    const { root, js } = wccCompile(c);
    r.wcc = wccRender(js, c.data);
    try {
      r.sim = simulateRender(root);
    } catch (e) {
      r.simError = e;
    }
  } catch (e) {
    r.wccError = e;
  }
  results.set(c.name, r);
}
const miniport = miniportResults ? await miniportResults : null;

function listed(kind, name) {
  return Object.prototype.hasOwnProperty.call(differences[kind] || {}, name) ? differences[kind][name] : null;
}

test('differences.json names only existing cases', () => {
  const names = new Set(cases.map((c) => c.name));
  for (const kind of Object.keys(differences)) {
    if (kind.startsWith('$')) continue;
    for (const n of Object.keys(differences[kind])) assert.ok(names.has(n), `${kind}: no case named ${n}`);
  }
});

test('the suite has at least 150 cases', () => {
  assert.ok(cases.length >= 150, `only ${cases.length} cases`);
});

function mpTest(name, fn) {
  if (!runMiniport) {
    if (REQUIRE_MINIPORT) test(name, () => assert.fail(`${skipReason} (MINIPORT_DIFF_REQUIRE=1)`));
    else test(name, { skip: skipReason }, () => {});
    return;
  }
  test(name, fn);
}

for (const [i, c] of cases.entries()) {
  describe(c.name, () => {
    const r = results.get(c.name);

    if (c.name.endsWith('-rejected')) {
      // A template WeChat's compiler refuses: miniport must refuse it too, with a diagnostic
      // on the template, instead of guessing a meaning.
      test('wcc rejects it', () => {
        assert.ok(r.wccError, `wcc accepted a case named -rejected; it rendered:\n${r.wcc && print(r.wcc.tree)}`);
        assert.match(String(r.wccError.message), /index\.wxml|\.wxml|\.wxs/);
      });
      mpTest('miniport reports an error on the template', () => {
        const m = miniport[i];
        const reason = listed('miniport', c.name);
        const ok = m.templateErrors && m.templateErrors.length > 0;
        if (reason) {
          assert.ok(!ok, `listed as a deliberate miniport difference (${reason}) but miniport now rejects it: remove it from differences.json`);
          return;
        }
        assert.ok(ok, `wcc rejects this template (${String(r.wccError && r.wccError.message).trim()}) but miniport reported no error on a .wxml/.wxs file${m.error ? `: ${m.error}` : ''}\ndiagnostics: ${JSON.stringify(m.diagnostics || [])}`);
      });
      return;
    }

    test('wcc compiles and renders it', () => {
      if (r.wccError) throw r.wccError;
      assert.ok(Array.isArray(r.wcc.tree));
    });

    test('miniprogram-simulate (official compiler) renders what wcc renders', () => {
      if (r.wccError) assert.fail('wcc failed; nothing to compare');
      const want = print(project(r.wcc.tree, { attrs: simulateVisible }));
      const reason = listed('simulate', c.name);
      if (reason) {
        // A known limit of simulate: wcc (WeChat's compiler) is the reference here.
        const got = r.simError ? null : print(project(r.sim.tree, { attrs: simulateVisible }));
        assert.notEqual(got, want, `listed as a simulate disagreement (${reason}) but simulate now agrees with wcc: remove it from differences.json`);
        return;
      }
      if (r.simError) throw r.simError;
      const got = print(project(r.sim.tree, { attrs: simulateVisible }));
      assert.equal(got, want, `simulate differs from wcc (wcc is the reference)\nsimulate DOM: ${r.sim.html}`);
    });

    mpTest('miniport renders what wcc renders', () => {
      if (r.wccError) assert.fail('wcc failed; nothing to compare');
      const m = miniport[i];
      const reason = listed('miniport', c.name);
      const want = print(project(r.wcc.tree, { events: false }));
      if (reason) {
        const got = m.error ? null : print(project(m.tree, { events: false }));
        assert.notEqual(got, want, `listed as a deliberate miniport difference (${reason}) but miniport now agrees with wcc: remove it from differences.json`);
        return;
      }
      if (m.error) assert.fail(m.error);
      const got = print(project(m.tree, { events: false }));
      assert.equal(got, want, `miniport differs from wcc (case ${path.relative(process.cwd(), path.join(CASES, c.name))}, converted app under ${TMP})\nrender.mjs printed: ${m.html}`);
    });
  });
}
