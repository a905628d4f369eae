// miniport runtime: wx APIs that leave the app or open other chats, links, documents and invoices on Telegram (close,
// t.me links, openLink, downloadFile, openInvoice), else the browser.
import { api, failure, paramError } from '../../core/callback.js';
import { encodeStartParam } from '../core/launch.js';
import { openApis } from '../core/open.js';
import { openableUrl } from '../../core/urls.js';
import { tempBlob } from '../../core/wxfile.js';
import { baseName, can, fileUrl, openLink, settings, tme, unsupported, winOf } from './common.js';

const need = (o, field) => {
  if (typeof o[field] !== 'string' || !o[field]) throw failure(paramError(field, 'String', o[field]));
  return o[field];
};

/** Clicks a temporary `<a download>` for `href`. */
function download(ctx, href, name) {
  const doc = winOf(ctx).document;
  const a = doc.createElement('a');
  a.href = href;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
}

/** A blob: URL for a local file (revoked after a minute). */
function blobUrl(ctx, blob) {
  const w = winOf(ctx);
  const url = w.URL.createObjectURL(blob);
  setTimeout(() => w.URL.revokeObjectURL(url), 60000);
  return url;
}

/**
 * The t.me link of another mini-program: `config.telegram.miniPrograms[appId]`, else a t.me
 * link given as `shortLink` (or as `appId`), with `path` (and `extraData` as a JSON `extraData`
 * query parameter) in its `startapp` parameter, which a miniport app opens as its launch page.
 * @param {MpApiContext} ctx
 * @param {Record<string, any>} o wx.navigateToMiniProgram's options (appId, shortLink, path, extraData)
 * @returns {string}
 */
export function miniProgramLink(ctx, o) {
  const base =
    tme((settings(ctx).miniPrograms || {})[o.appId])
    || (/t\.me\//i.test(o.shortLink) && tme(o.shortLink))
    || (/t\.me\//i.test(o.appId) && tme(o.appId));
  if (!base) throw failure(`not supported (no Telegram link configured for appId ${o.appId})`);
  let start = String(o.path || '').replace(/^\//, '');
  if (o.extraData !== undefined)
    start += `${start.includes('?') ? '&' : '?'}extraData=${encodeURIComponent(JSON.stringify(o.extraData))}`;
  const url = new URL(base);
  if (start) {
    const param = encodeStartParam(start);
    if (param.length > 512)
      throw failure('path and extraData are too long for a Telegram start parameter (512 characters)');
    url.searchParams.set('startapp', param);
  }
  return url.href;
}

/**
 * @param {MpApiContext} ctx
 * @returns {MpApiTable}
 */
export default function linkApis(ctx) {
  const close = (name) =>
    api(name, () => {
      if (!ctx.bridge || !ctx.bridge.post('web_app_close', {})) throw unsupported(ctx);
      return {};
    });
  const account = (name) =>
    api(name, (o) => {
      const username = need(o, 'username');
      const url = tme((settings(ctx).accounts || {})[username]) || (/t\.me\//i.test(username) && tme(username));
      if (!url) throw failure(`not supported (no Telegram chat configured for ${username})`);
      return openLink(ctx, url);
    });
  let pay = null;
  // The invoice flow of wx.requestPayment (api/core/open.js): the app passes `invoiceUrl` or `slug` from its backend.
  const payAs = (name) =>
    api(name, (o) => {
      pay = pay || openApis(ctx).requestPayment;
      const { success, fail, complete, ...rest } = o;
      return pay(rest).then(
        () => ({}),
        (r) => {
          throw failure(String(r && r.errMsg).replace(/^requestPayment:fail ?/, ''));
        },
      );
    });
  return {
    exitMiniProgram: close('exitMiniProgram'),
    // There is no calling mini-program to return to: the app closes, and extraData is dropped.
    navigateBackMiniProgram: close('navigateBackMiniProgram'),
    navigateToMiniProgram: api('navigateToMiniProgram', (o) => openLink(ctx, miniProgramLink(ctx, o))),
    openOfficialAccountArticle: api('openOfficialAccountArticle', (o) =>
      openLink(ctx, need(o, 'url'), { instantView: true }),
    ),
    openOfficialAccountChat: account('openOfficialAccountChat'),
    openOfficialAccountProfile: account('openOfficialAccountProfile'),
    openCustomerServiceChat: api('openCustomerServiceChat', (o) => {
      const url =
        tme(settings(ctx).customerService) || (o.extInfo && /t\.me\//i.test(o.extInfo.url) && tme(o.extInfo.url));
      if (!url) throw failure('not supported (no Telegram customer service chat configured)');
      return openLink(ctx, url);
    }),
    openPrivacyContract: api('openPrivacyContract', () => {
      const url = settings(ctx).privacyUrl;
      if (!url) throw failure('not supported (no privacy policy URL configured)');
      return openLink(ctx, url);
    }),
    openDocument: api('openDocument', async (o) => {
      const path = need(o, 'filePath');
      if (/^https?:/i.test(path)) return openLink(ctx, path);
      let url = await fileUrl(path);
      // A PDF without a type would download instead of showing.
      const blob = tempBlob(url);
      if (blob && !blob.type && (o.fileType === 'pdf' || /\.pdf$/i.test(path)))
        url = blobUrl(ctx, new (winOf(ctx).Blob)([blob], { type: 'application/pdf' }));
      const w = winOf(ctx);
      // The app's own files and blob: files only; `noopener` so that the document cannot reach this page.
      const href = openableUrl(url, w.document ? w.document.baseURI : 'about:blank', ['web', 'blob']);
      if (!href) throw failure(`invalid file path ${path}`);
      if (typeof w.open !== 'function') throw unsupported(ctx);
      w.open(href, '_blank', 'noopener');
      return {};
    }),
    saveFileToDisk: api('saveFileToDisk', async (o) => {
      const path = need(o, 'filePath');
      const name = typeof o.fileName === 'string' && o.fileName ? o.fileName : baseName(path);
      // Telegram's own download sheet takes https URLs only; local files go through the browser.
      if (/^https:/i.test(path) && can(ctx, 'web_app_request_file_download')) {
        const d = await ctx.bridge.request(
          'web_app_request_file_download',
          { url: path, file_name: name },
          'file_download_requested',
        );
        if (!d || d.status !== 'downloading') throw failure('cancel');
        return {};
      }
      download(ctx, await fileUrl(path), name);
      return {};
    }),
    requestCommonPayment: payAs('requestCommonPayment'),
    requestVirtualPayment: payAs('requestVirtualPayment'),
    // Telegram can only open its location permission settings.
    openAppAuthorizeSetting: api('openAppAuthorizeSetting', () => {
      if (!can(ctx, 'web_app_open_location_settings') || !ctx.bridge.post('web_app_open_location_settings'))
        throw unsupported(ctx);
      return {};
    }),
  };
}
