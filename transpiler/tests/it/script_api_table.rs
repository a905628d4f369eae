//! The runtime's API table (`runtime-shim/src/api/table.js`) is generated from the plan in the
//! steering repository (`../shared/wx-api-map.tsv`, beside the repository): when that file is
//! there, the table must match it. `MINIPORT_UPDATE_API_TABLE=1` rewrites the table from it.

use std::collections::BTreeMap;
use std::path::Path;

#[test]
fn runtime_api_table_matches_the_shared_api_map() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let Ok(tsv) = std::fs::read_to_string(root.join("../shared/wx-api-map.tsv")) else {
        eprintln!("skipped: ../shared/wx-api-map.tsv is not beside the repository");
        return;
    };
    let mut rows: Vec<[String; 3]> = tsv
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() >= 3).then(|| [f[0].to_string(), f[1].to_string(), f[2].to_string()])
        })
        .collect();
    rows.sort();
    let table_path = root.join("runtime-shim/src/api/table.js");
    let table = std::fs::read_to_string(&table_path).expect("table.js");
    if std::env::var_os("MINIPORT_UPDATE_API_TABLE").is_some() {
        let head: String = table
            .lines()
            .take_while(|l| !l.starts_with("  ["))
            .map(|l| format!("{l}\n"))
            .collect();
        let tail: String = table
            .lines()
            .skip_while(|l| !l.starts_with("];"))
            .map(|l| format!("{l}\n"))
            .collect();
        // One block per status, its names sorted, one a line (the group is the plan's, for docs/wx-apis.md).
        let mut blocks: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for [name, _, status] in &rows {
            blocks.entry(status).or_default().push(name);
        }
        let body: String = blocks
            .iter()
            .map(|(status, names)| format!("  ['{status}', `\n{}\n`],\n", names.join("\n")))
            .collect();
        std::fs::write(&table_path, format!("{head}{body}{tail}")).expect("write table");
        return;
    }
    let parsed = miniport::wechat::api_table::parse(&table);
    assert_eq!(
        parsed.len(),
        rows.len(),
        "regenerate with MINIPORT_UPDATE_API_TABLE=1"
    );
    for [name, _, status] in &rows {
        let entry = parsed
            .get(name)
            .unwrap_or_else(|| panic!("{name} missing from table.js"));
        assert_eq!(&entry.status, status, "{name}");
    }
}

/// `docs/wx-apis.md`: every API with its planned mapping (from the shared plan) and whether the
/// runtime implements it (`runtime-shim/implemented-apis.txt`). Checked when the plan is
/// beside the repository; `MINIPORT_UPDATE_API_TABLE=1` rewrites it.
#[test]
fn api_mapping_document_matches_the_plan_and_the_runtime() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let Ok(tsv) = std::fs::read_to_string(root.join("../shared/wx-api-map.tsv")) else {
        eprintln!("skipped: ../shared/wx-api-map.tsv is not beside the repository");
        return;
    };
    let cell = |s: &str| s.replace('|', "\\|").trim().to_string();
    let mut rows: Vec<Vec<&str>> = tsv
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|f| f.len() >= 4)
        .collect();
    rows.sort_by(|a, b| (a[1], a[0]).cmp(&(b[1], b[0])));
    let mut doc = String::from(
        "# wx.* in miniport: what maps to what\n\n\
         Generated from the API plan and `runtime-shim/implemented-apis.txt` by\n\
         `transpiler/tests/it/script_api_table.rs` (`MINIPORT_UPDATE_API_TABLE=1` rewrites it).\n\
         \"maps to\": `telegram` (the Telegram bridge), `web` (a web platform API), `emulate`\n\
         (emulated in the page), `unsupported` (fails through `fail`/`complete` with a clear\n\
         `errMsg`). \"in miniport\": **yes** when the runtime implements it; otherwise the call\n\
         fails the WeChat way (asynchronous calls through `fail`/`complete` and a rejected\n\
         promise, `*Sync` calls by throwing, factories with objects whose methods fail).\n\n\
         | API | group | maps to | through | in miniport |\n|---|---|---|---|---|\n",
    );
    for f in &rows {
        let done = miniport::wechat::api_table::implemented(f[0]);
        let state = if done {
            "**yes**"
        } else if f[2] == "unsupported" {
            "fails (unsupported)"
        } else {
            "not yet (fails)"
        };
        doc.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            f[0],
            cell(f[1]),
            cell(f[2]),
            cell(f[3]),
            state
        ));
    }
    let path = root.join("docs/wx-apis.md");
    if std::env::var_os("MINIPORT_UPDATE_API_TABLE").is_some() {
        std::fs::create_dir_all(root.join("docs")).expect("docs");
        std::fs::write(&path, &doc).expect("write docs/wx-apis.md");
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == doc,
        "docs/wx-apis.md is out of date: regenerate with MINIPORT_UPDATE_API_TABLE=1 cargo test -p miniport --test it script_api_table"
    );
}
