//! The script pipeline (`miniport::script::compile`) on a page script of any text, as
//! JavaScript or TypeScript (the first byte decides): no panic, every diagnostic slices its
//! file, every module stays inside the root (the checks of `transpiler/tests/it/fuzz/checks.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../transpiler/tests/it/fuzz/checks.rs"]
#[allow(dead_code)]
mod checks;

fuzz_target!(|data: &[u8]| {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let path = if first % 3 == 0 { "pages/a/a.ts" } else { "pages/a/a.js" };
    let mut files = miniport::FileSet::new();
    files.insert("app.json", "{ \"pages\": [\"pages/a/a\"] }");
    files.insert("utils/u.js", "module.exports = require('../pages/a/a');");
    files.insert(path, rest);
    checks::scripts(files);
});
