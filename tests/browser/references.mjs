// Screenshot references for the browser tests: a screenshot is compared, pixel by pixel with a small
// tolerance, with a PNG stored under tests/browser/references/. A missing reference, or any reference when
// MINIPORT_UPDATE_REFERENCES=1, is written from the screenshot and the comparison fails, so that a human
// looks at the new image before it is committed. PNGs are decoded by Chromium itself (no npm dependency).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './harness.mjs';

export const referencesDir = path.join(root, 'tests', 'browser', 'references');

/**
 * Decodes PNGs (base64) in a blank page of `browser` and runs `fn(images, arg)` there, where each image
 * is `{ width, height, data }` (RGBA bytes); returns what `fn` returns.
 * @param {import('playwright-core').Browser} browser
 * @param {Buffer[]} pngs
 * @param {(images: { width: number, height: number, data: Uint8ClampedArray }[], arg: any) => any} fn
 * @param {any} [arg]
 */
export async function withPixels(browser, pngs, fn, arg = null) {
  const page = await browser.newPage();
  try {
    return await page.evaluate(
      async ({ sources, body, extra }) => {
        const images = [];
        for (const source of sources) {
          const blob = await (await fetch(`data:image/png;base64,${source}`)).blob();
          const bitmap = await createImageBitmap(blob);
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          const ctx = canvas.getContext('2d');
          ctx.drawImage(bitmap, 0, 0);
          const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
          images.push({ width: bitmap.width, height: bitmap.height, data });
        }
        // biome-ignore lint/security/noGlobalEval: the test's own function, sent as source into the page
        return (0, eval)(`(${body})`)(images, extra);
      },
      { sources: pngs.map((b) => b.toString('base64')), body: fn.toString(), extra: arg },
    );
  } finally {
    await page.close();
  }
}

/**
 * Share of pixels of `a` and `b` (same size) whose colour differs by more than `channel` in any of R, G, B
 * or A; `Infinity` when their sizes differ.
 */
function differingShare(images, channel) {
  const [a, b] = images;
  if (a.width !== b.width || a.height !== b.height) return Number.POSITIVE_INFINITY;
  let differing = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    for (let c = 0; c < 4; c++) {
      if (Math.abs(a.data[i + c] - b.data[i + c]) > channel) {
        differing++;
        break;
      }
    }
  }
  return differing / (a.width * a.height);
}

/**
 * Asserts that `png` matches the reference `name` (`references/<name>.png`): at most `share` of the pixels
 * differ by more than `channel` in some channel (anti-aliasing and font hinting stay under that).
 * @param {import('playwright-core').Browser} browser
 * @param {Buffer} png the screenshot
 * @param {string} name
 * @param {{ share?: number, channel?: number }} [tolerance]
 */
export async function assertMatchesReference(browser, png, name, { share = 0.005, channel = 24 } = {}) {
  const file = path.join(referencesDir, `${name}.png`);
  if (!existsSync(file) || process.env.MINIPORT_UPDATE_REFERENCES === '1') {
    mkdirSync(referencesDir, { recursive: true });
    writeFileSync(file, png);
    assert.fail(`wrote the reference ${path.relative(root, file)}: look at it, commit it, and run the test again`);
  }
  const stored = readFileSync(file);
  const differs = await withPixels(browser, [png, stored], differingShare, channel);
  if (differs > share) {
    const actual = path.join(root, 'target', 'screenshots', `${name}.actual.png`);
    mkdirSync(path.dirname(actual), { recursive: true });
    writeFileSync(actual, png);
    const how = Number.isFinite(differs) ? `${(differs * 100).toFixed(2)}% of the pixels differ` : 'the size differs';
    assert.fail(
      `${name}: ${how}`
        + ` from ${path.relative(root, file)} (allowed: ${(share * 100).toFixed(2)}%); this run's image is`
        + ` ${path.relative(root, actual)}`,
    );
  }
}
