//! Fixed vectors, computed once with Node's `crypto` (an implementation independent of this
//! one) from the algorithm as Telegram documents it: `URLSearchParams` for the query string,
//! `createHmac('sha256', 'WebAppData').update(token)` for the secret, `createHmac('sha256',
//! secret).update(dataCheckString).digest('hex')` for `hash`, and `crypto.sign(null, …)` with
//! an Ed25519 key whose seed is 32 bytes of 7 for `signature` (Telegram's private key being
//! Telegram's, the third-party check is tested with this key's public half).
//! `tests/verify-init-data.test.mjs` signs fresh data with Node at test time and runs the command.

use super::*;

const TOKEN: &str = "7342037359:AAHnT1m2a3-Example-Token_xyz";
const BOT_ID: u64 = 7342037359;
/// Public key of the Ed25519 test key (seed: 32 bytes of 7).
const SIGNER_KEY: &str = "ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c";
const AUTH_DATE: u64 = 1733580000;
const RAW: &str = "query_id=AAHdF6IQAAAAAN0XohDhrOrc&user=%7B%22id%22%3A279058397%2C%22first_name%22%3A%22Vladislav%22%2C%22last_name%22%3A%22Kibenko%22%2C%22username%22%3A%22vdkfrost%22%2C%22language_code%22%3A%22ru%22%2C%22is_premium%22%3Atrue%7D&auth_date=1733580000&signature=RUf73C3KrG8R2TK3bv_xJrXvLOtFBJZQb5SOev9cQsfT3M2k2npPZn7vQL4U4LqsYBBn1w2pJSgLunL0gHWFCQ&hash=837140172185ab78790411e10756d880caa561c468bca6275fc6e31ec59f97fd";

fn signer_key() -> [u8; 32] {
    let mut key = [0u8; 32];
    hex::decode_to_slice(SIGNER_KEY, &mut key).expect("hex");
    key
}

#[test]
fn the_bot_token_check_accepts_data_signed_with_the_token() {
    let verified = verify_with_bot_token(RAW, TOKEN, AUTH_DATE + 10, Some(60)).expect("valid");
    assert_eq!(verified.auth_date, AUTH_DATE);
    assert!(verified
        .data
        .get("user")
        .is_some_and(|u| u.starts_with("{\"id\":279058397,")));
}

#[test]
fn the_data_check_string_is_sorted_decoded_and_keeps_the_signature_for_the_hash() {
    let data = parse_init_data(RAW).expect("parses");
    let text = data.data_check_string(&["hash"]);
    let keys: Vec<&str> = text
        .lines()
        .map(|l| l.split('=').next().unwrap_or(""))
        .collect();
    assert_eq!(keys, ["auth_date", "query_id", "signature", "user"]);
    assert!(text.contains("user={\"id\":279058397,\"first_name\":\"Vladislav\""));
}

#[test]
fn a_changed_value_fails_the_hash() {
    let tampered = RAW.replace("279058397", "279058398");
    assert_eq!(
        verify_with_bot_token(&tampered, TOKEN, AUTH_DATE, None),
        Err(InitDataError::HashMismatch)
    );
    let later = RAW.replace("auth_date=1733580000", "auth_date=1733590000");
    assert_eq!(
        verify_with_bot_token(&later, TOKEN, AUTH_DATE, None),
        Err(InitDataError::HashMismatch)
    );
}

#[test]
fn another_bots_token_fails_the_hash() {
    assert_eq!(
        verify_with_bot_token(
            RAW,
            "7342037359:AAHnT1m2a3-Example-Token_xyZ",
            AUTH_DATE,
            None
        ),
        Err(InitDataError::HashMismatch)
    );
}

#[test]
fn old_data_is_refused_with_its_age() {
    assert_eq!(
        verify_with_bot_token(RAW, TOKEN, AUTH_DATE + 3601, Some(3600)),
        Err(InitDataError::Expired {
            age: 3601,
            max_age: 3600
        })
    );
    assert!(verify_with_bot_token(RAW, TOKEN, AUTH_DATE + 3600, Some(3600)).is_ok());
    assert!(verify_with_bot_token(RAW, TOKEN, AUTH_DATE + 999_999, None).is_ok());
}

#[test]
fn the_signature_check_accepts_data_signed_for_the_bot_id() {
    let verified =
        verify_with_public_key(RAW, BOT_ID, &signer_key(), AUTH_DATE, Some(60)).expect("valid");
    assert_eq!(verified.auth_date, AUTH_DATE);
}

#[test]
fn the_signature_check_refuses_another_bot_id_a_changed_value_and_the_wrong_key() {
    assert_eq!(
        verify_with_public_key(RAW, BOT_ID + 1, &signer_key(), AUTH_DATE, None),
        Err(InitDataError::SignatureMismatch)
    );
    let tampered = RAW.replace("vdkfrost", "vdkfrosT");
    assert_eq!(
        verify_with_public_key(&tampered, BOT_ID, &signer_key(), AUTH_DATE, None),
        Err(InitDataError::SignatureMismatch)
    );
    assert_eq!(
        verify_with_signature(
            RAW,
            BOT_ID,
            TelegramEnvironment::Production,
            AUTH_DATE,
            None
        ),
        Err(InitDataError::SignatureMismatch)
    );
}

#[test]
fn the_signature_is_not_part_of_its_own_message_but_the_hash_is_left_out_too() {
    // Changing `hash` does not touch the signed message.
    let other_hash = RAW.replace(
        "hash=837140172185ab78790411e10756d880caa561c468bca6275fc6e31ec59f97fd",
        "hash=00",
    );
    assert!(verify_with_public_key(&other_hash, BOT_ID, &signer_key(), AUTH_DATE, None).is_ok());
}

#[test]
fn missing_and_malformed_fields_are_named() {
    let no_hash = RAW.split("&hash=").next().unwrap_or_default();
    assert_eq!(
        verify_with_bot_token(no_hash, TOKEN, AUTH_DATE, None),
        Err(InitDataError::MissingHash)
    );
    assert_eq!(
        verify_with_bot_token(&format!("{no_hash}&hash=xyz"), TOKEN, AUTH_DATE, None),
        Err(InitDataError::BadHash)
    );
    assert_eq!(
        verify_with_bot_token(RAW, "not-a-token", AUTH_DATE, None),
        Err(InitDataError::BadBotToken)
    );
    assert_eq!(
        verify_with_public_key("auth_date=1&hash=00", BOT_ID, &signer_key(), 1, None),
        Err(InitDataError::MissingSignature)
    );
    assert_eq!(
        verify_with_public_key("auth_date=1&signature=%%%", BOT_ID, &signer_key(), 1, None),
        Err(InitDataError::BadSignature)
    );
    assert!(matches!(
        parse_init_data("a=1&a=2"),
        Err(InitDataError::Malformed(_))
    ));
    assert!(matches!(
        parse_init_data(""),
        Err(InitDataError::Malformed(_))
    ));
}

#[test]
fn telegrams_public_keys_are_valid_ed25519_points() {
    for env in [TelegramEnvironment::Production, TelegramEnvironment::Test] {
        let key = env.public_key();
        assert_ne!(key, [0u8; 32]);
        assert!(VerifyingKey::from_bytes(&key).is_ok(), "{env:?}");
    }
}

#[test]
fn the_bot_id_is_the_number_before_the_colon() {
    assert_eq!(bot_id_of(TOKEN), Ok(BOT_ID));
    assert_eq!(bot_id_of("abc:def"), Err(InitDataError::BadBotToken));
    assert_eq!(bot_id_of("123:"), Err(InitDataError::BadBotToken));
}
