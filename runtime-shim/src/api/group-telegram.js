// miniport runtime: the wx.* APIs of Telegram-only features (sensors, biometrics, chats, sharing, closing confirmation); see api/index.js.

/**
 * The APIs this group implements, as `{ name: function }`. `ctx` is `{ bridge, router, fw,
 * config, win }`; any of bridge/router/fw may be missing, and an API must then still work or
 * fail clearly. Heavy code goes behind `lazyApis` (api/lazy.js).
 */
export function telegramApis(ctx = {}) {
  return {};
}
