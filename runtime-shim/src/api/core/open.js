// miniport runtime: open APIs on Telegram — login (initData), user info, payment (invoices), subscribe messages (write
// access), share menu, and the authorization registry.
import { settle, api, paramError, failure } from '../../core/callback.js';
import { dialog, overlay, el } from './modal.js';

const KEY = 'miniport:authSetting';
const SCOPES = {
  userInfo: '获取你的昵称、头像',
  userLocation: '获取你的位置信息',
  userFuzzyLocation: '获取你的模糊地理位置',
  userLocationBackground: '在后台使用你的位置信息',
  record: '使用你的麦克风',
  camera: '使用你的摄像头',
  bluetooth: '使用你的蓝牙',
  writePhotosAlbum: '保存图片或视频到你的相册',
  addPhoneContact: '添加通讯录联系人',
  addPhoneCalendar: '添加日历事件',
  werun: '获取你的微信运动步数',
};

function store(ctx) {
  const ls = () => {
    try {
      return (ctx.win || globalThis).localStorage || null;
    } catch {
      return null;
    }
  };
  return {
    read() {
      try {
        return JSON.parse(ls().getItem(KEY)) || {};
      } catch {
        return {};
      }
    },
    write(v) {
      try {
        ls().setItem(KEY, JSON.stringify(v));
      } catch {
        /* no storage: this session only */
      }
    },
  };
}

/** The Telegram user of the launch parameters, or a failure outside Telegram. */
function tgUser(ctx) {
  const b = ctx.bridge;
  const user = b && b.inTelegram && b.launch && b.launch.initDataUnsafe && b.launch.initDataUnsafe.user;
  if (!user) throw failure(b && b.inTelegram ? 'no user in initData' : 'not in Telegram');
  const userInfo = {
    nickName: [user.first_name, user.last_name].filter(Boolean).join(' '),
    avatarUrl: user.photo_url || '',
    gender: 0,
    country: '',
    province: '',
    city: '',
    language: String(user.language_code || '').replace('-', '_'),
  };
  // signature/encryptedData/iv are WeChat-server fields: the backend checks the raw initData instead.
  return { userInfo, rawData: JSON.stringify(userInfo), signature: '', encryptedData: '', iv: '' };
}

/**
 * The invoice slug from `slug`, `invoiceUrl` (https://t.me/$slug or t.me/invoice/slug) or `package`.
 * @param {Record<string, any>} o wx.requestPayment's options (slug, invoiceUrl or package)
 * @returns {string}
 */
export function invoiceSlug(o) {
  const src = String(o.slug || o.invoiceUrl || o.package || '');
  const m = /^https?:\/\/t\.me\/(?:invoice\/|\$)?([^/?#]+)/.exec(src) || /^(?:slug=)?([\w-]+)$/.exec(src);
  return m ? m[1] : '';
}

function pay(ctx, name) {
  return api(name, (o) => {
    const slug = invoiceSlug(o);
    if (!slug) throw failure(paramError('package', 'String', o.package));
    const b = ctx.bridge;
    if (!b || !b.inTelegram) throw failure('not in Telegram');
    return b
      .request('web_app_open_invoice', { slug }, 'invoice_closed', { match: (d) => d && d.slug === slug })
      .then((d) => {
        if (d.status === 'paid') return {};
        throw failure(d.status === 'cancelled' ? 'cancel' : d.status || 'failed');
      });
  });
}

/**
 * The open APIs of this group.
 * @param {MpApiContext} ctx
 * @returns {MpApiTable}
 */
export function openApis(ctx) {
  const auth = store(ctx);
  const share = { shown: true, withShareTicket: false, menus: ['shareAppMessage'] };
  const appName = () => (ctx.config && ctx.config.name) || ((ctx.win || globalThis).document || {}).title || '';
  const initData = () => (ctx.bridge && ctx.bridge.inTelegram && ctx.bridge.launch ? ctx.bridge.launch.initData : '');
  return {
    login: api('login', () => {
      if (!initData()) throw failure('no initData');
      return { code: initData() };
    }),
    checkSession: api('checkSession', () => {
      if (!initData()) throw failure('session time out');
      const at = Number(ctx.bridge.launch.initDataUnsafe && ctx.bridge.launch.initDataUnsafe.auth_date);
      const ttl = Number(ctx.config && ctx.config.sessionTtl) || 86400;
      if (at && Date.now() / 1000 - at > ttl) throw failure('session time out');
      return {};
    }),
    getUserInfo: api('getUserInfo', () => tgUser(ctx)),
    getUserProfile: api('getUserProfile', () => tgUser(ctx)),
    requestPayment: pay(ctx, 'requestPayment'),
    requestOrderPayment: pay(ctx, 'requestOrderPayment'),
    requestSubscribeMessage: api('requestSubscribeMessage', (o) => {
      if (!Array.isArray(o.tmplIds) || !o.tmplIds.length) throw failure(paramError('tmplIds', 'Array', o.tmplIds));
      const b = ctx.bridge;
      if (!b || !b.inTelegram) throw failure('not in Telegram');
      return b.request('web_app_request_write_access', undefined, 'write_access_requested').then((d) => {
        const answer = d && d.status === 'allowed' ? 'accept' : 'reject';
        return Object.fromEntries(o.tmplIds.map((id) => [id, answer]));
      });
    }),
    // Telegram has no share capsule: the menu state is only recorded (an app shares through a button of its own).
    showShareMenu: api('showShareMenu', (o) => {
      Object.assign(
        share,
        { shown: true, withShareTicket: Boolean(o.withShareTicket) },
        Array.isArray(o.menus) ? { menus: o.menus } : {},
      );
      return {};
    }),
    hideShareMenu: api('hideShareMenu', () => {
      share.shown = false;
      return {};
    }),
    updateShareMenu: api('updateShareMenu', (o) => {
      share.withShareTicket = Boolean(o.withShareTicket);
      return {};
    }),
    authorize: api('authorize', (o) => {
      const scope = String(o.scope || '').replace(/^scope\./, '');
      if (!SCOPES[scope]) throw failure('invalid scope');
      const key = `scope.${scope}`;
      const known = auth.read()[key];
      if (known === true || scope === 'userInfo') return {};
      if (known === false) throw failure('auth deny');
      const desc = ctx.config && ctx.config.permission && ctx.config.permission[key] && ctx.config.permission[key].desc;
      return dialog(ctx, {
        title: `${appName()} 申请`,
        content: desc ? `${SCOPES[scope]}\n${desc}` : SCOPES[scope],
        cancelText: '拒绝',
        confirmText: '允许',
      }).then((r) => {
        auth.write({ ...auth.read(), [key]: r.confirm });
        if (!r.confirm) throw failure('auth deny');
        return {};
      });
    }),
    getSetting: api('getSetting', (o) =>
      Object.assign(
        { authSetting: auth.read() },
        o.withSubscriptions ? { subscriptionsSetting: { mainSwitch: true, itemSettings: {} } } : {},
      ),
    ),
    openSetting: (o = {}) =>
      settle(
        'openSetting',
        o,
        overlay(ctx, 'modal', (doc, close) => {
          const current = auth.read();
          const box = el(doc, 'div', 'miniport-modal miniport-setting');
          box.append(el(doc, 'div', 'miniport-modal-title', '设置'));
          const boxes = Object.keys(current).map((key) => {
            const row = el(doc, 'label', 'miniport-setting-row', SCOPES[key.slice(6)] || key);
            const input = el(doc, 'input');
            input.type = 'checkbox';
            input.checked = current[key];
            input.name = key;
            row.prepend(input);
            box.append(row);
            return input;
          });
          const bar = el(doc, 'div', 'miniport-modal-buttons');
          const done = el(doc, 'button', 'miniport-modal-confirm', '完成');
          done.type = 'button';
          done.addEventListener('click', () => {
            const next = Object.fromEntries(boxes.map((i) => [i.name, i.checked]));
            auth.write(next);
            close({ authSetting: next });
          });
          bar.append(done);
          box.append(bar);
          return box;
        }),
      ),
  };
}
