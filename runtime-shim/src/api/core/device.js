// miniport runtime: device APIs — clipboard, vibration (Telegram haptics), QR scanning (Telegram's scanner), phone
// calls, network type, keeping the screen on.
import { api, paramError, failure } from '../../core/callback.js';
import { feedbackApis } from './feedback.js';
import { listeners } from './network.js';

/** @type {(ctx: MpApiContext) => Partial<Navigator>} */
const nav = (ctx) => (ctx.win || globalThis).navigator || {};

/**
 * WeChat's networkType from the Network Information API: wifi/2g/3g/4g/5g/unknown/none.
 * @param {Partial<Navigator>} n
 * @returns {string}
 */
export function networkType(n) {
  if (n.onLine === false) return 'none';
  const c = n.connection;
  if (!c) return 'unknown';
  if (c.type === 'wifi' || c.type === 'ethernet') return 'wifi';
  if (c.type === 'none') return 'none';
  return { 'slow-2g': '2g', '2g': '2g', '3g': '3g', '4g': '4g', '5g': '5g' }[c.effectiveType] || 'unknown';
}

function base64(text) {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}

function copyWithCommand(doc, text) {
  if (!doc || !doc.body || typeof doc.execCommand !== 'function') return false;
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.cssText = 'position:fixed;opacity:0;top:0;left:0';
  doc.body.appendChild(area);
  area.select();
  let done = false;
  try {
    done = doc.execCommand('copy');
  } catch {
    done = false;
  }
  area.remove();
  return done;
}

function haptic(ctx, params, ms) {
  const b = ctx.bridge;
  if (b && b.post('web_app_trigger_haptic_feedback', params)) return {};
  const n = nav(ctx);
  if (typeof n.vibrate === 'function' && n.vibrate(ms)) return {};
  throw failure('not supported');
}

/**
 * The device APIs of this group.
 * @param {MpApiContext} ctx
 * @returns {MpApiTable}
 */
export function deviceApis(ctx) {
  const win = () => ctx.win || globalThis;
  const net = listeners();
  let watching = false;
  let wake = null;
  let wantWake = false;
  let reqId = 0;
  return {
    setClipboardData: api('setClipboardData', async (o) => {
      if (typeof o.data !== 'string') throw failure(paramError('data', 'String', o.data));
      const clip = nav(ctx).clipboard;
      let done = false;
      if (clip && typeof clip.writeText === 'function')
        done = await clip.writeText(o.data).then(
          () => true,
          () => false,
        );
      if (!done && !copyWithCommand(win().document, o.data)) throw failure('permission denied');
      const toast = (globalThis.wx && typeof globalThis.wx.showToast === 'function' ? globalThis.wx : feedbackApis())
        .showToast;
      toast({ title: '内容已复制', icon: 'success', duration: 1500, fail() {} });
      return {};
    }),
    getClipboardData: api('getClipboardData', async () => {
      const b = ctx.bridge;
      if (b && b.supports('web_app_read_text_from_clipboard')) {
        const req_id = `mp${++reqId}`;
        const d = await b.request('web_app_read_text_from_clipboard', { req_id }, 'clipboard_text_received', {
          match: (x) => x && x.req_id === req_id,
        });
        if (typeof d.data === 'string') return { data: d.data };
      }
      const clip = nav(ctx).clipboard;
      if (!clip || typeof clip.readText !== 'function') throw failure('not supported');
      return clip.readText().then(
        (data) => ({ data }),
        (e) => {
          throw failure(e && e.name === 'NotAllowedError' ? 'permission denied' : (e && e.message) || 'not supported');
        },
      );
    }),
    vibrateShort: api('vibrateShort', (o) => {
      const style = ['heavy', 'medium', 'light'].includes(o.type) ? o.type : 'medium';
      return haptic(ctx, { type: 'impact', impact_style: style }, 15);
    }),
    vibrateLong: api('vibrateLong', () => haptic(ctx, { type: 'notification', notification_type: 'warning' }, 400)),
    scanCode: api('scanCode', (o) => {
      const b = ctx.bridge;
      if (!b || !b.supports('web_app_open_scan_qr_popup'))
        throw failure(b && b.inTelegram ? 'not supported' : 'not in Telegram');
      return new Promise((resolve, reject) => {
        const stop = () => {
          offText();
          offClosed();
        };
        const offText = b.on('qr_text_received', (d) => {
          stop();
          b.post('web_app_close_scan_qr_popup');
          const result = String((d && d.data) || '');
          resolve({ result, scanType: 'QR_CODE', charSet: 'utf-8', rawData: base64(result) });
        });
        const offClosed = b.on('scan_qr_popup_closed', () => {
          stop();
          reject(failure('cancel'));
        });
        if (!b.post('web_app_open_scan_qr_popup', o.text ? { text: String(o.text) } : {})) {
          stop();
          reject(failure('not supported'));
        }
      });
    }),
    makePhoneCall: api('makePhoneCall', (o) => {
      if (typeof o.phoneNumber !== 'string' || !o.phoneNumber)
        throw failure(paramError('phoneNumber', 'String', o.phoneNumber));
      const doc = win().document;
      if (!doc) throw failure('no document');
      const a = doc.createElement('a');
      a.href = `tel:${o.phoneNumber.replace(/[^\d+*#,;]/g, '')}`;
      a.hidden = true;
      (doc.body || doc.documentElement).append(a);
      a.click();
      a.remove();
      return {};
    }),
    getNetworkType: api('getNetworkType', () => ({ networkType: networkType(nav(ctx)), hasSystemProxy: false })),
    onNetworkStatusChange(cb) {
      net.on(cb);
      if (watching) return;
      watching = true;
      // The browser may report one change twice (`offline` and the connection's `change`): WeChat reports it once.
      let last = networkType(nav(ctx));
      const fire = () => {
        const type = networkType(nav(ctx));
        if (type === last) return;
        last = type;
        net.emit({ isConnected: type !== 'none', networkType: type });
      };
      const w = win();
      if (w.addEventListener) {
        w.addEventListener('online', fire);
        w.addEventListener('offline', fire);
      }
      const c = nav(ctx).connection;
      if (c && c.addEventListener) c.addEventListener('change', fire);
    },
    offNetworkStatusChange: net.off,
    setKeepScreenOn: api('setKeepScreenOn', async (o) => {
      const lock = nav(ctx).wakeLock;
      if (!lock || typeof lock.request !== 'function') throw failure('not supported');
      wantWake = Boolean(o.keepScreenOn);
      if (!wantWake) {
        if (wake) await wake.release();
        wake = null;
        return {};
      }
      if (!wake) {
        wake = await lock.request('screen');
        wake.addEventListener?.('release', () => {
          wake = null;
          // The lock ends when the page hides; take it again when it is visible.
          const doc = win().document;
          if (wantWake && doc)
            doc.addEventListener(
              'visibilitychange',
              () => {
                if (wantWake && doc.visibilityState === 'visible')
                  lock.request('screen').then(
                    (s) => {
                      wake = s;
                    },
                    () => {},
                  );
              },
              { once: true },
            );
        });
      }
      return {};
    }),
  };
}
