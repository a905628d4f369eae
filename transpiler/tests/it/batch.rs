//! `miniport batch` on catalogs built from `fixtures/` at test time: broken apps (bad JSON, a
//! WXML syntax error, a missing component, a panic through the test-only hook, a timeout, a
//! corrupt archive, an archive entry that climbs out) are reported and every other app is
//! converted; output is the same for any `--jobs` and for merged shards; the reports validate
//! against their schemas (docs/batch-report.schema.json, SARIF 2.1.0's official schema).

use crate::common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{copy_tree, fixture, stderr, tree, workspace};
use miniport::source::codes;
use serde_json::Value;

/// Runs `miniport <args>` with `env` set and `CI` cleared unless `env` sets it.
fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_miniport"));
    command.args(args).env("NO_COLOR", "1").env_remove("CI");
    for var in [
        "JOB_COMPLETION_INDEX",
        "MINIPORT_SHARD_INDEX",
        "MINIPORT_SHARD_COUNT",
    ] {
        command.env_remove(var);
    }
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().expect("run miniport")
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

fn read_json(p: &Path) -> Value {
    serde_json::from_slice(&fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .expect("JSON")
}

/// Writes the files of `dir` into a zip archive at `to` (under `prefix/` when given).
fn zip_folder(dir: &Path, to: &Path, prefix: &str) {
    let mut zip = zip::ZipWriter::new(fs::File::create(to).expect("create zip"));
    for (rel, bytes) in tree(dir) {
        let name = if prefix.is_empty() {
            rel
        } else {
            format!("{prefix}/{rel}")
        };
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("zip entry");
        zip.write_all(&bytes).expect("zip write");
    }
    zip.finish().expect("zip finish");
}

/// Writes the files of `dir`, and the extra raw entries, into a tar.gz archive at `to`.
fn tar_gz_folder(dir: &Path, to: &Path, extra: &[(&str, &str)]) {
    let gz = flate2::write::GzEncoder::new(
        fs::File::create(to).expect("create tar.gz"),
        flate2::Compression::fast(),
    );
    let mut tar = tar::Builder::new(gz);
    let mut append = |name: &[u8], bytes: &[u8]| {
        let mut header = tar::Header::new_gnu();
        // Written into the header by hand: the builder refuses `..`, an archive need not.
        header.as_old_mut().name[..name.len()].copy_from_slice(name);
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_entry_type(tar::EntryType::Regular);
        header.set_cksum();
        tar.append(&header, bytes).expect("tar entry");
    };
    for (rel, bytes) in tree(dir) {
        append(rel.as_bytes(), &bytes);
    }
    for (name, text) in extra {
        append(name.as_bytes(), text.as_bytes());
    }
    tar.into_inner().expect("tar").finish().expect("gz");
}

/// A small good app, written here so the test does not depend on a fixture's details.
fn tiny_app(dir: &Path, title: &str) {
    let files = [
        (
            "app.json",
            "{ \"pages\": [\"pages/index/index\"] }".to_string(),
        ),
        ("app.js", "App({});".to_string()),
        (
            "pages/index/index.wxml",
            format!("<view class=\"t\">{title}</view>\n<button bindtap=\"go\">go</button>"),
        ),
        (
            "pages/index/index.js",
            "Page({ go() { wx.showToast({ title: 'x' }); } });".to_string(),
        ),
        (
            "pages/index/index.wxss",
            ".t { font-size: 28rpx; }".to_string(),
        ),
    ];
    for (rel, text) in files {
        let p = dir.join(rel);
        fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        fs::write(p, text).expect("write");
    }
}

/// The catalog with every kind of broken app, plus good ones of every source kind.
fn broken_catalog(root: &Path) -> PathBuf {
    let catalog = root.join("catalog");
    fs::create_dir_all(&catalog).expect("mkdir");
    copy_tree(&fixture("builtins-map"), &catalog.join("map"));
    copy_tree(&fixture("api-core"), &catalog.join("api-core"));
    tiny_app(&catalog.join("tiny"), "tiny");
    // Archives: a zip with the app in a top folder, a tar.gz with an entry that climbs out.
    let staging = root.join("staging");
    tiny_app(&staging.join("zipped"), "zipped");
    zip_folder(
        &staging.join("zipped"),
        &catalog.join("zipped.zip"),
        "zipped-main",
    );
    tiny_app(&staging.join("tarred"), "tarred");
    tar_gz_folder(
        &staging.join("tarred"),
        &catalog.join("tarred.tar.gz"),
        &[("../escaped.txt", "outside")],
    );
    fs::write(
        catalog.join("corrupt.zip"),
        b"PK\x03\x04 this is no zip archive",
    )
    .expect("write");
    // Broken apps.
    tiny_app(&catalog.join("bad-json"), "bad");
    fs::write(
        catalog.join("bad-json/app.json"),
        "{ \"pages\": [\"pages/index/index\" ",
    )
    .expect("write");
    tiny_app(&catalog.join("bad-wxml"), "bad");
    fs::write(
        catalog.join("bad-wxml/pages/index/index.wxml"),
        "<view>\n  <text>unclosed\n</view",
    )
    .expect("write");
    tiny_app(&catalog.join("missing-component"), "missing");
    fs::write(
        catalog.join("missing-component/pages/index/index.json"),
        "{ \"usingComponents\": { \"card\": \"/components/card/card\" } }",
    )
    .expect("write");
    tiny_app(&catalog.join("panics"), "panics");
    tiny_app(&catalog.join("slow"), "slow");
    catalog
}

fn apps_by_name(report: &Value) -> std::collections::BTreeMap<String, Value> {
    report["apps"]
        .as_array()
        .expect("apps")
        .iter()
        .map(|a| (a["name"].as_str().expect("name").to_string(), a.clone()))
        .collect()
}

fn codes_of(app: &Value) -> Vec<String> {
    app["diagnostics"]["list"]
        .as_array()
        .expect("list")
        .iter()
        .map(|d| d["code"].as_str().expect("code").to_string())
        .collect()
}

/// Validates `instance` against the JSON Schema at `schema`, listing every error.
fn validate(schema: &Path, instance: &Value) {
    validate_with(&read_json(schema), instance);
}

fn validate_with(schema: &Value, instance: &Value) {
    let validator = jsonschema::validator_for(schema).expect("a valid schema");
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "schema errors:\n{}", errors.join("\n"));
}

/// SARIF 2.1.0's schema writes two `pattern`s (`language`) with a bare `]`, a literal in
/// ECMAScript's regexes that the meta-schema check of `jsonschema` refuses; escaped, they mean
/// the same. Nothing else of the schema is touched.
fn escape_bare_brackets(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                match item {
                    Value::String(pattern) if key == "pattern" => {
                        *pattern = pattern.replace("}]?$", "}\\]?$");
                    }
                    _ => escape_bare_brackets(item),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(escape_bare_brackets),
        _ => {}
    }
}

/// Validates `log` against SARIF 2.1.0's official schema.
fn validate_sarif(log: &Value) {
    let mut schema = read_json(&sarif_schema());
    escape_bare_brackets(&mut schema);
    validate_with(&schema, log);
}

/// SARIF 2.1.0's official schema, shipped by the npm package `@microsoft/jest-sarif` (a dev
/// dependency in package.json; `npm ci` installs it).
fn sarif_schema() -> PathBuf {
    if let Some(path) = std::env::var_os("MINIPORT_SARIF_SCHEMA") {
        return PathBuf::from(path);
    }
    let path =
        workspace().join("node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
    assert!(
        path.is_file(),
        "{} is missing: run `npm ci` (SARIF 2.1.0's schema comes from @microsoft/jest-sarif)",
        path.display()
    );
    path
}

#[test]
fn a_catalog_with_broken_apps_converts_every_other_app_and_reports_the_broken_ones() {
    let tmp = tempfile::tempdir().expect("tmp");
    let catalog = broken_catalog(tmp.path());
    let out = tmp.path().join("out");
    let junit = tmp.path().join("junit.xml");
    let started = std::time::Instant::now();
    let run = run(
        &[
            "batch",
            path(&catalog),
            "-o",
            path(&out),
            "--jobs",
            "2",
            "--app-timeout",
            "4",
            "--format",
            "sarif",
            "--junit",
            path(&junit),
        ],
        &[
            ("MINIPORT_TEST_PANIC_APP", "panics"),
            ("MINIPORT_TEST_SLOW_APP", "slow=30"),
        ],
    );
    let elapsed = started.elapsed();
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let report = read_json(&out.join("report.json"));
    let apps = apps_by_name(&report);
    let status = |name: &str| apps[name]["status"].as_str().expect("status").to_string();
    for good in ["api-core", "map", "tiny", "zipped"] {
        assert_eq!(status(good), "converted", "{good}: {:#}", apps[good]);
        assert!(
            out.join("apps").join(good).join("index.html").is_file(),
            "{good}"
        );
    }
    let expected = [
        ("bad-json", "failed", codes::JSON_SYNTAX.name),
        (
            "bad-wxml",
            "converted-with-errors",
            codes::WXML_BAD_END_TAG.name,
        ),
        (
            "missing-component",
            "converted-with-errors",
            codes::PROJECT_MISSING_COMPONENT.name,
        ),
        ("panics", "panicked", codes::BATCH_APP_PANICKED.name),
        ("slow", "timed-out", codes::BATCH_APP_TIMEOUT.name),
        ("corrupt", "failed", codes::BATCH_BAD_ARCHIVE.name),
        (
            "tarred",
            "converted-with-errors",
            codes::BATCH_ARCHIVE_ENTRY_ESCAPES.name,
        ),
    ];
    for (name, want, code) in expected {
        assert_eq!(status(name), want, "{name}: {:#}", apps[name]);
        assert!(
            codes_of(&apps[name]).iter().any(|c| c == code),
            "{name}: {:?}",
            codes_of(&apps[name])
        );
        let written = out.join("apps").join(name).is_dir();
        assert_eq!(
            written,
            want == "converted-with-errors",
            "{name}: output written = {written}"
        );
    }
    assert_eq!(apps.len(), 11);
    assert_eq!(report["totals"]["statuses"]["converted"], 4);
    assert_eq!(report["totals"]["statuses"]["timed-out"], 1);
    // The located diagnostic of the WXML error, and the escaping entry written nowhere.
    let wxml_error = apps["bad-wxml"]["diagnostics"]["list"]
        .as_array()
        .expect("list")
        .iter()
        .find(|d| d["code"] == codes::WXML_BAD_END_TAG.name)
        .cloned()
        .expect("the WXML error");
    assert_eq!(wxml_error["file"], "pages/index/index.wxml");
    assert!(wxml_error["line"].as_u64().is_some(), "{wxml_error}");
    let everything: Vec<String> = common::files_under(tmp.path())
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert!(
        !everything.iter().any(|p| p.ends_with("escaped.txt")),
        "{everything:?}"
    );
    assert!(
        !everything.iter().any(|p| p.contains("miniport-tmp")),
        "a temporary folder was left: {everything:?}"
    );
    // The run did not wait for the slow app.
    assert!(
        elapsed < std::time::Duration::from_secs(30),
        "the run took {elapsed:?}"
    );

    validate(&workspace().join("docs/batch-report.schema.json"), &report);
    let sarif = read_json(&out.join("report.sarif"));
    validate_sarif(&sarif);
    let located = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["ruleId"] == codes::WXML_BAD_END_TAG.name)
        .cloned()
        .expect("the WXML error in SARIF");
    let location = &located["locations"][0]["physicalLocation"];
    let catalog_uri = path(&catalog).trim_start_matches('/').to_string();
    assert_eq!(
        location["artifactLocation"]["uri"],
        format!("file:///{catalog_uri}/bad-wxml/pages/index/index.wxml")
    );
    assert_eq!(location["region"]["startLine"], wxml_error["line"]);

    let junit = fs::read_to_string(&junit).expect("junit");
    assert_eq!(junit.matches("<testcase ").count(), 11, "{junit}");
    assert!(
        junit.contains("tests=\"11\" failures=\"3\" errors=\"4\""),
        "{junit}"
    );

    // --fail-on never: the same catalog exits 0.
    let out2 = tmp.path().join("out2");
    let never = self::run(
        &[
            "batch",
            path(&catalog),
            "-o",
            path(&out2),
            "--fail-on",
            "never",
            "--quiet",
        ],
        &[("MINIPORT_TEST_PANIC_APP", "panics")],
    );
    assert_eq!(never.status.code(), Some(0), "{}", stderr(&never));
    assert!(
        stderr(&never).is_empty(),
        "--quiet printed: {}",
        stderr(&never)
    );
}

/// `report.json` without the one field that differs between runs (`seconds`).
fn without_seconds(mut report: Value) -> Value {
    for app in report["apps"].as_array_mut().expect("apps") {
        app.as_object_mut().expect("app").remove("seconds");
    }
    report
}

/// The app outputs under `<out>/apps`, by path.
fn apps_tree(out: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    tree(&out.join("apps"))
}

#[test]
fn output_is_identical_for_one_and_two_jobs_and_for_merged_shards() {
    let tmp = tempfile::tempdir().expect("tmp");
    let catalog = tmp.path().join("catalog");
    for name in ["style-sets", "api-core", "builtins-map", "bench-list"] {
        copy_tree(&fixture(name), &catalog.join(name));
    }
    for i in 0..4 {
        tiny_app(&catalog.join(format!("tiny-{i}")), &format!("tiny {i}"));
    }
    tiny_app(&catalog.join("bad-json"), "bad");
    fs::write(catalog.join("bad-json/app.json"), "{").expect("write");

    let batch = |out: &Path, extra: &[&str], env: &[(&str, &str)]| {
        let mut args = vec!["batch", path(&catalog), "-o", path(out)];
        args.extend_from_slice(extra);
        let run = run(&args, env);
        assert!(matches!(run.status.code(), Some(0 | 1)), "{}", stderr(&run));
        run
    };
    let one = tmp.path().join("one");
    let two = tmp.path().join("two");
    batch(&one, &["--jobs", "1"], &[]);
    batch(&two, &["--jobs", "2"], &[]);
    let single = without_seconds(read_json(&one.join("report.json")));
    assert_eq!(single, without_seconds(read_json(&two.join("report.json"))));
    assert_eq!(single["apps"].as_array().map(Vec::len), Some(9));
    let reference = apps_tree(&one);
    assert!(reference.len() > 50, "too few files: {}", reference.len());
    assert!(
        reference == apps_tree(&two),
        "--jobs 1 and --jobs 2 wrote different apps"
    );

    // Three shards: one by flag, two by the Kubernetes-style environment.
    let mut reports = Vec::new();
    let mut sharded = std::collections::BTreeMap::new();
    let mut sizes = Vec::new();
    for index in 0..3 {
        let out = tmp.path().join(format!("shard-{index}"));
        let i = index.to_string();
        if index == 0 {
            batch(&out, &["--shard", "0/3", "--jobs", "2"], &[]);
        } else {
            batch(
                &out,
                &["--jobs", "2"],
                &[("JOB_COMPLETION_INDEX", &i), ("MINIPORT_SHARD_COUNT", "3")],
            );
        }
        let report = read_json(&out.join("report.json"));
        assert_eq!(report["shard"]["index"], index);
        sizes.push(report["apps"].as_array().map_or(0, Vec::len));
        sharded.extend(apps_tree(&out));
        reports.push(out.join("report.json"));
    }
    assert_eq!(sizes.iter().sum::<usize>(), 9, "shards hold {sizes:?}");
    assert!(
        sizes.iter().filter(|n| **n > 0).count() >= 2,
        "one shard holds all: {sizes:?}"
    );
    assert!(
        sharded == reference,
        "the shards wrote other apps than one run"
    );
    let merged_path = tmp.path().join("merged.json");
    // In another order than the shards' numbers: the merge sorts.
    let merge = run(
        &[
            "report",
            "merge",
            path(&reports[2]),
            path(&reports[0]),
            path(&reports[1]),
            "-o",
            path(&merged_path),
        ],
        &[],
    );
    assert_eq!(
        merge.status.code(),
        Some(1),
        "bad-json fails the merged run: {}",
        stderr(&merge)
    );
    let merged = without_seconds(read_json(&merged_path));
    assert_eq!(merged, single, "merged shards differ from one run");
    validate(
        &workspace().join("docs/batch-report.schema.json"),
        &read_json(&merged_path),
    );

    // A missing shard is refused.
    let partial = run(
        &[
            "report",
            "merge",
            path(&reports[0]),
            path(&reports[1]),
            "-o",
            path(&tmp.path().join("p.json")),
        ],
        &[],
    );
    assert_eq!(partial.status.code(), Some(2));
    assert!(
        stderr(&partial).contains("shards 2/3 are missing"),
        "{}",
        stderr(&partial)
    );
}

#[test]
fn ci_progress_is_plain_lines_without_control_codes() {
    let tmp = tempfile::tempdir().expect("tmp");
    let catalog = tmp.path().join("catalog");
    for i in 0..3 {
        tiny_app(&catalog.join(format!("app-{i}")), "x");
    }
    fs::create_dir_all(catalog.join("not-an-app")).expect("mkdir");
    fs::write(catalog.join("not-an-app/readme.txt"), "no app here").expect("write");
    let out = tmp.path().join("out");
    let run = run(
        &["batch", path(&catalog), "-o", path(&out)],
        &[("CI", "true")],
    );
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        !err.chars().any(|c| c.is_control() && c != '\n'),
        "control codes in CI progress: {err:?}"
    );
    assert!(err.contains("[4/4] 100%"), "{err}");
    assert!(err.contains("not-an-app: failed:"), "{err}");
    assert!(err.contains(codes::PROJECT_NOT_FOUND.name), "{err}");
    assert!(err.contains("batch: 4 apps"), "{err}");
}

#[test]
fn a_list_file_names_its_apps_and_its_bad_lines_are_reported_where_they_are() {
    let tmp = tempfile::tempdir().expect("tmp");
    tiny_app(&tmp.path().join("src/one"), "one");
    tiny_app(&tmp.path().join("src/two"), "two");
    let list = tmp.path().join("apps.jsonl");
    fs::write(
        &list,
        "{\"path\": \"src/one\"}\n{\"path\": \"src/two\", \"name\": \"second\"}\nnot json\n{\"path\": \"src/gone\"}\n",
    )
    .expect("write");
    let out = tmp.path().join("out");
    let run = run(&["batch", path(&list), "-o", path(&out), "--quiet"], &[]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let report = read_json(&out.join("report.json"));
    let apps = apps_by_name(&report);
    assert_eq!(
        apps.keys().collect::<Vec<_>>(),
        vec!["gone", "one", "second"]
    );
    assert_eq!(apps["second"]["source"], "src/two");
    assert_eq!(apps["gone"]["status"], "failed");
    assert_eq!(codes_of(&apps["gone"]), vec![codes::BATCH_MISSING_APP.name]);
    assert!(out.join("apps/second/index.html").is_file());
    let bad = &report["catalog"]["diagnostics"][0];
    assert_eq!(bad["code"], codes::BATCH_BAD_LIST_LINE.name);
    assert_eq!(bad["file"], "apps.jsonl");
    assert_eq!(
        (bad["line"].as_u64(), bad["column"].as_u64()),
        (Some(3), Some(1))
    );
    validate(&workspace().join("docs/batch-report.schema.json"), &report);
}

#[test]
fn the_output_folder_may_not_be_inside_the_catalog_nor_a_foreign_folder() {
    let tmp = tempfile::tempdir().expect("tmp");
    let catalog = tmp.path().join("catalog");
    tiny_app(&catalog.join("a"), "a");
    let inside = run(
        &["batch", path(&catalog), "-o", path(&catalog.join("out"))],
        &[],
    );
    assert_eq!(inside.status.code(), Some(2));
    assert!(
        stderr(&inside).contains(codes::CLI_BAD_OUTPUT.name),
        "{}",
        stderr(&inside)
    );
    assert!(!catalog.join("out").exists(), "wrote into the catalog");
    let foreign = tmp.path().join("foreign");
    fs::create_dir_all(&foreign).expect("mkdir");
    fs::write(foreign.join("keep.txt"), "mine").expect("write");
    let refused = run(&["batch", path(&catalog), "-o", path(&foreign)], &[]);
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(fs::read_dir(&foreign).expect("ls").count(), 1);
    let bad_shard = run(
        &[
            "batch",
            path(&catalog),
            "-o",
            path(&tmp.path().join("o")),
            "--shard",
            "2/2",
        ],
        &[],
    );
    assert_eq!(bad_shard.status.code(), Some(2));
    assert!(
        stderr(&bad_shard).contains(codes::CLI_BAD_SHARD.name),
        "{}",
        stderr(&bad_shard)
    );
}

#[test]
fn convert_prints_sarif_located_on_the_source_lines() {
    let tmp = tempfile::tempdir().expect("tmp");
    let app = tmp.path().join("app");
    tiny_app(&app, "x");
    fs::write(app.join("pages/index/index.wxml"), "<view>\n<text>a</view>").expect("write");
    let run = run(
        &[
            "convert",
            path(&app),
            "-o",
            path(&tmp.path().join("out")),
            "--format",
            "sarif",
        ],
        &[],
    );
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let sarif: Value = serde_json::from_slice(&run.stdout).expect("SARIF on stdout");
    validate_sarif(&sarif);
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let mismatched = results
        .iter()
        .find(|r| r["level"] == "error")
        .expect("an error result");
    let location = &mismatched["locations"][0]["physicalLocation"];
    assert!(
        location["artifactLocation"]["uri"]
            .as_str()
            .is_some_and(|u| u.ends_with("/app/pages/index/index.wxml")),
        "{location}"
    );
    assert_eq!(location["region"]["startLine"], 2, "{mismatched:#}");
}

/// Each app's `cache` field in `report`, by name.
fn cache_states(report: &Value) -> std::collections::BTreeMap<String, String> {
    apps_by_name(report)
        .into_iter()
        .map(|(name, app)| (name, app["cache"].as_str().unwrap_or("-").to_string()))
        .collect()
}

#[test]
fn the_cache_gives_unchanged_apps_back_identical_and_reconverts_a_changed_one() {
    let tmp = tempfile::tempdir().expect("tmp");
    let catalog = tmp.path().join("catalog");
    copy_tree(&fixture("builtins-map"), &catalog.join("map"));
    tiny_app(&catalog.join("a"), "a");
    tiny_app(&catalog.join("b"), "b");
    tiny_app(&catalog.join("bad-json"), "bad");
    fs::write(catalog.join("bad-json/app.json"), "{").expect("write");
    let cache = tmp.path().join("cache");
    let batch = |out: &Path, extra: &[&str]| {
        let mut args = vec![
            "batch",
            path(&catalog),
            "-o",
            path(out),
            "--cache",
            path(&cache),
        ];
        args.extend_from_slice(extra);
        let run = run(&args, &[("CI", "true")]);
        assert!(
            run.status.code().is_some_and(|c| c <= 1),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        read_json(&out.join("report.json"))
    };

    let cold_out = tmp.path().join("cold");
    let cold = batch(&cold_out, &[]);
    let states = |pairs: &[(&str, &str)]| -> std::collections::BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    assert_eq!(
        cache_states(&cold),
        states(&[
            ("a", "miss"),
            ("b", "miss"),
            ("bad-json", "-"),
            ("map", "miss")
        ]),
        "a failed app is neither stored nor looked up"
    );
    validate(&workspace().join("docs/batch-report.schema.json"), &cold);

    let warm_out = tmp.path().join("warm");
    let warm = batch(&warm_out, &[]);
    assert_eq!(
        cache_states(&warm),
        states(&[
            ("a", "hit"),
            ("b", "hit"),
            ("bad-json", "-"),
            ("map", "hit")
        ])
    );
    assert_eq!(
        apps_tree(&warm_out),
        apps_tree(&cold_out),
        "outputs from the cache are the converted ones"
    );
    let strip = |report: Value| {
        let mut report = without_seconds(report);
        for app in report["apps"].as_array_mut().expect("apps") {
            app.as_object_mut().expect("app").remove("cache");
        }
        report
    };
    assert_eq!(
        strip(warm.clone()),
        strip(cold.clone()),
        "records from the cache are the converted ones"
    );
    validate(&workspace().join("docs/batch-report.schema.json"), &warm);

    // One changed file: that app alone is converted again, and its output follows the change.
    fs::write(
        catalog.join("b/pages/index/index.wxss"),
        ".t { font-size: 30rpx; }",
    )
    .expect("write");
    let changed_out = tmp.path().join("changed");
    let changed = batch(&changed_out, &[]);
    assert_eq!(
        cache_states(&changed),
        states(&[
            ("a", "hit"),
            ("b", "miss"),
            ("bad-json", "-"),
            ("map", "hit")
        ])
    );
    let css = |out: &Path| {
        fs::read_to_string(out.join("apps/b/pages/index/index.css")).unwrap_or_default()
    };
    assert_ne!(css(&changed_out), css(&cold_out));

    // Other options are other keys; a damaged entry is a miss that is written again.
    let minified = batch(&tmp.path().join("minified"), &["--minify"]);
    assert!(cache_states(&minified)
        .values()
        .all(|s| s == "miss" || s == "-"));
    for entry in walkdir(&cache) {
        fs::write(&entry, b"miniport-cache 1\n\x05").expect("damage");
    }
    let damaged = batch(&tmp.path().join("damaged"), &[]);
    assert_eq!(
        cache_states(&damaged),
        states(&[
            ("a", "miss"),
            ("b", "miss"),
            ("bad-json", "-"),
            ("map", "miss")
        ])
    );
    let again = batch(&tmp.path().join("again"), &[]);
    assert_eq!(cache_states(&again)["a"], "hit");
}

/// Every file under `dir`.
fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(walkdir(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn the_cache_may_not_be_inside_the_catalog() {
    let tmp = tempfile::tempdir().expect("tmp");
    let catalog = tmp.path().join("catalog");
    tiny_app(&catalog.join("a"), "a");
    let out = tmp.path().join("out");
    let inside = catalog.join("cache");
    let run = run(
        &[
            "batch",
            path(&catalog),
            "-o",
            path(&out),
            "--cache",
            path(&inside),
        ],
        &[],
    );
    assert_eq!(
        run.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(String::from_utf8_lossy(&run.stderr).contains("is inside the catalog"));
    assert!(!inside.exists(), "nothing is created in the catalog");
}

#[test]
fn the_runtime_is_written_once_and_linked_into_every_app_with_the_bytes_convert_writes() {
    use std::os::unix::fs::MetadataExt;
    let tmp = tempfile::tempdir().expect("tmp");
    let catalog = tmp.path().join("catalog");
    tiny_app(&catalog.join("a"), "a");
    tiny_app(&catalog.join("b"), "b");
    let out = tmp.path().join("out");
    let run = run(&["batch", path(&catalog), "-o", path(&out), "--quiet"], &[]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));

    let store = out.join(".miniport-runtime/miniport/index.js");
    let inode = |p: &Path| {
        fs::metadata(p)
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
            .ino()
    };
    for app in ["a", "b"] {
        assert_eq!(
            inode(&out.join(format!("apps/{app}/miniport/index.js"))),
            inode(&store)
        );
    }
    // Linked or written, an app's folder is what `miniport convert` writes for it.
    let alone = tmp.path().join("alone");
    let converted = run_convert(&catalog.join("a"), &alone);
    assert_eq!(converted.status.code(), Some(0), "{}", stderr(&converted));
    let mut batch_tree = tree(&out.join("apps/a"));
    let mut convert_tree = tree(&alone);
    for t in [&mut batch_tree, &mut convert_tree] {
        t.remove(".miniport-output");
    }
    assert_eq!(batch_tree, convert_tree);
}

fn run_convert(src: &Path, out: &Path) -> Output {
    run(&["convert", path(src), "-o", path(out)], &[])
}
