// Conversion time of the showcase and of @vant/weapp (library mode): the native command line
// against the WebAssembly package in Node and in Chromium, in one run, and the size of the
// .wasm gzipped.
//
//   cargo build --release -p miniport && scripts/build-wasm          (release; or
//   cargo test --workspace --no-run && scripts/build-wasm --dev with MINIPORT_BIN=target/debug/miniport)
//   node bench/wasm/run.mjs [rounds]
//
// Chromium is Debian's (/usr/bin/chromium, or CHROMIUM_PATH); without it the column is empty.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { convert, init } from '../../bindings/wasm/pkg/index.js';
import { launch, serve } from '../../tests/browser/harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin =
  process.env.MINIPORT_BIN
  || [path.join(root, 'target/release/miniport'), path.join(root, 'target/debug/miniport')].find(existsSync);
if (!bin) throw new Error('no miniport binary: cargo build --release -p miniport');
const rounds = Number(process.argv[2] || 5);
const inputs = {
  showcase: path.join(root, 'fixtures/showcase'),
  '@vant/weapp dist (library)': path.join(root, 'node_modules/@vant/weapp/dist'),
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

/**
 * The package loaded in a Chromium page served from loopback; `time(files)` converts there
 * `rounds` times and returns each round's milliseconds, measured in the page.
 */
async function chromiumRunner() {
  if (!existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium')) return undefined;
  // The playground's folder: the package under pkg/, served by `miniport serve`.
  const server = await serve(path.join(root, 'playground/dist'));
  const browser = await launch();
  const page = await browser.newPage();
  await page.goto(`${server.url}pkg/package.json`);
  await page.evaluate(async (url) => {
    const pkg = await import(url);
    await pkg.init();
    /** @type {any} */ (globalThis).miniport = pkg;
  }, `${server.url}pkg/index.js`);
  return {
    /** @param {Map<string, Buffer>} files */
    async time(files) {
      const encoded = [...files].map(([name, bytes]) => [name, bytes.toString('base64')]);
      return page.evaluate(
        async ({ encoded, rounds }) => {
          const files = new Map(
            encoded.map(([name, b64]) => [name, Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))]),
          );
          const times = [];
          for (let i = 0; i < rounds; i++) {
            const start = performance.now();
            const result = await /** @type {any} */ (globalThis).miniport.convert(files);
            times.push(performance.now() - start);
            if (result.files.size === 0 && Object.keys(result.files).length === 0) throw new Error('no output');
          }
          return times;
        },
        { encoded, rounds },
      );
    },
    async close() {
      await browser.close();
      server.close();
    },
  };
}

await init();
const chromium = await chromiumRunner();
// Output goes to memory (/dev/shm) where there is one: on a shared VM the disk's writing
// otherwise swings the native figures by 5× from one run to the next.
const scratch = mkdtempSync(path.join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'miniport-wasm-bench-'));
console.log(`binary: ${path.relative(root, bin)}; medians of ${rounds} rounds\n`);
const columns = ['input', 'native CLI ms', 'native CLI, 1 thread, ms', 'wasm in Node ms', 'wasm in Chromium ms'];
columns.push('Node / native 1 thread', 'Chromium / native 1 thread');
console.log(`| ${columns.join(' | ')} |`);
console.log('|---|---|---|---|---|---|---|');
for (const [name, dir] of Object.entries(inputs)) {
  const files = readTree(dir);
  const native = [];
  const single = [];
  const node = [];
  /** One `miniport convert` process; its wall milliseconds. */
  const cli = (/** @type {string[]} */ extra) => {
    const start = performance.now();
    const run = spawnSync(bin, ['convert', dir, '-o', path.join(scratch, 'out'), ...extra], { stdio: 'ignore' });
    if (run.status !== 0 && run.status !== 1) throw new Error(`miniport convert ${dir} exited ${run.status}`);
    return performance.now() - start;
  };
  for (let i = 0; i < rounds; i++) {
    native.push(cli([]));
    single.push(cli(['--jobs', '1']));
    const t = performance.now();
    await convert(files);
    node.push(performance.now() - t);
  }
  const browserTimes = chromium ? await chromium.time(files) : undefined;
  const [n, one, w] = [median(native), median(single), median(node)];
  const c = browserTimes ? median(browserTimes) : Number.NaN;
  const cell = (/** @type {number} */ v) => (Number.isNaN(v) ? '–' : v.toFixed(0));
  const ratio = (/** @type {number} */ v) => (Number.isNaN(v) ? '–' : (v / one).toFixed(2));
  console.log(`| ${name} | ${cell(n)} | ${cell(one)} | ${cell(w)} | ${cell(c)} | ${ratio(w)} | ${ratio(c)} |`);
}
await chromium?.close();
rmSync(scratch, { recursive: true, force: true });
const wasmFile = readFileSync(path.join(root, 'bindings/wasm/pkg/miniport_wasm_bg.wasm'));
console.log(`\n.wasm: ${wasmFile.length} bytes, ${gzipSync(wasmFile, { level: 9 }).length} gzipped`);
