// The WebAssembly package (bindings/wasm/pkg, built by scripts/build-wasm) in Node: the
// showcase converts to the same bytes as the native command line, bad input is refused with
// its reason, the Node example converts a folder, and the package packs for npm and installs
// (offline, from its tarball) into a project that converts with it. Skipped when the package is
// not built, except in CI, where scripts/test builds it.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = path.join(root, 'bindings/wasm/pkg/index.js');
const built = existsSync(pkg);
if (!built && process.env.CI) throw new Error('bindings/wasm/pkg is not built: run scripts/build-wasm');
const skip = built ? false : 'bindings/wasm/pkg is not built (scripts/build-wasm)';
const cli = path.join(root, 'target/debug/miniport');

/**
 * Every file under `dir`, by `/`-separated relative path.
 * @param {string} dir
 * @returns {Map<string, Buffer>}
 */
function readTree(dir) {
  const files = new Map();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full).split(path.sep).join('/'), readFileSync(full));
  }
  return files;
}

describe('the WebAssembly package in Node', { skip }, () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'miniport-wasm-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  test('the showcase converts to the bytes the command line writes', async () => {
    const { convert } = await import(pkg);
    const source = path.join(root, 'fixtures/showcase');
    const conversion = await convert(readTree(source));
    assert.equal(conversion.summary.errors, 0);
    assert.ok(conversion.summary.pages > 1);
    assert.equal(conversion.report.summary?.pages ?? conversion.summary.pages, conversion.summary.pages);

    const out = path.join(scratch, 'cli');
    execFileSync(cli, ['convert', source, '-o', out], { stdio: 'pipe' });
    const native = readTree(out);
    // The command line's mark on a folder it wrote (so that it only ever replaces its own).
    native.delete('.miniport-output');
    assert.deepEqual([...conversion.files.keys()].sort(), [...native.keys()].sort());
    for (const [file, bytes] of native) {
      assert.ok(Buffer.from(conversion.files.get(file) ?? []).equals(bytes), `${file} differs`);
    }
  });

  test('diagnostics come located, and a folder without pages is refused with its reason', async () => {
    const { convert } = await import(pkg);
    const broken = await convert({
      'app.json': '{ "pages": ["pages/a/a"] }',
      'pages/a/a.js': 'Page({});',
      'pages/a/a.wxml': '<view>\n  {{a.}}</view>',
    });
    const error = broken.diagnostics.find((d) => d.severity === 'error');
    assert.ok(error, JSON.stringify(broken.diagnostics));
    assert.equal(error.file, 'pages/a/a.wxml');
    assert.equal(error.line, 2);
    await assert.rejects(convert({ 'app.json': '{ "pages": [] }' }), /lists no pages/);
    await assert.rejects(convert({ 'app.json': 12 }), /Uint8Array or a string/);
    await assert.rejects(convert(new Map([['app.json', '{}']]), { target: 'tv' }), /unknown target/);
  });

  test('the Node example converts a folder and prints the summary', () => {
    const out = path.join(scratch, 'example');
    const run = spawnSync(process.execPath, ['examples/node-convert.mjs', 'fixtures/showcase', out], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /fixtures\/showcase → .*: \d+ pages, \d+ components; 0 errors/);
    assert.ok(existsSync(path.join(out, 'index.html')));
  });

  test('the package packs with its files only, installs from the tarball and converts there', () => {
    const dir = path.dirname(pkg);
    const npm = (args, cwd) => {
      const run = spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false' } });
      assert.equal(run.status, 0, `npm ${args.join(' ')}: ${run.stderr}`);
      return run.stdout;
    };
    const packs = path.join(scratch, 'packs');
    mkdirSync(packs, { recursive: true });
    const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', packs], dir));
    assert.equal(packed.name, 'miniport');
    assert.deepEqual(packed.files.map((f) => f.path).sort(), [
      'index.d.ts',
      'index.js',
      'miniport_wasm.d.ts',
      'miniport_wasm.js',
      'miniport_wasm_bg.wasm',
      'miniport_wasm_bg.wasm.d.ts',
      'package.json',
    ]);
    const project = path.join(scratch, 'project');
    rmSync(project, { recursive: true, force: true });
    mkdirSync(project, { recursive: true });
    npm(['init', '-y'], project);
    npm(['install', '--offline', '--no-fund', path.join(packs, packed.filename)], project);
    const script = [
      "import { convert } from 'miniport';",
      "const c = await convert({ 'app.json': '{\"pages\":[\"pages/a/a\"]}', 'pages/a/a.wxml': '<text>hi</text>' });",
      'console.log(JSON.stringify({ pages: c.summary.pages, html: c.files.has("index.html") }));',
    ].join('\n');
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { pages: 1, html: true });
  });
});
