//! `miniport::template::parse::parse_expression` and `parse_object_body` on any text: no
//! panic, and the span of the result or of the error stays inside the input (the checks of
//! `transpiler/tests/it/fuzz/checks.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../transpiler/tests/it/fuzz/checks.rs"]
#[allow(dead_code)]
mod checks;

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = std::str::from_utf8(data) {
        checks::expression(source);
    }
});
