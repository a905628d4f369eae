//! `miniport::style::compile` on any sheet (as an app's, a page's and a component's, importing
//! another sheet): no panic, every diagnostic slices its file, every `url()` asset stays inside
//! the root (the checks of `transpiler/tests/it/fuzz/checks.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../transpiler/tests/it/fuzz/checks.rs"]
#[allow(dead_code)]
mod checks;

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = std::str::from_utf8(data) {
        checks::wxss(source, &[("styles/s.wxss", ".s { width: 10rpx; }"), ("pages/a/b.wxss", source)]);
    }
});
