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
  CASES,
  RENDER_TOOL,
  MINIPORT_BIN,
  TMP,
  loadCases,
  wccCompile,
  wccRender,
  simulateRender,
  miniportRender,
  pool,
} from './engines.mjs';
import { createRequire } from 'node:module';
import { project, print, simulateVisible, fromDom, parseEvent } from './normalize.mjs';

const { JSDOM } = createRequire(import.meta.url)('jsdom');

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
  ? pool(cases, 3, (c) => miniportRender(c).catch((e) => ({ error: String((e && e.stack) || e) })))
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

// The HTML that a faithful render tool would print for wcc's tree (built-ins as `wx-*`
// elements, attributes as strings, text as displayed). Reading it back through the HTML path
// must give wcc's normal form: this checks the normalisation of side (c) on every case even
// before miniport can render.
const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const esc = (t) => String(t).replace(/[&<>"]/g, (ch) => ESC[ch]);
const TEXT_DECODE = { nbsp: '\u00a0', lt: '<', gt: '>', amp: '&', apos: "'", ensp: '\u2002', emsp: '\u2003' };
function wccToHtml(nodes, decode = false) {
  let s = '';
  for (const n of nodes || []) {
    if (n === undefined || n === null) continue;
    if (typeof n !== 'object') {
      const t = decode ? String(n).replace(/&(nbsp|lt|gt|amp|apos|ensp|emsp);/g, (_, e) => TEXT_DECODE[e]) : String(n);
      s += esc(t);
      continue;
    }
    if (n.tag === 'virtual') {
      s += wccToHtml(n.children, decode);
      continue;
    }
    if (n.tag === 'wx-slot') continue;
    const attr = n.attr || {};
    let a = '';
    for (const k of Object.keys(attr)) {
      const v = attr[k];
      if (v === undefined || parseEvent(k)) continue;
      if ((k === 'class' || k === 'style') && v === null) continue;
      if (k === 'hidden') {
        if (v) a += ' hidden';
        continue;
      }
      a += ` ${k}="${esc(v)}"`;
    }
    const d = n.tag === 'wx-text' ? !!attr.decode : decode;
    s += `<${n.tag}${a}>${wccToHtml(n.children, d)}</${n.tag}>`;
  }
  return s;
}

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
          assert.ok(
            !ok,
            `listed as a deliberate miniport difference (${reason}) but miniport now rejects it: remove `
              + `it from differences.json`,
          );
          return;
        }
        assert.ok(
          ok,
          `wcc rejects this template (${String(r.wccError && r.wccError.message).trim()}) but miniport `
            + `reported no error on a .wxml/.wxs file${m.error ? `: ${m.error}` : ''}\ndiagnostics: `
            + `${JSON.stringify(m.diagnostics || [])}`,
        );
      });
      return;
    }

    test('wcc compiles and renders it', () => {
      if (r.wccError) throw r.wccError;
      assert.ok(Array.isArray(r.wcc.tree));
    });

    test("normalisation: wcc's tree printed as HTML reads back the same", () => {
      if (r.wccError) assert.fail('wcc failed; nothing to compare');
      const back = fromDom(JSDOM.fragment(`<wxml-root>${wccToHtml(r.wcc.raw.children)}</wxml-root>`).firstChild, {
        raw: false,
      });
      assert.equal(print(project(back, { events: false })), print(project(r.wcc.tree, { events: false })));
    });

    test('miniprogram-simulate (official compiler) renders what wcc renders', () => {
      if (r.wccError) assert.fail('wcc failed; nothing to compare');
      const want = print(project(r.wcc.tree, { attrs: simulateVisible }));
      const reason = listed('simulate', c.name);
      if (reason) {
        // A known limit of simulate: wcc (WeChat's compiler) is the reference here.
        const got = r.simError ? null : print(project(r.sim.tree, { attrs: simulateVisible }));
        assert.notEqual(
          got,
          want,
          `listed as a simulate disagreement (${reason}) but simulate now agrees with wcc: remove it `
            + `from differences.json`,
        );
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
        assert.notEqual(
          got,
          want,
          `listed as a deliberate miniport difference (${reason}) but miniport now agrees with wcc: `
            + `remove it from differences.json`,
        );
        return;
      }
      if (m.error) assert.fail(m.error);
      const got = print(project(m.tree, { events: false }));
      assert.equal(
        got,
        want,
        `miniport differs from wcc (case ${path.relative(process.cwd(), path.join(CASES, c.name))}, `
          + `converted app under ${TMP})\nrender.mjs printed: ${m.html}`,
      );
    });
  });
}
