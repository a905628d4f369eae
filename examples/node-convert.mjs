// Converts a mini-program folder with miniport's WebAssembly package from Node, writes the
// output site and prints the summary and the diagnostics.
//
//   scripts/build-wasm
//   node examples/node-convert.mjs fixtures/showcase dist/showcase-wasm
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { convert } from '../bindings/wasm/pkg/index.js';

/**
 * Every file under `root`, by `/`-separated path relative to it.
 * @param {string} root
 * @returns {Promise<Map<string, Uint8Array>>}
 */
async function readTree(root) {
  const files = new Map();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(root, full).split(path.sep).join('/'), await readFile(full));
  }
  return files;
}

const [source, out] = process.argv.slice(2);
if (!source || !out) {
  console.error('usage: node examples/node-convert.mjs <mini-program folder> <output folder>');
  process.exit(2);
}
const conversion = await convert(await readTree(source), { target: 'telegram' });
for (const [file, bytes] of conversion.files) {
  const target = path.join(out, file);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, bytes);
}
const { pages, components, errors, warnings } = conversion.summary;
console.log(`${source} → ${out}: ${pages} pages, ${components} components; ${errors} errors, ${warnings} warnings`);
for (const d of conversion.diagnostics) {
  const at = d.file ? `${d.file}${d.line ? `:${d.line}:${d.column}` : ''}: ` : '';
  console.log(`${d.severity}[${d.code}] ${at}${d.message}`);
}
process.exitCode = errors > 0 ? 1 : 0;
