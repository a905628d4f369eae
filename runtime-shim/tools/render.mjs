#!/usr/bin/env node
// Render tool: prints a converted page (or a library component) as HTML, mounted through the runtime's
// real DOM path in jsdom (framework, templates, scripts, built-ins). Usage:
//   node runtime-shim/tools/render.mjs <dist> <route>
//   node runtime-shim/tools/render.mjs <dist> --component <path> [--props <json>]
import { createApp } from './dom-host.mjs';

function usage(message) {
  process.stderr.write(
    `render.mjs: ${message}\nusage: render.mjs <dist> <route> | render.mjs <dist> --component <path> `
      + `[--props <json>]\n`,
  );
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
  const app = await createApp(args.dist);
  let mounted;
  if (args.component) {
    if (!app.config.components || !app.config.components[args.component])
      usage(`no component "${args.component}" in ${args.dist}`);
    let props = {};
    try {
      props = args.props ? JSON.parse(args.props) : {};
    } catch (e) {
      usage(`--props is not JSON: ${e.message}`);
    }
    mounted = await app.mountComponent(args.component, props);
  } else {
    const [route, query] = args.route.split('?');
    if (!app.config.pages || !app.config.pages[route]) usage(`no page "${route}" in ${args.dist}`);
    mounted = await app.mountPage(route, Object.fromEntries(new URLSearchParams(query || '')));
  }
  for (const warning of app.warnings) process.stderr.write(`render.mjs: ${warning}\n`);
  process.stdout.write(mounted.html());
  app.close();
}

main().catch((e) => {
  process.stderr.write(`render.mjs: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
