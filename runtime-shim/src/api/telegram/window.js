// miniport runtime: wx APIs of the app's window on Telegram — closing confirmation, keyboard, home screen, group entry
// info, window and menu-button changes.
import { api, failure, paramError } from '../../core/callback.js';
import { systemApis } from '../core/system.js';
import { listenerSet, unsupported, winOf } from './common.js';

/**
 * @param {MpApiContext} ctx
 * @returns {MpApiTable}
 */
export default function windowApis(ctx) {
  const b = ctx.bridge;
  const w = winOf(ctx);
  let guard = null;
  const closing = (on) => b && b.post('web_app_setup_closing_behavior', { need_confirmation: on });

  // Window size: the width of the window and Telegram's stable viewport height (the window's outside Telegram).
  const resize = listenerSet();
  let stableHeight = null;
  let lastSize = '';
  const report = () => {
    const size = { windowWidth: w.innerWidth, windowHeight: stableHeight ?? w.innerHeight };
    const key = `${size.windowWidth}x${size.windowHeight}`;
    if (key === lastSize) return;
    lastSize = key;
    resize.emit({ size });
  };
  lastSize = `${w.innerWidth}x${w.innerHeight}`;
  if (typeof w.addEventListener === 'function') w.addEventListener('resize', () => report());
  if (b) {
    b.on('viewport_changed', (d) => {
      if (!d || typeof d.height !== 'number' || d.is_state_stable === false) return;
      stableHeight = d.height;
      report();
    });
  }

  // The menu button (capsule) rectangle follows Telegram's content safe area.
  const menu = listenerSet();
  const rect = systemApis().getMenuButtonBoundingClientRect;
  if (b)
    for (const e of ['content_safe_area_changed', 'safe_area_changed'])
      b.on(e, () => {
        if (menu.size) menu.emit(rect());
      });

  return {
    // Telegram asks before the app closes; the web page asks before it unloads (the browser shows its own text).
    enableAlertBeforeUnload: api('enableAlertBeforeUnload', (o) => {
      if (typeof o.message !== 'string' || !o.message) throw failure(paramError('message', 'String', o.message));
      closing(true);
      // Going back from this page (not navigateBack) asks first, as WeChat's dialog does.
      if (ctx.router && ctx.router.setBackGuard) {
        ctx.router.setBackGuard(() =>
          import('../core/modal.js')
            .then((m) => m.modalApis(ctx).showModal({ title: '', content: o.message }))
            .then((r) => Boolean(r && r.confirm)),
        );
      }
      if (typeof w.addEventListener !== 'function') return {};
      if (guard) w.removeEventListener('beforeunload', guard);
      guard = (e) => {
        e.preventDefault();
        e.returnValue = o.message;
        return o.message;
      };
      w.addEventListener('beforeunload', guard);
      return {};
    }),
    disableAlertBeforeUnload: api('disableAlertBeforeUnload', () => {
      closing(false);
      if (ctx.router && ctx.router.setBackGuard) ctx.router.setBackGuard(null);
      if (guard) w.removeEventListener('beforeunload', guard);
      guard = null;
      return {};
    }),
    hideKeyboard: api('hideKeyboard', () => {
      if (!(b && b.post('web_app_hide_keyboard'))) {
        const el = /** @type {HTMLElement | null} */ (w.document && w.document.activeElement);
        if (el && el !== w.document.body && typeof el.blur === 'function') el.blur();
      }
      return {};
    }),
    // Telegram has no home button.
    hideHomeButton: api('hideHomeButton', () => ({})),
    // The closest analogue of "added to My Mini Programs": a home-screen shortcut (an installed web app outside
    // Telegram).
    checkIsAddedToMyMiniProgram: api('checkIsAddedToMyMiniProgram', () => {
      if (b && b.supports('web_app_check_home_screen'))
        return b
          .request('web_app_check_home_screen', undefined, 'home_screen_checked')
          .then((d) => ({ added: Boolean(d && d.status === 'added') }));
      if (b && b.inTelegram) throw unsupported(ctx);
      return { added: Boolean(w.matchMedia && w.matchMedia('(display-mode: standalone)').matches) };
    }),
    // No encrypted payload exists: the chat fields of initData come in plain form (trust them only after the server has
    // validated initData).
    getGroupEnterInfo: api('getGroupEnterInfo', () => {
      if (!b || !b.inTelegram) throw unsupported(ctx);
      const u = (b.launch && b.launch.initDataUnsafe) || {};
      if (!u.chat_instance && !u.chat) throw failure('scene error', { errCode: 40097 });
      return {
        encryptedData: '',
        iv: '',
        chat_type: u.chat_type || '',
        chat_instance: u.chat_instance || '',
        chat: u.chat || null,
      };
    }),
    onWindowResize: resize.on,
    offWindowResize: resize.off,
    onMenuButtonBoundingClientRectWeightChange: menu.on,
    offMenuButtonBoundingClientRectWeightChange: menu.off,
  };
}
