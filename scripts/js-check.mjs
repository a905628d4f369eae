#!/usr/bin/env node
// The JS checks that neither biome nor tsc makes (no dependencies; run by scripts/test):
//  - no line over 120 columns in the JS of runtime-shim/, tests/, bench/, scripts/ and docs/ (fixture data left out);
//  - every exported function of runtime-shim/src has a JSDoc block with types: a `@param {type}` for each
//    of its parameters, or a `@type {…}` for the whole function, and at least one typed tag.
// Usage: node scripts/js-check.mjs [file …]   (default: every such file in the repository)
// Prints `path:line: problem` for each finding and exits 1 when there is one.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAX_COLUMNS = 120;
const root = join(fileURLToPath(import.meta.url), '..', '..');
const TREES = ['runtime-shim', 'tests', 'bench', 'scripts', 'docs'];
const SKIP = new Set(['node_modules', 'cases', 'scenarios']); // cases/: wxml-diff's fixtures

function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (/\.m?js$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** Splits a parameter list's text at its top-level commas (ignoring commas inside (), [], {}, strings). */
function splitParams(text) {
  const parts = [];
  let depth = 0;
  let quote = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** The text between the parenthesis at `open` and its match. */
function balanced(src, open) {
  let depth = 0;
  let quote = null;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return src.slice(open + 1, i);
  }
  return '';
}

/** The JSDoc block (`/** … *\/`) that ends right before `index` (only whitespace between), or null. */
function jsdocBefore(src, index) {
  const before = src.slice(0, index).trimEnd();
  if (!before.endsWith('*/')) return null;
  const start = before.lastIndexOf('/**');
  if (start < 0 || before.lastIndexOf('*/', before.length - 3) > start) return null;
  return before.slice(start);
}

// `export [default] [async] function name(`, `export const name = [async] (` / `function (` / `x =>`.
const EXPORTED_FUNCTION = new RegExp(
  [
    String.raw`^export\s+(?:default\s+)?(?:async\s+)?function\s*\*?\s*([\w$]*)\s*\(`,
    String.raw`^export\s+(?:const|let)\s+([\w$]+)\s*=\s*(?:async\s+)?(?:function\b[^(]*\(|\(|([\w$]+)\s*=>)`,
  ].join('|'),
  'gm',
);

/** The exported functions of `src` that lack typed JSDoc, as { line, problem }. */
export function untypedExports(src) {
  const found = [];
  for (const m of src.matchAll(EXPORTED_FUNCTION)) {
    const name = m[1] || m[2] || 'default';
    const line = src.slice(0, m.index).split('\n').length;
    const doc = jsdocBefore(src, m.index);
    if (!doc) {
      found.push({ line, problem: `exported function ${name} has no JSDoc block` });
      continue;
    }
    if (/@type\s*\{/.test(doc)) continue;
    const params = m[3] ? [m[3]] : splitParams(balanced(src, m.index + m[0].length - 1));
    const typed = [...doc.matchAll(/@param\s*\{[^@]*\}\s*\[?([\w$]+)/g)].map((p) => p[1]);
    const untypedTags = [...doc.matchAll(/@param\s+(?!\{)/g)].length;
    if (untypedTags) found.push({ line, problem: `exported function ${name}: a @param without a {type}` });
    else if (typed.length < params.length) {
      const problem = `exported function ${name}: ${params.length} parameters, ${typed.length} @param {type}`;
      found.push({ line, problem });
    } else if (!params.length && !/@returns?\s*\{/.test(doc)) {
      found.push({ line, problem: `exported function ${name}: no @returns {type} (nor @param, @type)` });
    }
  }
  return found;
}

/** The lines of `src` over MAX_COLUMNS columns, as { line, problem }. */
export function longLines(src) {
  const found = [];
  src.split('\n').forEach((text, i) => {
    const columns = [...text].length;
    if (columns > MAX_COLUMNS) found.push({ line: i + 1, problem: `${columns} columns (at most ${MAX_COLUMNS})` });
  });
  return found;
}

function main(args) {
  const files = args.length ? args.map((a) => join(process.cwd(), a)) : TREES.flatMap((t) => walk(join(root, t), []));
  const counts = { long: 0, untyped: 0 };
  for (const file of files.sort()) {
    const path = relative(root, file).split(sep).join('/');
    const src = readFileSync(file, 'utf8');
    const findings = longLines(src).map((f) => ({ ...f, kind: 'long' }));
    if (path.startsWith('runtime-shim/src/')) {
      findings.push(...untypedExports(src).map((f) => ({ ...f, kind: 'untyped' })));
    }
    for (const f of findings.sort((a, b) => a.line - b.line)) {
      counts[f.kind]++;
      console.log(`${path}:${f.line}: ${f.problem}`);
    }
  }
  const total = counts.long + counts.untyped;
  console.log(
    total
      ? `js-check: ${counts.long} lines over ${MAX_COLUMNS} columns, `
          + `${counts.untyped} exported functions without typed JSDoc`
      : `js-check: ${files.length} files, no line over ${MAX_COLUMNS} columns, every export typed`,
  );
  return total ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = main(process.argv.slice(2));
}
