// Conversion time of the showcase and of @vant/weapp (library mode): the native command line
// against the WebAssembly package in Node, in one run, and the size of the .wasm gzipped.
//
//   cargo build -p miniport && scripts/build-wasm --dev   (or without --dev for release)
//   node bench/wasm/run.mjs [rounds]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { convert, init } from '../../bindings/wasm/pkg/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = process.env.MINIPORT_BIN || path.join(root, 'target/debug/miniport');
const rounds = Number(process.argv[2] || 5);
const inputs = {
  showcase: path.join(root, 'fixtures/showcase'),
  'vant (library)': path.join(root, 'node_modules/@vant/weapp/dist'),
};

/**
 * Every file under `dir` by relative path.
 * @param {string} dir
 * @returns {Map<string, Buffer>}
 */
function readTree(dir) {
  const files = new Map();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      files.set(path.relative(dir, full).split(path.sep).join('/'), readFileSync(full));
    }
  }
  return files;
}

/** The median of `list`. */
const median = (/** @type {number[]} */ list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

await init();
const scratch = mkdtempSync(path.join(tmpdir(), 'miniport-wasm-bench-'));
console.log(`| input | native CLI ms (median of ${rounds}) | wasm in Node ms | ratio |`);
console.log('|---|---|---|---|');
for (const [name, dir] of Object.entries(inputs)) {
  const files = readTree(dir);
  const native = [];
  const wasm = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    spawnSync(bin, ['convert', dir, '-o', path.join(scratch, `out-${i}`)], { stdio: 'ignore' });
    native.push(performance.now() - start);
    const t = performance.now();
    await convert(files);
    wasm.push(performance.now() - t);
  }
  const [n, w] = [median(native), median(wasm)];
  console.log(`| ${name} | ${n.toFixed(0)} | ${w.toFixed(0)} | ${(w / n).toFixed(2)} |`);
}
rmSync(scratch, { recursive: true, force: true });
const wasmFile = readFileSync(path.join(root, 'bindings/wasm/pkg/miniport_wasm_bg.wasm'));
console.log(`\n.wasm: ${wasmFile.length} bytes, ${gzipSync(wasmFile, { level: 9 }).length} gzipped`);
