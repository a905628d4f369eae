//! `miniport verify-init-data` on a fixed vector (signed once with Node's `crypto`, see
//! `src/telegram/init_data/tests.rs`): exit codes, the token from the environment, the default
//! age limit. `tests/verify-init-data.test.mjs` signs fresh data at test time.

use std::process::{Command, Output};

const TOKEN: &str = "7342037359:AAHnT1m2a3-Example-Token_xyz";
/// Signed on 2024-12-07 (auth_date 1733580000): older than the default limit of a day.
const RAW: &str = "query_id=AAHdF6IQAAAAAN0XohDhrOrc&user=%7B%22id%22%3A279058397%2C%22first_name%22%3A%22Vladislav%22%2C%22last_name%22%3A%22Kibenko%22%2C%22username%22%3A%22vdkfrost%22%2C%22language_code%22%3A%22ru%22%2C%22is_premium%22%3Atrue%7D&auth_date=1733580000&signature=RUf73C3KrG8R2TK3bv_xJrXvLOtFBJZQb5SOev9cQsfT3M2k2npPZn7vQL4U4LqsYBBn1w2pJSgLunL0gHWFCQ&hash=837140172185ab78790411e10756d880caa561c468bca6275fc6e31ec59f97fd";

fn verify(args: &[&str], token_env: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_miniport"));
    command
        .arg("verify-init-data")
        .args(args)
        .env_remove("MINIPORT_BOT_TOKEN");
    if let Some(token) = token_env {
        command.env("MINIPORT_BOT_TOKEN", token);
    }
    command.output().expect("run miniport")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn valid_data_exits_0_and_prints_the_fields_with_the_user_parsed() {
    let run = verify(&["--bot-token", TOKEN, "--max-age", "0", RAW], None);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    assert_eq!(report["fields"]["user"]["id"], 279058397);
    assert_eq!(report["authDate"], 1733580000);
}

#[test]
fn the_token_may_come_from_the_environment() {
    let run = verify(&["--max-age", "0", RAW], Some(TOKEN));
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
}

#[test]
fn data_older_than_the_default_day_exits_1_with_its_age() {
    let run = verify(&["--bot-token", TOKEN, RAW], None);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("more than the 86400 s allowed"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn altered_data_and_a_wrong_token_exit_1_with_the_reason() {
    let altered = RAW.replace("Vladislav", "Vladimir_");
    let run = verify(&["--bot-token", TOKEN, "--max-age", "0", &altered], None);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("`hash` does not match"),
        "{}",
        stderr(&run)
    );
    let run = verify(
        &["--bot-token", "7342037359:other", "--max-age", "0", RAW],
        None,
    );
    assert_eq!(run.status.code(), Some(1));
}

#[test]
fn the_signature_check_uses_the_bot_id_and_the_key_given() {
    let key = "ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c";
    let args = [
        "--bot-id",
        "7342037359",
        "--public-key",
        key,
        "--max-age",
        "0",
        RAW,
    ];
    assert_eq!(verify(&args, None).status.code(), Some(0));
    let telegram = verify(&["--bot-id", "7342037359", "--max-age", "0", RAW], None);
    assert_eq!(telegram.status.code(), Some(1));
    let mismatch = verify(&["--bot-token", TOKEN, "--bot-id", "1", RAW], None);
    assert_eq!(mismatch.status.code(), Some(2), "{}", stderr(&mismatch));
}

#[test]
fn without_a_token_or_a_bot_id_it_exits_2() {
    let run = verify(&[RAW], None);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("MINIPORT_BOT_TOKEN"),
        "{}",
        stderr(&run)
    );
}
