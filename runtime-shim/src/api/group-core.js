// miniport runtime: the wx.* APIs of the first API group (network, interaction, open data, device); see api/index.js.
import { networkApis } from './network.js';
import { socketApis } from './socket.js';
import { modalApis } from './modal.js';
import { openApis } from './open.js';
import { launchApis } from './launch.js';
import { deviceApis } from './device.js';

/**
 * The APIs this group implements, as `{ name: function }`. `ctx` is `{ bridge, router, fw,
 * config, win }`; any of bridge/router/fw may be missing (the render tool's host has no router
 * and no Telegram), and an API must then still work or fail clearly.
 */
export function coreApis(ctx = {}) {
  return Object.assign({}, networkApis(ctx), socketApis(ctx), modalApis(ctx), openApis(ctx), launchApis(ctx), deviceApis(ctx));
}
