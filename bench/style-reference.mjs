// The reference side of the style differential: compiles each `.less` file given with the npm
// `less` package and each `.scss`/`.sass` file with the npm `sass` package (Dart Sass), and
// prints one JSON object: path → { css } or { error }. Used by the Rust test
// `transpiler/tests/it/style_differential.rs` and by `bench/style-differential.sh`.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const less = require('less');
const sass = require('sass');

/**
 * Compiles one file with the reference compiler of its extension.
 * @param {string} file absolute path
 * @returns {Promise<{ css: string } | { error: string }>}
 */
async function compile(file) {
  try {
    if (file.endsWith('.less')) {
      const output = await less.render(fs.readFileSync(file, 'utf8'), { filename: file });
      return { css: output.css };
    }
    return { css: sass.compile(file, { style: 'expanded', logger: sass.Logger.silent }).css };
  } catch (error) {
    return { error: String(error instanceof Error ? error.message : error) };
  }
}

const files = process.argv.slice(2);
/** @type {Record<string, { css: string } | { error: string }>} */
const results = {};
for (const file of files) results[file] = await compile(file);
process.stdout.write(JSON.stringify(results));
