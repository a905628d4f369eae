// miniport runtime: the wx.* APIs of recording and media helpers (recorder, voice, audio contexts, video info, media preview, cropping, workers); see api/index.js.

/**
 * The APIs this group implements, as `{ name: function }`. `ctx` is `{ bridge, router, fw,
 * config, win }`; any of bridge/router/fw may be missing, and an API must then still work or
 * fail clearly. Heavy code goes behind `lazyApis` (api/lazy.js).
 */
export function captureApis(ctx = {}) {
  return {};
}
