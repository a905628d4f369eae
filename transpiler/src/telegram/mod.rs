//! Telegram facts a converted app's server needs: verifying the `initData` a Mini App sends.
//!
//! Not part of the conversion pipeline: nothing here reads the mini-program. It is in the crate
//! so that `miniport verify-init-data` and a Rust backend share one implementation.

pub mod init_data;

pub use init_data::{
    bot_id_of, parse_init_data, verify_with_bot_token, verify_with_public_key,
    verify_with_signature, InitData, InitDataError, TelegramEnvironment, Verified,
    PRODUCTION_PUBLIC_KEY, TEST_PUBLIC_KEY,
};
