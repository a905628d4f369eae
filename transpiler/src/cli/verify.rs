//! `miniport verify-init-data`: checks a Mini App's `initData` with the bot token (HMAC-SHA256)
//! and/or Telegram's Ed25519 signature for a bot id, and its age; prints the verified fields as
//! JSON on stdout, or the reason on stderr.

use std::time::{SystemTime, UNIX_EPOCH};

use miniport::telegram::{
    bot_id_of, verify_with_bot_token, verify_with_public_key, InitDataError, TelegramEnvironment,
    Verified,
};
use serde_json::{Map, Value};

use super::{VerifyInitDataArgs, EXIT_FATAL, EXIT_OK};

/// Exit code when the data is not valid.
const EXIT_INVALID: i32 = 1;

/// The environment variable read when `--bot-token` is not given.
pub const BOT_TOKEN_ENV: &str = "MINIPORT_BOT_TOKEN";

pub fn run(args: &VerifyInitDataArgs) -> i32 {
    let token = args
        .bot_token
        .clone()
        .or_else(|| std::env::var(BOT_TOKEN_ENV).ok())
        .filter(|t| !t.trim().is_empty());
    if token.is_none() && args.bot_id.is_none() {
        eprintln!(
            "error: give the bot token (--bot-token or {BOT_TOKEN_ENV}) for the hash check, or --bot-id for the Ed25519 check"
        );
        return EXIT_FATAL;
    }
    if let (Some(bot_id), Some(token)) = (args.bot_id, token.as_deref()) {
        if bot_id_of(token.trim()).is_ok_and(|id| id != bot_id) {
            eprintln!("error: --bot-id {bot_id} is not the id of the bot token");
            return EXIT_FATAL;
        }
    }
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let max_age = (args.max_age > 0).then_some(args.max_age);
    let raw = args.init_data.trim();
    let raw = raw.strip_prefix("tma ").unwrap_or(raw);
    let environment = if args.test_environment {
        TelegramEnvironment::Test
    } else {
        TelegramEnvironment::Production
    };
    let mut public_key = environment.public_key();
    if let Some(hex_key) = &args.public_key {
        if hex::decode_to_slice(hex_key.trim(), &mut public_key).is_err() {
            eprintln!("error: --public-key takes an Ed25519 public key as 64 hex digits");
            return EXIT_FATAL;
        }
    }
    let mut verified: Option<Verified> = None;
    let mut methods = Vec::new();
    if let Some(token) = token.as_deref() {
        match verify_with_bot_token(raw, token.trim(), now, max_age) {
            Ok(v) => verified = Some(v),
            Err(err) => return invalid("bot token", &err),
        }
        methods.push("hash");
    }
    if let Some(bot_id) = args.bot_id {
        match verify_with_public_key(raw, bot_id, &public_key, now, max_age) {
            Ok(v) => verified = Some(v),
            Err(err) => return invalid("signature", &err),
        }
        methods.push("signature");
    }
    let Some(verified) = verified else {
        return EXIT_FATAL;
    };
    let mut fields = Map::new();
    for (key, value) in &verified.data.pairs {
        let json = matches!(key.as_str(), "user" | "receiver" | "chat")
            .then(|| serde_json::from_str::<Value>(value).ok())
            .flatten();
        fields.insert(
            key.clone(),
            json.unwrap_or_else(|| Value::String(value.clone())),
        );
    }
    let report = serde_json::json!({
        "valid": true,
        "checked": methods,
        "authDate": verified.auth_date,
        "age": now.saturating_sub(verified.auth_date),
        "fields": fields,
    });
    println!("{report}");
    EXIT_OK
}

fn invalid(check: &str, err: &InitDataError) -> i32 {
    eprintln!("invalid initData ({check} check): {err}");
    EXIT_INVALID
}
