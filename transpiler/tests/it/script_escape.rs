//! Nothing resolves outside the project root: `require('../../../../etc/passwd')` and a link
//! that points out of the root are refused with `script::path-escapes-root`.

use miniport::script::{compile, ScriptOptions};
use miniport::source::FileSet;

fn codes_at(
    scripts: &miniport::script::Scripts,
    code: &str,
) -> Vec<(String, std::ops::Range<usize>)> {
    scripts
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| {
            (
                d.file.clone().unwrap_or_default(),
                d.span.clone().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn a_relative_path_climbing_out_of_the_root_is_refused_at_the_call() {
    let mut files = FileSet::new();
    files.insert("app.json", r#"{ "pages": ["pages/a/a"] }"#);
    let source = "const p = require('../../../../etc/passwd');\nPage({});\n";
    files.insert("pages/a/a.js", source);
    let project = miniport::project::load(files).expect("loads");
    let scripts = compile(&project, &ScriptOptions::default());
    let found = codes_at(&scripts, "script::path-escapes-root");
    let start = source.find("'../").expect("literal");
    assert_eq!(found, vec![("pages/a/a.js".to_string(), start..start + 24)]);
    let chunk = &scripts.chunks[0].code;
    assert!(
        !chunk.contains("etc/passwd\":"),
        "no dependency entry for it: {chunk}"
    );
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_root_is_not_read_and_requiring_it_is_refused() {
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        outside.path().join("secret.js"),
        "module.exports = 'secret';",
    )
    .expect("write");
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("app.json"), r#"{ "pages": ["pages/a/a"] }"#).expect("write");
    std::fs::create_dir_all(dir.join("pages/a")).expect("mkdir");
    std::fs::write(
        dir.join("pages/a/a.js"),
        "require('../../secret');\nPage({});\n",
    )
    .expect("write");
    std::os::unix::fs::symlink(outside.path().join("secret.js"), dir.join("secret.js"))
        .expect("link");
    let (files, read) = FileSet::read_dir(dir).expect("read");
    assert!(
        !files.contains("secret.js"),
        "the link's target is not read"
    );
    assert!(
        read.iter().any(|d| d.code == "project::path-escapes-root"),
        "{read:#?}"
    );
    assert!(files.escaped_links().contains("secret.js"));
    let project = miniport::project::load(files).expect("loads");
    let scripts = compile(&project, &ScriptOptions::default());
    let found = codes_at(&scripts, "script::path-escapes-root");
    assert_eq!(found.len(), 1, "{:#?}", scripts.diagnostics);
    assert_eq!(found[0].0, "pages/a/a.js");
    // The whole conversion says both: the link is not read, and the require is refused.
    let all = miniport::convert_dir(dir, &miniport::Options::default()).expect("converts");
    for (code, file) in [
        ("project::path-escapes-root", "secret.js"),
        ("script::path-escapes-root", "pages/a/a.js"),
    ] {
        assert!(
            all.diagnostics
                .iter()
                .any(|d| d.code == code && d.file.as_deref() == Some(file)),
            "{code} at {file}: {:#?}",
            all.diagnostics
        );
    }
    let chunk = all.output.text("app/main.js").expect("chunk");
    assert!(
        !chunk.contains("'secret'"),
        "nothing from outside the root is emitted"
    );
}
