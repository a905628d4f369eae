//! Telegram facts a converted app's server needs: verifying the `initData` a Mini App sends.
//!
//! Not part of the conversion pipeline: nothing here reads the mini-program. It is in the crate
//! so that `miniport verify-init-data` and a Rust backend share one implementation.
//!
//! ```
//! use miniport::telegram::{verify_with_bot_token, InitDataError};
//!
//! // What the app sent (`wx.login`'s code is Telegram's initData), signed with this bot token.
//! let raw = "query_id=AAHdF6IQAAAAAN0XohDhrOrc&user=%7B%22id%22%3A279058397%2C%22first_name%22%3A%22Vladislav%22%2C%22last_name%22%3A%22Kibenko%22%2C%22username%22%3A%22vdkfrost%22%2C%22language_code%22%3A%22ru%22%2C%22is_premium%22%3Atrue%7D&auth_date=1733580000&signature=RUf73C3KrG8R2TK3bv_xJrXvLOtFBJZQb5SOev9cQsfT3M2k2npPZn7vQL4U4LqsYBBn1w2pJSgLunL0gHWFCQ&hash=837140172185ab78790411e10756d880caa561c468bca6275fc6e31ec59f97fd";
//! let token = "7342037359:AAHnT1m2a3-Example-Token_xyz";
//! let now = 1_733_580_060; // a minute after auth_date
//! let verified = verify_with_bot_token(raw, token, now, Some(3600)).expect("valid");
//! assert_eq!(verified.auth_date, 1_733_580_000);
//! assert!(verified.data.get("user").is_some_and(|u| u.contains("279058397")));
//!
//! // Altered data, another bot's token, or data older than allowed are refused.
//! let altered = raw.replace("Vladislav", "Mallory");
//! assert_eq!(
//!     verify_with_bot_token(&altered, token, now, None).unwrap_err(),
//!     InitDataError::HashMismatch
//! );
//! assert!(matches!(
//!     verify_with_bot_token(raw, token, now + 7200, Some(3600)),
//!     Err(InitDataError::Expired { .. })
//! ));
//! ```

pub mod init_data;

pub use init_data::{
    bot_id_of, parse_init_data, verify_with_bot_token, verify_with_public_key,
    verify_with_signature, InitData, InitDataError, TelegramEnvironment, Verified,
    PRODUCTION_PUBLIC_KEY, TEST_PUBLIC_KEY,
};
