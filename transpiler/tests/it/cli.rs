//! The `miniport convert` command line: exit codes, the output folder's safety rules,
//! determinism across thread counts, and the JSON format.

use crate::common;

use std::fs;

use common::{convert, copy_tree, fixture, stderr, tree};

#[test]
fn output_is_identical_for_one_and_two_jobs() {
    let tmp = tempfile::tempdir().expect("tmp");
    let one = tmp.path().join("one");
    let two = tmp.path().join("two");
    let showcase = fixture("showcase");
    assert_eq!(
        convert(&showcase, &one, &["--jobs", "1"]).status.code(),
        Some(0)
    );
    assert_eq!(
        convert(&showcase, &two, &["--jobs", "2"]).status.code(),
        Some(0)
    );
    let (a, b) = (tree(&one), tree(&two));
    assert!(a.len() > 10, "too few files: {:?}", a.keys());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(
            b[path] == *bytes,
            "{path} differs between --jobs 1 and --jobs 2"
        );
    }
}

#[test]
fn no_mini_program_exits_2_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let src = tmp.path().join("empty");
    fs::create_dir_all(&src).expect("mkdir");
    fs::write(src.join("readme.txt"), "not an app").expect("write");
    let out = tmp.path().join("out");
    let run = convert(&src, &out, &[]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("project::not-found"),
        "{}",
        stderr(&run)
    );
    assert!(
        !out.exists(),
        "a failed conversion must leave no output folder"
    );
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .expect("ls")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("miniport"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left: {leftovers:?}"
    );
}

#[test]
fn malformed_app_json_exits_2_naming_file_and_line() {
    let tmp = tempfile::tempdir().expect("tmp");
    let src = tmp.path().join("app");
    fs::create_dir_all(&src).expect("mkdir");
    fs::write(
        src.join("app.json"),
        "{\n  \"pages\": [\n    \"pages/a/a\",\n  ]\n}\n",
    )
    .expect("write");
    let out = tmp.path().join("out");
    let run = convert(&src, &out, &[]);
    assert_eq!(run.status.code(), Some(2));
    let err = stderr(&run);
    assert!(err.contains("json::syntax"), "{err}");
    assert!(
        err.contains("app.json:4:"),
        "must name file and line: {err}"
    );
    assert!(!out.exists());
}

#[test]
fn broken_page_exits_1_and_still_writes_the_app() {
    let tmp = tempfile::tempdir().expect("tmp");
    let src = tmp.path().join("app");
    copy_tree(&fixture("showcase"), &src);
    let mut app: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(src.join("app.json")).expect("read"))
            .expect("json");
    app["pages"]
        .as_array_mut()
        .expect("pages")
        .push("pages/missing/missing".into());
    fs::write(
        src.join("app.json"),
        serde_json::to_string_pretty(&app).expect("json"),
    )
    .expect("write");
    let out = tmp.path().join("out");
    let run = convert(&src, &out, &[]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(stderr(&run).contains("project::missing-page"));
    assert!(out.join("index.html").is_file());
    let report: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("report.json")).expect("report")).expect("json");
    let diag = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "project::missing-page")
        .expect("missing-page in report");
    assert_eq!(diag["file"], "app.json");
    assert_eq!(diag["severity"], "error");
    assert!(diag["line"].as_u64().is_some_and(|l| l > 1));
}

#[test]
fn output_inside_input_is_refused() {
    let tmp = tempfile::tempdir().expect("tmp");
    let src = tmp.path().join("app");
    copy_tree(&fixture("showcase"), &src);
    let before = tree(&src);
    let run = convert(&src, &src.join("dist"), &[]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("inside the input"),
        "{}",
        stderr(&run)
    );
    assert_eq!(tree(&src), before, "the input must not be touched");
}

#[test]
fn folder_with_foreign_files_is_not_overwritten() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("precious");
    fs::create_dir_all(&out).expect("mkdir");
    fs::write(out.join("thesis.txt"), "do not delete").expect("write");
    let run = convert(&fixture("showcase"), &out, &[]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        fs::read_to_string(out.join("thesis.txt")).expect("kept"),
        "do not delete"
    );
    assert!(!out.join("index.html").exists());
}

#[test]
fn previous_output_is_replaced_whole() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    assert_eq!(
        convert(&fixture("showcase"), &out, &[]).status.code(),
        Some(0)
    );
    fs::write(out.join("stale.css"), "from an older run").expect("write");
    assert_eq!(
        convert(&fixture("showcase"), &out, &[]).status.code(),
        Some(0)
    );
    assert!(
        !out.join("stale.css").exists(),
        "files of the previous run must go"
    );
    assert!(out.join("index.html").is_file());
}

#[test]
fn conversion_never_touches_the_input() {
    let src = fixture("showcase");
    let before = tree(&src);
    let tmp = tempfile::tempdir().expect("tmp");
    assert_eq!(
        convert(&src, &tmp.path().join("o"), &["--minify"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(tree(&src), before);
}

#[test]
fn json_format_prints_a_machine_readable_summary() {
    let tmp = tempfile::tempdir().expect("tmp");
    let run = convert(
        &fixture("showcase"),
        &tmp.path().join("o"),
        &["--format", "json"],
    );
    assert_eq!(run.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&run.stdout).expect("stdout is JSON");
    assert_eq!(value["status"], "converted");
    assert_eq!(value["summary"]["pages"], 4);
    assert_eq!(value["summary"]["errors"], 0);
}

#[test]
fn bad_arguments_exit_2() {
    let tmp = tempfile::tempdir().expect("tmp");
    let run = convert(
        &fixture("showcase"),
        &tmp.path().join("o"),
        &["--target", "android"],
    );
    assert_eq!(run.status.code(), Some(2));
    let run = convert(
        &fixture("showcase"),
        &tmp.path().join("o"),
        &["--jobs", "0"],
    );
    assert_eq!(run.status.code(), Some(2));
}

#[test]
fn missing_input_folder_exits_2() {
    let tmp = tempfile::tempdir().expect("tmp");
    let run = convert(&tmp.path().join("nope"), &tmp.path().join("o"), &[]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("is not a folder"));
}

#[test]
fn api_option_copies_the_module_and_names_it_in_app_config() {
    let tmp = tempfile::tempdir().expect("tmp");
    let api = tmp.path().join("my-api.js");
    let source = "export default function (wx) { wx.myThing = () => 42; }\n";
    fs::write(&api, source).expect("write");
    let out = tmp.path().join("out");
    let api_arg = api.to_string_lossy().into_owned();
    let run = convert(&fixture("showcase"), &out, &["--api", &api_arg]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(
        fs::read_to_string(out.join("miniport-api.js")).expect("copied"),
        source
    );
    let config = fs::read_to_string(out.join("app-config.js")).expect("config");
    assert!(
        config.contains(r#""apiOverrides":"miniport-api.js""#),
        "{config}"
    );
}

#[test]
fn api_option_without_a_file_exits_2_with_a_message() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    let missing = tmp.path().join("nope.js").to_string_lossy().into_owned();
    let run = convert(&fixture("showcase"), &out, &["--api", &missing]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(stderr(&run).contains("does not exist"), "{}", stderr(&run));
    assert!(!out.exists(), "nothing is written when --api is unusable");

    let folder = tmp.path().to_string_lossy().into_owned();
    let run = convert(&fixture("showcase"), &out, &["--api", &folder]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(stderr(&run).contains("is a folder"), "{}", stderr(&run));

    let binary = tmp.path().join("bin.js");
    fs::write(&binary, [0xff, 0xfe, 0x00, 0x80]).expect("write");
    let binary = binary.to_string_lossy().into_owned();
    let run = convert(&fixture("showcase"), &out, &["--api", &binary]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(stderr(&run).contains("not UTF-8"), "{}", stderr(&run));
}

#[test]
fn extended_lib_option_without_weui_miniprogram_exits_2_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    let empty = tmp.path().join("libs");
    fs::create_dir_all(&empty).expect("mkdir");
    let empty = empty.to_string_lossy().into_owned();
    let run = convert(
        &fixture("extended-lib-app"),
        &out,
        &["--extended-lib", &empty],
    );
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("cli::bad-extended-lib"),
        "{}",
        stderr(&run)
    );
    assert!(
        stderr(&run).contains("holds no `weui-miniprogram`"),
        "{}",
        stderr(&run)
    );
    assert!(
        !out.exists(),
        "nothing is written when --extended-lib is unusable"
    );
}

#[test]
fn without_api_option_app_config_names_no_overrides() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    let run = convert(&fixture("showcase"), &out, &[]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(!out.join("miniport-api.js").exists());
    let config = fs::read_to_string(out.join("app-config.js")).expect("config");
    assert!(!config.contains("apiOverrides"), "{config}");
}

#[test]
fn app_config_carries_the_appid_and_ext_json_for_account_and_ext_apis() {
    let tmp = tempfile::tempdir().expect("tmp");
    let app = tmp.path().join("app");
    copy_tree(&fixture("showcase"), &app);
    fs::write(
        app.join("project.config.json"),
        r#"{"appid": "wx1234", "projectname": "shop"}"#,
    )
    .expect("write");
    fs::write(
        app.join("ext.json"),
        r#"{"extEnable": true, "extAppid": "wx1234", "ext": {"shopId": 9}}"#,
    )
    .expect("write");
    let out = tmp.path().join("out");
    let run = convert(&app, &out, &[]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let config = fs::read_to_string(out.join("app-config.js")).expect("config");
    assert!(config.contains(r#""appId":"wx1234""#), "{config}");
    assert!(config.contains(r#""ext":{"shopId":9}"#), "{config}");
}

#[test]
fn the_workers_folder_is_a_chunk_of_its_own_named_in_app_config() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    let run = convert(&fixture("api-web"), &out, &[]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let config = fs::read_to_string(out.join("app-config.js")).expect("config");
    assert!(
        config.contains(r#""workers":{"chunk":"app/sub-workers.js","root":"workers"}"#)
            || config.contains(r#""workers":{"root":"workers","chunk":"app/sub-workers.js"}"#),
        "{config}"
    );
    assert!(config.contains(r#""packages":{}"#), "{config}");
    let chunk = fs::read_to_string(out.join("app/sub-workers.js")).expect("workers chunk");
    assert!(chunk.contains("workers/echo.js") && chunk.contains("workers/lib/double.js"));
    let main = fs::read_to_string(out.join("app/main.js")).expect("main chunk");
    assert!(
        !main.contains("workers/echo.js"),
        "worker code stays out of the main chunk"
    );
}

#[test]
fn miniport_json_settings_reach_app_config_and_are_not_copied_into_the_output() {
    let tmp = tempfile::tempdir().expect("tmp");
    let app = tmp.path().join("app");
    copy_tree(&fixture("showcase"), &app);
    fs::write(
        app.join("miniport.json"),
        r#"{"telegram": {"customerService": "shop_help_bot"}, "cloudStorageMirror": true}"#,
    )
    .expect("write");
    let out = tmp.path().join("out");
    let run = convert(&app, &out, &[]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let config = fs::read_to_string(out.join("app-config.js")).expect("config");
    assert!(
        config.contains(r#""telegram":{"customerService":"shop_help_bot"}"#),
        "{config}"
    );
    assert!(config.contains(r#""cloudStorageMirror":true"#), "{config}");
    assert!(!out.join("miniport.json").exists());
}

#[test]
fn a_wechat_only_api_is_warned_once_at_its_first_use_and_the_conversion_succeeds() {
    let tmp = tempfile::tempdir().expect("tmp");
    let app = tmp.path().join("app");
    fs::create_dir_all(app.join("pages/index")).expect("mkdir");
    fs::write(app.join("app.json"), r#"{"pages": ["pages/index/index"]}"#).expect("write");
    fs::write(
        app.join("pages/index/index.js"),
        "Page({\n  onLoad() {\n    wx.openBluetoothAdapter();\n    wx.openBluetoothAdapter({});\n    wx.request({ url: 'https://x.test' });\n  },\n});\n",
    )
    .expect("write");
    fs::write(app.join("pages/index/index.wxml"), "<view>hi</view>").expect("write");
    let out = tmp.path().join("out");
    let run = convert(&app, &out, &[]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let text = stderr(&run);
    assert_eq!(text.matches("api::unsupported").count(), 1, "{text}");
    assert!(text.contains("pages/index/index.js:3:5"), "{text}");
    assert!(text.contains("2 uses in all"), "{text}");
    assert!(!text.contains("`wx.request` is"), "{text}");
}

#[test]
fn app_config_names_the_apis_the_scripts_use_unless_one_is_chosen_at_run_time() {
    let tmp = tempfile::tempdir().expect("tmp");
    let app = tmp.path().join("app");
    fs::create_dir_all(app.join("pages/index")).expect("mkdir");
    fs::write(app.join("app.json"), r#"{"pages": ["pages/index/index"]}"#).expect("write");
    fs::write(app.join("pages/index/index.wxml"), "<view>hi</view>").expect("write");
    let page = app.join("pages/index/index.js");
    fs::write(&page, "Page({ onLoad() { if (typeof wx !== 'undefined') wx.showModal({}); const { request } = wx; request({ url: 'https://x.test' }); } });\n").expect("write");
    let out = tmp.path().join("out");
    let run = convert(&app, &out, &[]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let config = fs::read_to_string(out.join("app-config.js")).expect("config");
    assert!(
        config.contains(r#""usedApis":["request","showModal"]"#),
        "{config}"
    );

    for script in [
        "const name = 'showModal';\nPage({ onLoad() { wx[name]({}); } });\n",
        "const promisify = (api) => api;\nPage({ onLoad() { promisify(wx).showModal({}); } });\n",
    ] {
        fs::write(&page, script).expect("write");
        let run = convert(&app, &out, &[]);
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        let config = fs::read_to_string(out.join("app-config.js")).expect("config");
        assert!(config.contains(r#""usedApis":null"#), "{script}: {config}");
        let report: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(out.join("report.json")).expect("report"))
                .expect("json");
        assert_eq!(report["apisDynamic"]["count"], 1, "{report}");
    }
}

#[test]
fn a_worker_script_requiring_a_module_outside_the_workers_folder_is_an_error_at_the_require() {
    let tmp = tempfile::tempdir().expect("tmp");
    let app = tmp.path().join("app");
    copy_tree(&fixture("api-web"), &app);
    fs::create_dir_all(app.join("utils")).expect("mkdir");
    fs::write(app.join("utils/one.js"), "module.exports = 1;\n").expect("write");
    fs::write(
        app.join("workers/bad.js"),
        "const one = require('../utils/one.js');\nworker.onMessage(() => worker.postMessage(one));\n",
    )
    .expect("write");
    let out = tmp.path().join("out");
    let run = convert(&app, &out, &[]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let text = stderr(&run);
    assert!(text.contains("script::worker-require-outside"), "{text}");
    assert!(text.contains("workers/bad.js:1:21"), "{text}");
    assert_eq!(
        text.matches("worker-require-outside").count(),
        1,
        "the folder's own requires are fine: {text}"
    );
}

#[test]
fn time_passes_prints_each_pass_to_stderr_only_when_asked() {
    let tmp = tempfile::tempdir().expect("tmp");
    let showcase = fixture("showcase");
    let timed = std::process::Command::new(env!("CARGO_BIN_EXE_miniport"))
        .args([
            "convert".as_ref(),
            showcase.as_os_str(),
            "-o".as_ref(),
            tmp.path().join("timed").as_os_str(),
        ])
        .env("MINIPORT_TIME_PASSES", "1")
        .env("NO_COLOR", "1")
        .output()
        .expect("run miniport");
    assert_eq!(timed.status.code(), Some(0), "{}", stderr(&timed));
    let text = stderr(&timed);
    let passes: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("time:"))
        .map(|l| l.split("ms").nth(1).unwrap_or_default().trim())
        .collect();
    for pass in [
        "read",
        "load",
        "styles",
        "scripts",
        "wxs",
        "templates",
        "units",
        "emit",
        "write",
    ] {
        assert!(passes.contains(&pass), "{pass} not in {passes:?}");
    }
    let plain = convert(&showcase, &tmp.path().join("plain"), &[]);
    assert!(!stderr(&plain).contains("time:"), "{}", stderr(&plain));
}
