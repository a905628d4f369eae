//! Verifying a Mini App's `initData` (`Telegram.WebApp.initData`, the `code` that a converted
//! app's `wx.login` returns) as Telegram documents it, so that a backend can trust the user in it.
//!
//! Two checks, each over the *data-check-string*: the `key=value` pairs of the query string,
//! percent-decoded, sorted by key (byte order) and joined with `\n`.
//! - With the bot token ([`verify_with_bot_token`]): `hash` is
//!   `hex(HMAC-SHA256(key = HMAC-SHA256(key = "WebAppData", msg = token), msg = string))`,
//!   where the string leaves out `hash` only (`signature`, when present, is signed too).
//! - Without it, for a third party that knows only the bot id ([`verify_with_signature`]):
//!   `signature` (base64url) is Telegram's Ed25519 signature of `"{bot_id}:WebAppData\n"`
//!   followed by the string without `hash` and `signature`, under Telegram's public key
//!   ([`PRODUCTION_PUBLIC_KEY`], or [`TEST_PUBLIC_KEY`] for the test environment).
//!
//! Both then check that `auth_date` is no older than the allowed age. The hash comparison is
//! constant-time (`hmac`'s `verify_slice`).

use std::fmt;

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use ed25519_dalek::{Signature, VerifyingKey};
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Telegram's Ed25519 public key for Mini Apps of the production environment (hex, as
/// published in "Validating data for Third-Party Use").
pub const PRODUCTION_PUBLIC_KEY: &str =
    "e7bf03a2fa4602af4580703d88dda5bb59f32ed8b02a56c187fe7d34caed242d";
/// Telegram's Ed25519 public key for Mini Apps of the test environment (hex).
pub const TEST_PUBLIC_KEY: &str =
    "40055058a4ee38156a06562e52eece92a771bcd8346a8c4615cb7376eddf72ec";

/// Which of Telegram's environments signed the data (third-party validation only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TelegramEnvironment {
    /// The Telegram everyone uses.
    #[default]
    Production,
    /// Telegram's test environment (test accounts and bots).
    Test,
}

impl TelegramEnvironment {
    /// The environment's public key, as bytes.
    pub fn public_key(self) -> [u8; 32] {
        let hex_key = match self {
            TelegramEnvironment::Production => PRODUCTION_PUBLIC_KEY,
            TelegramEnvironment::Test => TEST_PUBLIC_KEY,
        };
        let mut key = [0u8; 32];
        // The constants above are 64 hex digits; a failure here would be a typo in them,
        // which the unit tests rule out.
        if hex::decode_to_slice(hex_key, &mut key).is_err() {
            key = [0u8; 32];
        }
        key
    }
}

/// Why `initData` was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InitDataError {
    /// Not a query string of `key=value` pairs, or a key given twice.
    Malformed(String),
    /// No `hash` pair (the bot-token check needs it).
    MissingHash,
    /// No `signature` pair (the third-party check needs it).
    MissingSignature,
    /// `hash` is not 64 hex digits.
    BadHash,
    /// `signature` is not the base64url of 64 bytes.
    BadSignature,
    /// The bot token is empty or not of the form `<bot id>:<secret>`.
    BadBotToken,
    /// The public key is not a valid Ed25519 point.
    BadPublicKey,
    /// `hash` does not match: the data was altered, or signed for another bot.
    HashMismatch,
    /// `signature` does not verify: the data was altered, or signed for another bot id or
    /// environment.
    SignatureMismatch,
    /// No `auth_date`, or not a Unix time in seconds.
    BadAuthDate,
    /// `auth_date` is older than allowed.
    Expired {
        /// Seconds since `auth_date`.
        age: u64,
        /// The most allowed.
        max_age: u64,
    },
}

impl fmt::Display for InitDataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InitDataError::Malformed(why) => write!(f, "initData is malformed: {why}"),
            InitDataError::MissingHash => f.write_str("initData has no `hash`"),
            InitDataError::MissingSignature => f.write_str("initData has no `signature`"),
            InitDataError::BadHash => f.write_str("`hash` is not 64 hexadecimal digits"),
            InitDataError::BadSignature => {
                f.write_str("`signature` is not the base64url of a 64-byte Ed25519 signature")
            }
            InitDataError::BadBotToken => {
                f.write_str("the bot token is not of the form `<bot id>:<secret>`")
            }
            InitDataError::BadPublicKey => f.write_str("the public key is not an Ed25519 key"),
            InitDataError::HashMismatch => f.write_str(
                "`hash` does not match: the data was altered or signed for another bot token",
            ),
            InitDataError::SignatureMismatch => f.write_str(
                "`signature` does not verify: the data was altered, or signed for another bot id or Telegram environment",
            ),
            InitDataError::BadAuthDate => {
                f.write_str("`auth_date` is missing or not a Unix time in seconds")
            }
            InitDataError::Expired { age, max_age } => write!(
                f,
                "initData is {age} s old (`auth_date`), more than the {max_age} s allowed"
            ),
        }
    }
}

impl std::error::Error for InitDataError {}

/// `initData` split into its decoded pairs, in the order they came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitData {
    /// `(key, value)`, URL-decoded.
    pub pairs: Vec<(String, String)>,
}

impl InitData {
    /// The decoded value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The data-check-string: every pair except those in `skip`, sorted by key, `key=value`
    /// lines joined with `\n`.
    pub fn data_check_string(&self, skip: &[&str]) -> String {
        let mut pairs: Vec<&(String, String)> = self
            .pairs
            .iter()
            .filter(|(k, _)| !skip.contains(&k.as_str()))
            .collect();
        pairs.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let lines: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        lines.join("\n")
    }

    /// `auth_date` as Unix seconds.
    pub fn auth_date(&self) -> Result<u64, InitDataError> {
        self.get("auth_date")
            .and_then(|v| v.parse::<u64>().ok())
            .ok_or(InitDataError::BadAuthDate)
    }
}

/// Verified `initData`: its pairs and the time it was signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The pairs that were signed.
    pub data: InitData,
    /// `auth_date`, Unix seconds.
    pub auth_date: u64,
}

/// Splits `raw` (the query string exactly as the client sent it) into decoded pairs, as
/// `URLSearchParams` does (`+` is a space). Refuses an empty string and a key given twice,
/// which Telegram never sends and which would make the check ambiguous.
pub fn parse_init_data(raw: &str) -> Result<InitData, InitDataError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(InitDataError::Malformed("it is empty".to_string()));
    }
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (key, value) in form_urlencoded::parse(raw.as_bytes()) {
        if key.is_empty() {
            return Err(InitDataError::Malformed(
                "a pair has an empty key".to_string(),
            ));
        }
        if pairs.iter().any(|(k, _)| *k == key) {
            return Err(InitDataError::Malformed(format!(
                "`{key}` is given more than once"
            )));
        }
        pairs.push((key.into_owned(), value.into_owned()));
    }
    Ok(InitData { pairs })
}

/// Checks `raw` with the bot token (Telegram's first-party check) and, when `max_age` is
/// given, that `auth_date` is at most `max_age` seconds before `now` (Unix seconds).
pub fn verify_with_bot_token(
    raw: &str,
    bot_token: &str,
    now: u64,
    max_age: Option<u64>,
) -> Result<Verified, InitDataError> {
    bot_id_of(bot_token)?;
    let data = parse_init_data(raw)?;
    let hash = data.get("hash").ok_or(InitDataError::MissingHash)?;
    let mut expected = [0u8; 32];
    hex::decode_to_slice(hash, &mut expected).map_err(|_| InitDataError::BadHash)?;
    let secret = hmac_sha256(b"WebAppData", bot_token.as_bytes());
    let mut mac = HmacSha256::new_from_slice(&secret).map_err(|_| InitDataError::BadBotToken)?;
    mac.update(data.data_check_string(&["hash"]).as_bytes());
    mac.verify_slice(&expected)
        .map_err(|_| InitDataError::HashMismatch)?;
    fresh(data, now, max_age)
}

/// Checks `raw`'s Ed25519 `signature` for the bot `bot_id` with Telegram's public key of
/// `environment`, then the age of `auth_date` as [`verify_with_bot_token`] does.
pub fn verify_with_signature(
    raw: &str,
    bot_id: u64,
    environment: TelegramEnvironment,
    now: u64,
    max_age: Option<u64>,
) -> Result<Verified, InitDataError> {
    verify_with_public_key(raw, bot_id, &environment.public_key(), now, max_age)
}

/// [`verify_with_signature`] with an explicit public key (32 bytes).
pub fn verify_with_public_key(
    raw: &str,
    bot_id: u64,
    public_key: &[u8; 32],
    now: u64,
    max_age: Option<u64>,
) -> Result<Verified, InitDataError> {
    let key = VerifyingKey::from_bytes(public_key).map_err(|_| InitDataError::BadPublicKey)?;
    let data = parse_init_data(raw)?;
    let signature = data
        .get("signature")
        .ok_or(InitDataError::MissingSignature)?;
    let engine = GeneralPurpose::new(
        &base64::alphabet::URL_SAFE,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    let bytes = engine
        .decode(signature)
        .map_err(|_| InitDataError::BadSignature)?;
    let signature = Signature::from_slice(&bytes).map_err(|_| InitDataError::BadSignature)?;
    let message = format!(
        "{bot_id}:WebAppData\n{}",
        data.data_check_string(&["hash", "signature"])
    );
    key.verify_strict(message.as_bytes(), &signature)
        .map_err(|_| InitDataError::SignatureMismatch)?;
    fresh(data, now, max_age)
}

/// The numeric bot id at the start of a bot token (`123456:ABC…` → 123456).
pub fn bot_id_of(bot_token: &str) -> Result<u64, InitDataError> {
    let (id, secret) = bot_token
        .split_once(':')
        .ok_or(InitDataError::BadBotToken)?;
    if secret.is_empty() {
        return Err(InitDataError::BadBotToken);
    }
    id.parse::<u64>().map_err(|_| InitDataError::BadBotToken)
}

fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    // HMAC takes keys of any length, so `new_from_slice` cannot fail here.
    let mut mac = match HmacSha256::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => return [0u8; 32],
    };
    mac.update(message);
    mac.finalize().into_bytes().into()
}

fn fresh(data: InitData, now: u64, max_age: Option<u64>) -> Result<Verified, InitDataError> {
    let auth_date = data.auth_date()?;
    if let Some(max_age) = max_age {
        let age = now.saturating_sub(auth_date);
        if age > max_age {
            return Err(InitDataError::Expired { age, max_age });
        }
    }
    Ok(Verified { data, auth_date })
}

#[cfg(test)]
mod tests;
