#!/usr/bin/env node
// Visual check against real apps (issue 16): converts public mini-programs whose repositories ship
// screenshots taken in WeChat, opens the same pages in headless Chromium and writes one
// side-by-side sheet per page (WeChat left, miniport right) to docs/fidelity/.
//
// The apps' sources never enter this repository: `bench/fidelity/apps.json` names each one by
// repository and commit, and the sources are read from a folder outside it (one sub-folder per
// app, its `dir`, usually `owner+name`, holding that commit's tree):
//
//   git clone https://github.com/OWNER/NAME "$APPS/OWNER+NAME" && git -C "$APPS/OWNER+NAME" checkout COMMIT
//   cargo build -p miniport
//   node bench/fidelity/run.mjs --apps "$APPS"                 # every app
//   node bench/fidelity/run.mjs --apps "$APPS" --only m-mall   # one app (or a comma-separated list)
//
// Each app is converted with `miniport convert`, served with `miniport serve` on loopback, and
// every page is opened at its address (`?mp=<route>`) in a viewport of the screenshot's size in
// CSS pixels (its pixel size over the device pixel ratio the list gives). Nothing leaves
// loopback: requests to other hosts are answered in the browser by the app's stand-in backend
// (`backends.mjs`), images by a neutral grey picture, and anything else with a 404, listed as
// "needs backend" in the run's summary (`docs/fidelity/run.json`). The sheet is composed in the
// same browser from an HTML page of two images, so the script needs no image library; frames of
// animated GIF screenshots are taken with the browser's ImageDecoder.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { bin, launch, root, serve } from '../../tests/browser/harness.mjs';
import { backends } from './backends.mjs';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const appsDir = path.resolve(flag('--apps', process.env.FIDELITY_APPS || '../fidelity-apps'));
const only = flag('--only', '').split(',').filter(Boolean);
const outDir = path.resolve(root, flag('--out', 'docs/fidelity'));
const list = JSON.parse(fs.readFileSync(path.join(root, 'bench/fidelity/apps.json'), 'utf8'));

/** A grey picture that stands in for every image the apps load from the internet. */
const GREY =
  '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><rect width="1" height="1" fill="#d9d9d9"/></svg>';
const MIME = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif' };

/** The file name of a page's sheet: `app--route` with slashes as dashes. */
function sheetName(app, page) {
  return `${app.name}--${page.name || page.route.replace(/\//g, '-')}.png`;
}

/** Converts the app into a temporary folder; returns the output folder and the conversion's summary. */
function convert(app) {
  const src = path.join(appsDir, app.dir, app.root || '');
  if (!fs.existsSync(src)) {
    throw new Error(`${app.name}: no sources at ${src} (clone ${app.repo} at ${app.commit} into ${app.dir})`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'miniport-fidelity-'));
  const out = path.join(tmp, 'out');
  // WeChat provides the weui extended library itself; the repository's node_modules stands in for it.
  const extra = app.extendedLib ? ['--extended-lib', path.join(root, 'node_modules')] : [];
  const run = spawnSync(bin, ['convert', src, '-o', out, '--format', 'json', ...extra], { encoding: 'utf8' });
  let report = null;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    throw new Error(`${app.name}: convert exited ${run.status}: ${run.stderr}`);
  }
  if (run.status === 2) throw new Error(`${app.name}: nothing converted: ${run.stdout}`);
  const diagnostics = (report.diagnostics || []).map(
    (d) => `${d.severity} ${d.code} ${d.file}:${d.line}: ${d.message}`,
  );
  return { out, tmp, exitCode: run.status, summary: report.summary, diagnostics };
}

/** Answers every request that leaves loopback: the stand-in backend, a grey image, or a 404. */
async function standIn(page, app, needs) {
  const backend = backends[app.name];
  await page.route(
    (url) => !/^(127\.0\.0\.1|localhost)$/.test(url.hostname) && url.protocol !== 'data:',
    async (route) => {
      const req = route.request();
      const url = new URL(req.url());
      const answer = backend ? await backend(url, req) : undefined;
      if (answer !== undefined) {
        return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(answer) });
      }
      if (req.resourceType() === 'image' || /\.(png|jpe?g|gif|webp|svg)$/i.test(url.pathname)) {
        return route.fulfill({ status: 200, contentType: 'image/svg+xml', body: GREY });
      }
      needs.add(`${url.origin}${url.pathname}`);
      return route.fulfill({ status: 404, body: '' });
    },
  );
}

/** Opens one page of the served app and returns its screenshot (PNG) and what went wrong on it. */
async function shoot(browser, base, app, pg, view) {
  // The authors' phones: Chinese locale and China's time zone (dates and times the pages format).
  const context = await browser.newContext({
    viewport: view,
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  const problems = [];
  const needs = new Set();
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  await standIn(page, app, needs);
  const url = `${base}?mp=${encodeURIComponent(pg.route + (pg.query ? `?${pg.query}` : ''))}`;
  const open = async () => {
    await page.goto(url);
    try {
      await page.waitForSelector('html[data-miniport-ready="true"]', { timeout: 10000 });
    } catch {
      problems.push('the app never became ready');
    }
    await page.waitForLoadState('networkidle').catch(() => {});
  };
  await open();
  if (pg.storage) {
    // What the author's earlier use had left in storage: written through wx, then the page reopened.
    await page.evaluate((items) => {
      for (const [k, v] of Object.entries(items)) globalThis.wx.setStorageSync(k, v);
    }, pg.storage);
    await open();
  }
  for (const step of pg.steps || []) {
    if (step.click)
      await page.click(step.click, { timeout: 5000 }).catch((e) => problems.push(`click ${step.click}: ${e.message}`));
    // A method of the page, for what a tap could not reach (the step before it says why).
    if (step.call) {
      await page
        .evaluate((name) => globalThis.getCurrentPages().pop()[name](), step.call)
        .catch((e) => problems.push(`call ${step.call}: ${e.message}`));
    }
    await page.waitForTimeout(step.wait ?? 400);
  }
  if (pg.scroll) await page.evaluate((y) => globalThis.wx.pageScrollTo({ scrollTop: y, duration: 0 }), pg.scroll);
  await page.waitForTimeout(pg.wait ?? 800);
  const png = await page.screenshot();
  await context.close();
  return { png, problems, needs: [...needs] };
}

/** The WeChat screenshot as a data URL, with a GIF's frame `frame` taken out as a PNG first. */
async function wechatImage(sheetPage, file, frame) {
  const ext = path.extname(file).toLowerCase();
  const data = fs.readFileSync(file);
  if (ext !== '.gif') return `data:${MIME[ext] || 'image/png'};base64,${data.toString('base64')}`;
  return sheetPage.evaluate(
    async ({ b64, index }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const decoder = new ImageDecoder({ data: bytes, type: 'image/gif' });
      const { image } = await decoder.decode({ frameIndex: index });
      const canvas = new OffscreenCanvas(image.displayWidth, image.displayHeight);
      canvas.getContext('2d').drawImage(image, 0, 0);
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      const buf = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (let i = 0; i < buf.length; i += 0x8000) s += String.fromCharCode(...buf.subarray(i, i + 0x8000));
      return `data:image/png;base64,${btoa(s)}`;
    },
    { b64: data.toString('base64'), index: frame || 0 },
  );
}

/** Reads a picture's pixel size in the browser. */
function imageSize(sheetPage, src) {
  return sheetPage.evaluate(
    (s) =>
      new Promise((resolve, reject) => {
        const img = new Image();
        img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight });
        img.onerror = () => reject(new Error('unreadable image'));
        img.src = s;
      }),
    src,
  );
}

/**
 * The page's viewport in CSS pixels and the part of the WeChat screenshot it matches: the
 * screenshot (or its `crop` [x, y, w, h] in image pixels: the phone's status bar, a frame around
 * a simulator) over `dpr`.
 */
function geometry(size, pg, app) {
  const dpr = pg.dpr || app.dpr || 2;
  const [x, y, w, h] = pg.crop || app.crop || [0, 0, size.width, size.height];
  const cw = Math.min(w, size.width - x);
  const ch = Math.min(h, size.height - y);
  return { dpr, crop: [x, y, cw, ch], view: { width: Math.round(cw / dpr), height: Math.round(ch / dpr) } };
}

/** Draws the sheet: a title line, then WeChat (cropped, scaled to CSS pixels) and miniport side by side. */
async function compose(sheetPage, { title, wechat, geo, shot }) {
  const { width, height } = geo.view;
  const [x, y, w] = geo.crop;
  const scale = width / w;
  const html = `<!doctype html><meta charset="utf-8"><style>
    body { margin: 0; background: #fff; font: 12px/1.4 sans-serif; color: #222; }
    #sheet { display: inline-block; padding: 8px; background: #fff; }
    h1 { font-size: 12px; margin: 0 0 6px; font-weight: 600; }
    .row { display: flex; gap: 12px; }
    .col span { display: block; color: #666; margin-bottom: 2px; }
    .frame { width: ${width}px; height: ${height}px; overflow: hidden; position: relative; outline: 1px solid #ccc; }
    .frame img { position: absolute; display: block; }
  </style><div id="sheet"><h1></h1><div class="row">
    <div class="col"><span>WeChat (author's screenshot)</span><div class="frame"><img id="a"></div></div>
    <div class="col"><span>miniport in Chromium</span><div class="frame"><img id="b"></div></div>
  </div></div>`;
  await sheetPage.setContent(html);
  await sheetPage.evaluate(
    async ({ title, a, b, left, top, iw, ih }) => {
      document.querySelector('h1').textContent = title;
      const ia = document.getElementById('a');
      const ib = document.getElementById('b');
      Object.assign(ia.style, { left: `${left}px`, top: `${top}px`, width: `${iw}px`, height: `${ih}px` });
      ia.src = a;
      ib.src = b;
      await Promise.all([ia.decode(), ib.decode()]);
    },
    {
      title,
      a: wechat.src,
      b: `data:image/png;base64,${shot.toString('base64')}`,
      left: -x * scale,
      top: -y * scale,
      iw: wechat.size.width * scale,
      ih: wechat.size.height * scale,
    },
  );
  const sheet = await sheetPage.locator('#sheet').screenshot();
  const png = await posterize(sheetPage, sheet, 8);
  // Photographs keep a sheet large: those get 4 bits per channel, enough to judge a layout.
  return png.length > 250 * 1024 ? posterize(sheetPage, sheet, 16) : png;
}

/**
 * The sheet with each colour channel rounded to a multiple of `step` (8: 5 bits, an error of at
 * most 4/255), so that its PNG stays small
 * where the pages hold photographs; flat interface colours stay recognisable.
 */
async function posterize(sheetPage, png, step) {
  const b64 = await sheetPage.evaluate(
    async ({ src, step }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${src}`;
      await img.decode();
      const canvas = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height);
      // Rounded to the nearest multiple of step (255 stays 255): white stays white, black black.
      const level = (v) => Math.min(255, Math.round(v / step) * step);
      for (let i = 0; i < pixels.data.length; i += 4) {
        pixels.data[i] = level(pixels.data[i]);
        pixels.data[i + 1] = level(pixels.data[i + 1]);
        pixels.data[i + 2] = level(pixels.data[i + 2]);
      }
      ctx.putImageData(pixels, 0, 0);
      const buf = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
      let s = '';
      for (let i = 0; i < buf.length; i += 0x8000) s += String.fromCharCode(...buf.subarray(i, i + 0x8000));
      return btoa(s);
    },
    { src: png.toString('base64'), step },
  );
  return Buffer.from(b64, 'base64');
}

async function main() {
  const apps = list.apps.filter((a) => !only.length || only.includes(a.name));
  if (!apps.length) throw new Error(`no app named ${only.join(', ')} in bench/fidelity/apps.json`);
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await launch();
  const sheetContext = await browser.newContext({ deviceScaleFactor: 1 });
  const sheetPage = await sheetContext.newPage();
  // The sheet page lives on a loopback origin: ImageDecoder exists only in a secure context.
  const blank = http.createServer((_, res) => res.end('<!doctype html><title>sheet</title>'));
  await new Promise((resolve) => blank.listen(0, '127.0.0.1', resolve));
  await sheetPage.goto(`http://127.0.0.1:${blank.address().port}/`);
  const runPath = path.join(outDir, 'run.json');
  const results = fs.existsSync(runPath) ? JSON.parse(fs.readFileSync(runPath, 'utf8')) : {};
  try {
    for (const app of apps) {
      const conv = convert(app);
      const server = await serve(conv.out);
      const pages = [];
      try {
        for (const pg of app.pages) {
          const file = path.join(appsDir, app.dir, pg.shot);
          const src = await wechatImage(sheetPage, file, pg.frame);
          const size = await imageSize(sheetPage, src);
          const geo = geometry(size, pg, app);
          const shot = await shoot(browser, server.url, app, pg, geo.view);
          const where = `${pg.route}${pg.query ? `?${pg.query}` : ''}`;
          const title = `${app.repo}@${app.commit.slice(0, 7)} · ${where} · ${geo.view.width}×${geo.view.height}`;
          const png = await compose(sheetPage, { title, wechat: { src, size }, geo, shot: shot.png });
          const name = sheetName(app, pg);
          fs.writeFileSync(path.join(outDir, name), png);
          pages.push({
            route: pg.route,
            sheet: name,
            viewport: geo.view,
            problems: shot.problems,
            needsBackend: shot.needs,
          });
          console.log(
            `${name}  ${png.length >> 10} KB${shot.problems.length ? `  (${shot.problems.length} problems)` : ''}`,
          );
        }
      } finally {
        server.close();
        fs.rmSync(conv.tmp, { recursive: true, force: true });
      }
      results[app.name] = {
        repo: app.repo,
        commit: app.commit,
        exitCode: conv.exitCode,
        summary: conv.summary,
        diagnostics: conv.diagnostics,
        pages,
      };
    }
  } finally {
    await browser.close();
    blank.close();
  }
  fs.writeFileSync(runPath, `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((err) => {
  console.error(err.stack || String(err));
  process.exit(1);
});
