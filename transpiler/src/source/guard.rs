//! The guard every file's conversion runs under: a file over the size limit is not converted,
//! and a panic while converting it (a miniport bug) becomes a `project::internal-error`
//! naming the file, so that one file degrades and the rest of the app converts. The parsers
//! run on a big stack ([`on_big_stack`]) under their own depth limits.

use std::panic::{catch_unwind, AssertUnwindSafe};

use super::{codes, Diagnostic};

/// The largest source file converted by default (bytes): 8 MiB, four times the 2 MB WeChat
/// allows for a whole package, so only generated or hostile files reach it. `miniport.json`'s
/// `maxFileSize` and `miniport convert --max-file-size` change it.
pub const DEFAULT_MAX_FILE_SIZE: usize = 8 * 1024 * 1024;

/// The stack a file is converted on (reserved, used only as deep as the file goes): the
/// parsers and walkers recurse, and their depth limits keep them far from its end.
pub const STACK_SIZE: usize = 256 * 1024 * 1024;

/// Runs `f` on a stack of [`STACK_SIZE`] bytes.
pub fn on_big_stack<R>(f: impl FnOnce() -> R) -> R {
    stacker::grow(STACK_SIZE, f)
}

/// The environment variable that makes the conversion of the file it names panic, so that the
/// tests can prove the guard (debug builds only; release builds do not read it).
pub const TEST_PANIC_ENV: &str = "MINIPORT_TEST_PANIC_FILE";

/// Runs `work`, the conversion of the file `path` whose text is `len` bytes long. `Err` holds
/// the diagnostic when the file is over `max_size` (`work` is not run) or when `work` panicked;
/// the caller then puts the file's degraded form in its place.
pub fn guard_file<T>(
    path: &str,
    len: usize,
    max_size: usize,
    work: impl FnOnce() -> T,
) -> Result<T, Box<Diagnostic>> {
    if len > max_size {
        return Err(Box::new(file_too_large(path, len, max_size)));
    }
    catch_unwind(AssertUnwindSafe(|| {
        #[cfg(debug_assertions)]
        if std::env::var(TEST_PANIC_ENV).is_ok_and(|p| p == path) {
            panic!("forced by {TEST_PANIC_ENV}");
        }
        work()
    }))
    .map_err(|payload| {
        let why = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string());
        Box::new(
            Diagnostic::of(
                codes::PROJECT_INTERNAL_ERROR,
                format!("miniport failed on `{path}` ({why}); the file is left out"),
            )
            .in_file(path)
            .with_hint("this is a miniport bug: please report it with this file; the rest of the app was converted"),
        )
    })
}

/// The `project::file-too-large` error of the file `path`, `len` bytes long.
pub fn file_too_large(path: &str, len: usize, max_size: usize) -> Diagnostic {
    Diagnostic::of(
        codes::PROJECT_FILE_TOO_LARGE,
        format!("`{path}` is {len} bytes, more than the {max_size} bytes miniport converts; it is left out"),
    )
    .in_file(path)
    .with_hint("raise the limit with `maxFileSize` in miniport.json or `--max-file-size`, or split the file")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_internal_error_naming_the_file() {
        let result: Result<(), _> = guard_file("pages/a/a.wxml", 10, 100, || panic!("boom"));
        let d = result.expect_err("panicked");
        assert_eq!(d.code, codes::PROJECT_INTERNAL_ERROR.name);
        assert_eq!(d.file.as_deref(), Some("pages/a/a.wxml"));
        assert!(d.message.contains("boom"), "{}", d.message);
    }

    #[test]
    fn a_file_over_the_limit_is_not_converted() {
        let mut ran = false;
        let result = guard_file("big.js", 101, 100, || ran = true);
        assert_eq!(
            result.map_err(|d| d.code),
            Err(codes::PROJECT_FILE_TOO_LARGE.name)
        );
        assert!(!ran);
        assert_eq!(guard_file("ok.js", 100, 100, || 7).ok(), Some(7));
    }
}
