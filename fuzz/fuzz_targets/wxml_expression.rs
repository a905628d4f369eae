//! `miniport::template::parse::parse_expression` never panics, and spans stay inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = std::str::from_utf8(data) {
        let offset = 7;
        let span = match miniport::template::parse::parse_expression(source, offset) {
            Ok(expr) => expr.span,
            Err(error) => error.span,
        };
        assert!(span.start >= offset && span.end <= offset + source.len() && span.start <= span.end);
        let _ = miniport::template::parse::parse_object_body(source, offset);
    }
});
