// Behaviour sequences on the components of fixtures/framework: each scenario of scenarios/ is
// mounted and driven (setData, setProps, events) by WeChat's exparser (miniprogram-simulate)
// and by miniport's jsdom host (runtime-shim/tools/dom-host.mjs); the normalised tree and the
// components' log are compared after mounting and after every step. Where j-component cannot
// be the reference (it ignores relations), a scenario says `"reference": "documented"` and
// carries WeChat's documented outcome in `expected`. Differences: differences.json, "scenarios".
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, DIR, TMP, MINIPORT_BIN, convert, runSides, readDifferences, lineDiff, haveDomHost } from './harness.mjs';
import { loadScenarios } from './scenarios.mjs';

const FIXTURE = path.join(ROOT, 'fixtures/framework');
const differences = readDifferences();
const ONLY = process.env.FRAMEWORK_DIFF_ONLY || '';
const scenarios = loadScenarios(path.join(DIR, 'scenarios')).filter((s) => s.name.startsWith(ONLY));
const runMiniport = fs.existsSync(MINIPORT_BIN) && haveDomHost();
const skipReason = !haveDomHost()
  ? 'dom-host.mjs not available yet'
  : 'target/debug/miniport is not built (cargo build -p miniport)';

let conversion = null;
if (runMiniport) {
  try {
    conversion = await convert(FIXTURE, 'framework');
  } catch (e) {
    conversion = { error: e };
  }
}
const jobs = {
  scenarios: scenarios.map((s) => ({ key: s.name, root: FIXTURE, dist: conversion && conversion.dist, scenario: s })),
};
const sides = await runSides(jobs, runMiniport && !conversion.error ? ['simulate', 'miniport'] : ['simulate']);

const listed = (key) =>
  Object.prototype.hasOwnProperty.call(differences.scenarios, key) ? differences.scenarios[key] : null;
const logText = (log, order) => {
  const lines = (log || []).map((e) => JSON.stringify(e));
  return (order === 'any' ? lines.sort() : lines).join('\n');
};

test('differences.json: every scenario entry names an existing step and a known reason', () => {
  for (const [key, reason] of Object.entries(differences.scenarios)) {
    const [name, step] = key.split('#');
    const s = scenarios.find((x) => x.name === name);
    if (!ONLY)
      assert.ok(s && Number(step) <= s.steps.length, `differences.json lists ${key}, which is not a scenario step`);
    assert.ok(differences.reasons[String(reason).split(':')[0]], `${key}: unknown reason "${reason}"`);
  }
});

test('fixtures/framework converts in library mode', { skip: runMiniport ? false : skipReason }, () => {
  if (conversion.error) throw conversion.error;
  assert.equal(
    conversion.report && conversion.report.summary.errors,
    0,
    JSON.stringify(conversion.report && conversion.report.diagnostics),
  );
});

for (const s of scenarios) {
  describe(`scenario ${s.name}`, () => {
    const sim = sides.simulate[s.name] || { error: 'no result' };
    const documented = s.reference === 'documented';
    test('exparser runs it', () => {
      if (sim.error) assert.fail(sim.error);
      assert.equal(sim.steps.length, s.steps.length + 1);
    });
    const count = s.steps.length + 1;
    for (let i = 0; i < count; i++) {
      const what = i === 0 ? 'after mounting' : `after step ${i} ${JSON.stringify(s.steps[i - 1])}`;
      const key = `${s.name}#${i}`;
      if (!runMiniport || conversion.error) {
        test(`miniport matches ${documented ? 'the documented behaviour' : 'exparser'} ${what}`, {
          skip: conversion && conversion.error ? String(conversion.error) : skipReason,
        }, () => {});
        continue;
      }
      test(`miniport matches ${documented ? 'the documented behaviour' : 'exparser'} ${what}`, () => {
        const mp = sides.miniport[s.name] || { error: 'no result' };
        const reason = listed(key);
        let problem = null;
        if (sim.error) problem = `exparser failed: ${sim.error}`;
        else if (mp.error) problem = `miniport failed: ${mp.error}`;
        else {
          const exp = (documented && s.expected && s.expected[i]) || {};
          const wantTree = exp.tree !== undefined ? exp.tree : sim.steps[i].tree;
          const wantLog = logText(exp.log !== undefined ? exp.log : sim.steps[i].log, s.logOrder);
          const gotTree = mp.steps[i].tree;
          const gotLog = logText(mp.steps[i].log, s.logOrder);
          if (gotTree !== wantTree) problem = `tree (- reference, + miniport):\n${lineDiff(wantTree, gotTree)}`;
          if (gotLog !== wantLog)
            problem = `${problem ? `${problem}\n` : ''}log (- reference, + miniport):\n${lineDiff(wantLog, gotLog)}`;
        }
        if (reason) {
          assert.ok(
            problem,
            `${key} is listed in differences.json (${reason}) but miniport now matches: remove the entry`,
          );
          return;
        }
        if (problem)
          assert.fail(
            `${key} ${what}: ${problem}\n(miniport warnings: ${JSON.stringify(mp.warnings || [])}; `
              + `converted fixture under ${TMP})`,
          );
      });
    }
  });
}
