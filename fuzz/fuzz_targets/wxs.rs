//! WXS: `miniport::wxs::check_wxs` and `compile_wxs` on any module: no panic, every diagnostic
//! slices its file (the checks of `transpiler/tests/it/fuzz/checks.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../transpiler/tests/it/fuzz/checks.rs"]
#[allow(dead_code)]
mod checks;

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = std::str::from_utf8(data) {
        checks::wxs(source, &[("utils/g.wxs", "module.exports = require('./f.wxs');")]);
    }
});
