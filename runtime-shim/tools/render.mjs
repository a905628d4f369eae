#!/usr/bin/env node
// Render tool: prints a converted page (or a library component) as HTML, running the app's own
// compiled template modules and scripts. Usage:
//   node runtime-shim/tools/render.mjs <dist> <route>
//   node runtime-shim/tools/render.mjs <dist> --component <path> [--props <json>]
import { componentData, createHost, importFrom, mountPage, readConfig } from './host.mjs';

function usage(message) {
  process.stderr.write(`render.mjs: ${message}\nusage: render.mjs <dist> <route> | render.mjs <dist> --component <path> [--props <json>]\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const [dist, ...rest] = argv;
  if (!dist) usage('missing <dist>');
  const args = { dist };
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--component') args.component = rest[++i];
    else if (rest[i] === '--props') args.props = rest[++i];
    else if (!args.route) args.route = rest[i].replace(/^\//, '');
    else usage(`unexpected argument ${rest[i]}`);
  }
  if (!args.route && !args.component) usage('missing <route> or --component <path>');
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const config = readConfig(args.dist);
  const { $, expand, toHTML } = await importFrom(args.dist, 'miniport/render/index.js');
  const host = await createHost(args.dist, config);
  if (!host.available) {
    process.stderr.write('render.mjs: this output has no page scripts (no `scripts` in app-config.js); rendering with empty data\n');
  }
  const modules = new Map();
  for (const [path, info] of Object.entries(config.components || {})) {
    if (info.template) modules.set(path, await importFrom(args.dist, info.template));
  }
  const env = {
    components: config.components || {},
    modules,
    data: (path, props) => (host.available ? componentData(host, path, props) : props),
  };

  let tree;
  if (args.component) {
    const info = config.components && config.components[args.component];
    if (!info) usage(`no component "${args.component}" in ${args.dist}`);
    let props = {};
    try {
      props = args.props ? JSON.parse(args.props) : {};
    } catch (e) {
      usage(`--props is not JSON: ${e.message}`);
    }
    const module = modules.get(args.component);
    const data = env.data(args.component, props);
    const owner = { using: info.usingComponents || {}, scope: info.scope };
    tree = expand(module ? module.render(data, $) : [], owner, env);
  } else {
    const info = config.pages && config.pages[args.route];
    if (!info) usage(`no page "${args.route}" in ${args.dist}`);
    const module = info.template ? await importFrom(args.dist, info.template) : null;
    const data = host.available ? mountPage(host, args.route) : {};
    tree = expand(module ? module.render(data, $) : [], { using: info.usingComponents || {} }, env);
  }
  for (const warning of host.warnings) process.stderr.write(`render.mjs: ${warning}\n`);
  process.stdout.write(toHTML(tree));
}

main().catch((e) => {
  process.stderr.write(`render.mjs: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
