//! Grouping modules into chunks (the main package, one per subpackage) and writing each chunk:
//! one `__miniportDefine(path, factory, deps)` call per module, in path order, and an index
//! source map whose sections point each module at its original file.

use std::collections::BTreeMap;

use super::deps::Kind;
use super::module::CompiledModule;
use crate::source::{codes, Diagnostic};

/// The global the runtime's registry installs; every chunk calls it once per module.
pub const DEFINE: &str = "__miniportDefine";

/// One emitted chunk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// `None` for the main package, else the subpackage root.
    pub root: Option<String>,
    /// Output path, e.g. `app/main.js` or `app/sub-packageA.js`.
    pub path: String,
    pub code: String,
    /// Index source map (JSON) of `code`.
    pub map: String,
    /// Module paths defined by this chunk, sorted.
    pub modules: Vec<String>,
}

/// The output path of the chunk of `root`.
pub fn chunk_path(root: Option<&str>) -> String {
    match root {
        None => "app/main.js".to_string(),
        Some(root) => format!("app/sub-{}.js", root.replace('/', "-")),
    }
}

/// The subpackage root `source` lies under, if any (the longest that matches).
pub fn package_of<'a>(source: &str, roots: &'a [String]) -> Option<&'a str> {
    roots
        .iter()
        .filter(|r| source.starts_with(&format!("{r}/")))
        .max_by_key(|r| r.len())
        .map(String::as_str)
}

/// Groups `modules` by package and writes the chunks: main first, then subpackages by root.
pub fn build(modules: &[CompiledModule], roots: &[String]) -> Vec<Chunk> {
    let mut groups: BTreeMap<Option<&str>, Vec<&CompiledModule>> = BTreeMap::new();
    groups.insert(None, Vec::new());
    for module in modules {
        groups
            .entry(package_of(&module.source, roots))
            .or_default()
            .push(module);
    }
    groups
        .into_iter()
        .map(|(root, mut members)| {
            members.sort_by(|a, b| a.id.cmp(&b.id));
            write(root, &members)
        })
        .collect()
}

fn write(root: Option<&str>, modules: &[&CompiledModule]) -> Chunk {
    let path = chunk_path(root);
    let name = root.unwrap_or("main");
    let mut code = format!(
        "// miniport chunk `{name}`: {} modules for the runtime's module registry.\n",
        modules.len()
    );
    let mut line = 1usize;
    let mut sections = Vec::new();
    for module in modules {
        let id = json_string(&module.id);
        code.push_str(&format!(
            "{DEFINE}({id}, function (require, module, exports) {{\n"
        ));
        line += 1;
        if let Some(map) = module.map.as_deref().filter(|m| !m.is_empty()) {
            sections.push(format!(
                "{{\"offset\":{{\"line\":{line},\"column\":0}},\"map\":{map}}}"
            ));
        }
        code.push_str(&module.code);
        line += module.code.matches('\n').count();
        if module.deps.is_empty() {
            code.push_str("});\n");
        } else {
            let deps = serde_json::to_string(&module.deps).unwrap_or_else(|_| "{}".into());
            code.push_str(&format!("}}, {deps});\n"));
        }
        line += 1;
    }
    let file = path.rsplit('/').next().unwrap_or(&path);
    code.push_str(&format!("//# sourceMappingURL={file}.map\n"));
    let map = format!(
        "{{\"version\":3,\"file\":{},\"sections\":[{}]}}\n",
        json_string(file),
        sections.join(",")
    );
    Chunk {
        root: root.map(str::to_string),
        path,
        code,
        map,
        modules: modules.iter().map(|m| m.id.clone()).collect(),
    }
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// WeChat's package rule: code of one subpackage cannot `require` code of another
/// subpackage, and the main package cannot `require` subpackage code synchronously
/// (`require.async` loads it). A worker script (the `workers` folder, one of `roots`) can
/// require only modules of its own folder: a worker loads nothing else.
pub fn check_packages(
    modules: &[CompiledModule],
    roots: &[String],
    workers: Option<&str>,
) -> Vec<Diagnostic> {
    let by_id: BTreeMap<&str, &CompiledModule> =
        modules.iter().map(|m| (m.id.as_str(), m)).collect();
    let mut out = Vec::new();
    for module in modules {
        let from = package_of(&module.source, roots);
        for (id, kind, span) in &module.requests {
            let Some(target) = by_id.get(id.as_str()) else {
                continue;
            };
            let to = package_of(&target.source, roots);
            if let Some(root) = workers.filter(|w| from == Some(*w) && to != from) {
                out.push(
                    Diagnostic::of(
                        codes::SCRIPT_WORKER_REQUIRE_OUTSIDE,
                        format!("`{}` is outside the workers folder `{root}`, which is all a worker loads", target.id),
                    )
                    .in_file(&module.source)
                    .with_span(span.clone())
                    .with_hint(format!("WeChat's workers require only files of their own folder: move or copy the module into `{root}`")),
                );
            } else if *kind == Kind::Sync && to.is_some() && to != from {
                out.push(
                    Diagnostic::of(
                        codes::SCRIPT_CROSS_PACKAGE_REQUIRE,
                        format!("`{}` is in the subpackage `{}`, which is not loaded yet when this runs", target.id, to.unwrap_or_default()),
                    )
                    .in_file(&module.source)
                    .with_span(span.clone())
                    .with_hint("use `require.async` for code of another subpackage, or move the module into the main package"),
                );
            }
        }
    }
    out
}
