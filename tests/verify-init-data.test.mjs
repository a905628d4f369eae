// The Node recipe of README "Verifying Telegram users" (docs/examples/verify-init-data.mjs) and the
// `miniport verify-init-data` command, both against initData signed here as Telegram documents it:
// an HMAC-SHA256 `hash` with a made-up bot token, and an Ed25519 `signature` with a key made for the
// test (Telegram's private key being Telegram's, the command is given the test key's public half).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyInitData } from '../docs/examples/verify-init-data.mjs';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const binary = join(root, 'target', 'debug', 'miniport');
const TOKEN = '5768337691:AAH5YkoiEuPk8-FZa32hStHTqXiLPtAEhx8';
const BOT_ID = 5768337691;
const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
const PUBLIC_HEX = publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');

/** Signs `fields` (auth_date: `authDate`) with TOKEN and the test key; returns the query string. */
function sign(fields, authDate) {
  const params = new URLSearchParams({ ...fields, auth_date: String(authDate) });
  const lines = (skip) =>
    [...params.entries()]
      .filter(([k]) => !skip.includes(k))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`)
      .join('\n');
  const message = `${BOT_ID}:WebAppData\n${lines(['hash', 'signature'])}`;
  params.set('signature', crypto.sign(null, Buffer.from(message), privateKey).toString('base64url'));
  const secret = crypto.createHmac('sha256', 'WebAppData').update(TOKEN).digest();
  params.set(
    'hash',
    crypto
      .createHmac('sha256', secret)
      .update(lines(['hash']))
      .digest('hex'),
  );
  return params.toString();
}

const now = Math.floor(Date.now() / 1000);
const user = JSON.stringify({ id: 279058397, first_name: 'Ada', username: 'ada_l', language_code: 'en' });
const fresh = sign({ query_id: 'AAHdF6IQAAAAAN0XohDhrOrc', user, chat_type: 'sender' }, now - 30);

test('the recipe accepts data signed with the bot token and returns the user parsed', () => {
  const fields = verifyInitData(fresh, { botToken: TOKEN, maxAge: 60 });
  assert.equal(fields.user.id, 279058397);
  assert.equal(fields.chat_type, 'sender');
});

test('the recipe refuses altered data, another token, an old auth_date and a missing hash', () => {
  const altered = fresh.replace('ada_l', 'eve');
  assert.throws(() => verifyInitData(altered, { botToken: TOKEN }), /`hash` does not match/);
  assert.throws(() => verifyInitData(fresh, { botToken: `${TOKEN}x` }), /`hash` does not match/);
  assert.throws(() => verifyInitData(fresh, { botToken: TOKEN, maxAge: 10 }), /s old, more than the 10 s/);
  const noHash = fresh.replace(/&hash=[0-9a-f]+/, '');
  assert.throws(() => verifyInitData(noHash, { botToken: TOKEN }), /no `hash`/);
});

test('the recipe checks the Ed25519 signature for the bot id, and refuses it for another bot', () => {
  assert.equal(verifyInitData(fresh, { botId: BOT_ID, publicKey: PUBLIC_HEX }).user.first_name, 'Ada');
  assert.throws(() => verifyInitData(fresh, { botId: BOT_ID + 1, publicKey: PUBLIC_HEX }), /does not verify/);
  // Not signed by Telegram's production key.
  assert.throws(() => verifyInitData(fresh, { botId: BOT_ID }), /does not verify/);
});

/** Runs `miniport verify-init-data` with `args`; `env` is added to a clean environment. */
function miniport(args, env = {}) {
  return spawnSync(binary, ['verify-init-data', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
  });
}

test('miniport verify-init-data agrees: exit 0 with the fields, 1 with the reason', {
  skip: !existsSync(binary),
}, () => {
  const ok = miniport(['--bot-token', TOKEN, '--max-age', '60', fresh]);
  assert.equal(ok.status, 0, ok.stderr);
  const report = JSON.parse(ok.stdout);
  assert.equal(report.fields.user.username, 'ada_l');
  assert.deepEqual(report.checked, ['hash']);

  const fromEnv = miniport([`tma ${fresh}`], { MINIPORT_BOT_TOKEN: TOKEN });
  assert.equal(fromEnv.status, 0, fromEnv.stderr);

  const altered = miniport(['--bot-token', TOKEN, fresh.replace('ada_l', 'eve')]);
  assert.equal(altered.status, 1);
  assert.match(altered.stderr, /`hash` does not match/);

  const old = sign({ user }, now - 7200);
  const expired = miniport(['--bot-token', TOKEN, '--max-age', '3600', old]);
  assert.equal(expired.status, 1);
  assert.match(expired.stderr, /is 720\d s old .*more than the 3600 s allowed/);
  assert.equal(miniport(['--bot-token', TOKEN, '--max-age', '0', old]).status, 0);

  const wrong = miniport(['--bot-token', '5768337691:AAH5YkoiEuPk8-FZa32hStHTqXiLPtAEhx9', fresh]);
  assert.equal(wrong.status, 1);

  // The Ed25519 check, with the test key's public half, then with Telegram's production key,
  // which did not sign this data.
  const signed = miniport(['--bot-id', String(BOT_ID), '--public-key', PUBLIC_HEX, fresh]);
  assert.equal(signed.status, 0, signed.stderr);
  assert.deepEqual(JSON.parse(signed.stdout).checked, ['signature']);
  const both = miniport(['--bot-token', TOKEN, '--bot-id', String(BOT_ID), '--public-key', PUBLIC_HEX, fresh]);
  assert.deepEqual(JSON.parse(both.stdout).checked, ['hash', 'signature']);
  const otherBot = miniport(['--bot-id', String(BOT_ID + 1), '--public-key', PUBLIC_HEX, fresh]);
  assert.equal(otherBot.status, 1);
  const thirdParty = miniport(['--bot-id', String(BOT_ID), fresh]);
  assert.equal(thirdParty.status, 1);
  assert.match(thirdParty.stderr, /`signature` does not verify/);
});
