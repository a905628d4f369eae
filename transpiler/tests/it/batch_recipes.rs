//! The distributed recipes of `docs/catalogs/` run as written: the shell commands of the
//! Kubernetes Indexed Job (each pod's, with the `JOB_COMPLETION_INDEX` Kubernetes sets, then the
//! merge Job's) and of the GitHub Actions matrix (each matrix job's, then the report job's) are
//! read from the files and run with `sh` on a local catalog; the merged report equals the report
//! of one run over the whole catalog.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{copy_tree, fixture, workspace};
use serde_json::Value;

/// The folded block scalars (`- >-`) of a YAML file, each joined into one line, in order.
fn folded_blocks(yaml: &str) -> Vec<String> {
    let lines: Vec<&str> = yaml.lines().collect();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim_end().ends_with("- >-") {
            let indent = lines[i].len() - lines[i].trim_start().len();
            let mut parts = Vec::new();
            i += 1;
            while i < lines.len() {
                let line = lines[i];
                let this = line.len() - line.trim_start().len();
                if line.trim().is_empty() || this <= indent {
                    break;
                }
                parts.push(line.trim());
                i += 1;
            }
            blocks.push(parts.join(" "));
        } else {
            i += 1;
        }
    }
    blocks
}

/// The `run: |` block of the step named `step` in a workflow, lines joined as the shell reads
/// them (a trailing `\` continues the line).
fn run_block(yaml: &str, step: &str) -> String {
    let start = yaml.find(&format!("name: {step}")).expect("the step");
    let rest = &yaml[start..];
    let run = rest.find("run: |").expect("its run block") + "run: |".len();
    let mut lines = Vec::new();
    let mut indent = None;
    for line in rest[run..].lines().skip(1) {
        let this = line.len() - line.trim_start().len();
        if line.trim().is_empty() {
            break;
        }
        if *indent.get_or_insert(this) > this {
            break;
        }
        lines.push(line.trim());
    }
    lines.join("\n").replace("\\\n", " ")
}

/// A folder holding `miniport` (this build), for the recipes' PATH.
fn bin_dir(tmp: &Path) -> String {
    let dir = tmp.join("bin");
    fs::create_dir_all(&dir).expect("mkdir");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_miniport"), dir.join("miniport")).expect("link");
    format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

fn sh(script: &str, cwd: &Path, path: &str, env: &[(&str, &str)]) -> std::process::Output {
    let mut command = Command::new("sh");
    command
        .args(["-c", script])
        .current_dir(cwd)
        .env("PATH", path)
        .env_remove("JOB_COMPLETION_INDEX")
        .env_remove("MINIPORT_SHARD_INDEX")
        .env_remove("MINIPORT_SHARD_COUNT");
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().expect("sh")
}

fn catalog(dir: &Path) {
    for name in [
        "api-core",
        "builtins-map",
        "style-sets",
        "bench-list",
        "builtins-more",
    ] {
        copy_tree(&fixture(name), &dir.join(name));
    }
}

/// `report.json` less each app's `seconds`, the one field that differs between runs.
fn report(path: &Path) -> Value {
    let mut report: Value = serde_json::from_slice(&fs::read(path).expect("report")).expect("JSON");
    for app in report["apps"].as_array_mut().expect("apps") {
        app.as_object_mut().expect("app").remove("seconds");
    }
    report
}

/// The report of one run over `catalog` (given as `name` from `cwd`).
fn single_run(cwd: &Path, name: &str) -> Value {
    let out = cwd.join("single");
    let run = Command::new(env!("CARGO_BIN_EXE_miniport"))
        .args([
            "batch",
            name,
            "-o",
            "single",
            "--quiet",
            "--fail-on",
            "never",
        ])
        .current_dir(cwd)
        .output()
        .expect("run");
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    report(&out.join("report.json"))
}

#[test]
fn the_kubernetes_indexed_job_and_its_merge_give_the_report_of_one_run() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    catalog(&root.join("catalog"));
    let yaml = fs::read_to_string(workspace().join("docs/catalogs/kubernetes-indexed-job.yaml"))
        .expect("manifest");
    assert!(yaml.contains("completionMode: Indexed"));
    let completions: u32 = yaml
        .lines()
        .find_map(|l| l.trim().strip_prefix("completions:"))
        .and_then(|v| v.split('#').next())
        .and_then(|v| v.trim().parse().ok())
        .expect("completions");
    let count = yaml
        .split("name: MINIPORT_SHARD_COUNT")
        .nth(1)
        .and_then(|rest| rest.split('"').nth(1))
        .expect("MINIPORT_SHARD_COUNT");
    assert_eq!(
        count,
        completions.to_string(),
        "the shard count is the number of completions"
    );
    let blocks = folded_blocks(&yaml);
    assert_eq!(blocks.len(), 2, "{blocks:?}");
    // The pods' volumes, here folders.
    let local = |script: &str| {
        script
            .replace("/catalog", &root.join("catalog").display().to_string())
            .replace("/out", &root.join("out").display().to_string())
    };
    let path = bin_dir(root);
    for index in 0..completions {
        let i = index.to_string();
        let pod = sh(
            &local(&blocks[0]),
            root,
            &path,
            &[
                ("JOB_COMPLETION_INDEX", &i),
                ("MINIPORT_SHARD_COUNT", count),
                ("CI", "true"),
            ],
        );
        assert_eq!(
            pod.status.code(),
            Some(0),
            "pod {i}: {}",
            String::from_utf8_lossy(&pod.stderr)
        );
    }
    let merge = sh(&local(&blocks[1]), root, &path, &[]);
    assert_eq!(
        merge.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&merge.stderr)
    );
    assert!(root.join("out/report.html").is_file());
    assert!(root.join("out/report.sarif").is_file());
    assert!(root.join("out/junit.xml").is_file());
    assert_eq!(report(&root.join("out/report.json")), {
        let mut one = single_run(root, &root.join("catalog").display().to_string());
        one["options"]["appTimeout"] = serde_json::json!(300.0);
        one
    });
}

#[test]
fn the_github_actions_matrix_and_its_report_job_give_the_report_of_one_run() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    catalog(&root.join("catalog"));
    let yaml = fs::read_to_string(workspace().join("docs/catalogs/github-actions-matrix.yml"))
        .expect("workflow");
    let shards: Vec<u32> = yaml
        .lines()
        .find_map(|l| l.trim().strip_prefix("shard: ["))
        .and_then(|v| v.strip_suffix(']'))
        .expect("the matrix")
        .split(',')
        .map(|s| s.trim().parse().expect("a shard"))
        .collect();
    let convert = run_block(&yaml, "Convert shard");
    let merge = run_block(&yaml, "Merge the shards' reports");
    let path = bin_dir(root);
    for shard in &shards {
        // Each matrix job runs in its own checkout; its artifact lands in shards/shard-<i>.
        let job = root.join(format!("job-{shard}"));
        fs::create_dir_all(&job).expect("mkdir");
        copy_tree(&root.join("catalog"), &job.join("catalog"));
        let script = convert.replace("${{ matrix.shard }}", &shard.to_string());
        let run = sh(&script, &job, &path, &[("CI", "true")]);
        assert_eq!(
            run.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        copy_tree(
            &job.join("out"),
            &root.join(format!("shards/shard-{shard}")),
        );
    }
    let github_output = root.join("github-output");
    let run = sh(
        &merge,
        root,
        &path,
        &[("GITHUB_OUTPUT", &github_output.display().to_string())],
    );
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        !fs::read_to_string(&github_output)
            .unwrap_or_default()
            .contains("failed=1"),
        "the fixtures convert without errors"
    );
    let sarif: Value =
        serde_json::from_slice(&fs::read(root.join("report.sarif")).expect("sarif")).expect("JSON");
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(report(&root.join("report.json")), {
        let mut one = single_run(root, "catalog");
        one["options"]["appTimeout"] = serde_json::json!(300.0);
        one
    });
}
