// miniport runtime: wx.cloud — init records the settings; calls fail clearly outside WeChat unless the app names an
// HTTP endpoint (init({ miniport: { endpoint } })).
import { api, failure } from '../../core/callback.js';

const NONE = (name) => `cloud is not available outside WeChat: set wx.cloud.${name} in your API overrides`;

/**
 * @param {MpApiContext} ctx
 * @returns {Record<string, any>} wx.cloud
 */
export function cloudApi(ctx) {
  const win = (ctx && ctx.win) || globalThis;
  let settings = null;
  const unavailable = (name) =>
    api(`cloud.${name}`, () => {
      throw failure(NONE(name));
    });
  const cloud = {
    init(options) {
      settings = options && typeof options === 'object' ? options : {};
    },
    get env() {
      return settings && settings.env;
    },
    callFunction: api('cloud.callFunction', async (o) => {
      const endpoint = settings && settings.miniport && settings.miniport.endpoint;
      if (!endpoint) throw failure(NONE('callFunction'));
      if (typeof o.name !== 'string' || !o.name) throw failure('parameter.name should be String');
      const headers = { 'content-type': 'application/json' };
      const initData = ctx && ctx.bridge && ctx.bridge.launch && ctx.bridge.launch.initData;
      if (initData) headers.authorization = `tma ${initData}`;
      let res;
      try {
        res = await win.fetch(`${String(endpoint).replace(/\/+$/, '')}/${encodeURIComponent(o.name)}`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ name: o.name, data: o.data === undefined ? {} : o.data }),
        });
      } catch (error) {
        throw failure(`request failed: ${error.message}`);
      }
      if (!res.ok) throw failure(`function ${o.name} answered ${res.status}`);
      const text = await res.text();
      let result = text;
      try {
        result = JSON.parse(text);
      } catch {
        /* plain text result */
      }
      return { result, requestID: res.headers.get('x-request-id') || '' };
    }),
    uploadFile: unavailable('uploadFile'),
    downloadFile: unavailable('downloadFile'),
    getTempFileURL: unavailable('getTempFileURL'),
    deleteFile: unavailable('deleteFile'),
    callContainer: unavailable('callContainer'),
    database() {
      const fail = unavailable('database');
      const q = new Proxy(
        {},
        {
          get: (_, k) =>
            k === 'then'
              ? undefined
              : k === 'get' || k === 'add' || k === 'update' || k === 'remove' || k === 'count' || k === 'set'
                ? fail
                : () => q,
        },
      );
      return q;
    },
  };
  return cloud;
}
