//! `miniport::convert` on generated apps (`transpiler/tests/it/fuzz/app.rs`: app.json, pages,
//! components, imports, includes, WXS, `@import`, `require`, references in and out of the
//! root), the input's bytes choosing the structure and the free text: no panic, no internal
//! error, every diagnostic slices its file, every output path is inside the output folder.
#![no_main]

use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

#[path = "../../transpiler/tests/it/fuzz/app.rs"]
#[allow(dead_code)]
mod app;
#[path = "../../transpiler/tests/it/fuzz/checks.rs"]
#[allow(dead_code)]
mod checks;

struct Bytes<'a, 'b>(&'b mut Unstructured<'a>);

impl app::Choices for Bytes<'_, '_> {
    fn below(&mut self, n: usize) -> usize {
        self.0.choose_index(n).unwrap_or(0)
    }

    fn text(&mut self, _ext: &str) -> String {
        self.0.arbitrary::<String>().unwrap_or_default()
    }
}

fuzz_target!(|data: &[u8]| {
    let mut bytes = Unstructured::new(data);
    let generated = app::generate(&mut Bytes(&mut bytes));
    let target = match bytes.choose_index(3).unwrap_or(0) {
        0 => miniport::Target::Telegram,
        1 => miniport::Target::Web,
        _ => miniport::Target::W3c,
    };
    checks::convert(generated.file_set(), target);
});
