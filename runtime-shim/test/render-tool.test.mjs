// The render tool contract: convert a fixture with the miniport binary, then
// `node runtime-shim/tools/render.mjs <dist> <route>` prints the mounted page as HTML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = process.env.MINIPORT_BIN || path.join(root, 'target/debug/miniport');
const tool = path.join(root, 'runtime-shim/tools/render.mjs');
const skip = existsSync(bin) ? false : `no miniport binary at ${bin} (cargo build -p miniport)`;

function render(fixture, args) {
  const dir = mkdtempSync(path.join(tmpdir(), 'miniport-render-'));
  try {
    const out = path.join(dir, 'dist');
    const convert = spawnSync(bin, ['convert', path.join(root, 'fixtures/wxml', fixture), '-o', out], {
      encoding: 'utf8',
    });
    assert.ok(convert.status === 0 || convert.status === 1, convert.stderr);
    const run = spawnSync(process.execPath, [tool, out, ...args], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    return { html: run.stdout, stderr: run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a page is mounted with its data, onLoad setData applied, components and slots rendered', { skip }, () => {
  const { html } = render('components', ['pages/index/index']);
  assert.equal(
    html,
    '<wx-view class="page"><card class="outer" data-id="7"><wx-view class="card">'
      + '<wx-view class="title">Hello, world (2)</wx-view><wx-text>inside the default slot</wx-text>'
      + '<wx-view class="foot"><wx-view>footer content</wx-view></wx-view></wx-view></card></wx-view>',
  );
});

test('directives and values render as WeChat renders them', { skip }, () => {
  const { html } = render('directives', ['pages/index/index']);
  assert.equal(
    html,
    '<wx-view>big</wx-view><wx-view>0: tea</wx-view><wx-view>a=1</wx-view><wx-view>b=two</wx-view>'
      + '<wx-view>0</wx-view><wx-view>1</wx-view><wx-view>2</wx-view><wx-view>a</wx-view><wx-view>b</wx-view>'
      + '<wx-view><wx-view>0.0=1</wx-view><wx-view>0.1=2</wx-view></wx-view><wx-view><wx-view>1.0=3</wx-view></wx-view>'
      + '<wx-view class="static"><wx-text>fixed</wx-text></wx-view><wx-view>|null|1,2,3,|[object '
      + 'Object]|1.5|true</wx-view>'
      + '<wx-view>  a &amp;amp; b  </wx-view><wx-text decode="true">a\u00a0&lt;b&gt;</wx-text>',
  );
});

test('templates see only their data; imports are not transitive; recursion is stopped; an included '
  + 'file does not see its own wxs', {
  skip,
}, () => {
  const { html, stderr } = render('templates', ['pages/index/index']);
  assert.equal(
    html,
    '<wx-view class="header">Shop </wx-view><wx-view class="leaf">tea costs ¥2.00 ()</wx-view>'
      + '<wx-text class="badge">new</wx-text><wx-view class="node">a</wx-view><wx-view>1970 true</wx-view>',
  );
  assert.match(stderr, /Template `deep` not found/);
  assert.match(stderr, /recursively/);
});

test('one component of an output renders with the given properties', { skip }, () => {
  const { html } = render('components', ['--component', 'components/card/card', '--props', '{"title":"T"}']);
  assert.equal(
    html,
    '<wx-view class="card"><wx-view class="title">T (2)</wx-view><wx-view class="foot"></wx-view></wx-view>',
  );
});
