// miniport for JavaScript: loads the WebAssembly module once (from the package's folder in
// Node, by URL in browsers, or from what init() is given) and converts mini-programs in memory.
import initWasm, { convert as convertWasm, version as versionWasm } from './miniport_wasm.js';

/** @type {Promise<void> | undefined} */
let ready;

/**
 * Loads the module. convert() calls it; call it yourself to choose where the `.wasm` comes
 * from (a URL, a Response, bytes or a compiled WebAssembly.Module).
 * @param {URL | string | Response | BufferSource | WebAssembly.Module} [source]
 * @returns {Promise<void>}
 */
export function init(source) {
  if (!ready) {
    ready = (async () => {
      let from = source;
      if (from === undefined && typeof process !== 'undefined' && process.versions?.node) {
        const { readFile } = await import('node:fs/promises');
        from = await readFile(new URL('./miniport_wasm_bg.wasm', import.meta.url));
      }
      await initWasm(from === undefined ? undefined : { module_or_path: from });
    })();
  }
  return ready;
}

/**
 * Converts a mini-program: `files` maps each path (relative to its folder) to its content.
 * @param {Map<string, Uint8Array | string> | Record<string, Uint8Array | string>} files
 * @param {import('./index.d.ts').Options} [options]
 * @returns {Promise<import('./index.d.ts').Conversion>}
 */
export async function convert(files, options = {}) {
  await init();
  return convertWasm(files, options);
}

/**
 * miniport's version.
 * @returns {Promise<string>}
 */
export async function version() {
  await init();
  return versionWasm();
}
