// miniport runtime: wx.getExtConfig(Sync) — `ext` of the app's ext.json (when `extEnable` is on), inlined by the
// compiler.
import { api } from '../../core/callback.js';

/**
 * `{ getExtConfig, getExtConfigSync }` over `config.ext`; each answer is a fresh copy, `{}` without ext.json.
 * @param {MpApiContext} [ctx]
 * @returns {MpApiTable}
 */
export function extApis(ctx = {}) {
  const read = () => {
    const ext = ctx.config && ctx.config.ext;
    return ext && typeof ext === 'object' ? JSON.parse(JSON.stringify(ext)) : {};
  };
  return {
    getExtConfigSync: () => read(),
    getExtConfig: api('getExtConfig', () => ({ extConfig: read() })),
  };
}
