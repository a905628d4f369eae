// miniport runtime: wx share-to-chat APIs on Telegram — a prepared message (Bot API 8.0) when the app supplies its id,
// else an inline query or the Web Share sheet; showShareImageMenu as a story.
import { api, failure, paramError } from '../../core/callback.js';
import { baseName, can, exchange, fileBlob, settings, winOf } from './common.js';

/** Each API: the option naming what it shares, and whether an inline query to a group can stand in. */
/** @type {Record<string, [field: string, inline: boolean]>} */
const SHARES = {
  shareAppMessageToGroup: ['title', true],
  shareImageToGroup: ['imagePath', true],
  shareVideoToGroup: ['videoPath', true],
  shareFileToGroup: ['filePath', true],
  shareFileMessage: ['filePath', false],
  shareVideoMessage: ['videoPath', false],
};

/**
 * The prepared inline message to send: `preparedMessageId` of the call, else what the app's
 * `config.telegram.prepareMessage({ api, ...options })` gives (its backend calls the Bot API's
 * savePreparedInlineMessage and returns the id); '' when neither exists.
 */
async function preparedId(ctx, name, o) {
  if (o.preparedMessageId) return String(o.preparedMessageId);
  const prepare = settings(ctx).prepareMessage;
  if (typeof prepare !== 'function') return '';
  const { success, fail, complete, ...rest } = o;
  const id = await prepare({ api: name, ...rest });
  return id ? String(id) : '';
}

/** Shares through the browser's Web Share sheet: the file at `path` when there is one, else the page. */
async function webShare(ctx, title, path, name) {
  const w = winOf(ctx);
  const nav = w.navigator;
  if (!nav || typeof nav.share !== 'function')
    throw failure('not supported (no prepared message id, and no Web Share in this browser)');
  const data = title ? { title } : {};
  const blob = path ? await fileBlob(ctx, path) : null;
  if (blob) data.files = [new w.File([blob], name || baseName(path), { type: blob.type })];
  else data.url = path || w.location.href;
  if (data.files && typeof nav.canShare === 'function' && !nav.canShare(data))
    throw failure('not supported (this browser cannot share files)');
  try {
    await nav.share(data);
  } catch (e) {
    throw failure(e && e.name === 'AbortError' ? 'cancel' : (e && e.message) || 'share failed');
  }
  return {};
}

/**
 * @param {MpApiContext} ctx
 * @returns {MpApiTable}
 */
export default function shareApis(ctx) {
  const out = {};
  for (const [name, [field, inline]] of Object.entries(SHARES)) {
    out[name] = api(name, async (o) => {
      if (typeof o[field] !== 'string' || !o[field]) throw failure(paramError(field, 'String', o[field]));
      const id = can(ctx, 'web_app_send_prepared_message') ? await preparedId(ctx, name, o) : '';
      if (id) {
        await exchange(
          ctx,
          'web_app_send_prepared_message',
          { id },
          'prepared_message_sent',
          'prepared_message_failed',
        ).catch((e) => {
          throw failure(e.message === 'USER_DECLINED' ? 'cancel' : e.message);
        });
        return {};
      }
      const title = String(o.title || o.fileName || '');
      if (
        inline
        && ctx.bridge
        && ctx.bridge.post('web_app_switch_inline_query', { query: title.slice(0, 256), chat_types: ['groups'] })
      )
        return {};
      return webShare(ctx, title, field === 'title' ? '' : o[field], o.fileName);
    });
  }
  // A picture to a Telegram story (its URL must be public http(s)), else the share sheet.
  out.showShareImageMenu = api('showShareImageMenu', (o) => {
    if (typeof o.path !== 'string' || !o.path) throw failure(paramError('path', 'String', o.path));
    if (
      /^https?:/i.test(o.path)
      && ctx.bridge
      && ctx.bridge.post('web_app_share_to_story', { media_url: new URL(o.path).href })
    )
      return {};
    return webShare(ctx, '', o.path);
  });
  return out;
}
