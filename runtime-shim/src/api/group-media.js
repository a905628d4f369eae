// miniport runtime: the wx.* APIs of the second API group (media, files, location, canvas, animation, cloud); see api/index.js.
import { fileApis } from './files.js';
import { mediaFileApis } from './media.js';
import { audioApis } from './audio.js';
import { locationApis } from './location.js';
import { canvasApis } from './canvas.js';
import { createAnimation } from './animation.js';
import { cloudApi } from './cloud.js';

/**
 * The APIs this group implements, as `{ name: function }`. `ctx` is `{ bridge, router, fw,
 * config, win }`; any of bridge/router/fw may be missing (the render tool's host has no router
 * and no Telegram), and an API must then still work or fail clearly.
 */
export function mediaApis(ctx = {}) {
  return Object.assign(
    { createAnimation, cloud: cloudApi(ctx) },
    fileApis(ctx), mediaFileApis(ctx), audioApis(ctx), locationApis(ctx), canvasApis(ctx),
  );
}
