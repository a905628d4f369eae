// miniport runtime: <open-data>, filled from the Telegram user of the launch parameters (empty, or the
// default text and avatar, outside Telegram or for data Telegram does not give).
import { bridge } from '../telegram/bridge.js';
import { attr, node, states, text } from './util.js';

const cells = states();

/** The Telegram user, when the app runs in Telegram and the launch parameters carry one. */
function telegramUser() {
  try {
    const b = bridge();
    return (b.inTelegram && b.launch && b.launch.initDataUnsafe && b.launch.initDataUnsafe.user) || null;
  } catch {
    return null;
  }
}

/**
 * The value of `type` for `user` ('' when Telegram has no such field).
 * @param {string} type
 * @param {Record<string, any> | null} user
 * @returns {string}
 */
export function openDataValue(type, user) {
  if (!user) return '';
  switch (type) {
    case 'userNickName':
      return [user.first_name, user.last_name].filter(Boolean).join(' ');
    case 'userAvatarUrl':
      return user.photo_url || '';
    case 'userLanguage':
      return String(user.language_code || '').replace('-', '_');
    case 'userGender':
      return '0';
    default:
      return '';
  }
}

function fill(el, c, attrs, api) {
  const type = text(attr(attrs, 'type'));
  const value = openDataValue(type, telegramUser());
  c.box.textContent = '';
  el.toggleAttribute('mp-avatar', type === 'userAvatarUrl');
  if (type === 'userAvatarUrl') {
    const src = value || text(attr(attrs, 'default-avatar'));
    if (!src) return;
    const img = node(c.box, 'img');
    img.alt = '';
    img.src = value || (api && api.resolveUrl ? api.resolveUrl(src) : src);
    img.addEventListener('error', () => api.emit('error', { errMsg: 'open-data: avatar failed to load' }));
    return;
  }
  c.box.textContent = value || text(attr(attrs, 'default-text'));
}

export const openData = {
  create(el, attrs, api) {
    const c = cells.set(el, { box: node(el, 'span', 'wx-open-data') });
    fill(el, c, attrs, api);
    return { content: null };
  },
  update(el, attrs, old, api) {
    fill(el, cells.get(el), attrs, api);
  },
  destroy(el) {
    cells.delete(el);
  },
};
