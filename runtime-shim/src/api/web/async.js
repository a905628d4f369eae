// miniport runtime: wx's asynchronous web-service APIs, loaded on first call — random values, renderer facts, fonts,
// asset preloading, privacy answers, restart.
import { api, failure, paramError } from '../../core/callback.js';
import { writeParam } from '../../router/url.js';

const str = (o, field) => {
  if (typeof o[field] !== 'string' || !o[field]) throw failure(paramError(field, 'String', o[field]));
  return o[field];
};
const done = (name) => api(name, () => undefined);

/**
 * wx.preDownloadSubpackage's work: loads the chunk of the subpackage `options.name` (a root or its name).
 * @param {MpApiContext} ctx
 * @param {{ name?: string, packageType?: string }} options
 * @param {Record<string, any>} packages the app's subpackages by root
 * @param {(roots: string[], errMsg: string) => void} lazyError
 * @returns {Promise<undefined>}
 */
export async function preDownload(ctx, options, packages, lazyError) {
  const type = options.packageType || 'normal';
  if (type === 'workers') return undefined; // worker scripts are plain files of the app: nothing to fetch ahead
  if (type !== 'normal') throw failure(`invalid packageType "${type}"`);
  const name = String(options.name || '').replace(/^\/|\/$/g, '');
  const root = Object.keys(packages).find((r) => r.replace(/\/$/, '') === name);
  if (!root) throw failure(`subpackage "${name}" not found`);
  if (!ctx.fw || typeof ctx.fw.preload !== 'function') throw failure('subpackages cannot be loaded here');
  try {
    await ctx.fw.preload(root);
  } catch (error) {
    lazyError([root], 'loadSubpackage: fail');
    throw failure(`loadSubpackage: fail ${error && error.message ? error.message : error}`);
  }
  return undefined;
}

/**
 * @param {MpApiContext} [ctx]
 * @returns {MpApiTable}
 */
export default function webAsyncApis(ctx = {}) {
  const win = ctx.win || globalThis;
  const config = ctx.config || {};
  const doc = win.document;
  /** @type {Partial<Navigator>} */
  const nav = win.navigator || {};
  return {
    getRandomValues: api('getRandomValues', (o) => {
      const length = Number(o.length);
      if (!Number.isInteger(length) || length <= 0 || length > 1048576)
        throw failure(paramError('length', 'Number', o.length));
      const bytes = new Uint8Array(length);
      for (let i = 0; i < length; i += 65536) win.crypto.getRandomValues(bytes.subarray(i, i + 65536));
      return { randomValues: bytes.buffer };
    }),
    getRendererUserAgent: api('getRendererUserAgent', () => ({ userAgent: String(nav.userAgent || '') })),
    getSelectedTextRange: api('getSelectedTextRange', () => {
      const el = /** @type {HTMLInputElement | null} */ (doc && doc.activeElement);
      if (!el || !/^(INPUT|TEXTAREA)$/.test(el.tagName) || typeof el.selectionStart !== 'number')
        throw failure('no focused input');
      return { start: el.selectionStart, end: el.selectionEnd };
    }),
    checkIsOpenAccessibility: api('checkIsOpenAccessibility', () => ({ open: false })),
    getDeviceBenchmarkInfo: api('getDeviceBenchmarkInfo', () => {
      // A coarse estimate from cores and memory: modelLevel 1 high, 2 middle, 3 low.
      const cores = Number(nav.hardwareConcurrency) || 0;
      const memory = Number(nav.deviceMemory) || 4;
      if (!cores) return { benchmarkLevel: -1, modelLevel: 0 };
      const benchmarkLevel = Math.min(50, Math.max(1, Math.round(cores * 3 + memory * 2)));
      return { benchmarkLevel, modelLevel: benchmarkLevel >= 30 ? 1 : benchmarkLevel >= 15 ? 2 : 3 };
    }),
    getSkylineInfo: api('getSkylineInfo', () => ({
      isSupported: false,
      version: '',
      reason: 'miniport renders every page as a web page',
    })),
    getPrivacySetting: api('getPrivacySetting', () => ({
      needAuthorization: false,
      privacyContractName: String(config.privacyContractName || ''),
    })),
    requirePrivacyAuthorize: done('requirePrivacyAuthorize'),
    setEnableDebug: api('setEnableDebug', (o) => {
      if (typeof o.enableDebug !== 'boolean') throw failure(paramError('enableDebug', 'Boolean', o.enableDebug));
    }),
    setBackgroundTextStyle: api('setBackgroundTextStyle', (o) => {
      if (o.textStyle !== 'dark' && o.textStyle !== 'light') throw failure(`invalid textStyle "${o.textStyle}"`);
    }),
    setTopBarText: api('setTopBarText', (o) => {
      str(o, 'text');
    }),
    preloadSkylineView: done('preloadSkylineView'),
    preloadWebview: done('preloadWebview'),
    preloadAssets: api('preloadAssets', (o) => {
      if (!Array.isArray(o.data)) throw failure(paramError('data', 'Array', o.data));
      return Promise.all(
        o.data.map(
          (item) =>
            new Promise((resolve, reject) => {
              const src = item && item.src;
              if (typeof src !== 'string' || !src) return reject(failure(paramError('data.src', 'String', src)));
              if (item.type === 'image' && typeof win.Image === 'function') {
                const img = new win.Image();
                img.onload = resolve;
                img.onerror = () => reject(failure(`could not load ${src}`));
                img.src = src;
                return undefined;
              }
              const link = doc.createElement('link');
              link.rel = 'preload';
              const as = item.type === 'font' ? 'font' : item.type === 'image' ? 'image' : 'fetch';
              link.setAttribute('as', as);
              if (as !== 'image') link.crossOrigin = 'anonymous';
              link.href = src;
              doc.head.appendChild(link);
              return resolve(undefined);
            }),
        ),
      ).then(() => undefined);
    }),
    loadFontFace: api('loadFontFace', (o) => {
      const family = str(o, 'family');
      let source = str(o, 'source').trim();
      if (!/^url\(/i.test(source)) source = `url("${source}")`;
      if (typeof win.FontFace !== 'function' || !doc.fonts)
        throw failure('the FontFace API is not supported', { status: 'error' });
      const face = new win.FontFace(family, source, o.desc && typeof o.desc === 'object' ? o.desc : {});
      return face.load().then(
        (loaded) => {
          doc.fonts.add(loaded);
          return { status: 'loaded' };
        },
        (error) =>
          Promise.reject(
            failure(`${error && error.message ? error.message : 'the font could not be loaded'}`, { status: 'error' }),
          ),
      );
    }),
    restartMiniProgram: api('restartMiniProgram', (o) => {
      const path = str(o, 'path').replace(/^\//, '');
      const loc = win.location;
      setTimeout(() => loc.replace(`${loc.pathname}${writeParam(loc.search, path)}${loc.hash}`), 0);
    }),
  };
}
