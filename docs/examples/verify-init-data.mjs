// Verifies a Telegram Mini App's initData on the app's server, with node:crypto only (Node 18+).
// A converted app's wx.login() resolves with { code: initData }; send that code to your server
// (for example as `Authorization: tma <initData>`) and call verifyInitData() there before
// trusting the user in it. Two checks, as Telegram documents them:
//  - botToken: `hash` = hex(HMAC-SHA256(key = HMAC-SHA256(key = "WebAppData", msg = token),
//    msg = data-check-string)); the data-check-string is every pair but `hash`, sorted by key,
//    `key=value` lines joined with "\n";
//  - botId: `signature` is Telegram's Ed25519 signature (base64url) of
//    `${botId}:WebAppData\n` + the same lines without `hash` and `signature`.
// Both then refuse an auth_date older than maxAge seconds.
// As a command: node verify-init-data.mjs '<initData>'  (BOT_TOKEN or BOT_ID in the environment)
import crypto from 'node:crypto';

/** Telegram's Ed25519 public keys (hex) for Mini Apps of the production and test environments. */
export const TELEGRAM_PUBLIC_KEYS = {
  production: 'e7bf03a2fa4602af4580703d88dda5bb59f32ed8b02a56c187fe7d34caed242d',
  test: '40055058a4ee38156a06562e52eece92a771bcd8346a8c4615cb7376eddf72ec',
};

/**
 * The decoded `key=value` lines of `params` but those in `skip`, sorted by key (byte order).
 * @param {URLSearchParams} params
 * @param {string[]} skip
 * @returns {string}
 */
function dataCheckString(params, skip) {
  return [...params.entries()]
    .filter(([key]) => !skip.includes(key))
    .sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
}

/**
 * An Ed25519 public key object from its 32 bytes in hex.
 * @param {string} hex
 * @returns {crypto.KeyObject}
 */
function ed25519Key(hex) {
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(hex, 'hex')]);
  return crypto.createPublicKey({ key: spki, format: 'der', type: 'spki' });
}

/**
 * Checks initData. Returns the verified fields (`user`, `chat` and `receiver` parsed from JSON)
 * or throws an Error whose message says why the data is refused.
 * @param {string} initData the query string exactly as the client sent it
 * @param {{ botToken?: string, botId?: number | string, test?: boolean, publicKey?: string,
 *   maxAge?: number, now?: number }} options `maxAge` in seconds (default 86400, 0: no limit),
 *   `now` in Unix seconds (default: the clock), `publicKey` (hex) instead of Telegram's
 * @returns {Record<string, unknown>}
 */
export function verifyInitData(initData, options) {
  const { botToken, botId, test = false, maxAge = 86400 } = options;
  if (!botToken && !botId) throw new Error('give botToken (hash check) or botId (signature check)');
  const params = new URLSearchParams(initData.replace(/^tma /, ''));
  const keys = [...params.keys()];
  if (keys.length === 0) throw new Error('initData is empty');
  if (new Set(keys).size !== keys.length) throw new Error('initData has a key more than once');
  if (botToken) {
    const hash = params.get('hash');
    if (!hash) throw new Error('initData has no `hash`');
    if (!/^[0-9a-fA-F]{64}$/.test(hash)) throw new Error('`hash` is not 64 hexadecimal digits');
    const secret = crypto.createHmac('sha256', 'WebAppData').update(botToken).digest();
    const expected = crypto
      .createHmac('sha256', secret)
      .update(dataCheckString(params, ['hash']))
      .digest();
    if (!crypto.timingSafeEqual(expected, Buffer.from(hash, 'hex'))) {
      throw new Error('`hash` does not match: the data was altered or signed for another bot token');
    }
  }
  if (botId) {
    const signature = params.get('signature');
    if (!signature) throw new Error('initData has no `signature`');
    const message = `${botId}:WebAppData\n${dataCheckString(params, ['hash', 'signature'])}`;
    const key = ed25519Key(options.publicKey ?? TELEGRAM_PUBLIC_KEYS[test ? 'test' : 'production']);
    const bytes = Buffer.from(signature, 'base64url');
    if (bytes.length !== 64 || !crypto.verify(null, Buffer.from(message), key, bytes)) {
      throw new Error('`signature` does not verify: altered data, another bot id or another environment');
    }
  }
  const authDate = Number(params.get('auth_date'));
  if (!Number.isSafeInteger(authDate) || authDate <= 0) throw new Error('`auth_date` is not a Unix time');
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (maxAge > 0 && now - authDate > maxAge) {
    throw new Error(`initData is ${now - authDate} s old, more than the ${maxAge} s allowed`);
  }
  /** @type {Record<string, unknown>} */
  const fields = {};
  for (const [key, value] of params) {
    fields[key] = ['user', 'chat', 'receiver'].includes(key) ? JSON.parse(value) : value;
  }
  return fields;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  try {
    const fields = verifyInitData(process.argv[2] ?? '', {
      botToken: process.env.BOT_TOKEN,
      botId: process.env.BOT_ID,
      test: process.env.TELEGRAM_TEST === '1',
    });
    console.log(JSON.stringify(fields));
  } catch (error) {
    console.error(`invalid initData: ${error.message}`);
    process.exitCode = 1;
  }
}
