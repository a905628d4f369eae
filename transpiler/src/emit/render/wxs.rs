//! WXS modules → JavaScript module factories. A `.wxs` file becomes `<path>.wxs.js`, whose
//! default export is `function (module, exports, require, getRegExp, getDate) { <source> }`
//! with `.requires` mapping each `require("…")` literal to the imported factory; inline
//! `<wxs>` code becomes the same function inside the template module. The runtime's
//! `$.wxs(factory)` runs a factory once and caches its `module.exports`, as WeChat does.

use super::expr::string;
use crate::project::{relative_url, FileSet};

/// Output path of the module compiled from `wxs` (`utils/a.wxs` → `utils/a.wxs.js`).
pub fn wxs_module_path(wxs: &str) -> String {
    format!("{wxs}.js")
}

/// The string literals passed to `require(…)` in `source`, in order, each once.
pub fn requires(source: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = source;
    while let Some(i) = rest.find("require") {
        let before = &source[..source.len() - rest.len() + i];
        rest = &rest[i + "require".len()..];
        if before
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == '.')
        {
            continue;
        }
        let args = rest.trim_start();
        let Some(args) = args.strip_prefix('(') else {
            continue;
        };
        let args = args.trim_start();
        let Some(quote) = args.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        if let Some(end) = args[1..].find(quote) {
            let spec = args[1..1 + end].to_string();
            if !out.contains(&spec) {
                out.push(spec);
            }
        }
    }
    out
}

/// The import lines and the `requires` table of a factory whose code is in the file `from`
/// and is emitted at `out`; `prefix` names the imported factories.
pub fn require_table(
    source: &str,
    from: &str,
    out: &str,
    files: &FileSet,
    prefix: &str,
) -> (Vec<String>, String) {
    let mut imports = Vec::new();
    let mut table = Vec::new();
    for spec in requires(source) {
        let Some(target) = FileSet::resolve(from, &spec).filter(|t| files.contains(t)) else {
            continue;
        };
        let name = format!("{prefix}{}", imports.len());
        let url = relative_url(out, &wxs_module_path(&target));
        imports.push(format!("import {name} from {};", string(&url)));
        table.push(format!("{}: {name}", string(&spec)));
    }
    (imports, format!("{{{}}}", table.join(", ")))
}

/// The factory function of a WXS source.
pub fn factory(source: &str) -> String {
    format!(
        "function (module, exports, require, getRegExp, getDate) {{\n{}\n}}",
        source.trim_end()
    )
}

/// The JS module of the `.wxs` file `path`.
pub fn wxs_module(path: &str, source: &str, files: &FileSet) -> String {
    let out = wxs_module_path(path);
    let (imports, table) = require_table(source, path, &out, files, "r");
    let mut code = format!(
        "// {path}, compiled by miniport: a WXS module factory, run once by the runtime's wxs().\n"
    );
    for line in imports {
        code.push_str(&line);
        code.push('\n');
    }
    code.push_str(&format!("const wxs = {};\n", factory(source)));
    code.push_str(&format!("wxs.requires = {table};\nexport default wxs;\n"));
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_require_literals_but_not_lookalikes() {
        let src = "var a = require('./a.wxs');\nvar b = require(\"../b.wxs\"); x.require('no'); myrequire('no')";
        assert_eq!(requires(src), vec!["./a.wxs", "../b.wxs"]);
    }
}
