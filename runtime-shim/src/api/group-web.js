// miniport runtime: the wx.* APIs of web platform services (route events, encodings, idle callbacks, keyboard, battery, logs, performance, fonts, updates, privacy); see api/index.js.

/**
 * The APIs this group implements, as `{ name: function }`. `ctx` is `{ bridge, router, fw,
 * config, win }`; any of bridge/router/fw may be missing, and an API must then still work or
 * fail clearly. Heavy code goes behind `lazyApis` (api/lazy.js).
 */
export function webApis(ctx = {}) {
  return {};
}
