// Behaviour sequences: one scenario (`scenarios/*.json`) run on one side. After mounting and
// after every step the side records the normalised tree and the log lines the fixture's
// components wrote (`fd <json>` on console.log, see fixtures/framework/common/log.js).
//
// scenario = { component, props?, steps: [ {setData} | {setProps} | {dispatch: {selector, type, detail}} ] }
// A selector is a space-separated chain of `#id`s, each inside the previous one's component
// (exparser: querySelector from component to component; miniport: a CSS descendant selector
// on the light DOM).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { setupSimulate, simulateTree, htmlTree, printTree, ROOT_TAG, usedTags, loadDomHost } from './harness.mjs';

const require = createRequire(import.meta.url);

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const LOG_PREFIX = 'fd ';

function logLines(lines) {
  return lines.filter((l) => l.startsWith(LOG_PREFIX)).map((l) => JSON.parse(l.slice(LOG_PREFIX.length)));
}

/** WeChat's side: exparser through miniprogram-simulate. */
export async function runScenarioSimulate(job) {
  const { root, scenario } = job;
  const sim = setupSimulate();
  if (typeof globalThis.getCurrentPages !== 'function') globalThis.getCurrentPages = () => [];
  for (const k of Object.keys(require.cache)) if (k.startsWith(root + path.sep)) delete require.cache[k];
  const g = globalThis.__WXML_GLOBAL__;
  if (g) Object.assign(g, { ops_cached: {}, ops_set: {}, ops_init: {} });
  const tags = usedTags(root);
  tags.add(ROOT_TAG);
  const lines = [];
  const saved = console.log;
  console.log = (...a) => lines.push(a.map(String).join(' '));
  const steps = [];
  let seen = 0;
  const snapshot = (parent) => {
    const all = logLines(lines);
    steps.push({ tree: printTree(simulateTree(parent.firstElementChild, tags)), log: all.slice(seen) });
    seen = all.length;
  };
  try {
    const id = sim.load(path.join(root, scenario.component), ROOT_TAG, { compiler: 'official', rootPath: root });
    const comp = sim.render(id, scenario.props || {});
    const parent = document.createElement('fd-parent');
    comp.attach(parent);
    await tick();
    snapshot(parent);
    for (const step of scenario.steps || []) {
      if (step.setData) {
        comp.setData(step.setData);
      } else if (step.setProps) {
        // A parent passing new property values, as j-component's own template renderer does.
        const exparser = require('miniprogram-exparser');
        const proxy = exparser.Component.getDataProxy(comp._exparserNode);
        for (const [k, v] of Object.entries(step.setProps)) proxy.scheduleReplace([k], v);
        proxy.doUpdates(true);
      } else if (step.dispatch) {
        let target = comp;
        for (const sel of step.dispatch.selector.split(/\s+/)) {
          target = target && target.querySelector(sel);
        }
        if (!target) throw new Error(`no node matches ${step.dispatch.selector}`);
        target.dispatchEvent(step.dispatch.type, { detail: step.dispatch.detail || {} });
      }
      await tick();
      await tick();
      snapshot(parent);
    }
    return { steps };
  } finally {
    console.log = saved;
  }
}

/** miniport's side: the render tool's jsdom host (runtime-shim/tools/dom-host.mjs), one app per scenario. */
export async function runScenarioMiniport(job) {
  const { dist, scenario } = job;
  const host = await loadDomHost();
  const app = await host.createApp(dist);
  try {
    const m = await app.mountComponent(scenario.component, scenario.props || {});
    const steps = [];
    let seen = 0;
    const snapshot = () => {
      const all = logLines(m.log);
      steps.push({ tree: printTree(htmlTree(m.html())), log: all.slice(seen) });
      seen = all.length;
    };
    snapshot();
    for (const step of scenario.steps || []) {
      if (step.setData) await m.setData(step.setData);
      else if (step.setProps) await m.setProps(step.setProps);
      else if (step.dispatch) await m.dispatch(step.dispatch.selector, step.dispatch.type, step.dispatch.detail || {});
      snapshot();
    }
    try {
      m.unmount();
    } catch {
      // unmounting is not compared
    }
    return { steps, warnings: app.warnings.slice(0, 5) };
  } finally {
    app.close();
  }
}

export function loadScenarios(dir) {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f.replace(/\.json$/, ''), ...JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) }));
}
