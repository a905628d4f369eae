//! The runtime files embedded in the binary at build time (every `.js` and `.css` of
//! `runtime-shim/src`, listed by `build.rs`), written under `miniport/` in every output.

include!(concat!(env!("OUT_DIR"), "/runtime_files.rs"));

/// The folder of the output that holds the runtime.
pub const RUNTIME_DIR: &str = "miniport";

/// Every runtime file as (path inside `runtime-shim/src`, content), sorted by path.
pub fn files() -> &'static [(&'static str, &'static str)] {
    RUNTIME_FILES
}

#[cfg(test)]
mod tests {
    #[test]
    fn runtime_has_an_entry_module_and_base_styles() {
        let names: Vec<_> = super::files().iter().map(|(p, _)| *p).collect();
        assert!(names.contains(&"index.js"), "{names:?}");
        assert!(names.contains(&"base.css"), "{names:?}");
    }
}
