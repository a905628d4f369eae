//! Converts the runnable fixtures of `fixtures/script/` into `target/script-fixtures/` and runs
//! `runtime-shim/test/emitted-modules.test.mjs` on them with Node: the emitted chunks load in
//! the runtime's registry and the modules compute what they compute in WeChat. Skipped when
//! Node is missing, except under CI.

use std::path::{Path, PathBuf};
use std::process::Command;

use miniport::source::FileSet;
use miniport::{convert, Options};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn write_output(case: &str, into: &Path) {
    let (files, _) =
        FileSet::read_dir(&workspace().join("fixtures/script").join(case)).expect("fixture");
    let conversion = convert(files, &Options::default()).expect("converts");
    let dir = into.join(case);
    let _ = std::fs::remove_dir_all(&dir);
    for (path, bytes) in &conversion.output.files {
        let file = dir.join(path);
        std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
        std::fs::write(&file, bytes).expect("write");
    }
}

#[test]
fn emitted_chunks_run_in_the_runtime_registry_under_node() {
    if Command::new("node").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "node is required under CI"
        );
        eprintln!("skipped: node is not installed");
        return;
    }
    let out = workspace().join("target/script-fixtures");
    for case in ["modules", "syntax-error", "subpackages"] {
        write_output(case, &out);
    }
    let run = Command::new("node")
        .arg("--test")
        .arg(workspace().join("runtime-shim/test/emitted-modules.test.mjs"))
        .env("MINIPORT_EMITTED_DIR", &out)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout.contains("# pass 3"), "{stdout}");
}
