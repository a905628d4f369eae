//! `miniport::template::parse::parse` on any text: no panic, element, attribute, text and
//! binding spans slice the input to what they hold, every diagnostic has a span that slices it
//! (the checks of `transpiler/tests/it/fuzz/checks.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../transpiler/tests/it/fuzz/checks.rs"]
#[allow(dead_code)]
mod checks;

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = std::str::from_utf8(data) {
        checks::wxml(source);
    }
});
