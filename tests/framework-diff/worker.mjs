// One side of the comparison in its own process: `node worker.mjs <side> <jobs.json> <out.json>`,
// side = simulate (WeChat's exparser) | miniport (the render tool's jsdom host). Running each side
// apart keeps their jsdom globals, the libraries' timers and any uncaught error of a component's
// timer out of the test process (an error is recorded on the case being rendered).
import fs from 'node:fs';
import { simulateLibrary, miniportRender, closeApps, htmlTree, printTree } from './harness.mjs';
import { runScenarioSimulate, runScenarioMiniport } from './scenarios.mjs';

const [side, jobsFile, outFile] = process.argv.slice(2);
const jobs = JSON.parse(fs.readFileSync(jobsFile, 'utf8'));
const out = {};
let current = null;
const asyncError = (e) => {
  const msg = String((e && e.stack) || e)
    .split('\n')
    .slice(0, 3)
    .join('\n');
  if (current && out[current]) (out[current].asyncErrors ||= []).push(msg);
};
process.on('uncaughtException', asyncError);
process.on('unhandledRejection', asyncError);

const loaded = new Map();
let lastRoot = null;
for (const job of jobs.cases || []) {
  current = job.key;
  if (side === 'simulate' && job.root !== lastRoot) {
    // wcc's generated code caches its expression tables in the global `__WXML_GLOBAL__` under
    // names every compilation shares: a second library must start with empty tables.
    const g = globalThis.__WXML_GLOBAL__;
    if (g) Object.assign(g, { ops_cached: {}, ops_set: {}, ops_init: {} });
    lastRoot = job.root;
  }
  const r = (out[job.key] = {});
  try {
    if (side === 'simulate') {
      const id = `${job.root}|${job.comp}`;
      if (!loaded.has(id)) {
        try {
          loaded.set(id, simulateLibrary(job.root, job.comp, new Set(jobs.tags[job.root])));
        } catch (e) {
          loaded.set(id, e);
        }
      }
      const lib = loaded.get(id);
      if (lib instanceof Error || !lib.render) throw lib;
      const s = lib.render(job.props);
      Object.assign(r, {
        tree: printTree(s.tree),
        html: s.html,
        dataKeys: s.dataKeys,
        messages: s.messages.slice(0, 5),
      });
    } else {
      const m = await miniportRender(job.dist, job.comp, job.props);
      if (m.error) r.error = m.error;
      else
        Object.assign(r, {
          tree: printTree(htmlTree(m.html)),
          html: m.html,
          dataKeys: m.dataKeys,
          messages: String(m.err || '')
            .split('\n')
            .filter(Boolean)
            .slice(0, 5),
        });
    }
  } catch (e) {
    r.error = String((e && e.stack) || e)
      .split('\n')
      .slice(0, 6)
      .join('\n');
  }
}
for (const job of jobs.scenarios || []) {
  current = job.key;
  out[job.key] = {};
  try {
    out[job.key] = side === 'simulate' ? await runScenarioSimulate(job) : await runScenarioMiniport(job);
  } catch (e) {
    out[job.key].error = String((e && e.stack) || e)
      .split('\n')
      .slice(0, 6)
      .join('\n');
  }
}
current = null;
if (side === 'miniport') {
  try {
    await closeApps();
  } catch {
    // closing is best effort
  }
}
fs.writeFileSync(outFile, JSON.stringify(out));
process.exit(0);
