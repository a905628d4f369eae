//! The runtime's API table (`runtime-shim/src/api/table.js`) is generated from the plan in the
//! steering repository (`../shared/wx-api-map.tsv`, beside the repository): when that file is
//! there, the table must match it. `MINIPORT_UPDATE_API_TABLE=1` rewrites the table from it.

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
        let body: String = rows
            .iter()
            .map(|r| {
                format!(
                    "  {},\n",
                    serde_json::to_string(r)
                        .expect("json")
                        .replace("\",\"", "\", \"")
                )
            })
            .collect();
        std::fs::write(&table_path, format!("{head}{body}{tail}")).expect("write table");
        return;
    }
    let parsed = miniport::script::table::parse(&table);
    assert_eq!(
        parsed.len(),
        rows.len(),
        "regenerate with MINIPORT_UPDATE_API_TABLE=1"
    );
    for [name, group, status] in &rows {
        let entry = parsed
            .get(name)
            .unwrap_or_else(|| panic!("{name} missing from table.js"));
        assert_eq!((&entry.group, &entry.status), (group, status), "{name}");
    }
}
